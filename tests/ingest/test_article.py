"""make_article: normalization, identity, language, dates, datelines."""

from __future__ import annotations

import json
from pathlib import Path

import py3langid
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import detente.ingest as ingest
from detente.errors import IngestError
from detente.ingest import article_id, detect_language, make_article, normalize_text
from detente.ingest.article import _plainly_english
from detente.model import Article
from detente.timeml import news_date

TEXT = "Moscow – The two ministers spoke by telephone on Monday about grain exports."


def ok(result: Article | IngestError) -> Article:
    assert isinstance(result, Article), str(result)
    return result


def test_ingest_public_surface_is_exactly_all() -> None:
    assert sorted(ingest.__all__) == [
        "IngestError",
        "Meta",
        "UnsafeURLError",
        "article_id",
        "detect_language",
        "make_article",
        "normalize_text",
        "read_inputs",
    ]
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\x00b", "ab"),
        ("e\u0301te", "\u00e9te"),  # NFC
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("  padded  \n\n", "padded"),
        ("many   spaces\tand\u00a0tabs", "many spaces and tabs"),
        ("p1\n\n\n\n\np2", "p1\n\np2"),
        ("line  \n  next", "line\nnext"),
    ],
)
def test_normalize_text_cleans_without_losing_words(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_make_article_same_text_twice_gets_same_id() -> None:
    first = ok(make_article(TEXT, input="a.txt"))
    second = ok(make_article("  " + TEXT.replace(" ", "  ").upper() + "\r\n", input="b.txt"))
    assert first.id == second.id
    assert len(first.id) == 16 and int(first.id, 16) >= 0
    assert first.id != ok(make_article(TEXT + " More.", input="c.txt")).id


@given(st.text(min_size=1))
def test_article_id_is_stable_under_whitespace_and_case(text: str) -> None:
    # Upper-casing changes some letters for good (dotless i 'ı' -> 'I' -> 'i'): not a case change.
    assume(text.upper().casefold() == text.casefold())
    assert article_id(text) == article_id(f"  {text.upper()}  ".casefold())


def test_make_article_records_metadata_and_language() -> None:
    article = ok(
        make_article(
            TEXT,
            input="x",
            title=" A  title ",
            url="http://example.org/a",
            outlet="Ledger",
            author="Jo Doe",
            published="Aug. 7, 2025",
        )
    )
    assert (article.title, article.outlet, article.author) == ("A title", "Ledger", "Jo Doe")
    assert article.published == "2025-08-07"
    assert article.language == "en"
    assert article.dateline == "Moscow"
    assert article.input == "x"
    assert article.text == TEXT


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le ministre a déclaré que les négociations reprendraient la semaine prochaine.", "fr"),
        ("Министр заявил, что переговоры возобновятся на следующей неделе.", "ru"),
        ("Der Minister sagte, die Gespräche würden nächste Woche fortgesetzt.", "de"),
        ("Talks resume.", "en"),
        ("2025 - 08 - 07", None),
    ],
)
def test_make_article_detects_language(text: str, language: str | None) -> None:
    assert ok(make_article(text, input="x")).language == language


def test_make_article_keeps_article_with_unparseable_date_as_warning() -> None:
    article = ok(make_article(TEXT, input="story.txt", published="xyz"))
    assert (article.published, article.warnings) == (
        None, ("unparseable date 'xyz'; stored without a date",)
    )


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x00"])
def test_make_article_refuses_empty_text(text: str) -> None:
    result = make_article(text, input="e.txt")
    assert isinstance(result, IngestError)
    assert str(result) == "e.txt: no article text"


def test_make_article_keeps_given_dateline() -> None:
    assert ok(make_article(TEXT, input="x", dateline="Kyiv")).dateline == "Kyiv"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2025-08-07", "2025-08-07"),
        ("2025-08-07T09:30:00Z", "2025-08-07"),
        ("2025-08-07T23:30:00-04:00", "2025-08-07"),
        ("2025/8/7", "2025-08-07"),
        ("Thu, 07 Aug 2025 09:30:00 +0000", "2025-08-07"),
        ("7 Aug 2025 09:30:00 GMT", "2025-08-07"),
        ("August 7, 2025", "2025-08-07"),
        ("Aug. 7, 2025", "2025-08-07"),
        ("Aug 7 2025", "2025-08-07"),
        ("Sept. 30, 2025", "2025-09-30"),
        ("Thursday, August 7, 2025", "2025-08-07"),
        ("August 7th, 2025 at 10:30 AM", "2025-08-07"),
        ("7 August 2025", "2025-08-07"),
        ("February 13, 2025", "2025-02-13"),
        ("  2025-02-13  ", "2025-02-13"),
    ],
)
def test_news_date_reads_news_formats(raw: str, iso: str) -> None:
    assert news_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    ["xyz", "", "07/08/2025", "2025-02-30", "Smarch 7, 2025", "August 2025", "7", "yesterday"],
)
def test_news_date_refuses_ambiguous_or_invalid(raw: str) -> None:
    assert news_date(raw) is None


@given(st.text(max_size=60))
def test_news_date_never_raises(raw: str) -> None:
    result = news_date(raw)
    assert result is None or (len(result) == 10 and result[4] == "-")


def _spacy_examples(lang: str) -> str:
    """spaCy's example sentences of one language, as one text (about a hundred words)."""
    from importlib import import_module

    return " ".join(import_module(f"spacy.lang.{lang}.examples").sentences)


def _news_texts(shared_data: Path, n: int) -> list[str]:
    """The first ``n`` giveme5w1h articles (title and body) of ../shared/data/news."""
    texts = []
    for path in sorted((shared_data / "news" / "giveme5w1h").glob("*/data/*.json"))[:n]:
        d = json.loads(path.read_text(encoding="utf-8"))
        texts.append(normalize_text(f"{d.get('title') or ''}\n\n{d.get('text') or ''}"))
    return [t for t in texts if t]


@pytest.mark.parametrize("lang", ["fr", "de", "nl", "da", "nb", "id", "es", "ru", "ky", "fi"])
@pytest.mark.parametrize("english_part", [0.0, 0.5, 0.8])
def test_detect_language_says_english_only_where_py3langid_does(
    shared_data: Path, lang: str, english_part: float
) -> None:
    # The function-word test that spares English articles py3langid must never call "en"
    # what py3langid calls another language: other languages' texts, alone and mixed with an
    # English article (before and after it).
    foreign = _spacy_examples(lang)
    article = _news_texts(shared_data, 3)[2].split()
    n = int(len(foreign.split()) * english_part / (1 - english_part))
    english = " ".join(article[:n])
    for text in (f"{foreign} {english}".strip(), f"{english} {foreign}".strip()):
        code = py3langid.classify(text)[0]
        assert detect_language(text) == (None if code == "zxx" else code)


def test_detect_language_agrees_with_py3langid_on_news(shared_data: Path) -> None:
    texts = _news_texts(shared_data, 150)
    assert [detect_language(t) for t in texts] == [py3langid.classify(t)[0] for t in texts]
    # and the test spares py3langid most English articles
    assert sum(_plainly_english(t) for t in texts) >= 0.9 * len(texts)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (" ".join(["The minister said that talks with the delegation would resume after the "
                   "summit, and that their position had not changed."] * 3), True),
        ("Talks resume.", False),  # too short to tell: py3langid decides
        (" ".join(["Le ministre a déclaré que les négociations avec la délégation "
                   "reprendraient après le sommet."] * 4), False),
    ],
)
def test_plainly_english_needs_enough_words_and_english_function_words(
    text: str, english: bool
) -> None:
    assert _plainly_english(text) is english
