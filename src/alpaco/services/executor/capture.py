"""Byte-capped readers for a case's pipes: the harness never holds more than the caps allow."""

from __future__ import annotations

import contextlib
import os

CHUNK = 1 << 16


class Capture:
    """Reads one non-blocking pipe.

    `keep` bytes are retained: all from the head, or (with `tail=True`) half from the head and
    half from the end, which keeps a traceback that follows pages of debug output. Reading more
    than `limit` bytes in total sets `over`; the caller then kills the case and closes us.
    """

    def __init__(self, fd: int, *, keep: int, limit: int, tail: bool = False) -> None:
        self.fd = fd
        self.keep = keep
        self.limit = limit
        self.total = 0
        self.over = False
        self._head = bytearray()
        self._tail = bytearray()
        self._split = keep // 2 if tail else keep
        self._tail_keep = keep - self._split

    @property
    def open(self) -> bool:
        return self.fd >= 0

    @property
    def truncated(self) -> bool:
        return self.total > self.keep

    def pump(self) -> bool:
        """Read what is available; close on EOF. False when nothing was there yet."""
        try:
            chunk = os.read(self.fd, CHUNK)
        except BlockingIOError:
            return False
        except OSError:
            chunk = b""
        if not chunk:
            self.close()
            return True
        self.total += len(chunk)
        room = self._split - len(self._head)
        if room > 0:
            self._head += chunk[:room]
            chunk = chunk[room:]
        if chunk and self._tail_keep:
            self._tail += chunk
            del self._tail[: max(0, len(self._tail) - self._tail_keep)]
        if self.total > self.limit:
            self.over = True
        return True

    def drain(self) -> None:
        """Read all the pipe holds, up to the limit: for a pipe read only once its writer is gone."""
        while self.open and not self.over and self.pump():
            pass

    def data(self) -> bytes:
        if self._tail and self.truncated:
            return bytes(self._head) + b"\n[... output truncated ...]\n" + bytes(self._tail)
        return bytes(self._head + self._tail)

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
