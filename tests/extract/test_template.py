"""Workers forked from one pipeline built once in the fork server (extract/template.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from detente.extract import template

pytestmark = pytest.mark.skipif(not template.available(), reason="the fork server is Linux's")

# Run in a fresh interpreter: the fork server is one per process, started for the first
# options a pool asks for, so what a test sees in pytest's process depends on earlier tests.
_SCRIPT = r"""
import json, os, sys
from multiprocessing import forkserver
from detente.config import ExtractOptions
from detente.extract.pipeline import Pipeline, WorkerPool, extract_records
from detente.model import Article

texts = ["Russia accused Ukraine of shelling the plant on Monday.",
         "The United States imposed sanctions on Iran.",
         "China and India agreed to hold talks in March.",
         "Germany criticized Poland.", "It rained."]
arts = [Article(id=f"a{i}", text=t, published="2025-08-07", language="en")
        for i, t in enumerate(texts)]
one = [r.to_dict() for r in Pipeline(ExtractOptions(workers=1)).run(arts)]
out = {"me": os.getpid()}
for name, options in (("first", ExtractOptions(workers=2, batch_size=1)),
                      ("other", ExtractOptions(workers=2, batch_size=2))):
    with WorkerPool(options, 2) as pool:
        records = [r.to_dict() for r in extract_records(iter(arts), options, pool=pool,
                                                        recycle_every=3)]
        parents = sorted({pool.executor.submit(os.getppid).result() for _ in range(4)})
        out[name] = {"parents": parents, "same": records == one,
                     "restarts": pool.restarts}
out["server"] = forkserver._forkserver._forkserver_pid
print(json.dumps(out))
"""


def test_workers_fork_from_the_template_of_their_options_and_code_as_one_worker_does() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.splitlines()[-1])
    # The first options' workers (and the fresh ones after each recycling) are the
    # server's children; a pool with other options spawns its own, children of the caller.
    assert out["first"]["parents"] == [out["server"]] != [out["me"]]
    assert out["other"]["parents"] == [out["me"]]
    assert out["first"]["restarts"] >= 1 and out["other"]["restarts"] >= 1
    assert out["first"]["same"] and out["other"]["same"]



_PRESTARTED = r"""
import json, os, sys
from multiprocessing import forkserver
from detente.config import ExtractOptions
from detente.extract import template
from detente.extract.pipeline import Pipeline, WorkerPool, extract_records
from detente.model import Article

assert template.prestart()
server, folder = forkserver._forkserver._forkserver_pid, str(template._folder)
assert not template.prestart()  # one server per process
texts = ["Russia accused Ukraine of shelling the plant on Monday.",
         "China and India agreed to hold talks in March.", "It rained."]
arts = [Article(id=f"a{i}", text=t, published="2025-08-07", language="en")
        for i, t in enumerate(texts)]
options = ExtractOptions(workers=2, batch_size=1, published="2025-08-09")
one = [r.to_dict() for r in Pipeline(options).run(arts)]
with WorkerPool(options, 2) as pool:
    records = [r.to_dict() for r in extract_records(iter(arts), options, pool=pool)]
    parents = sorted({pool.executor.submit(os.getppid).result() for _ in range(4)})
    held = {pool.executor.submit(template.holds_template).result() for _ in range(4)}
print(json.dumps({"server": server, "folder": folder, "parents": parents, "held": sorted(held),
                  "same": records == one}))
"""

_NEVER_HANDED = r"""
import json, time
from multiprocessing import forkserver
from detente.extract import template

assert template.prestart()
time.sleep(0.5)
print(json.dumps({"server": forkserver._forkserver._forkserver_pid,
                  "folder": str(template._folder)}))
"""


def _run_script(script: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_server_started_before_its_options_builds_for_the_options_handed_later() -> None:
    out = _run_script(_PRESTARTED)
    # The workers are the prestarted server's children, forked from the pipeline it built
    # for the options the pool handed it (here a --published of their own), and code as one
    # process does with those options.
    assert out["parents"] == [out["server"]]
    assert out["held"] == [True]
    assert out["same"]
    assert not Path(str(out["folder"])).exists()


def test_a_prestarted_server_never_handed_options_ends_with_its_command() -> None:
    out = _run_script(_NEVER_HANDED)
    assert isinstance(out["server"], int) and not _alive(out["server"])
    assert not Path(str(out["folder"])).exists()
