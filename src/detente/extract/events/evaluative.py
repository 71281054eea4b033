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
from detente.model import Actor, Event, EventDate, Mention, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from detente.extract.stage import Draft

__all__ = ["EvaluativeCue", "EvaluativeStage", "code_evaluations", "load_evaluative"]

_CATEGORIES = ("ACCUSE", "REJECT", "SUPPORT")
_COPULAS = frozenset({"be", "seem", "look", "become", "remain", "sound", "appear", "call",
                      "describe", "consider", "deem", "brand", "label", "term", "represent",
                      "constitute"})
# Verbs that equate their subject with their object: "the launch represents a violation".
_EQUATING = frozenset({"represent", "constitute"})
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
        self.product = load_cues().product
        self.cue_words: frozenset[str] = frozenset()

    def actor(self, head: Token, left: bool = False) -> Actor | None:
        """The actor a noun phrase head names: a mention covering it, else its words
        (``left``: only the words up to the head, not its "of"/"against" objects)."""
        start, end = arg_span(head)
        if left:
            end = min(end, head.idx + len(head.text))
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
        if head is None or depth > 2 or (head.lower_ in _SELF and head.text != "US"):
            return None
        if head.pos_ == "PRON":
            return head if head.lower_ in ("he", "she", "they", "him", "her", "them",
                                           *_YOU) else None
        # "a violation of U.N. resolutions", "aggression against Ukraine": what an act or
        # charge is against is not who commits it.
        actor = self.actor(head, left=head.pos_ == "NOUN" and (
            self.is_act(head) or head.lemma_.lower() in self.cue_words))
        if _coded(actor) and not self.is_act(head):
            return head
        if head.pos_ == "NOUN":
            # The act's own agent, else whoever does what the clause says ("they committed
            # aggression"), not whoever feels about it ("Russia is worried over more
            # provocative launches"); the speaker evaluating themself is dropped by the
            # caller.
            agent = noun_agent(head) or (None if _felt(head) else find_subject(head))
            if agent is not None and agent.i != head.i:
                return self.owner(agent, depth + 1)
        return None


# What a subject feels or says about an act, not what it does: "Russia is worried over
# more provocative launches" (the launches are not Russia's).
_ATTITUDES = frozenset({"worry", "worried", "concern", "concerned", "alarm", "alarmed",
                        "anger", "angry", "upset", "disappoint", "disappointed", "fear",
                        "complain", "protest", "object", "react", "respond", "criticize",
                        "criticise", "condemn", "denounce", "warn", "talk", "speak"})


def _felt(noun: Token) -> bool:
    """Whether an act noun is what its clause's subject feels or speaks about ("worried
    over the launches", "complained about the drills"), so that subject is not its agent."""
    if noun.dep_ != "pobj" or noun.head.head.i == noun.head.i:
        return False
    governor = noun.head.head
    return governor.lemma_.lower() in _ATTITUDES or governor.lower_ in _ATTITUDES


def _evaluated(token: Token) -> Token | None:
    """The phrase an evaluative word is said of: the subject of "X is disgusting" / "X is a
    provocation", the noun it modifies ("a hostile Washington"), the object of a verb
    ("disrespected the United States"), the owner of a noun ("Russia's aggression")."""
    if token.pos_ == "NOUN":
        agent = noun_agent(token)
        if agent is not None:
            return agent  # "it was a Democrat scam", "Russia's aggression is ..."
    if token.pos_ == "ADJ" and token.dep_ == "amod":
        said_of = _said_of(token)
        if said_of is not None:
            return said_of  # "Caught red-handed — very disappointed that China is ..."
    t = token
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head  # "disgusting and shameful": the first conjunct carries the relation
    head = t.head
    head_lemma = "be" if head.lower_ in _CONTRACTED_BE else head.lemma_.lower()
    if t.dep_ == "dobj" and head_lemma in _EQUATING:
        # "the launch represents a flagrant violation": what is equated with it
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
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
    if t.pos_ == "ADV" and t.dep_ == "advmod" and head.pos_ == "VERB":
        return find_subject(head)  # "Chinese ships have illegally supplied oil"
    if t.pos_ == "ADJ":  # "disappointed in X", "grateful to X"
        return _said_of(t)
    if t.dep_ == "compound" and t.pos_ == "NOUN" and head.pos_ == "NOUN":
        return _evaluated(head) or head  # "a propaganda tour": what the tour is said of
    if t.pos_ in ("NOUN", "PROPN"):
        return t  # "Russia's aggression": the noun's owner is the one evaluated
    return None


