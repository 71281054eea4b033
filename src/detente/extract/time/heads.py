"""The characters a regular expression's match can start with, as a character class.

The time rules are large alternations tried at every word start of a text (28 rules,
2.9 of the 3.2 CPU s the time stage took over 300 giveme5w1h articles, bench/bench_pipeline.py):
at each start Python's ``re`` enters every alternative, since under IGNORECASE it has no
first-character check of its own. A lookahead ``(?=[...])`` of the characters a match can
start with turns most word starts away in one test. The class is computed from the parsed
pattern and holds every character the pattern can start with (a superset where the pattern
is too involved to tell: a lookaround or a boundary is read as matching nothing), so the
guarded pattern finds exactly the matches of the bare one
(``tests/extract/time/test_heads.py`` compares them on news and on generated text).
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["guarded", "head_class", "word_heads"]

# Class escapes for the categories a class may hold.
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


class _Unknown(Exception):
    """The pattern can start with any character, or with one this module cannot tell."""


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _class_items(items: Any) -> list[str]:
    out: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(_char(av))
        elif op is sre.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # NEGATE and anything rarer
            raise _Unknown
    return out


def _heads(seq: Any) -> tuple[list[str], bool]:
    """(class items a match of ``seq`` can start with, whether it can match nothing)."""
    out: list[str] = []
    for op, av in seq:
        heads, empty = _item(op, av)
        out.extend(heads)
        if not empty:
            return out, False
    return out, True


def _item(op: Any, av: Any) -> tuple[list[str], bool]:
    if op is sre.LITERAL:
        return [_char(av)], False
    if op is sre.IN:
        return _class_items(av), False
    if op is sre.SUBPATTERN:
        return _heads(av[-1])
    if op is sre.BRANCH:
        out: list[str] = []
        empty = False
        for alternative in av[1]:
            heads, can_be_empty = _heads(alternative)
            out.extend(heads)
            empty = empty or can_be_empty
        return out, empty
    if op in _REPEATS:
        low, _, sub = av
        heads, empty = _heads(sub)
        return heads, empty or low == 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [], True  # consumes nothing: read past it (a superset of the heads)
    raise _Unknown


def head_class(pattern: str, flags: int = 0) -> str | None:
    """A character class (``"[...]"``) holding every character a match of ``pattern`` can
    start with, or None when it can be empty or start with any character."""
    try:
        heads, empty = _heads(sre_parse.parse(pattern, flags))
    except _Unknown:
        return None
    if empty or not heads:
        return None
    return "[" + "".join(dict.fromkeys(heads)) + "]"


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled with a lookahead of its :func:`head_class` in front: the same
    matches, found without entering the pattern where its first character cannot match."""
    head = head_class(pattern, flags)
    return re.compile(f"(?={head})(?:{pattern})" if head else pattern, flags)


_WORD = re.compile(r"\w")


def word_heads(pattern: str, flags: int = 0, lead: str = "") -> bool:
    """Whether every character a match of ``pattern`` can start with is a word character
    (``\\w``) or one of ``lead`` (anchors.py relies on it). Under IGNORECASE a letter
    also matches its other cases, which are letters too."""
    try:
        heads, empty = _heads(sre_parse.parse(pattern, flags))
    except _Unknown:
        return False
    if empty or not heads:
        return False
    for item in heads:
        if item in (r"\d", r"\w"):
            continue
        if item.startswith("\\U") and len(item) == 10:
            chars = [chr(int(item[2:], 16))]
        elif item.startswith("\\U") and len(item) == 21 and item[10] == "-":
            low, high = int(item[2:10], 16), int(item[13:], 16)
            if high - low > 1000:
                return False
            chars = [chr(c) for c in range(low, high + 1)]
        else:
            return False
        if not all(_WORD.match(c) or c in lead for c in chars):
            return False
    return True
