"""What kind of act an event is, as far as placing it goes (GUIDELINES §11): a launch or
test, an act announced rather than done, words by wire or on paper, sanctions, goods
moving between two states. Each is a yes or no read from the event's trigger and
sentence; :mod:`detente.extract.where.stage` decides what it means for the place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.tokens import children, span_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from detente.model import Event

__all__ = ["CALLS", "SANCTIONS", "announced", "cross_border", "launch_word", "launching",
           "remote", "sanctions_act", "trigger_lemma"]

# Words over a wire or on paper have no place (GUIDELINES §11 rule 2: phone calls, written
# statements, tweets): "spoke by phone", "in a telephone call", "said in a statement".
_REMOTE = frozenset({"phone", "telephone", "videoconference", "virtually", "tweet",
                     "twitter", "statement", "letter", "email"})
# Of those, the wire alone: a talk by phone has no place at all.
CALLS = frozenset({"phone", "telephone", "videoconference", "virtually"})
# Launches and tests (their stems): located at the launch site, else the launching state.
_LAUNCHES = frozenset({"launch", "fire", "test", "test-fire", "firing"})
# A rocket's lift-off names its site as well as a launch does ("blasted off ... from the
# Sohae Space Center"): the verb with the particle "off", or the noun "liftoff".
_LIFT_OFF = frozenset({"blast", "lift"})
# An act announced, not done: under a future auxiliary or a verb of intent.
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
_INTENT = frozenset({"decide", "direct", "plan", "intend", "want", "pledge", "promise",
                     "vow", "offer", "agree", "seek", "hope", "aim", "propose", "order"})
# Acts aimed abroad with no physical place (GUIDELINES §11 rule 6): never given a place
# from the article or inferred.
SANCTIONS = frozenset({"sanction", "sanctions", "embargo", "tariff", "tariffs", "pressure",
                       "isolate", "isolation"})
# Goods moving from one state to another: no single place (rule 8).
_SUPPLIES = frozenset({"supply", "sell", "deliver", "transfer", "trade", "smuggle", "export",
                       "ship"})


def announced(doc: Doc, e: Event) -> bool:
    """Whether the act is announced, not done: under "will", "would", or a verb of intent
    ("I have decided to provide", "will continue to send", "directed ... to provide")."""
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    tok = span.root if span is not None else None
    for _ in range(4):
        if tok is None:
            return False
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in children(tok)):
            return True
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return False
        if tok.dep_ == "xcomp" and tok.head.lemma_ in _INTENT:
            return True
        tok = tok.head
    return False


def trigger_lemma(doc: Doc, e: Event) -> str:
    """The lower-cased lemma of the event's trigger ("" when it does not align)."""
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None else ""


def launching(doc: Doc, e: Event) -> bool:
    """Whether the event is a launch or a test ("fired", "launched", "test-fired")."""
    return trigger_lemma(doc, e) in _LAUNCHES


def cross_border(doc: Doc, e: Event) -> bool:
    """Trade or supply between two states (COOPERATE): with no place in its sentence it
    has none, whatever places the article names (GUIDELINES §11 rule 8)."""
    return e.category == "COOPERATE" and trigger_lemma(doc, e) in _SUPPLIES and \
        e.target is not None and bool(e.target.country) and bool(e.source.country) and \
        e.target.country != e.source.country


def remote(doc: Doc, e: Event, words: frozenset[str] = _REMOTE) -> bool:
    """Whether the event's sentence says the words went by wire or on paper ("by phone",
    "in a statement", "tweeted"), outside a relative clause ("Abe, with whom Trump has
    bonded through phone calls, repeated at the news conference ...")."""
    span = doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
    if span is None:
        return False
    for t in span_tokens(span):
        # The event's own "calls" are demands ("reiterated calls for the international
        # community to stand together"), not phone calls.
        own = e.trigger.start <= t.idx < e.trigger.end
        if not (t.lemma_.lower() in words or t.lower_ in words
                or (t.lemma_ == "call" and t.pos_ == "NOUN" and not own)):
            continue
        if not any(a.dep_ in ("relcl", "acl") for a in t.ancestors):
            return True
    return False


def sanctions_act(tok: Token) -> bool:
    """Whether the trigger is a sanction word or has one as its subject or object ("These
    sanctions will impose costs", "imposed sanctions")."""
    words = [tok, *(c for c in children(tok) if c.dep_ in ("nsubj", "nsubjpass", "dobj"))]
    return any(t.lemma_.lower() in SANCTIONS or t.lower_ in SANCTIONS for t in words)


def launch_word(tok: Token) -> bool:
    """Whether ``tok`` is a launch, a test or a lift-off ("blasted off", "lifted off")."""
    if tok.pos_ not in ("VERB", "NOUN"):
        return False
    lemma = tok.lemma_.lower()
    return lemma in _LAUNCHES or lemma in ("liftoff", "blastoff") or (
        lemma in _LIFT_OFF and any(c.dep_ == "prt" and c.lower_ == "off" for c in children(tok)))
