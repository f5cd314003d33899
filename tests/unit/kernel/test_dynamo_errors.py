"""DynamoDB's refusals arrive as our exceptions: real ones from DynamoDB Local, with the stored item and
the reasons operation by operation, and, through a stand-in, the answers DynamoDB Local will not give."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from alpaco.kernel import dynamo
from alpaco.kernel.dynamo_errors import (
    Client,
    ConditionFailed,
    Rejected,
    TransactionCancelled,
    TransactionConflict,
    Unavailable,
)
from alpaco.kernel.tables import COMMUNITY


def _key() -> dict[str, Any]:
    return {"PK": {"S": f"errors-{uuid.uuid4()}"}, "SK": {"S": "POST"}}


def _put(key: dict[str, Any], **attributes: Any) -> None:
    dynamo.client().put_item(TableName=COMMUNITY.name, Item={**key, **dynamo.to_item(attributes)})


def _exists(key: dict[str, Any]) -> bool:
    return "Item" in dynamo.client().get_item(
        TableName=COMMUNITY.name, Key=key, ConsistentRead=True
    )


def _not_alices(key: dict[str, Any], **more: Any) -> dict[str, Any]:
    """An update whose condition fails on an item of alice's."""
    return {
        "Key": key,
        "UpdateExpression": "SET title = :title",
        "ConditionExpression": "userId = :me",
        "ExpressionAttributeValues": {":title": {"S": "new"}, ":me": {"S": "bob"}},
        **more,
    }


def test_a_failed_condition_arrives_with_the_item_it_failed_on(dynamodb_endpoint: str) -> None:
    key = _key()
    _put(key, userId="alice")

    with pytest.raises(ConditionFailed) as caught:
        dynamo.client().update_item(
            TableName=COMMUNITY.name,
            **_not_alices(key, ReturnValuesOnConditionCheckFailure="ALL_OLD"),
        )

    assert caught.value.item is not None
    assert dynamo.from_item(caught.value.item)["userId"] == "alice"
    assert isinstance(caught.value.__cause__, ClientError)


def test_a_failed_condition_carries_no_item_unless_asked(dynamodb_endpoint: str) -> None:
    key = _key()
    _put(key, userId="alice")

    with pytest.raises(ConditionFailed) as caught:
        dynamo.client().put_item(
            TableName=COMMUNITY.name, Item=key, ConditionExpression="attribute_not_exists(PK)"
        )

    assert caught.value.item is None


def test_a_cancelled_transaction_says_which_operation_failed_and_writes_nothing(
    dynamodb_endpoint: str,
) -> None:
    fresh, owned = _key(), _key()
    _put(owned, userId="alice")

    with pytest.raises(TransactionCancelled) as caught:
        dynamo.client().transact_write_items(
            TransactItems=[
                {"Put": {"TableName": COMMUNITY.name, "Item": fresh}},
                {
                    "Update": {
                        "TableName": COMMUNITY.name,
                        **_not_alices(owned, ReturnValuesOnConditionCheckFailure="ALL_OLD"),
                    }
                },
            ]
        )

    cancelled = caught.value
    assert [reason.code for reason in cancelled.reasons] == ["None", "ConditionalCheckFailed"]
    assert (cancelled.failed(0), cancelled.failed(1), cancelled.failed(2)) == (False, True, False)
    assert cancelled.reasons[0].item is None
    assert cancelled.reasons[1].item is not None
    assert dynamo.from_item(cancelled.reasons[1].item)["userId"] == "alice"
    assert not _exists(fresh)


def test_any_other_error_passes_through_unchanged(dynamodb_endpoint: str) -> None:
    with pytest.raises(ClientError) as caught:
        dynamo.client().get_item(TableName="no-such-table", Key=_key())
    assert caught.value.response["Error"]["Code"] == "ResourceNotFoundException"


class _Refusing:
    """Stands in for the boto3 client: every operation fails with the one answer it was given."""

    region = "here"

    def __init__(self, response: dict[str, Any]) -> None:
        self.response = response

    def put_item(self, **_: Any) -> None:
        raise ClientError(self.response, "PutItem")


def _refusing(code: str, **more: Any) -> Client:
    return Client(_Refusing({"Error": {"Code": code, "Message": code}, **more}))


def test_a_transaction_conflict_arrives_as_ours() -> None:
    with pytest.raises(TransactionConflict, match="TransactionConflictException"):
        _refusing("TransactionConflictException").put_item()


def test_answers_without_reasons_or_items_arrive_as_empty() -> None:
    with pytest.raises(TransactionCancelled) as cancelled:
        _refusing("TransactionCanceledException").put_item()
    assert cancelled.value.reasons == ()
    assert not cancelled.value.failed(0)
    with pytest.raises(ConditionFailed) as failed:
        _refusing("ConditionalCheckFailedException", Item={}).put_item()
    assert failed.value.item is None


def test_attributes_that_are_not_operations_are_the_clients_own() -> None:
    assert _refusing("Anything").region == "here"


def test_an_update_that_cannot_apply_arrives_as_rejected(dynamodb_endpoint: str) -> None:
    key = _key()
    dynamo.client().put_item(TableName=COMMUNITY.name, Item={**key, "n": {"S": "text"}})
    with pytest.raises(Rejected):
        dynamo.client().update_item(
            TableName=COMMUNITY.name,
            Key=key,
            UpdateExpression="ADD n :one",
            ExpressionAttributeValues={":one": {"N": "1"}},
        )


@pytest.mark.parametrize("code", ["ThrottlingException", "InternalServerError"])
def test_refusals_that_mean_later_arrive_as_unavailable(code: str) -> None:
    with pytest.raises(Unavailable, match=code):
        _refusing(code).put_item()


def test_an_endpoint_nobody_answers_on_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real client on a closed port: the refusal is ours, and comes without a minute of waiting."""
    from alpaco.gateway.dynamodb_local import free_port
    from alpaco.kernel.config import reset_settings

    monkeypatch.setenv("ALPACO_DYNAMODB_ENDPOINT", f"http://127.0.0.1:{free_port()}")
    reset_settings()
    try:
        with pytest.raises(Unavailable, match="unreachable"):
            dynamo.probe_client().list_tables(Limit=1)
    finally:
        monkeypatch.undo()
        reset_settings()
