"""Verbal conflict carried by evaluative language: "disgusting and shameful", "a parasite",
"a large-scale provocation", "disappointed in X" (issue 15, pattern 2).

A statement that evaluates someone's conduct is an act even when no verb says "accuse":
CAMEO codes "Russia's attacks are disgusting" as a criticism (111) by the speaker of Russia.
This stage reads the cues of ``data/events/evaluative.tsv`` inside what someone says (the
quotations and reported speech of the quotes layer, whose speakers are resolved, and, in a
statement with a known author, the author's own sentences outside quotation marks) and codes
one event per evaluated actor: source the speaker, target who or what the words evaluate,
an act through its agent ("Russia's relentless attacks" -> Russia). Evaluations with no
actor on the receiving end are not coded (precision first).

:class:`EvaluativeStage` runs after the quotes stage (requires doc, mentions, events,
quotes) and adds its events to ``record.events`` in text order, renumbering the ids.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from detente.config import ExtractOptions
from detente.errors import DataFileError
from detente.extract.events.args import arg_span, find_subject, noun_agent
from detente.extract.events.frames import aux_lemmas, deontic
from detente.extract.events.lexicon import Lexicon, load_cues, load_lexicon
from detente.extract.events.ontology import Ontology, load_ontology, read_table
from detente.extract.events.targets import patient_roles
from detente.model import Actor, Event, EventDate, Mention, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from detente.extract.stage import Draft

__all__ = ["EvaluativeCue", "EvaluativeStage", "code_evaluations", "load_evaluative"]

_CATEGORIES = ("ACCUSE", "REJECT", "SUPPORT")
_COPULAS = frozenset({"be", "seem", "look", "become", "remain", "sound", "appear", "call",
                      "describe", "consider", "deem", "brand", "label", "term"})
# Contracted "be" with a typographic apostrophe ("you’re wrong", "it’s disrespectful"),
# which the parser leaves unlemmatized.
_CONTRACTED_BE = frozenset({"’re", "’s", "’m", "'re", "'s", "'m"})
_SELF = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
_TRANSNATIONAL = ("IGO", "NGO", "IMG")
_YOU = ("you", "your")
# How far back (characters) the turn a quotation's "you" answers is looked for.
_DIALOGUE_WINDOW = 1500
# Confidence of an evaluative event before calibration (see extract/events/confidence.py).
_CONFIDENCE = 0.6

Resolve = Callable[[str], Actor]


@dataclass(frozen=True, slots=True)
class EvaluativeCue:
    words: tuple[str, ...]
    category: str
    cameo: str | None
    source: str  # file:line


def load_evaluative(ontology: Ontology, path: Path | None = None) -> list[EvaluativeCue]:
    """The cues of ``evaluative.tsv`` (or ``path``), validated: a bad category or CAMEO
    code names the file and line."""
    path = path or Path(str(resources.files("detente") / "data" / "events" / "evaluative.tsv"))
    out = []
    for line, (cue, category, cameo) in read_table(path, ("cue", "category", "cameo")):
        if not cue or cue != cue.lower():
            raise DataFileError(str(path), line, f"cue {cue!r} must be non-empty lower-case")
        if category not in _CATEGORIES:
            raise DataFileError(str(path), line, f"category {category!r} is not one of "
                                f"{', '.join(_CATEGORIES)}")
        code = None if cameo == "-" else cameo
        if code is not None and code not in ontology.cameo:
            raise DataFileError(str(path), line, f"CAMEO code {cameo!r} is not in cameo.tsv")
        out.append(EvaluativeCue(tuple(cue.split()), category, code, f"{path.name}:{line}"))
    return out


def _coded(actor: Actor | None) -> bool:
    """An actor with a country, or an international organisation."""
    return actor is not None and bool(actor.country or (
        actor.code and actor.code.startswith(_TRANSNATIONAL)))


def _same(a: Actor, b: Actor) -> bool:
    if a.id and b.id:
        return a.id == b.id
    return (a.name or a.text).lower() == (b.name or b.text).lower() or (
        a.code == b.code and a.code is not None and a.sector is not None)


@dataclass(frozen=True, slots=True)
class _Scope:
    start: int
    end: int
    speaker: Actor
    direct: bool


class _Coder:
    def __init__(self, doc: Doc, mentions: Sequence[Mention], resolve: Resolve | None,
                 lexicon: Lexicon) -> None:
        self.doc = doc
        self.mentions = mentions
        self.resolve = resolve
        self.lexicon = lexicon
        cues = load_cues()
        self.product = cues.product
        self.patient = cues.patient

    def actor(self, head: Token) -> Actor | None:
        """The actor a noun phrase head names: a mention covering it, else its words."""
        start, end = arg_span(head)
        inside = [m for m in self.mentions if m.start < end and start < m.end]
        if inside:
            m = min(inside, key=lambda m: 0 if m.start <= head.idx < m.end
                    else abs(m.start - head.idx))
            return m.actor
        if self.resolve is None or head.pos_ not in ("PROPN", "NOUN", "ADJ"):
            return None
        return self.resolve(self.doc.text[start:end])

    def names_act(self, token: Token) -> bool:
        """An act noun or a product noun ("the launch", "these provocations", "the move")."""
        return token.pos_ == "NOUN" and (self.is_act(token) or token.lemma_.lower() in
                                         self.product or token.lower_ in self.product)

    def categories(self, token: Token) -> frozenset[str]:
        """Every category the lexicon gives the token's lemma as a noun, whatever the
        conditions ("launch": MOBILIZE)."""
        bucket = self.lexicon.entries.get((token.lemma_.lower(), "NOUN"), [])
        return frozenset(e.category for e in bucket if e.category is not None)

    def is_act(self, token: Token) -> bool:
        entry = self.lexicon.match(token)
        return entry is not None and entry.category is not None

    def owner(self, head: Token | None, depth: int = 0) -> Token | None:
        """Who an evaluated phrase is about: an actor itself, else the agent of the act
        it names ("Russia's attacks", "the launch by North Korea", "Russian strikes")."""
        if head is None or depth > 2 or head.lower_ in _SELF:
            return None
        if head.pos_ == "PRON":
            return head if head.lower_ in ("he", "she", "they", "him", "her", "them",
                                           *_YOU) else None
        actor = self.actor(head)
        if _coded(actor) and not self.is_act(head):
            return head
        if head.pos_ == "NOUN":
            # The act's own agent, else whoever does what the clause says ("they committed
            # aggression"); the speaker evaluating themself is dropped by the caller.
            roles = patient_roles(head, self.patient)  # "X's wrongful detention in Russia"
            agent = roles[0] if roles is not None else noun_agent(head) or find_subject(head)
            if agent is not None and agent.i != head.i:
                return self.owner(agent, depth + 1)
        return None


def _evaluated(token: Token) -> Token | None:
    """The phrase an evaluative word is said of: the subject of "X is disgusting" / "X is a
    provocation", the noun it modifies ("a hostile Washington"), the object of a verb
    ("disrespected the United States"), the owner of a noun ("Russia's aggression")."""
    t = token
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head  # "disgusting and shameful": the first conjunct carries the relation
    head = t.head
    head_lemma = "be" if head.lower_ in _CONTRACTED_BE else head.lemma_.lower()
    if t.dep_ in ("acomp", "attr", "oprd", "ccomp", "xcomp") and head_lemma in _COPULAS:
        for c in head.children:
            if c.dep_ in ("dobj",) and head_lemma != "be":
                return c  # "called the deal a disaster"
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "it":
                return c
            if c.dep_ == "csubj":
                return find_subject(c)  # "what you are doing is disrespectful"
        for c in head.children:
            if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX") and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                return find_subject(c)  # "it is disrespectful for you to come"
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    if t.dep_ == "prep" or (t.pos_ == "ADJ" and t.dep_ == "acomp"):
        return None
    if t.dep_ == "amod":
        return head
    if t.dep_ == "appos":
        return head
    if t.dep_ == "pobj" and head.lower_ == "as" and head.head.i != head.i:
        verb = head.head  # "denounced the launch as a provocation"
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    if t.pos_ in ("VERB", "AUX"):
        # "Russia is violating international law", "he disrespected the United States":
        # whoever does the condemned thing is accused.
        return find_subject(t)
    if t.pos_ == "ADJ":  # "disappointed in X", "grateful to X"
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "with", "by", "of", "to", "toward"):
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        for c in t.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                return find_subject(c)  # "disappointed that China is allowing ..."
        return None
    if t.pos_ in ("NOUN", "PROPN"):
        return t  # "Russia's aggression": the noun's owner is the one evaluated
    return None


# Categories an evaluated act of someone else may be coded in (the acts that draw
# criticism): a "launch", "provocation" or "detention" said to be unacceptable.
_CRITICISED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"})
# How many sentences before an evaluated act noun its agent is looked for.
_PRIOR_SENTENCES = 5


def _prior_source(events: Sequence[Event], sent: SpacySpan, noun: Token,
                  speaker: Actor, categories: frozenset[str] = frozenset()) -> Actor | None:
    """The coded source of the latest event before ``noun`` (in its sentence or the few
    before) that the noun can stand for: one whose trigger shares the noun's lemma, else one
    of a criticised category; failing those, the first event of the article in a category
    the noun can name ("the launch" said late in a story of the test its lead reported).
    Never the speaker itself."""
    doc = noun.doc
    window = sent.start_char
    prev = sent.start - 1
    for _ in range(_PRIOR_SENTENCES):
        if prev < 0:
            break
        window = doc[prev].sent.start_char
        prev = doc[prev].sent.start - 1
    lemma = noun.lemma_.lower()
    earlier = [e for e in events if e.trigger.start < noun.idx and _coded(e.source)
               and not _same(e.source, speaker) and e.source.country != speaker.country]
    candidates = [e for e in earlier if window <= e.evidence.start]
    for e in reversed(candidates):
        if e.trigger.text.lower().startswith(lemma[:5]):
            return e.source
    found = next((e.source for e in reversed(candidates) if e.category in _CRITICISED), None)
    if found is not None:
        return found
    return next((e.source for e in earlier if e.category in categories & _CRITICISED), None)


# Verbs that report what their subject holds: "the Kremlin suggested a US plot", "the paper
# implied the leaks were a disinformation campaign", "Moscow claimed that ...".
_REPORTING = frozenset({"say", "suggest", "imply", "claim", "allege", "insist", "argue",
                        "assert", "charge", "contend", "maintain", "tell", "state", "declare",
                        "tweet", "write", "add", "note", "warn"})


def _reporter(token: Token, coder: _Coder) -> _Scope | None:
    """The speaker of reported words that no quotation covers: the coded subject of the
    nearest reporting verb above the cue (its object or clause), as a scope of its own."""
    t = token
    for _ in range(5):
        if t.head.i == t.i:
            return None
        if t.dep_ not in ("dobj", "ccomp", "xcomp", "acomp", "attr", "conj", "amod",
                          "compound", "pobj", "prep", "nsubj", "advcl", "relcl", "appos"):
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _REPORTING:
            subj = find_subject(t)
            actor = coder.actor(subj) if subj is not None and subj.pos_ != "PRON" else None
            if actor is None or not _coded(actor):
                return None
            start = t.sent.start_char
            return _Scope(start, t.sent.end_char, actor, False)
    return None


def _addressee(quotes: Sequence[Quote], scope: _Scope) -> Actor | None:
    """Whom a quotation's "you" addresses: in an exchange of quoted turns, the speaker of
    the latest turn before it by someone of another country (within a short window)."""
    earlier = [q for q in quotes if q.end <= scope.start
               and scope.start - q.end <= _DIALOGUE_WINDOW and q.speaker.actor is not None
               and _coded(q.speaker.actor) and not q.speaker.anonymous
               and q.speaker.actor.country != scope.speaker.country]
    return max(earlier, key=lambda q: q.end).speaker.actor if earlier else None


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for t in (token, token.head) for c in t.children)


def _index(cues: Sequence[EvaluativeCue]) -> dict[str, list[EvaluativeCue]]:
    out: dict[str, list[EvaluativeCue]] = {}
    for cue in cues:
        out.setdefault(cue.words[0], []).append(cue)
    return out


def _matches(sent: SpacySpan, index: dict[str, list[EvaluativeCue]]
             ) -> Iterator[tuple[Token, EvaluativeCue]]:
    tokens = list(sent)
    words = [(t.lower_, t.lemma_.lower()) for t in tokens]
    for i, (low, lemma) in enumerate(words):
        if _opposed(words, i):
            continue  # "an anti-graft campaign", "counter-terrorism": fighting it
        for cue in index.get(low, []) + (index.get(lemma, []) if lemma != low else []):
            n = len(cue.words)
            if i + n <= len(words) and all(c in words[i + k]
                                           for k, c in enumerate(cue.words)) and not any(
                    tokens[i + k].pos_ == "PROPN" for k in range(n)):
                yield tokens[i + n - 1], cue  # never a name's word ("Tahrir al-Sham")


_AGAINST = ("anti", "counter")


def _opposed(words: Sequence[tuple[str, str]], i: int) -> bool:
    """Whether word ``i`` is prefixed by "anti-" or "counter-" (split or not)."""
    if i >= 2 and words[i - 1][0] == "-" and words[i - 2][0] in _AGAINST:
        return True
    return i >= 1 and words[i - 1][0] in ("anti-", "counter-")


def _scopes(text: str, quotes: Sequence[Quote], author: Actor | None) -> list[_Scope]:
    # An unnamed speaker counts when the quotes layer coded whom they speak for ("a
    # Kremlin spokesman", "a foreign ministry official").
    scopes = [_Scope(q.start, q.end, q.speaker.actor, q.kind == "direct") for q in quotes
              if q.speaker.actor is not None and _coded(q.speaker.actor)]
    if author is not None:
        # The author's own voice: everything outside the quotations of others.
        taken = sorted((q.start, q.end) for q in quotes)
        pos = 0
        for s, e in [*taken, (len(text), len(text))]:
            if s > pos:
                scopes.append(_Scope(pos, s, author, False))
            pos = max(pos, e)
    return scopes


def code_evaluations(doc: Doc, *, article_id: str, events: Sequence[Event],
                     quotes: Sequence[Quote], mentions: Sequence[Mention],
                     cues: Sequence[EvaluativeCue], ontology: Ontology, lexicon: Lexicon,
                     resolve: Resolve | None = None, author: Actor | None = None,
                     ) -> list[Event]:
    """The evaluative events of one parsed article (ids are placeholders: the stage
    renumbers). Sentences already holding an event of the same category, source country
    and target country are skipped."""
    text = doc.text
    coder = _Coder(doc, mentions, resolve, lexicon)
    scopes = _scopes(text, quotes, author)
    index = _index(cues)
    seen = {(e.evidence.start, e.category, e.source.country, e.target.country if e.target
             else None) for e in events}
    out: list[Event] = []
    for sent in doc.sents:
        for token, cue in _matches(sent, index):
            scope = next((s for s in scopes if s.start <= token.idx < s.end), None)
            if scope is None:
                scope = _reporter(token, coder)
            if scope is None or _negated(token):
                continue
            evaluated = _evaluated(token)
            head = coder.owner(evaluated)
            target = coder.actor(head) if head is not None else None
            if head is not None and head.lower_ in _YOU:
                target = _addressee(quotes, scope) if scope.direct else None
            if head is None and evaluated is not None and coder.names_act(evaluated):
                # "said the launch was unacceptable": whoever launched, in the events coded
                # just before (this sentence or the two before it).
                prior = _prior_source(events, sent, evaluated, scope.speaker,
                                      coder.categories(evaluated))
                if prior is not None:
                    head, target = evaluated, prior
            if head is None or target is None or not _coded(target) or _same(target, scope.speaker):
                continue
            key = (sent.start_char, cue.category, scope.speaker.country, target.country)
            if key in seen:
                continue
            seen.add(key)
            code = cue.cameo or ontology.default_cameo(cue.category, None)
            out.append(_event(text, sent, token, head, target, scope.speaker, cue.category,
                              code, "asserted", ontology, f"{article_id}-v{len(out) + 1}"))
        for token, head, target, speaker in [*_obligations(sent, scopes, coder, quotes),
                                             *_imperatives(sent, scopes, quotes)]:
            key = (sent.start_char, "REQUEST", speaker.country, target.country)
            if key in seen:
                continue
            seen.add(key)
            code = ontology.demand_code(ontology.default_cameo("REQUEST", None))
            out.append(_event(text, sent, token, head, target, speaker, "REQUEST", code,
                              "demanded", ontology, f"{article_id}-v{len(out) + 1}"))
    return out


def _obligations(sent: SpacySpan, scopes: Sequence[_Scope], coder: _Coder,
                 quotes: Sequence[Quote] = ()) -> Iterator[tuple[Token, Token | None, Actor,
                                                                 Actor]]:
    """Obligations a speaker states in their own words ("Congress must step up and act",
    a quotation's "Seoul should respond"): the speaker demands it of the subject; a quoted
    turn's "you must / you have to" demands it of whom the turn answers. Not of themselves
    ("we must"), not negated, not passive."""
    for t in sent:
        if t.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in t.children):
            continue
        if not deontic(t, aux_lemmas([t])):
            continue
        scope = next((s for s in scopes if s.start <= t.idx < s.end), None)
        subj = find_subject(t)
        if scope is None or subj is None or subj.lower_ in _SELF:
            continue
        if subj.lower_ == "you":
            addressee = _addressee(quotes, scope) if scope.direct else None
            if addressee is not None and not _same(addressee, scope.speaker):
                yield t, None, addressee, scope.speaker
            continue
        target = coder.actor(subj)
        if target is None or not _coded(target) or _same(target, scope.speaker) or (
                target.country == scope.speaker.country and target.sector == scope.speaker.sector):
            continue
        yield t, subj, target, scope.speaker


# Imperatives that steer the talk rather than ask anything of the addressee: "Look, ...",
# "Let me tell you", "Thank you", "Make no mistake", "Excuse me", "Believe me".
_DISCOURSE_VERBS = frozenset({"let", "look", "listen", "see", "thank", "remember", "imagine",
                              "excuse", "wait", "believe", "trust", "guess", "mind", "note",
                              "forgive", "pardon", "make", "tell", "hear", "watch", "say"})
# What may open a quoted turn before its imperative verb: "Please", "Just", "And", "So".
_OPENERS = frozenset({"please", "just", "and", "so", "now", "but", "then", "kindly"})


def _imperatives(sent: SpacySpan, scopes: Sequence[_Scope], quotes: Sequence[Quote]
                 ) -> Iterator[tuple[Token, Token | None, Actor, Actor]]:
    """A quoted turn that opens with an imperative ("Offer some words of appreciation",
    "Come once", "Please restore their rights") asks something of whom it answers: the
    speaker's request of the addressee. The verb opens its quotation (the parse may join
    several turns into one sentence, so its dependency does not matter). Not negated, not
    a question, not a verb that only steers the talk ("Look", "Let me"); "say" only with an
    object ("Just say thank you")."""
    if sent.text.rstrip().rstrip("”\"'’").endswith("?"):
        return
    for t in sent:
        if t.pos_ != "VERB" or t.tag_ != "VB":
            continue
        lemma = t.lemma_.lower()
        if lemma in _DISCOURSE_VERBS and not (lemma == "say" and any(
                c.dep_ in ("dobj", "ccomp") for c in t.children)):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "neg")
               for c in t.children):
            continue
        scope = next((s for s in scopes if s.start <= t.idx < s.end), None)
        if scope is None or not scope.direct:
            continue
        opening = [w for w in sent if scope.start <= w.idx < t.idx]
        if any(not (w.is_punct or w.lower_ in _OPENERS) for w in opening):
            continue
        addressee = _addressee(quotes, scope)
        if addressee is not None and not _same(addressee, scope.speaker):
            yield t, None, addressee, scope.speaker


def _event(text: str, sent: SpacySpan, token: Token, head: Token | None, target: Actor,
           speaker: Actor, category: str, code: str, modality: str, ontology: Ontology,
           event_id: str) -> Event:
    if head is not None:
        start, end = arg_span(head)
        target = dataclasses.replace(target, text=text[start:end])
    return Event(
        id=event_id, source=speaker, target=target,
        category=category, mode=None, cameo=code,
        goldstein=ontology.goldstein(code), quad_class=ontology.quad_class(code),
        date=EventDate(None, None), modality=modality, negated=False, channel="public",
        evidence=Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char]),
        trigger=Span(token.idx, token.idx + len(token.text), token.text),
        confidence=_CONFIDENCE, speaker=speaker,
    )


class EvaluativeStage:
    """Pipeline stage: adds the evaluative events (see the module docstring)."""

    name = "evaluations"
    requires: tuple[str, ...] = ("doc", "mentions", "events", "quotes")
    assigns: tuple[str, ...] = ("evaluations",)

    def __init__(self, options: ExtractOptions | None = None) -> None:
        from detente.extract.actors.resolver import default_resolver

        options = options or ExtractOptions()
        self.ontology = load_ontology()
        self.cues = load_evaluative(self.ontology)
        self.lexicon = load_lexicon(self.ontology, options.lexicon_files)
        self.resolver = default_resolver(tuple(options.actor_files))

    def __call__(self, item: Draft) -> Draft:
        record = item.record
        published = item.published

        def resolve(words: str) -> Actor:
            return self.resolver.resolve(words, date=published)

        author = None
        if record.article.author:
            found = resolve(record.article.author)
            author = found if found.id is not None and _coded(found) else None
        new = code_evaluations(item.doc, article_id=record.article.id, events=record.events,
                               quotes=record.quotes, mentions=record.mentions,
                               cues=self.cues, ontology=self.ontology, lexicon=self.lexicon,
                               resolve=resolve, author=author)
        if new:
            merged = sorted([*record.events, *new], key=lambda e: (e.evidence.start,
                                                                   e.trigger.start))
            record.events = [dataclasses.replace(e, id=f"{record.article.id}-e{n}")
                             for n, e in enumerate(merged, 1)]
        return item
