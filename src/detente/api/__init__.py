"""The HTTP API (FastAPI) and the dashboard: :func:`detente.api.app.create_app`."""
