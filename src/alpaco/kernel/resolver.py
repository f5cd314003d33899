"""Powertools' REST resolver with its request state kept per thread.

Powertools keeps the request being resolved on the resolver: the event and Lambda context on the shared
`BaseRouter` class, the matched route and path parameters in `app.context`. That is right on Lambda, where
a process serves one request at a time, but the local gateway calls handlers from a thread pool, and there
two requests in flight would read each other's event, claims and path parameters.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver


class _State(threading.local):
    def __init__(self) -> None:
        self.event: Any = None
        self.lambda_context: Any = None
        self.context: dict[str, Any] = {}


class PerThreadResolver(APIGatewayRestResolver):
    def __init__(self, **kwargs: Any) -> None:
        self._state = _State()
        super().__init__(**kwargs)

    @property
    def current_event(self) -> Any:
        return self._state.event

    @current_event.setter
    def current_event(self, value: Any) -> None:
        self._state.event = value

    @property
    def lambda_context(self) -> Any:
        return self._state.lambda_context

    @lambda_context.setter
    def lambda_context(self, value: Any) -> None:
        self._state.lambda_context = value

    @property
    def context(self) -> dict[str, Any]:
        return self._state.context

    @context.setter
    def context(self, value: dict[str, Any]) -> None:
        self._state.context = value

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        self.current_event = self._to_proxy_event(dict(event))
        self.lambda_context = context
        result: dict[str, Any] = super().resolve(event, context)
        return result
