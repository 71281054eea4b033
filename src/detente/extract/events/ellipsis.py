"""Acts that a clause repeats for another actor without naming them again: "So did the
German chancellor." after "Bavarian leaders called for tougher laws", "France condemned
the test, as did Britain." English elides the verb phrase; the act, its target and its
modality are the ones just coded, the source is the new subject.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from detente.extract.events.phrases import expand_conj
from detente.extract.tokens import children, sentence
from detente.model import Actor, Event, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["echo_targets", "echoed_events"]

# The auxiliaries that stand for an elided verb phrase ("so did", "as has", "so will").
_PRO_VERBS = frozenset({"do", "have", "be", "will", "would", "can", "could", "shall",
                        "should", "may", "might", "must"})
# How many words a stand-alone "So did X." sentence may have: the auxiliary and a name
# with its title ("So did German Chancellor Angela Merkel").
_MAX_WORDS = 10
# How many coordinated subjects repeat the act ("Britain, France and Poland followed suit").
_MAX_DOERS = 4

Actorize = Callable[["Token"], Actor]
# The words without which a sentence holds none of these constructions (a cheap test before
# the parse is walked): a leading "so", "as" before a pro-verb, "suit", "same", "likewise".
_CUES = re.compile(
    r"^\W*so\b|\bas\s+(?:do|does|did|have|has|had|be|is|are|was|were|am|been|will|would|"
    r"can|could|shall|should|may|might|must)\b|\bsuit\b|\bsame\b|\blikewise\b",
    re.IGNORECASE)


def _subject(verb: Token) -> Token | None:
    return next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)


def _stand_alone(sent: SpacySpan) -> Token | None:
    """The auxiliary of a sentence that is only "So <aux> <subject>." (the subject may
    carry its title): the parse makes the auxiliary its root."""
    words = [t for t in sent if not t.is_punct]
    if not 3 <= len(words) <= _MAX_WORDS or words[0].lower_ != "so":
        return None
    aux = words[1]
    if aux.lemma_.lower() not in _PRO_VERBS or any(
            t.pos_ == "VERB" and t.i != aux.i for t in words):
        return None
    return aux


def _as_clause(verb: Token) -> Token | None:
    """The auxiliary of an "as did X" clause attached to ``verb`` ("France condemned the
    test, as did Britain")."""
    for c in children(verb):
        if c.i > verb.i and c.lemma_.lower() in _PRO_VERBS and c.dep_ in ("advcl", "conj") \
                and any(m.lower_ == "as" and m.i == c.i - 1 for m in children(c)) and \
                not any(g.pos_ == "VERB" for g in children(c)):
            return c
    return None


def _copy(event: Event, source: Actor, sent: SpacySpan, aux: Token, text: str) -> Event:
    return dataclasses.replace(
        event, source=source, speaker=None,
        evidence=Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char]),
        trigger=Span(aux.idx, aux.idx + len(aux.text), aux.text))


def _fresh(source: Actor, event: Event) -> bool:
    """Whether ``source`` is a coded actor other than the event's own source and target."""
    if source.code is None or source.country is None:
        return False
    same = (source.code, source.country)
    return same != (event.source.code, event.source.country) and (
        event.target is None or same != (event.target.code, event.target.country))


def _same_again(verb: Token) -> bool:
    """Whether ``verb`` says its subject did what was just reported: "followed suit", "did
    the same", "did likewise"."""
    lemma = verb.lemma_.lower()
    if lemma == "follow":
        return any(c.dep_ == "dobj" and c.lower_ == "suit" for c in children(verb))
    if lemma == "do":
        return any((c.dep_ == "dobj" and c.lower_ == "same") or
                   (c.dep_ == "advmod" and c.lower_ == "likewise") for c in children(verb))
    return False