def _said_of(adj: Token) -> Token | None:
    """Whom an adjective of feeling is about: "disappointed in X", "grateful to X",
    "disappointed that China is allowing ..."."""
    for c in adj.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "with", "by", "of", "to", "toward"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    for c in adj.children:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            return find_subject(c)
    return None


# Words that blame only with what someone is answerable for: "Russia alone is responsible
# for the death and destruction", "hold Russia accountable for the atrocities" (not
# "responsible nations", "responsible for security").
_LIABLE = frozenset({"responsible", "accountable", "culpable", "liable"})
_HARMS = frozenset({"death", "destruction", "suffering", "loss", "bloodshed", "casualty",
                    "damage", "harm", "chaos", "crisis", "escalation", "violence"})


def _liable(adj: Token, coder: _Coder) -> Token | None:
    """Who an answerable-for adjective blames: its subject (own or the copula's, or the
    object of "hold"), when what it is answerable for is a harm or a hostile act."""
    harm = False
    for c in adj.children:
        if c.lower_ == "for" and c.dep_ in ("prep", "mark"):
            harm = any(w.lemma_.lower() in _HARMS or w.lemma_.lower() in coder.cue_words
                       or (w.pos_ == "NOUN" and coder.is_act(w))
                       for w in c.subtree if w.pos_ == "NOUN")
        elif c.dep_ == "advcl" and any(m.lower_ == "for" for m in c.children):
            harm = any(w.lemma_.lower() in _HARMS or w.lemma_.lower() in coder.cue_words
                       for w in c.subtree if w.pos_ == "NOUN")
    if not harm:
        return None
    own = next((c for c in adj.children if c.dep_ == "nsubj"), None)
    return own if own is not None else _evaluated(adj)


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
        if e.category != "ACCUSE" and e.trigger.text.lower().startswith(lemma[:5]):
            return e.source
    # "these provocations" after "South Korea condemned North Korea's provocation": the
    # earlier accusation named the act's agent as its target.
    for e in reversed(events):
        if (e.category == "ACCUSE" and window <= e.evidence.start and e.trigger.start < noun.idx
                and e.trigger.text.lower().startswith(lemma[:5]) and e.target is not None
                and _coded(e.target) and e.target.country != speaker.country):
            return e.target
    named = next((e.source for e in reversed(candidates)
                  if e.category in categories & _CRITICISED), None) or next(
        (e.source for e in earlier if e.category in categories & _CRITICISED), None)
    if named is not None:
        # "the launch": the latest act of a kind the noun can name, else the first in
        # the article (the test its lead reported)
        return named
    # "Russia condemned the launch by North Korea ... 'more provocative launches'": whom
    # the latest accusation before it (by anyone) was aimed at.
    accused = next((e.target for e in reversed(events) if e.category == "ACCUSE"
                    and window <= e.evidence.start and e.trigger.start < noun.idx
                    and e.target is not None and _coded(e.target)
                    and not _same(e.target, speaker)
                    and e.target.country != speaker.country), None)
    if accused is not None:
        return accused
    return next((e.source for e in reversed(candidates) if e.category in _CRITICISED), None)


# Verbs that report what their subject holds: "the Kremlin suggested a US plot", "the paper
# implied the leaks were a disinformation campaign", "Moscow claimed that ...".
_REPORTING = frozenset({"say", "suggest", "imply", "claim", "allege", "insist", "argue",
                        "assert", "charge", "contend", "maintain", "tell", "state", "declare",
                        "tweet", "write", "add", "note", "warn",
                        # naming: "X called the vote crazy", "described the move as reckless"
                        "call", "describe", "brand", "label", "term", "dub"})


# Nouns that carry what their owner holds: "a South Korean report that ...", "Moscow's
# claims that ...".
_REPORT_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "assertion",
                           "statement", "charge", "editorial", "tweet"})


def _reporter(token: Token, coder: _Coder) -> _Scope | None:
    """The speaker of reported words that no quotation covers: the coded subject of the
    nearest reporting verb above the cue (its object or clause), as a scope of its own."""
    t = token
    for _ in range(5):
        if t.head.i == t.i:
            return None
        if t.dep_ not in ("dobj", "ccomp", "xcomp", "acomp", "attr", "conj", "amod", "advmod",
                          "compound", "pobj", "prep", "nsubj", "advcl", "relcl", "appos", "acl"):
            return None
        t = t.head
        if t.pos_ == "NOUN" and t.lemma_.lower() in _REPORT_NOUNS and (
                token.dep_ != "amod" or token.head.i != t.i):
            # "a South Korean report that Chinese ships have illegally supplied oil"
            agent = noun_agent(t)
            actor = coder.actor(agent) if agent is not None else None
            if actor is None or not _coded(actor):
                return None
            return _Scope(t.sent.start_char, t.sent.end_char, actor, False)
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
    coder.cue_words = frozenset(c.words[-1] for c in cues)
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
            if token.lemma_.lower() in _LIABLE or token.lower_ in _LIABLE:
                evaluated = _liable(token, coder)
                if evaluated is None:
                    continue
            else:
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


