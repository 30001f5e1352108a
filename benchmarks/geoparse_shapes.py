#!/usr/bin/env python3
"""Parse time against text size for texts of odd shapes (issue 11's forty-eighth session).

    python benchmarks/geoparse_shapes.py [N ...]   (default 2000 8000 32000 names)

Each shape is N place-like names: joined by spaces, by ", ", by "-", by " and ", one per line,
"in X" pairs, "in X, Y" frames in one endless sentence, "the English city of X" cues and web
and mail addresses. Prints the CPU seconds of one parse per size and the ratio between consecutive
sizes: time growing as the size does (a ratio near the size's) is the goal; a ratio near its
square or cube means a rescan per name. Before the session a 12 KB run joined by hyphens took 55 s.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ["London", "Paris", "Berlin", "Tovuz", "Springfield", "Washington", "Georgia", "Jordan", "Chad",
         "Victoria", "Mr", "Smith", "The", "And", "New", "York", "St", "Louis", "North", "South"]  # fmt: skip
SHAPES = {
    "spaces": " ",
    "commas": ", ",
    "hyphens": "-",
    "and": " and ",
    "lines": "\n",
}


def main() -> int:
    sizes = [int(x) for x in sys.argv[1:]] or [2000, 8000, 32000]
    from mapapp.geo.geoparse import Geoparser

    parser = Geoparser()
    parser.parse("Warm-up in London and Paris.")
    rnd = random.Random(0)
    print(f"{'shape':<10} " + " ".join(f"{n:>9,}" for n in sizes) + "   ratios")
    for shape, sep in [*SHAPES.items(), ("in X", None), ("in X, Y", None), ("city of X", None), ("addresses", None)]:
        secs = []
        for n in sizes:
            names = [rnd.choice(WORDS) for _ in range(n)]
            if shape == "in X, Y":
                text = ", ".join(f"in {a}, {b}" for a, b in zip(names[::2], names[1::2])) + "."
            elif shape == "addresses":  # web and mail addresses, and "@" runs that are neither
                text = " ".join(f"https://x.org/{w} {w}.desk@x.org {w}@" for w in names) + "."
            elif shape == "city of X":
                text = " ".join(f"the English city of {w}" for w in names) + "."
            elif sep is None:
                text = " ".join(f"in {w}" for w in names[: n // 2])
            else:
                text = sep.join(names) + "."
            t0 = time.process_time()
            parser.parse(text)
            secs.append(time.process_time() - t0)
        ratios = " ".join(f"{b / a:.1f}x" for a, b in zip(secs, secs[1:]) if a > 0)
        print(f"{shape:<10} " + " ".join(f"{s:>8.2f}s" for s in secs) + f"   {ratios}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
