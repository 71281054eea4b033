"""Where events happened, from other sentences and the dateline: the launch site a lift-off
names, and the dateline's limits (GUIDELINES §11 rules 1-3), on text we write here."""

from __future__ import annotations

from typing import Any

from detente.extract.where.acts import launch_word
from detente.extract.where.gazetteer import load_gazetteer
from detente.extract.where.stage import locate_events
from detente.model import Actor, Event, EventDate, Span

PRK = Actor("North Korea", code="PRK", country="PRK")


def _event(text: str, trigger: str, source: Actor, target: Actor | None, category: str,
           quad: int, *, modality: str = "asserted") -> Event:
    start = text.index(trigger)
    return Event(id=f"e-{start}", source=source, target=target, category=category, mode=None,
                 cameo=None, goldstein=None, quad_class=quad, date=EventDate(None, None),
                 modality=modality, negated=False, channel="public",
                 evidence=Span(0, len(text), text), trigger=Span(start, start + len(trigger),
                                                                 trigger), confidence=0.9)


def _locate(nlp: Any, text: str, *events: Event) -> list[Any]:
    return locate_events(list(events), nlp(text), load_gazetteer())


def test_a_lift_off_names_the_launch_site_for_the_states_launches(nlp: Any) -> None:
    text = ("PYONGYANG - North Korea on Sunday launched a satellite, state television said. "
            "The rocket blasted off at 9 am from Sunan, the television said.")
    (e,) = _locate(nlp, text, _event(text, "launched", PRK, None, "MOBILIZE", 4))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.basis) == ("Sunan", "PRK",
                                                                        "article")
    # "blasted" with no "off" is no lift-off.
    words = {t.text: launch_word(t) for t in nlp("Critics blasted the plan. The rocket "
                                                 "lifted off at dawn.")}
    assert (words["blasted"], words["lifted"], words["plan"]) == (False, True, False)


def test_another_states_speaker_supposing_an_act_does_not_place_it_at_the_dateline(
        nlp: Any) -> None:
    jpn = Actor("Japan", code="JPN", country="JPN")
    text = ("TOKYO (Reuters) - U.S. President Donald Trump said on Monday that Japan would "
            "shoot the missiles out of the sky.")
    (e,) = _locate(nlp, text, _event(text, "shoot", jpn, PRK, "ASSAULT", 4,
                                     modality="hypothetical"))
    assert e.location is None
    # Its own leader's words are said at the dateline (rule 7.2).
    text = "TOKYO (Reuters) - Abe said on Monday that Japan would shoot the missiles down."
    (e,) = _locate(nlp, text, _event(text, "shoot", jpn, PRK, "ASSAULT", 4,
                                     modality="hypothetical"))
    assert e.location is not None
    assert (e.location.name, e.location.basis) == ("Tokyo", "article")


def test_an_envoys_words_are_not_placed_at_a_home_dateline(nlp: Any) -> None:
    un = Actor("the Security Council", code="IGOUNO", country=None)
    text = ("WASHINGTON (Reuters) - U.S. Ambassador to the United Nations Nikki Haley said "
            "the council must act.")
    envoy = Actor("U.S. Ambassador", code="USAGOV", country="USA")
    (e,) = _locate(nlp, text, _event(text, "said", envoy, un, "REQUEST", 3))
    assert e.location is None
    # Another official of the same state speaks at home there.
    text = "WASHINGTON (Reuters) - U.S. Secretary of State Rubio said the council must act."
    rubio = Actor("U.S. Secretary of State", code="USAGOV", country="USA")
    (e,) = _locate(nlp, text, _event(text, "said", rubio, un, "REQUEST", 3))
    assert e.location is not None
    assert (e.location.name, e.location.basis) == ("Washington", "article")


def test_a_speakers_words_take_the_venue_another_sentence_gives_that_speaker(
        nlp: Any) -> None:
    zwe = Actor("Tsvangirai", code="ZWEOPP", country="ZWE")
    gov = Actor("Mugabe", code="ZWEGOV", country="ZWE")
    text = ("Opposition leader Morgan Tsvangirai spoke to reporters after giving a press "
            "conference at his home in Harare on Thursday.\n"
            "Tsvangirai said Mugabe must resign.")
    (e,) = _locate(nlp, text, _event(text, "resign", zwe, gov, "REQUEST", 3))
    assert e.location is not None
    assert (e.location.name, e.location.country, e.location.basis) == ("Harare", "ZWE",
                                                                        "article")
    # Another speaker's words, and the speaker's words far from the venue, stay unplaced.
    other = Actor("Mujuru", code="ZWEOPP", country="ZWE")
    text2 = text.replace("Tsvangirai said", "Mujuru said")
    (e,) = _locate(nlp, text2, _event(text2, "resign", other, gov, "REQUEST", 3))
    assert e.location is None
    text3 = text.replace("\nTsvangirai said", "\nA.\nB.\nC.\nD.\nTsvangirai said")
    (e,) = _locate(nlp, text3, _event(text3, "resign", zwe, gov, "REQUEST", 3))
    assert e.location is None


def test_an_events_own_calls_are_demands_not_phone_calls(nlp: Any) -> None:
    usa = Actor("Rice", code="USAGOV", country="USA")
    chn = Actor("China", code="CHN", country="CHN")
    text = ("From Washington, Susan Rice, the national security adviser, said the launch "
            "was a provocation.\nRice also reiterated calls for China to act.")
    (e,) = _locate(nlp, text, _event(text, "calls", usa, chn, "REQUEST", 1))
    assert e.location is not None
    assert (e.location.name, e.location.basis) == ("Washington", "article")
    # Words by phone take no place from the speaker's venue.
    text = text.replace("Rice also reiterated calls", "Rice said in a phone call she asked")
    (e,) = _locate(nlp, text, _event(text, "asked", usa, chn, "REQUEST", 1))
    assert e.location is None


def test_words_told_in_the_present_perfect_take_no_place_from_the_dateline(nlp: Any) -> None:
    jpn = Actor("Japanese officials", code="JPNGOV", country="JPN")
    usa = Actor("U.S.", code="USA", country="USA")
    text = ("TOKYO (Reuters) - Japanese officials have countered U.S. trade complaints by "
            "noting the deficit is smaller.")
    (e,) = _locate(nlp, text, _event(text, "countered", jpn, usa, "REJECT", 3))
    assert e.location is None
    # Told as done that day, the home side's reaction is at the dateline.
    text = text.replace("have countered", "countered")
    (e,) = _locate(nlp, text, _event(text, "countered", jpn, usa, "REJECT", 3))
    assert e.location is not None
    assert (e.location.name, e.location.basis) == ("Tokyo", "article")


def test_a_sitting_of_national_bodies_named_in_the_plural_is_at_home(nlp: Any) -> None:
    jpn = Actor("The prime ministers", code="JPNGOV", country="JPN")
    text = ("The prime ministers called emergency meetings of their national security "
            "councils on Sunday.")
    (e,) = _locate(nlp, text, _event(text, "called", jpn, PRK, "CONSULT", 1))
    assert e.location is not None
    assert (e.location.country, e.location.precision, e.location.basis) == (
        "JPN", "country", "inferred")
