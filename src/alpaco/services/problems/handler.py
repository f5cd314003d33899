"""`GET /problems` and `GET /problems/{problemId}`.

`?view=full` asks for the whole record: an anonymous caller gets 401 (sign in first), a signed-in
caller who is neither the creator nor an admin gets 403. A problem that is not completed is a 404 for
everyone but its creator and admins, so its existence does not leak either.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from aws_lambda_powertools.event_handler.openapi.params import Query

from alpaco.kernel.http import Forbidden, NotFound, Unauthorized
from alpaco.kernel.request import caller
from alpaco.kernel.schemas import Page
from alpaco.kernel.service import Incoming, create_app, make_handler, route
from alpaco.services.problems import repository
from alpaco.services.problems.filters import parse_filters
from alpaco.services.problems.schemas import (
    ProblemListQuery,
    ProblemQuery,
    ProblemSummary,
    ProblemView,
)
from alpaco.services.problems.views import (
    full_view,
    is_manager,
    is_visible,
    list_item,
    manages,
    public_view,
)

MAX_ID_CHARS: Final = 128

app = create_app("problems")


@route(app, "GET", "/problems", ok=Page[ProblemSummary], auth="optional", errors=(401,))
def list_problems(query: Annotated[ProblemListQuery, Query()], request: Incoming) -> dict[str, Any]:
    """Completed problems; a creator asking for their own list (`?creatorId=<their id>`) also
    sees the ones still being generated or failed, each failed one with its `errorMessage`."""
    who = caller(request)
    filters = parse_filters(query, manager_of=lambda creator: manages(creator, who))
    found = repository.list_problems(filters, page_size=query.pageSize, cursor=query.cursor)
    items = [list_item(item) for item in found.items]
    failed = [item["problemId"] for item in items if item["generationStatus"] == "error"]
    reasons = repository.error_messages(failed)
    for item in items:
        if item["problemId"] in reasons:
            item["errorMessage"] = reasons[item["problemId"]]
    return found.envelope(items)


@route(app, "GET", "/problems/{problemId}", ok=ProblemView, auth="optional", errors=(401, 403, 404))
def get_problem(
    problemId: str, query: Annotated[ProblemQuery, Query()], request: Incoming
) -> dict[str, Any]:
    who = caller(request)
    if query.view == "full" and who is None:
        raise Unauthorized("Sign in to see a problem's full record.")
    item = repository.get_problem(problemId) if len(problemId) <= MAX_ID_CHARS else None
    if item is None or not is_visible(item, who):
        raise NotFound("Problem not found.")
    if query.view == "public":
        return public_view(item)
    if not is_manager(item, who):
        raise Forbidden("Only the problem's creator and admins may see its full record.")
    return full_view(item)


handler = make_handler(app)
