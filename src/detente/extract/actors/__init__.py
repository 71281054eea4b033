"""Actors: the knowledge base, resolving strings to actors, and the ``actors`` stage."""
