"""The deep health check against a real DynamoDB Local: it says what is down and why."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from alpaco.gateway import health
from alpaco.gateway.dynamodb_local import free_port
from alpaco.kernel.config import get_settings, reset_settings
from alpaco.kernel.tables import ALL_TABLES


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    yield monkeypatch
    monkeypatch.undo()
    reset_settings()


def test_a_database_with_every_table_is_ok(dynamodb_endpoint: str) -> None:
    assert health.database() == {"status": "ok", "tables": len(ALL_TABLES)}


def test_missing_tables_are_named(dynamodb_endpoint: str, env: pytest.MonkeyPatch) -> None:
    env.setenv("ALPACO_TABLE_PREFIX", f"absent{uuid.uuid4().hex[:6]}-")
    reset_settings()
    found = health.database()
    assert found["status"] == "down"
    assert len(found["missingTables"]) == len(ALL_TABLES)


def test_an_unreachable_database_is_down(env: pytest.MonkeyPatch) -> None:
    env.setenv("ALPACO_DYNAMODB_ENDPOINT", f"http://127.0.0.1:{free_port()}")
    reset_settings()
    found = health.database()
    assert found["status"] == "down"
    assert "unreachable" in found["error"]


def test_the_supervisors_word_comes_first(dynamodb_endpoint: str) -> None:
    assert health.database(lambda: False)["status"] == "down"


@pytest.mark.parametrize(
    ("provider", "key", "status"),
    [("offline", None, "ok"), ("gemini", None, "degraded"), ("gemini", "sk-test-4f9a", "ok")],
)
def test_the_llm_provider_is_ok_when_it_has_what_it_needs(
    env: pytest.MonkeyPatch, provider: str, key: str | None, status: str
) -> None:
    env.setenv("ALPACO_LLM_PROVIDER", provider)
    for name in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_API_KEY"):
        env.delenv(name, raising=False)
    if key:
        env.setenv("GEMINI_API_KEY", key)
    reset_settings()
    found = health.llm(get_settings())
    assert found["status"] == status
    assert key is None or key not in str(found)


def test_one_dependency_down_makes_the_whole_report_down(dynamodb_endpoint: str) -> None:
    report = health.report(get_settings(), available=lambda: False)
    assert report["status"] == "down"
    assert set(report["checks"]) == {"dynamodb", "disk", "sandbox", "llm"}


def test_the_data_directorys_free_space_is_reported(tmp_path: Path) -> None:
    found = health.disk(str(tmp_path))
    assert found["status"] in ("ok", "degraded")
    assert found["freeBytes"] > 0
    assert health.disk(str(tmp_path / "absent"))["status"] == "ok"
