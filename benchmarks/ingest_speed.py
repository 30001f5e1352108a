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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

PER_PROCESS: dict[int, int] = {}  # pid -> peak RSS


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
        except psutil.Error:
            continue
        total += rss
        PER_PROCESS[q.pid] = max(PER_PROCESS.get(q.pid, 0), rss)
    return total


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
        # Build the gazetteer index first (a one-off cost, not ingest throughput).
        subprocess.run([sys.executable, "-c", "from mapapp.ingest import _prepare_gazetteer as p; p()"], check=True)

        cmd = [
            sys.executable,
            "-m",
            "mapapp.cli",
            "ingest",
            str(corpus),
            "--db",
            str(db),
            "--no-progress",
            "--workers",
            str(args.workers),
        ]
        peak = 0
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd)
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
        rc = proc.wait()
        elapsed = time.perf_counter() - t0
        stop.set()
        with sqlite3.connect(db) as c:
            n_art = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            n_men = c.execute("SELECT count(*) FROM mentions").fetchone()[0]
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rate = n_art / elapsed if elapsed else 0
        print(f"exit code           {rc}")
        print(f"articles            {n_art:,} ({n_men:,} mentions)")
        print(f"total time          {elapsed:.1f}s")
        print(f"articles/s          {rate:.1f}")
        print(f"peak RSS (tree)     {peak / 2**20:.0f} MB")
        print(f"getrusage maxrss    self {self_rss:.0f} MB, largest child {child_rss:.0f} MB")
        parent = PER_PROCESS.pop(proc.pid, 0)
        others = sorted(PER_PROCESS.values(), reverse=True)
        print(
            f"peak RSS per process: ingest {parent / 2**20:.0f} MB; workers/forkserver "
            + ", ".join(f"{v / 2**20:.0f}" for v in others)
            + " MB"
        )
        print(f"100,000 articles at this rate: {100_000 / rate / 60:.1f} min" if rate else "")
        print(f"store size          {db.stat().st_size / 2**20:.0f} MB")
        return rc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
