"""``detente serve``: the HTTP API and dashboard over a store, with uvicorn."""

from __future__ import annotations

import errno
from typing import Annotated

import typer

from detente.api.prebuild import PrebuildOptions
from detente.cli.options import DbOpt, db_path, err
from detente.errors import UsageError

__all__ = ["check_port_free", "register", "serve"]

_DEFAULTS = PrebuildOptions()


def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", min=1, max=65535,
                                            help="Port to listen on.")] = 8000,
          prebuild_seconds: Annotated[float, typer.Option(
              "--prebuild-seconds", min=0,
              help="Seconds start-up may spend building the histories of the densest dyads "
                   "before the server accepts requests (0: none).")] = _DEFAULTS.seconds,
          prebuild_min_events: Annotated[int, typer.Option(
              "--prebuild-min-events", min=1,
              help="Build at start-up only the histories of dyads with at least this many "
                   "(de-duplicated) events.")] = _DEFAULTS.min_events,
          prebuild_max_dyads: Annotated[int, typer.Option(
              "--prebuild-max-dyads", min=0,
              help="At most this many dyads' histories built at start-up and kept (about "
                   "2.5 MB each for ten years of events).")] = _DEFAULTS.max_dyads,
          ) -> None:
    """Serve the API (/api/v1, documented at /openapi.json) and the dashboard (/).

    Without DETENTE_API_TOKEN the store is opened read-only: read commands can run beside
    the server. With it, POST /api/v1/articles is enabled and the server holds the store
    alone. Example: detente serve --db demo.duckdb --port 8000
    """
    import uvicorn

    from detente.api.app import create_app

    check_port_free(host, port)
    from detente.api.state import ServeOptions

    options = ServeOptions(prebuild=PrebuildOptions(
        seconds=prebuild_seconds, min_events=prebuild_min_events, max_dyads=prebuild_max_dyads))

    def announce(line: str) -> None:
        err.print(line, highlight=False)
        err.print(f"detente: dashboard at http://{host}:{port}/  (Ctrl-C to stop)",
                  highlight=False)

    app = create_app(db_path(db), options=options, announce=announce)
    err.print("detente: starting (building the in-memory indexes and histories)",
              highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def check_port_free(host: str, port: int) -> None:
    """A :class:`UsageError` when ``host:port`` cannot be listened on (in use, or not an
    address of this machine), before anything is printed or opened."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        # As uvicorn binds: SO_REUSEADDR, so a port in TIME_WAIT is not reported busy.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is already in use; stop what "
                                 f"holds it or pick another with --port") from None
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def register(app: typer.Typer) -> None:
    """Add ``detente serve`` to ``app``."""
    app.command("serve")(serve)
