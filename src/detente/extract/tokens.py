"""spaCy ``Token`` objects made once per ``Doc``, for the stages' passes over the parse.

spaCy makes a new ``Token`` on every ``doc[i]``, every step of ``for t in sent`` and every
``token.children``: over 120 news articles the stages made 3.7 million of them (cProfile of
``Pipeline.run``), about a sixth of the stages' time, most in passes that each read every
token of a sentence or of the article again. The tokens here are made once, the first time a
stage asks, and kept in ``doc.user_data`` (like :func:`detente.extract.nlp.doc_text`): one
list per ``Doc``, dropped with it. A ``Token`` is a view (its doc and index; its attributes
are read from the parse on each access) and compares equal to any other for the same index,
so a kept one reads exactly as a new one; the stages never change the parse. Only an
identity test (``a is b``) tells them apart: with new Tokens it held only for one object
handed along, with kept ones for any two of the same word. The few stage tests of that kind
take a Token of their own (:func:`own_token`) or were shown never to hold before, so that
the output stays what it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast, overload

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["children", "doc_tokens", "own_token", "sentence", "span_tokens"]

_TOKENS = "detente.tokens"
_CHILDREN = "detente.children"
_SENTENCES = "detente.sentences"


def doc_tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, made once per ``Doc``; index it as ``doc``. Do not change it."""
    tokens = doc.user_data.get(_TOKENS)
    if tokens is None:
        tokens = list(doc)
        doc.user_data[_TOKENS] = tokens
    return cast("list[Token]", tokens)


def span_tokens(span: Span) -> list[Token]:
    """``list(span)``, cut from :func:`doc_tokens` (a new list; its tokens are kept ones)."""
    return doc_tokens(span.doc)[span.start:span.end]


def children(token: Token) -> tuple[Token, ...]:
    """``tuple(token.children)`` (its syntactic dependents, left to right), read once per
    token of a ``Doc``."""
    doc = token.doc
    kept = doc.user_data.get(_CHILDREN)
    if kept is None:
        kept = doc.user_data[_CHILDREN] = [None] * len(doc)
    found = kept[token.i]
    if found is None:
        tokens = doc_tokens(doc)
        found = kept[token.i] = tuple(tokens[c.i] for c in token.children)
    return cast("tuple[Token, ...]", found)


def sentence(token: Token) -> Span:
    """``token.sent``, the sentence holding the token, from ``doc.sents`` read once per
    ``Doc`` (the same boundaries: both end a sentence before each token that starts one).
    spaCy's ``token.sent`` walks from the token to both ends of its sentence and makes a
    new ``Span`` on each access. Do not change the span."""
    doc = token.doc
    kept = doc.user_data.get(_SENTENCES)
    if kept is None:
        kept = []
        for sent in doc.sents:
            kept.extend([sent] * (sent.end - sent.start))
        doc.user_data[_SENTENCES] = kept
    return cast("Span", kept[token.i])


@overload
def own_token(token: Token) -> Token: ...


@overload
def own_token(token: None) -> None: ...


def own_token(token: Token | None) -> Token | None:
    """A new ``Token`` for ``token``'s word, never a kept one: for code that asks whether
    a word it gets back is the very object it handed on (``is``)."""
    return None if token is None else token.doc[token.i]
