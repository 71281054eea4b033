"""The API's request and response models: what ``/openapi.json`` documents.

Row models allow extra fields, so a column the store adds later passes through unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "ERROR_RESPONSES",
    "ActorOut",
    "ArticleIn",
    "ArticlePage",
    "ArticleRow",
    "DeadlinePage",
    "DeadlineRow",
    "DyadRow",
    "ErrorBody",
    "ErrorResponse",
    "EventPage",
    "EventRow",
    "Health",
    "IngestResult",
    "Network",
    "QuotePage",
    "QuoteRow",
]


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status, repeated.")
    code: str = Field(description="A stable machine-readable code, e.g. not_found.")
    message: str = Field(description="What went wrong and what to do about it.")


class ErrorResponse(BaseModel):
    """The one error shape every error response has."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in [
        (400, "Bad request (e.g. an unknown frequency, an unsafe URL)"),
        (404, "Not found"),
        (413, "Request body too large"),
        (422, "Invalid parameters or body"),
        (500, "Internal error"),
        (503, "A component is unavailable"),
    ]
}


class _Page(BaseModel):
    total: int = Field(description="How many rows match the filters, in all pages.")
    limit: int
    offset: int


class EventRow(_Row):
    id: str
    article_id: str
    event_date: date | None
    source_code: str | None = None
    target_code: str | None = None
    category: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    channel: str | None = None
    evidence: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    location_lat: float | None = None
    location_lon: float | None = None
    location_precision: str | None = None
    reported_from: str | None = None
    off_topic: str | None = Field(
        default=None, description="Why the article is no political story (its events are "
        "listed only with all=true), or null.")


class EventPage(_Page):
    events: list[EventRow]


class QuoteRow(_Row):
    article_id: str
    idx: int
    text: str | None
    kind: str | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    role: str | None = None
    anonymous: bool | None = None


class QuotePage(_Page):
    quotes: list[QuoteRow]


class ArticleRow(_Row):
    id: str
    title: str | None
    outlet: str | None
    published: date | None
    snippet: str
    events: int
    quotes: int
    processed: bool


class ArticlePage(_Page):
    articles: list[ArticleRow]


class ActorOut(BaseModel):
    text: str
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    sector2: str | None
    id: str | None


class DeadlineRow(_Row):
    id: str
    article_id: str
    issuer: ActorOut
    target: ActorOut | None
    demand: str | None
    threat: str | None = None
    issued: str | None
    expires: str | None
    revises: str | None
    status: str = Field(description="On `as_of`: active, expired, met, shortened, extended "
                                    "or superseded.")
    days_left: int | None = Field(description="Days from `as_of` to the expiry day (0 on the "
                                              "day, negative once passed; null if unknown).")
    evidence: str


class DeadlinePage(_Page):
    as_of: date
    deadlines: list[DeadlineRow]


class DyadRow(_Row):
    a: str
    b: str
    events: int
    first: date | None
    last: date | None


class Network(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class Health(BaseModel):
    status: str
    version: str
    schema_version: int | None
    counts: dict[str, int]
    ingest_enabled: bool


class ArticleIn(BaseModel):
    """An article to ingest: its ``text`` or ``html``, or a ``url`` to fetch (public
    addresses only), with optional metadata."""

    model_config = ConfigDict(extra="ignore")

    text: str | None = None
    html: str | None = None
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=64,
                                  description="Publication date, e.g. 2025-08-07.")
    outlet: str | None = Field(default=None, max_length=200)
    author: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_source(self) -> ArticleIn:
        given = [k for k in ("text", "html") if getattr(self, k)]
        if not given and not self.url:
            raise ValueError('give "text", "html" or "url"')
        if len(given) > 1:
            raise ValueError('give either "text" or "html", not both')
        if self.url is not None and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError('"url" must be an http:// or https:// URL')
        return self


class IngestResult(BaseModel):
    id: str
    created: bool = Field(description="False when the same text was already stored.")
    processed: bool
    events: int
    quotes: int
    timexes: int
    deadlines: int
    errors: list[dict[str, str]]
