"""Cutting inputs into units: every line or record in exactly one unit, read exactly as the
whole file reads, with failures named by their place in the original file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.config import IngestOptions
from detente.errors import IngestError
from detente.ingest import read_inputs
from detente.model import Article
from detente.scale.units import PartitionOptions, Unit, partition, read_unit
from tests.scale.corpus import write_jsonl

IOPTS = IngestOptions()


def _names(items: list[Article | IngestError]) -> list[str | None]:
    return [i.input if isinstance(i, IngestError) else i.id for i in items]


def _read_all(units: list[Unit]) -> list[Article | IngestError]:
    return [item for u in units for item in read_unit(u, IOPTS)]


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(1, 40), every=st.integers(1, 15))
def test_jsonl_units_read_every_line_once(tmp_path: Path, count: int, every: int) -> None:
    path = tmp_path / f"n{count}-{every}.jsonl"
    write_jsonl(path, count)
    units = partition([str(path)], PartitionOptions(jsonl_lines=every))
    assert len(units) == -(-count // every)
    whole = list(read_inputs([str(path)], IOPTS))
    assert _read_all(units) == whole  # Articles compare by value


def test_jsonl_unit_failure_names_the_line_of_the_original_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    write_jsonl(path, 5)
    with path.open("a") as fh:
        fh.write("not json\n")
    units = partition([str(path)], PartitionOptions(jsonl_lines=2))
    failures = [i for i in _read_all(units) if isinstance(i, IngestError)]
    assert [(f.input, f.reason) for f in failures] == [(f"{path}:6", "line is not valid JSON")]


def test_articles_from_a_slice_name_their_original_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    write_jsonl(path, 4)
    units = partition([str(path)], PartitionOptions(jsonl_lines=3))
    inputs = [a.input for a in _read_all(units) if isinstance(a, Article)]
    assert inputs == [f"{path}:{n}" for n in (1, 2, 3, 4)]


def _warc(path: Path, pages: int) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("x.warc.gz", {"software": "test"}))
        for n in range(pages):
            html = (f"<html><head><title>Page {n}</title></head><body><article><p>The envoy "
                    f"met officials in round {n} of the talks on Tuesday. Both sides said the "
                    "meeting was useful and agreed to meet again.</p></article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/{n}", "response", payload=io.BytesIO(html.encode()),
                http_headers=headers))


@pytest.mark.parametrize("every", [1, 3, 50])
def test_warc_units_read_like_the_whole_archive(tmp_path: Path, every: int) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path, 7)
    units = partition([str(path)], PartitionOptions(warc_records=every))
    assert len(units) == -(-8 // every)
    whole = list(read_inputs([str(path)], IOPTS))
    assert len([a for a in whole if isinstance(a, Article)]) == 7
    got = _read_all(units)
    assert _names(got) == _names(whole)
    assert [a.input for a in got if isinstance(a, Article)] == [
        a.input for a in whole if isinstance(a, Article)]


def test_directory_units_are_its_files_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", ".hidden.txt"):
        (tmp_path / name).write_text("Kyiv said it would talk.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Moscow said no.\n")
    units = partition([str(tmp_path), "https://example.org/feed.rss", str(tmp_path / "nope")])
    assert [u.input for u in units] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "sub" / "c.txt"),
        "https://example.org/feed.rss", str(tmp_path / "nope")]


def test_unit_description_pins_the_file_version(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Kyiv said it would talk.\n")
    before = partition([str(path)])[0].describe()
    path.write_text("Kyiv said it would talk again.\n")
    assert partition([str(path)])[0].describe() != before
