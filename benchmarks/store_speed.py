"""How fast the store answers a slider move: ``python benchmarks/store_speed.py N [--db PATH]``.

Builds (or reuses) a store with N synthetic mentions written directly in SQL (about 5 mentions
per article, 5,000 places with a Zipf-like popularity, event dates over five years, 10% undated,
5% demonyms), then prints the median time of ``places()``, ``count()`` and ``query(limit=…)``
for slider-like filter changes: a one-month, a one-year and the whole window, plus a source and
a text filter; and the same per-place counts from the app's in-memory ``PlaceCounts`` (its load
time and memory too; "-" where it leaves the filter to the store). Targets: interactive (well
under a second) at a million mentions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic_store import build  # noqa: E402

from mapapp.store import Store  # noqa: E402
from mapapp.store.filters import Filters  # noqa: E402
from mapapp.store.placecounts import PlaceCounts  # noqa: E402


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of mentions")
    ap.add_argument("--db", default=None, help="store to build or reuse (default: a temporary file)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=1000, help="rows fetched by query()")
    args = ap.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = os.path.join(tmp.name, "bench.sqlite")
    build(args.db, args.n)
    store = Store(args.db)
    print(f"store: {store.stats()}")
    cases = {
        "one month": Filters(date_from=date(2021, 6, 1), date_to=date(2021, 6, 30)),
        "one year": Filters(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31)),
        "everything (+undated)": Filters(include_undated=True, include_demonyms=True),
        "one year, 2 sources": Filters(
            date_from=date(2021, 1, 1), date_to=date(2021, 12, 31), sources=("Trend", "APA")
        ),
        "one year, country AZ": Filters(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31), countries=("AZ",)),
        "one year, text 'ceasefire talks'": Filters(
            date_from=date(2021, 1, 1), date_to=date(2021, 12, 31), text="ceasefire talks"
        ),
    }
    t = time.perf_counter()
    counts = PlaceCounts.load(args.db)
    load_s = time.perf_counter() - t
    arrays = sum(a.nbytes for st in counts.sets.values() for a in vars(st).values() if hasattr(a, "nbytes"))
    print(f"PlaceCounts.load: {load_s:.1f}s, {arrays / 2**20:.0f} MB of arrays")
    print(
        f"{'filter':<34} {'places()':>10} {'in memory':>10} {'count()':>10} {'query(limit)':>13} {'rows':>9} {'places':>7}"
    )
    for label, f in cases.items():
        tp = median_time(lambda f=f: store.places(f), args.repeat)
        tm = median_time(lambda f=f: counts.places_for(f), args.repeat) if counts.places_for(f) is not None else None
        tc = median_time(lambda f=f: store.count(f), args.repeat)
        tq = median_time(lambda f=f: store.query(f, limit=args.limit), args.repeat)
        mem = f"{tm * 1000:>8.0f}ms" if tm is not None else f"{'-':>10}"
        print(
            f"{label:<34} {tp * 1000:>8.0f}ms {mem} {tc * 1000:>8.0f}ms {tq * 1000:>11.0f}ms "
            f"{store.count(f):>9,} {len(store.places(f)):>7,}"
        )
    top = store.places(cases["one year"]).iloc[0]["place_id"]
    for label, fn in (
        ("facets() (sidebar, all mentions)", store.facets),
        ("date_span()", store.date_span),
        ("excerpts(top place, one year, 5)", lambda: store.excerpts(top, cases["one year"], limit=5)),
    ):
        print(f"{label:<34} {median_time(fn, args.repeat) * 1000:>8.0f}ms")
    # A slider drag: twelve successive one-month windows.
    t = time.perf_counter()
    for m in range(1, 13):
        f = Filters(date_from=date(2020, m, 1), date_to=date(2020, m, 28))
        store.places(f)
        store.query(f, limit=args.limit)
    print(f"slider drag, 12 monthly windows (places + query): {(time.perf_counter() - t) / 12 * 1000:.0f}ms per step")
    store.close()
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
