"""The executor's settings: stated defaults, overrides, and what a bad value does."""

from __future__ import annotations

import pytest

from alpaco.kernel.config import ConfigurationError
from alpaco.services.executor.settings import ExecutorSettings


def test_an_empty_environment_gives_the_defaults() -> None:
    settings = ExecutorSettings.from_env({})

    assert settings == ExecutorSettings()
    assert settings.sandbox_mode == "full"
    assert settings.disabled_layers == frozenset()
    assert (settings.max_concurrent, settings.warm, settings.python) == (None, None, None)


def test_every_variable_overrides_its_default() -> None:
    settings = ExecutorSettings.from_env(
        {
            "ALPACO_SANDBOX": " Thin ",
            "ALPACO_EXECUTOR_DISABLE": "bwrap, cgroup,,uid ",
            "ALPACO_EXECUTOR_MAX_CONCURRENT": " 12 ",
            "ALPACO_EXECUTOR_WARM": "0",
            "ALPACO_EXECUTOR_PYTHON": "/opt/python3.12",
        }
    )

    assert settings == ExecutorSettings(
        sandbox_mode="thin",
        disabled_layers=frozenset({"bwrap", "cgroup", "uid"}),
        max_concurrent=12,
        warm=0,
        python="/opt/python3.12",
    )


@pytest.mark.parametrize("raw", ["", "  "])
def test_a_blank_value_means_the_default(raw: str) -> None:
    names = ("SANDBOX", "EXECUTOR_DISABLE", "EXECUTOR_MAX_CONCURRENT", "EXECUTOR_WARM")
    blank = {f"ALPACO_{name}": raw for name in names}

    assert ExecutorSettings.from_env(blank) == ExecutorSettings()
    assert ExecutorSettings.from_env({"ALPACO_EXECUTOR_PYTHON": ""}).python is None


def test_an_unknown_sandbox_mode_names_the_variable() -> None:
    with pytest.raises(
        ConfigurationError, match=r"^ALPACO_SANDBOX must be one of full, thin, not 'none'$"
    ):
        ExecutorSettings.from_env({"ALPACO_SANDBOX": "None"})


@pytest.mark.parametrize(
    ("concurrent", "warm"), [("zero", "many"), ("-1", "-1"), ("2.5", "2.5"), ("0", "x")]
)
def test_a_count_that_is_not_a_usable_whole_number_means_the_default(
    concurrent: str, warm: str
) -> None:
    settings = ExecutorSettings.from_env(
        {"ALPACO_EXECUTOR_MAX_CONCURRENT": concurrent, "ALPACO_EXECUTOR_WARM": warm}
    )

    assert (settings.max_concurrent, settings.warm) == (None, None)


def test_the_environment_is_read_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALPACO_EXECUTOR_WARM", "5")

    assert ExecutorSettings.from_env().warm == 5
