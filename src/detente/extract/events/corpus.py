"""Our synthetic event corpus: templates (``data/events/corpus/templates.txt``) expanded
into labelled sentences for training the event classifier.

The template language is documented at the top of the templates file. Expansion is
deterministic for a given seed, so the corpus and the model trained on it are reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from detente.errors import DataFileError
from detente.extract.events.classify import NONE
from detente.extract.events.ontology import CATEGORIES

__all__ = ["Example", "Template", "expand", "load_templates", "templates_path"]

_ALT = re.compile(r"\(([^()]*)\)")
_SLOT = re.compile(r"\{([AB])\}")


@dataclass(frozen=True, slots=True)
class Template:
    label: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence; ``trigger`` is the character offset of the trigger word."""

    label: str
    sentence: str
    trigger: int
    template: int  # line of the template it came from (for held-out splits)


def templates_path() -> Path:
    return Path(str(resources.files("detente") / "data" / "events" / "corpus" / "templates.txt"))


def load_templates(path: Path | None = None) -> tuple[list[Template], dict[str, list[str]]]:
    """Templates and actor lists, validated (errors name the file and line)."""
    path = path or templates_path()
    templates: list[Template] = []
    actors: dict[str, list[str]] = {}
    section: tuple[str, str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            parts = line[2:].split()
            if len(parts) == 2 and parts[0] == "ACTORS":
                section = ("actors", parts[1])
                actors.setdefault(parts[1], [])
            elif len(parts) == 1 and (parts[0] in CATEGORIES or parts[0] == NONE):
                section = ("label", parts[0])
            else:
                raise DataFileError(str(path), number,
                                    f"bad section {line!r}: use '== CATEGORY' or '== ACTORS kind'")
            continue
        if section is None:
            raise DataFileError(str(path), number, "a line before any '==' section")
        if section[0] == "actors":
            actors[section[1]].append(line)
            continue
        if line.count("*") != 1:
            raise DataFileError(str(path), number, "a template needs exactly one *trigger")
        if line.count("(") != line.count(")"):
            raise DataFileError(str(path), number, "unbalanced parentheses")
        templates.append(Template(section[1], line, number))
    if not actors:
        raise DataFileError(str(path), None, "no '== ACTORS' section")
    return templates, actors


def _fill(template: str, rng: random.Random, names: list[str]) -> tuple[str, int]:
    text = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    used: list[str] = []

    def actor(_: re.Match[str]) -> str:
        choice = rng.choice([n for n in names if n not in used] or names)
        used.append(choice)
        return choice

    text = _SLOT.sub(actor, text)
    text = re.sub(r"\s+", " ", text).strip()
    star = text.index("*")
    text = text[:star] + text[star + 1:]
    sentence = text[0].upper() + text[1:] + "."
    return sentence, star


def expand(templates: list[Template], actors: dict[str, list[str]], *, per_template: int = 10,
           seed: int = 0) -> Iterator[Example]:
    """``per_template`` random fillings of each template."""
    rng = random.Random(seed)
    names = [n for kind in sorted(actors) for n in actors[kind]]
    for t in templates:
        seen: set[str] = set()
        for _ in range(per_template):
            sentence, trigger = _fill(t.text, rng, names)
            if sentence in seen:
                continue
            seen.add(sentence)
            yield Example(t.label, sentence, trigger, t.line)
