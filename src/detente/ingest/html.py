"""HTML pages to articles with trafilatura (text, title, author, date, site name)."""

from __future__ import annotations

import logging
import re
import warnings
from html.parser import HTMLParser
from typing import Any

import trafilatura

from detente.errors import IngestError
from detente.ingest.article import Meta, make_article_from
from detente.ingest.boilerplate import strip_boilerplate
from detente.model import Article

__all__ = ["MAX_HTML_DEPTH", "fragment_text", "max_depth_exceeds", "read_html"]

# libxml2 (under lxml, under trafilatura) refuses trees deeper than 255 levels: a page
# nested 260 deep came back empty, 250 deep parsed (measured with lxml 6.1.3). A page
# nested 50,000 deep is refused in 0.3 s, so no pre-check is needed to stay safe; the
# depth is only measured afterwards to say why nothing was found.
MAX_HTML_DEPTH = 255
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_BLOCK = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr"}
    | {"article", "section", "header", "footer"}
)
# trafilatura logs extraction trouble as warnings; the reader reports failures itself, and
# without a handler Python's last-resort handler would print them on stderr.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
# Without extensive search htmldate only trusts dates the page marks up as such; with it,
# it also guesses from free text (copyright footers, "updated" widgets), which is wrong
# more often than it is right for the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def max_depth_exceeds(html: str, limit: int = MAX_HTML_DEPTH) -> bool:
    """Whether tags in ``html`` nest deeper than ``limit``: a linear scan that counts open
    tags without building a tree, so it cannot itself blow up on hostile input."""
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID:
            depth += 1
            if depth > limit:
                return True
    return False


def _extract(html: str, url: str | None) -> Any:
    # htmldate (under trafilatura) lets dateutil warn about time zones it cannot read
    # ("tzname D identified but not understood"); a page's bad date is not the user's news.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _bare_extraction(html, url)


def _bare_extraction(html: str, url: str | None) -> Any:
    return trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )


def read_html(
    html: str,
    *,
    input: str,
    url: str | None,
    overrides: Meta,
    prefer: Meta | None = None,
    fallback: Meta | None = None,
) -> Article | IngestError:
    """One article from an HTML page. ``overrides`` (the user's) and then ``prefer`` (e.g. a
    feed entry's metadata) beat what the page says; ``fallback`` fills in what it does not."""
    try:
        doc = _extract(html, url)
    # lxml's errors subclass these; RecursionError guards trafilatura's tree walks.
    except (ValueError, TypeError, SyntaxError, RecursionError):
        doc = None
    text = str(doc.text or "") if doc is not None else ""
    if not text.strip():
        if max_depth_exceeds(html):
            return IngestError(input, f"HTML nested more than {MAX_HTML_DEPTH} levels deep")
        return IngestError(input, "no article text found in HTML")
    page = Meta(
        title=doc.title,
        url=doc.url or url,
        outlet=doc.sitename,
        author=doc.author,
        published=doc.date,
    )
    meta = overrides.over((prefer or Meta()).over(page.over(fallback or Meta())))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # trafilatura keeps the headline as the first line of the text; it is the title.
    titles = {t.strip().casefold() for t in (meta.title, doc.title) if t}
    if len(lines) > 1 and lines[0].casefold() in titles:
        lines = lines[1:]
    return make_article_from("\n".join(strip_boilerplate(lines)), input=input, meta=meta)


class _FragmentText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(self._skip - 1, 0)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's summary), one line per block element.
    Not an article extractor: no boilerplate removal, which a summary does not need."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)
