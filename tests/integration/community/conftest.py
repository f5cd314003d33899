"""Community test helpers as fixtures (importlib mode lets test files import nothing from here)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from alpaco.gateway.identity import subject_for


@dataclass(frozen=True)
class Cast:
    """Four callers: the author of what a test creates, another user, nobody, and an admin."""

    names: dict[str, str]
    headers: dict[str, dict[str, str]]
    owner_nickname: str

    def user_id(self, role: str) -> str:
        return subject_for(self.names[role])

    def display_name(self, role: str) -> str:
        return self.owner_nickname if role == "owner" else self.names[role]


@pytest.fixture
def cast(auth_headers: Callable[..., dict[str, str]]) -> Cast:
    tag = uuid.uuid4().hex[:8]
    names = {"owner": f"owner-{tag}", "other": f"other-{tag}", "admin": f"admin-{tag}"}
    headers = {
        "owner": auth_headers(names["owner"], nickname=f"Owner {tag}"),
        "other": auth_headers(names["other"]),
        "admin": auth_headers(names["admin"], groups=("Admins",)),
        "anonymous": {},
    }
    return Cast(names=names, headers=headers, owner_nickname=f"Owner {tag}")


@dataclass(frozen=True)
class Board:
    api: httpx.Client

    def post(self, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
        body = {"title": "DP 풀이 공유", "content": "```python\nprint(1)\n```", **fields}
        response = self.api.post("/community", json=body, headers=headers)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def comment(
        self, headers: dict[str, str], post_id: str, content: str = "좋아요!"
    ) -> dict[str, Any]:
        response = self.api.post(
            f"/community/{post_id}/comments", json={"content": content}, headers=headers
        )
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def read(self, post_id: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
        response = self.api.get(f"/community/{post_id}", headers=headers or {})
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        return found

    def walk(self, path: str, key: str, **params: Any) -> list[list[dict[str, Any]]]:
        """Every page of a list, following the cursor to its end."""
        pages: list[list[dict[str, Any]]] = []
        cursor = None
        while True:
            query = {**params, **({"lastEvaluatedKey": cursor} if cursor else {})}
            response = self.api.get(path, params=query)
            assert response.status_code == 200, response.text
            body = response.json()
            pages.append(body[key])
            cursor = body["lastEvaluatedKey"]
            if cursor is None:
                return pages


@pytest.fixture
def board(api: httpx.Client) -> Board:
    return Board(api)
