"""Work units for distributed extraction: the inputs cut into small, named pieces.

A unit is one input (a file, a URL, a feed) or one slice of a big container file: a run of
lines of a JSONL file, a run of records of a WARC file. The client enumerates units; a worker
reads one with :func:`read_unit`. A slice is a byte range that starts and ends on a line or
record boundary, so the slice is itself a valid JSONL or WARC file: the worker writes it to a
temporary file and hands it to the ordinary :func:`detente.ingest.read_inputs`, which is why
the distributed path reads every input kind exactly as the single-process path does.

Workers must see the same paths as the client (a shared or replicated file system).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from detente.config import ExtractOptions, IngestOptions
from detente.errors import IngestError
from detente.model import Article

__all__ = ["PartitionOptions", "Unit", "partition", "read_unit", "run_key"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, kw_only=True)
class PartitionOptions:
    """How inputs are cut into units."""

    # 250 lines: at the ~25 articles/s one worker codes on this machine (bench/bench_scale.py)
    # a unit takes ~10 s, long enough that scheduling overhead is noise and short enough that
    # a killed worker loses little work.
    jsonl_lines: int = 250
    # WARC records include requests and metadata besides responses; 500 records is about
    # 150-250 articles in CC-NEWS files.
    warc_records: int = 500


@dataclass(frozen=True, slots=True)
class Unit:
    """One input, or bytes ``[start, stop)`` of it holding items ``first``... (line or record
    index, 0-based). ``size``/``mtime_ns`` pin the file version the unit was cut from."""

    input: str
    start: int | None = None
    stop: int | None = None
    first: int = 0
    size: int | None = None
    mtime_ns: int | None = None

    @property
    def is_slice(self) -> bool:
        return self.start is not None

    def describe(self) -> str:
        """A stable one-line description: what the shard name hashes."""
        return json.dumps(asdict(self), sort_keys=True)

    def label(self) -> str:
        """A human-readable name for messages."""
        if self.is_slice:
            return f"{self.input}[bytes {self.start}-{self.stop}]"
        return self.input


def run_key(ingest_options: IngestOptions, options: ExtractOptions) -> str:
    """The settings that change what a unit's records are; part of every shard name, so a
    run with another model or ``--published`` writes new shards instead of reusing old ones."""
    settings = {
        "model": options.model,
        "published": options.published,
        "actor_files": [str(p) for p in options.actor_files],
        "lexicon_files": [str(p) for p in options.lexicon_files],
        "ingest_published": ingest_options.published,
        "outlet": ingest_options.outlet,
        "max_bytes": ingest_options.max_bytes,
        "fetch_feed_items": ingest_options.fetch_feed_items,
    }
    return json.dumps(settings, sort_keys=True)


def unit_id(unit: Unit, key: str) -> str:
    """24 hex digits naming the shard of ``unit`` under run settings ``key``."""
    return hashlib.sha256(f"{unit.describe()}\n{key}".encode()).hexdigest()[:24]


# --- enumerating units on the client --------------------------------------------------------


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _files(path: Path) -> Iterator[Path]:
    """Article files under a directory, sorted; hidden ones and files that are not articles
    (README, LICENSE, .csv) skipped, as the ingest walk does."""
    from detente.ingest.sources import is_article_file

    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and is_article_file(name):
                yield Path(root) / name


def _line_units(path: Path, size: int, mtime: int, every: int) -> Iterator[Unit]:
    start, first, count = 0, 0, 0
    offset = 0
    with path.open("rb") as fh:
        for line in fh:
            offset += len(line)
            count += 1
            if count - first == every:
                yield Unit(str(path), start, offset, first, size, mtime)
                start, first = offset, count
    if offset > start:
        yield Unit(str(path), start, offset, first, size, mtime)


def _record_offsets(path: Path) -> list[int] | None:
    """Byte offset of every WARC record, or None when the file cannot be cut at records
    (a gzip file that is not one gzip member per record, or a WARC warcio cannot read)."""
    from warcio.archiveiterator import ArchiveIterator

    offsets: list[int] = []
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for _record in it:
                offsets.append(it.get_record_offset())
    except Exception:  # unreadable: the worker's ordinary reader reports why
        return None
    if path.name.endswith(".gz"):
        with path.open("rb") as fh:
            for off in offsets:
                fh.seek(off)
                if fh.read(2) != _GZIP_MAGIC:
                    return None
    return offsets


def _warc_units(path: Path, size: int, mtime: int, every: int) -> Iterator[Unit]:
    offsets = _record_offsets(path)
    if not offsets:
        yield Unit(str(path), size=size, mtime_ns=mtime)
        return
    for i in range(0, len(offsets), every):
        stop = offsets[i + every] if i + every < len(offsets) else size
        yield Unit(str(path), offsets[i], stop, i, size, mtime)


def _file_units(path: Path, options: PartitionOptions) -> Iterator[Unit]:
    stat = path.stat()
    name = path.name.lower()
    if name.endswith(_JSONL_SUFFIXES):
        yield from _line_units(path, stat.st_size, stat.st_mtime_ns, options.jsonl_lines)
    elif name.endswith(_WARC_SUFFIXES):
        yield from _warc_units(path, stat.st_size, stat.st_mtime_ns, options.warc_records)
    else:
        yield Unit(str(path), size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def partition(inputs: Sequence[str], options: PartitionOptions | None = None) -> list[Unit]:
    """Every unit of ``inputs``, in input order. Paths are made absolute (workers may run in
    another directory); a missing path or a URL is one unit the worker reports on."""
    options = options or PartitionOptions()
    units: list[Unit] = []
    for item in inputs:
        if _is_url(item):
            units.append(Unit(item))
            continue
        path = Path(item).expanduser()
        if path.is_dir():
            for f in _files(path.resolve()):
                units.extend(_file_units(f, options))
        elif path.is_file():
            units.extend(_file_units(path.resolve(), options))
        else:
            units.append(Unit(str(path.absolute())))
    return units


# --- reading a unit on a worker -------------------------------------------------------------

# The ingest readers name a JSONL line ``path:N`` and a WARC record ``path#record-N``.
_NUMBERED = re.compile(r"^(?P<sep>:|#record-)(?P<n>\d+)(?P<rest>.*)$", re.S)
# A WARC slice may hold no HTML response (only request or metadata records): not a failure of
# the file, which the single-process reader would not report either.
_EMPTY_SLICE = "no HTML responses in WARC"


def _rename(name: str, tmp: str, unit: Unit) -> str:
    """An input name the reader gave for the temporary slice, told as the original file:
    ``tmp:3`` becomes ``file:(3 + first)`` (line/record numbers counted from the slice start
    in whatever base the reader uses, so adding ``first`` gives the same base)."""
    if not name.startswith(tmp):
        return name
    rest = name[len(tmp):]
    m = _NUMBERED.match(rest)
    if m:
        rest = f"{m['sep']}{int(m['n']) + unit.first}{m['rest']}"
    return unit.input + rest


def _renamed(item: Article | IngestError, tmp: str, unit: Unit) -> Article | IngestError:
    if isinstance(item, Article):
        return replace(item, input=_rename(item.input, tmp, unit)) if item.input else item
    return IngestError(_rename(item.input, tmp, unit), item.reason, stage=item.stage)


def read_unit(unit: Unit, options: IngestOptions) -> Iterator[Article | IngestError]:
    """The articles (and failures) of one unit, read by the ordinary ingest code."""
    from detente.ingest import read_inputs

    if not unit.is_slice:
        yield from read_inputs([unit.input], options)
        return
    assert unit.start is not None and unit.stop is not None
    try:
        with open(unit.input, "rb") as fh:
            fh.seek(unit.start)
            data = fh.read(unit.stop - unit.start)
    except OSError as exc:
        yield IngestError(unit.label(), f"cannot read: {exc.strerror or exc}")
        return
    with tempfile.TemporaryDirectory(prefix="detente-unit-") as tmpdir:
        # Same file name, so the reader picks the same format by suffix.
        tmp = os.path.join(tmpdir, Path(unit.input).name)
        with open(tmp, "wb") as out:
            out.write(data)
        for item in read_inputs([tmp], options):
            if isinstance(item, IngestError) and item.input == tmp and item.reason == _EMPTY_SLICE:
                continue
            yield _renamed(item, tmp, unit)
