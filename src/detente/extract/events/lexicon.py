"""The trigger lexicon and cue lists of the event coder, loaded from data files.

``data/events/lexicon.tsv`` maps a lemma (with its part of speech and an optional argument
pattern) to a frame and a PLOVER category, mode and CAMEO code; ``data/events/cues.tsv``
lists the words that decide modality, polarity, channel and actor-likeness. Both are read
once, validated, and reported by file and line when an entry is wrong. Users layer their own
lexicon files over the built-in one (same columns, later lines win).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from detente.errors import DataFileError
from detente.extract.events.ontology import CATEGORIES, Ontology, read_table
from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "FRAMES",
    "LEXICON_VERSION",
    "PARTITIVE",
    "Cues",
    "LexEntry",
    "Lexicon",
    "is_event_lexicon",
    "load_cues",
    "load_lexicon",
]

LEXICON_VERSION = 1
FRAMES = ("-", "light", "control", "intent", "say", "aspect", "deny", "cause")
_POS = ("VERB", "NOUN", "ADJ")
_CONDITION_KEYS = ("obj", "prep", "prt", "pobj", "comp", "mod", "dep", "head", "subj")
_LEX_COLUMNS = ("lemma", "pos", "when", "frame", "category", "mode", "cameo")


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One trigger. ``conditions`` are (key, values) pairs that must all hold."""

    lemma: str
    pos: str
    conditions: tuple[tuple[str, frozenset[str]], ...]
    frame: str
    category: str | None
    mode: str | None
    cameo: str | None
    source: str  # file:line, for explanations and error messages

    @property
    def specificity(self) -> int:
        return len(self.conditions)


def _data_dir() -> Path:
    return Path(str(resources.files("detente") / "data" / "events"))


