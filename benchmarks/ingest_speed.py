"""Ingest throughput and memory: ``python benchmarks/ingest_speed.py N [--workers W] [--keep DIR]``.

Generates N synthetic articles (benchmarks/gen_corpus.py), runs ``mapapp ingest`` on them in a
subprocess (a fresh store; the gazetteer index is built beforehand so it is not timed), and prints
articles/s, total time and peak memory:

* ``peak RSS (tree)``: the largest sum of resident memory over the ingest process and its workers,
  sampled every 0.2 s (psutil) -- what the machine must actually have;
* ``getrusage``: ``ru_maxrss`` of this process and of the largest child (the kernel keeps the
  maximum of any one descendant, not a sum).

Targets on the 2-core reference machine: 100,000 articles in under 5 minutes (333 articles/s),
peak memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

PER_PROCESS: dict[int, int] = {}  # pid -> peak RSS
CPU: dict[int, float] = {}  # pid -> CPU seconds (user + system) last seen


def tree_rss(pid: int) -> int:
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p] + p.children(recursive=True)
    except psutil.Error:
        return 0
    total = 0
    for q in procs:
        try:
            rss = q.memory_info().rss
            t = q.cpu_times()
            CPU[q.pid] = t.user + t.system
        except psutil.Error:
            continue
        total += rss
        PER_PROCESS[q.pid] = max(PER_PROCESS.get(q.pid, 0), rss)
    return total


@dataclass
class Run:
    """One ``mapapp ingest`` subprocess, measured."""

    rc: int
    seconds: float
    articles: int
    mentions: int
    peak_tree: int  # bytes: the largest sum of RSS over the process tree
    per_process: dict[int, int]
    cpu: dict[int, float]  # CPU seconds per process (sampled: a lower bound)
    pid: int
    store_bytes: int
    stderr_tail: str


def measure(corpus: Path, db: Path, workers: int, extra: tuple[str, ...] = ()) -> Run:
    """Run ``mapapp ingest corpus --db db --workers W`` in a subprocess; time and sample memory."""
    cmd = [sys.executable, "-m", "mapapp.cli", "ingest", str(corpus), "--db", str(db), "--no-progress"]
    cmd += ["--workers", str(workers), *extra]
    PER_PROCESS.clear()
    CPU.clear()
    peak = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            stop.wait(0.2)

    th = threading.Thread(target=sample, daemon=True)
    try:
        import psutil  # noqa: F401

        th.start()
    except ImportError:
        print("(psutil missing: no tree RSS sampling)")
    _, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    stop.set()
    with sqlite3.connect(db) as c:
        n_art = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_men = c.execute("SELECT count(*) FROM mentions").fetchone()[0]
    return Run(
        proc.returncode,
        elapsed,
        n_art,
        n_men,
        peak,
        dict(PER_PROCESS),
        dict(CPU),
        proc.pid,
        db.stat().st_size,
        err[-2000:],
    )


def prepare_gazetteer() -> None:
    """Build the gazetteer index first (a one-off cost, not ingest throughput)."""
    subprocess.run([sys.executable, "-c", "from mapapp.ingest import _prepare_gazetteer as p; p()"], check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--workers", type=int, default=0, help="ingest processes (0: one per core)")
    ap.add_argument(
        "--jsonl", type=int, default=0, metavar="K", help="K articles per .jsonl file instead of .txt files"
    )
    ap.add_argument("--keep", type=Path, default=None, help="generate into (and keep) this folder; reused when present")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="mapapp-bench-")
    corpus = args.keep or Path(tmp) / "corpus"
    db = Path(tmp) / "bench.sqlite"
    try:
        if not corpus.exists():
            t = time.perf_counter()
            gen_corpus.generate(args.n, corpus, args.seed, args.jsonl)
            print(f"generated {args.n:,} articles in {time.perf_counter() - t:.1f}s -> {corpus}")
        prepare_gazetteer()
        r = measure(corpus, db, args.workers)
        report(r, args.n)
        return r.rc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(r: Run, n: int) -> None:
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rate = r.articles / r.seconds if r.seconds else 0
    print(f"exit code           {r.rc}")
    print(f"articles            {r.articles:,} ({r.mentions:,} mentions)")
    print(f"total time          {r.seconds:.1f}s")
    print(f"articles/s          {rate:.1f}")
    print(f"peak RSS (tree)     {r.peak_tree / 2**20:.0f} MB")
    print(f"getrusage maxrss    self {self_rss:.0f} MB, largest child {child_rss:.0f} MB")
    per = dict(r.per_process)
    parent = per.pop(r.pid, 0)
    others = sorted(per.values(), reverse=True)
    print(
        f"peak RSS per process: ingest {parent / 2**20:.0f} MB; workers/forkserver "
        + ", ".join(f"{v / 2**20:.0f}" for v in others)
        + " MB"
    )
    cpu = dict(r.cpu)
    print(
        f"CPU seconds: ingest {cpu.pop(r.pid, 0):.0f}; others "
        + ", ".join(f"{v:.0f}" for v in sorted(cpu.values(), reverse=True))
    )
    if rate:
        print(f"100,000 articles at this rate: {100_000 / rate / 60:.1f} min")
        print(f"1,000,000 articles at this rate: {1_000_000 / rate / 60:.1f} min")
    print(f"store size          {r.store_bytes / 2**20:.0f} MB")
    if r.rc:
        print(r.stderr_tail)


if __name__ == "__main__":
    sys.exit(main())
