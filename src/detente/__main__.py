"""``python -m detente``: the same as the ``detente`` console script."""

from detente.cli.main import main

if __name__ == "__main__":
    main()
