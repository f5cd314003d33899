"""`GET /submissions` (with the original's `?submissionId=` alias) and `GET /submissions/{submissionId}`.

Lists are public summaries and never carry code. A single submission carries `userCode` and per-case
`results` only for its owner and admins; anyone else, signed in or not, gets the summary.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from aws_lambda_powertools.event_handler.openapi.params import Query

from alpaco.kernel.http import NotFound
from alpaco.kernel.request import ApiRequest, caller, present
from alpaco.kernel.schemas import Page
from alpaco.kernel.service import Incoming, create_app, make_handler, route
from alpaco.services.submissions import repository
from alpaco.services.submissions.filters import parse_filters
from alpaco.services.submissions.schemas import SubmissionListQuery, SubmissionView
from alpaco.services.submissions.views import summary, view_for

MAX_ID_CHARS: Final = 128

app = create_app("submissions")


@route(app, "GET", "/submissions", ok=Page[SubmissionView], auth="optional", errors=(401, 404))
def list_submissions(
    query: Annotated[SubmissionListQuery, Query()], request: Incoming
) -> dict[str, Any]:
    submission_id = present(query.submissionId)
    if submission_id is not None:
        return {"items": [_one(submission_id, request)], "lastEvaluatedKey": None, "count": 1}
    filters = parse_filters(query)
    found = repository.list_submissions(filters, page_size=query.pageSize, cursor=query.cursor)
    return found.envelope([summary(item) for item in found.items])


@route(
    app, "GET", "/submissions/{submissionId}", ok=SubmissionView, auth="optional", errors=(401, 404)
)
def get_submission(submissionId: str, request: Incoming) -> dict[str, Any]:
    return _one(submissionId, request)


def _one(submission_id: str, request: ApiRequest) -> dict[str, Any]:
    found = repository.get_submission(submission_id) if len(submission_id) <= MAX_ID_CHARS else None
    if found is None:
        raise NotFound("Submission not found.")
    return view_for(found, caller(request))


handler = make_handler(app)
