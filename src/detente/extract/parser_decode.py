"""spaCy's greedy dependency parse, stepped from Python: the same parse in less time.

spaCy's ``DependencyParser`` precomputes each token's share of its hidden layer for each of
its eight features (the network), then runs a transition loop in compiled code: per step and
state, sum the features' vectors, take the maxout, score the moves, apply the best valid one.
That loop took and released Python's lock after each of the 64 maxout units of every step
(the spaCy 3.8 wheel checks for a Python exception there; see
:mod:`detente.extract.ner_decode`), which made it cost more than the network.

:class:`SteppedParser` keeps spaCy's own transition system and runs the loop itself, one step
for all states of a batch at a time: spaCy gives the feature tokens of every state
(``ParserStepModel.get_token_ids``) and applies the moves (``Parser.transition_states``:
validity, the first best valid move, the move itself, in compiled code), and numpy computes
the scores in between, in spaCy's order of float32 additions (the features in order, then the
bias). The parse is the stock component's: heads, labels and sentence starts of every token
agree (``tests/extract/test_parser_decode.py`` on real news; every token of 300 giveme5w1h
articles). A step costs about the same whatever the number of states, so the states of a whole
group of texts step together (spaCy's ``pipe`` splits a batch into sub-batches of a quarter):
on 100 giveme5w1h articles in groups of 8 the parser took 1.7-2.1 CPU s against 2.5.

:func:`stepped_parser` gives ``None`` for a parser this does not cover (beam search, another
model layout); ``DETENTE_PARSER_DECODE=spacy`` in the environment keeps spaCy's loop. The
first text a :class:`SteppedParser` parses is also parsed by the stock component: if the two
differ (or stepping fails), it keeps spaCy's loop from then on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import DEP, HEAD, SENT_START
from spacy.ml.parser_model import ParserStepModel

if TYPE_CHECKING:
    from spacy.pipeline import DependencyParser
    from spacy.tokens import Doc

__all__ = ["SteppedParser", "stepped_parser"]

# What the check of the first text compares.
_CHECKED = [HEAD, DEP, SENT_START]


class SteppedParser:
    """The pipeline's ``parser``, its transition loop stepped from Python (see the module)."""

    def __init__(self, parser: DependencyParser) -> None:
        self.parser = parser
        tok2vec, lower, upper = parser.model.layers
        self._tok2vec, self._lower, self._upper = tok2vec, lower, upper
        self._unseen = sorted(parser.model.attrs.get("unseen_classes") or ())
        self._trusted: bool | None = None  # checked on the first text parsed

    def __getattr__(self, name: str) -> Any:  # labels, moves, cfg: the stock component's
        return getattr(self.parser, name)

    def _parse(self, docs: list[Doc]) -> None:
        """Parse ``docs`` in place, all their states stepping together; with the stock
        component when the first text parsed shows the two disagree."""
        if self._trusted is None:
            first = next((d for d in docs if len(d)), None)
            if first is not None:
                self._trusted = self._agrees(first)
        if self._trusted is False:
            parser: Any = self.parser
            parser.set_annotations(docs, parser.predict(docs))
            return
        self._stepped(docs)

    def _agrees(self, doc: Doc) -> bool:
        """Whether the stepped parse of ``doc`` is the stock one: a model whose layout this
        module misreads (another spaCy, another model) falls back to spaCy's loop."""
        parser: Any = self.parser
        theirs, ours = doc.copy(), doc.copy()
        parser.set_annotations([theirs], parser.predict([theirs]))
        try:
            self._stepped([ours])
        except Exception:  # any failure here means: keep spaCy's own loop
            return False
        return bool((theirs.to_array(_CHECKED) == ours.to_array(_CHECKED)).all())

    def _stepped(self, docs: list[Doc]) -> None:
        parser: Any = self.parser
        parser._ensure_labels_are_added(docs)
        states = parser.moves.init_batch(docs)
        todo = [s for s in states if not s.is_final()]
        if todo:
            self._step(todo, docs)
        parser.set_annotations(docs, states)

    def _step(self, todo: list[Any], docs: list[Doc]) -> None:
        tokvecs = self._tok2vec.predict(docs)
        cached, _ = self._lower(tokvecs, False)  # (tokens + 1, features, hidden, pieces)
        rows, features, hidden, pieces = cached.shape
        table = cached.reshape(rows * features, hidden * pieces)  # row (token + 1) * F + f
        bias = self._lower.get_param("b").reshape(-1)
        weights = np.ascontiguousarray(self._upper.get_param("W").T)
        out_bias = self._upper.get_param("b")
        # get_token_ids reads nothing of the step model but its number of features
        model = SimpleNamespace(state2vec=SimpleNamespace(nF=features))
        token_ids = ParserStepModel.get_token_ids
        feature = np.arange(features, dtype=np.int32)
        transition = self.parser.transition_states
        while todo:
            ids = token_ids(model, todo)  # (states, features); -1 is the padding row 0
            ids += 1
            ids *= features
            ids += feature
            summed = table.take(ids, axis=0).sum(axis=1)  # the features added in order
            summed += bias
            if pieces == 2:
                best = np.maximum(summed[:, 0::2], summed[:, 1::2])
            else:
                best = summed.reshape(len(todo), hidden, pieces).max(axis=2)
            scores = np.dot(best, weights)
            scores += out_bias
            if self._unseen:  # as spaCy: classes never seen in training score the minimum
                scores[:, self._unseen] = scores.min()
            todo = transition(todo, scores)

    def __call__(self, doc: Doc) -> Doc:
        self._parse([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128, **_: Any) -> Iterator[Doc]:
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            self._parse(sorted(batch, key=len))
            yield from batch


def stepped_parser(parser: DependencyParser) -> SteppedParser | None:
    """A :class:`SteppedParser` for ``parser``, or None when it does not cover it (or
    ``DETENTE_PARSER_DECODE=spacy`` asks for spaCy's own loop)."""
    if os.environ.get("DETENTE_PARSER_DECODE", "numpy") == "spacy":
        return None
    model = parser.model
    layers = getattr(model, "layers", [])
    if type(parser.moves).__name__ != "ArcEager" or len(layers) != 3 or \
            not model.attrs.get("has_upper") or parser.cfg.get("beam_width", 1) != 1:
        return None
    if not all(layers[1].has_dim(d) for d in ("nF", "nO", "nP")):
        return None
    return SteppedParser(parser)
