"""detente: turn news into an evidence-backed record of how states and leaders treat each other."""

from detente.model import SCHEMA, Actor, Article, Record

__all__ = ["SCHEMA", "Actor", "Article", "Record", "__version__"]
__version__ = "0.1.0"
