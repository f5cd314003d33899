"""DynamoDB access shared by every repository: the client, plain-value marshalling, pages, cursors.

Cursors are signed so a client can neither forge a start key into another user's partition nor move a
cursor from one list to another. Pages are filled past DynamoDB's Limit-before-Filter, but a request
reads at most the list read budget (`Settings.list_read_budget`): a sparse filter must not let one
anonymous request read a whole index. So a page is short only when the budget ran out, and then its
cursor continues where the reads stopped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config

from alpaco.kernel.config import get_settings
from alpaco.kernel.dynamo_errors import Client
from alpaco.kernel.http import BadRequest
from alpaco.kernel.tables import TableSpec

# DynamoDB refuses an item over 400 KB; `item_bytes` is an estimate, so writers keep 50 KB under.
MAX_ITEM_BYTES: Final = 350_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# DynamoDB answers in milliseconds; botocore's 60 s defaults would hold a request (and a grading's
# slot) for minutes behind a dead or stalled endpoint. Three attempts bound one operation at about
# 3 x (2 + 5) s plus up to 3 s of backoff, and then the request is a 503.
MAX_ATTEMPTS: Final = 3
CONNECT_TIMEOUT_SECONDS: Final = 2.0
READ_TIMEOUT_SECONDS: Final = 5.0

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()
_clients: dict[tuple[str | None, str, str], Client] = {}
_clients_lock = threading.Lock()


def client() -> Client:
    """One boto3 client per endpoint and region; boto3 clients are thread-safe, sessions are not.
    It raises DynamoDB's refusals as our own exceptions (`kernel.dynamo_errors`)."""
    # No client-side parameter validation: DynamoDB validates every request anyway, and walking
    # our items against the model was an eighth of botocore's CPU.
    return _cached_client(
        "requests",
        Config(
            retries={"max_attempts": MAX_ATTEMPTS, "mode": "standard"},
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            read_timeout=READ_TIMEOUT_SECONDS,
            max_pool_connections=32,
            parameter_validation=False,
        ),
    )


def probe_client() -> Client:
    """For health checks: one quick attempt, so that a dead endpoint is reported in about a
    second rather than after the retries a real request deserves."""
    return _cached_client(
        "probe",
        Config(retries={"total_max_attempts": 1}, connect_timeout=1.0, read_timeout=2.0),
    )


def _cached_client(purpose: str, config: Config) -> Client:
    settings = get_settings()
    cache_key = (settings.dynamodb_endpoint, settings.region, purpose)
    with _clients_lock:
        existing = _clients.get(cache_key)
        if existing is None:
            kwargs: dict[str, Any] = {"region_name": settings.region, "config": config}
            if settings.dynamodb_endpoint:
                kwargs["endpoint_url"] = settings.dynamodb_endpoint
                kwargs.setdefault("aws_access_key_id", "local")
                kwargs.setdefault("aws_secret_access_key", "local")
            existing = Client(boto3.session.Session().client("dynamodb", **kwargs))
            _clients[cache_key] = existing
        return existing


def _to_dynamo_value(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Mapping):
        return {k: _to_dynamo_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to_dynamo_value(v) for v in value]
    return value


def _from_dynamo_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _from_dynamo_value(v) for k, v in value.items()}
    if isinstance(value, list | set | frozenset):
        return [_from_dynamo_value(v) for v in value]
    return value


def to_value(value: Any) -> dict[str, Any]:
    return dict(_serializer.serialize(_to_dynamo_value(value)))


def to_item(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: to_value(v) for k, v in item.items() if v is not None}


def from_item(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _from_dynamo_value(_deserializer.deserialize(v)) for k, v in item.items()}


def item_bytes(item: Mapping[str, Any]) -> int:
    """DynamoDB's size rule, rounded up: UTF-8 names and strings, a number one byte per two digits
    plus two, a null or boolean one byte, a list or map three bytes plus one per element."""
    return sum(_text_bytes(name) + _value_bytes(v) for name, v in item.items() if v is not None)


def _value_bytes(value: Any) -> int:
    if isinstance(value, str):
        return _text_bytes(value)
    if isinstance(value, bool) or value is None:
        return 1
    if isinstance(value, int | float | Decimal):
        return len(str(value)) // 2 + 2
    if isinstance(value, list | tuple):
        return 3 + sum(1 + _value_bytes(v) for v in value)
    if isinstance(value, Mapping):
        return 3 + sum(1 + _text_bytes(str(k)) + _value_bytes(v) for k, v in value.items())
    return _text_bytes(str(value))


def _text_bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


