"""Gradings posted as a browser posts them (fixture problems and stored submissions: the root
conftest's `put_problem` and `stored`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

Submit = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def submit(api: httpx.Client) -> Submit:
    """`submit(headers, problem_id, code, **fields)` posts a grading that must answer 200."""

    def post(headers: dict[str, str], problem_id: str, code: str, **extra: Any) -> dict[str, Any]:
        response = api.post(
            "/grade", json={"problemId": problem_id, "userCode": code, **extra}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return post
