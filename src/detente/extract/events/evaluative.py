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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from detente.config import ExtractOptions
from detente.errors import DataFileError
from detente.extract.events.accused import (
    SELF,
    YOU,
    Coder,
    Resolve,
    coded,
    prior_source,
    retarget_accusations,
    same_actor,
)
from detente.extract.events.args import find_subject, noun_agent
from detente.extract.events.frames import deontic
from detente.extract.events.furniture import furniture_ranges
from detente.extract.events.lexicon import Lexicon, load_lexicon
from detente.extract.events.mood import aux_lemmas
from detente.extract.events.noise import caption_ranges, generic_relative, of_coverage
from detente.extract.events.ontology import Ontology, load_ontology, read_table
from detente.extract.events.phrases import arg_span
from detente.extract.nlp import doc_text, span_text
from detente.extract.tokens import children, sentence, span_tokens
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
# Verbs that equate their subject with their object: "the test constitutes a violation".
_EQUATING = frozenset({"represent", "constitute"})
# Contracted "be" with a typographic apostrophe ("you’re wrong", "it’s disrespectful"),
# which the parser leaves unlemmatized.
_CONTRACTED_BE = frozenset({"’re", "’s", "’m", "'re", "'s", "'m"})
# How far back (characters) the turn a quotation's "you" answers is looked for.
_DIALOGUE_WINDOW = 1500
# Confidence of an evaluative event before calibration (see extract/events/confidence.py).
_CONFIDENCE = 0.6

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


@dataclass(frozen=True, slots=True)
class _Scope:
    start: int
    end: int
    speaker: Actor
    direct: bool


