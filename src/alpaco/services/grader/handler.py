"""POST /grade: authorize, count, parse, hold a slot, then grade or run custom tests.

Two bounds per user: the requests per window on every instance together (`rates`: both modes
spend one budget, as both start a sandbox), and the gradings running at once (`limiter`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from aws_lambda_powertools.event_handler import Response

from alpaco.kernel.config import get_settings
from alpaco.kernel.invoke import get_invoker
from alpaco.kernel.rate_limit import RateLimiter
from alpaco.kernel.service import create_app, json_body, make_handler, require_claims
from alpaco.services.grader import repository
from alpaco.services.grader.inflight import limiter_from_env
from alpaco.services.grader.problem_cache import CachedProblems
from alpaco.services.grader.request import GradeRequest, parse_request
from alpaco.services.grader.service import Ports, grade_submission, run_custom_tests
from alpaco.services.grader.submission import Submitter
from alpaco.services.problems import repository as problems

SERVICE = "grader"

app = create_app(SERVICE)
limiter = limiter_from_env()
rates = RateLimiter()


@lru_cache(maxsize=1)
def ports() -> Ports:
    return Ports(invoker=get_invoker(), problems=CachedProblems(problems), submissions=repository)


@app.post("/grade")
def grade() -> Response[str]:
    claims = require_claims(app)
    rates.spend(get_settings().rate_limits.gradings, claims.user_id)
    request = parse_request(json_body(app))
    with limiter.slot(claims.user_id):
        if isinstance(request, GradeRequest):
            submitter = Submitter(user_id=claims.user_id, author=claims.display_name)
            return _ok(grade_submission(request, submitter, ports()))
        return _ok(run_custom_tests(request, claims.user_id, ports()))


def _ok(body: dict[str, Any]) -> Response[str]:
    """Serialised here: a student's output may hold a lone surrogate, which only ASCII JSON carries."""
    return Response(status_code=200, content_type="application/json", body=json.dumps(body))


handler = make_handler(app, SERVICE)
