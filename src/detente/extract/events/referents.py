"""What a pronoun argument of an event stands for, from the actor mentions around it.

"We urge them to vote" after a sentence about parliament: "them" is parliament. "We will
protect our borders": the borders are the source's own, not whom the act is done to. Functions
here take spaCy tokens and the actors stage's mentions; they know nothing of categories.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.extract.events.args import find_subject, noun_agent, reporter_of_passive
from detente.extract.events.clauses import antecedent, has_country
from detente.extract.events.frames import Act
from detente.extract.events.phrases import actorness
from detente.extract.tokens import children, sentence
from detente.model import Actor, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["COOPERATIVE", "NOT_SPEAKER", "OBJECT_PRONOUNS", "OWN_ACT_REPORTERS", "by_reporter",
           "described_state", "from_giver", "group_antecedent", "in_direct_quote",
           "modifying_group", "own_reference", "possessor_person", "relational",
           "reported_target"]

# Object pronouns that stand for a state, a body or a group named before ("urge them",
# "annexed it"); "he"/"she" go to a person (see clauses.antecedent).
OBJECT_PRONOUNS = frozenset({"them", "it"})
# Categories whose act noun's "from" object is where, not who ("withdrawal from", "rockets
# fired from", "a launch from the coast").
_FROM_PLACE = frozenset({"RETREAT", "MOBILIZE", "ASSAULT"})
_PERSONAL = frozenset({"he", "she", "him", "her", "i", "we", "you", "me", "us", "it", "they",
                       "them"})
# Nouns that name another party through its relation to the owner: "our partners" are not
# "we".
_RELATIONAL = frozenset({"partner", "ally", "counterpart", "neighbor", "neighbour", "friend",
                         "enemy", "adversary", "rival", "opponent", "successor",
                         "predecessor"})


def _coded(mention: Mention) -> bool:
    return bool(mention.actor.country) or (mention.actor.code or "").startswith("IGO")


def group_antecedent(pron: Token, mentions: Sequence[Mention], *,
                     avoid: str | None = None) -> Mention | None:
    """The coded actor an object "them"/"it" most likely stands for: the nearest mention of
    a state, body or group (not a person, not a pronoun) before it in this sentence or the
    one before, other than the subject of its clause and other than an actor coded
    ``avoid`` (the event's source: "Trade unions urged them" is not the unions)."""
    doc = pron.doc
    sent = sentence(pron)
    first = sentence(doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char
    verb = pron.head.head if pron.dep_ == "pobj" and pron.head.dep_ == "prep" else pron.head
    subject = {t.idx for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i}
    starts: list[int] | None = None  # each token's character offset, made when first needed
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        if m.end > pron.idx or m.start < first or not _coded(m):
            continue
        if avoid is not None and m.actor.code == avoid:
            continue
        if starts is None:
            starts = doc.to_array("IDX").tolist()
        k = bisect.bisect_left(starts, m.start)  # the first token at or after the mention
        tok = doc[k] if k < len(starts) else None
        if tok is None or tok.ent_type_ == "PERSON" or m.text.lower() in _PERSONAL:
            continue
        if any(m.start <= i < m.end for i in subject):
            continue
        return m
    return None


def relational(head: Token) -> bool:
    """A noun naming another party through its relation to its owner ("the North's allies",
    "Russia's partners"): never the owner itself."""
    return head.lemma_.lower() in _RELATIONAL


def own_reference(head: Token) -> bool:
    """Whether an argument is a personal pronoun ("me", "it") or a thing a possessive
    pronoun gives an owner ("our borders", "its people"): when it resolves to the event's
    own source, the source acts on itself or its own, which is no event between actors."""
    if head.pos_ == "PRON" and head.lower_ in _PERSONAL:
        return True
    if head.lemma_.lower() in _RELATIONAL:
        return False
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in children(head))


def from_giver(noun: Token, category: str, actor_nouns: frozenset[str],
               spans: list[tuple[int, int]]) -> Token | None:
    """The "from" object of a verbal or relational act noun, who the act comes from
    ("threats from Ankara", "an offer from the rebels", "pressure from Washington"), when it
    names an actor; not for movements and attacks, whose "from" is a place ("withdrawal
    from Afghanistan", "rockets from Gaza")."""
    if noun.pos_ != "NOUN" or category in _FROM_PLACE or noun_agent(noun) is not None:
        return None
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("dobj", "dative") or (head.dep_ == "pobj" and head.head.lower_ in (
            "to", "for")):
        # "faces criticism from", "refused to respond to a request from", "conceded to
        # demands from": the clause's verb says who does what with the act (the events
        # stage's recipient rule); PLV dev codes the clause's act (source match 0.8714 when
        # these take the "from" object too, 0.8724 without).
        return None
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ == "from":
            obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ != "PRON" and \
                    actorness(obj, actor_nouns, spans) > 0:
                return obj
    return None


_OPEN_QUOTES = ("\u201c", "\u00ab")
_CLOSE_QUOTES = ("\u201d", "\u00bb")


def in_direct_quote(token: Token) -> bool:
    """Whether a token stands inside quotation marks opened earlier in its sentence (or
    before it, for a quote running over several sentences): the words of someone quoted,
    where "he" is never the speaker himself ("\u201cHe will shoot them down,\u201d Trump
    said")."""
    doc = token.doc
    start = sentence(token).start
    if start > 0:
        start = sentence(doc[start - 1]).start  # a quote opened in the sentence before
    depth = 0
    straight = 0
    for t in doc[start:token.i]:
        if t.text in _OPEN_QUOTES:
            depth += 1
        elif t.text in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight += 1
    return depth > 0 or straight % 2 == 1


def possessor_person(head: Token) -> Token | None:
    """The person a "his"/"her" before ``head`` stands for ("her office", "his
    government": the person named last, as for "he"/"she"), outside quotation marks (in
    someone's words "his" may be anyone); None when it cannot tell."""
    poss = next((c for c in children(head) if c.dep_ == "poss" and c.tag_ == "PRP$"
                 and c.lower_ in ("his", "her")), None)
    if poss is None or in_direct_quote(poss):
        return None
    return antecedent(poss)


def modifying_group(head: Token, own: Mention, inside: Sequence[Mention]) -> Mention | None:
    """The organisation a countryless agent noun's modifier names ("a Taliban suicide
    bomber": the Taliban), when the noun's own mention has no country: a mention with a
    country and a sector whose last word modifies the noun (compound)."""
    if own.actor.country is not None or own.actor.code in ("IGO", "NGO"):
        return None
    doc = head.doc
    for m in inside:
        if m is own or m.end > head.idx or not (m.actor.country and m.actor.sector):
            continue
        tok = doc[head.i]
        last = next((t for t in doc[:head.i] if t.idx < m.end <= t.idx + len(t.text)), None)
        while last is not None and last.dep_ == "compound" and last.head.i != last.i:
            if last.head.i == tok.i:
                return m
            last = last.head
    return None


def reported_target(act: Act, source: Actor, prior: Sequence[Event]) -> Actor | None:
    """Whom an act named with "the" ("the attack") and no one on its receiving end was done
    to: the target of the latest earlier event of its category in this or the two sentences
    before, when that target is of another country than the source."""
    noun = act.token
    if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                      for c in children(noun)):
        return None
    start = sentence(noun).start
    for _ in range(2):
        if start == 0:
            break
        start = sentence(noun.doc[start - 1]).start
    window_start = noun.doc[start].idx
    for ev in reversed(prior):
        if ev.evidence.start < window_start:
            break
        if ev.category == act.category and ev.target is not None and \
                has_country(ev.target) and ev.target.country != source.country:
            return ev.target
    return None


