"""Events: who did what to whom, coded in PLOVER and CAMEO, with the evidence that says so.

:class:`EventCoder` walks the dependency parse of each sentence. Every verb or event noun
the trigger lexicon knows (``data/events/lexicon.tsv``) is a predicate; frames fold
"threatened to impose", "agreed to meet", "refused to release" and "X said Y attacked Z"
into one coded act; subjects, objects, "by" agents and prepositional objects give the
source and target, coordinated actors give one event each. Verbs the lexicon does not know
go to the classifier (:mod:`detente.extract.events.classify`), trained on our own synthetic corpus,
when the sentence has an actor on both sides. A sentence with no codable act yields no
event: there is no default code.

:class:`EventStage` is the pipeline stage (requires "doc" and "mentions", assigns "events").
Dates are left empty (``EventDate(None, None)``): the time layer dates events later.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.config import ExtractOptions
from detente.extract.actors.namesakes import argument_actor
from detente.extract.actors.resolver import Resolver as ActorResolver
from detente.extract.actors.resolver import default_resolver
from detente.extract.events.args import (
    NOT_ACTOR_ENTS,
    actorness,
    arg_span,
    crosses_line,
    each_other,
    expand_conj,
    find_subject,
    noun_agent,
    subject_tokens,
    target_candidates,
)
from detente.extract.events.classify import EventClassifier, load_classifier
from detente.extract.events.frames import Act, Frames, as_verb, read_frames
from detente.extract.events.lexicon import Cues, Lexicon, load_cues, load_lexicon
from detente.extract.events.ontology import MUTUAL_CATEGORIES, Ontology, load_ontology
from detente.extract.nlp import doc_text
from detente.model import Actor, Event, EventDate, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from detente.extract.stage import Draft

__all__ = ["EventCoder", "EventStage"]

# Confidence of a lexicon-coded event before penalties (depth in the parse, missing target,
# source that is not clearly an actor). A rough prior, not fitted: see the report of
# `detente eval events` for how often lexicon-coded events are right.
_LEXICON_CONFIDENCE = 0.8
# A classifier-coded event needs this probability (the classifier's own, from our synthetic
# corpus). Chosen a priori; on plv_train 0.55 vs no classifier: accuracy +0.005, macro-F1
# +0.016 (the classifier decides few sentences).
_CLASSIFIER_THRESHOLD = 0.55
# Coordinated actors expanded per side ("India and China" gives two events).
_MAX_PER_SIDE = 4
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# What may stand between two coordinated actor mentions: "and", commas, and the title or
# adjective words that open the next name ("and Russian President").
_COORD_GAP = re.compile(r"(?:\s*,)?\s+and\s+(?:[A-Z][\w.-]*\s+){0,3}|\s*,\s*")
# Dependencies of an act noun that make it the point of its clause ("X launched an attack",
# "the attack", "a raid"); a target-less act noun elsewhere is not coded.
_MAIN_DEPS = ("ROOT", "dobj", "nsubj", "nsubjpass")

Resolver = Callable[[str], Actor]


@dataclass(frozen=True, slots=True)
class _Coded:
    act: Act
    source: Token
    target: Token | None
    confidence: float


_other_line = crosses_line


def _has_country(actor: Actor) -> bool:
    return bool(actor.country or (actor.code and actor.code.startswith(("IGO", "NGO", "IMG"))))


def _headings(text: str) -> list[tuple[int, int]]:
    """Character ranges of the title and section headings of a multi-line article: lines of
    at most 20 words with no closing punctuation."""
    if "\n" not in text.strip():
        return []
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        s = line.strip()
        if s and len(s.split()) <= 20 and not s.endswith(
                (".", "!", "?", '"', "\u201d", ":", ";", ",")):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _inside(token: Token, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in ranges)


def _antecedent(pron: Token) -> Token | None:
    """The person "he"/"she" most likely refers to: in the nearest earlier sentence (this
    one first) naming a person, its subject if a person, else the last person named."""
    doc = pron.doc
    sent = pron.sent
    for _ in range(3):
        end = pron.i if sent.start <= pron.i < sent.end else sent.end
        names = [t for t in doc[sent.start:end] if t.ent_type_ == "PERSON"
                 and (t.i + 1 >= len(doc) or doc[t.i + 1].ent_iob_ != "I")]
        for t in names:
            if t.dep_ in ("nsubj", "nsubjpass"):
                return t
        if names:
            return names[-1]
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
    return None


_PREDICATING = frozenset({"be", "pose", "represent", "constitute", "remain", "become", "see",
                          "consider", "call", "describe", "view", "regard", "label", "brand"})


def _predicated(act: Act) -> bool:
    """A threat noun said of someone ("X is / poses / represents a threat", "sees X as a
    threat") evaluates X: the speaker accuses X (the evaluative stage codes it); X threatens
    no one."""
    tok = act.token
    if act.category != "THREATEN" or tok.pos_ != "NOUN" or tok.i != act.arg_token.i:
        return False
    head = tok.head
    if tok.dep_ in ("attr", "oprd", "acomp"):
        return True
    if tok.dep_ == "pobj" and head.lower_ == "as":
        return True
    return tok.dep_ == "dobj" and head.lemma_.lower() in _PREDICATING


def _locative(token: Token) -> bool:
    """The object of "in", "at", "near"...: where an act happened, not who it involved."""
    return bool(token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS)


def _mutual(act: Act) -> bool:
    """Whether an act is done with each other when its subject is coordinated ("A and B
    met", "agreed to hold exercises", "signed an agreement"): the mutual categories, and
    CAMEO 057 (sign a formal agreement), which PLOVER files under SUPPORT."""
    return act.category in MUTUAL_CATEGORIES or act.cameo == "057"


def _coordinated_mentions(subj: Token, spans: list[tuple[int, int]]) -> list[Token]:
    """Heads of the actor mentions a subject lists when the parse does not coordinate them
    (the small model often reads "U.S. President Donald Trump and Russian President
    Vladimir Putin" as one noun phrase): two or more mentions inside the subject separated
    only by "and" or commas (plus titles and adjectives). Empty when there are fewer."""
    doc = subj.doc
    first, last = subj.left_edge, subj.right_edge
    start, end = first.idx, last.idx + len(last.text)
    inside = sorted((s, e) for s, e in spans if start <= s and e <= end)
    if len(inside) < 2:
        return []
    text = doc_text(doc)
    for (_, e1), (s2, _) in itertools.pairwise(inside):
        gap = text[e1:s2]
        if not _COORD_GAP.fullmatch(gap):
            return []
    heads = []
    for s, e in inside:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and span.root not in heads:
            heads.append(span.root)
    return heads if len(heads) > 1 else []


def _between(token: Token) -> list[Token]:
    """The parties of "talks between A and B" (empty unless two or more)."""
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return expand_conj(obj, _MAX_PER_SIDE)
    return []


def _indirect_object(verb: Token) -> Token | None:
    """Who receives what ``verb`` gives: its indirect object ("gave him a portrait"), else
    its "to" object ("sent a portrait to him")."""
    for c in verb.children:
        if c.dep_ in ("dative", "iobj") and c.lower_ != "to":
            return c
    obj: Token | None = next((c for c in verb.children if c.dep_ == "dobj"), None)
    # "to" on the verb, or anywhere in the object phrase ("sent a pair of pandas to Tokyo").
    for c in [*verb.children, *(obj.subtree if obj is not None else ())]:
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            pobj: Token | None = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


class EventCoder:
    """Codes the events of parsed documents. Build once (loads the data files), reuse."""

    def __init__(self, options: ExtractOptions | None = None, *,
                 classifier: EventClassifier | bool | None = True,
                 resolve_actors: bool = True) -> None:
        options = options or ExtractOptions()
        self.ontology: Ontology = load_ontology()
        self.lexicon: Lexicon = load_lexicon(self.ontology, options.lexicon_files)
        self.cues: Cues = load_cues()
        if classifier is True:
            self.classifier: EventClassifier | None = load_classifier()
        elif classifier is False:
            self.classifier = None
        else:
            self.classifier = classifier
        self._resolver: ActorResolver | None = (
            default_resolver(tuple(options.actor_files)) if resolve_actors else None
        )
        self._private = re.compile(
            r"\b(?:" + "|".join(re.escape(c) for c in sorted(self.cues.private, key=len,
                                                              reverse=True)) + r")\b"
        )

    # --- public -------------------------------------------------------------------------

    def code_doc(self, doc: Doc, *, article_id: str, mentions: Sequence[Mention] = (),
                 published: str | None = None) -> list[Event]:
        """Every coded event of a parsed document, ids ``{article_id}-e{n}`` in text order."""
        resolver: Resolver | None = None
        # Arguments no mention covers are resolved by their own words ("Ukrainian cities",
        # "Russian waters" name their country): with mentions too, not only without them.
        if self._resolver is not None:
            full = self._resolver

            def resolver(text: str) -> Actor:
                return argument_actor(full, text, published)

        cache: dict[tuple[int, int], Actor] = {}
        spans = [(m.start, m.end) for m in mentions]
        text = doc_text(doc)
        headings = _headings(text)
        events: list[Event] = []
        for sent in doc.sents:
            if not self._relevant(sent, spans):
                continue
            for coded in self._code_sentence(sent, spans, headings):
                ev = self._event(text, sent, coded, mentions, resolver, cache,
                                 f"{article_id}-e{len(events) + 1}", events)
                if ev is not None:
                    events.append(ev)
        return events

    # --- sentence -------------------------------------------------------------------------

    def _relevant(self, sent: SpacySpan, spans: list[tuple[int, int]]) -> bool:
        """Relevance filter: a sentence with no actor-like word has no event to code."""
        return any(actorness(t, self.cues.actor_noun, spans) > 0 for t in sent
                   if t.pos_ in ("PROPN", "NOUN", "PRON"))

    def _code_sentence(self, sent: SpacySpan, spans: list[tuple[int, int]],
                       headings: list[tuple[int, int]]) -> list[_Coded]:
        frames: Frames = read_frames(sent, self.lexicon, self.ontology, self.cues)
        out: list[_Coded] = []
        for act in frames.acts:
            if _inside(act.token, headings) or _predicated(act):
                continue
            out.extend(self._arguments(act, spans, _LEXICON_CONFIDENCE))
        if self.classifier is not None:
            for token in sent:
                if token.i in frames.seen or token.pos_ != "VERB" or _inside(token, headings):
                    continue
                guess = self._classify(token, sent, frames, spans)
                if guess is not None:
                    out.extend(self._arguments(guess, spans, guess.confidence))
        return out

    def _classify(self, token: Token, sent: SpacySpan, frames: Frames,
                  spans: list[tuple[int, int]]) -> Act | None:
        assert self.classifier is not None
        subj = find_subject(token)
        if subj is None or actorness(subj, self.cues.actor_noun, spans) == 0:
            return None  # relevance: no actor doing it, not worth the classifier
        if not any(actorness(h, self.cues.actor_noun, spans) > 0
                   for _, h in target_candidates(token)):
            return None
        category, prob = self.classifier.predict(token, sent)
        if category is None or prob < _CLASSIFIER_THRESHOLD:
            return None
        return frames.act_for(token, category, None, None, confidence=prob)

    def _arguments(self, act: Act, spans: list[tuple[int, int]],
                   confidence: float) -> list[_Coded]:
        nouns = self.cues.actor_noun
        subj = find_subject(act.arg_token)
        if subj is None and act.token is not act.arg_token:
            subj = find_subject(act.token)
        if subj is None:
            return []
        if subj.pos_ == "PRON" and act.speaker is not None:
            subj = act.speaker  # "Farc said it will release ...": "it" is the speaker
        if _other_line(subj, act.token):
            return []
        recipient = None
        if self._recipient_verb(act) is not None:
            # "Iran faces criticism from the U.N.": the "from" object is the source and the
            # subject the target; with no "from", who acted is unknown and nothing is coded.
            from_source = self._recipient_source(act, spans)
            if from_source is None:
                return []
            subj, recipient = from_source, subj
        taken = subject_tokens(subj, act.token)
        best: tuple[int, int, Token] | None = None
        for token in act.target_tokens:
            # (The frame's complement stays a candidate: leaving it out, as this once meant
            # to, lowered PLV target match from 0.649 to 0.640.)
            for rank, cand in target_candidates(token):
                if cand.i in taken or cand.i == act.token.i or _other_line(cand, act.token):
                    continue
                if cand.ent_type_ in NOT_ACTOR_ENTS or cand.lemma_.lower() in \
                        self.cues.not_target:
                    continue
                if self._own_asset(act, cand):
                    continue  # its own submarines, troops, ambassador: not acted upon
                score = actorness(cand, nouns, spans)
                key = (-score, rank, cand)
                if best is None or key[:2] < best[:2]:
                    best = key
        if recipient is not None:
            best = (-actorness(recipient, nouns, spans), 0, recipient)
        elif act.arg_token.i != act.token.i and getattr(as_verb(act.token), "i", None) == \
                act.arg_token.i:
            # "gave him a portrait of Trump as a gift": the act goes to the indirect object
            # (or the "to" object), not to whoever the object names.
            given = _indirect_object(act.arg_token)
            if given is not None and actorness(given, nouns, spans) > 0:
                best = (-actorness(given, nouns, spans), 0, given)
        conf = confidence * act.salience
        if actorness(subj, nouns, spans) == 0:
            conf *= 0.8
        sources = expand_conj(subj, _MAX_PER_SIDE)
        if len(sources) == 1:
            sources = _coordinated_mentions(subj, spans) or sources
        reciprocal = act.token.lemma_.lower() in self.cues.reciprocal or each_other(act.token)
        between = _between(act.token) if actorness(subj, nouns, spans) == 0 else []
        if (_mutual(act) or reciprocal) and len(between) > 1:
            # "negotiations between Boko Haram and Nigerian officials": both sides act.
            return [_Coded(act, s, t, conf) for s in between for t in between if s is not t]
        if len(sources) > 1 and (_mutual(act) or reciprocal) and (
                best is None or best[0] > -3 or _locative(best[2])):
            # "A and B met (in Riyadh)": a mutual act between the coordinated actors, unless
            # a resolved actor is its object ("A and B met Zelensky").
            return [_Coded(act, s, t, conf) for s in sources for t in sources if s is not t]
        if best is None:
            if actorness(subj, nouns, spans) == 0:
                return []  # no actor on either side ("a countdown could bring a ceasefire")
            if act.token.pos_ == "NOUN" and act.token.dep_ not in _MAIN_DEPS:
                # An act noun buried in a phrase ("a channel of dialogue", "close a deal")
                # with no one on the receiving end is not an event.
                return []
            return [_Coded(act, s, None, conf * 0.85) for s in sources]
        out: list[_Coded] = []
        targets = expand_conj(best[2], _MAX_PER_SIDE) if best[0] < 0 else [best[2]]
        for s in sources:
            for t in targets:
                if t.i != s.i:
                    out.append(_Coded(act, s, t, conf if best[0] < 0 else conf * 0.9))
        return out

    def _nameable(self, head: Token) -> bool:
        """Whether a phrase no mention covers may be resolved by its words: a name, an
        actor noun ("Russian forces"), or a place a country owns ("Ukrainian cities",
        "Russian waters"); not a thing that merely carries a country's name ("US history",
        "the Russian economy")."""
        lemma = head.lemma_.lower()
        return (head.pos_ == "PROPN" or lemma in self.cues.actor_noun
                or head.lower_ in self.cues.actor_noun or lemma in self.cues.territory
                or lemma in self.cues.asset or head.ent_type_ in ("GPE", "NORP", "ORG",
                                                                  "PERSON"))

    def _stands_for_agent(self, head: Token) -> bool:
        """An act or product noun ("Russia's war", "Russian attacks", "Moscow's
        conditions") or a possessed one: the actor in the phrase is who acted."""
        if any(c.dep_ == "poss" for c in head.children):
            return True
        lemma = head.lemma_.lower()
        if lemma in self.cues.product or head.lower_ in self.cues.product:
            return True
        entry = self.lexicon.match(head)
        return entry is not None and entry.category is not None

    def _own_asset(self, act: Act, cand: Token) -> bool:
        """Whether a candidate target is the actor's own means: an asset noun ("troops",
        "submarines", "ambassador") that it moves or deploys (MOBILIZE), or that it
        owns ("withdraw its troops", "recalled their ambassador")."""
        if cand.lemma_.lower() not in self.cues.asset and cand.lower_ not in self.cues.asset:
            return False
        if act.category == "MOBILIZE":
            return True
        return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our")
                   for c in cand.children)

    def _recipient_verb(self, act: Act) -> Token | None:
        """The verb by which the subject receives the act noun ("faced criticism",
        "received a portrait as a gift"), or None."""
        noun = act.token
        if noun.pos_ != "NOUN":
            return None
        verb = noun.head if noun.dep_ == "dobj" else as_verb(noun)
        if verb is None or verb.lemma_.lower() not in self.cues.recipient:
            return None
        return verb

    def _recipient_source(self, act: Act, spans: list[tuple[int, int]]) -> Token | None:
        """Who gave what the subject received: the "from" object ("faced criticism from",
        "received a portrait from Putin as a gift"), else the one the subject was meeting in
        the clause the receiving belongs to ("in talks with Putin, even receiving a gift",
        "met the king, receiving a sword as a gift")."""
        verb = self._recipient_verb(act)
        if verb is None:
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        for holder in (act.token, verb, obj):
            for c in holder.children if holder is not None else ():
                if c.dep_ == "prep" and c.lower_ == "from":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
        if verb.dep_ not in ("advcl", "conj") or verb.head.i == verb.i:
            return None
        own = {t.i for t in verb.subtree}
        partners = [g for t in verb.head.subtree if t.i not in own and t.dep_ == "prep"
                    and t.lower_ == "with" for g in t.children if g.dep_ == "pobj"]
        partners += [c for c in verb.head.children if c.dep_ == "dobj"]  # "met the king"
        return next((g for g in partners if actorness(g, self.cues.actor_noun, spans) > 0),
                    None)

    # --- building the record -----------------------------------------------------------------

    def _actor(self, text: str, head: Token, mentions: Sequence[Mention],
               resolver: Resolver | None, cache: dict[tuple[int, int], Actor]) -> Actor:
        start, end = arg_span(head)
        if (start, end) in cache:
            return cache[(start, end)]
        span_text = text[start:end]
        if head.lower_ in ("he", "she", "him", "her") and not any(
                m.start <= head.idx < m.end for m in mentions):  # the actors stage's first
            ante = _antecedent(head)
            if ante is not None:  # the pronoun keeps its text, the actor is the antecedent's
                actor = self._actor(text, ante, mentions, resolver, cache)
                actor = dataclasses.replace(actor, text=span_text,
                                            name=actor.name or actor.text)
                cache[(start, end)] = actor
                return actor
        inside = [m for m in mentions if m.start < end and start < m.end]
        if inside and not any(m.start <= head.idx < m.end for m in inside) and \
                not self._nameable(head) and not self._stands_for_agent(head):
            inside = []  # "the deadliest shooting in US history": not the United States
            resolver = None
        if inside:
            # The mention nearest the argument's head is the actor ("Trump's envoy, Witkoff").
            m = min(inside, key=lambda m: 0 if m.start <= head.idx < m.end else
                    abs(m.start - head.idx))
            # Several actors in one phrase (a coordination the parse merged): the argument
            # is the mention itself.
            own = len(inside) > 1 and m.start <= head.idx < m.end
            actor = dataclasses.replace(m.actor, text=m.text if own else span_text)
        elif resolver is not None and self._nameable(head):
            actor = dataclasses.replace(resolver(span_text), text=span_text)
        else:
            actor = Actor(text=span_text)
        cache[(start, end)] = actor
        return actor

    def _owner(self, text: str, head: Token, trigger_start: int, source: Actor,
               prior: Sequence[Event],
               mentions: Sequence[Mention], resolver: Resolver | None,
               cache: dict[tuple[int, int], Actor]) -> Actor | None:
        """Whom a target that names an act stands for: "condemned the launch" targets
        whoever launched. The act's own agent when the phrase names it ("Russia's attacks",
        "the launch by North Korea"), else the source of the latest earlier event of this
        or the two sentences before whose trigger or category the noun names ("the
        launch" after "North Korea launched a rocket"; "conditions Kyiv rejected" after
        "Putin insisted on ..."), when that source is someone else."""
        lemma = head.lemma_.lower()
        entry = self.lexicon.match(head) if head.pos_ == "NOUN" else None
        act_noun = entry is not None and entry.category is not None
        if not act_noun and lemma not in self.cues.product and head.lower_ not in \
                self.cues.product:
            return None
        agent = noun_agent(head)
        if agent is not None and actorness(
                agent, self.cues.actor_noun, [(m.start, m.end) for m in mentions]) > 0:
            actor = self._actor(text, agent, mentions, resolver, cache)
            if _has_country(actor):
                return actor
        window_start = head.sent.start_char
        prev = head.sent.start - 1
        for _ in range(2):
            if prev < 0:
                break
            window_start = head.doc[prev].sent.start_char
            prev = head.doc[prev].sent.start - 1
        for ev in reversed(prior):
            if ev.evidence.start < window_start:
                break
            if ev.trigger.start == trigger_start:
                continue  # the same act, coded for a coordinated source
            if not _has_country(ev.source) or ev.source.country == source.country:
                continue
            if act_noun and entry is not None and ev.category != entry.category and \
                    ev.trigger.text.lower() != head.lower_:
                continue
            return ev.source
        return None

    def _event(self, text: str, sent: SpacySpan, coded: _Coded, mentions: Sequence[Mention],
               resolver: Resolver | None, cache: dict[tuple[int, int], Actor],
               event_id: str, prior: Sequence[Event] = ()) -> Event | None:
        act = coded.act
        code = act.cameo
        source = self._actor(text, coded.source, mentions, resolver, cache)
        target = (self._actor(text, coded.target, mentions, resolver, cache)
                  if coded.target is not None else None)
        if target is not None and coded.target is not None and not _has_country(target):
            owner = self._owner(text, coded.target, coded.act.token.idx, source, prior,
                                mentions, resolver, cache)
            if owner is not None:
                target = dataclasses.replace(owner, text=target.text)
        speaker = (self._actor(text, act.speaker, mentions, resolver, cache)
                   if act.speaker is not None else None)
        evidence = Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char])
        trig = act.token
        trigger = Span(trig.idx, trig.idx + len(trig.text), trig.text)
        lowered = evidence.text.lower()
        private = bool(self._private.search(lowered)) or "envoy" in source.text.lower()
        return Event(
            id=event_id,
            source=source,
            target=target,
            category=act.category,
            mode=act.mode,
            cameo=code,
            goldstein=self.ontology.goldstein(code),
            quad_class=self.ontology.quad_class(code),
            date=EventDate(None, None),
            modality=act.modality,
            negated=act.negated,
            channel="private" if private else "public",
            evidence=evidence,
            trigger=trigger,
            confidence=round(max(0.0, min(1.0, coded.confidence)), 3),
            speaker=speaker,
        )


class EventStage:
    """Pipeline stage: codes the events of each article (see :class:`EventCoder`)."""

    name = "events"
    requires: tuple[str, ...] = ("doc", "mentions")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, options: ExtractOptions | None = None) -> None:
        self.coder = EventCoder(options)

    def __call__(self, item: Draft) -> Draft:
        record = item.record
        if not _political(record.mentions, item.doc):
            record.events = []  # a business, sports or accident story (issue 15, pattern 7)
            return item
        record.events = self.coder.code_doc(
            item.doc, article_id=record.article.id, mentions=record.mentions,
            published=item.published,
        )
        return item


# Sectors of political actors: an article of several sentences that names none of them
# (Apple's parental controls, a football transfer) is not coded.
_POLITICAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "SPY", "IGO",
                                "REB", "IMG", "ELI", "UAF", "PRM"})


def _political(mentions: Sequence[Mention], doc: Doc) -> bool:
    if sum(1 for _ in zip(range(3), doc.sents, strict=False)) < 3:
        return True  # a sentence or two: too little to judge
    return any(m.actor.sector in _POLITICAL_SECTORS or m.actor.sector2 in _POLITICAL_SECTORS
               or (m.actor.code or "").startswith(("IGO", "IMG")) for m in mentions)
