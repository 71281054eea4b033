"""The dashboard: one HTML page at ``/`` and the static files it loads from ``/static``.

Everything it shows comes from the ``/api/v1`` routes; the relations chart is drawn by uPlot
and ``/docs`` by Swagger UI, both vendored in ``static/vendor/`` (no CDN, nothing fetched from
outside the server). Data is only
ever put into the page as text nodes, never parsed as HTML.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["STATIC", "mount_static", "router"]

STATIC = Path(__file__).resolve().parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    """The dashboard page."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


@router.get("/docs")
def docs() -> FileResponse:
    """Swagger UI over ``/openapi.json``, from the vendored copy in ``static/vendor/``."""
    return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})


def mount_static(app: FastAPI) -> None:
    """Serve ``static/`` (scripts, styles) under ``/static``."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