def _evaluated(token: Token) -> Token | None:
    """The phrase an evaluative word is said of: the subject of "X is disgusting" / "X is a
    provocation", the noun it modifies ("a hostile Washington"), the object of a verb
    ("disrespected the United States"), the owner of a noun ("Russia's aggression")."""
    if token.pos_ == "NOUN":
        agent = noun_agent(token)
        if agent is not None:
            return agent  # "it was a Russian hoax", "Moscow's aggression is ..."
    if token.pos_ == "ADJ" and token.dep_ == "amod":
        said_of = _said_of(token)
        if said_of is not None:
            return said_of  # "Unbelievable — deeply disappointed that Iran is ..."
    t = token
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head  # "disgusting and shameful": the first conjunct carries the relation
    head = t.head
    head_lemma = "be" if head.lower_ in _CONTRACTED_BE else head.lemma_.lower()
    if t.dep_ == "dobj" and head_lemma in _EQUATING:
        # "the test constitutes a clear violation": what is equated with it
        return next((c for c in children(head) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if t.dep_ in ("acomp", "attr", "oprd", "ccomp", "xcomp") and head_lemma in _COPULAS:
        for c in children(head):
            if c.dep_ in ("dobj",) and head_lemma != "be":
                return c  # "called the deal a disaster"
        for c in children(head):
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "it":
                return c
            if c.dep_ == "csubj":
                return find_subject(c)  # "what you are doing is disrespectful"
        for c in children(head):
            if c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX") and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in children(c)):
                return find_subject(c)  # "it is disrespectful for you to come"
        return next((c for c in children(head) if c.dep_ == "nsubj"), None)
    if t.dep_ == "prep" or (t.pos_ == "ADJ" and t.dep_ == "acomp"):
        return None
    if t.dep_ == "amod":
        return head
    if t.dep_ == "appos":
        return head
    if t.dep_ == "pobj" and head.lower_ == "as" and head.head.i != head.i:
        verb = head.head  # "denounced the launch as a provocation"
        return next((c for c in children(verb) if c.dep_ == "dobj"), None)
    if t.pos_ in ("VERB", "AUX"):
        # "Russia is violating international law", "he disrespected the United States":
        # whoever does the condemned thing is accused.
        return find_subject(t)
    if t.pos_ == "ADV" and t.dep_ == "advmod" and head.pos_ == "VERB":
        return find_subject(head)  # "Turkish companies have illegally sold weapons"
    if t.pos_ == "ADJ":  # "disappointed in X", "grateful to X"
        return _said_of(t)
    if t.dep_ == "compound" and t.pos_ == "NOUN" and head.pos_ == "NOUN":
        return _evaluated(head) or head  # "a propaganda campaign": what the campaign is said of
    if t.pos_ in ("NOUN", "PROPN"):
        return t  # "Russia's aggression": the noun's owner is the one evaluated
    return None


def _said_of(adj: Token) -> Token | None:
    """Whom an adjective of feeling is about: "disappointed in X", "grateful to X",
    "disappointed that China is allowing ..."."""
    for c in children(adj):
        if c.dep_ == "prep" and c.lower_ in ("in", "with", "by", "of", "to", "toward"):
            return next((g for g in children(c) if g.dep_ == "pobj"), None)
    for c in children(adj):
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            return find_subject(c)
    return None


# Words that blame only with what someone is answerable for: "Damascus is responsible for
# the suffering of millions", "hold the regime accountable for war crimes" (not
# "responsible nations", "responsible for security").
_LIABLE = frozenset({"responsible", "accountable", "culpable", "liable"})
# What a word of dismissal ("false", "baseless") disputes when it denies (CAMEO 12x):
# something said. Said of a deed ("the false recognition of Jerusalem"), it reproaches
# the doer (CAMEO 111).
_SAYINGS = frozenset({"claim", "accusation", "allegation", "charge", "report", "statement",
                      "story", "news", "information", "assertion", "rumor", "rumour",
                      "remark", "comment", "narrative", "propaganda", "account", "version",
                      "figure", "evidence", "testimony", "assessment", "suggestion",
                      "speculation", "argument", "notion", "idea", "premise", "pretext"})
_HARMS = frozenset({"death", "destruction", "suffering", "loss", "bloodshed", "casualty",
                    "damage", "harm", "chaos", "crisis", "escalation", "violence"})


def _liable(adj: Token, coder: Coder) -> Token | None:
    """Who an answerable-for adjective blames: its subject (own or the copula's, or the
    object of "hold"), when what it is answerable for is a harm or a hostile act."""
    harm = False
    for c in children(adj):
        if c.lower_ == "for" and c.dep_ in ("prep", "mark"):
            harm = any(w.lemma_.lower() in _HARMS or w.lemma_.lower() in coder.cue_words
                       or (w.pos_ == "NOUN" and coder.is_act(w))
                       for w in c.subtree if w.pos_ == "NOUN")
        elif c.dep_ == "advcl" and any(m.lower_ == "for" for m in children(c)):
            harm = any(w.lemma_.lower() in _HARMS or w.lemma_.lower() in coder.cue_words
                       for w in c.subtree if w.pos_ == "NOUN")
    if not harm:
        return None
    own = next((c for c in children(adj) if c.dep_ == "nsubj"), None)
    return own if own is not None else _evaluated(adj)


# Verbs that report what their subject holds: "the Kremlin suggested a US plot", "the paper
# implied the leaks were a disinformation campaign", "Moscow claimed that ...".
_REPORTING = frozenset({"say", "suggest", "imply", "claim", "allege", "insist", "argue",
                        "assert", "charge", "contend", "maintain", "tell", "state", "declare",
                        "tweet", "write", "add", "note", "warn",
                        # naming: "X called the vote crazy", "described the move as reckless"
                        "call", "describe", "brand", "label", "term", "dub"})


# Nouns that carry what their owner holds: "a French report that ...", "Moscow's
# claims that ...".
_REPORT_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "assertion",
                           "statement", "charge", "editorial", "tweet"})


def _reporter(token: Token, coder: Coder) -> _Scope | None:
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
            # "a French report that Russian companies have illegally shipped arms"
            agent = noun_agent(t)
            actor = coder.actor(agent) if agent is not None else None
            if actor is None or not coded(actor):
                return None
            return _Scope(sentence(t).start_char, sentence(t).end_char, actor, False)
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _REPORTING:
            subj = find_subject(t)
            actor = coder.actor(subj) if subj is not None and subj.pos_ != "PRON" else None
            if actor is None or not coded(actor):
                return None
            start = sentence(t).start_char
            return _Scope(start, sentence(t).end_char, actor, False)
    return None


def _addressee(quotes: Sequence[Quote], scope: _Scope) -> Actor | None:
    """Whom a quotation's "you" addresses: in an exchange of quoted turns, the speaker of
    the latest turn before it by someone of another country (within a short window)."""
    earlier = [q for q in quotes if q.end <= scope.start
               and scope.start - q.end <= _DIALOGUE_WINDOW and q.speaker.actor is not None
               and coded(q.speaker.actor) and not q.speaker.anonymous
               and q.speaker.actor.country != scope.speaker.country]
    return max(earlier, key=lambda q: q.end).speaker.actor if earlier else None


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for t in (token, token.head) for c in children(t))


def _index(cues: Sequence[EvaluativeCue]) -> dict[str, list[EvaluativeCue]]:
    out: dict[str, list[EvaluativeCue]] = {}
    for cue in cues:
        out.setdefault(cue.words[0], []).append(cue)
    return out


