"""POST /grade: authorize, count, parse, hold a slot, then grade, run custom tests or find a bug.

Two bounds per user: the requests per window on every instance together (`rates`: every mode
spends one budget, as each starts sandboxes), and the gradings running at once (`limiter`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from aws_lambda_powertools.event_handler import Response

from alpaco.kernel.config import get_settings
from alpaco.kernel.invoke import get_invoker
from alpaco.kernel.rate_limit import RateLimiter
from alpaco.kernel.request import require_caller
from alpaco.kernel.service import Incoming, create_app, make_handler, route
from alpaco.services.grader import repository
from alpaco.services.grader.limiter_choice import limiter_from_env
from alpaco.services.grader.problem_cache import CachedProblems
from alpaco.services.grader.request import CustomRunRequest, GradeRequest, parse_request
from alpaco.services.grader.schemas import GradeBody, GradeResult
from alpaco.services.grader.service import (
    Ports,
    find_my_bug,
    grade_submission,
    run_custom_tests,
)
from alpaco.services.grader.submission import Submitter
from alpaco.services.problems import repository as problems

SERVICE = "grader"

app = create_app(SERVICE)
limiter = limiter_from_env()
rates = RateLimiter()


@lru_cache(maxsize=1)
def ports() -> Ports:
    return Ports(invoker=get_invoker(), problems=CachedProblems(problems), submissions=repository)


@route(app, "POST", "/grade", ok=GradeResult, auth="required", errors=(401, 404, 409, 413, 429))
def grade(body: GradeBody, request: Incoming) -> Response[str]:
    claims = require_caller(request)
    rates.spend(get_settings().rate_limits.gradings, claims.user_id)
    parsed = parse_request(body.model_dump())
    with limiter.slot(claims.user_id):
        if isinstance(parsed, GradeRequest):
            submitter = Submitter(user_id=claims.user_id, author=claims.display_name)
            return _ok(grade_submission(parsed, submitter, ports()))
        if isinstance(parsed, CustomRunRequest):
            return _ok(run_custom_tests(parsed, claims.user_id, ports()))
        return _ok(find_my_bug(parsed, claims.user_id, ports()))


def _ok(body: dict[str, Any]) -> Response[str]:
    """Serialised here: a student's output may hold a lone surrogate, which only ASCII JSON carries."""
    return Response(status_code=200, content_type="application/json", body=json.dumps(body))


handler = make_handler(app)
