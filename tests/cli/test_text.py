"""`detente timex` and the deadline countdown line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from detente.cli.text import format_countdown, register
from detente.model import Actor, Deadline, Span


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:  # a group, so "timex" is a subcommand
        """test app"""

    return app


def test_cli_timex_prints_tab_separated_expressions(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["timex", "They met last week.", "--published",
                                      "2025-08-07"])
    assert result.exit_code == 0
    assert result.output == "9-18\tDATE\t2025-W31\tlast week\n"


def test_cli_timex_json_lists_timexes(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["timex", "It lasted 50 days.", "--json"])
    assert json.loads(result.output) == [
        {"start": 10, "end": 17, "text": "50 days", "type": "DURATION", "value": "P50D"}]


def test_cli_timex_help_has_an_example(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["timex", "--help"])
    assert "Example: detente timex" in result.output


@pytest.mark.parametrize(
    ("as_of", "line"),
    [("2025-08-07", "Trump -> Russia: halt its offensive (P10D, expires 2025-08-08): 1 day left"),
     ("2025-08-08", "Trump -> Russia: halt its offensive (P10D, expires 2025-08-08): expires "
                    "today"),
     ("2025-08-12", "Trump -> Russia: halt its offensive (P10D, expires 2025-08-08): expired")],
)
def test_cli_format_countdown_says_days_left_or_status(as_of: str, line: str) -> None:
    d = Deadline("a:1", Actor("Trump"), Actor("Russia"), "halt its offensive", "2025-07-29",
                 "P10D", "2025-08-08", None, "active", Span(0, 0, ""))
    assert format_countdown(d, as_of) == line


def test_cli_timex_reads_a_file_named_as_its_text(app: typer.Typer, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("He left last week.", encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", str(article), "--published", "2025-08-07",
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert [t["text"] for t in json.loads(result.stdout)] == ["last week"]
    assert f"reading the text of the file {article}" in result.stderr


def test_cli_timex_reads_standard_input_for_a_dash(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["timex", "-", "--json"], input="It ended in March 2024.")
    assert result.exit_code == 0, result.output
    assert [t["text"] for t in json.loads(result.stdout)] == ["March 2024"]


def test_cli_timex_text_that_is_not_a_file_is_the_text(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["timex", "yesterday", "--published", "2025-08-07",
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert [t["value"] for t in json.loads(result.stdout)] == ["2025-08-06"]
