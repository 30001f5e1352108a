#!/usr/bin/env python3
"""Every toponym the geoparser finds, one JSON line per text: to diff two versions of the code.

    python benchmarks/geoparse_dump.py OUT.jsonl [FILE.jsonl|DIR ...] [--seeds]

Reads the "text" of each line of the JSON-lines files (and the ``.txt`` files of folders, and the
seed articles with ``--seeds``), parses them all in this one process, in order (so caches that
live across texts are exercised as an ingest exercises them), and writes for each text its
toponyms: span, name, place id, score rounded to 6 places, demonym flag, reason, alternatives.
Run it with the old code on ``PYTHONPATH`` and with this tree, then ``cmp`` or ``diff`` the outputs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _texts(paths: list[str], seeds: bool):
    if seeds:
        for p in sorted((ROOT / "seeds").glob("*.txt")):
            yield f"seed:{p.name}", p.read_text(encoding="utf-8")
    for name in paths:
        path = Path(name)
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            if f.suffix == ".txt":
                yield str(f), f.read_text(encoding="utf-8")
                continue
            with open(f, encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    if line.strip():
                        text = json.loads(line).get("text")
                        if isinstance(text, str):
                            yield f"{f.name}:{i + 1}", text


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--seeds", action="store_true", help="also the seed articles (first)")
    a = ap.parse_args()
    from mapapp.geo.geoparse import Geoparser

    parser = Geoparser()
    n = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for ident, text in _texts(a.paths, a.seeds):
            tops = [
                [
                    t.start,
                    t.end,
                    t.name,
                    t.place.id if t.place is not None else None,
                    round(t.score, 6),
                    t.demonym,
                    t.reason,
                    [[pid, label, round(p, 6)] for pid, label, p in t.alternatives],
                ]
                for t in parser.parse(text, demonyms=True)
            ]
            out.write(json.dumps({"id": ident, "toponyms": tops}, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} texts -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
