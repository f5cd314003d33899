"""The grader's settings, read from the environment in one place.

`ALPACO_GRADER_LIMITER` picks the in-flight limiter: `memory` (the default off Lambda) or `dynamodb`
(the default on Lambda, which sets `AWS_LAMBDA_FUNCTION_NAME`); any other name stops start-up.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from alpaco.kernel.config import ConfigurationError

LIMITER_ENV: Final = "ALPACO_GRADER_LIMITER"
LIMITERS: Final = ("memory", "dynamodb")


@dataclass(frozen=True)
class GraderSettings:
    limiter: str = "memory"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> GraderSettings:
        default = "dynamodb" if environ.get("AWS_LAMBDA_FUNCTION_NAME") else "memory"
        limiter = environ.get(LIMITER_ENV, "").strip().lower() or default
        if limiter not in LIMITERS:
            raise ConfigurationError(
                f"{LIMITER_ENV} must be 'memory' or 'dynamodb', not {limiter!r}"
            )
        return cls(limiter=limiter)
