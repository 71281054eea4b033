"""Who did it to whom: the argument rules of ``extract/events/args.py`` on the parse."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.args import each_other, find_subject, group_members, target_candidates
from detente.extract.events.phrases import expand_conj, subject_tokens


def _subject_of(nlp: Any, text: str, word: str) -> str | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    subj = find_subject(token)
    return subj.text if subj is not None else None


@pytest.mark.parametrize(("text", "word", "subject"), [
    # A possessive pronoun on an act noun is the clause's subject.
    ("Overnight, Iran launched its largest missile attack on Israel.", "attack", "Iran"),
    ("Pakistan conducted its sixth nuclear test in May.", "test", "Pakistan"),
    # A named possessor stays the agent.
    ("Officials condemned Russia's attack on Kharkiv.", "attack", "Russia"),
])
def test_args_possessive_pronoun_on_act_noun_is_the_clause_subject(
        nlp: Any, text: str, word: str, subject: str) -> None:
    assert _subject_of(nlp, text, word) == subject


@pytest.mark.parametrize(("text", "word", "members"), [
    ("Japan hosted Canada on Monday. The two countries signed a trade pact.", "countries",
     ["Japan", "Canada"]),
    ("Emmanuel Macron met Olaf Scholz on Monday. Later the two men spoke to reporters.",
     "men", ["Macron", "Scholz"]),
    ("Peru, Chile and Bolivia held drills. The three countries agreed to meet.",
     "countries", ["Peru", "Chile", "Bolivia"]),
    # not a group: no number, or too few named before
    ("Japan hosted Canada on Monday. The countries signed a trade pact.", "countries", []),
    ("Japan held talks on Monday. The two countries signed a trade pact.", "countries", []),
])
def test_args_group_noun_stands_for_the_actors_named_before(
        nlp: Any, text: str, word: str, members: list[str]) -> None:
    doc = nlp(text)
    head = next(t for t in doc if t.text == word)
    assert [t.text for t in group_members(head)] == members


def test_args_proper_plural_sums_up_the_states_of_that_name(nlp: Any) -> None:
    text = ("North Korea fired a missile. South Korea protested to Japan. "
            "The two Koreas later met in Panmunjom.")
    head = next(t for t in nlp(text) if t.text == "Koreas")
    assert [t.doc[t.i - 1].text + " " + t.text for t in group_members(head)] == [
        "North Korea", "South Korea"]


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("The two sides threatened each other with war.", "threatened", True),
    ("Both armies fired on one another for hours.", "fired", True),
    ("The two sides threatened Japan with war.", "threatened", False),
])
def test_args_each_other_marks_a_reciprocal_act(nlp: Any, text: str, word: str,
                                                expected: bool) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert each_other(token) is expected


def test_events_coordinated_subjects_threatening_each_other_go_both_ways(nlp: Any) -> None:
    from detente.extract.events.stage import EventCoder

    text = "India and Pakistan threatened each other with war."
    events = EventCoder().code_doc(nlp(text), article_id="t")
    assert {(e.source.country, e.target.country if e.target else None) for e in events
            if e.category == "THREATEN"} == {("IND", "PAK"), ("PAK", "IND")}


@pytest.mark.parametrize(("text", "word", "subject"), [
    ("SEOUL (Reuters) - Japan and Canada agreed on Friday to keep working.", "agreed",
     "Japan"),
    ("(CNN) Canadian Prime Minister Justin Trudeau held talks on Monday.", "held",
     "Trudeau"),
])
def test_args_bracketed_agency_is_never_the_subject(nlp: Any, text: str, word: str,
                                                    subject: str) -> None:
    assert _subject_of(nlp, text, word) == subject


def test_args_pronoun_with_listed_signatories_expands_to_each(nlp: Any) -> None:
    doc = nlp("We, the leaders of France, Germany, Italy, Canada and Japan, condemn the "
              "attack.")
    head = next(t for t in doc if t.text == "We")
    assert [t.text for t in expand_conj(head)] == ["France", "Germany", "Italy", "Canada",
                                                   "Japan"]


@pytest.mark.parametrize(("text", "word", "target"), [
    ("China backed the latest round of sanctions against Pyongyang.", "backed", "Pyongyang"),
    ("We will support Ukraine's efforts to regain its territory.", "support", "Ukraine"),
    ("Kenya called for sanctions on Sudan.", "called", "Sudan"),
])
def test_args_nested_actor_of_a_thing_is_a_target_candidate(nlp: Any, text: str, word: str,
                                                           target: str) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert target in [t.text for _, t in target_candidates(token)]


def test_args_nested_place_is_not_a_target_candidate(nlp: Any) -> None:
    token = next(t for t in nlp("Police condemned the bombing of a market in Lyon.")
                 if t.text == "condemned")
    assert "Lyon" not in [t.text for _, t in target_candidates(token)]


@pytest.mark.parametrize(("text", "word", "subject"), [
    ("A joint statement by more than 100 church groups urged calm.", "urged", "groups"),
    ("UN Security Council resolutions ban the test.", "ban", "Council"),
    ("The statement urged calm.", "urged", "statement"),
])
def test_args_document_subject_acts_for_its_author(nlp: Any, text: str, word: str,
                                                    subject: str) -> None:
    assert _subject_of(nlp, text, word) == subject


def test_args_relative_pronoun_target_is_the_noun_it_stands_for(nlp: Any) -> None:
    doc = nlp("Officials welcomed the release of 80 schoolgirls that were kidnapped by "
              "militants in 2014.")
    verb = next(t for t in doc if t.text == "kidnapped")
    assert [t.text for _, t in target_candidates(verb)][:1] == ["schoolgirls"]


def test_args_floating_both_is_the_actors_named_before_it(nlp: Any) -> None:
    doc = nlp("The debate started, and candidates Jane Doe and Sen. John Roe (R-Ohio) both "
              "urged China to act.")
    subj = find_subject(next(t for t in doc if t.text == "urged"))
    assert subj is not None
    assert [t.text for t in expand_conj(subj)] == ["Doe", "Roe"]


def test_args_verb_carries_the_addressee_of_its_act_noun(nlp: Any) -> None:
    token = next(t for t in nlp("But Kim ratcheted up his warnings to the US.")
                 if t.text == "warnings")
    assert "US" in [t.text for _, t in target_candidates(token)]


def test_args_subject_phrase_leaves_out_the_clause_holding_the_act(nlp: Any) -> None:
    doc = nlp("The U.S. leader, who will visit South Korea on the trip, has rattled allies.")
    visit = next(t for t in doc if t.text == "visit")
    leader = next(t for t in doc if t.text == "leader")
    taken = subject_tokens(leader, visit)
    assert leader.i in taken and not any(t.i in taken for t in doc if t.text == "Korea")
    rattled = next(t for t in doc if t.text == "rattled")
    assert all(t.i in subject_tokens(leader, rattled) for t in doc if t.text == "Korea")


def test_events_relative_clause_of_the_subject_keeps_its_object(nlp: Any) -> None:
    from detente.extract.events.stage import EventCoder

    doc = nlp("The French leader, who will visit South Korea on the trip, has rattled allies.")
    visits = [e for e in EventCoder().code_doc(doc, article_id="t")
              if e.trigger.text == "visit"]
    assert visits and visits[0].target is not None and visits[0].target.country == "KOR"


@pytest.mark.parametrize(("text", "word", "target"), [
    ("Japan warned that North Korea would pay a heavy price.", "warned", "Korea"),
    ("Trump vowed not to let North Korea develop nuclear missiles.", "vowed", "Korea"),
])
def test_args_subject_of_the_content_clause_is_a_target_candidate(
        nlp: Any, text: str, word: str, target: str) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert target in [t.text for _, t in target_candidates(token)]


def test_args_object_before_an_infinitive_is_the_prepositions_object(nlp: Any) -> None:
    # The parser makes "the United States" the subject of "to respond"; it is whom Japan
    # cooperates with, and each coordinated state is a target.
    doc = nlp("Japan's government will cooperate closely with the United States, South Korea "
              "and other relevant countries to respond to this situation.")
    act = next(t for t in doc if t.text == "cooperate")
    heads = [tok for _, tok in target_candidates(act)]
    assert heads, "no target candidate"
    assert [t.text for t in expand_conj(heads[0])][:2] == ["States", "Korea"]
