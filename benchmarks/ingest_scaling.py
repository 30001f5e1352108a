"""One big record file, every core: ``python benchmarks/ingest_scaling.py N [--rounds R] [--format F]``.

Writes N synthetic articles as ONE record file (``jsonl`` by default; ``csv`` or ``json`` array),
then ingests it into fresh stores with ``--workers 1`` and ``--workers 2``, alternating (1, 2,
1, 2, ...) so that load from other users of the machine falls on both alike, and prints each
time (with its CPU seconds and the events regroup's wall time, as ingest reports it) and the
speed-up (median of the rounds). Target (issue 15), on the 2-core machine:
6,000 records, ``--workers 2`` at least 1.7x faster than ``--workers 1``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402
from ingest_speed import measure, prepare_gazetteer  # noqa: E402

EVENTS_LINE = re.compile(r"events from [\d,]+ mentions in ([\d.]+)s")  # what ingest says at its end


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="records in the one file")
    ap.add_argument("--rounds", type=int, default=2, help="pairs of runs (workers 1, then 2)")
    ap.add_argument("--format", choices=["jsonl", "csv", "json"], default="jsonl")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mapapp-scaling-"))
    try:
        corpus = tmp / "corpus"
        t = time.perf_counter()
        gen_corpus.generate(args.n, corpus, args.seed, jsonl=args.n, fmt=args.format)
        f = next(corpus.iterdir())
        print(
            f"one {args.format} file of {args.n:,} records, {f.stat().st_size / 2**20:.1f} MB ({time.perf_counter() - t:.1f}s)"
        )
        prepare_gazetteer()
        times: dict[int, list[float]] = {1: [], 2: []}
        for r in range(args.rounds):
            for w in (1, 2):
                run = measure(f, tmp / f"r{r}w{w}.sqlite", w)
                if run.rc != 0 or run.articles != args.n:
                    print(f"workers {w}: exit {run.rc}, {run.articles} articles\n{run.stderr_tail}")
                    return 1
                times[w].append(run.seconds)
                grouped = EVENTS_LINE.search(run.stderr_tail)
                print(
                    f"round {r + 1} workers {w}: {run.seconds:6.1f}s  {run.articles / run.seconds:6.1f} records/s  "
                    f"peak RSS (tree) {run.peak_tree / 2**20:.0f} MB  CPU s: ingest {run.cpu.get(run.pid, 0):.0f}, "
                    f"others {sum(v for k, v in run.cpu.items() if k != run.pid):.0f}  "
                    f"events regroup {grouped.group(1) if grouped else '?'}s"
                )
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(f"median: workers 1 {one:.1f}s, workers 2 {two:.1f}s -> speed-up {one / two:.2f}x")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
