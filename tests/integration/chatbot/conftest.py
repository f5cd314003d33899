"""POST /chatbot over real HTTP: a bank problem stored through its repository, the red-team set
loaded by path from the unit tests, and a way to put a scripted model behind the gateway (it runs
in this process, so the tutor's provider can be swapped for one test)."""

from __future__ import annotations

import json
import runpy
import uuid
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from alpaco.kernel.llm.port import LlmProvider
from alpaco.services.chatbot import handler

REDTEAM = Path(__file__).resolve().parents[2] / "unit" / "services" / "chatbot" / "redteam.py"
BANK_ID = "pair_sum_count"


@pytest.fixture(scope="session")
def redteam() -> SimpleNamespace:
    return SimpleNamespace(**runpy.run_path(str(REDTEAM)))


@pytest.fixture(scope="session")
def tutor_problem(put_problem: Callable[..., str], redteam: SimpleNamespace) -> str:
    """The bank's pair_sum_count as the seeder stores it: statements, tags, hints, reference, brute."""
    bp = redteam.bank()[BANK_ID]
    cases = [{"input": s, "expected_output": None, "isSample": True} for s in bp.samples]
    cases.append({"input": "HIDDEN-CASE-INPUT-41", "expected_output": "HIDDEN-CASE-OUTPUT-41"})
    return put_problem(
        cases,
        title=bp.title_en,
        title_translated=bp.title_ko,
        description=bp.statement_en,
        description_translated=bp.statement_ko,
        tags=list(bp.tags),
        hints=list(bp.hints),
        startCode=bp.start_code,
        solutionCode=bp.reference_code,
        bruteForceCode=bp.brute_code,
    )


Chat = Callable[..., httpx.Response]


@pytest.fixture(scope="session")
def chat(
    api: httpx.Client, auth_headers: Callable[..., dict[str, str]], tutor_problem: str
) -> Chat:
    """`chat(message, user=None, headers=None, **fields)`: one POST /chatbot, read whole, as a
    fresh user unless named; `headers` replaces the sign-in header."""

    def post(
        message: str, user: str | None = None, headers: dict[str, str] | None = None, **fields: Any
    ) -> httpx.Response:
        body = {"newMessage": message, "problemDetails": {"id": tutor_problem}, **fields}
        sent = auth_headers(user or f"chat-{uuid.uuid4().hex[:8]}") if headers is None else headers
        return api.post(
            "/chatbot",
            content=json.dumps(body),
            headers={**sent, "Content-Type": "application/json"},
        )

    return post


def frames_of(raw: str) -> list[Any]:
    """The stream read the original client's way: split at blank lines, keep `data:` messages."""
    found: list[Any] = []
    for message in raw.split("\n\n"):
        stripped = message.strip()
        if stripped.startswith("data:"):
            content = stripped[5:].strip()
            found.append(content if content == "[DONE]" else json.loads(content))
    return found


@pytest.fixture(scope="session")
def read_frames() -> Callable[[str], list[Any]]:
    return frames_of


@pytest.fixture(scope="session")
def tokens() -> Callable[[list[Any]], str]:
    """The text a client shows: its `token` frames joined."""
    return lambda found: "".join(f["token"] for f in found if isinstance(f, dict) and "token" in f)


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Callable[[LlmProvider], None]:
    """`model(provider)`: the tutor asks `provider` for the rest of the test."""

    def use(provider: LlmProvider) -> None:
        monkeypatch.setattr(handler, "get_provider", lambda: provider)

    return use
