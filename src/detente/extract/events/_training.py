"""Training the event classifier, for ``scripts/train_events.py`` only (nothing imports this
module at run time; an import-linter contract keeps it so): our synthetic event corpus,
templates (``data/events/corpus/templates.txt``) expanded into labelled sentences, and
:func:`train`, which fits the classifier on them.

The template language is documented at the top of the templates file. Expansion is
deterministic for a given seed, so the corpus and the model trained on it are reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from detente.errors import DataFileError
from detente.extract.events.classify import NONE, EventClassifier
from detente.extract.events.ontology import CATEGORIES

__all__ = ["Example", "Template", "expand", "load_templates", "templates_path", "train"]

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


def train(examples: Iterable[tuple[list[str], str]], *, epochs: int = 300, lr: float = 0.5,
          l2: float = 1e-4, min_count: int = 2, seed: int = 0) -> EventClassifier:
    """Fit a multinomial logistic regression (full-batch gradient descent with momentum)."""
    rows = list(examples)
    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    classes = sorted({label for _, label in rows})
    cindex = {c: i for i, c in enumerate(classes)}
    n, d, k = len(rows), len(vocab) + 1, len(classes)
    x = np.zeros((n, d), dtype=np.float32)
    y = np.zeros((n, k), dtype=np.float32)
    for r, (feats, label) in enumerate(rows):
        for f in feats:
            j = vocab.get(f)
            if j is not None:
                x[r, j] = 1.0
        x[r, -1] = 1.0
        y[r, cindex[label]] = 1.0
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((d, k)) * 0.01).astype(np.float32)
    velocity = np.zeros_like(w)
    for _ in range(epochs):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (p - y) / n + l2 * w
        velocity = 0.9 * velocity - lr * grad
        w += velocity
    return EventClassifier(classes, vocab, w.astype(np.float32))
