"""Who did it and to whom: the source and target arguments of a predicate in a spaCy parse.

Functions here take spaCy tokens and return tokens or character spans. They know English
syntax, not actors: which tokens name an actor is decided by
:func:`detente.extract.events.phrases.actorness` from the NER labels, the actor mentions of
the actors stage (passed in as character spans) and the actor nouns in ``cues.tsv``; the
extent of an argument's phrase is in :mod:`detente.extract.events.phrases` too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from detente.extract.events.groups import group_members
from detente.extract.fronted import fronted_subject
from detente.extract.nlp import doc_text
from detente.extract.tokens import children, doc_tokens, sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "ACTOR_ENTS",
    "NOT_ACTOR_ENTS",
    "child",
    "crosses_line",
    "each_other",
    "find_subject",
    "group_members",
    "is_dash",
    "is_dateline",
    "is_passive",
    "issuer",
    "noun_agent",
    "pobj",
    "reporter_of_passive",
    "target_candidates",
]

_SUBJ = ("nsubj", "csubj")
ACTOR_ENTS = ("GPE", "NORP", "ORG", "PERSON")
# Entity types that are never an actor ("on Friday", "for 50 days", "by 20 percent").
NOT_ACTOR_ENTS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
# Prepositions that introduce the target of an act, most telling first.
_TARGET_PREPS = ("against", "on", "upon", "with", "to", "toward", "towards", "at", "into",
                 "from", "for", "between", "of", "over", "in", "about", "among", "near",
                 "off", "along", "across")
# Documents through which their authors act ("a statement by X urged", "UN resolutions
# ban"): the subject is the author.
_DOCUMENTS = frozenset({"statement", "resolution", "report", "letter", "communique",
                        "communiqué", "declaration", "decree", "order", "ruling", "verdict",
                        "bill", "law", "motion", "petition", "memo", "editorial", "note",
                        "appeal", "message", "post", "tweet"})
# Verbs whose object is made to act by the subject ("let North Korea develop").
_CAUSATIVE = frozenset({"let", "allow", "permit", "force", "make", "help"})
# Prepositions by which a verb addresses the act its object names ("issued a warning to").
_ADDRESS_PREPS = ("to", "against", "at", "toward", "towards", "on", "upon")
# Prepositions through which a thing names whom it concerns ("sanctions against X").
_NESTED_PREPS = ("against", "on", "of", "upon", "toward", "towards", "for", "with", "to")
# Verbs whose subject undergoes what their object names ("Tunisia has faced attacks"): a
# participle after them ("..., killing dozens") is said of the object, not the subject.
_UNDERGO = frozenset({"face", "suffer", "endure", "undergo", "sustain", "experience",
                      "witness", "weather"})
# Prepositions whose object may be the subject of an "-ing" verb after it ("despite Russia
# denouncing", "with China condemning").
_GERUND_PREPS = frozenset({"despite", "with", "without", "amid", "after", "before"})
# Entity types of places, and prepositions that put something at a place ("an attack in
# Nice", "the talks at Camp David"): where, not who.
_PLACE_ENTS = ("GPE", "LOC", "FAC")
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around"})
# Adverbs of approach whose "to" object is where a movement goes ("closer to Russian waters").
_TOWARD = frozenset({"closer", "nearer", "close", "near", "further", "farther", "deeper"})
# Words whose subject or owner witnesses, undergoes or answers the act named by their object
# rather than doing it ("celebrated the massacre", "died in an attack", "woke up to news of
# the shooting", "a defiant response to warnings"): an act noun under one of them does not
# take the clause's subject as its doer.
_ONLOOKERS = frozenset({
    "celebrate", "cheer", "mourn", "commemorate", "witness", "watch", "hear", "survive",
    "die", "wake", "flee", "escape", "fear", "remember", "recall", "react", "respond",
    "reply", "news", "response", "reaction", "answer", "retaliation", "revenge",
    "aftermath", "victim", "survivor", "footage", "video", "anniversary",
    "memorial",
    # Causing a reaction: the subject provokes it, others react ("the raid triggered
    # protests", "the remarks sparked protests").
    "trigger", "spark", "prompt", "provoke", "fuel", "stoke"})


def is_dash(t: Token) -> bool:
    """A dash between phrases ("SEOUL -", "Kenya — Somalia"), not a hyphen in a word
    ("long-range")."""
    if t.text in ("--", "\u2014", "\u2013"):
        return True
    return t.text == "-" and bool(t.whitespace_) and t.i > 0 and \
        bool(doc_tokens(t.doc)[t.i - 1].whitespace_)


def is_dateline(token: Token) -> bool:
    """A dateline word such as "KABUL (Pajhwok) :", "BERLIN --" or, at the start of a
    line, "Riyadh –" / "Washington/Moscow –" opening a story."""
    sent = sentence(token)
    start = sent.start
    doc = doc_tokens(token.doc)
    if doc[start].text == "(":
        # a photo credit before the dateline: "(Jane Doe/AP) RAMALLAH, West Bank -"
        close = next((t.i for t in doc[start:min(start + 15, sent.end)]
                      if t.text == ")"), None)
        if close is not None and close < token.i:
            start = close + 1
    if len(token.text) < 3 or token.i - start > 5:
        return False
    if not token.text.isupper():
        # Title case only right at the start of a line and right before the dash: "Riyadh –"
        # in running text is a name, "Putin - who ..." is rare but must not count.
        line_start = sent.start_char == 0 or doc_text(token.doc)[sent.start_char - 1] == "\n"
        if not (token.text[:1].isupper() and line_start and token.i - sent.start <= 2):
            return False
        after = doc[token.i + 1: min(token.i + 3, sent.end)]
        return any(t.text in ("\u2014", "\u2013", "--") for t in after)
    after = doc[token.i + 1: min(token.i + 6, sent.end)]
    if any(t.text in ("--", ":", "-", "\u2014", "\u2013") for t in after):
        return True
    # "OFER PRISON, West Bank (Reuters) -": the place, its region and the agency; this far
    # only a spaced dash counts ("Secretary-General" has a hyphen).
    further = doc[token.i + 6: min(token.i + 9, sent.end)]
    return any(is_dash(t) for t in further)


def crosses_line(a: Token, b: Token) -> bool:
    """Whether a line break separates two tokens (a heading glued to the next sentence).
    Walks the tokens between them: ``Doc.text`` is rebuilt on every access."""
    lo, hi = (a, b) if a.i <= b.i else (b, a)
    return any("\n" in t.text_with_ws for t in doc_tokens(lo.doc)[lo.i:hi.i])


def _usable(subj: Token, pred: Token) -> Token | None:
    """``subj``, or when the parser took a dateline or a heading on another line for the
    subject, the actor in apposition to it ("Diplomacy\\nDespite ..., Witkoff, has ...")."""
    dateline = is_dateline(subj)
    if not dateline and not crosses_line(subj, pred) and not _bracketed(subj):
        return subj
    # The dateline's own country ("SEOUL, South Korea -- North Korea fired") ends at its dash.
    dash = next((t.i for t in doc_tokens(subj.doc)[subj.i + 1: sentence(subj).end]
                 if is_dash(t) or t.text == ":"), subj.i) if dateline else subj.i
    stack = [c for c in children(subj) if c.dep_ in ("appos", "conj")]
    while stack:
        c = stack.pop(0)
        if c.i <= dash:  # "THE HAGUE, Netherlands -- A prosecutor": past the dateline
            stack.extend(g for g in children(c) if g.dep_ in ("appos", "conj"))
        elif not is_dateline(c) and not crosses_line(c, pred) and not _bracketed(c):
            return c
    return None


def _author(subj: Token) -> Token:
    """Who speaks through a document that is the subject: "a joint statement by 100 groups
    urged" -> the groups; "UN Security Council resolutions ban" -> the Council. A floating
    "both" is the actors named right before it ("Trump and Rubio (R-Fla.) both urged").
    Any other subject is itself."""
    if subj.lower_ in ("both", "all") and subj.i > 0:
        return _before_quantifier(subj)
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in _DOCUMENTS:
        return subj
    for c in children(subj):
        if c.dep_ == "prep" and c.lower_ == "by":
            by = pobj(c)
            if by is not None:
                return by
    for c in children(subj):
        if c.dep_ in ("compound", "poss") and c.ent_type_ in ("ORG", "GPE", "NORP"):
            return c
    return subj


def issuer(document: Token) -> Token | None:
    """Who issued a document that acts with no author named ("the committee voted for a
    resolution that calls upon Israel to ...", "adopted a statement that condemns"): the
    subject of the verb whose object the document is; None for any other subject."""
    if document.pos_ != "NOUN" or document.lemma_.lower() not in _DOCUMENTS:
        return None
    verb = document.head
    if document.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif document.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB" or verb.i == document.i:
        return None
    return next((c for c in children(verb) if c.dep_ in _SUBJ), None)


def _before_quantifier(subj: Token) -> Token:
    """The noun phrase right before a floating quantifier ("A and B (R-Fla.) both"): the
    head of its coordination; ``subj`` itself when there is none."""
    doc = doc_tokens(subj.doc)
    i = subj.i - 1
    depth = 0
    while i >= sentence(subj).start:
        t = doc[i]
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif depth == 0:
            break
        i -= 1
    if i < sentence(subj).start or doc[i].pos_ not in ("PROPN", "NOUN"):
        return subj
    head = doc[i]
    while head.dep_ in ("conj", "compound", "flat") and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("PROPN", "NOUN") else subj


def _bracketed(token: Token) -> bool:
    """A word in brackets: the agency of a dateline ("SEOUL (Reuters) -", "(CNN)") or an
    aside, never who acts."""
    doc = doc_tokens(token.doc)
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and \
        doc[token.i + 1].text == ")"


def is_passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in children(token))


def child(token: Token, *deps: str) -> Token | None:
    for c in children(token):
        if c.dep_ in deps:
            return c
    return None


def pobj(prep: Token) -> Token | None:
    obj = child(prep, "pobj", "pcomp")
    if obj is not None and obj.dep_ == "pcomp" and obj.pos_ in ("VERB", "AUX"):
        # "cooperate with the United States and South Korea to respond", "called for
        # Russia to withdraw": the noun before the infinitive is the preposition's object
        subj = child(obj, "nsubj")
        if subj is not None and subj.pos_ in ("NOUN", "PROPN", "PRON") and subj.i < obj.i:
            return subj
    return obj


def _named(noun: Token) -> Token:
    """The name a description stands in apposition to ("Hamas, the militant group
    that claimed ...": Hamas), else the noun itself."""
    if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.i != noun.i and \
            noun.head.pos_ == "PROPN":
        return noun.head
    return noun


def _gerund_subject(verb: Token) -> Token | None:
    """The noun right before an "-ing" verb that a preposition governs ("despite Moscow and
    Beijing firmly denouncing the launch", "with Beijing condemning it"): the parser hangs
    the noun on the preposition and the verb on the clause, but the noun does the act, not
    the clause's subject. None for any other verb."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "pcomp", "conj"):
        return None
    doc = doc_tokens(verb.doc)
    i = verb.i - 1
    while i > sentence(verb).start and doc[i].pos_ in ("ADV", "CCONJ") and doc[i].head.i != i:
        i -= 1
    noun = doc[i]
    if noun.pos_ not in ("PROPN", "NOUN") or noun.dep_ == "compound":
        return None
    head = noun
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ not in _GERUND_PREPS:
        return None
    return head


def _relative_head(verb: Token) -> Token | None:
    """Who acts in a relative clause with no subject of its own but the relative pronoun:
    the noun it modifies, or the name that noun describes. A place a locative preposition
    attaches to a thing ("an attack in Nice, France, which killed dozens") only says where:
    "which" is the thing, whose own agent acts ("Russia's strike on Kharkiv, which killed")
    or no one known."""
    head = verb.head
    place = head
    while place.dep_ == "appos" and place.head.i != place.i:
        place = place.head
    pronoun = next((c for c in children(verb) if c.dep_ in _SUBJ), None)
    if place.ent_type_ in _PLACE_ENTS and place.dep_ == "pobj" and \
            place.head.lower_ in _LOCATIVE_PREPS and place.head.head.pos_ == "NOUN" and \
            place.head.head.ent_type_ not in ACTOR_ENTS and \
            (pronoun is None or pronoun.lower_ in ("which", "that")):
        return noun_agent(place.head.head)
    return _named(head)


def _agent(token: Token) -> Token | None:
    agent = child(token, "agent")
    obj = pobj(agent) if agent is not None else None
    if obj is not None and obj.ent_type_ in NOT_ACTOR_ENTS:
        return None  # "extended by three months", "cut by 20 percent": a measure, no agent
    return obj


def find_subject(token: Token, depth: int = 0) -> Token | None:
    """The token heading whoever performs the act ``token`` names, or None."""
    if depth > 6:
        return None
    if token.pos_ in ("VERB", "AUX"):
        if is_passive(token):
            agent = _agent(token)
            if agent is not None:
                return agent
            # "was arrested in Niger": with no agent, the state where it happened acts.
            for c in children(token):
                if c.dep_ == "prep" and c.lower_ == "in":
                    place = pobj(c)
                    if place is not None and place.ent_type_ == "GPE":
                        return place
            # With no agent, who acted is unknown: not whoever governs the clause ("X's
            # navy says a rocket was fired", "two villagers were killed, the spokesman
            # said": the reporter did not fire or kill).
            return None
        else:
            subjects = [c for c in children(token) if c.dep_ in _SUBJ
                        and c.tag_ not in ("WDT", "WP") and c.lower_ != "that"]
            # "(CNN) North Korean leader Kim Jong Un held out": not the bracketed agency.
            for subj in sorted(subjects, key=_bracketed):
                usable = _usable(subj, token)
                if usable is not None:
                    return _author(usable)
            if not subjects:
                fronted = fronted_subject(token)  # "While condemning X, Moscow continues"
                if fronted is not None:
                    return fronted
        gerund_subject = _gerund_subject(token)
        if gerund_subject is not None:
            return gerund_subject
        if token.dep_ == "relcl":
            return _relative_head(token)
        if token.dep_ in ("xcomp", "ccomp") and token.head.pos_ in ("VERB", "AUX"):
            controller = child(token.head, "dative", "iobj") or child(token.head, "dobj")
            if token.dep_ == "xcomp" and controller is not None:
                return controller  # object control: "urged Russia to withdraw"
            return find_subject(token.head, depth + 1)
        if token.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp") and token.head.i != token.i:
            if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
                # "a resolution condemning Moscow": the modified noun acts (a VBN participle
                # with no "by" agent has no known actor).
                return None if token.tag_ == "VBN" else token.head
            if token.dep_ == "pcomp":
                return find_subject(token.head.head, depth + 1)
            if token.dep_ == "advcl" and token.tag_ == "VBG" and \
                    token.head.lemma_.lower() in _UNDERGO:
                # "Tunisia has faced attacks, killing dozens": the attacks kill, not Tunisia
                obj = child(token.head, "dobj")
                return noun_agent(_named(obj)) if obj is not None else None
            if token.dep_ == "conj" and is_passive(token.head) and \
                    _agent(token.head) is None and not is_passive(token) and (
                        token.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have"
                                                   for c in children(token))):
                # "the president was briefed and has convened the council": the subject
                # the two verbs share acts in the active one (not in "were killed or
                # wounded", a participle sharing the passive).
                shared = child(token.head, "nsubjpass")
                usable = _usable(shared, token) if shared is not None and \
                    shared.tag_ not in ("WDT", "WP") else None
                if usable is not None:
                    return _author(usable)
            return find_subject(token.head, depth + 1)
        return None
    if token.pos_ == "ADJ":  # "willing to", "ready to": the subject of the copula
        return find_subject(token.head, depth + 1) if token.head.i != token.i else None
    # An event noun: "Russia's attack", "an attack by Russia", "Russian strikes".
    poss = child(token, "poss")
    if poss is not None and poss.lower_ not in ("its", "their", "his", "her"):
        return poss
    for c in children(token):
        if c.dep_ == "prep" and c.lower_ == "by":
            return pobj(c)
    for c in children(token):
        if c.dep_ in ("amod", "compound") and c.i < token.i and c.ent_type_ in ACTOR_ENTS:
            return c
    head = token.head
    if poss is not None:
        # "Russia launched its largest assault": "its" is the clause's subject.
        if head.i != token.i and token.dep_ in ("dobj", "attr", "oprd", "pobj", "conj"):
            owner = find_subject(head.head if token.dep_ == "pobj" and head.dep_ == "prep"
                                 else head, depth + 1)
            if owner is not None and owner.tag_ not in ("WDT", "WP", "PRP$"):
                return owner
        return poss
    if head.i == token.i:
        return None
    if token.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
        return None if head.lemma_.lower() in _ONLOOKERS else find_subject(head, depth + 1)
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        if head.head.lemma_.lower() in _ONLOOKERS:
            return None  # "died in a suicide attack", "a response to warnings"
        return find_subject(head.head, depth + 1)
    if token.dep_ in ("conj", "appos"):
        return find_subject(head, depth + 1)
    return None


def reporter_of_passive(token: Token) -> Token | None:
    """Who reports an agentless passive act ("two suspects were arrested, the police
    chief said"): the subject of the clause governing it, or None. Not the agent,
    which the text does not name; a caller decides when the reporter may stand for it."""
    if token.pos_ not in ("VERB", "AUX") or not is_passive(token) or _agent(token) is not None:
        return None
    if token.dep_ in ("ccomp", "conj", "xcomp", "advcl") and token.head.i != token.i:
        # "said that the curfew would be extended and troops deployed": through the
        # coordinated passive to the one who said it
        return reporter_of_passive(token.head) or find_subject(token.head)
    return None


def noun_agent(noun: Token) -> Token | None:
    """Who does the act an event noun names, from the noun phrase alone: its possessor
    ("Russia's attacks"), its "by" object ("the launch by North Korea") or an actor-naming
    modifier ("Russian strikes"). Unlike :func:`find_subject`, never the clause's subject."""
    for c in children(noun):
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our", "my"):
            return c
    for c in children(noun):
        if c.dep_ == "prep" and c.lower_ == "by":
            return pobj(c)
    for c in children(noun):
        if c.dep_ in ("amod", "compound") and c.i < noun.i and c.ent_type_ in ACTOR_ENTS:
            return c
    return None


def target_candidates(token: Token) -> Iterator[tuple[int, Token]]:
    """Possible targets of the act ``token`` names, as (rank, head token); lower rank first.

    Objects come first, then prepositional objects in the order of ``_TARGET_PREPS``, then
    the prepositional objects of the direct object ("imposed tariffs on China").
    """
    n = len(_TARGET_PREPS)
    objects: list[Token] = []
    for c in children(token):
        if (c.dep_ in ("dobj", "dative", "iobj") and c.pos_ != "ADP") or (
                c.dep_ == "nsubjpass" and _agent(token)):
            c = _relative_antecedent(c, token)
            objects.append(c)
            yield 0, c
        elif c.dep_ == "nsubjpass":
            c = _relative_antecedent(c, token)
            objects.append(c)
            yield 1, c
        elif c.dep_ in ("prep", "dative") and c.lower_ in _TARGET_PREPS:
            obj = pobj(c)
            if obj is not None:
                yield 2 + _TARGET_PREPS.index(c.lower_), obj
        elif c.dep_ == "prep" and c.lower_ == "by" and token.pos_ == "VERB" and \
                not is_passive(token):
            # "stand by Ukraine": an active verb's "by" object when it is a name, after
            # every other preposition (a passive's "by" is its agent; "spoke by phone",
            # "won by a wide margin" name no one)
            obj = pobj(c)
            if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in ACTOR_ENTS):
                yield 2 + n, obj
    if token.dep_ == "conj" and token.pos_ == "NOUN" and token.head.pos_ == "NOUN":
        # "before his lunch and talks with Abe": a phrase after the last conjunct that the
        # parse hung on the first is shared by both
        for c in children(token.head):
            if c.dep_ == "prep" and c.i > token.i and c.lower_ in _TARGET_PREPS:
                obj = pobj(c)
                if obj is not None:
                    yield 2 + _TARGET_PREPS.index(c.lower_), obj
    for c in children(token):
        # "repositioned closer to Russian waters", "moved nearer to the border"
        if c.dep_ in ("advmod", "acomp", "npadvmod") and c.lower_ in _TOWARD:
            for p in children(c):
                if p.dep_ == "prep" and p.lower_ in ("to", "toward", "towards", "into"):
                    obj = pobj(p)
                    if obj is not None:
                        yield 2 + _TARGET_PREPS.index(p.lower_), obj
    if not objects and token.pos_ == "VERB":
        # "seized and inspected a vessel", "denounce and punish X": coordinated verbs with
        # one subject share the object the last of them takes.
        for c in children(token):
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > token.i and \
                    child(c, *_SUBJ, "nsubjpass") is None:
                shared = child(c, "dobj")
                if shared is not None:
                    objects.append(shared)
                    yield 1, shared
                break
    if token.dep_ == "relcl" and not objects and token.head.pos_ in ("NOUN", "PROPN"):
        yield 0, token.head  # "conditions Kyiv has rejected"
    for c in children(token):
        if (c.dep_ == "ccomp" and c.i > token.i) or (
                c.dep_ == "xcomp" and c.lemma_.lower() in _CAUSATIVE):
            # "warned that North Korea would pay", "vowed not to let North Korea develop":
            # whom the content clause is about (not a clause before the verb: "The plan
            # was large: we must stand by Ukraine")
            inner = c
            if c.dep_ == "xcomp":
                inner = next((g for g in children(c) if g.dep_ in ("ccomp", "dobj")), c)
            subj = next((g for g in children(inner) if g.dep_ in ("nsubj", "nsubjpass")),
                        None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
                yield 3 + 2 * n, subj
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.pos_ == "VERB":
        # "ratcheted up his warnings to the US": the verb carries the act noun's addressee
        for c in children(token.head):
            if c.dep_ in ("prep", "dative") and c.lower_ in _ADDRESS_PREPS:
                obj = pobj(c)
                if obj is not None:
                    yield 2 + _TARGET_PREPS.index(c.lower_), obj
    if token.pos_ in ("NOUN", "PROPN"):
        for c in children(token):
            if c.dep_ == "compound" and c.ent_type_ in ACTOR_ENTS:
                yield 2 + n, c  # "Russia sanctions" names the target more often than not
    for obj in objects:
        for c in children(obj):
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                g = pobj(c)
                if g is not None:
                    yield 3 + n + _TARGET_PREPS.index(c.lower_), g
    # Deeper: whom a thing the act is about belongs to or is aimed at ("supported Ukraine's
    # efforts", "backed the latest round of sanctions against Pyongyang", "called for
    # sanctions on Russia"). Ranked last: a nearer actor always wins.
    nested = [*objects, *(g for c in children(token) if c.dep_ == "prep"
                          and c.lower_ in _TARGET_PREPS for g in [pobj(c)] if g is not None)]
    for obj in nested:
        yield from _nested_targets(obj, 4 + 2 * n, owner=obj in objects)


def _relative_antecedent(arg: Token, verb: Token) -> Token:
    """The noun a relative pronoun argument stands for: "schoolgirls that were kidnapped",
    "the territory that Russia seized" -> the schoolgirls, the territory."""
    if arg.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    return arg


def _nested_targets(obj: Token, rank: int, depth: int = 0, *,
                    owner: bool = True) -> Iterator[tuple[int, Token]]:
    """The possessor of a thing and the objects of its "of"/"against"/"on"... phrases, two
    levels down (not where it is: "in", "at", "near"). Yields (rank, head). Not into a noun
    that lists its members ("Russia's trade partners, including India"): those are meant.
    The possessor only of a direct object (``owner``): "insist on Ukraine's neutrality"
    keeps the demand itself."""
    if any(c.dep_ == "prep" and c.lower_ in ("including", "like") for c in children(obj)):
        return
    for c in children(obj):
        if c.dep_ == "poss" and c.tag_ != "PRP$" and owner:
            yield rank, c
        elif c.dep_ == "acl" and c.tag_ in ("VBN", "VBG"):
            # "resolutions adopted ... on the DPRK", "measures aimed at Moscow", "rules
            # pertaining to Iran": the participle's phrase says whom the thing concerns
            for p in children(c):
                g = pobj(p) if p.dep_ == "prep" and p.lower_ in (*_NESTED_PREPS, "at") \
                    else None
                if g is not None:
                    yield rank + 1 + depth, g
        elif c.dep_ == "prep" and c.lower_ in _NESTED_PREPS:
            g = pobj(c)
            if g is None:
                continue
            yield rank + 1 + depth, g
            if depth < 1:
                yield from _nested_targets(g, rank, depth + 1)


def each_other(token: Token) -> bool:
    """Whether the act is done to "each other" / "one another" (its object, or the object
    of one of its prepositions): the coordinated subjects act on one another."""
    for c in children(token):
        obj = pobj(c) if c.dep_ == "prep" else c
        if obj is None or obj.dep_ not in ("dobj", "pobj"):
            continue
        words = {obj.lower_, *(g.lower_ for g in children(obj))}
        if words >= {"each", "other"} or words >= {"one", "another"}:
            return True
    return False
