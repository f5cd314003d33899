"""Wire shapes every service shares: the paging query, the page envelope and the error body.

Pydantic models, so the resolver validates requests against them and the API document shows them.
Response models list the fields a client can rely on; `extra="allow"` keeps them true when a view
carries more (the original's clients read fields we also pass through).
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from alpaco.kernel.dynamo import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

MAX_CURSOR_CHARS: Final = 2048
MAX_FILTER_CHARS: Final = 256

Item = TypeVar("Item")

SortOrder = Annotated[
    str | None,
    Field(
        default=None,
        pattern=r"^([Aa][Ss][Cc]|[Dd][Ee][Ss][Cc])$",
        description="`ASC` or `DESC` in any case; newest first when absent.",
    ),
]
Filter = Annotated[str | None, Field(default=None, max_length=MAX_FILTER_CHARS)]


class PageQuery(BaseModel):
    """The paging every list takes; lists extend it with their filters."""

    pageSize: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    lastEvaluatedKey: str | None = Field(
        default=None,
        max_length=MAX_CURSOR_CHARS,
        description="The opaque cursor of the previous page; a tampered or foreign one is a 400.",
    )

    @property
    def cursor(self) -> str | None:
        return self.lastEvaluatedKey or None


class Page(BaseModel, Generic[Item]):
    """A page of a list. Fewer than `pageSize` items with a cursor means the request's read
    budget ran out first: ask again with the cursor."""

    items: list[Item]
    lastEvaluatedKey: str | None
    count: int


class View(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    """The one error shape of every service; `details` locates invalid fields."""

    message: str
    code: str
    details: Any = None
