"""Sentence starts after label lines (detente.extract.lines), on the real spaCy model.
Texts written for these tests."""

from __future__ import annotations

from typing import Any

from detente.extract.lines import LINE_STARTS, line_starts


def starts(nlp: Any, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_the_pipeline_sets_line_starts_before_the_parser(nlp: Any) -> None:
    names = nlp.pipe_names
    assert names.index(LINE_STARTS) < names.index("parser")


def test_a_label_line_is_not_the_subject_of_the_next_sentence(nlp: Any) -> None:
    sents = starts(nlp, "The talks ended on Friday.\nRead more\nThe rebel group has "
                        "claimed responsibility for the bombing in Kano.")
    assert "The rebel group has claimed responsibility for the bombing in Kano." in sents


def test_a_wrapped_line_going_on_in_lower_case_is_one_sentence(nlp: Any) -> None:
    sents = starts(nlp, "Officials met\nthe envoy in Geneva on Monday.")
    assert sents == ["Officials met\nthe envoy in Geneva on Monday."]


def test_a_long_line_without_a_full_stop_is_left_to_the_parser(nlp: Any) -> None:
    fresh = nlp.make_doc("Ministers Meet in Geneva to Discuss the Future of the Ceasefire "
                         "Deal\nMinisters met in Geneva on Monday.")
    line_starts(fresh)
    assert not any(t.is_sent_start for t in fresh[1:])


def test_a_short_label_line_forces_a_start(nlp: Any) -> None:
    fresh = nlp.make_doc("Advertisement\nTroops crossed the border.")
    line_starts(fresh)
    assert [t.text for t in fresh if t.is_sent_start and t.i > 0] == ["Troops"]


def test_the_claim_after_a_label_line_is_coded() -> None:
    from detente.jobs import annotate_text
    events = annotate_text("Read more\nThe Islamic State group has claimed responsibility "
                           "for the shooting in Nice.", published="2016-07-16").events
    assert ("IMGISIS", "ASSAULT") in {(e.source.code, e.category) for e in events}
