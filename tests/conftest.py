"""Shared fixtures: real DynamoDB Local, the real gateway over real HTTP, real RS256 dev tokens."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from alpaco.gateway.identity import DevIdentityProvider, DevUser
from alpaco.kernel.auth import ADMIN_GROUP
from alpaco.kernel.config import reset_settings

os.environ.setdefault("ALPACO_ENV", "local")
os.environ.setdefault("AWS_REGION", "ap-northeast-2")
os.environ.setdefault("ALPACO_CURSOR_SECRET", "test-cursor-secret")
os.environ.setdefault("ALPACO_TABLE_PREFIX", f"t{uuid.uuid4().hex[:8]}-")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
# Tests write far faster than anyone at a keyboard: the suite lifts the per-user rate limits, and the
# tests of those limits lower them again.
os.environ.setdefault("ALPACO_RATE_LIMIT_GRADINGS", "1000000")
os.environ.setdefault("ALPACO_RATE_LIMIT_POSTS", "1000000")
os.environ.setdefault("ALPACO_RATE_LIMIT_COMMENTS", "1000000")
os.environ.setdefault("ALPACO_RATE_LIMIT_LIKES", "1000000")

PROJECT_ROOT = Path(__file__).resolve().parents[1]

TokenFactory = Callable[..., str]


@pytest.fixture(scope="session")
def dynamodb_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from alpaco.gateway.dynamodb_local import DynamoDBLocal, free_port
    from alpaco.kernel import dynamo, tables
    from alpaco.kernel.config import reset_settings

    log_dir = tmp_path_factory.mktemp("dynamodb")
    engine = DynamoDBLocal(
        PROJECT_ROOT, port=free_port(), data_dir=None, log_path=log_dir / "dynamodb.log"
    )
    engine.start()
    os.environ["ALPACO_DYNAMODB_ENDPOINT"] = engine.endpoint
    reset_settings()
    tables.create_missing(dynamo.client())
    try:
        yield engine.endpoint
    finally:
        engine.stop()


@pytest.fixture(scope="session")
def private_tables(dynamodb_endpoint: str) -> Callable[[], AbstractContextManager[str]]:
    """`with private_tables():` every table afresh and empty under a prefix of its own, for a test
    that needs to own a whole table (fixed ids, counts of everything stored); then dropped."""
    from alpaco.kernel import dynamo, tables

    @contextmanager
    def fresh() -> Iterator[str]:
        prefix = f"p{uuid.uuid4().hex[:8]}-"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("ALPACO_TABLE_PREFIX", prefix)
            reset_settings()
            created = tables.create_missing(dynamo.client())
            try:
                yield prefix
            finally:
                for name in created:
                    dynamo.client().delete_table(TableName=name)
        reset_settings()

    return fresh


def _put_problem(cases: list[dict[str, Any]], **overrides: Any) -> str:
    from alpaco.services.problems import repository

    problem_id = f"problem-{uuid.uuid4()}"
    item: dict[str, Any] = {
        "problemId": problem_id,
        "title": "Sum of a list",
        "title_translated": "리스트의 합",
        "mode": "function",
        "judgeType": "equal",
        "timeLimitSeconds": 1,
        "memoryLimitMb": 128,
        "finalTestCases": json.dumps(cases),
        "generationStatus": "completed",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "creatorId": "grader-tests",
        "submissionCount": 0,
        "acceptedCount": 0,
    }
    item.update(overrides)
    repository.write_problem({k: v for k, v in item.items() if v is not None})
    return problem_id


def _stored(submission_id: str) -> dict[str, Any] | None:
    from alpaco.kernel import dynamo
    from alpaco.kernel.tables import SUBMISSIONS

    response = dynamo.client().get_item(
        TableName=SUBMISSIONS.name, Key={"submissionId": {"S": submission_id}}, ConsistentRead=True
    )
    item = response.get("Item")
    return dynamo.from_item(item) if item else None


@pytest.fixture(scope="session")
def put_problem(dynamodb_endpoint: str) -> Callable[..., str]:
    """`put_problem(cases, **fields)` writes a function problem straight into the Problems table
    through its repository (fields override; None drops one) and gives its fresh id."""
    return _put_problem


@pytest.fixture(scope="session")
def stored(dynamodb_endpoint: str) -> Callable[[str], dict[str, Any] | None]:
    """`stored(submission_id)`: the Submissions item exactly as written, or None."""
    return _stored


# Windows start at multiples of their length since the epoch; this one runs from 2001 to 2033, so no
# window boundary can fall between a test's requests and give it a fresh budget halfway.
RATE_WINDOW_SECONDS = 1_000_000_000


@dataclass(frozen=True)
class RateLimits:
    """Settings are read per request, so a limit lowered here reaches the handlers (the gateway's
    too: it runs in this process)."""

    patch: pytest.MonkeyPatch

    def lower(self, **limits: int) -> None:
        """`lower(posts=2)`: that budget per user for the rest of the test."""
        self.patch.setenv("ALPACO_RATE_LIMIT_WINDOW_SECONDS", str(RATE_WINDOW_SECONDS))
        for action, limit in limits.items():
            self.patch.setenv(f"ALPACO_RATE_LIMIT_{action.upper()}", str(limit))
        reset_settings()

    @staticmethod
    def assert_refused(response: httpx.Response, action: str) -> None:
        """A 429 in the one error shape, with a Retry-After that a page on an allowed origin
        may read."""
        assert response.status_code == 429, response.text
        body = response.json()
        assert set(body) == {"message", "code"}
        assert body["code"] == "too_many_requests"
        assert f"Too many {action}" in body["message"]
        assert 0 < int(response.headers["Retry-After"]) <= RATE_WINDOW_SECONDS
        assert response.headers["Access-Control-Allow-Origin"] == response.request.headers["Origin"]
        assert "Retry-After" in response.headers["Access-Control-Expose-Headers"].split(",")


@pytest.fixture
def rate_limits(dynamodb_endpoint: str) -> Iterator[RateLimits]:
    """Rate limits lowered for one test, on the real limiter and its table in DynamoDB Local."""
    with pytest.MonkeyPatch.context() as patch:
        yield RateLimits(patch)
    reset_settings()


class _ServerThread(threading.Thread):
    def __init__(self, app: object, port: int) -> None:
        import uvicorn

        super().__init__(daemon=True)
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)

    def run(self) -> None:
        self.server.run()


@pytest.fixture(scope="session")
def gateway_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("alpaco-data")


@pytest.fixture(scope="session")
def dev_identity(gateway_url: str, gateway_data_dir: Path) -> DevIdentityProvider:
    """The gateway's own signing key, for tokens that are correctly signed yet wrong in one claim."""
    from alpaco.gateway.server import identity_provider

    return identity_provider(gateway_data_dir)