def _parse_conditions(path: Path, line: int, text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    if text == "-":
        return ()
    out: list[tuple[str, frozenset[str]]] = []
    for part in text.split(";"):
        key, sep, values = part.partition("=")
        key = key.strip()
        if not sep or key not in _CONDITION_KEYS or not values.strip():
            raise DataFileError(
                str(path), line,
                f"bad condition {part!r}: use key=value|value with key one of "
                f"{', '.join(_CONDITION_KEYS)}",
            )
        if key == "pobj":
            prep, colon, words = values.partition(":")
            if not colon or not words:
                raise DataFileError(str(path), line, f"bad condition {part!r}: use pobj=PREP:a|b")
            out.append((f"pobj:{prep.strip().lower()}",
                        frozenset(w.strip().lower() for w in words.split("|"))))
        else:
            out.append((key, frozenset(v.strip().lower() for v in values.split("|"))))
    return tuple(out)


def _entries(path: Path, ontology: Ontology) -> Iterable[LexEntry]:
    for line, cells in read_table(path, _LEX_COLUMNS):
        lemma, pos, when, frame, category, mode, cameo = cells
        if not lemma or lemma != lemma.lower():
            raise DataFileError(str(path), line, f"lemma {lemma!r} must be lower-case")
        if pos not in _POS:
            raise DataFileError(str(path), line, f"pos {pos!r} is not one of {', '.join(_POS)}")
        if frame not in FRAMES:
            raise DataFileError(str(path), line,
                                f"frame {frame!r} is not one of {', '.join(FRAMES)}")
        cat = None if category == "-" else category
        if cat is None and frame in ("-", "control", "intent", "cause"):
            raise DataFileError(str(path), line, f"frame {frame!r} needs a PLOVER category")
        if cat is not None and cat not in CATEGORIES:
            raise DataFileError(str(path), line, f"unknown PLOVER category {category!r}")
        mod = None if mode == "-" else mode
        if cat is not None and not ontology.is_mode(cat, mod):
            raise DataFileError(str(path), line, f"{cat} has no mode {mode!r}")
        code = None if cameo == "-" else cameo
        if code is not None and code not in ontology.cameo:
            raise DataFileError(str(path), line, f"CAMEO code {cameo!r} is not in cameo.tsv")
        yield LexEntry(lemma, pos, _parse_conditions(path, line, when), frame, cat, mod, code,
                       f"{path.name}:{line}")


# Nouns that count or group what their "of" object names ("a new round of sanctions", "a
# package of aid"): the object is what the verb acts on. Not "part of the mission".
PARTITIVE = frozenset({"round", "package", "set", "series", "wave", "raft", "batch", "slew",
                       "spate", "host", "string", "barrage", "volley", "salvo", "tranche"})


def _has(token: Token, key: str, values: frozenset[str]) -> bool:
    if key == "obj":
        heads = [c for c in children(token) if c.dep_ in ("dobj", "nsubjpass", "attr", "dative")]
        heads += [g for c in children(token) if c.dep_ == "prep" and c.lower_ == "of"
                  for g in children(c) if g.dep_ == "pobj"]
        # a partitive object: "backed new rounds of sanctions", "pledged a package of aid"
        heads += [g for h in heads if h.dep_ == "dobj" and h.lemma_.lower() in PARTITIVE
                  for c in children(h) if c.dep_ == "prep" and c.lower_ == "of"
                  for g in children(c) if g.dep_ == "pobj"]
        return any(h.lemma_.lower() in values or h.lower_ in values for h in heads)
    if key == "prep":
        # A time phrase is not the act's argument: "fired missiles on Monday"; "until" only
        # ever takes one ("gave Moscow until Friday").
        return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in values
                   and (c.lower_ == "until"
                        or not any(g.ent_type_ in ("DATE", "TIME") for g in children(c)))
                   for c in children(token)) or any(
            # "called for police to act": the preposition heads an infinitive clause
            c.dep_ in ("advcl", "ccomp", "xcomp") and any(
                m.dep_ == "mark" and m.lower_ in values for m in children(c))
            for c in children(token))
    if key == "prt":
        return any(c.dep_ == "prt" and c.lower_ in values for c in children(token))
    if key.startswith("pobj:"):
        prep = key[5:]
        return any(g.lemma_.lower() in values for c in children(token)
                   if c.dep_ == "prep" and c.lower_ == prep
                   for g in children(c) if g.dep_ == "pobj")
    if key == "mod":
        return any(c.dep_ in ("amod", "compound", "oprd", "acomp", "advmod", "ccomp")
                   and (c.lemma_.lower() in values or c.lower_ in values)
                   for c in children(token))
    if key == "comp":
        return any(c.dep_ in ("xcomp", "ccomp") for c in children(token))
    if key == "dep":
        return any(c.dep_ in values for c in children(token))
    if key == "subj":
        # the doer's head word: "police targeted migrants" (not "the army targeted"); a
        # passive's "by" agent too ("migrants were targeted by police")
        doers = [c for c in children(token) if c.dep_ == "nsubj"]
        doers += [g for c in children(token) if c.dep_ == "agent"
                  for g in children(c) if g.dep_ == "pobj"]
        return any(d.lemma_.lower() in values or d.lower_ in values for d in doers)
    if key == "head":
        # the verb that takes the word as its object: "reiterated calls", "echoed demands";
        # or the verb or noun that takes a verb as its infinitive: "ordered Morsi to pay",
        # "its plans to develop"
        return (token.dep_ in ("dobj", "nsubjpass") or (
            token.dep_ in ("xcomp", "acl") and token.pos_ in ("VERB", "AUX"))) and \
            token.head.i != token.i and token.head.lemma_.lower() in values
    return False


@dataclass
class Lexicon:
    """Triggers by (lemma, pos); :meth:`match` picks the most specific entry that holds."""

    entries: dict[tuple[str, str], list[LexEntry]] = field(default_factory=dict)

    def add(self, entry: LexEntry) -> None:
        bucket = self.entries.setdefault((entry.lemma, entry.pos), [])
        bucket[:] = [e for e in bucket if e.conditions != entry.conditions]
        bucket.append(entry)

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def lemmas(self) -> set[str]:
        return {lemma for lemma, _ in self.entries}

    def match(self, token: Token) -> LexEntry | None:
        """The entry for a spaCy token, or None when the lexicon does not know it."""
        pos = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "ADJ": "ADJ"}.get(token.pos_, "")
        if not pos:
            return None
        bucket = self.entries.get((token.lemma_.lower(), pos))
        if bucket is None:
            bucket = self.entries.get((token.lower_, pos))
        if not bucket:
            return None
        best: LexEntry | None = None
        for entry in bucket:
            if (best is None or entry.specificity > best.specificity) and all(
                    _has(token, key, values) for key, values in entry.conditions):
                best = entry
        return best


