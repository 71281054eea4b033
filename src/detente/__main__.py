"""``python -m detente``: the same as the ``detente`` console script."""

from detente.serve.cli import main

main()
