"""Who sees what of a submission, over real HTTP: anonymous / other user / owner / admin, through
`GET /submissions/{id}`, the original's `GET /submissions?submissionId=` alias, and the lists."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

SECRETS = ("SECRET-CODE-9c1d", "SECRET-RESULT-9c1d", "SECRET-DETAIL-9c1d")
OWNERS = {"anonymous": False, "other": False, "owner": True, "admin": True}


@dataclass
class Scene:
    api: httpx.Client
    owner_id: str
    headers: dict[str, dict[str, str]]
    item: dict[str, Any]

    def get(self, path: str, who: str = "anonymous", **params: str) -> httpx.Response:
        return self.api.get(path, params=params, headers=self.headers[who])


@pytest.fixture
def scene(
    api: httpx.Client,
    auth_headers: Callable[..., dict[str, str]],
    user_id: Callable[..., str],
    put_submission: Callable[..., dict[str, Any]],
) -> Scene:
    run = uuid.uuid4().hex[:8]
    owner_id = user_id(f"owner-{run}")
    headers = {
        "anonymous": {},
        "other": auth_headers(f"other-{run}"),
        "owner": auth_headers(f"owner-{run}"),
        "admin": auth_headers(f"admin-{run}", groups=("Admins",)),
    }
    return Scene(api, owner_id, headers, put_submission(owner_id, author=f"owner-{run}"))


def _assert_view(body: dict[str, Any], item: dict[str, Any], *, owner: bool) -> None:
    assert body["submissionId"] == item["submissionId"]
    assert body["submissionTime"] == 1_900_000_000
    assert (body["score"], body["passedCaseCount"], body["totalCaseCount"]) == (50, 1, 2)
    assert body["status"] == "RUNTIME_ERROR"
    assert "is_submission" not in body
    if owner:
        assert body["userCode"] == item["userCode"]
        assert body["results"] == item["results"]
        assert body["errorMessage"] == item["errorMessage"]
    else:
        assert "userCode" not in body
        assert "results" not in body
        assert body["errorMessage"] == "Failed at test case 2: RUNTIME_ERROR"
        for secret in SECRETS:
            assert secret not in repr(body)


@pytest.mark.parametrize("who", list(OWNERS))
def test_single_submission_by_path(scene: Scene, who: str) -> None:
    response = scene.get(f"/submissions/{scene.item['submissionId']}", who)
    assert response.status_code == 200
    _assert_view(response.json(), scene.item, owner=OWNERS[who])


@pytest.mark.parametrize("who", list(OWNERS))
def test_single_submission_by_the_originals_query_alias(scene: Scene, who: str) -> None:
    response = scene.get("/submissions", who, submissionId=scene.item["submissionId"], userId="x")
    assert response.status_code == 200
    body = response.json()
    assert (body["lastEvaluatedKey"], body["count"], len(body["items"])) == (None, 1, 1)
    _assert_view(body["items"][0], scene.item, owner=OWNERS[who])


@pytest.mark.parametrize("who", list(OWNERS))
def test_lists_never_carry_code_or_results(scene: Scene, who: str) -> None:
    for params in (
        {"userId": scene.owner_id},
        {"problemId": scene.item["problemId"]},
        {"author": scene.item["author"]},
        {"problemTitleTranslated": "딸기", "pageSize": "100"},
    ):
        response = scene.get("/submissions", who, **params)
        assert response.status_code == 200
        for secret in SECRETS:
            assert secret not in response.text
        items = response.json()["items"]
        assert scene.item["submissionId"] in [i["submissionId"] for i in items]
        assert all("userCode" not in i and "results" not in i for i in items)


@pytest.mark.parametrize("path", ["/submissions/nope", "/submissions?submissionId=nope"])
def test_missing_submission_is_404_in_our_error_shape(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"message": "Submission not found.", "code": "not_found"}
    assert response.headers["access-control-allow-origin"] == response.request.headers["origin"]


def test_an_item_that_is_not_a_submission_is_never_served(api: httpx.Client) -> None:
    """The grader keeps per-user lease items in this table; they are not submissions."""
    from alpaco.kernel import dynamo
    from alpaco.kernel.tables import SUBMISSIONS

    lease_id = f"inflight#{uuid.uuid4()}"
    dynamo.client().put_item(
        TableName=SUBMISSIONS.name,
        Item=dynamo.to_item({"submissionId": lease_id, "lease0": {"token": "t", "expiresAt": 1}}),
    )
    for path in (
        f"/submissions/{lease_id.replace('#', '%23')}",
        f"/submissions?submissionId={lease_id.replace('#', '%23')}",
    ):
        response = api.get(path)
        assert response.status_code == 404, path


def test_over_long_id_is_404(api: httpx.Client) -> None:
    assert api.get(f"/submissions/{'x' * 300}").status_code == 404


def test_bad_sort_order_is_400(api: httpx.Client) -> None:
    response = api.get("/submissions", params={"sortOrder": "sideways"})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
