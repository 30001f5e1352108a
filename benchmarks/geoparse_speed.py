#!/usr/bin/env python3
"""Geoparsing speed on one core.

    python benchmarks/geoparse_speed.py N [--jsonl FILE]

Parses N articles (the seed articles in turn, or the "text" of each line of a JSON-lines file
such as a development set) in this single process and prints articles/s, the time the cached
gazetteer takes to open (start-up), and the peak RSS; also articles per CPU-second of this process,
the figure to compare two versions by on a busy machine. Targets: >= 300 articles/s, < 1 s, < 600 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=2000)
    ap.add_argument("--jsonl", default=None, help="JSON lines with a 'text' field (default: the seed articles)")
    a = ap.parse_args()
    from mapapp.geo.gazetteer import Gazetteer, build

    build()  # make sure the index exists: start-up is measured on the cached one
    t0 = time.perf_counter()
    gaz = Gazetteer.open()
    gaz.lookup("Baku")
    startup = time.perf_counter() - t0
    from mapapp.geo.geoparse import Geoparser

    parser = Geoparser(gaz)
    if a.jsonl:
        texts = [json.loads(x)["text"] for x in open(a.jsonl, encoding="utf-8") if x.strip()]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    chars = 0
    n_top = 0
    t1 = time.perf_counter()
    c1 = time.process_time()
    for i in range(a.n):
        text = texts[i % len(texts)]
        n_top += len(parser.parse(text, demonyms=True))
        chars += len(text)
    dt = time.perf_counter() - t1
    cpu = time.process_time() - c1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {a.n} ({chars / a.n:.0f} characters each on average, {n_top / a.n:.1f} toponyms each)")
    print(f"speed: {a.n / dt:.0f} articles/s on one core ({chars / dt / 1e6:.2f} M characters/s)")
    # on a shared machine the wall clock counts other processes' turns: the CPU time this one used
    print(f"per CPU-second: {a.n / cpu:.0f} articles (compare versions by this when the machine is busy)")
    print(f"gazetteer start-up (cached): {startup * 1000:.0f} ms")
    print(f"peak RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
