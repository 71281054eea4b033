"""Every error detente raises, under one base class.

    DetenteError
    ├── UsageError          bad option or argument; the CLI exits 2
    │   └── StoreMissingError   a read command names a store that does not exist
    ├── DataFileError       a knowledge-base file (YAML/TSV) is malformed; names file and line
    ├── IngestError         one input could not be turned into an article; names the input
    │   ├── UnsafeURLError  a URL points at a private, loopback or link-local address
    │   └── SkippedInput    a file in a folder that is not an article (README, LICENSE, .csv)
    ├── PipelineError       extraction stages are in the wrong order or missing a layer
    ├── ModelError          the spaCy model is not installed or cannot be loaded
    └── StoreError          the DuckDB file cannot be opened or migrated
        └── StoreLockedError    another process holds the store; the CLI exits 75

Errors are translated only at the edges: the CLI prints ``Error: ...`` and exits non-zero,
the API returns one JSON error shape, a batch records per-article failures.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "DetenteError",
    "IngestError",
    "ModelError",
    "PipelineError",
    "SkippedInput",
    "StoreError",
    "StoreLockedError",
    "StoreMissingError",
    "UnsafeURLError",
    "UsageError",
]


class DetenteError(Exception):
    """Base class of every error detente raises on purpose."""


class UsageError(DetenteError):
    """A bad option or argument given by the user."""


class DataFileError(DetenteError):
    """A malformed entry in a data file, with the file and line that hold it."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class IngestError(DetenteError):
    """One input could not be read as an article. ``input`` names it."""

    def __init__(self, input: str, message: str, *, stage: str = "ingest") -> None:
        self.input = input
        self.stage = stage
        self.reason = message
        super().__init__(f"{input}: {message}")


class UnsafeURLError(IngestError):
    """A URL resolves to a private, loopback or link-local address."""


class SkippedInput(IngestError):
    """A file found in a folder that is not an article file (README, LICENSE, a .csv):
    recorded with the reason (stage ``skip``), not counted as a failure."""

    def __init__(self, input: str, message: str = "skipped: not an article file") -> None:
        super().__init__(input, message, stage="skip")


class PipelineError(DetenteError):
    """Extraction stages are misconfigured (wrong order, missing layer)."""


class ModelError(DetenteError):
    """The spaCy model cannot be loaded."""


class StoreError(DetenteError):
    """The database cannot be opened, migrated or written."""


class StoreMissingError(UsageError):
    """A command that only reads was given a store that does not exist."""


class StoreLockedError(StoreError):
    """Another process holds the store in a way that excludes this one (DuckDB allows one
    writer, or any number of readers). ``pid`` is the holder's process id when known.
    The CLI exits with ``exit_code``: 75, EX_TEMPFAIL of sysexits.h ("try again later")."""

    exit_code = 75

    def __init__(self, message: str, *, pid: int | None = None) -> None:
        self.pid = pid
        super().__init__(message)
