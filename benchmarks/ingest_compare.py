"""Old against new on one big file: ``python benchmarks/ingest_compare.py N --old TREE [--rounds R]``.

Writes N synthetic articles as ONE ``.jsonl`` (or reuses ``--keep FILE``) and ingests it into fresh
stores with ``--workers W``, alternating the code of ``--old`` (a checkout of another commit,
e.g. ``git worktree add --detach /tmp/old main``; put first on ``PYTHONPATH``) and this tree
(old, new, old, new, ...) so that load from other users of the machine falls on both alike.
Prints each run's time, records/s, peak resident memory of the process tree and CPU seconds
(ingest process, others), then the medians and the time 1,000,000 records would take at each rate.
"""

from __future__ import annotations

import argparse
import os
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="records in the one file")
    ap.add_argument("--old", type=Path, required=True, help="a checkout of the code to compare with")
    ap.add_argument("--rounds", type=int, default=1, help="pairs of runs (old, then new)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="the .jsonl to write (or reuse)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mapapp-compare-"))
    base = os.environ.get("PYTHONPATH", "")
    try:
        f = (args.keep or tmp / "big.jsonl").resolve()
        os.chdir(tmp)  # not this tree: ``python -m`` puts the working directory before PYTHONPATH
        gen_corpus.one_file(args.n, f, args.seed)
        print(f"{f}: {args.n:,} records, {f.stat().st_size / 2**20:.0f} MB; workers {args.workers}")
        prepare_gazetteer()
        times: dict[str, list[float]] = {"old": [], "new": []}
        trees = {"old": str(args.old.resolve()), "new": str(HERE.parent)}
        for r in range(args.rounds):
            for which in ("old", "new"):
                os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (trees[which], base) if p)
                t = time.strftime("%H:%M:%S")
                run = measure(f, tmp / f"r{r}{which}.sqlite", args.workers)
                if run.rc != 0 or run.articles != args.n:
                    print(f"{which}: exit {run.rc}, {run.articles} articles\n{run.stderr_tail}")
                    return 1
                times[which].append(run.seconds)
                load = os.getloadavg()[0]
                print(
                    f"round {r + 1} {which} (started {t}, load after {load:.1f}): {run.seconds:6.1f}s  "
                    f"{run.articles / run.seconds:6.1f} records/s  peak RSS (tree) {run.peak_tree / 2**20:.0f} MB  "
                    f"CPU s: ingest {run.cpu.get(run.pid, 0):.0f}, "
                    f"others {sum(v for k, v in run.cpu.items() if k != run.pid):.0f}",
                    flush=True,
                )
                for line in run.stderr_tail.splitlines():  # the end phases: indexes, events
                    if line.startswith("mapapp: ") and (" built in " in line or " mentions in " in line):
                        print("   ", line)
                (tmp / f"r{r}{which}.sqlite").unlink()
        old, new = statistics.median(times["old"]), statistics.median(times["new"])
        print(
            f"median: old {old:.1f}s ({args.n / old:.0f}/s, 1M in {1e6 / args.n * old / 60:.0f} min), "
            f"new {new:.1f}s ({args.n / new:.0f}/s, 1M in {1e6 / args.n * new / 60:.0f} min) -> {old / new:.2f}x"
        )
        return 0
    finally:
        os.environ["PYTHONPATH"] = base
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
