"""The Invoker port: how one service calls another's Lambda synchronously.

Locally the callee runs in-process; the payload still makes a JSON round trip both ways so that
anything that would not survive Lambda's wire format fails here too.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol

from alpaco.kernel.config import get_settings


class InvokeError(Exception):
    """The callee could not be reached or failed outside its own error contract."""


class Invoker(Protocol):
    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]: ...


Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


class LocalInvoker:
    """Calls `alpaco.services.<function>.handler.handler`, resolved by name so the kernel imports no service."""

    def __init__(self, package: str = "alpaco.services") -> None:
        self._package = package
        self._handlers: dict[str, Handler] = {}

    def _handler(self, function: str) -> Handler:
        if not function.isidentifier():
            raise InvokeError(f"unknown function {function!r}")
        if function not in self._handlers:
            try:
                module = importlib.import_module(f"{self._package}.{function}.handler")
            except ImportError as exc:
                raise InvokeError(f"unknown function {function!r}") from exc
            self._handlers[function] = module.handler
        return self._handlers[function]

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        handler = self._handler(function)
        try:
            result = handler(json.loads(json.dumps(payload)), None)
            decoded: dict[str, Any] = json.loads(json.dumps(result))
        except Exception as exc:
            raise InvokeError(f"{function} failed: {type(exc).__name__}") from exc
        return decoded


class LambdaInvoker:
    """A synchronous RequestResponse invoke; a FunctionError becomes InvokeError, never a result."""

    def __init__(self, client: Any, prefix: str) -> None:
        self._client = client
        self._prefix = prefix

    def invoke(self, function: str, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            response = self._client.invoke(
                FunctionName=f"{self._prefix}{function}",
                InvocationType="RequestResponse",
                Payload=json.dumps(payload).encode(),
            )
            body = response["Payload"].read()
        except Exception as exc:
            raise InvokeError(f"{function} could not be invoked: {type(exc).__name__}") from exc
        if response.get("FunctionError"):
            raise InvokeError(f"{function} failed: {response['FunctionError']}")
        decoded: dict[str, Any] = json.loads(body)
        return decoded


@lru_cache(maxsize=1)
def get_invoker() -> Invoker:
    settings = get_settings()
    if settings.invoker == "local":
        return LocalInvoker()
    import boto3

    return LambdaInvoker(
        boto3.client("lambda", region_name=settings.region), settings.lambda_function_prefix
    )
