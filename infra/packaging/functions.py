"""Which Lambda functions exist and how each starts: derived from the route manifest, so a service
added to `alpaco.routes` gets its package (and the infra tests ask for its Terraform) at once.

| kind      | services                                | handler                                  |
|-----------|-----------------------------------------|------------------------------------------|
| rest      | every service with a non-streaming route | `alpaco.services.<name>.handler.handler` |
| direct    | the executor (invoked, never routed)     | `alpaco.services.executor.handler.handler` |
| stream    | every service with a streaming route     | `run.sh` (Lambda Web Adapter starts it)  |
| trigger   | Cognito's post-confirmation trigger      | `post_confirmation.handler`              |
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from alpaco.routes import ROUTES, Route

Kind = Literal["rest", "direct", "stream", "trigger"]

ROOT: Final = Path(__file__).resolve().parents[2]
DIRECT_SERVICES: Final = ("executor",)
STREAM_ENTRY: Final = "alpaco.gateway.lambda_app"
STREAM_HANDLER: Final = "run.sh"
TRIGGER_SOURCE: Final = ROOT / "infra" / "cognito" / "post_confirmation.py"


@dataclass(frozen=True)
class Function:
    name: str
    kind: Kind

    @property
    def handler(self) -> str:
        if self.kind == "stream":
            return STREAM_HANDLER
        if self.kind == "trigger":
            return f"{TRIGGER_SOURCE.stem}.handler"
        return f"alpaco.services.{self.name}.handler.handler"

    @property
    def entry_modules(self) -> tuple[str, ...]:
        """The modules the function imports first; everything else it needs follows from these.
        A stream function also names its service's handler, which the gateway imports by name."""
        if self.kind == "trigger":
            return ()
        service = f"alpaco.services.{self.name}.handler"
        return (STREAM_ENTRY, service) if self.kind == "stream" else (service,)

    @property
    def uses_layer(self) -> bool:
        """The trigger needs only boto3, which the runtime has: it stays independent of our layer."""
        return self.kind != "trigger"


def functions(routes: Sequence[Route] = ROUTES) -> tuple[Function, ...]:
    rest = sorted({route.service for route in routes if not route.streaming})
    stream = sorted({route.service for route in routes if route.streaming})
    return (
        *(Function(name, "rest") for name in rest),
        *(Function(name, "direct") for name in DIRECT_SERVICES),
        *(Function(name, "stream") for name in stream),
        Function("post_confirmation", "trigger"),
    )
