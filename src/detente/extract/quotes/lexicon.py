"""The quote lexicon: reporting verbs, prepositional cues, anonymous-source and role patterns.

Loaded from ``data/quotes/`` (``cue_verbs.tsv``, ``cue_nouns.tsv``, ``cue_phrases.tsv``,
``anonymous.yaml``, ``roles.yaml``) plus any user files layered over them, and validated: a
bad entry raises :class:`~detente.errors.DataFileError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from detente.errors import DataFileError

__all__ = ["CueVerb", "QuoteLexicon", "load_quote_lexicon"]

_CLASSES = frozenset({"speech", "writing", "belief", "stance", "relay"})
_SLOTS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "acl"})
_YAML_SECTIONS = {
    "anonymous.yaml": ("head_nouns", "phrases", "determiners", "roleless_heads"),
    "roles.yaml": ("titles",),
}


@dataclass(frozen=True, slots=True)
class CueVerb:
    """A reporting verb (or noun): its class and the dependency slots that carry its
    content."""

    lemma: str
    cls: str
    slots: frozenset[str]


@dataclass(slots=True)
class QuoteLexicon:
    """Every word list quote extraction needs; entries are lower case."""

    verbs: dict[str, CueVerb] = field(default_factory=dict)
    nouns: dict[str, CueVerb] = field(default_factory=dict)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    anon_heads: set[str] = field(default_factory=set)
    anon_phrases: list[tuple[str, ...]] = field(default_factory=list)
    anon_determiners: set[str] = field(default_factory=set)
    roleless_heads: set[str] = field(default_factory=set)
    titles: list[tuple[str, ...]] = field(default_factory=list)


def _tsv_rows(path: str, text: str) -> Iterable[tuple[int, list[str]]]:
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield lineno, [c.strip() for c in line.split("\t")]


def _load_verbs(table: dict[str, CueVerb], path: str, text: str) -> None:
    seen: set[str] = set()
    for lineno, cols in _tsv_rows(path, text):
        if len(cols) != 3:
            raise DataFileError(path, lineno, f"expected 3 tab-separated columns, got {len(cols)}")
        lemma, cls, slots_raw = cols
        if not lemma or lemma != lemma.lower() or " " in lemma:
            raise DataFileError(path, lineno, f"lemma must be one lower-case word, got {lemma!r}")
        if lemma in seen:
            raise DataFileError(path, lineno, f"duplicate lemma {lemma!r}")
        seen.add(lemma)
        if cls not in _CLASSES:
            raise DataFileError(
                path, lineno, f"class must be one of {', '.join(sorted(_CLASSES))}, got {cls!r}"
            )
        slots = frozenset(s.strip() for s in slots_raw.split(",") if s.strip())
        bad = {x for x in slots - _SLOTS if not (x.startswith("prep:") and x[5:].isalpha())}
        if not slots or bad:
            raise DataFileError(
                path, lineno,
                f"content slots must be among {', '.join(sorted(_SLOTS))} or prep:WORD, "
                f"got {slots_raw!r}",
            )
        table[lemma] = CueVerb(lemma, cls, slots)


def _load_phrases(lex: QuoteLexicon, path: str, text: str) -> None:
    for lineno, cols in _tsv_rows(path, text):
        if len(cols) != 1 or len(cols[0].split()) < 2:
            raise DataFileError(path, lineno, "expected one phrase of at least two words")
        words = tuple(cols[0].lower().split())
        if words not in lex.phrases:
            lex.phrases.append(words)


def _str_list(path: str, root: yaml.Node, section: str) -> list[str]:
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(path, int(root.start_mark.line) + 1, "expected a mapping of lists")
    for key, value in root.value:
        if key.value != section:
            continue
        if not isinstance(value, yaml.SequenceNode):
            raise DataFileError(path, int(value.start_mark.line) + 1,
                                f"section {section!r} must be a list")
        out = []
        for item in value.value:
            line = int(item.start_mark.line) + 1
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise DataFileError(path, line, f"entries of {section!r} must be non-empty words")
            out.append(str(item.value).strip().lower())
        return out
    return []


def _load_yaml(lex: QuoteLexicon, path: str, text: str, kind: str) -> None:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(path, None if mark is None else mark.line + 1,
                            f"not valid YAML: {exc}") from None
    if root is None:
        return
    if isinstance(root, yaml.MappingNode):
        known = set(_YAML_SECTIONS[kind])
        for key, _ in root.value:
            if key.value not in known:
                raise DataFileError(path, int(key.start_mark.line) + 1,
                                    f"unknown section {key.value!r}; expected one of "
                                    f"{', '.join(sorted(known))}")
    if kind == "anonymous.yaml":
        lex.anon_heads.update(_str_list(path, root, "head_nouns"))
        lex.anon_phrases.extend(tuple(p.split()) for p in _str_list(path, root, "phrases"))
        lex.anon_determiners.update(_str_list(path, root, "determiners"))
        lex.roleless_heads.update(_str_list(path, root, "roleless_heads"))
    else:
        lex.titles.extend(tuple(t.split()) for t in _str_list(path, root, "titles"))


def _read(path: str, text: str, lex: QuoteLexicon) -> None:
    name = Path(path).name
    if name.endswith("cue_verbs.tsv"):
        _load_verbs(lex.verbs, path, text)
    elif name.endswith("cue_nouns.tsv"):
        _load_verbs(lex.nouns, path, text)
    elif name.endswith("cue_phrases.tsv"):
        _load_phrases(lex, path, text)
    elif name.endswith("anonymous.yaml"):
        _load_yaml(lex, path, text, "anonymous.yaml")
    elif name.endswith("roles.yaml"):
        _load_yaml(lex, path, text, "roles.yaml")
    else:
        raise DataFileError(path, None, "unknown quote lexicon file; name it *cue_verbs.tsv, "
                            "*cue_nouns.tsv, *cue_phrases.tsv, *anonymous.yaml or *roles.yaml")


_BUILTIN = ("cue_verbs.tsv", "cue_nouns.tsv", "cue_phrases.tsv", "anonymous.yaml", "roles.yaml")


def load_quote_lexicon(extra: Iterable[Path] = ()) -> QuoteLexicon:
    """The built-in lexicon with ``extra`` files layered over it (verbs override by lemma,
    lists extend). Raises DataFileError naming the file and line of a bad entry."""
    lex = QuoteLexicon()
    base = resources.files("detente") / "data" / "quotes"
    for name in _BUILTIN:
        res = base / name
        _read(str(res), res.read_text(encoding="utf-8"), lex)
    for p in extra:
        try:
            text = Path(p).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(str(p), None, f"cannot read: {exc.strerror}") from None
        _read(str(p), text, lex)
    return lex
