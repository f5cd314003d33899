"""Small kernel pieces: the error body, the CORS policy, SSE framing and heartbeats, the local invoker,
log redaction."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest

from alpaco.kernel import log, sse
from alpaco.kernel.http import (
    ApiError,
    Cors,
    NotFound,
    PayloadTooLarge,
    ServiceUnavailable,
    UnsupportedMediaType,
    vary_on_origin,
)
from alpaco.kernel.invoke import InvokeError, LocalInvoker


def test_error_body_shape() -> None:
    error = NotFound("gone", details={"id": "x"})
    assert error.status == 404
    assert error.body() == {"message": "gone", "code": "not_found", "details": {"id": "x"}}
    assert NotFound("plain").body() == {"message": "plain", "code": "not_found"}


def _descendants(cls: type) -> list[type]:
    return [sub for child in cls.__subclasses__() for sub in (child, *_descendants(child))]


def test_every_error_has_a_distinct_code_and_status() -> None:
    concrete = [cls for cls in _descendants(ApiError) if "code" in vars(cls)]
    assert len({cls.code for cls in concrete}) == len(concrete) >= 10
    assert len({cls.status for cls in concrete}) == len(concrete)
    assert ServiceUnavailable("down", retry_after=2).headers() == {"Retry-After": "2"}
    assert PayloadTooLarge.status == 413
    assert UnsupportedMediaType("json only").body()["code"] == "unsupported_media_type"


APP = "http://localhost:3000"
CORS = Cors(frozenset({APP, "https://alpaco.example"}))


def test_cors_echoes_a_listed_origin_and_nothing_else() -> None:
    assert CORS.headers(APP) == {
        "Access-Control-Allow-Origin": APP,
        "Access-Control-Expose-Headers": "Retry-After",
        "Vary": "Origin",
    }
    assert CORS.headers("https://evil.example") == {"Vary": "Origin"}
    assert CORS.headers("null") == {"Vary": "Origin"}
    assert CORS.headers(None) == {"Vary": "Origin"}
    assert CORS.headers("http://LOCALHOST:3000") == {"Vary": "Origin"}


def test_cors_preflight_grants_methods_and_headers_to_a_listed_origin_only() -> None:
    granted = CORS.preflight(APP, ["PATCH", "GET"])
    assert granted["Access-Control-Allow-Origin"] == APP
    assert granted["Access-Control-Allow-Methods"] == "GET,OPTIONS,PATCH"
    allowed_headers = granted["Access-Control-Allow-Headers"].split(",")
    assert {"Authorization", "Content-Type", "X-Custom-Auth-Token"} <= set(allowed_headers)
    assert int(granted["Access-Control-Max-Age"]) > 0
    refused = CORS.preflight("https://evil.example", ["GET"])
    assert refused == {"Vary": "Origin"}


@pytest.mark.parametrize(
    ("existing", "merged"),
    [(None, "Origin"), ("Accept-Encoding", "Accept-Encoding, Origin"), ("origin", "origin")],
)
def test_vary_keeps_what_a_response_already_varies_on(existing: str | None, merged: str) -> None:
    assert vary_on_origin(existing) == merged


def test_sse_event_encoding() -> None:
    frame = (
        sse.Event({"step": 1, "message": "안녕\nworld"}, event="status", id="7").encode().decode()
    )
    assert frame.startswith("event: status\nid: 7\ndata: ")
    assert frame.endswith("\n\n")
    payload = "".join(line[6:] for line in frame.splitlines() if line.startswith("data: "))
    assert json.loads(payload) == {"step": 1, "message": "안녕\nworld"}
    multi = sse.Event("a\nb").encode().decode()
    assert multi == "data: a\ndata: b\n\n"
    assert sse.Event("x", event="bad\nname").encode().decode().startswith("event: bad name\n")


def test_heartbeats_fill_silence() -> None:
    async def slow() -> AsyncIterator[sse.Event]:
        yield sse.Event("first")
        await asyncio.sleep(0.35)
        yield sse.Event("second")

    async def collect() -> list[bytes]:
        return [chunk async for chunk in sse.with_heartbeats(slow(), interval=0.1)]

    chunks = asyncio.run(collect())
    assert chunks[0] == b"data: first\n\n"
    assert chunks[-1] == b"data: second\n\n"
    beats = [c for c in chunks[1:-1] if c.startswith(b"event: heartbeat")]
    assert 1 <= len(beats) <= 4


def test_only_sse_line_ends_split_data_lines() -> None:
    frame = sse.Event({"token": "a\u2028b\x0c"}).encode().decode()
    assert frame.count("data: ") == 1
    assert sse.Event("a\r\nb\rc\n").encode() == b"data: a\ndata: b\ndata: c\n\n"


def test_keep_alive_comments_fill_silence_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sse, "HEARTBEAT_SECONDS", 0.1)

    async def slow() -> AsyncIterator[sse.Event]:
        await asyncio.sleep(0.25)
        yield sse.Event("late")

    async def collect() -> list[bytes]:
        beats = sse.with_heartbeats(slow(), beat=sse.keep_alive_comment)
        return [chunk async for chunk in beats]

    chunks = asyncio.run(collect())
    assert chunks[-1] == b"data: late\n\n"
    assert set(chunks[:-1]) == {b": keep-alive\n\n"}


def test_local_invoker_rejects_unknown_functions() -> None:
    invoker = LocalInvoker()
    for name in ("no_such_service", "../etc", "a.b"):
        with pytest.raises(InvokeError):
            invoker.invoke(name, {})


def test_local_invoker_round_trips_json(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    package = types.ModuleType("fake_services")
    package.__path__ = []
    echo = types.ModuleType("fake_services.echo")
    echo.__path__ = []
    handler = types.ModuleType("fake_services.echo.handler")
    handler.handler = lambda event, context: {"seen": event, "tuple": (1, 2)}  # type: ignore[attr-defined]
    crash = types.ModuleType("fake_services.crash.handler")

    def boom(event: object, context: object) -> dict[str, object]:
        raise RuntimeError("boom")

    crash.handler = boom  # type: ignore[attr-defined]
    for module in (package, echo, handler):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(sys.modules, "fake_services.crash", types.ModuleType("fake_services.crash"))
    monkeypatch.setitem(sys.modules, "fake_services.crash.handler", crash)
    invoker = LocalInvoker("fake_services")
    assert invoker.invoke("echo", {"a": (1,)}) == {"seen": {"a": [1]}, "tuple": [1, 2]}
    with pytest.raises(InvokeError, match="crash failed"):
        invoker.invoke("crash", {})


def test_redaction_hides_secrets_and_code() -> None:
    event = {
        "headers": {"Authorization": "Bearer eyJhbGciOi.eyJzdWIi.sig", "Accept": "json"},
        "body": {"userCode": "print(1)", "title": "t", "note": "token eyJa.eyJb.c inside"},
        "items": [{"expected_output": 3}],
    }
    clean = log.redact(event)
    text = json.dumps(clean)
    assert "print(1)" not in text
    assert "eyJhbGciOi" not in text
    assert "eyJa.eyJb" not in text
    assert clean["headers"]["Accept"] == "json"
    assert clean["items"][0]["expected_output"] == "[redacted]"


def test_service_logs_redact_what_callers_pass(capsys: pytest.CaptureFixture[str]) -> None:
    logger = log.get_logger("redaction-test")
    logger.info(
        "graded", extra={"userCode": "import os", "token": "eyJa.eyJb.c", "verdict": "ACCEPTED"}
    )
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["verdict"] == "ACCEPTED"
    assert line["userCode"] == "[redacted]"
    assert line["token"] == "[redacted]"