# Heads of a phrase that describes a state without naming it ("the isolated country", "the
# communist regime", "the hermit kingdom"); the state (the country itself) or its
# government. "government", "leadership" and "state" only with a describing word: bare, they
# are as often the article's own home government or one of the US states.
_DESCRIBED_STATE = {"country": "", "nation": "", "kingdom": "", "regime": "GOV",
                    "state": "", "government": "GOV", "leadership": "GOV"}
_NEEDS_MODIFIER = frozenset({"state", "government", "leadership"})
# Actors of a country that do not speak or act for its state (a news agency, a company).
_NOT_STATES = frozenset({"JRN", "BUS", "MED", "EDU"})
# The roles in which a state named before is the one a description points back to, over
# one named in a prepositional phrase or as a modifier ("fired a missile over Japan").
_CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "ROOT", "appos", "dative"})
# Describing words that point elsewhere than to a state named before: "another country",
# "the host nation", "the home country" (the speaker's), "a third country".
_NOT_ANAPHORIC = frozenset({"other", "another", "own", "host", "home", "third", "neighboring",
                            "neighbouring", "foreign", "member", "new", "next", "first",
                            "same", "whole", "entire", "world", "western", "free", "sovereign",
                            "independent", "single", "only", "last", "previous",
                            "current", "federal", "local", "national", "central",
                            "provincial", "interim", "transitional", "coalition", "incoming",
                            "outgoing", "future", "present", "former"})

# Words of a region that describe one of its states without naming it ("the Asian country",
# "the Gulf kingdom", "the Baltic nation").
_REGION_WORDS = frozenset({"asian", "african", "european", "arab", "gulf", "baltic", "balkan",
                           "nordic", "caribbean", "pacific", "latin", "scandinavian"})


