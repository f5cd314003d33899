"""The harness side of the fork-server protocol (the other side is `forkserver/server.py`).

We send `marshal` tuples (the fork server trusts us) with descriptors attached. Its answers are
JSON objects that we treat as untrusted: hostile code may have taken the fork server over, so
every field is checked and anything malformed is a protocol error, never a crash of the harness.
"""

from __future__ import annotations

import array
import json
import marshal
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_MESSAGE = 1 << 16


class ProtocolError(Exception):
    """The fork server said something we did not ask for, or it is gone."""


@dataclass(frozen=True, slots=True)
class Compiled:
    ok: bool
    exception_type: str | None = None
    line: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Exited:
    case: int
    status: int
    cpu_us: int
    maxrss_kb: int
    wall_ns: int


class ForkServerClient:
    def __init__(self, control: socket.socket) -> None:
        self.control = control

    def fileno(self) -> int:
        return self.control.fileno()

    def setup(
        self, source: str, *, function_mode: bool, limits: dict[str, int], policy: dict[str, Any]
    ) -> None:
        self._send(("setup", source, function_mode, limits, policy))

    def start_slot_server(self, slot: int) -> socket.socket:
        """Have the fork server fork a server for one case slot, and return our end of its socket
        (blocks for the answer: the caller bounds the wait with a socket timeout)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._send(("slot", slot), [theirs.fileno()])
        finally:
            theirs.close()
        message = self._receive()
        if message is None or message.get("op") != "slot" or message.get("id") != slot:
            ours.close()
            raise ProtocolError("the fork server did not start a slot server")
        return ours

    def run(self, case: int, fds: Sequence[int]) -> None:
        self._send(("run", case), fds)

    def kill(self, case: int) -> None:
        self._send(("kill", case))

    def compiled(self) -> Compiled:
        """Block for the answer to `setup` (the caller bounds the wait with a socket timeout)."""
        message = self._receive()
        if message is None or message.get("op") != "compiled":
            raise ProtocolError("the fork server did not answer the compile request")
        if message.get("ok") is True:
            return Compiled(True)
        line = message.get("line")
        return Compiled(
            False,
            _text(message.get("type")) or "SyntaxError",
            line if isinstance(line, int) and not isinstance(line, bool) else None,
            _text(message.get("text")),
        )

    def event(self) -> Exited | None:
        """The next event (the socket is readable); None when the server has gone."""
        message = self._receive()
        if message is None:
            return None
        if message.get("op") == "exit":
            return Exited(
                _int(message, "id"),
                _int(message, "status"),
                _int(message, "cpu_us"),
                _int(message, "maxrss_kb"),
                _int(message, "wall_ns"),
            )
        raise ProtocolError("the fork server sent an unexpected message")

    def _send(self, message: tuple[Any, ...], fds: Sequence[int] = ()) -> None:
        data = marshal.dumps(message)
        try:
            if fds:
                self.control.sendmsg(
                    [data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, bytes(_int_array(fds)))]
                )
            else:
                self.control.sendmsg([data])
        except OSError as exc:
            raise ProtocolError(f"the fork server is gone ({type(exc).__name__})") from exc

    def _receive(self) -> dict[str, Any] | None:
        try:
            data, ancillary, _, _ = self.control.recvmsg(MAX_MESSAGE, socket.CMSG_SPACE(64))
        except TimeoutError:
            raise  # the caller's deadline, not a dead fork server
        except OSError:
            return None
        for _, _, payload in ancillary:  # we never accept descriptors from the sandbox
            for fd in memoryview(payload).cast("i") if len(payload) % 4 == 0 else ():
                _close(fd)
        if not data:
            return None
        try:
            message = json.loads(data)
        except ValueError as exc:
            raise ProtocolError("malformed message from the fork server") from exc
        if not isinstance(message, dict):
            raise ProtocolError("malformed message from the fork server")
        return message


def _int_array(values: Sequence[int]) -> memoryview:
    return memoryview(array.array("i", values))


def _int(message: dict[str, Any], key: str) -> int:
    value = message.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProtocolError("the fork server sent a malformed message")
    return value


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        return
