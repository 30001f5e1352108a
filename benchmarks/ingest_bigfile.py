"""One huge JSON lines file: ``python benchmarks/ingest_bigfile.py N [--workers W] [--keep FILE]``.

Writes N synthetic articles as ONE ``.jsonl`` (about 1.7 kB each) and ingests it with
``mapapp ingest`` in a subprocess (a fresh store; the gazetteer index is built beforehand), and
prints the time, records/s and the peak resident memory of the whole process tree (ingest,
forkserver, workers; psutil, sampled every 0.2 s), with the time 1,000,000 records would take
at that rate. Target (issue 15), on the 2-core machine: 1,000,000 records in under 30 minutes,
peak memory under 1.5 GB for the tree. ``--keep FILE`` writes the file there (reused when present).
``--years Y``: published over Y years (``gen_corpus``; default 6): ``100000 --years 0.6`` has the
articles per day of 1,000,000 over 6 years. ``--store PATH``: ingest into that store (kept, for
``events_speed.py N --db PATH``: a rebuild of its events alone).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402
from ingest_speed import measure, prepare_gazetteer, report  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="records in the one file")
    ap.add_argument("--workers", type=int, default=0, help="ingest processes (0: one per core)")
    ap.add_argument("--keep", type=Path, default=None, help="the .jsonl to write (or reuse)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--years", type=float, default=6.0, help="span of the publication dates (gen_corpus)")
    ap.add_argument(
        "--store", type=Path, default=None, help="the store to ingest into, kept (default: a temporary one)"
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mapapp-bigfile-"))
    try:
        f = args.keep or tmp / "big.jsonl"
        t = time.perf_counter()
        if gen_corpus.one_file(args.n, f, args.seed, args.years):
            print(f"generated {args.n:,} records in {time.perf_counter() - t:.1f}s")
        print(f"{f}: {f.stat().st_size / 2**20:.0f} MB")
        prepare_gazetteer()
        run = measure(f, args.store or tmp / "big.sqlite", args.workers)
        report(run, args.n)
        for line in run.stderr_tail.splitlines():  # the end phases: index build, event grouping
            if line.startswith("mapapp: ") and (" built in " in line or " mentions in " in line):
                print(line)
        return run.rc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
