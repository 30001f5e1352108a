"""Stopping an ingest: Ctrl-C, SIGTERM and SIGKILL of the ingest process (as the OOM killer
does) leave no worker, forkserver or resource tracker behind, keep what was written, and a
re-run completes the store. Real child processes, a real SQLite file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from benchmarks import gen_corpus

# enough that the stop lands mid-run: writes commit every 400 articles (ingest.BATCH_ARTICLES); with
# 600 a loaded machine once saw the first commit, then the whole run end, before the signal
N_ARTICLES = 1200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, built_gazetteer) -> Path:
    """Articles to stop an ingest of; the gazetteer built first, or its build's line on stderr
    would be counted against the one-line message."""
    d = tmp_path_factory.mktemp("life")
    gen_corpus.generate(N_ARTICLES, d, seed=5)
    return d


def _group(pgid: int) -> list[int]:
    """Live processes of a process group (the ingest started its own session)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:  # state, ppid, pgrp
            out.append(int(entry))
    return out


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as c:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _as_a_terminal_would() -> None:
    """Ctrl-C's default, as in a terminal's foreground job. A job started in the background by a
    non-interactive shell (``cmd &``, some CI runners) inherits SIGINT ignored, and Python then
    keeps ignoring it (as nohup means): the ingest ran to its end and exited 0."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(corpus: Path, db: Path, err: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mapapp.cli", "ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=err.open("w"),
        start_new_session=True,
        preexec_fn=_as_a_terminal_would,
        cwd=tempfile.gettempdir(),
        env=env,
    )


def _wait_for_first_commit(p: subprocess.Popen, db: Path) -> None:
    deadline = time.monotonic() + 90
    while _articles(db) == 0 and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)  # the pool is up and writing
    assert p.poll() is None, "ingest ended before it could be stopped"


@pytest.mark.parametrize("how,code", [("SIGINT", 130), ("SIGTERM", 143), ("SIGKILL", -9)])
def test_a_stopped_ingest_leaves_no_process_and_a_rerun_completes_it(corpus, tmp_path, how, code):
    db, err = tmp_path / "life.sqlite", tmp_path / "err.txt"
    p = _start(corpus, db, err)
    try:
        _wait_for_first_commit(p, db)
        assert len(_group(p.pid)) >= 3  # ingest, forkserver, workers (and the resource tracker)
        sig = getattr(signal, how)
        if how == "SIGINT":
            os.killpg(p.pid, sig)  # Ctrl-C reaches the whole foreground group
        else:
            p.send_signal(sig)  # only the ingest process, as kill and the OOM killer do
        t = time.monotonic()
        assert p.wait(30) == code
        assert time.monotonic() - t < 15  # promptly: running tasks are abandoned, not awaited
        left = _group(p.pid)
        while left and time.monotonic() - t < 20:
            time.sleep(0.2)
            left = _group(p.pid)
        assert left == [], f"left behind: {left}"
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        for pid in _group(p.pid):
            os.kill(pid, signal.SIGKILL)
    stderr = err.read_text()
    assert "Traceback" not in stderr
    if how != "SIGKILL":
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and ("interrupted" in lines[0] or "stopped by SIGTERM" in lines[0]), stderr
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    kept = _articles(db)
    assert kept < N_ARTICLES
    again = subprocess.run(
        [sys.executable, "-m", "mapapp.cli", "ingest", str(corpus), "--db", str(db), "--no-progress", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tempfile.gettempdir(),
    )
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == N_ARTICLES
        assert c.execute("SELECT count(*) FROM files WHERE status = 'done'").fetchone()[0] == N_ARTICLES


# Widens a race in CPython's concurrent.futures (3.11): its exit hook checks that the pool's wake-up
# pipe is open, then writes to it, without the lock the pool's manager thread takes to close it.
# The pauses put the manager's close inside that window, where a stop once landed by chance.
_LATE_MANAGER = """
import concurrent.futures.process as p, time
if hasattr(p, "_ThreadWakeup") and hasattr(p, "_ExecutorManagerThread"):
    _join = p._ExecutorManagerThread.join_executor_internals
    def _late_join(self):
        time.sleep(1)
        _join(self)
    def _slow_wakeup(self):
        if not self._closed:
            if p._global_shutdown:
                time.sleep(2)
            self._writer.send_bytes(b"")
    p._ExecutorManagerThread.join_executor_internals = _late_join
    p._ThreadWakeup.wakeup = _slow_wakeup
"""


@pytest.mark.parametrize("how,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_stop_says_one_line_even_when_the_pool_closes_late(corpus, tmp_path, how, code):
    """The pool's manager thread is still closing when the interpreter exits: the user still
    sees the one line, not "Exception ignored ... OSError" from the exit hook."""
    _stop_with_python_patched(_LATE_MANAGER, corpus, tmp_path, how, code)


# Widens the window in which a stop lands inside concurrent.futures' `wait` while it takes the
# futures' locks one by one (a loaded machine once stopped there: the manager thread then blocked
# on a future left locked, and the ingest printed its line but never exited).
_SLOW_LOCKS = """
import concurrent.futures._base as b, time
def _slow_enter(self):
    for future in self.futures:
        future._condition.acquire()
        time.sleep(0.005)
b._AcquireFutures.__enter__ = _slow_enter
"""


@pytest.mark.parametrize("how,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_stop_while_the_pool_takes_its_locks_still_exits(corpus, tmp_path, how, code):
    _stop_with_python_patched(_SLOW_LOCKS, corpus, tmp_path, how, code)


def _stop_with_python_patched(sitecustomize: str, corpus: Path, tmp_path: Path, how: str, code: int) -> None:
    """Stop an ingest whose Python runs ``sitecustomize`` first; it exits promptly with its code
    and one line on stderr."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(sitecustomize)
    db, err = tmp_path / "late.sqlite", tmp_path / "err.txt"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    p = _start(corpus, db, err, env)
    try:
        _wait_for_first_commit(p, db)
        if how == "SIGINT":
            os.killpg(p.pid, signal.SIGINT)
        else:
            p.send_signal(signal.SIGTERM)
        assert p.wait(30) == code
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        for pid in _group(p.pid):
            os.kill(pid, signal.SIGKILL)
    lines = [ln for ln in err.read_text().splitlines() if ln.strip()]
    assert len(lines) == 1 and ("interrupted" in lines[0] or "stopped by SIGTERM" in lines[0]), lines
