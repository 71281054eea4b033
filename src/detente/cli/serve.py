"""``detente serve``: the HTTP API and dashboard over a store, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli.options import DbOpt, db_path, err

__all__ = ["register", "serve"]


def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", min=1, max=65535,
                                            help="Port to listen on.")] = 8000,
          ) -> None:
    """Serve the API (/api/v1, documented at /openapi.json) and the dashboard (/).

    The server owns the database while it runs. POST /api/v1/articles is enabled only when
    DETENTE_API_TOKEN is set. Example: detente serve --db demo.duckdb --port 8000
    """
    import uvicorn

    from detente.api.app import create_app

    app = create_app(db_path(db))
    err.print(f"detente: dashboard at http://{host}:{port}/  (Ctrl-C to stop)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``detente serve`` to ``app``."""
    app.command("serve")(serve)