def echoed_events(sent: SpacySpan, found: Sequence[Event], previous: Sequence[Event],
                  text: str, actorize: Actorize) -> list[Event]:
    """The events ``sent`` repeats for a new source: a stand-alone "So did X." repeats the
    events of the previous sentence (``previous``) done by its first source; an "as did X"
    clause repeats the events of the verb it hangs on (from ``found``, this sentence's); "X
    followed suit" / "X did the same" those of the verb it is coordinated with, else (as
    its sentence's main verb) those of the previous sentence."""
    out: list[Event] = []
    if not _CUES.search(text[sent.start_char:sent.end_char]):
        return out  # none of the words these constructions need
    aux = _stand_alone(sent)
    if aux is not None:
        subj = _subject(aux)
        return _again(previous, subj, actorize, sent, aux, text) if subj is not None else []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        clause = _as_clause(verb) if verb.pos_ == "VERB" else None
        subj = _subject(clause) if clause is not None else None
        if clause is not None and subj is not None:
            done = [ev for ev in found if ev.trigger.start == verb.idx]
            out += _again(done, subj, actorize, sent, clause, text)
        elif _same_again(verb) and (subj := _subject(verb)) is not None:
            if verb.dep_ == "conj" and verb.head.i != verb.i:
                done = [ev for ev in found if ev.trigger.start == verb.head.idx]
            elif verb.dep_ == "ROOT" and not found:
                done = list(previous)
            else:
                continue
            out += _again(done, subj, actorize, sent, verb, text)
    return out


def _again(done: Sequence[Event], subj: Token, actorize: Actorize, sent: SpacySpan,
           said: Token, text: str) -> list[Event]:
    """The events ``done`` by their first source, repeated by ``subj``."""
    if not done:
        return []
    first = done[0].source
    out = []
    for doer in expand_conj(subj, _MAX_DOERS):  # "the United States and France followed suit"
        source = actorize(doer)
        out += [_copy(ev, source, sent, said, text) for ev in done
                if ev.source == first and not ev.negated and _fresh(source, ev)]
    return out


# Verbs that take up an act already made ("echoed the call", "that demand was repeated by").
_ECHO = frozenset({"echo", "repeat", "reiterate", "renew", "second", "join", "amplify"})
# How many sentences back the act taken up is looked for.
_ECHO_WINDOW = 3


def _echoed_noun(token: Token) -> bool:
    """Whether an act noun only points back to an act already reported: the object (or
    passive subject) of an echoing verb, with no argument of its own ("echoed the call",
    not "echoed calls for Iran to release ...")."""
    return token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and \
        token.head.lemma_.lower() in _ECHO and not any(
            c.dep_ in ("prep", "acl", "relcl", "ccomp", "xcomp", "poss", "compound", "amod")
            for c in children(token))


def _window_start(sent: SpacySpan, sentences: int) -> int:
    """The text offset where the ``sentences`` sentences before ``sent`` begin."""
    doc, start = sent.doc, sent.start
    for _ in range(sentences):
        if start == 0:
            break
        start = sentence(doc[start - 1]).start
    return doc[start].idx


def echo_targets(found: Sequence[Event], sent: SpacySpan, events: Sequence[Event]
                 ) -> list[Event]:
    """``found`` (the events of ``sent``) with the target of an echoed act filled in: "That
    demand was echoed by the Hungarian prime minister" demands of whom the latest demand
    among ``events`` (those before, in the few sentences before) was made of."""
    if not any(ev.target is None for ev in found):
        return list(found)
    by_offset = {t.idx: t for t in sent}
    window = None
    out = []
    for ev in found:
        token = by_offset.get(ev.trigger.start)
        if ev.target is None and token is not None and _echoed_noun(token):
            window = _window_start(sent, _ECHO_WINDOW) if window is None else window
            prior = next((e for e in reversed(events) if e.category == ev.category
                          and e.evidence.start >= window and e.target is not None
                          and e.target.code is not None and e.target.country is not None
                          and (e.target.code, e.target.country) != (ev.source.code,
                                                                    ev.source.country)),
                         None)
            if prior is not None:
                ev = dataclasses.replace(ev, target=prior.target)
        out.append(ev)
    return out
