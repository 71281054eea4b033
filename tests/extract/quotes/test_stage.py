"""Quote extraction: kinds, cues, speakers, roles, anonymity, offsets, robustness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from detente.errors import DataFileError
from detente.extract.quotes.lexicon import load_quote_lexicon
from detente.extract.quotes.marks import find_quoted
from detente.extract.quotes.stage import QuoteStage, extract_quotes, sourcing_summary
from detente.extract.stage import Draft
from detente.model import Actor, Article, Quote, Record

LEX = load_quote_lexicon()


def _quotes(nlp: Any, text: str, **kw: Any) -> list[Quote]:
    return extract_quotes(nlp(text), lexicon=LEX, **kw)


def _only(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert len(hits) == 1, [q.text for q in quotes]
    return hits[0]


def _assert_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        sp = q.speaker
        if sp.start is not None and sp.end is not None:
            assert text[sp.start : sp.end] == sp.text


# --- quotation marks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inners"),
    [
        ('He said "we will win" today.', ["we will win"]),
        ("“We will win,” she said.", ["We will win"]),
        ("“One.” and “Two.”", ["One.", "Two."]),
        ("“Open paragraph\n“Next one.”", ["Open paragraph", "Next one."]),
        ("stray ” closer and “never closed", ["never closed"]),
        ('""', []),
        ("“", []),
        ("He said ''we will win,'' and left.", ["we will win"]),
        ("``Fine,'' she said.", ["Fine"]),
        ("Haley called it a 'band-aid'.", ["band-aid"]),
        ("He was caught ‘red handed’ on Friday.", ["red handed"]),
        ("Seoul's offer, don't go, the Joneses' car.", []),
        ("“He told me ‘no’ twice,” she said.", ["He told me ‘no’ twice"]),
    ],
)
def test_quote_marks_find_quoted_stretches(text: str, inners: list[str]) -> None:
    segs = find_quoted(text)
    assert [text[s.inner_start : s.inner_end] for s in segs] == inners


def test_quote_marks_mark_paragraph_continuation() -> None:
    text = "“First paragraph of the quote.\n“Second paragraph.”"
    first, second = find_quoted(text)
    assert (first.closed, first.continues) == (False, True)
    assert (second.closed, second.continues) == (True, False)


# --- kinds, cues, speakers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "kind", "cue", "speaker"),
    [
        ("“The attacks are disgusting and shameful,” Jane Doe declared on Monday.",
         "disgusting", "direct", "declared", "Jane Doe"),
        ("Jane Doe said that the talks had collapsed after midnight.",
         "talks had collapsed", "indirect", "said", "Jane Doe"),
        ("According to the ministry, the talks had collapsed after midnight.",
         "talks had collapsed", "indirect", "According to", "the ministry"),
        ("Jane Doe warned that sanctions would follow within days.",
         "sanctions would follow", "indirect", "warned", "Jane Doe"),
        ("Jane Doe said the plan was “a total disaster for everyone” in the region.",
         "plan was", "mixed", "said", "Jane Doe"),
        ("“We expect carrots, not just sticks,” a senior diplomat told The Daily Planet.",
         "carrots", "direct", "told The Daily Planet", "a senior diplomat"),
        ("Doe: Sanctions Will Not Stop Until The Fighting Ends\nMore text follows here.",
         "Sanctions", "indirect", ":", "Doe"),
        ("Senator Doe's call for a special prosecutor was rejected on Monday.",
         "special prosecutor", "indirect", "call", "Senator Doe's"),
        ("As Jane Doe noted on Monday, the ceasefire has held for a week.",
         "ceasefire has held", "indirect", "noted", "Jane Doe"),
    ],
)
def test_quotes_find_kind_cue_and_speaker(nlp: Any, text: str, fragment: str, kind: str,
                                          cue: str, speaker: str) -> None:
    quotes = _quotes(nlp, text)
    q = _only(quotes, fragment)
    assert (q.kind, q.cue.text if q.cue else None, q.speaker.text) == (kind, cue, speaker)
    _assert_offsets(text, quotes)


def test_quotes_take_speaker_and_role_from_following_clause(nlp: Any) -> None:
    text = ("“They will fight as long as they believe they can win. The others will wait,” "
            "said Jane Doe, professor of history at Ohio State University.")
    q = _only(_quotes(nlp, text), "fight as long")
    assert q.kind == "direct"
    assert "The others will wait" in q.text
    assert q.speaker.text == "Jane Doe"
    assert q.speaker.role == "professor of history at Ohio State University"
    assert q.speaker.anonymous is False


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe appeared on “Meet the Press” on Sunday and said little.",
        "The “moan”-worthy headlines kept coming.",
    ],
)
def test_quotes_skip_titles_and_scare_quotes(nlp: Any, text: str) -> None:
    assert [q for q in _quotes(nlp, text) if q.kind == "direct"] == []


def test_quotes_continue_speaker_over_uncued_paragraph(nlp: Any) -> None:
    text = ("“Expect carrots, not just sticks,” one Boston-based economist told reporters.\n"
            "“He would rather close a deal than leave with nothing.”")
    quotes = _quotes(nlp, text)
    second = _only(quotes, "close a deal")
    assert second.cue is None
    assert second.speaker.text == "one Boston-based economist"
    assert second.speaker.anonymous is True


@pytest.mark.parametrize(
    ("text", "anonymous"),
    [
        ("Sources familiar with the talks say the envoy has spent hours in meetings.", True),
        ("A senior official who spoke on condition of anonymity said the deal was close.", True),
        ("Officials said the deal was close to being signed.", True),
        ("Insiders say the deal was close to being signed.", True),
        ("People briefed on the talks said the deal was close.", True),
        ("One Moscow-based political scientist said the deal was close.", True),
        ("Jane Doe said the deal was close to being signed.", False),
        ("The ministry said the deal was close to being signed.", False),
    ],
)
def test_quotes_attributes_anonymous_source(nlp: Any, text: str, anonymous: bool) -> None:
    q = _only(_quotes(nlp, text), "deal was close" if "deal" in text else "hours")
    assert q.speaker.anonymous is anonymous


def test_quotes_give_role_of_anonymous_description(nlp: Any) -> None:
    q = _only(_quotes(nlp, "“Expect carrots,” one Moscow-based political scientist said."),
              "carrots")
    assert q.speaker.role == "Moscow-based political scientist"


def test_quotes_resolve_pronoun_to_last_person(nlp: Any) -> None:
    seen: list[str] = []

    def resolve(text: str, date: str | None, context: str) -> Actor:
        seen.append(text)
        return Actor(text=text, name=text)

    text = "Jane Doe arrived in Geneva on Monday. She said that the talks would resume soon."
    q = _only(_quotes(nlp, text, resolve=resolve), "talks would resume")
    assert q.speaker.text == "She"
    assert q.speaker.actor is not None and q.speaker.actor.name == "Jane Doe"


def test_quotes_resolve_title_to_person_holding_it(nlp: Any) -> None:
    def resolve(text: str, date: str | None, context: str) -> Actor:
        return Actor(text=text, name=text)

    text = ("President Jane Doe visited Paris on Monday with Tom Roe. "
            "The president said that the talks would resume soon.")
    q = _only(_quotes(nlp, text, resolve=resolve), "talks would resume")
    assert q.speaker.text == "The president"
    assert q.speaker.actor is not None and q.speaker.actor.name == "Jane Doe"


def test_quotes_use_mention_layer_actor(nlp: Any) -> None:
    from detente.model import Mention

    text = "Jane Doe said that the talks would resume soon."
    actor = Actor(text="Jane Doe", name="Jane Doe", code="USAGOV", country="USA")
    quotes = _quotes(nlp, text, mentions=[Mention(0, 8, "Jane Doe", actor)])
    assert _only(quotes, "talks").speaker.actor == actor


@pytest.mark.parametrize(
    "text",
    [
        "“Never closed quote runs on and on.\n\nNext paragraph, said Jane Doe.",
        "Stray ” closing “ marks ” “ everywhere ” said he.",
        '"""""" said " " "',
        "“\n”\n“",
        "",
    ],
)
def test_quotes_survive_unbalanced_marks(nlp: Any, text: str) -> None:
    _assert_offsets(text, _quotes(nlp, text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(['"', "“", "”", "«", "»", " said ", "Jane Doe", ", ", ".",
                                 "\n", "they", " warned that ", "according to", "x",
                                 "the plan failed"]), max_size=30).map("".join)
       | st.text(max_size=120))
def test_quotes_never_crash_and_offsets_slice(nlp: Any, text: str) -> None:
    _assert_offsets(text, _quotes(nlp, text))


# --- summary, stage, lexicon, CLI --------------------------------------------------------


def test_sourcing_summary_counts_named_and_anonymous(nlp: Any) -> None:
    text = ("Jane Doe said that the talks had collapsed. "
            "Officials said the envoy would return next week.")
    summary = sourcing_summary(_quotes(nlp, text))
    assert (summary["quotes"], summary["named"], summary["anonymous"]) == (2, 1, 1)


def test_quote_stage_assigns_quotes(nlp: Any) -> None:
    stage = QuoteStage(use_actors=False)
    assert (stage.name, stage.requires, stage.assigns) == ("quotes", ("doc", "mentions"),
                                                          ("quotes",))
    text = "Jane Doe said that the talks had collapsed after midnight."
    item = Draft(Record(article=Article(id="a", text=text)), nlp(text), None)
    assert [q.speaker.text for q in stage(item).record.quotes] == ["Jane Doe"]


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("cue_verbs.tsv", "say\tspeech\n", 1, "expected 3 tab-separated columns, got 2"),
        ("cue_verbs.tsv", "say\tshouting\tccomp\n", 1,
         "class must be one of belief, relay, speech, stance, writing, got 'shouting'"),
        ("cue_verbs.tsv", "# c\nsay\tspeech\tnowhere\n", 2,
         "content slots must be among acl, ccomp, dobj, oprd, xcomp or prep:WORD, got 'nowhere'"),
        ("cue_verbs.tsv", "say\tspeech\tccomp\nsay\tspeech\tccomp\n", 2,
         "duplicate lemma 'say'"),
        ("anonymous.yaml", "head_nouns:\n  - source\nmystery:\n  - x\n", 3,
         "unknown section 'mystery'; expected one of determiners, head_nouns, phrases, "
         "roleless_heads"),
    ],
)
def test_quote_lexicon_names_file_and_line_of_bad_entry(
        tmp_path: Path, name: str, content: str, line: int, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_quote_lexicon([path])
    assert str(info.value) == f"{path}:{line}: {message}"


def test_quote_lexicon_user_file_adds_verb(tmp_path: Path) -> None:
    path = tmp_path / "my_cue_verbs.tsv"
    path.write_text("opine\tspeech\tccomp\n", encoding="utf-8")
    assert "opine" in load_quote_lexicon([path]).verbs


def test_cli_quote_text_prints_json(nlp: Any) -> None:
    from detente.cli.text import register

    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None: ...

    result = CliRunner().invoke(
        app, ["quote-text", "Jane Doe said that the talks had collapsed.", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["quotes"][0]["speaker"]["text"] == "Jane Doe"
    assert data["summary"]["named"] == 1


# --- the seed article and the gold data --------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes(nlp: Any, seed_path: Path) -> list[Quote]:
    text = seed_path.read_text(encoding="utf-8")
    quotes = extract_quotes(nlp(text), lexicon=LEX, published="2025-08-07")
    _assert_offsets(text, quotes)
    return quotes


@pytest.mark.parametrize(
    ("fragment", "speaker", "anonymous", "role"),
    [
        ("disgusting and shameful", "Trump", False, None),
        ("Expect carrots", "one Moscow-based political scientist", True,
         "Moscow-based political scientist"),
        ("fight as long as", "Nina Khrushcheva", False,
         "professor of international affairs at The New School in New York"),
    ],
)
def test_seed_quotes_attribute_speakers(seed_quotes: list[Quote], fragment: str, speaker: str,
                                        anonymous: bool, role: str | None) -> None:
    q = _only(seed_quotes, fragment)
    assert q.kind == "direct"
    assert (q.speaker.text, q.speaker.anonymous, q.speaker.role) == (speaker, anonymous, role)


def test_seed_sources_familiar_are_anonymous_indirect(seed_quotes: list[Quote]) -> None:
    hits = [q for q in seed_quotes if q.speaker.text
            and q.speaker.text.lower().startswith("sources familiar")]
    assert len(hits) == 1
    assert hits[0].kind == "indirect" and hits[0].speaker.anonymous


def test_polnear_sample_scores_above_bar(shared_data: Path) -> None:
    from detente.evaluate.quotes import evaluate, render

    report = evaluate(shared_data, split="train", limit=8)
    assert "content overlap" in render(report)
    assert report.metrics["overlap_f1"] >= 0.55
    assert report.metrics["speaker_match"] >= 0.7


def test_quote_eval_groups_parts_and_scores_overlap_exact_and_speaker() -> None:
    from detente.evaluate.quotes import read_gold, score_article
    from detente.model import Span, Speaker

    text = "“We will win,” Doe said. “And soon.” Roe said the deal was dead."
    ann = ("T1\tContent 1 12;26 34\tWe will win And soon\nT2\tSource 15 18\tDoe\n"
           "T3\tCue 19 23\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"
           "T4\tContent 47 64\tthe deal was dead\nT5\tSource 37 40\tRoe\n"
           "E2\tAttribution:T4 Content:T4 Source:T5\n")
    gold = read_gold(ann)
    assert [g.content for g in gold] == [[(1, 12), (26, 34)], [(47, 64)]]
    doe = Speaker(15, 18, "Doe", None, None, False)
    said = Span(19, 23, "said")
    quotes = [Quote(1, 12, text[1:12], "direct", said, doe),
              Quote(26, 34, text[26:34], "direct", said, doe),
              Quote(42, 64, text[42:64], "indirect", Span(41, 45, text[41:45]),
                    Speaker(0, 3, text[0:3], None, None, False))]
    tally = score_article(text, gold, quotes)
    assert (tally.pred, tally.gold, tally.overlap, tally.exact) == (2, 2, 2, 1)
    assert (tally.with_source, tally.speaker_ok) == (2, 1)
