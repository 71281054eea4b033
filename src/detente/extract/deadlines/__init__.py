"""Deadlines and ultimatums: the ``deadlines`` stage."""
