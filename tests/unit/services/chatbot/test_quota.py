"""The daily tutor quota on DynamoDB Local: the exact cap, Retry-After to midnight UTC, a fresh day,
the TTL attribute, and concurrent requests that never pass the cap together."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from alpaco.kernel import dynamo
from alpaco.kernel.config import DAY_SECONDS
from alpaco.kernel.http import TooManyRequests
from alpaco.kernel.tables import CHAT_USAGE
from alpaco.services.chatbot.quota import spend_message

CAP = 3


@pytest.fixture
def user(dynamodb_endpoint: str) -> str:
    return f"chat-user-{uuid.uuid4()}"


def stored(user_id: str, day: str) -> dict[str, Any]:
    item = dynamo.client().get_item(
        TableName=CHAT_USAGE.name,
        Key={"userId": {"S": user_id}, "usageDate": {"S": day}},
        ConsistentRead=True,
    )["Item"]
    return dynamo.from_item(item)


def test_the_cap_passes_and_the_next_message_waits_for_midnight(user: str, clock: Any) -> None:
    clock.now += 3_600.4  # 2027-01-15 09:00:00.4 UTC
    for _ in range(CAP):
        spend_message(user, CAP, clock=clock)
    with pytest.raises(TooManyRequests) as refused:
        spend_message(user, CAP, clock=clock)
    day_ends = (clock.now // DAY_SECONDS + 1) * DAY_SECONDS
    assert refused.value.retry_after == int(day_ends - clock.now) + 1
    assert refused.value.headers() == {"Retry-After": str(refused.value.retry_after)}
    assert f"today's {CAP} tutor messages" in refused.value.message
    assert stored(user, "2027-01-15") == {
        "userId": user,
        "usageDate": "2027-01-15",
        "messages": CAP,
        CHAT_USAGE.expires: day_ends + DAY_SECONDS,
    }


def test_a_new_day_starts_from_nothing(user: str, clock: Any) -> None:
    for _ in range(CAP):
        spend_message(user, CAP, clock=clock)
    clock.now += DAY_SECONDS
    spend_message(user, CAP, clock=clock)
    assert stored(user, "2027-01-16")["messages"] == 1


def test_concurrent_messages_never_pass_the_cap_together(user: str) -> None:
    passed: list[bool] = []
    barrier = threading.Barrier(12)

    def send() -> None:
        barrier.wait()
        try:
            spend_message(user, CAP)
            passed.append(True)
        except TooManyRequests:
            passed.append(False)

    threads = [threading.Thread(target=send) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert passed.count(True) == CAP


def test_the_table_expires_items_by_their_expiry_attribute(dynamodb_endpoint: str) -> None:
    ttl = dynamo.client().describe_time_to_live(TableName=CHAT_USAGE.name)
    assert ttl["TimeToLiveDescription"]["AttributeName"] == CHAT_USAGE.expires == "expiresAt"
