"""The time lexicon: month, weekday, number, unit, season and holiday words.

Loaded from ``data/time/lexicon.yaml`` (plus any user files layered over it) and validated:
a bad entry raises :class:`~detente.errors.DataFileError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from detente.errors import DataFileError

__all__ = ["BUILTIN", "TimeLexicon", "Unit", "load_lexicon"]

BUILTIN = Path(__file__).resolve().parents[2] / "data" / "time" / "lexicon.yaml"

_SEASONS = {"SP", "SU", "FA", "WI"}
_PARTS = {"MO", "AF", "EV", "NI", "MI", "DT"}
_REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_LETTERS = {"S", "M", "H", "D", "W", "Q", "Y"}


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of duration: TimeML designator letter, multiplier, and time-part flag."""

    letter: str
    factor: int
    time: bool


@dataclass(slots=True)
class TimeLexicon:
    """Every word list the tagger needs; keys are lowercase."""

    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    vague_numbers: list[str] = field(default_factory=list)
    ordinals: dict[str, int] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    parts_of_day: dict[str, str] = field(default_factory=dict)
    vague_refs: dict[str, str] = field(default_factory=dict)
    fixed_holidays: dict[str, tuple[int, int]] = field(default_factory=dict)
    weekday_holidays: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    easter_holidays: dict[str, int] = field(default_factory=dict)
    future_cues: list[str] = field(default_factory=list)
    past_cues: list[str] = field(default_factory=list)
    counted_nouns: set[str] = field(default_factory=set)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar(path: str, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise DataFileError(path, _line(node), "expected a single value")
    return str(node.value)


def _int(path: str, node: yaml.Node, lo: int, hi: int, what: str) -> int:
    raw = _scalar(path, node)
    try:
        value = int(raw)
    except ValueError:
        raise DataFileError(path, _line(node), f"{what} must be an integer, got {raw!r}") from None
    if not lo <= value <= hi:
        raise DataFileError(path, _line(node), f"{what} must be in {lo}..{hi}, got {value}")
    return value


def _pairs(path: str, node: yaml.Node, section: str) -> list[tuple[str, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise DataFileError(path, _line(node), f"section {section!r} must be a mapping")
    out = []
    for key, value in node.value:
        name = _scalar(path, key).strip().lower()
        if not name:
            raise DataFileError(path, _line(key), f"empty key in section {section!r}")
        out.append((name, value))
    return out


def _words(path: str, node: yaml.Node, section: str) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        raise DataFileError(path, _line(node), f"section {section!r} must be a list")
    return [_scalar(path, item).strip().lower() for item in node.value]


def _enum(path: str, node: yaml.Node, allowed: set[str], what: str) -> str:
    raw = _scalar(path, node).strip().upper()
    if raw not in allowed:
        raise DataFileError(path, _line(node), f"{what} must be one of {sorted(allowed)}")
    return raw


def _month_day(path: str, node: yaml.Node) -> tuple[int, int]:
    raw = _scalar(path, node)
    try:
        month, day = (int(p) for p in raw.split("-"))
    except ValueError:
        raise DataFileError(path, _line(node), f"expected MM-DD, got {raw!r}") from None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise DataFileError(path, _line(node), f"no such month-day {raw!r}")
    return month, day


def _unit(path: str, node: yaml.Node) -> Unit:
    if not isinstance(node, yaml.MappingNode):
        raise DataFileError(path, _line(node), "a unit is {letter, factor, time}")
    fields = {_scalar(path, k): v for k, v in node.value}
    missing = {"letter", "factor", "time"} - fields.keys()
    if missing:
        raise DataFileError(path, _line(node), f"unit lacks {', '.join(sorted(missing))}")
    time_raw = _scalar(path, fields["time"]).lower()
    if time_raw not in ("true", "false"):
        raise DataFileError(path, _line(fields["time"]), "time must be true or false")
    return Unit(
        _enum(path, fields["letter"], _LETTERS, "letter"),
        _int(path, fields["factor"], 1, 10_000, "factor"),
        time_raw == "true",
    )


def _apply(lex: TimeLexicon, path: str, section: str, node: yaml.Node) -> None:
    if section == "counted_nouns":
        lex.counted_nouns.update(_words(path, node, section))
        return
    if section in ("vague_numbers", "future_cues", "past_cues"):
        getattr(lex, section).extend(_words(path, node, section))
        return
    for name, value in _pairs(path, node, section):
        _apply_entry(lex, path, section, name, value)


def _apply_entry(lex: TimeLexicon, path: str, section: str, name: str, value: yaml.Node) -> None:
    if section == "months":
        lex.months[name] = _int(path, value, 1, 12, "month")
    elif section == "weekdays":
        lex.weekdays[name] = _int(path, value, 1, 7, "weekday")
    elif section == "ordinals":
        lex.ordinals[name] = _int(path, value, -1, 100, "ordinal")
    elif section == "numbers":
        raw = _scalar(path, value)
        try:
            lex.numbers[name] = float(raw)
        except ValueError:
            raise DataFileError(path, _line(value), f"number expected, got {raw!r}") from None
    elif section == "units":
        lex.units[name] = _unit(path, value)
    elif section == "seasons":
        lex.seasons[name] = _enum(path, value, _SEASONS, "season")
    elif section == "parts_of_day":
        lex.parts_of_day[name] = _enum(path, value, _PARTS, "part of day")
    elif section == "vague_refs":
        lex.vague_refs[name] = _enum(path, value, _REFS, "reference")
    elif section == "fixed_holidays":
        lex.fixed_holidays[name] = _month_day(path, value)
    elif section == "weekday_holidays":
        if not isinstance(value, yaml.SequenceNode) or len(value.value) != 3:
            raise DataFileError(path, _line(value), "expected [month, weekday, n]")
        m, w, n = value.value
        lex.weekday_holidays[name] = (
            _int(path, m, 1, 12, "month"),
            _int(path, w, 1, 7, "weekday"),
            _int(path, n, -1, 5, "n"),
        )
    elif section == "easter_holidays":
        lex.easter_holidays[name] = _int(path, value, -100, 100, "offset")


_SECTIONS = {
    "months", "weekdays", "numbers", "vague_numbers", "ordinals", "units", "seasons",
    "parts_of_day", "vague_refs", "fixed_holidays", "weekday_holidays", "easter_holidays",
    "future_cues", "past_cues", "counted_nouns",
}


def _load_into(lex: TimeLexicon, path: str, text: str) -> None:
    try:
        root: Any = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise DataFileError(path, line, f"not valid YAML: {exc}") from None
    if root is None:
        return
    for name, node in _pairs(path, root, "top level"):
        if name not in _SECTIONS:
            raise DataFileError(path, _line(node), f"unknown section {name!r}")
        _apply(lex, path, name, node)


def load_lexicon(extra_files: tuple[Path, ...] = ()) -> TimeLexicon:
    """The built-in lexicon with ``extra_files`` (same format) layered over it."""
    lex = TimeLexicon()
    _load_into(lex, str(BUILTIN), BUILTIN.read_text(encoding="utf-8"))
    for extra in extra_files:
        _load_into(lex, str(extra), extra.read_text(encoding="utf-8"))
    return lex
