"""The start-up probe: on this machine every layer is active; a disabled one is reported loudly."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from alpaco.kernel.config import ConfigurationError
from alpaco.services.executor.sandbox import probe


@pytest.fixture
def fresh_probe() -> Iterator[None]:
    probe.detect.cache_clear()
    yield
    probe.detect.cache_clear()


def test_every_layer_is_active_here() -> None:
    caps = probe.detect()

    assert caps.missing == ()
    assert caps.mode == "full"
    assert caps.bwrap
    assert caps.isolated
    assert caps.cgroup
    assert caps.sandbox_filter
    assert caps.case_filter
    assert caps.sandbox_uid_base


def test_describe_names_each_layer_as_active() -> None:
    text = probe.describe()

    assert text.splitlines()[0] == "executor sandbox (full): all layers active"
    for layer in ("namespaces", "cases", "cgroup", "seccomp", "rlimits", "hygiene"):
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
    assert not caps.isolated
    assert caps.sandbox_filter  # without bubblewrap the fork server loads it itself
    assert caps.degraded
    assert "DEGRADED" in caplog.text
    assert text.splitlines()[0] == "executor sandbox (full): DEGRADED"
    assert "namespaces  MISSING" in text
    assert "cases       MISSING" in text
    assert "cases run one at a time" in text


@pytest.mark.usefixtures("fresh_probe")
def test_thin_mode_is_what_lambda_offers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALPACO_SANDBOX", "thin")

    caps = probe.detect()

    assert caps.mode == "thin"
    assert (caps.bwrap, caps.cgroup, caps.isolated) == (None, None, False)
    assert caps.sandbox_filter
    assert caps.case_filter
    assert any("thin mode" in reason for reason in caps.missing)


@pytest.mark.usefixtures("fresh_probe")
def test_an_unknown_mode_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALPACO_SANDBOX", "none")

    with pytest.raises(ConfigurationError, match="ALPACO_SANDBOX"):
        probe.detect()
