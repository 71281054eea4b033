"""The actors stage's shortcuts (kept results, offset lists, letter-first patterns) give what
the plain computation gives."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.extract.actors import resolver as resolver_module
from detente.extract.actors.built import (
    BuiltPeople,
    build_table,
    name_key,
    office_key,
    write_built,
)
from detente.extract.actors.context import _COMPASS, _IT
from detente.extract.actors.gazetteer import _CAP_WORD, Entry, Match, _match, fold
from detente.extract.actors.loader import load_actor_base
from detente.extract.actors.pronouns import _HE_SHE
from detente.extract.actors.resolver import Resolver, default_resolver
from detente.extract.actors.spans import Covered, whole_word, word_hits
from detente.extract.actors.stage import _APPOSED, _Finder
from detente.extract.nlp import entity_at

ON = dt.date(2025, 8, 7)
# Text with runs of spaces, tabs and blank lines, quotes across paragraphs, subjects.
TEXT = ('  "He said  it was over," she added.\n\n\tThe minister, who\t  arrived on Friday, '
        'said "they will" talk.\nIt rained. Him? "She\n')

# Letters the patterns look for, word characters that are not letters, and the rest.
_PATTERN_TEXT = st.text(alphabet="HhSsEeIiMmTt_9é .,'-\n\xa0", max_size=40)


def _finder(text: str, doc: Any = None) -> _Finder:
    return _Finder(default_resolver(), text, doc, ON)


def test_subject_test_agrees_with_the_parse_for_every_span(nlp: Any) -> None:
    doc = nlp(TEXT)
    finder = _finder(TEXT, doc)
    for start in range(-2, len(TEXT) + 2):
        for end in range(start + 1, len(TEXT) + 3):
            span = doc.char_span(start, end, alignment_mode="expand")
            want = span is not None and any(t.dep_.startswith("nsubj") for t in span)
            assert finder._is_subject(start, end) == want, (start, end)


def test_quotation_marks_are_counted_within_the_paragraph() -> None:
    finder = _finder(TEXT)
    for pos in range(len(TEXT) + 1):
        para = TEXT.rfind("\n", 0, pos) + 1
        want = len(re.findall(r"[\"“”]", TEXT[para:pos])) % 2 == 1
        assert finder._in_quotes(pos) == want, pos


@settings(max_examples=300, deadline=None)
@given(_PATTERN_TEXT)
def test_letter_first_patterns_find_what_boundary_patterns_find(text: str) -> None:
    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    assert spans(_IT) == spans(re.compile(r"\b[Ii]t\b"))
    assert spans(_HE_SHE) == spans(re.compile(r"\b(?:[Hh][Ee]|[Ss][Hh][Ee]|[Hh]im)\b"))
    for word in ("He", "Smith", "Jr.", "O'Hem", "É-it"):
        assert spans(whole_word(word)) == spans(re.compile(rf"\b{re.escape(word)}\b"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ’‘“”–—'\"-İΣσ .é\n", max_size=30))
def test_fold_keeps_offsets_and_straightens_quotes(text: str) -> None:
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    straight = text.translate(table)
    want = straight.lower()
    if len(want) != len(straight):
        want = "".join(c.lower() if len(c.lower()) == 1 else c for c in straight)
    assert fold(text) == want
    assert len(fold(text)) == len(text)


def test_kept_results_follow_the_people_named_before() -> None:
    resolver = Resolver(load_actor_base())
    matches = resolver.gazetteer.find("Clinton")
    assert len([e for e in matches[0].entries if e.kind == "person"]) == 2
    for _ in range(2):  # the second round is answered from the kept results
        bill = resolver.compose("Clinton", matches, ON, prefer=["bill-clinton"])
        hillary = resolver.compose("Clinton", matches, ON, prefer=["hillary-clinton"])
        nobody = resolver.compose("Clinton", matches, ON)
        assert (bill.id, hillary.id, nobody.id) == ("bill-clinton", "hillary-clinton", None)


def test_kept_results_depend_on_the_matches_and_the_date() -> None:
    resolver = Resolver(load_actor_base())
    text = "Angela Merkel"
    matches = resolver.gazetteer.find(text)
    in_office = resolver.compose(text, matches, dt.date(2020, 1, 1))
    after = resolver.compose(text, matches, dt.date(2023, 1, 1))
    assert (in_office.sector, after.sector) == ("GOV", "ELI")
    assert resolver.compose(text, [], ON).sector == "UNK"  # no match: nothing known


def test_explain_lists_its_steps_after_the_phrase_was_resolved_before() -> None:
    resolver = Resolver(load_actor_base())
    first = resolver.resolve("Russian state media", date="2025-08-07")
    actor, why = resolver.explain("Russian state media", date="2025-08-07")
    assert actor == first
    assert any(step.startswith("found 'Russian'") for step in why)


def test_kept_results_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resolver_module, "_COMPOSED_KEPT", 5)
    resolver = Resolver(load_actor_base())
    for i in range(12):
        resolver.compose(f"phrase {i}", [], ON)
        assert 1 <= len(resolver._composed) <= 5
    resolver.forget()
    assert not resolver._composed


# --- built names: runs of capitalised words looked up whole --------------------------------

HEADER = "name\tcountry\trole\tsector\tstart\tend\tsource_dataset\tsource_id\tsource_asof"
ROWS = [
    "Ana María de la Cruz Olvera\tMEX\tMinister of Culture\tGOV\t2020\t\tw\tQ1\t2022-07-01",
    "Jean-Pierre Dumoulin\tFRA\tmember of the Senate\tLEG\t2017\t\tw\tQ2\t2022-07-01",
    "Seamus O'Dowd\tIRL\tmember of the Dáil\tLEG\t2016\t\tw\tQ3\t2022-07-01",
    "Abu Bakr bin Ahmad bin Ali al Hamid Tahir\tYEM\tMinister of Water\tGOV\t2020\t\tw\tQ4"
    "\t2022-07-01",
    "Tomas Veld\tEST\tmember of the Riigikogu\tLEG\t2019\t\tw\tQ5\t2022-07-01",
    "Omar bin Said bin Ali al Hamid Nasser\tYEM\tMinister of Oil\tGOV\t2020\t\tw\tQ6\t2022-07-01",
]


@pytest.fixture(scope="module")
def built_resolver(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    table = tmp_path_factory.mktemp("runs") / "table.tsv.gz"
    table.write_bytes(gzip.compress(("\n".join([HEADER, *ROWS]) + "\n").encode()))
    kb = load_actor_base(built=False)
    people, _ = build_table([table], kb.states.keys())
    out = table.parent / "built.tsv.gz"
    write_built(people, out, ["test"])
    kb.built = BuiltPeople.load(Path(out))
    return Resolver(kb)


@pytest.mark.parametrize(("text", "found"), [
    ("Minister Ana María de la Cruz Olvera spoke.", ["Ana María de la Cruz Olvera"]),
    ("Ana Maria de la Cruz Olvera", ["Ana Maria de la Cruz Olvera"]),  # accents optional
    ("Senator Jean-Pierre Dumoulin, Seamus O'Dowd and Tomas Veld.",
     ["Jean-Pierre Dumoulin", "Seamus O'Dowd", "Tomas Veld"]),
    ("Tomas  Veld", []),  # two spaces: not one name
    ("Tomas Veld's", ["Tomas Veld"]),
    ("tomas Veld", []),  # a name starts with a capital
    # eight words are looked up, nine are past the longest run
    ("Omar bin Said bin Ali al Hamid Nasser", ["Omar bin Said bin Ali al Hamid Nasser"]),
    ("Abu Bakr bin Ahmad bin Ali al Hamid Tahir", []),
])
def test_built_names_are_found_as_runs_of_words(built_resolver: Resolver, text: str,
                                                found: list[str]) -> None:
    gazetteer = built_resolver.gazetteer
    for _ in range(2):  # the second time after forgetting what was kept
        names = [text[m.start:m.end] for m in gazetteer.find(text)
                 if any(e.kind == "person" for e in m.entries)]
        assert names == found
        gazetteer.forget()


# --- the shortcuts of the name search and of the stage's passes ----------------------------

_WORD_TEXT = st.text(alphabet="aZ_9 .,-'’\xa0éÉ中\nTtheNorthSmithJr", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_WORD_TEXT, st.sampled_from(["Smith", "Jr.", "O'Hem", "É-it", "a", "ΣΑ"]),
       st.integers(0, 40))
def test_word_hits_find_what_the_word_pattern_finds(text: str, word: str, start: int) -> None:
    start = min(start, len(text))
    want = [(start + m.start(), start + m.end()) for m in whole_word(word).finditer(text[start:])]
    assert word_hits(text, word, start) == want


@settings(max_examples=300, deadline=None)
@given(_WORD_TEXT)
def test_capital_words_are_those_a_name_can_start(text: str) -> None:
    # the words the plain search read: a letter outside a-z opening a word, then a name's run
    first = re.compile(r"(?<!\w)[^\W\d_a-z]\w*")
    run = re.compile(r"\w+(?:(?: |-|\. ?|['’]|\xa0)\w+){1,7}")
    want = [m.span() for m in first.finditer(text) if run.match(text, m.start())]
    assert [m.span() for m in _CAP_WORD.finditer(text)] == want


@settings(max_examples=300, deadline=None)
@given(_WORD_TEXT)
def test_the_compass_pattern_finds_what_the_boundary_pattern_finds(text: str) -> None:
    plain = re.compile(r"\b[Tt]he (North|South)\b(?!\s+[A-Z])(?![-\w])")
    assert [m.span() for m in _COMPASS.finditer(text)] == \
        [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" ab,\nX", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_an_apposition_is_matched_in_place_as_when_cut_out(text: str, a: int, b: int) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    plain = re.compile(r"^(?: [a-z]+){0,2}, $")
    assert bool(_APPOSED.match(text, a, b)) == bool(plain.match(text[a:b]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 30), st.integers(-3, 30)), max_size=6),
       st.integers(-3, 30), st.integers(-3, 30), st.tuples(st.integers(0, 30), st.integers(0, 30)))
def test_covered_spans_overlap_as_the_plain_test_says(spans: list[tuple[int, int]], s: int,
                                                      e: int, added: tuple[int, int]) -> None:
    covered = Covered(20, spans)
    covered.add(*added)
    every = [*spans, added]
    assert covered.overlaps(s, e) == any(s < b and a < e for a, b in every)


def test_the_entity_at_a_token_is_the_one_the_plain_scan_finds(nlp: Any) -> None:
    text = ("Russian President Vladimir Putin met Donald Trump in Alaska on Friday, "
            "the Kremlin said. Ukraine's Volodymyr Zelensky was not there.")
    doc = nlp(text)
    finder = _finder(text, doc)
    assert len(doc.ents) >= 3
    for i in range(len(doc)):
        assert finder._entity_at(i) == entity_at(doc, i), i


def test_the_longest_name_per_first_word_bounds_the_words_read() -> None:
    built = load_actor_base().built
    assert built is not None
    longest: dict[str, int] = {}
    for key in built.names:
        words = key.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    assert built.first_words == longest


def test_office_holders_are_those_the_plain_scan_of_every_role_finds() -> None:
    resolver = Resolver(load_actor_base())
    kb = resolver.kb
    asked = {(r.country, r.title) for p in kb.people.values() for r in p.roles if r.country}
    for country, title in sorted(asked)[:: 7]:
        for day in (dt.date(2010, 6, 1), ON):
            want = office_key(title)
            plain = [p for p in kb.people.values() for r in p.roles
                     if r.country == country and r.active(day) and office_key(r.title) == want]
            if plain:
                holder = resolver.office_holder(country, title, day)
                assert holder == (plain[0] if len(plain) == 1 else None), (country, title)


def test_built_names_are_found_as_the_plain_run_search_finds(built_resolver: Resolver) -> None:
    built = built_resolver.gazetteer._built
    assert built is not None
    first = re.compile(r"(?<!\w)[^\W\d_a-z]\w*")
    run = re.compile(r"\w+(?:(?: |-|\. ?|['’]|\xa0)\w+){1,7}")
    piece = re.compile(r"(\W*)(\w+)")

    def plain(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        out = []
        for m in first.finditer(text):
            a, b = m.span()
            key = name_key(m.group())
            r = run.match(text, a)
            if not text[a].isupper() or key not in built.first_words or r is None:
                continue
            best = None
            end = b
            for gap, word in piece.findall(r.group(), b - a):
                end += len(gap) + len(word)
                key = f"{key} {name_key(word)}"
                if (word[0].isupper() or gap == "-") and built.names.get(key):
                    best = (a, end, built.names[key])
            if best is not None:
                out.append(best)
        return out

    names = [" ".join(w.capitalize() for w in key.split()) for key in list(built.names)]
    for i, name in enumerate(names):
        for text in (name, f"Minister {name}, said", f"{name}-Smith. {names[i - 1]} too",
                     name.replace(" ", ". ", 1), name.replace(" ", "\xa0")):
            found = [(m.start, m.end, tuple(e.ref for e in m.entries))
                     for m in built_resolver.gazetteer._find_built(text)]
            assert found == plain(text), text


def test_a_match_made_without_init_is_the_match_init_makes() -> None:
    entries = (Entry("state", "RUS", "Russia"),)
    made = _match(3, 9, entries)
    assert made == Match(3, 9, entries) and type(made) is Match
    assert (made.start, made.end, made.entries) == (3, 9, entries)
    assert not hasattr(Match, "__post_init__")  # nothing the shortcut would skip
    with pytest.raises(AttributeError):
        made.start = 4  # type: ignore[misc]  # still frozen
