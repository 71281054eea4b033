"""Plain-text articles: title, byline, date line, dateline, trailing boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DataFileError
from detente.ingest.article import Meta
from detente.ingest.boilerplate import load_boilerplate, strip_boilerplate
from detente.ingest.dateline import find_dateline
from detente.ingest.plaintext import read_plain_text
from detente.model import Article

from .conftest import articles, read_all

BODY = "Moscow – The talks ended without a joint statement, officials said on Friday."
BODY2 = "A second round is planned for next month in a third country."


def read(text: str) -> Article:
    result = read_plain_text(text, input="t.txt", overrides=Meta())
    assert isinstance(result, Article), str(result)
    return result


@pytest.mark.shared
def test_seed_article_reads_with_metadata_and_without_boilerplate(seed_path: Path) -> None:
    [article] = articles(read_all([str(seed_path)]))
    assert article.title == (
        "Trump-Putin Relations Hit Lowest Point as Secret Peace Channels Remain Open"
    )
    assert article.author == "Marouan"
    assert article.outlet == "The New York Diplomat"
    assert article.dateline == "Washington/Moscow"
    assert article.text.startswith("Washington/Moscow – What once looked")
    assert "Leave a Reply" not in article.text
    assert article.language == "en"
    # The body is the source's body, line for line, minus header and boilerplate.
    source_lines = [line.strip() for line in seed_path.read_text("utf-8").splitlines()]
    body = [line for line in source_lines[2:] if line and line != "Leave a Reply"]
    assert article.text.split("\n") == body


@pytest.mark.parametrize(
    ("byline", "author", "outlet"),
    [
        ("By Ana Lima – The Harbour Post", "Ana Lima", "The Harbour Post"),
        ("By Ana Lima — The Harbour Post", "Ana Lima", "The Harbour Post"),
        ("By Ana Lima - The Harbour Post", "Ana Lima", "The Harbour Post"),
        ("By Jean-Luc Moreau - Le Quotidien", "Jean-Luc Moreau", "Le Quotidien"),
        ("By Ana Lima", "Ana Lima", None),
        ("BY ANA LIMA", "ANA LIMA", None),
        ("By Ana Lima and Tom Berg", "Ana Lima and Tom Berg", None),
        ("By Ursula von Hagen | Baltic Wire", "Ursula von Hagen", "Baltic Wire"),
    ],
)
def test_plain_text_byline_gives_author_and_outlet(
    byline: str, author: str, outlet: str | None
) -> None:
    article = read(f"Headline Here\n{byline}\n{BODY}\n{BODY2}")
    assert (article.title, article.author, article.outlet) == ("Headline Here", author, outlet)
    assert article.text == f"{BODY}\n{BODY2}"


def test_plain_text_sentence_starting_with_by_is_body_not_byline() -> None:
    text = "Headline Here\nBy the end of the week, both sides had left the city.\n" + BODY
    article = read(text)
    assert article.author is None
    assert article.text.startswith("By the end of the week")


@pytest.mark.parametrize(
    ("date_line", "iso"),
    [
        ("February 13, 2025", "2025-02-13"),
        ("2025-02-13", "2025-02-13"),
        ("Published: Feb. 13, 2025", "2025-02-13"),
        ("13 February 2025", "2025-02-13"),
    ],
)
def test_plain_text_date_line_gives_published(date_line: str, iso: str) -> None:
    for lines in ([date_line, "By Ana Lima"], ["By Ana Lima", date_line]):
        article = read("\n".join(["Headline Here", *lines, BODY]))
        assert (article.published, article.author) == (iso, "Ana Lima")
        assert article.text == BODY


@pytest.mark.parametrize(
    ("paragraph", "place", "agency"),
    [
        ("Washington/Moscow – What once looked", "Washington/Moscow", None),
        ("Washington / Moscow — Talks", "Washington/Moscow", None),
        ("MOSCOW – The Kremlin said", "MOSCOW", None),
        ("New York - The council met", "New York", None),
        ("KYIV, Ukraine (AP) — Sirens sounded", "KYIV", "AP"),
        ("MOSCOW, Aug. 6 (Reuters) – Officials said", "MOSCOW", "Reuters"),
        ("WASHINGTON (Reuters) -- The envoy", "WASHINGTON", "Reuters"),
        ("Rio de Janeiro – Leaders gathered", "Rio de Janeiro", None),
    ],
)
def test_find_dateline_reads_common_styles(paragraph: str, place: str, agency: str | None) -> None:
    found = find_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert paragraph[found.end :].strip()[0].isupper()


@pytest.mark.parametrize(
    "paragraph",
    [
        "The talks ended without a statement.",
        "the city – which was quiet – waited",
        "Russia, China and India – all three abstained",
        "Well-known diplomats gathered on Monday.",
        "MOSCOW –",
    ],
)
def test_find_dateline_ignores_ordinary_sentences(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_plain_text_dateline_is_recorded_and_kept_in_text() -> None:
    article = read(f"Headline\n{BODY}")
    assert article.dateline == "Moscow"
    assert article.text.startswith("Moscow – ")


def test_plain_text_agency_in_dateline_fills_missing_outlet() -> None:
    article = read("Headline\nMOSCOW, Aug. 6 (Reuters) – Officials met.\nMore text.")
    assert (article.dateline, article.outlet) == ("MOSCOW", "Reuters")


@pytest.mark.parametrize(
    "tail",
    [
        ["Leave a Reply"],
        ["Leave a Comment", "Your email address will not be published.", "Name *", "Post"],
        ["Share this article", "Sign up for our newsletter"],
        ["Related Articles", "Another headline about talks", "A third headline"],
        ["Click here to subscribe"],
        ["Comments", "Great piece!", "I disagree with the author."],
        ["Your email address will not be published. Required fields are marked *"],
    ],
)
def test_plain_text_trailing_boilerplate_is_dropped(tail: list[str]) -> None:
    article = read("\n".join(["Headline", BODY, BODY2, "", *tail]))
    assert article.text == f"{BODY}\n{BODY2}"


def test_boilerplate_words_inside_the_body_are_kept() -> None:
    middle = "Comments from the ministry came later, and nobody would leave a reply unsent."
    article = read("\n".join(["Headline", BODY, middle, BODY2]))
    assert article.text == f"{BODY}\n{middle}\n{BODY2}"


def test_boilerplate_never_drops_the_first_paragraph() -> None:
    assert strip_boilerplate(["Comments", "Leave a Reply"]) == ["Comments"]


def test_single_line_file_is_text_without_title() -> None:
    article = read(BODY)
    assert (article.title, article.text) == (None, BODY)


def test_overrides_beat_the_header() -> None:
    result = read_plain_text(
        f"Headline\nBy Ana Lima – The Harbour Post\n{BODY}",
        input="t.txt",
        overrides=Meta(outlet="Wire Service", published="2025-01-02"),
    )
    assert isinstance(result, Article)
    assert (result.outlet, result.published, result.author) == (
        "Wire Service",
        "2025-01-02",
        "Ana Lima",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("bogus  leave a reply\n", "kind must be one of ('section', 'tail'), not 'bogus'"),
        ("# ok\ntail\n", "missing pattern after the kind"),
        (
            "tail  (unclosed\n",
            "bad regular expression: missing ), unterminated subpattern at position 0",
        ),
    ],
)
def test_boilerplate_loader_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rules.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_boilerplate(path)
    line = content.count("\n")
    assert str(info.value) == f"{path}:{line}: {message}"


def test_builtin_boilerplate_rules_load() -> None:
    rules = load_boilerplate()
    assert rules.is_section("Leave a Reply") and rules.is_tail("Share this article")