# How far back (characters) the acts an accused act noun names are looked for.
_NEAR = 600


def retarget_accusations(doc: Doc, events: Sequence[Event], mentions: Sequence[Mention],
                         lexicon: Lexicon, resolve: Resolve | None = None) -> list[Event]:
    """``events`` with each accusation aimed at an act rather than an actor ("criticize such
    provocative actions", "denounced the exercises", "charging the drills as practice
    runs") aimed at whoever did the act instead: the sources of the events of its sentence
    named by the same word (one accusation each), else the agent found as for an
    evaluated act (:func:`_prior_source`). One already aimed at one of those doers is
    copied for each other doer. Unresolved ones are kept as they are."""
    coder = _Coder(doc, mentions, resolve, lexicon)
    by_start = {t.idx: t for t in doc}
    out: list[Event] = []
    for e in events:
        trigger = by_start.get(e.trigger.start)
        if e.category != "ACCUSE" or trigger is None or trigger.pos_ != "VERB" or (
                not _coded(e.source)):
            out.append(e)
            continue
        obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if obj is None or not coder.names_act(obj):
            out.append(e)
            continue
        agent = noun_agent(obj)
        if agent is not None:
            # "condemned the missile tests by North Korea": the act's own agent
            actor = coder.actor(agent)
            if (e.target is None or not _coded(e.target)) and actor is not None and _coded(
                    actor) and actor.country != e.source.country:
                start, end = arg_span(agent)
                e = dataclasses.replace(e, target=dataclasses.replace(
                    actor, text=doc.text[start:end]))
            out.append(e)
            continue
        sent = trigger.sent
        stem = obj.lemma_.lower()[:5]
        same = [x for x in events if x is not e and _coded(x.source)
                and x.category != "ACCUSE" and x.trigger.text.lower().startswith(stem)
                and x.source.country != e.source.country and x.trigger.start < sent.end_char
                and x.evidence.start >= sent.start_char - _NEAR]
        # The acts the word names in its own sentence, else in the latest one before it
        # that names them ("... conducted joint exercises." "Kim denounced the exercises").
        inside = [x for x in same if x.evidence.start >= sent.start_char]
        if not inside and same:
            inside = [x for x in same if x.evidence.start == same[-1].evidence.start]
        named = [x.source for x in inside]
        targets: list[Actor] = []
        for actor in named:
            if not any(_same(actor, t) or actor.country == t.country for t in targets):
                targets.append(actor)
        start, end = arg_span(obj)
        if e.target is not None and _coded(e.target):
            # Already aimed at one of the doers: the others are accused too.
            out.append(e)
            if any(t.country == e.target.country for t in targets):
                out.extend(dataclasses.replace(e, target=dataclasses.replace(
                    t, text=doc.text[start:end])) for t in targets
                    if t.country != e.target.country)
            continue
        if not targets:
            prior = _prior_source(events, sent, obj, e.source, coder.categories(obj))
            targets = [prior] if prior is not None else []
        if not targets:
            out.append(e)
            continue
        out.extend(dataclasses.replace(e, target=dataclasses.replace(t, text=doc.text[start:end]))
                   for t in targets)
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
        if scope is None or subj is None or (subj.lower_ in _SELF and subj.text != "US"):
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
        record.events = retarget_accusations(item.doc, record.events, record.mentions,
                                             self.lexicon, resolve)
        new = code_evaluations(item.doc, article_id=record.article.id, events=record.events,
                               quotes=record.quotes, mentions=record.mentions,
                               cues=self.cues, ontology=self.ontology, lexicon=self.lexicon,
                               resolve=resolve, author=author)
        if new or len({e.id for e in record.events}) < len(record.events):
            merged = sorted([*record.events, *new], key=lambda e: (e.evidence.start,
                                                                   e.trigger.start))
            record.events = [dataclasses.replace(e, id=f"{record.article.id}-e{n}")
                             for n, e in enumerate(merged, 1)]
        return item