def _matches(sent: SpacySpan, index: dict[str, list[EvaluativeCue]]
             ) -> Iterator[tuple[Token, EvaluativeCue]]:
    tokens = span_tokens(sent)
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
    # Kremlin spokesman", "a foreign ministry official"). Not one named in a photo caption
    # ("AP:Associated Press South Korean soldiers carry out ..."): a credit glued to the
    # picture's subject speaks for no one.
    captions = caption_ranges(text)
    scopes = [_Scope(q.start, q.end, q.speaker.actor, q.kind == "direct") for q in quotes
              if q.speaker.actor is not None and coded(q.speaker.actor) and not any(
                  a <= (q.speaker.start if q.speaker.start is not None else -1) < b
                  for a, b in captions)]
    if author is not None:
        # The author's own voice: everything outside the quotations of others.
        taken = sorted((q.start, q.end) for q in quotes)
        pos = 0
        for s, e in [*taken, (len(text), len(text))]:
            if s > pos:
                scopes.append(_Scope(pos, s, author, False))
            pos = max(pos, e)
    return scopes


_PLACE_PREPS = frozenset({"on", "in", "at", "under", "beside", "near", "inside", "outside",
                          "across", "around", "low", "down", "dead"})


def _lying_somewhere(token: Token) -> bool:
    """"People were lying on the streets", "lay dead": lying down, not telling lies."""
    return token.lemma_.lower() in ("lie", "lay") and token.pos_ == "VERB" and any(
        c.lower_ in _PLACE_PREPS and c.dep_ in ("prep", "prt", "advmod", "acomp", "oprd")
        for c in children(token))


def code_evaluations(doc: Doc, *, article_id: str, events: Sequence[Event],
                     quotes: Sequence[Quote], mentions: Sequence[Mention],
                     cues: Sequence[EvaluativeCue], ontology: Ontology, lexicon: Lexicon,
                     resolve: Resolve | None = None, author: Actor | None = None,
                     ) -> list[Event]:
    """The evaluative events of one parsed article (ids are placeholders: the stage
    renumbers). Sentences already holding an event of the same category, source country
    and target country are skipped."""
    text = doc_text(doc)
    coder = Coder(doc, mentions, resolve, lexicon)
    coder.cue_words = frozenset(c.words[-1] for c in cues)
    scopes = _scopes(text, quotes, author)
    index = _index(cues)
    seen = {(e.evidence.start, e.category, e.source.country, e.target.country if e.target
             else None) for e in events}
    out: list[Event] = []
    # Photo captions and credits are not coded, as in the events stage ("AP:Associated Press
    # Japanese Prime Minister Shinzo Abe branded ..." would make the agency the speaker),
    # nor are other stories' headlines.
    captions = caption_ranges(text) + furniture_ranges(text)
    for sent in doc.sents:
        for token, cue in _matches(sent, index):
            if any(a <= token.idx < b for a, b in captions):
                continue
            scope = next((s for s in scopes if s.start <= token.idx < s.end), None)
            if scope is None:
                scope = _reporter(token, coder)
            if scope is None or _negated(token) or generic_relative(token) or \
                    of_coverage(token) or _lying_somewhere(token):
                continue  # ("migrants who commit crimes", "the horrific news")
            if token.lemma_.lower() in _LIABLE or token.lower_ in _LIABLE:
                evaluated = _liable(token, coder)
                if evaluated is None:
                    continue
            else:
                evaluated = _evaluated(token)
            head = coder.owner(evaluated)
            target = coder.actor(head) if head is not None else None
            if head is not None and head.lower_ in YOU:
                target = _addressee(quotes, scope) if scope.direct else None
            if head is None and evaluated is not None and coder.names_act(evaluated):
                # "said the launch was unacceptable": whoever launched, in the events coded
                # just before (this sentence or the two before it).
                prior = prior_source(events, sent, evaluated, scope.speaker,
                                      coder.categories(evaluated))
                if prior is not None:
                    head, target = evaluated, prior
            if head is None or target is None or not coded(target) or same_actor(
                    target, scope.speaker) or _own_state(target, scope.speaker):
                continue
            key = (sent.start_char, cue.category, scope.speaker.country, target.country)
            if key in seen:
                continue
            seen.add(key)
            category, code = cue.category, cue.cameo or ontology.default_cameo(cue.category,
                                                                                None)
            if category == "REJECT" and evaluated is not None and coder.is_act(evaluated) \
                    and evaluated.lemma_.lower() not in _SAYINGS:
                # "the false recognition of Jerusalem": a deed disparaged, not a claim denied
                category, code = "ACCUSE", ontology.default_cameo("ACCUSE", "disapprove")
                key = (sent.start_char, category, scope.speaker.country, target.country)
                if key in seen:
                    continue
                seen.add(key)
            out.append(_event(text, sent, token, head, target, scope.speaker, category,
                              code, "asserted", ontology, f"{article_id}-v{len(out) + 1}"))
        for token, head, target, speaker in _charges(sent, coder):
            key = (sent.start_char, "ACCUSE", speaker.country, target.country)
            if key in seen:
                continue
            seen.add(key)
            code = ontology.default_cameo("ACCUSE", None)
            out.append(_event(text, sent, token, head, target, speaker, "ACCUSE", code,
                              "asserted", ontology, f"{article_id}-v{len(out) + 1}"))
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


