"""``python -m detente``: the same as the ``detente`` console script.

The command line is imported only when run: extraction's spawned worker processes import
this module as their main one, and must not load the CLI's imports (DuckDB, pyarrow, rich).
"""

if __name__ == "__main__":
    from detente.cli.entry import main

    main()
