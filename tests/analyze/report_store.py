"""A store filled for the report tests: a USA-RUS run calm, hostile, warm; a CHN-IND pair;
a quote with markup; two deadlines; one failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.store.db import Store
from tests.analyze.synth import dyad_run

__all__ = ["fill_report_store", "filled"]

CALM, HOSTILE, WARM = ("CONSULT", "AGREE"), ("THREATEN", "SANCTION"), ("AGREE", "COOPERATE")


def fill_report_store(store: Store) -> None:
    dyad_run(store, [CALM] * 6 + [HOSTILE] * 3 + [WARM] * 6)
    dyad_run(store, [("ACCUSE",)] * 2, a="CHN", b="IND", tag="x")
    store.con.execute(
        "INSERT INTO quotes (article_id, idx, text, kind, speaker_text, speaker_name, "
        "speaker_country, role, anonymous) VALUES "
        "('wpublic3', 0, 'The channel is open <script>alert(1)</script> and busy', 'direct', "
        "'Ann Analyst', 'Ann Analyst', 'USA', 'professor', false)")
    store.con.execute(
        "INSERT INTO deadlines (id, article_id, idx, issuer_code, target_code, demand, "
        "expires, status) VALUES ('d1', 'wpublic3', 0, 'USAGOV', 'RUSGOV', 'a ceasefire', "
        "'2025-04-30', 'running'), ('d0', 'wpublic2', 0, 'USAGOV', 'RUSGOV', 'old demand', "
        "'2025-01-10', 'running')")
    store.con.execute("INSERT INTO failures (input, stage, message) VALUES "
                      "('bad.html', 'ingest', 'empty')")


@pytest.fixture()
def filled(db_path: Path) -> Path:
    with Store(db_path) as store:
        fill_report_store(store)
    return db_path