def _role(m: Mention, doc: Doc) -> str | None:
    """How a mention that names its actor (a name, a demonym) stands in its clause: "core"
    (a subject, an object, a possessor), "other" (a prepositional object, a modifier), or
    None for a generic mention whose state came from context ("the regime", "police")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "PERSON",
                                                                    "ORG") for t in span):
        return None
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Egypt and Sudan signed": both are subjects
    return "core" if root.dep_ in _CORE_DEPS else "other"


def _window_start(token: Token, before: int) -> int:
    """Character offset of the start of ``token``'s sentence or of up to ``before``
    sentences before it."""
    doc = token.doc
    start = sentence(token).start
    for _ in range(before):
        if start == 0:
            break
        start = sentence(doc[start - 1]).start
    return doc[start].idx


def _only_state(token: Token, mentions: Sequence[Mention], first: int,
                avoid: str | None, *, by_role: bool = True) -> str | None:
    """The one state that mentions naming an actor of a state put between ``first`` and
    ``token``, other than ``avoid``: the only one, or (``by_role``) the only one named as a
    subject, an object or a possessor ("North Korea's launch over Japan ... the country" is
    North Korea); None when there is none or the choice is ambiguous (precision first)."""
    roles: dict[str, set[str]] = {}
    for m in mentions:
        if first <= m.start and m.end <= token.idx and m.actor.country and \
                m.actor.country != avoid and m.actor.sector not in _NOT_STATES and \
                not (m.text.isupper() and len(m.text) > 3):  # nor a dateline's "SEOUL"
            role = _role(m, token.doc)
            if role is not None:
                roles.setdefault(m.actor.country, set()).add(role)
    if len(roles) > 1 and by_role:
        roles = {c: r for c, r in roles.items() if "core" in r}
    return next(iter(roles)) if len(roles) == 1 else None


def described_state(head: Token, mentions: Sequence[Mention],
                    source_country: str | None) -> Actor | None:
    """The state a definite phrase that describes one without a name stands for ("the
    isolated country", "the communist regime", "the hermit kingdom", "this nation"): the
    one state other than the event's source named in its sentence or the two before; and
    the state a possessive "its"/"their" gives a country ("flew over their country"): the
    one state named in its sentence or the one before. None when the phrase names a state
    itself, or no state or more than one fits."""
    if head.tag_ != "NN" or head.lemma_.lower() not in _DESCRIBED_STATE:
        return None
    lemma = head.lemma_.lower()
    det = next((c for c in children(head) if c.dep_ in ("det", "poss")), None)
    if det is None:
        return None
    described = False
    for c in children(head):
        if c.i == det.i or c.dep_ in ("punct", "case"):
            continue  # (the "'s" of "the regime's actions")
        if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN", "VERB", "PROPN") and \
                (c.text.islower() or c.lower_ in _REGION_WORDS) and \
                c.lower_ not in _NOT_ANAPHORIC and not list(children(c)):
            if c.i > head.i:
                return None
            described = True
            continue
        if c.dep_ in ("relcl", "acl") and c.i > head.i:
            continue  # "the country that launched the missile"
        return None  # a name, a number, an "of" phrase, an apposition: said elsewhere
    if det.dep_ == "poss":
        if det.lower_ not in ("its", "their") or lemma not in ("country", "nation"):
            return None
        # (no choice by role: "North Korea fired a missile, sending people in Japan to take
        # cover as it flew over their country" is Japan's)
        state = _only_state(det, mentions, _window_start(head, 1), None, by_role=False)
    else:
        if det.lower_ not in ("the", "this") or (lemma in _NEEDS_MODIFIER and not described):
            return None
        if head.dep_ in ("nsubj", "nsubjpass") and source_country is not None and any(
                sentence(head).start_char <= m.start < head.idx and
                m.actor.country == source_country for m in mentions):
            # "North Korea's news agency promised that the country would ...": the subject
            # of a clause its own state's voice reports is that state.
            return None
        state = _only_state(head, mentions, _window_start(head, 2), source_country)
    if state is None:
        return None
    sector = _DESCRIBED_STATE[lemma] or None
    return Actor(text=head.text, code=f"{state}{sector or ''}", country=state, sector=sector)


# Pronouns that point at a thing or a state of affairs, never at whoever speaks.
NOT_SPEAKER = frozenset({"this", "that", "these", "those", "which", "what", "there",
                         "something", "nothing", "everything", "anything"})
# Cooperation, which a state does not extend to itself.
COOPERATIVE = frozenset({"AGREE", "SUPPORT", "AID", "COOPERATE", "CONSULT", "CONCEDE",
                         "RETREAT"})
# Who may stand for the unnamed doer of a passive act they report: a state, its
# bodies, an organisation of states, an armed group.
OWN_ACT_REPORTERS = frozenset({None, "GOV", "MIL", "COP", "JUD", "SPY", "LEG", "IGO", "REB",
                               "PRM"})


def by_reporter(act: Act, source: Token) -> bool:
    """Whether ``source`` is who reports the act's agentless passive, not its doer."""
    arg = act.arg_token
    passive = arg.head if arg.dep_ == "nsubjpass" else arg
    return find_subject(arg) is None and getattr(reporter_of_passive(passive), "i", None) == \
        source.i
