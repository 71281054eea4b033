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

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["LINE_STARTS", "add_line_starts", "line_starts"]

LINE_STARTS = "detente_line_starts"
_OPENERS = frozenset("\"“‘'(")
_ENDS = frozenset(".?!:;\"”’')")
_CLOSERS = frozenset({'"', "”", "’", "'", ")"})
# The longest line read as a label of its own ("Read more", "Advertisement", "Photo: AFP"):
# longer lines without a full stop (headlines, wrapped prose) are left to the parser.
_LABEL = 30
# A line that ends a sentence: a full stop, question or exclamation mark, then any closing
# quotes or brackets.
_FULL_STOP = re.compile(r"[.?!][\"”’')]*$")


def line_starts(doc: Doc) -> Doc:
    """Mark the first token of each line after a label line (see the module) as a sentence
    start; spaCy's parser keeps starts set before it."""
    text = doc.text
    if "\n" not in text:
        return doc
    from spacy.attrs import IS_SPACE

    spaces = doc.to_array(IS_SPACE).nonzero()[0].tolist()  # (no Token made for the others)
    for i in spaces:
        if i + 1 >= len(doc):
            continue
        prev, t = doc[i], doc[i + 1]
        if t.is_space or "\n" not in prev.text:
            continue
        first = t.text[:1]
        if not (first.isupper() or first.isdigit() or first in _OPENERS):
            continue  # "... talks with\nthe envoy": a wrapped line goes on
        line = text[text.rfind("\n", 0, prev.idx) + 1:prev.idx].rstrip()
        if line and line[-1] not in _ENDS and len(line) <= _LABEL:
            t.is_sent_start = True
        elif _FULL_STOP.search(line):
            t.is_sent_start = True  # a paragraph that ends a sentence ends it ...
            k = t.i - 2
            while k > 0 and doc[k].is_punct and doc[k].text in _CLOSERS:
                doc[k].is_sent_start = False  # ... with its closing quotation marks
                k -= 1
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
