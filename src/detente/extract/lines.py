"""Sentence starts after label lines, set before the parser runs.

An article's text is its paragraphs joined with ``\\n`` (:mod:`detente.ingest.plaintext`),
and news pages leave short label lines between them: "Read more", "Advertisement", "Photo:
AFP", a section name. spaCy's parser runs such a line into the sentence below ("Read more"
became the subject of the next line's verb), which loses that sentence's events. A line
break after a short line that ends no sentence starts a sentence when the next line starts
as one does (a capital letter, a digit or an opening quote). Longer lines without a full
stop (headlines, hard-wrapped prose) are left to the parser: splitting after headlines too
lost as many real_dev events as it found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["LINE_STARTS", "add_line_starts", "line_starts"]

LINE_STARTS = "detente_line_starts"
_OPENERS = frozenset("\"“‘'(")
_ENDS = frozenset(".?!:;\"”’')")
# The longest line read as a label of its own ("Read more", "Advertisement", "Photo: AFP"):
# longer lines without a full stop (headlines, wrapped prose) are left to the parser.
_LABEL = 30


def line_starts(doc: Doc) -> Doc:
    """Mark the first token of each line after a label line (see the module) as a sentence
    start; spaCy's parser keeps starts set before it."""
    text = doc.text
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if t.is_space or not prev.is_space or "\n" not in prev.text:
            continue
        first = t.text[:1]
        if not (first.isupper() or first.isdigit() or first in _OPENERS):
            continue  # "... talks with\nthe envoy": a wrapped line goes on
        line = text[text.rfind("\n", 0, prev.idx) + 1:prev.idx].rstrip()
        if line and line[-1] not in _ENDS and len(line) <= _LABEL:
            t.is_sent_start = True
    return doc


def add_line_starts(nlp: Language) -> Language:
    """Add :func:`line_starts` to ``nlp`` before its parser (once; a pipeline without a
    parser is left as it is)."""
    from spacy.language import Language as _Language

    if LINE_STARTS not in _Language.factories:
        _Language.component(LINE_STARTS, func=line_starts)
    if "parser" in nlp.pipe_names and LINE_STARTS not in nlp.pipe_names:
        nlp.add_pipe(LINE_STARTS, before="parser")
    return nlp
