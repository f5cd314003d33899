"""`GET /problems` and `GET /problems/{problemId}`.

`?view=full` asks for the whole record: an anonymous caller gets 401 (sign in first), a signed-in
caller who is neither the creator nor an admin gets 403. A problem that is not completed is a 404 for
everyone but its creator and admins, so its existence does not leak either.
"""

from __future__ import annotations

from typing import Any, Final

from alpaco.kernel.http import BadRequest, Forbidden, NotFound, Unauthorized
from alpaco.kernel.service import claims, create_app, make_handler, page_request, query_param
from alpaco.services.problems import repository
from alpaco.services.problems.filters import parse_filters
from alpaco.services.problems.views import (
    full_view,
    is_manager,
    is_visible,
    list_item,
    public_view,
)

MAX_ID_CHARS: Final = 128
_VIEWS: Final = ("public", "full")

app = create_app("problems")


@app.get("/problems")
def list_problems() -> dict[str, Any]:
    filters = parse_filters(lambda name: query_param(app, name))
    page = page_request(app)
    found = repository.list_problems(filters, page_size=page.page_size, cursor=page.cursor)
    return found.envelope([list_item(item) for item in found.items])


@app.get("/problems/<problemId>")
def get_problem(problemId: str) -> dict[str, Any]:
    view = query_param(app, "view") or "public"
    if view not in _VIEWS:
        raise BadRequest("view must be public or full.")
    caller = claims(app)
    if view == "full" and caller is None:
        raise Unauthorized("Sign in to see a problem's full record.")
    item = repository.get_problem(problemId) if len(problemId) <= MAX_ID_CHARS else None
    if item is None or not is_visible(item, caller):
        raise NotFound("Problem not found.")
    if view == "public":
        return public_view(item)
    if not is_manager(item, caller):
        raise Forbidden("Only the problem's creator and admins may see its full record.")
    return full_view(item)


handler = make_handler(app, "problems")
