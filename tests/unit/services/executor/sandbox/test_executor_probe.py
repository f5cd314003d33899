"""The start-up probe: on this machine every layer is active; a disabled one is reported loudly."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from alpaco.services.executor.sandbox import probe


@pytest.fixture
def fresh_probe() -> Iterator[None]:
    probe.detect.cache_clear()
    yield
    probe.detect.cache_clear()


def test_every_layer_is_active_here() -> None:
    caps = probe.detect()

    assert caps.missing == ()
    assert caps.bwrap
    assert caps.cgroup
    assert caps.seccomp
    assert caps.sandbox_uid_base


def test_describe_names_each_layer_as_active() -> None:
    text = probe.describe()

    assert text.splitlines()[0] == "executor sandbox: all layers active"
    for layer in ("namespaces", "cgroup", "seccomp", "rlimits", "hygiene"):
        assert any(line.split()[:2] == [layer, "active"] for line in text.splitlines()[1:])
    assert "MISSING" not in text


@pytest.mark.usefixtures("fresh_probe")
def test_a_disabled_layer_degrades_loudly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("ALPACO_EXECUTOR_DISABLE", "bwrap,cgroup")

    with caplog.at_level(logging.WARNING):
        caps = probe.detect()
        text = probe.describe()

    assert caps.bwrap is None
    assert caps.cgroup is None
    assert caps.seccomp is None
    assert caps.degraded
    assert "DEGRADED" in caplog.text
    assert text.splitlines()[0] == "executor sandbox: DEGRADED"
    assert "namespaces  MISSING" in text
    assert "seccomp     MISSING" in text
