"""Structured JSON logs and EMF metrics; secrets and user code never reach a log line."""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.logging.types import PowertoolsLogRecord

_SECRET_KEYS = re.compile(
    r"(authorization|token|secret|password|api[_-]?key|cookie|usercode|code_to_execute|"
    r"finaltestcases|expected_output|solutioncode)",
    re.IGNORECASE,
)
_JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*")


def redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: "[redacted]" if _SECRET_KEYS.search(str(k)) else redact(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return _JWT.sub("[redacted-jwt]", value)
    return value


class _RedactingFormatter(LambdaPowertoolsFormatter):
    """Whatever a caller passes as `extra`, tokens, keys and user code never reach the log line."""

    def serialize(self, log: dict[str, Any] | PowertoolsLogRecord) -> str:
        return super().serialize(redact(dict(log)))


def get_logger(service: str) -> Logger:
    return Logger(service=f"alpaco-{service}", logger_formatter=_RedactingFormatter())
