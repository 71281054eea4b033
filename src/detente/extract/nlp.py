"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from detente.errors import ModelError

__all__ = ["load_nlp"]


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    """The spaCy ``Language`` for ``model``, loaded once per process. Never downloads."""
    try:
        import spacy

        return spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed. Install it with "
            "`pip install --no-deps --require-hashes -r requirements/model.txt` "
            "or set DETENTE_SPACY_MODEL to an installed model."
        ) from exc
