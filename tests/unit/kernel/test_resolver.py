"""Two requests resolved at the same moment by one app each see only their own event and path."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from alpaco.kernel.service import claims, create_app, make_handler

THREADS = 8
_together = threading.Barrier(THREADS, timeout=10)

app = create_app("isolation-test")


@app.get("/echo/<itemId>")
def echo(itemId: str) -> dict[str, str | None]:
    _together.wait()
    who = claims(app)
    return {
        "itemId": itemId,
        "pathParameter": (app.current_event.path_parameters or {}).get("itemId"),
        "user": who.user_id if who else None,
    }


handler = make_handler(app, "isolation-test")


def _event(n: int) -> dict:
    return {
        "resource": "/echo/{itemId}",
        "path": f"/echo/item-{n}",
        "httpMethod": "GET",
        "headers": {},
        "queryStringParameters": None,
        "pathParameters": {"itemId": f"item-{n}"},
        "requestContext": {
            "resourcePath": "/echo/{itemId}",
            "httpMethod": "GET",
            "stage": "local",
            "requestId": f"req-{n}",
            "authorizer": {"claims": {"sub": f"user-{n}", "cognito:username": f"u{n}"}},
        },
        "body": None,
        "isBase64Encoded": False,
    }


def test_concurrent_requests_never_see_each_others_state():
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda n: handler(_event(n), None), range(THREADS)))
    bodies = [json.loads(r["body"]) for r in results]
    assert [r["statusCode"] for r in results] == [200] * THREADS
    assert bodies == [
        {"itemId": f"item-{n}", "pathParameter": f"item-{n}", "user": f"user-{n}"}
        for n in range(THREADS)
    ]
