"""Turning a text and its metadata into an :class:`Article`: normalize, hash, detect language.

Every reader (plain text, HTML, JSONL, feeds, WARC) ends here, so every article is
normalized the same way and the same text always gets the same ``id``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, fields

import py3langid

from detente.errors import IngestError
from detente.ingest.dateline import find_dateline
from detente.model import Article
from detente.timeml import news_date

__all__ = [
    "Meta",
    "article_id",
    "detect_language",
    "make_article",
    "make_article_from",
    "normalize_text",
]

# Characters that end a line besides "\n": CR, VT, FF, NEL, LINE/PARAGRAPH SEPARATOR.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    """Article metadata as one source states it; None where that source says nothing."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    dateline: str | None = None
    external_id: str | None = None

    def over(self, other: Meta) -> Meta:
        """These values, falling back to ``other``'s where these are None."""
        return Meta(
            **{
                f.name: getattr(self, f.name)
                if getattr(self, f.name) is not None
                else getattr(other, f.name)
                for f in fields(Meta)
            }
        )


def normalize_text(text: str) -> str:
    """NUL bytes removed, NFC, ``\\n`` line ends, whitespace collapsed inside lines, lines
    trimmed, at most one blank line in a row, no leading or trailing blank lines."""
    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    text = _LINE_BREAKS.sub("\n", text)
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def article_id(text: str) -> str:
    """First 16 hex digits of the SHA-256 of ``text`` with whitespace collapsed, casefolded:
    the same article read twice (from any source) gets the same id."""
    key = " ".join(text.split()).casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# English function words that are rare as words of other languages (not "a", "in", "is",
# "on", "to", "was", "for", "at", "an", "are", "will": words in Dutch, German, French,
# Finnish, Estonian, Danish, Polish or Romanian too). They make up a fifth of the words of
# English news (the median of the giveme5w1h articles).
_ENGLISH_WORDS = frozenset((
    "the", "of", "and", "that", "with", "this", "which", "from", "have", "has", "had", "been",
    "were", "would", "their", "they", "said", "it", "its", "by", "but", "not", "who", "there",
    "than",
))
_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# A text of at least _ENGLISH_MIN_WORDS words, nearly all its letters ASCII, with at least
# _ENGLISH_SHARE of its words _ENGLISH_WORDS and _ENGLISH_PART_SHARE in each quarter, is
# English without asking py3langid (~2.5 ms an article, plus a 0.7 s model load, in the
# ingesting process, ahead of extraction). Checked against py3langid on the giveme5w1h and
# US/Russia statement corpora and on spaCy's example sentences of 60 languages, alone and
# mixed into English articles (a fifth to four fifths of the words, before or after): no
# text passing the test was another language to py3langid, and none did with a share of
# 0.10 or with no quarter condition either (each of the two has room to spare; without the
# ASCII condition, 80 % English with 20 % Kyrgyz was Kyrgyz to py3langid, whose byte n-grams
# weigh another script heavily). 99 % of English articles of 150 words or more pass.
_ENGLISH_MIN_WORDS = 40
_ENGLISH_SHARE = 0.12
_ENGLISH_PART_SHARE = 0.06
_NON_ASCII_LETTERS = 0.01


def _plainly_english(text: str) -> bool:
    """Whether ``text`` is English by the function-word test above."""
    words = _WORD.findall(text.lower())
    n = len(words)
    if n < _ENGLISH_MIN_WORDS:
        return False
    letters = sum(map(len, words))
    if not text.isascii() and sum(
            1 for ch in _NON_ASCII.findall(text) if ch.isalpha()) > _NON_ASCII_LETTERS * letters:
        return False
    hits = [w in _ENGLISH_WORDS for w in words]
    if sum(hits) < _ENGLISH_SHARE * n:
        return False
    quarters = [hits[i * n // 4:(i + 1) * n // 4] for i in range(4)]
    return all(sum(q) >= _ENGLISH_PART_SHARE * len(q) for q in quarters)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code by py3langid (639-3 for the few languages without one), or None for
    text with no letters at all, where any answer would be noise. Text whose words are
    plainly English (see ``_plainly_english``) is "en" without running py3langid."""
    if not any(ch.isalpha() for ch in text):
        return None
    if _plainly_english(text):
        return "en"
    code, _score = py3langid.classify(text)
    return None if code == "zxx" else str(code)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.replace("\x00", "").split())
    return unicodedata.normalize("NFC", value) or None


def make_article(
    text: str,
    *,
    input: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
    dateline: str | None = None,
    external_id: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Article | IngestError:
    """An :class:`Article` for ``text``, or an :class:`IngestError` naming ``input`` when the
    text is empty after normalization.

    A ``published`` value that is not a date we can read is not a bad article: the article is
    kept without a date and the reason is added to its ``warnings``. A dateline opening the
    first paragraph is recorded in ``dateline`` (and kept in the text) when none is given.
    """
    body = normalize_text(text)
    if not body:
        return IngestError(input, "no article text")
    iso_date: str | None = None
    if published is not None and published.strip():
        iso_date = news_date(published)
        if iso_date is None:
            shown = " ".join(published.split())
            warnings = (*warnings, f"unparseable date {shown[:80]!r}; stored without a date")
    if dateline is None:
        found = find_dateline(body.split("\n", 1)[0])
        dateline = found.place if found else None
    return Article(
        id=article_id(body),
        url=_clean(url),
        title=_clean(title),
        outlet=_clean(outlet),
        author=_clean(author),
        published=iso_date,
        dateline=_clean(dateline),
        language=detect_language(body),
        text=body,
        input=input,
        external_id=_clean(external_id),
        warnings=warnings,
    )


def make_article_from(
    text: str, *, input: str, meta: Meta, warnings: tuple[str, ...] = ()
) -> Article | IngestError:
    """:func:`make_article` with the metadata given as one :class:`Meta`."""
    return make_article(
        text,
        input=input,
        title=meta.title,
        url=meta.url,
        outlet=meta.outlet,
        author=meta.author,
        published=meta.published,
        dateline=meta.dateline,
        external_id=meta.external_id,
        warnings=warnings,
    )
