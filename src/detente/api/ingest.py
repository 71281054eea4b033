"""``POST /api/v1/articles``: ingest one article over HTTP and extract it.

Refused (403) unless the server was started with a token (``$DETENTE_API_TOKEN``), and
(401) unless the request carries it as ``Authorization: Bearer <token>``. A URL goes through
the same guard as the CLI: private, loopback and link-local addresses are refused.
"""

from __future__ import annotations

import dataclasses
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request, Response

from detente.api.errors import ApiError
from detente.api.models import ArticleIn, ErrorResponse, IngestResult
from detente.api.state import ServerState
from detente.config import IngestOptions
from detente.errors import IngestError
from detente.ingest.article import Meta, make_article_from
from detente.ingest.html import read_html
from detente.ingest.sources import read_inputs
from detente.model import Article
from detente.store.queries import stored_record
from detente.timeml import news_date

__all__ = ["ingest_article", "read_article", "router"]

router = APIRouter()
_INPUT = "api"  # the input name recorded for articles posted as text or HTML


def _bearer_error(message: str) -> ApiError:
    return ApiError(401, message, headers={"WWW-Authenticate": "Bearer"})


def require_token(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <token>")] = None,
) -> None:
    """Let the request through only with the server's token."""
    s: ServerState = request.app.state.detente
    if s.token is None:
        raise ApiError(403, "ingest over HTTP is disabled: start the server with "
                       "DETENTE_API_TOKEN set", code="ingest_disabled")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise _bearer_error("missing token: send the header Authorization: Bearer <token>")
    if not hmac.compare_digest(given.strip().encode(), s.token.encode()):
        raise _bearer_error("invalid token")


def read_article(body: ArticleIn, options: IngestOptions) -> Article:
    """The article ``body`` describes (its text, its HTML, or the page at its URL).
    Raises IngestError (UnsafeURLError for a non-public URL) when there is none."""
    # A client can fix its request: a date we cannot read is refused here (422), where a
    # file's bad date is kept as a warning on the article.
    if body.published and body.published.strip() and news_date(body.published) is None:
        raise IngestError(_INPUT, f"unparseable date {' '.join(body.published.split())!r}")
    meta = Meta(title=body.title, url=body.url, outlet=body.outlet, author=body.author,
                published=body.published)
    item: Article | IngestError
    if body.text:
        item = make_article_from(body.text, input=_INPUT, meta=meta)
    elif body.html:
        item = read_html(body.html, input=_INPUT, url=body.url, overrides=meta)
    else:
        assert body.url is not None
        opts = dataclasses.replace(options, published=body.published or options.published,
                                   outlet=body.outlet or options.outlet)
        # The first item only: a feed URL yields its first entry, and no more is fetched.
        item = next(iter(read_inputs([body.url], opts)),
                    IngestError(body.url, "no article found at this URL"))
    if isinstance(item, IngestError):
        raise item
    return item


def ingest_article(s: ServerState, article: Article) -> dict[str, Any]:
    """Store ``article`` (unless the same text is stored) and extract it (unless done)."""
    with s.writer() as store:
        created = store.add_articles([article]) == 1
        stored = stored_record(store, article.id)
    if stored is not None:
        record = stored
    else:
        # Extraction runs outside the write lock (it takes a while); one at a time.
        with s.extract_lock:
            record = next(iter(s.pipeline().run([article])))
        with s.writer() as store:
            store.save_records([record])
    return {"id": article.id, "created": created, "processed": True,
            "events": len(record.events), "quotes": len(record.quotes),
            "timexes": len(record.timexes), "deadlines": len(record.deadlines),
            "errors": [dataclasses.asdict(e) for e in record.errors]}


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestResult,
    tags=["articles"],
    dependencies=[Depends(require_token)],
    responses={401: {"model": ErrorResponse, "description": "Missing or wrong token"},
               403: {"model": ErrorResponse, "description": "Ingest over HTTP is disabled"}},
)
def post_article(body: ArticleIn, request: Request, response: Response) -> dict[str, Any]:
    """Ingest one article (``text``, ``html`` or a public ``url``) and extract it. 201 when
    it is new, 200 when the same text was already stored. Needs the bearer token."""
    s: ServerState = request.app.state.detente
    result = ingest_article(s, read_article(body, s.options.ingest))
    if not result["created"]:
        response.status_code = 200
    return result
