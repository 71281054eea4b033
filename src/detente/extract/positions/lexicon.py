"""The positions lexicon: the issues (``data/positions/issues.yaml``) and the stance words
(``data/positions/stances.tsv``), plus any user files layered over them, validated: a bad
entry raises :class:`~detente.errors.DataFileError` naming the file and line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from detente.errors import DataFileError

__all__ = ["STANCES", "Issue", "PositionLexicon", "StanceCue", "load_position_lexicon"]

STANCES = ("demand", "support", "oppose", "reject")


@dataclass(frozen=True, slots=True)
class Issue:
    """An issue and the phrases that name it (one compiled word-boundary pattern)."""

    id: str
    label: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class StanceCue:
    """A stance word: its stance, and the stance it takes when negated (None: not coded)."""

    stance: str
    negated: str | None


@dataclass(slots=True)
class PositionLexicon:
    issues: dict[str, Issue] = field(default_factory=dict)
    # lemma -> cue, and (lemma, particle or preposition) -> cue
    words: dict[str, StanceCue] = field(default_factory=dict)
    phrases: dict[tuple[str, str], StanceCue] = field(default_factory=dict)


def _load_issues(lex: PositionLexicon, path: str, text: str) -> None:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(path, None if mark is None else mark.line + 1,
                            f"not valid YAML: {exc}") from None
    data = yaml.safe_load(text) or {}
    items = data.get("issues") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DataFileError(path, 1, "expected a mapping with an 'issues' list")
    nodes: list[yaml.Node] = []
    if isinstance(root, yaml.MappingNode):
        nodes = next((v.value for k, v in root.value if k.value == "issues"
                      and isinstance(v, yaml.SequenceNode)), [])
    for n, item in enumerate(items):
        line = int(nodes[n].start_mark.line) + 1 if n < len(nodes) else None
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or \
                not re.fullmatch(r"[a-z][a-z_]*", item["id"]):
            raise DataFileError(path, line, "each issue needs an 'id' of lower-case letters "
                                "and underscores")
        cues = item.get("cues")
        if not isinstance(cues, list) or not cues or not all(
                isinstance(c, str) and c.strip() for c in cues):
            raise DataFileError(path, line, f"issue {item['id']!r} needs a non-empty 'cues' "
                                "list of words or phrases")
        words = sorted({c.strip().lower() for c in cues}, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
        lex.issues[item["id"]] = Issue(item["id"], str(item.get("label") or item["id"]),
                                       pattern)


def _load_stances(lex: PositionLexicon, path: str, text: str) -> None:
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        if len(cols) != 3:
            raise DataFileError(path, lineno, f"expected 3 tab-separated columns, got {len(cols)}")
        cue, stance, negated = cols
        if stance not in STANCES or negated not in (*STANCES, "-"):
            raise DataFileError(path, lineno, f"stances must be one of {', '.join(STANCES)} "
                                f"(or - when negated), got {stance!r}, {negated!r}")
        words = cue.lower().split()
        entry = StanceCue(stance, None if negated == "-" else negated)
        if len(words) == 1:
            lex.words[words[0]] = entry
        elif len(words) == 2:
            lex.phrases[(words[0], words[1])] = entry
        else:
            raise DataFileError(path, lineno, f"a cue is a lemma or a lemma and a particle, "
                                f"got {cue!r}")


def _read(path: str, text: str, lex: PositionLexicon) -> None:
    name = Path(path).name
    if name.endswith("issues.yaml"):
        _load_issues(lex, path, text)
    elif name.endswith("stances.tsv"):
        _load_stances(lex, path, text)
    else:
        raise DataFileError(path, None, "unknown positions file; name it *issues.yaml or "
                            "*stances.tsv")


def load_position_lexicon(extra: Iterable[Path] = ()) -> PositionLexicon:
    """The built-in issues and stance words with ``extra`` files layered over them (issues
    and cues override by id and lemma)."""
    lex = PositionLexicon()
    base = resources.files("detente") / "data" / "positions"
    for name in ("issues.yaml", "stances.tsv"):
        res = base / name
        _read(str(res), res.read_text(encoding="utf-8"), lex)
    for p in extra:
        try:
            text = Path(p).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(str(p), None, f"cannot read: {exc.strerror}") from None
        _read(str(p), text, lex)
    return lex
