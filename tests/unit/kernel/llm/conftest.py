"""A loopback stand-in for the Gemini and OpenAI HTTP APIs, answering with recorded responses.

The real SDKs talk to it through their base URL, so their request building, response parsing,
streaming and error paths all run, and nothing leaves the machine. Each test queues the replies
in order (`recorded`, `json`) and reads back what the SDK sent (`seen`). The bodies under
`recorded/` follow the documented response shapes of `:generateContent`,
`:streamGenerateContent?alt=sse` and `/v1/chat/completions` (no key was at hand to record live
ones).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

RECORDED = Path(__file__).parent / "recorded"
LLM_LOGGER = "alpaco-llm"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    delay_seconds: float = 0.0


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    body: Any


class FakeApi:
    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self._replies: list[Reply] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def recorded(self, name: str, status: int = 200, delay_seconds: float = 0.0) -> None:
        """Queue the body recorded in `recorded/<name>` as the next reply."""
        kind = "text/event-stream" if name.endswith(".sse") else "application/json"
        body = (RECORDED / name).read_bytes()
        self._queue(Reply(status, body, kind, delay_seconds))

    def json(self, status: int, data: Any) -> None:
        self._queue(Reply(status, json.dumps(data).encode()))

    def take(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            if self._replies:
                return self._replies.pop(0)
        return Reply(500, b'{"error": {"code": 500, "message": "no reply scripted"}}')

    def _queue(self, reply: Reply) -> None:
        with self._lock:
            self._replies.append(reply)

    def serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(api: FakeApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {name.lower(): value for name, value in self.headers.items()}
            reply = api.take(Seen(self.path, headers, json.loads(raw or b"null")))
            time.sleep(reply.delay_seconds)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(reply)  # unless the client gave up first (the timeout tests)

        def _send(self, reply: Reply) -> None:
            # One request per connection: no idle connection outlives a test (each test runs
            # its own event loop, and a pooled socket left behind would only be closed by GC).
            self.close_connection = True
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Connection", "close")
            if reply.content_type != "text/event-stream":
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                return
            # A stream ends with the connection, one event written and flushed at a time.
            self.end_headers()
            for event in reply.body.replace(b"\r\n", b"\n").split(b"\n\n"):
                if event.strip():
                    self.wfile.write(event + b"\n\n")
                    self.wfile.flush()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def fake_api() -> Iterator[FakeApi]:
    api = FakeApi()
    thread = threading.Thread(target=api.serve, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        api.close()
        thread.join(timeout=5)


@pytest.fixture
def llm_calls(caplog: pytest.LogCaptureFixture) -> Callable[[], list[dict[str, Any]]]:
    """The structured fields of each LLM call's log line so far."""
    caplog.set_level(logging.INFO, logger=LLM_LOGGER)
    fields = ("step", "provider", "model", "latency_ms", "attempt", "usage", "outcome", "error")

    def lines() -> list[dict[str, Any]]:
        return [
            {name: getattr(record, name) for name in fields if hasattr(record, name)}
            for record in caplog.records
            if record.name == LLM_LOGGER
        ]

    return lines
