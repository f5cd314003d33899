"""A whole platform per test, as an operator runs it: `alpaco serve` in its own process, with its
own DynamoDB Local and data directory, and handles to hurt it (kill its children, kill it, find its
database). Fault test modules share one xdist group (`FAULTS`): they load the machine and must not
overlap."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest

from alpaco.gateway.dynamodb_local import free_port
from alpaco.kernel import dynamo

ALPACO = [sys.executable, "-m", "alpaco.cli"]
FAULTS = [pytest.mark.faults, pytest.mark.xdist_group("faults")]
SUM_CODE = "def solution(numbers):\n    return sum(numbers)\n"
CASES = [
    {"input": [1, 2], "expected_output": 3, "isSample": True},
    {"input": [40, 2], "expected_output": 42},
]


def until(condition: Callable[[], Any], timeout: float, step: float = 0.1) -> Any:
    """`condition()` once it is truthy; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        assert time.monotonic() < deadline, f"not within {timeout} s"
        time.sleep(step)


def children(pid: int) -> list[int]:
    """Every process below `pid`; one that exits while we look is simply not there."""
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            found += [kid, *children(kid)]
    return found


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


@dataclass
class Platform:
    data_dir: Path
    prefix: str = field(default_factory=lambda: f"fault{uuid.uuid4().hex[:6]}-")
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    log_dir: Path | None = None  # beside the data directory unless told
    upstream: str | None = None  # a database the test runs, seen by serve through `env`

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ALPACO_")}
        env.update({"ALPACO_TABLE_PREFIX": self.prefix, **self.env})
        log_dir = self.log_dir or self.data_dir.parent
        self.log = log_dir / f"serve-{self.port}-{time.monotonic_ns()}.log"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    *ALPACO,
                    "serve",
                    "--no-seed",
                    "--port",
                    str(self.port),
                    "--data-dir",
                    str(self.data_dir),
                ],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        until(self._healthy, timeout, step=0.2)

    def _healthy(self) -> bool:
        assert self.process is not None
        assert self.process.poll() is None, self.output()
        try:
            return httpx.get(f"{self.url}/health", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def sigkill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def engine_pid(self) -> int:
        """DynamoDB Local's java process, found among serve's children."""
        assert self.process is not None
        pids = [
            p for p in children(self.process.pid) if any("DynamoDBLocal" in a for a in cmdline(p))
        ]
        assert len(pids) == 1, pids
        return pids[0]

    def database(self) -> Any:
        """A client of the platform's database (its own DynamoDB Local unless `upstream` names
        another), for the test's checks and set-up."""
        endpoint = self.upstream
        if endpoint is None:
            args = cmdline(self.engine_pid())
            endpoint = f"http://127.0.0.1:{args[args.index('-port') + 1]}"
        return boto3.client(
            "dynamodb",
            endpoint_url=endpoint,
            region_name="ap-northeast-2",
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )

    def put_problem(self) -> str:
        problem_id = f"problem-{uuid.uuid4()}"
        item = {
            "problemId": problem_id,
            "title": "Sum",
            "title_translated": "합",
            "mode": "function",
            "judgeType": "equal",
            "timeLimitSeconds": 1,
            "memoryLimitMb": 128,
            "finalTestCases": json.dumps(CASES),
            "generationStatus": "completed",
            "createdAt": "2026-01-01T00:00:00.000Z",
            "creatorId": "fault-tests",
            "submissionCount": 0,
            "acceptedCount": 0,
        }
        self.database().put_item(TableName=f"{self.prefix}Problems", Item=dynamo.to_item(item))
        return problem_id

    def token(self, username: str) -> str:
        response = httpx.post(
            f"{self.url}/auth/dev/token",
            json={"username": username},
            headers={"Origin": self.url},
            timeout=10,
        )
        response.raise_for_status()
        return str(response.json()["idToken"])

    def grade(self, token: str, problem_id: str, timeout: float = 60) -> httpx.Response:
        return httpx.post(
            f"{self.url}/grade",
            json={"problemId": problem_id, "userCode": SUM_CODE},
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
        )

    def counters_and_submissions(self, problem_id: str) -> tuple[int, int]:
        """The problem's `submissionCount`, and how many submissions are stored for it."""
        db = self.database()
        problem = db.get_item(
            TableName=f"{self.prefix}Problems",
            Key={"problemId": {"S": problem_id}},
            ConsistentRead=True,
        )["Item"]
        stored = 0
        pages = db.get_paginator("scan").paginate(
            TableName=f"{self.prefix}Submissions",
            FilterExpression="problemId = :p",
            ExpressionAttributeValues={":p": {"S": problem_id}},
            ConsistentRead=True,
        )
        for page in pages:
            stored += page["Count"]
        return int(problem["submissionCount"]["N"]), stored


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    running = Platform(tmp_path / "data")
    try:
        yield running
    finally:
        running.stop()
