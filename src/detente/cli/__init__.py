"""The ``detente`` command line (Typer): :mod:`detente.cli.main` is the app."""
