"""The temporal tagger: extents, types and values as TimeML writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.errors import DataFileError
from detente.extract.stage import Draft
from detente.extract.time.lexicon import load_lexicon
from detente.extract.time.stage import TimexStage, TimexTagger
from detente.model import Article, Record


@pytest.fixture(scope="module")
def tagger() -> TimexTagger:
    return TimexTagger()


def _tag(tagger: TimexTagger, text: str, published: str | None = "2025-08-07"
         ) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in tagger.tag(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met last week.", ("last week", "DATE", "2025-W31")),
        ("It expires this weekend.", ("this weekend", "DATE", "2025-W32-WE")),
        ("It took 50 days.", ("50 days", "DURATION", "P50D")),
        ("He went there in the last two months.", ("the last two months", "DURATION", "P2M")),
        ("Talks were held Aug. 6.", ("Aug. 6", "DATE", "2025-08-06")),
        ("Signed on 6 August 2025.", ("6 August 2025", "DATE", "2025-08-06")),
        ("Filed 2025-08-06.", ("2025-08-06", "DATE", "2025-08-06")),
        ("Sales rose in mid-July.", ("mid-July", "DATE", "2025-07")),
        ("Growth returns early next year.", ("early next year", "DATE", "2026")),
        ("Prices fell in the 1990s.", ("1990s", "DATE", "199X")),
        ("Profit rose in fiscal 1998.", ("fiscal 1998", "DATE", "1998")),
        ("They split two years ago.", ("two years ago", "DATE", "2023")),
        ("It is raining now.", ("now", "DATE", "PRESENT_REF")),
        ("She recently resigned.", ("recently", "DATE", "PAST_REF")),
        ("The paper comes out daily.", ("daily", "SET", "P1D")),
        ("We meet every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
        ("Doors open at 2 p.m. today.", ("2 p.m. today", "TIME", "2025-08-07T14:00")),
        ("Talks end at noon Friday.", ("noon Friday", "TIME", "2025-08-08T12:00")),
        ("Earnings fell in the third quarter.", ("the third quarter", "DATE", "2025-Q3")),
        ("Profits fell in 2016's third quarter.", ("2016's third quarter", "DATE", "2016-Q3")),
        ("Stocks hit a five-year low.", ("five-year", "DURATION", "P5Y")),
        ("They left yesterday.", ("yesterday", "DATE", "2025-08-06")),
        ("The talks collapsed last month.", ("last month", "DATE", "2025-07")),
        ("Sales grew for a couple of years.", ("a couple of years", "DURATION", "P2Y")),
        ("It has lasted several weeks.", ("several weeks", "DURATION", "PXW")),
        ("They arrive on Christmas Day.", ("Christmas Day", "DATE", "2025-12-25")),
        ("In the 20th century, empires fell.", ("20th century", "DATE", "19")),
    ],
)
def test_timexes_tags_expression_with_timeml_extent_type_and_value(
        tagger: TimexTagger, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _tag(tagger, text)


@pytest.mark.parametrize(
    "text",
    ["He may resign.", "They march on.", "A 42-year-old man was held.", "It cost $2000 in all.",
     "There were 2000 troops.", "Markets in Eastern Europe rose.",
     "They held a march to the square.", "Veterans recalled the March on Rome.",
     "The May government fell."],
)
def test_timexes_ignores_words_that_only_look_like_dates(tagger: TimexTagger, text: str) -> None:
    assert _tag(tagger, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In February, the United States sided with Russia.", "2025-02"),
        ("The summit was held in October.", "2024-10"),
        ("The summit will be held in March.", "2026-03"),
        ("The envoy said Tuesday that talks failed.", "2025-08-05"),
        ("The envoy will fly there on Tuesday.", "2025-08-12"),
        ("Putin gave him a portrait during a March meeting in Moscow.", "2025-03"),
    ],
)
def test_timexes_tense_of_sentence_decides_direction(nlp, tagger: TimexTagger, text: str,
                                                     value: str) -> None:
    stage = TimexStage(tagger)
    item = Draft(Record(Article(id="t", text=text)), nlp(text), "2025-08-07")
    assert [t.value for t in stage(item).record.timexes] == [value]


@pytest.mark.parametrize("text", ["They met last week.", "Talks resume in March.", "On Friday."])
def test_timexes_without_publication_date_leave_relative_values_null(
        tagger: TimexTagger, text: str) -> None:
    found = tagger.tag(text, None)
    assert found and all(t.value is None for t in found)


def test_timexes_keeps_absolute_values_without_publication_date(tagger: TimexTagger) -> None:
    assert _tag(tagger, "Signed 6 August 2025, for 50 days.", None) == [
        ("6 August 2025", "DATE", "2025-08-06"), ("50 days", "DURATION", "P50D")]


def test_timexes_resolve_the_seed_article(nlp, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    item = Draft(Record(Article(id="seed", text=text)), nlp(text), "2025-08-07")
    found = {(t.text, t.value) for t in TimexStage()(item).record.timexes}
    assert {("last week", "2025-W31"), ("this weekend", "2025-W32-WE"),
            ("February", "2025-02"), ("50 days", "P50D"),
            ("the last two months", "P2M")} <= found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyz ,.-0123456789", "May ", "last ", "week ", "Friday ",
     "2025 ", "days ", "ago ", "the ", "March 3 "]),
    max_size=40).map("".join))
def test_timexes_offsets_always_slice_to_the_text(text: str) -> None:
    tagger = _SHARED
    for t in tagger.tag(text, "2025-08-07"):
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


_SHARED = TimexTagger()


def test_timex_lexicon_names_file_and_line_of_a_bad_entry(tmp_path: Path) -> None:
    bad = tmp_path / "extra.yaml"
    bad.write_text("months:\n  brumaire: 13\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon((bad,))
    assert str(err.value) == f"{bad}:2: month must be in 1..12, got 13"


def test_timex_lexicon_extra_file_adds_words(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("vague_refs:\n  hitherto: PAST_REF\n", encoding="utf-8")
    tagger = TimexTagger(load_lexicon((extra,)))
    assert _tag(tagger, "It was hitherto unknown.") == [("hitherto", "DATE", "PAST_REF")]
