"""`GET /submissions` (with the original's `?submissionId=` alias) and `GET /submissions/{submissionId}`.

Lists are public summaries and never carry code. A single submission carries `userCode` and per-case
`results` only for its owner and admins; anyone else, signed in or not, gets the summary.
"""

from __future__ import annotations

from typing import Any, Final

from alpaco.kernel.http import NotFound
from alpaco.kernel.service import claims, create_app, make_handler, page_request, query_param
from alpaco.services.submissions import repository
from alpaco.services.submissions.filters import parse_filters
from alpaco.services.submissions.views import summary, view_for

MAX_ID_CHARS: Final = 128

app = create_app("submissions")


@app.get("/submissions")
def list_submissions() -> dict[str, Any]:
    submission_id = query_param(app, "submissionId")
    if submission_id is not None:
        return {"items": [_one(submission_id)], "lastEvaluatedKey": None, "count": 1}
    filters = parse_filters(lambda name: query_param(app, name))
    page = page_request(app)
    found = repository.list_submissions(filters, page_size=page.page_size, cursor=page.cursor)
    return found.envelope([summary(item) for item in found.items])


@app.get("/submissions/<submissionId>")
def get_submission(submissionId: str) -> dict[str, Any]:
    return _one(submissionId)


def _one(submission_id: str) -> dict[str, Any]:
    found = repository.get_submission(submission_id) if len(submission_id) <= MAX_ID_CHARS else None
    if found is None:
        raise NotFound("Submission not found.")
    return view_for(found, claims(app))


handler = make_handler(app, "submissions")
