"""spaCy's greedy NER decoding, done with numpy: the same entities at a fraction of the time.

spaCy's ``EntityRecognizer`` runs its network (its own tok2vec, then a layer that precomputes
each token's share of the hidden layer for each of its three features), then a transition
loop in compiled code: per token, sum the feature vectors, take the maxout, score the 74
moves, keep the best valid one. On this machine that loop cost more than the network (2.2 of
3.9 CPU s over the windows of 100 giveme5w1h articles), nearly all of it in taking and
releasing Python's lock: the spaCy 3.8 wheel checks for a Python exception after each of the
64 maxout units of each step (``perf``: ``take_gil``, ``drop_gil`` and their mutexes were a
third of NER's time).

The BILUO system the NER uses is small enough to decode without the loop. With no entity
open, the state's features are the next token and two paddings, so the scores of every
token in that state come out of one matrix product over the whole batch; the best valid move
there is an array operation too (Out is always valid; Begin is not on the last token, before
a sentence start or on whitespace; Unit is not on whitespace). Only inside an entity (about
one token in ten) does a step depend on the one before (the entity's first token and the
previous token are features): those steps are computed one at a time. Ties go to the first
move in spaCy's order, as spaCy's own ``arg_max_if_valid`` does.

The entities are those of the stock component (``tests/extract/test_ner_decode.py`` compares
them on real news; on the windows of 300 giveme5w1h articles every one of them is the same).
:func:`decoder` gives ``None`` for a component this does not cover (another transition
system, more or fewer features, beam search, classes spaCy marks unseen), which then keeps
its own loop; ``DETENTE_NER_DECODE=spacy`` in the environment keeps it always. The windowed
NER checks the decoding of its first windows against the stock component and keeps spaCy's
loop from then on if they differ (:class:`detente.extract.ner_windows.WindowedNer`). The decoding
assumes documents without preset entities, which is what the pipeline gives the NER.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START

if TYPE_CHECKING:
    from spacy.pipeline import EntityRecognizer
    from spacy.tokens import Doc

__all__ = ["Entity", "NerDecoder", "decoder"]

# (start, end, label hash) of an entity, in the tokens of its Doc
Entity = tuple[int, int, int]
# The three features of a state: the next token, the open entity's first token, the token
# before the next (the last two padding when no entity is open).
_FEATURES = 3


class NerDecoder:
    """The entities ``ner`` (a stock spaCy ``EntityRecognizer``) finds in a batch of docs,
    decoded without spaCy's transition loop (see the module)."""

    def __init__(self, ner: EntityRecognizer) -> None:
        moves = ner.moves
        strings = ner.vocab.strings
        kinds: list[str] = []
        labels: list[int] = []
        for i in range(moves.n_moves):
            name = moves.get_class_name(i)
            kind, _, label = name.partition("-")
            kinds.append(kind)
            labels.append(strings.add(label) if label else 0)
        self._labels = labels
        kind_array = np.array(kinds)
        has_label = np.array(labels) != 0
        self._begin = (kind_array == "B") & has_label
        self._unit = (kind_array == "U") & has_label
        self._out = kind_array == "O"
        # per label: the classes of In and Last, which are all that is valid in an entity
        self._in = {labels[i]: i for i, k in enumerate(kinds) if k == "I"}
        self._last = {labels[i]: i for i, k in enumerate(kinds) if k == "L"}
        tok2vec, lower, upper = ner.model.layers
        self._tok2vec, self._lower, self._upper = tok2vec, lower, upper

    def __call__(self, docs: Sequence[Doc]) -> list[list[Entity]]:
        """Each doc's entities, in order."""
        if not any(len(doc) for doc in docs):
            return [[] for _ in docs]
        tokvecs = self._tok2vec.predict(list(docs))
        cached, _ = self._lower(tokvecs, False)  # (tokens + 1, features, hidden, pieces)
        bias = self._lower.get_param("b")
        weights = self._upper.get_param("W")
        out_bias = self._upper.get_param("b")
        pad, rows = cached[0], cached[1:]
        # every token's hidden layer with no entity open: its own row and two paddings
        closed = rows[:, 0] + pad[1]
        closed += pad[2]
        closed += bias
        scores = closed.max(axis=-1) @ weights.T + out_bias
        found: list[list[Entity]] = []
        offset = 0
        for doc in docs:
            n = len(doc)
            found.append(self._decode(doc, rows[offset:offset + n], scores[offset:offset + n],
                                      bias, weights, out_bias) if n else [])
            offset += n
        return found

    def _best_closed(self, doc: Doc, scores: Any) -> tuple[np.ndarray, np.ndarray]:
        """The best valid move of each token with no entity open, and whether each token
        is followed by a sentence start."""
        arr = doc.to_array([SENT_START, IS_SPACE])
        n = len(arr)
        before_start = np.zeros(n, dtype=bool)
        before_start[:-1] = arr[1:, 0].astype(np.int64) == 1
        space = arr[:, 1] != 0
        can_begin = ~before_start & ~space
        can_begin[-1] = False  # the last token cannot begin an entity
        valid = np.logical_or(self._out, np.outer(can_begin, self._begin))
        valid |= np.outer(~space, self._unit)
        best = np.where(valid, scores, -np.inf).argmax(axis=1)
        return best, before_start

    def _decode(self, doc: Doc, rows: Any, scores: Any, bias: Any, weights: Any,
                out_bias: Any) -> list[Entity]:
        best, before_start = self._best_closed(doc, scores)
        opens = np.flatnonzero(~self._out[best])  # tokens where a closed state opens one
        n = len(doc)
        ents: list[Entity] = []
        k = 0
        while k < len(opens):
            start = int(opens[k])
            label = self._labels[int(best[start])]
            end = start + 1
            if self._begin[int(best[start])]:  # Begin: step through the entity
                inside, last = self._in[label], self._last[label]
                while True:
                    hidden = rows[end, 0] + rows[start, 1]
                    hidden += rows[end - 1, 2]
                    hidden += bias
                    step = hidden.max(axis=-1) @ weights.T + out_bias
                    can_in = end <= n - 2 and not before_start[end]
                    end += 1
                    if not can_in:
                        break
                    if inside < last and step[inside] < step[last]:
                        break
                    if inside > last and step[inside] <= step[last]:
                        break
            ents.append((start, end, label))
            k = int(np.searchsorted(opens, end))
        return ents


def decoder(ner: EntityRecognizer) -> NerDecoder | None:
    """A :class:`NerDecoder` for ``ner``, or None when it does not cover the component (or
    ``DETENTE_NER_DECODE=spacy`` asks for spaCy's own loop)."""
    if os.environ.get("DETENTE_NER_DECODE", "numpy") == "spacy":
        return None
    model = ner.model
    layers = getattr(model, "layers", [])
    if type(ner.moves).__name__ != "BiluoPushDown" or len(layers) != 3 or \
            not model.attrs.get("has_upper") or model.attrs.get("unseen_classes") or \
            ner.cfg.get("beam_width", 1) != 1:
        return None
    lower = layers[1]
    if not lower.has_dim("nF") or lower.get_dim("nF") != _FEATURES or \
            not lower.has_dim("nP") or lower.get_dim("nP") < 2:
        return None
    return NerDecoder(ner)
