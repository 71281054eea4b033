"""`detente timex` and the deadline countdown line."""

from __future__ import annotations

import json

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