@pytest.fixture(scope="session")
def gateway_url(dynamodb_endpoint: str, gateway_data_dir: Path) -> Iterator[str]:
    from alpaco.gateway.dynamodb_local import free_port
    from alpaco.gateway.server import build_local_app
    from alpaco.kernel.config import local_origins, reset_settings

    port = free_port()
    os.environ["ALPACO_COGNITO_ISSUER"] = f"http://127.0.0.1:{port}/auth/dev"
    os.environ["ALPACO_CORS_ORIGINS"] = ",".join(local_origins("127.0.0.1", port))
    os.environ["ALPACO_DEV_ADMINS"] = "alice"  # signs in as an admin through the endpoint
    os.environ.pop("ALPACO_COGNITO_JWKS_URL", None)
    reset_settings()
    thread = _ServerThread(build_local_app(gateway_data_dir), port)
    thread.start()
    deadline = time.monotonic() + 20
    while not thread.server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("gateway did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        thread.server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def api(gateway_url: str) -> Iterator[httpx.Client]:
    """A client that names the gateway's own origin, as the web app's pages do."""
    with httpx.Client(base_url=gateway_url, headers={"Origin": gateway_url}, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def token_for(api: httpx.Client, dev_identity: DevIdentityProvider) -> TokenFactory:
    """Tokens come from the gateway's sign-in endpoint, exactly as a browser would get them.

    Admin tokens for the tests' made-up admins come the operator's way instead, as from
    `alpaco token --group Admins`: signed with the gateway's key, since the endpoint grants Admins
    only to the usernames in ALPACO_DEV_ADMINS.
    """
    cache: dict[tuple[str, str | None, tuple[str, ...]], str] = {}

    def issue(username: str, *, nickname: str | None = None, groups: tuple[str, ...] = ()) -> str:
        key = (username, nickname, tuple(groups))
        if key in cache:
            return cache[key]
        if ADMIN_GROUP in groups:
            cache[key] = dev_identity.issue(DevUser(username, nickname, tuple(groups)))
        else:
            body: dict[str, object] = {"username": username, "groups": list(groups)}
            if nickname:
                body["nickname"] = nickname
            response = api.post("/auth/dev/token", json=body)
            response.raise_for_status()
            cache[key] = response.json()["idToken"]
        return cache[key]

    return issue


@pytest.fixture(scope="session")
def auth_headers(token_for: TokenFactory) -> Callable[..., dict[str, str]]:
    def headers(username: str, **kwargs: object) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_for(username, **kwargs)}"}

    return headers


@pytest.fixture(scope="session")
def user_id(api: httpx.Client, auth_headers: Callable[..., dict[str, str]]) -> Callable[..., str]:
    """The `sub` the gateway sees for a dev user, asked the way a client would."""

    def lookup(username: str, **kwargs: object) -> str:
        response = api.get("/auth/me", headers=auth_headers(username, **kwargs))
        response.raise_for_status()
        return str(response.json()["userId"])

    return lookup


@pytest.fixture(scope="session")
def descendants() -> Callable[[int], list[int]]:
    """Every process below `pid`, through /proc: what a test checks for leftovers of a run."""

    def walk(pid: int) -> list[int]:
        found: list[int] = []
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                found += [child, *walk(child)]
        return found

    return walk


class Clock:
    """A `time.time` that stands still until a test moves it (`clock.now += 61`)."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """At a whole minute (and so at the start of any window of 60 s or a divisor of it)."""
    return Clock(1_800_000_000.0)
