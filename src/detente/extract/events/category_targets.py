"""Whom an act is done to where its category says where to look: the addressee of a
request ("urged Russia to withdraw"), whom a threat's clause is about ("warning that Moscow
would face tariffs"), the country a launch flies over, the victim of an assault, and
whoever did what an act answers ("a drill in response to the launch").
:class:`detente.extract.events.stage.EventCoder` asks after the general target search.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from detente.extract.events.args import crosses_line, find_subject, noun_agent
from detente.extract.events.clauses import addressee, defender
from detente.extract.events.mood import REPORTING_NOUNS
from detente.extract.events.phrases import actorness, path_target
from detente.extract.events.targets import answer_target, speakers_side, victims
from detente.extract.tokens import children

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.extract.events.frames import Act
    from detente.extract.events.lexicon import Cues
    from detente.extract.events.ontology import Ontology

__all__ = ["category_target", "reproach"]


def category_target(act: Act, best: tuple[int, int, Token] | None, taken: set[int], cues: Cues,
                    spans: list[tuple[int, int]]) -> tuple[int, int, Token] | None:
    """The best target so far as (minus actorness, rank, token), replaced where the act's
    category names its target by other means."""
    nouns = cues.actor_noun
    if act.category == "REQUEST" and act.token.pos_ == "VERB":
        # "called on Iran to free the hostages", "urged Russia to withdraw": the one
        # asked is the addressee, not what the requested act is done to.
        asked = addressee(act.token)
        if asked is not None and asked.i not in taken and \
                actorness(asked, nouns, spans) > 0:
            best = (-actorness(asked, nouns, spans), 0, asked)
        elif asked is not None and asked.i not in taken and \
                (asked.dep_ in ("dobj", "dative", "iobj") or (
                    asked.dep_ == "pobj" and asked.head.lower_ in ("on", "upon"))) and \
                asked.lemma_.lower() not in cues.not_target and (
                    best is None or best[2] not in asked.subtree):
            # "urged fanatics to run over Westerners": those urged are asked, even
            # when no list names them as actors; the Westerners are not. (An actor
            # inside the addressee's phrase stays: "ordered the son of X to ...".)
            best = (0, 0, asked)
    if act.category == "ACCUSE" and act.mode == "investigate" and best is not None and \
            act.token.pos_ == "VERB" and act.token.lemma_.lower() in _INVESTIGATING:
        probed = _probed(act.token)
        doer = noun_agent(probed) if probed is not None else None
        if doer is not None and (doer.i in taken or actorness(doer, nouns, spans) == 0):
            doer = None
        if probed is not None and best[2] in probed.subtree and (
                doer is not None or best[2].i != probed.i):
            # "investigating (reports of) attacks on refugees": whoever did the attacks is
            # investigated, not the refugees; with no doer named, no one is ("Russian
            # interference": Russia).
            best = (-actorness(doer, nouns, spans), 0, doer) if doer is not None else None
    if act.category == "THREATEN" and best is None:
        # "warning that Moscow would face tariffs": whom the warned-of clause is about.
        clause = next((c for c in children(act.token) if c.dep_ == "ccomp"), None)
        about = find_subject(clause) if clause is not None else None
        if about is not None and clause is not None and speakers_side(about):
            # "warned: our air forces will exterminate the leadership of X": the
            # speaker's side acts; whom it acts on is threatened
            about = next((c for c in children(clause) if c.dep_ == "dobj"), None)
        if about is not None and about.i not in taken and \
                actorness(about, nouns, spans) > 0:
            best = (-actorness(about, nouns, spans), 0, about)
    if act.category == "MOBILIZE" and (best is None or best[0] == 0):
        # "fired a missile over Japan", "a missile which passed through Japan's
        # airspace": a launch's target is the country it flies over or toward.
        path = path_target(act.token, taken, nouns, cues.territory, spans)
        if path is not None:
            best = (-max(1, actorness(path, nouns, spans)), 0, path)
    if act.category == "MOBILIZE" and act.mode == "weapons" and (best is None or best[0] == 0):
        # "plans to develop a missile capable of hitting the U.S. mainland": the country a
        # weapon is built to reach is its target (real_dev GUIDELINES: "aimed at")
        aim = _aimed_at(act.target_tokens, taken, nouns, spans)
        if aim is not None:
            best = (-actorness(aim, nouns, spans), 0, aim)
    if act.category == "ASSAULT" and best is None and act.token.pos_ == "NOUN" and \
            noun_agent(act.token) is not None and \
            (victim := defender(act.token)) is not None and victim.i not in taken and \
            actorness(victim, nouns, spans) > 0:
        # "Ukraine defends itself from Russian aggression": the attack is on Ukraine.
        best = (-actorness(victim, nouns, spans), 0, victim)
    if act.category == "ASSAULT" and (best is None or best[0] == 0) and \
            (victim := victims(act.token, cues.casualty)) is not None and \
            victim.i not in taken and actorness(victim, nouns, spans) > 0:
        # "an assault left two soldiers dead", "were killed in an attack by X"
        best = (-actorness(victim, nouns, spans), 0, victim)
    if best is None or best[0] == 0:
        # "announced a drill in response to the launch": whoever did what it answers
        doer = answer_target(act.token, taken, nouns, spans)
        if doer is not None:
            best = (-actorness(doer, nouns, spans), 0, doer)
    return best


def _probed(verb: Token) -> Token | None:
    """The act an investigation verb takes as its object, through a report of it
    ("investigating reports of assaults": "assaults"); None when its object is no act noun
    with an argument of its own (an actor, "the cause")."""
    obj = next((c for c in children(verb) if c.dep_ in ("dobj", "nsubjpass")), None)
    for _ in range(2):
        if obj is None or obj.lemma_.lower() not in REPORTING_NOUNS:
            break
        obj = next((g for c in children(obj) if c.dep_ == "prep" and c.lower_ == "of"
                    for g in children(c) if g.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN":
        return None
    has_args = any(c.dep_ == "prep" and c.lower_ in ("on", "against", "upon", "of", "by")
                   for c in children(obj)) or noun_agent(obj) is not None
    return obj if has_args else None


_REACH = frozenset({"hit", "reach", "strike", "target"})
# Verbs whose object is what is looked into ("investigating the attacks on refugees"); not
# "ordered an investigation against X", whose X is investigated.
_INVESTIGATING = frozenset({"investigate", "probe", "examine"})


def _aimed_at(tokens: list[Token], taken: set[int], nouns: frozenset[str],
              spans: list[tuple[int, int]]) -> Token | None:
    """Whom a weapon an act names is said to be able to reach ("a missile capable of
    hitting the U.S. mainland", "rockets that can reach Guam"), or None."""
    for token in tokens:
        for d in token.subtree:
            if d.lemma_.lower() not in _REACH or d.pos_ != "VERB" or d.i in taken:
                continue
            able = (d.dep_ == "pcomp" and d.head.head.lemma_.lower() == "capable") or any(
                c.dep_ == "aux" and c.lower_ in ("can", "could") for c in children(d))
            if not able:
                continue
            for c in children(d):
                if c.dep_ == "dobj" and c.i not in taken:
                    aim = c
                    # "the U.S. mainland": the country that owns it
                    aim = next((g for g in children(c) if g.dep_ == "compound" and
                                actorness(g, nouns, spans) > 0), aim)
                    if actorness(aim, nouns, spans) > 0:
                        return aim
    return None


def reproach(act: Act, nouns: frozenset[str], spans: list[tuple[int, int]],
             ontology: Ontology) -> tuple[Act, Token, Token] | None:
    """A figurative attack or threat that a named speaker ascribes to an actor ("Park said
    the North's actions damaged peace"): an evaluative claim, which the real_dev GUIDELINES
    code as the speaker's ACCUSE of that actor. (The act, its source and its target.)"""
    if act.speaker is None or act.negated or act.modality != "asserted":
        return None
    doer = find_subject(act.arg_token)
    if doer is not None and actorness(doer, nouns, spans) == 0:
        doer = noun_agent(doer)  # "the North's actions": the North
    if doer is None or actorness(doer, nouns, spans) == 0 or doer.i == act.speaker.i or \
            doer.lower_ in ("i", "we", "me", "us", "our", "my") or \
            crosses_line(doer, act.token):
        return None
    # The words are the act: its trigger is the verb that says them ("said"), where the
    # speaker spoke, not where the figurative attack is set ("damaged peace on the
    # peninsula").
    verb = act.speaker.head if act.speaker.dep_ == "nsubj" and \
        act.speaker.head.pos_ == "VERB" else act.token
    said = dataclasses.replace(act, token=verb, category="ACCUSE", mode="disapprove",
                               cameo=ontology.default_cameo("ACCUSE", "disapprove"))
    return said, act.speaker, doer
