"""A built (open-table) alias never hides a hand-written person it contains."""

from __future__ import annotations

from detente.extract.actors.loader import load_actor_base
from detente.extract.actors.resolver import Resolver


def test_a_longer_built_alias_yields_to_the_hand_written_person_inside_it() -> None:
    resolver = Resolver(load_actor_base())
    text = "Russian President Vladimir Putin spoke on Friday."
    people = [e.ref for m in resolver.gazetteer.find(text) for e in m.entries
              if e.kind == "person"]
    assert people == ["vladimir-putin"]