def is_event_lexicon(path: Path) -> bool:
    """Whether a file's header is the event lexicon's (``ExtractOptions.lexicon_files`` is
    shared with the quote lexicon, whose files have other columns)."""
    try:
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.lstrip().startswith("#"):
                    return tuple(c.strip() for c in line.split("\t")) == _LEX_COLUMNS
    except OSError:
        return True  # let the loader report the unreadable file
    return False


def load_lexicon(ontology: Ontology, extra: Sequence[Path] = ()) -> Lexicon:
    """The built-in lexicon, then each extra event-lexicon file in order (later lines
    replace earlier). Extra files with another header (quote lexicons) are not ours."""
    lexicon = Lexicon()
    paths = [_data_dir() / "lexicon.tsv", *(p for p in extra if is_event_lexicon(Path(p)))]
    for path in paths:
        for entry in _entries(Path(path), ontology):
            lexicon.add(entry)
    return lexicon


@dataclass(frozen=True)
class Cues:
    """Word lists from ``cues.tsv``, by kind."""

    private: tuple[str, ...]
    hypothetical: frozenset[str]
    planned: frozenset[str]
    demand: frozenset[str]
    negation: frozenset[str]
    actor_noun: frozenset[str]
    recipient: frozenset[str]
    not_target: frozenset[str]
    generic: frozenset[str]
    reciprocal: frozenset[str] = frozenset()
    asset: frozenset[str] = frozenset()
    product: frozenset[str] = frozenset()
    territory: frozenset[str] = frozenset()
    agentive: frozenset[str] = frozenset()
    punitive: frozenset[str] = frozenset()
    caution: frozenset[str] = frozenset()
    penalty: frozenset[str] = frozenset()
    patient: frozenset[str] = frozenset()
    casualty: frozenset[str] = frozenset()
    insurgency: frozenset[str] = frozenset()
    figurative: frozenset[str] = frozenset()


_CUE_KINDS = ("private", "hypothetical", "planned", "demand", "negation", "actor_noun",
              "recipient", "not_target", "generic", "reciprocal", "asset", "product",
              "territory", "agentive", "punitive", "caution", "penalty", "patient",
              "casualty", "insurgency", "figurative")


def load_cues(path: Path | None = None) -> Cues:
    """The cue lists, validated (unknown kinds and empty cues name file and line). The
    packaged file is read once per process (the cues are frozen, so callers share them)."""
    return _packaged_cues() if path is None else _read_cues(path)


@functools.cache
def _packaged_cues() -> Cues:
    return _read_cues(_data_dir() / "cues.tsv")


def _read_cues(path: Path) -> Cues:
    kinds: dict[str, list[str]] = {k: [] for k in _CUE_KINDS}
    for line, (kind, cue) in read_table(path, ("kind", "cue")):
        if kind not in kinds:
            raise DataFileError(str(path), line,
                                f"unknown cue kind {kind!r}; use one of {', '.join(_CUE_KINDS)}")
        if not cue or cue != cue.lower():
            raise DataFileError(str(path), line, f"cue {cue!r} must be non-empty lower-case")
        kinds[kind].append(cue)
    return Cues(
        private=tuple(kinds["private"]),
        hypothetical=frozenset(kinds["hypothetical"]),
        planned=frozenset(kinds["planned"]),
        demand=frozenset(kinds["demand"]),
        negation=frozenset(kinds["negation"]),
        actor_noun=frozenset(kinds["actor_noun"]),
        recipient=frozenset(kinds["recipient"]),
        not_target=frozenset(kinds["not_target"]),
        generic=frozenset(kinds["generic"]),
        reciprocal=frozenset(kinds["reciprocal"]),
        asset=frozenset(kinds["asset"]),
        product=frozenset(kinds["product"]),
        territory=frozenset(kinds["territory"]),
        agentive=frozenset(kinds["agentive"]),
        punitive=frozenset(kinds["punitive"]),
        caution=frozenset(kinds["caution"]),
        penalty=frozenset(kinds["penalty"]),
        patient=frozenset(kinds["patient"]),
        casualty=frozenset(kinds["casualty"]),
        insurgency=frozenset(kinds["insurgency"]),
        figurative=frozenset(kinds["figurative"]),
    )
