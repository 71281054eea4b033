"""Quote speakers on news prose: fragments, transcript turns, pronouns, channels, relays and
a speaker's country, with the actors layer in front (as in the pipeline)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.config import ExtractOptions
from detente.extract.actors.stage import ActorStage
from detente.extract.pipeline import Pipeline
from detente.extract.quotes.stage import QuoteStage
from detente.model import Article, Quote

Run = Callable[[str], list[Quote]]


@pytest.fixture(scope="module")
def run() -> Run:
    opts = ExtractOptions(workers=1)
    pipe = Pipeline(opts, stages=[ActorStage(opts), QuoteStage(opts)])

    def quotes(text: str) -> list[Quote]:
        rec = next(iter(pipe.run([Article(id="t", text=text, published="2017-11-06")])))
        assert not rec.errors
        for q in rec.quotes:
            assert text[q.start:q.end] == q.text
        return rec.quotes

    return quotes


def _starting(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if q.text.startswith(words)]
    assert len(hits) == 1, [q.text for q in quotes]
    return hits[0]


def _who(q: Quote) -> str | None:
    actor = q.speaker.actor
    return actor.name if actor is not None and actor.name else q.speaker.text


def test_quoted_fragment_in_reported_speech_is_a_direct_quote(run: Run) -> None:
    quotes = run("Senator Jane Roe said on Tuesday that the governor’s budget was “a "
                 "slow-motion disaster” for the state.")
    fragment = _starting(quotes, "a slow-motion disaster")
    around = next(q for q in quotes if q.kind == "mixed")
    assert (fragment.kind, fragment.cue, fragment.speaker) == ("direct", around.cue,
                                                               around.speaker)
    assert fragment.speaker.text == "Senator Jane Roe"


def test_transcript_turns_take_their_label_as_speaker_whatever_their_length(run: Run) -> None:
    text = ("Moderator: “Thank you all for coming this morning.”\n\n"
            "Harlan Voss: “Sure.”\n\n"
            "Mira Castell (laughing): “Of course, yes.”\n")
    quotes = run(text)
    assert _starting(quotes, "Sure.").speaker.text == "Harlan Voss"
    assert _starting(quotes, "Of course, yes.").speaker.text == "Mira Castell"


def test_pronoun_speaker_is_the_last_person_speaking_not_the_last_named(run: Run) -> None:
    text = ("Interior Minister Paul Marchetti said on Friday that the attack was terrorism. "
            "Jacques Morel was arrested near the harbour on Thursday night. "
            "“We will never give in to this threat,” he said.")
    assert _who(_starting(run(text), "We will never give in")) == "Paul Marchetti"


def test_pronoun_lookback_skips_the_sentences_of_the_quote_itself(run: Run) -> None:
    text = ("At a rally in Ohio, Paul Marchetti insisted the count was flawed. "
            "\"It is rigged. It is a totally rigged system. Everyone knows it. "
            "We have said so for years,\" he told supporters.")
    assert _who(_starting(run(text), "It is rigged.")) == "Paul Marchetti"


def test_it_said_goes_to_the_organisation_speaking(run: Run) -> None:
    text = ("The Korean Central News Agency said the satellite had reached orbit. "
            "“The world will see many more launches,” it said.")
    actor = _starting(run(text), "The world will see").speaker.actor
    assert actor is not None and actor.country == "PRK"


def test_according_to_a_wire_is_the_channel_when_a_speaker_is_named(run: Run) -> None:
    text = ("“There is no point in talks for the sake of talks,” Hanna Lindqvist told "
            "reporters in Manila, according to Reuters.")
    assert _starting(run(text), "There is no point").speaker.text == "Hanna Lindqvist"


@pytest.mark.parametrize("text", [
    "“The drills will go on as planned,” the newspaper quoted Colonel Ivo Brandt as saying.",
    "“The drills will go on as planned,” the agency said, quoting Colonel Ivo Brandt.",
])
def test_relay_verbs_give_the_source_they_quote(run: Run, text: str) -> None:
    assert "Ivo Brandt" in (_starting(run(text), "The drills").speaker.text or "")


@pytest.mark.parametrize("text", [
    "“The drills will go on as planned,” Colonel Ivo Brandt was quoted by the Interfax news "
    "agency as saying.",
    "Colonel Ivo Brandt was quoted by a state newspaper as saying “The drills will go on as "
    "planned.”",
    "“The drills will go on as planned,” Colonel Ivo Brandt was quoted as saying.",
])
def test_passive_quoted_by_gives_the_one_quoted_not_the_medium(run: Run, text: str) -> None:
    assert "Ivo Brandt" in (_starting(run(text), "The drills").speaker.text or "")


def test_citing_a_reason_is_not_a_source(run: Run) -> None:
    text = ("“It is a reflection of frustration,” Paul Marchetti said, citing low growth and "
            "the many Americans out of work.")
    assert _starting(run(text), "It is a reflection").speaker.text == "Paul Marchetti"


def test_named_speaker_takes_the_country_its_own_phrase_gives(run: Run) -> None:
    text = "“The situation is calm for now,” said Harare resident Tendai Murewa."
    actor = _starting(run(text), "The situation is calm").speaker.actor
    assert actor is not None and actor.country == "ZWE"


def test_a_name_that_is_also_a_town_gives_the_speaker_no_country(run: Run) -> None:
    # Steyer is also an Austrian town in the cities table: the name says nothing of where
    # the speaker is from
    text = "“You see a degree of hypocrisy here,” Mr. Steyer said."
    actor = _starting(run(text), "You see a degree").speaker.actor
    assert actor is None or actor.country is None


def test_a_body_whose_name_holds_a_town_gets_no_country_from_it(run: Run) -> None:
    # Federal is also an Argentine town in the cities table
    text = ("According to the Federal Trade Commission, the “phishing scam begins with an "
            "email” from someone claiming to be an official.")
    quote = _starting(run(text), "phishing scam begins")
    actor = quote.speaker.actor
    assert actor is None or actor.country != "ARG"


def test_surname_keeps_the_country_found_for_the_full_name(run: Run) -> None:
    text = ("“The situation is calm for now,” said Harare resident Tendai Murewa. "
            "“Shops are open again,” Murewa added.")
    actor = _starting(run(text), "Shops are open").speaker.actor
    assert actor is not None and actor.country == "ZWE"


def test_dateline_is_not_the_speaker(run: Run) -> None:
    text = ("OSLO (Reuters) - Foreign Minister Hanna Lindqvist said on Monday that the talks "
            "would “resume within weeks”.")
    assert _starting(run(text), "resume within weeks").speaker.text == \
        "Foreign Minister Hanna Lindqvist"


def test_a_wire_citing_a_named_outlet_gives_the_outlet(run: Run) -> None:
    text = ("“The attack was carried out by one of our soldiers,” Reuters cited the Nashir "
            "agency, a militant website.")
    assert "Nashir" in (_starting(run(text), "The attack was").speaker.text or "")


def test_photo_credit_is_not_a_speaker(run: Run) -> None:
    text = ("(Photo: Jane Smith, AP) WASHINGTON -- President Paul Marchetti said the two "
            "leaders had an \"excellent conversation\" on Thursday.")
    assert _starting(run(text), "excellent conversation").speaker.text == \
        "President Paul Marchetti"


def test_subject_given_to_an_aside_before_the_verb(run: Run) -> None:
    text = ("Merkel -- stressing that the summit had gone on for hours -- said: \"It was a "
            "pleasure to work with you, and I hope we meet again soon in Berlin.\"")
    assert _starting(run(text), "It was a pleasure").speaker.text == "Merkel"


def test_family_name_first_speaker_is_the_person_named_before(run: Run) -> None:
    # A one-word speaker that is any word of a coded full name mentioned earlier (family
    # names come first in Chinese names) is that person.
    text = ("BEIJING - Senior Colonel Zhao Weimin, a Chinese defense ministry spokesman, "
            "spoke on Thursday.\n\nZhao said: \"Dialogue is the only way forward.\"")
    q = _starting(run(text), "Dialogue is")
    assert q.speaker.actor is not None and q.speaker.actor.country == "CHN"