class CursorCodec:
    """base64url(JSON) + HMAC-SHA256; the scope ties a cursor to the list that issued it."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def encode(self, key: Mapping[str, Any], scope: str) -> str:
        payload = json.dumps({"k": key, "s": scope}, separators=(",", ":"), sort_keys=True).encode()
        mac = hmac.new(self._secret, payload, hashlib.sha256).digest()[:16]
        return f"{_b64(payload)}.{_b64(mac)}"

    def decode(self, token: str, scope: str) -> dict[str, Any]:
        try:
            body, _, signature = token.partition(".")
            payload = _unb64(body)
            mac = _unb64(signature)
        except (ValueError, binascii.Error) as exc:
            raise BadRequest("Invalid lastEvaluatedKey.") from exc
        expected = hmac.new(self._secret, payload, hashlib.sha256).digest()[:16]
        if not hmac.compare_digest(mac, expected):
            raise BadRequest("Invalid lastEvaluatedKey.")
        data = json.loads(payload)
        if data.get("s") != scope or not isinstance(data.get("k"), dict):
            raise BadRequest("lastEvaluatedKey does not belong to this list.")
        key: dict[str, Any] = data["k"]
        return key


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    if not text or len(text) > 4096:
        raise ValueError("bad cursor length")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cursor_codec() -> CursorCodec:
    return CursorCodec(get_settings().cursor_secret)


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    last_evaluated_key: str | None

    @property
    def count(self) -> int:
        return len(self.items)

    def envelope(self, items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        shown = self.items if items is None else items
        return {"items": shown, "lastEvaluatedKey": self.last_evaluated_key, "count": len(shown)}


@dataclass(frozen=True)
class Query:
    """One list query. Everything that selects items is part of the cursor scope."""

    spec: TableSpec
    key_condition: str
    values: Mapping[str, Any]
    index: str | None = None
    names: Mapping[str, str] | None = None
    filter: str | None = None
    forward: bool = True
    projection: tuple[str, ...] = ()

    def scope(self) -> str:
        material = json.dumps(
            [
                self.spec.logical,
                self.index,
                self.key_condition,
                self.filter,
                self.forward,
                sorted((k, repr(v)) for k, v in self.values.items()),
            ],
            separators=(",", ":"),
        )
        return hashlib.sha256(material.encode()).hexdigest()[:24]


def query_page(query: Query, *, page_size: int, cursor: str | None) -> Page:
    """`page_size` items when that many remain within the read budget, and a cursor whenever more
    may remain: after the last item returned, or where the budget stopped the reads."""
    scope = query.scope()
    codec = cursor_codec()
    start = codec.decode(cursor, scope) if cursor else None
    key_names = query.spec.key_names(query.index)
    request: dict[str, Any] = {
        "TableName": query.spec.name,
        "KeyConditionExpression": query.key_condition,
        "ExpressionAttributeValues": {k: to_value(v) for k, v in query.values.items()},
        "ScanIndexForward": query.forward,
    }
    if query.index:
        request["IndexName"] = query.index
    names = dict(query.names or {})
    if query.projection:
        wanted_attributes = dict.fromkeys([*query.projection, *key_names])
        placeholders = [f"#p{i}" for i in range(len(wanted_attributes))]
        names.update(zip(placeholders, wanted_attributes, strict=True))
        request["ProjectionExpression"] = ", ".join(placeholders)
    if names:
        request["ExpressionAttributeNames"] = names
    if query.filter:
        request["FilterExpression"] = query.filter
    budget = get_settings().list_read_budget
    collected: list[dict[str, Any]] = []
    read = 0
    batch = 4
    while len(collected) <= page_size and read < budget:
        wanted = page_size + 1 - len(collected)
        # A sparse filter matches few of the items read, so each round reads twice as many as the last.
        rows = min(1000, wanted * batch) if query.filter else wanted
        # Limit counts the items read before the filter, so no call reads past the budget.
        request["Limit"] = min(rows, budget - read)
        batch *= 2
        if start:
            request["ExclusiveStartKey"] = start
        response = client().query(**request)
        collected.extend(response.get("Items", []))
        read += int(response.get("ScannedCount", 0))
        start = response.get("LastEvaluatedKey")
        if not start:
            break
    if len(collected) > page_size:
        last = collected[page_size - 1]
        token: str | None = codec.encode({n: last[n] for n in key_names}, scope)
        collected = collected[:page_size]
    elif start:
        token = codec.encode(start, scope)
    else:
        token = None
    return Page(items=[from_item(i) for i in collected], last_evaluated_key=token)
