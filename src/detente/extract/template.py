"""One extraction pipeline built once and forked into every worker process (Linux).

A spawned worker imports spaCy and builds the pipeline itself: about 3.3 s of CPU, paid by
every worker of a pool and again by every fresh pool (``RECYCLE_EVERY``). On two cores that is
most of what a second worker costs: measured on 300 news articles (bench/bench_pipeline.py,
``detente run --workers 2``), 3.3 s of CPU per worker for the build against 2.5 s for all the
main process does while the workers code.

With a template, multiprocessing's fork server imports :mod:`detente.extract.pipeline` as it
starts (its *preload*), and that import builds the pipeline (:func:`build_in_server`) for the
options the starting process put in the environment. Every worker is then forked from the
server with the model in memory (its pages shared copy-on-write) and codes at once. A pool
whose options differ from the server's spawns its workers as before (:func:`context`): one
server per process, started for the first options asked for.

The server never codes, so a recycled pool's fresh workers start from an unused pipeline.
It exits within ``PARENT_POLL_SECONDS`` of the process that started it (a thread watches its
parent); the workers it forked are killed with it (see :mod:`detente.extract.workers`).
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import gc
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing import forkserver
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING

from detente.config import ExtractOptions
from detente.extract.workers import watch_parent

if TYPE_CHECKING:
    from detente.extract.pipeline import Pipeline

__all__ = ["ENV", "available", "build_in_server", "context", "forked_from_server",
           "holds_template", "prepare", "prestart", "template_for"]

# The options of the pipeline the fork server builds: a pickle (base64) written by this
# process for the server it starts, read once by that server; or, for a server started
# before the options were known (:func:`prestart`), ``wait:`` and the folder they will be
# written to.
ENV = "DETENTE_WORKER_TEMPLATE"
_WAIT = "wait:"
_PRELOAD = "detente.extract.pipeline"
# How often a prestarted server looks for its options (seconds).
_POLL = 0.005

_lock = threading.Lock()
_served: ExtractOptions | None = None  # the options of the server this process started
_waiting: Path | None = None  # the folder a prestarted server looks in for its options
_folder: Path | None = None  # that folder, removed when the server is stopped
_forked = False  # whether workers were forked from it
_template: tuple[ExtractOptions, Pipeline] | None = None  # in the server and its children


def available() -> bool:
    """Whether workers can be forked from a template here (Linux: the fork server exists and
    forking a process that holds spaCy is reliable)."""
    return (sys.platform.startswith("linux")
            and "forkserver" in multiprocessing.get_all_start_methods())


def _exit_at_once() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def prepare(options: ExtractOptions) -> bool:
    """Start the fork server building a pipeline for ``options`` unless one is up (it builds
    in its own process: nothing to wait for here), or hand ``options`` to the server
    :func:`prestart` started. False when workers for ``options`` will be spawned instead
    (not Linux, or a server that holds other options). Call it from a thread that lives as
    long as the workers."""
    global _served, _waiting
    if not available():
        return False
    with _lock:
        if _waiting is not None:
            _hand_over(_waiting, options)
            _served, _waiting = options, None
            return True
        if _served is None and getattr(forkserver._forkserver, "_forkserver_pid", None):
            return False  # a server someone else started: it holds no pipeline of ours
        if _served is not None and _served != options:
            return False
        _start_server(base64.b64encode(pickle.dumps(options)).decode("ascii"))
        _served = options
        return True


def prestart() -> bool:
    """Start the fork server before the options of its pipeline are known: it imports spaCy
    and the stages' modules (about 1.1 s of a 2.5 s build) while this process imports the
    command line, parses its arguments and opens the store, then waits for :func:`prepare`
    to hand it the options. A server never handed them is stopped when this process ends.
    False (nothing started) where workers are not forked, or when a server is up."""
    global _waiting, _folder
    if not available():
        return False
    with _lock:
        if (_served is not None or _waiting is not None
                or getattr(forkserver._forkserver, "_forkserver_pid", None)):
            return False
        try:
            folder = Path(tempfile.mkdtemp(prefix="detente-template-"))  # this user's only
            _start_server(_WAIT + str(folder))
        except OSError:  # no temporary folder, no process: workers start as without it
            return False
        _waiting = _folder = folder
        return True


def _start_server(value: str) -> None:
    """Start the fork server (unless it is up) with ``value`` in its environment."""
    multiprocessing.get_context("forkserver").set_forkserver_preload([_PRELOAD])
    os.environ[ENV] = value
    try:
        forkserver.ensure_running()
    finally:
        del os.environ[ENV]
    if _served is None and _waiting is None:
        atexit.register(_stop_server)


def _hand_over(folder: Path, options: ExtractOptions) -> None:
    """Write ``options`` where the prestarted server looks for them (whole or not at all)."""
    part = folder / "options.part"
    part.write_bytes(pickle.dumps(options))
    os.replace(part, folder / "options")


def _await_options(folder: Path) -> object:
    """In a prestarted server: the options its command hands over (see :func:`prepare`),
    waited for as long as the command runs (the parent watch ends this process with it)."""
    path = folder / "options"
    while True:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            time.sleep(_POLL)
            continue
        return pickle.loads(data)


def context(options: ExtractOptions) -> BaseContext:
    """The multiprocessing context to start workers for ``options`` in: the fork server that
    holds a pipeline for them (see :func:`prepare`), else spawn."""
    global _forked
    if prepare(options):
        _forked = True
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _stop_server() -> None:
    """Stop the server this process started and reap it (with the CPU time of the workers it
    reaped, which ``getrusage(RUSAGE_CHILDREN)`` then counts). It exits once every process
    holding its "alive" pipe has closed it: this one here, the workers as their pool shut
    down; one that forked no worker (a run with nothing to extract, still building) is
    killed at once, any other after half a second. (multiprocessing leaves the server
    running until the interpreter is gone, and its parent does not reap it.)"""
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
    server = forkserver._forkserver
    pid = getattr(server, "_forkserver_pid", None)
    alive = getattr(server, "_forkserver_alive_fd", None)
    if pid is None or alive is None:
        return
    with contextlib.suppress(OSError):
        os.close(alive)
    # As multiprocessing's own _stop does: a later pool starts a new server.
    server.__dict__.update(_forkserver_alive_fd=None, _forkserver_pid=None)
    deadline = time.monotonic() + (0.5 if _forked else 0.0)
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(pid, os.WNOHANG)[0] == 0:
            if time.monotonic() > deadline:  # still building, or a worker is stuck
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return
            time.sleep(0.01)


def forked_from_server() -> bool:
    """Whether this process is a worker the fork server forked (its parent is the server)."""
    return forkserver.get_inherited_fds() is not None


def holds_template() -> bool:
    """Whether this process (a fork server or a worker it forked) holds a built template."""
    return _template is not None


def template_for(options: ExtractOptions) -> Pipeline | None:
    """In a worker forked from the server: the server's pipeline when it was built for
    ``options``, else None (the worker builds its own)."""
    if _template is not None and _template[0] == options:
        return _template[1]
    return None


def build_in_server(make: Callable[[ExtractOptions], Pipeline],
                    warm: Callable[[], object] = lambda: None) -> None:
    """Build the template with ``make`` when this process is a fork server started by
    :func:`context` (called as :mod:`detente.extract.pipeline` is imported; elsewhere it
    does nothing). A server started by :func:`prestart` calls ``warm`` first (the imports
    every build makes) and then waits for its options. A build that fails leaves no
    template: the workers then build their own and report what went wrong."""
    global _template
    encoded = os.environ.pop(ENV, None)
    if encoded is None or forked_from_server():
        return
    watch_parent(os.getppid())  # a server whose command is gone exits, waiting or not
    # Once its command and workers are gone, the server ends without the interpreter's
    # teardown, which freed the template one object at a time while the command waited
    # for it (0.09 s at the end of every run with workers).
    atexit.register(_exit_at_once)
    # No collection while the pipeline is built: it makes objects that live on, and
    # collecting took 0.53 of the build's 3.26 s of CPU (gc.callbacks, `detente run
    # --workers 2` on 300 news articles; a full collection after it, 0.4 s more, so none).
    # Then everything goes out of the collector's sight for good: a collection in a worker
    # does not walk the pipeline, nor write to (and so copy) the pages it shares with the
    # server.
    gc.disable()
    try:
        if encoded.startswith(_WAIT):
            warm()
            options = _await_options(Path(encoded[len(_WAIT):]))
        else:
            # The starting process's own ExtractOptions, handed to its own child.
            options = pickle.loads(base64.b64decode(encoded))
        if isinstance(options, ExtractOptions):
            _template = (options, make(options))
    except Exception:  # the workers meet the same error and report it
        return
    finally:
        gc.freeze()
        gc.enable()