def _own_state(target: Actor, speaker: Actor) -> bool:
    """A state evaluated by its own government or official as a whole ("the costs we will
    impose on Russia for this needless act" read as the United States'): a misread owner,
    not a criticism (an official criticising a body of their own state names it: ELI,
    LEG, a predecessor)."""
    return target.country is not None and target.country == speaker.country and \
        target.sector is None and speaker.sector in ("GOV", "MIL")


# Nouns that name a charge someone makes: "North Korea's accusation that Seoul is ...".
_CHARGES = frozenset({"accusation", "allegation", "charge"})


def _charges(sent: SpacySpan, coder: Coder
             ) -> Iterator[tuple[Token, Token | None, Actor, Actor]]:
    """A charge noun with its owner and what it says ("Iran's allegation that Israel
    sabotaged the plant", "accusations by Kyiv that Moscow is ..."): the owner accuses the
    subject of the clause, wherever the noun sits (denied, dismissed or reported)."""
    for t in span_tokens(sent):
        if t.pos_ != "NOUN" or t.lemma_.lower() not in _CHARGES:
            continue
        owner = noun_agent(t)
        clause = next((c for c in children(t) if c.dep_ in ("acl", "ccomp")
                       and c.pos_ in ("VERB", "AUX")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in children(c))),
                      None)
        if owner is None or clause is None:
            continue
        subj = find_subject(clause)
        speaker = coder.actor(owner)
        target = coder.actor(subj) if subj is not None else None
        if speaker is None or target is None or not coded(speaker) or not coded(target) or (
                same_actor(speaker, target) or speaker.country == target.country):
            continue
        yield t, subj, target, speaker


def _obligations(sent: SpacySpan, scopes: Sequence[_Scope], coder: Coder,
                 quotes: Sequence[Quote] = ()) -> Iterator[tuple[Token, Token | None, Actor,
                                                                 Actor]]:
    """Obligations a speaker states in their own words ("Congress must step up and act",
    a quotation's "Seoul should respond"): the speaker demands it of the subject; a quoted
    turn's "you must / you have to" demands it of whom the turn answers. Not of themselves
    ("we must"), not negated, not passive."""
    for t in span_tokens(sent):
        if t.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in children(t)):
            continue
        if not deontic(t, aux_lemmas([t])):
            continue
        scope = next((s for s in scopes if s.start <= t.idx < s.end), None)
        subj = find_subject(t)
        if scope is None or subj is None or (subj.lower_ in SELF and subj.text != "US"):
            continue
        if subj.lower_ == "you":
            addressee = _addressee(quotes, scope) if scope.direct else None
            if addressee is not None and not same_actor(addressee, scope.speaker):
                yield t, None, addressee, scope.speaker
            continue
        target = coder.actor(subj)
        if target is None or not coded(target) or same_actor(target, scope.speaker) or (
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
    if span_text(sent).rstrip().rstrip("”\"'’").endswith("?"):
        return
    tokens = span_tokens(sent)
    for t in tokens:
        if t.pos_ != "VERB" or t.tag_ != "VB":
            continue
        lemma = t.lemma_.lower()
        if lemma in _DISCOURSE_VERBS and not (lemma == "say" and any(
                c.dep_ in ("dobj", "ccomp") for c in children(t))):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "neg")
               for c in children(t)):
            continue
        scope = next((s for s in scopes if s.start <= t.idx < s.end), None)
        if scope is None or not scope.direct:
            continue
        opening = [w for w in tokens if scope.start <= w.idx < t.idx]
        if any(not (w.is_punct or w.lower_ in _OPENERS) for w in opening):
            continue
        addressee = _addressee(quotes, scope)
        if addressee is not None and not same_actor(addressee, scope.speaker):
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
            author = found if found.id is not None and coded(found) else None
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
