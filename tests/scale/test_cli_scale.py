"""The scale commands as a user meets them: help with an example, clear usage errors."""

from __future__ import annotations

import pytest
from typer import Typer
from typer.testing import CliRunner

from detente.cli import scale as cli_scale
from detente.config import ExtractOptions, IngestOptions
from detente.errors import UsageError


def _app() -> Typer:
    app = Typer()
    cli_scale.register(app)
    return app


@pytest.mark.parametrize("command", ["extract-dist", "load", "watch"])
def test_scale_command_help_shows_an_example(command: str) -> None:
    result = CliRunner().invoke(_app(), [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: detente {command}" in " ".join(result.output.split())


def test_run_distributed_needs_an_output_directory() -> None:
    with pytest.raises(UsageError) as info:
        cli_scale.run_distributed(["a.jsonl"], None, "local:1", IngestOptions(), ExtractOptions())
    assert str(info.value) == (
        "--scheduler writes Parquet shards: give the directory with --output")


def test_extract_dist_rejects_a_bad_scheduler(tmp_path: object) -> None:
    result = CliRunner().invoke(_app(), ["extract-dist", "x.jsonl", "--output", "out",
                                         "--scheduler", "yarn://h"])
    assert isinstance(result.exception, UsageError)
    assert str(result.exception).startswith("invalid --scheduler 'yarn://h': use tcp://HOST:PORT")
