"""Same store, old code and new: ``python benchmarks/ingest_identical.py --old TREE [N] [--workers W]``.

The check for a speed-only change to ingest: ingests the seed articles and one synthetic JSONL
of N records (benchmarks/gen_corpus.py, default 2,000) into fresh stores with the code of
``--old`` (a checkout of another commit, e.g. ``git worktree add --detach /tmp/old main``) and
with this tree, then compares what a user gets from the two stores: the articles (all columns
but the time of ingest), every mention (all columns but its row id, which follows the order the
workers finished in) and the events (place, date, label, kind, terms and counts; their ids follow
the mention ids). Prints the row counts and ``identical``, or the first differences and exit 1.

Events are compared without their labels, and their terms as a set of (stem, count) (an event
with the most terms kept, 80, without the stems of its lowest count: which made the cut is a
tie): issue 15
made the label's tie (two earliest reports published alike) and the order of terms of equal
count follow the article id instead of the order articles were written in (which followed the
order the chunks finished in with more than one worker), so these may differ from older code;
how many labels differ is printed. ``--strict`` compares the labels and the terms' order too
(two versions of this code, or one version with 1 and 2 workers, must then agree exactly).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

TABLES = {
    "articles": "SELECT id, path, title, source, url, author, published, published_how, text, content_hash "
    "FROM articles",
    "mentions": 'SELECT article_id, start, "end", name, place_id, score, demonym, sentence, sentence_start, '
    "event_date, date_precision, alternatives, reason FROM mentions",
    "events": "SELECT place_id, date, date_precision, label, kind, terms, n_mentions, n_articles, n_sources, "
    "first_reported, last_reported FROM events",
}


def rows(db: Path, table: str, strict: bool) -> Counter[tuple]:
    with sqlite3.connect(db) as c:
        got = c.execute(TABLES[table]).fetchall()
    if table == "events" and not strict:  # see the module's docstring
        got = [(*r[:3], r[4], _terms(r[5]), *r[6:]) for r in got]
    return Counter(got)


def _terms(text: str) -> tuple[tuple[str, int], ...]:
    """An event's terms as a set; when it holds ``MAX_TERMS`` (80), the stems of the lowest count
    left out: which of them made the cut is a tie."""
    t = json.loads(text)
    if len(t) >= 80:
        low = min(t.values())
        t = {k: v for k, v in t.items() if v > low}
    return tuple(sorted(t.items()))


def labels(db: Path) -> Counter[tuple]:
    """The events' labels with what identifies them (place, date, precision, counts)."""
    with sqlite3.connect(db) as c:
        return Counter(
            c.execute(
                "SELECT place_id, date, date_precision, n_mentions, n_articles, first_reported, label FROM events"
            )
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=2000, help="records in the synthetic JSONL")
    ap.add_argument("--old", type=Path, required=True, help="a checkout of the code to compare with")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--strict", action="store_true", help="compare the events' labels and terms' order too")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mapapp-identical-"))
    base = os.environ.get("PYTHONPATH", "")
    try:
        seeds = tmp / "seeds"
        shutil.copytree(HERE.parent / "seeds", seeds)
        big = tmp / "big.jsonl"
        gen_corpus.one_file(args.n, big, args.seed)
        os.chdir(tmp)  # not this tree: ``python -m`` puts the working directory before PYTHONPATH
        trees = {"old": str(args.old.resolve()), "new": str(HERE.parent)}
        dbs = {}
        for which, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (tree, base) if p))
            dbs[which] = db = tmp / f"{which}.sqlite"
            cmd = [sys.executable, "-m", "mapapp.cli", "ingest", str(seeds), str(big), "--db", str(db)]
            run = subprocess.run(
                [*cmd, "--workers", str(args.workers), "--no-progress"], env=env, capture_output=True, text=True
            )
            if run.returncode != 0:
                print(f"{which}: exit {run.returncode}\n{run.stderr[-2000:]}")
                return 1
        same = True
        for table in TABLES:
            old, new = rows(dbs["old"], table, args.strict), rows(dbs["new"], table, args.strict)
            print(f"{table}: old {sum(old.values()):,} rows, new {sum(new.values()):,} rows")
            if old != new:
                same = False
                for label, d in (("only old", old - new), ("only new", new - old)):
                    for r in list(d)[:3]:
                        print(f"  {label}: {str(r)[:300]}")
        lo, ln = labels(dbs["old"]), labels(dbs["new"])
        print(f"events whose label differs (a tie of earliest reports broken otherwise): {sum((lo - ln).values()):,}")
        print("identical" if same else "DIFFERENT")
        return 0 if same else 1
    finally:
        os.environ["PYTHONPATH"] = base
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
