"""Byte-capped pipe readers."""

from __future__ import annotations

import os

from alpaco.services.executor.capture import Capture


def drained(data: bytes, **caps: int | bool) -> Capture:
    read, write = os.pipe()
    os.set_blocking(read, False)
    capture = Capture(read, **caps)  # type: ignore[arg-type]
    view = memoryview(data)
    while view:
        written = os.write(write, view[:4096])
        view = view[written:]
        capture.pump()
    os.close(write)
    while capture.open:
        capture.pump()
    return capture


def test_everything_under_the_cap_is_kept() -> None:
    capture = drained(b"hello", keep=10, limit=10)

    assert (capture.data(), capture.truncated, capture.over) == (b"hello", False, False)


def test_past_the_limit_the_head_is_kept_and_over_is_set() -> None:
    capture = drained(b"a" * 50_000, keep=100, limit=1000)

    assert capture.data() == b"a" * 100
    assert capture.truncated
    assert capture.over


def test_tail_mode_keeps_both_ends() -> None:
    capture = drained(b"H" * 5000 + b"T" * 5000, keep=100, limit=100_000, tail=True)

    data = capture.data()
    assert data.startswith(b"H" * 50)
    assert data.endswith(b"T" * 50)
    assert b"truncated" in data
    assert capture.truncated
    assert not capture.over
