"""The route manifest: one source of truth for the local gateway, the OpenAPI document and deploy checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Auth = Literal["none", "optional", "required"]
# What a streaming route sends on a long silence: an `event: heartbeat` frame (the generator's
# original clients listen for it) or an SSE comment, which no client ever sees as a message.
KeepAlive = Literal["event", "comment"]


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    service: str
    auth: Auth = "none"
    streaming: bool = False
    keep_alive: KeepAlive = "event"


ROUTES: tuple[Route, ...] = (
    Route("GET", "/problems", "problems", auth="optional"),
    Route("GET", "/problems/{problemId}", "problems", auth="optional"),
    Route("GET", "/submissions", "submissions", auth="optional"),
    Route("GET", "/submissions/{submissionId}", "submissions", auth="optional"),
    Route("POST", "/grade", "grader", auth="required"),
    Route("POST", "/generate", "generator", auth="required", streaming=True),
    Route("POST", "/community", "community", auth="required"),
    Route("GET", "/community", "community", auth="optional"),
    Route("GET", "/community/{postId}", "community", auth="optional"),
    Route("PATCH", "/community/{postId}", "community", auth="required"),
    Route("DELETE", "/community/{postId}", "community", auth="required"),
    Route("POST", "/community/{postId}/like", "community", auth="required"),
    Route("POST", "/community/{postId}/comments", "community", auth="required"),
    Route("GET", "/community/{postId}/comments", "community", auth="optional"),
    Route("DELETE", "/community/{postId}/comments/{commentId}", "community", auth="required"),
    Route("POST", "/chatbot", "chatbot", auth="required", streaming=True, keep_alive="comment"),
)
