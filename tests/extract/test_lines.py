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


def test_a_line_ending_a_quoted_sentence_ends_it_with_its_quotation_mark(nlp: Any) -> None:
    sents = starts(nlp, 'The minister said the border "has been closed since Monday."\n'
                        '"We will reopen it soon," the general told reporters.')
    assert sents == ['The minister said the border "has been closed since Monday."',
                     '"We will reopen it soon," the general told reporters.']


def test_a_quote_on_the_next_line_belongs_to_the_speaker_after_it() -> None:
    from detente.jobs import annotate_text
    quotes = annotate_text(
        'Foreign Minister Sergei Lavrov said the talks "were useful."\n'
        '"We need unity after this provocation," Japanese Prime Minister Shinzo Abe told '
        'reporters.', published="2017-09-15").quotes
    speakers = {q.text: q.speaker.actor.code for q in quotes if q.speaker and q.speaker.actor}
    assert speakers["We need unity after this provocation"] == "JPNGOV"


def test_a_pronoun_passes_over_a_split_off_quotation_mark(nlp: Any) -> None:
    from spacy.tokens import Doc

    from detente.extract.actors.context import previous_sentence_start
    doc = Doc(nlp.vocab, words=["Officials", "met", ".", '"', "They", "left", "."],
              sent_starts=[True, False, False, True, True, False, False])
    sents = list(doc.sents)
    assert [s.text for s in sents] == ["Officials met .", '"', "They left ."]
    assert previous_sentence_start(doc, sents[-1]) == 0
