"""How fast events are built and kept up to date: ``python benchmarks/events_speed.py N [--db PATH]``.

Builds (or reuses) a store of N synthetic mentions (``synthetic_store``: ~5 mentions per article,
5,000 places with a Zipf-like popularity, five years of day-dated events, 10% undated), then
prints:

* the time of a full ``events.rebuild`` (every mention grouped again, in chunks), mentions/s,
  the CPU seconds of this process and of the rebuild's other processes, the peak RSS of this
  process and of the others (sampled every 0.1 s) and of the whole tree (``--parts N``: that
  many processes; default: the rebuild's own choice, two from 100,000 mentions on two cores);
  ``--db`` a store an ingest made (``ingest_bigfile.py N --store PATH``, ``--years`` for its
  density) measures the rebuild of those articles' events;
* the time of the incremental ``events.update`` that ingest runs after a batch: ``--batch``
  new articles (default 256, ingest's batch size) of 5 mentions written, then their events
  updated, repeated ``--repeat`` times (median), at that store size;
* with ``--map``: how long the app's Events mode takes to make its first map at that size (the
  server's part: the most sourced events, their count, the reports of the first ones in popups,
  the marker rows and the layer's JSON, as ``ui.events_view.layer`` makes them; no cache), and
  the events timeline under it.

``--no-rebuild`` on a store whose events are already grouped measures only the updates (what
comparing two versions alternately needs: a rebuild at a million mentions takes minutes).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic_store import SOURCES, WORDS, build  # noqa: E402

from mapapp.models import Article, Mention, Place  # noqa: E402
from mapapp.store import Store, events  # noqa: E402


def new_articles(k: int, n_batch: int, rnd: random.Random) -> list[tuple[Article, list[Mention]]]:
    """``n_batch`` articles shaped like the synthetic store's (5 mentions each)."""
    out = []
    start = date(2019, 1, 1)
    for j in range(n_batch):
        aid = f"new{k}-{j}"
        sentences = []
        mentions = []
        pos = 0
        when = start + timedelta(days=rnd.randrange(5 * 365))
        for _ in range(5):
            i = min(int(rnd.paretovariate(1.0)) - 1, 4999)
            name = f"Place{i}"
            words = rnd.choices(WORDS, k=30)
            words.insert(rnd.randrange(30), name)
            sent = " ".join(words) + "."
            at = sent.index(name)
            place = Place(f"gn:{1000 + i}", name, 40.0, 45.0, "city", "AZ")
            mentions.append(Mention(aid, pos + at, pos + at + len(name), name, place, 0.9, sent, pos, when, "day"))
            sentences.append(sent)
            pos += len(sent) + 1
        text = " ".join(sentences)
        art = Article(aid, f"/bench/new/{aid}.txt", text, "t", when, "header", rnd.choice(SOURCES), None, None, aid)
        out.append((art, mentions))
    return out


def first_map(store: Store, n: int) -> None:
    """The Events mode's first map, timed as the app makes it (``ui.events_view.map_events`` and
    ``layer``, uncached), and its timeline."""
    from mapapp.store.filters import Filters
    from mapapp.web import eventmarkers

    f = Filters(include_undated=True)
    t = time.perf_counter()
    df = events.events(store, f, limit=eventmarkers.MAX_EVENT_MARKERS, order="sources")
    total = events.count(store, f)
    t_events = time.perf_counter() - t
    reps = events.reports(
        store, df["event_id"].head(eventmarkers.POPUP_EVENTS).tolist(), per_event=eventmarkers.POPUP_REPORTS + 1
    )
    rows = eventmarkers.event_marker_rows(df, reps)
    layer = eventmarkers.layer_data(rows)
    dt = time.perf_counter() - t
    t = time.perf_counter()
    tl = events.timeline(store, f)
    t_tl = time.perf_counter() - t
    print(
        f"events map at {n:,} mentions: {len(rows):,} of {total:,} events drawn in {dt * 1000:.0f} ms "
        f"(the events and their count {t_events * 1000:.0f} ms), layer {len(layer) / 1e6:.2f} MB; "
        f"timeline of {len(tl)} months {t_tl * 1000:.0f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="mentions in the store")
    ap.add_argument("--db", default=None, help="store to build or reuse (default: a temporary file)")
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-rebuild", action="store_true", help="only the incremental update")
    ap.add_argument("--parts", type=int, default=None, help="the rebuild's processes (default: its own choice)")
    ap.add_argument("--map", action="store_true", help="also time the Events mode's first map")
    args = ap.parse_args()
    db = args.db or os.path.join(tempfile.mkdtemp(prefix="mapapp-events-"), f"events-{args.n}.sqlite")
    build(db, args.n)
    work = db + ".events-work"  # a copy, so the base store keeps N mentions across runs
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(work + suffix):
            os.remove(work + suffix)
    Store(db).close()  # migrated and checkpointed before copying
    shutil.copyfile(db, work)
    store = Store(work)
    n = store.stats()["mentions"]
    if not args.no_rebuild:
        import ingest_speed  # its process-tree sampling: the other processes' CPU seconds (a lower bound)

        me = resource.getrusage(resource.RUSAGE_SELF)
        ingest_speed.PER_PROCESS.clear()
        tree_peak = ingest_speed.tree_rss(os.getpid())
        before = dict(ingest_speed.CPU)
        stop = threading.Event()

        def sample() -> None:
            nonlocal tree_peak
            while not stop.wait(0.1):
                tree_peak = max(tree_peak, ingest_speed.tree_rss(os.getpid()))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t = time.perf_counter()
        rep = events.rebuild(store, parts=args.parts)
        dt = time.perf_counter() - t
        stop.set()
        sampler.join()
        after = resource.getrusage(resource.RUSAGE_SELF)
        others = sum(v - before.get(k, 0) for k, v in ingest_speed.CPU.items() if k != os.getpid())
        used = [after.ru_utime + after.ru_stime - me.ru_utime - me.ru_stime, others]
        n_events = store.execute("SELECT count(*) FROM events")[0][0]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        other_rss = max((v for k, v in ingest_speed.PER_PROCESS.items() if k != os.getpid()), default=0) / 2**20
        print(
            f"rebuild: {n:,} mentions ({rep.mentions:,} grouped) of {rep.articles:,} articles -> {n_events:,} events "
            f"in {dt:.1f}s ({rep.mentions / dt:,.0f} mentions/s) in {rep.processes} process(es), CPU s: this "
            f"process {used[0]:.1f}, others {used[1]:.1f} (sampled); peak RSS {rss:.0f} MB, the other process "
            f"{other_rss:.0f} MB, the tree {tree_peak / 2**20:.0f} MB (sampled); load average {os.getloadavg()[0]:.1f}"
        )
    rnd = random.Random(11)
    times = []
    for k in range(args.repeat):
        batch = new_articles(k, args.batch, rnd)
        store.upsert_many(batch)
        t = time.perf_counter()
        events.update_pending(store)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(
        f"incremental update after a batch of {args.batch} articles ({args.batch * 5} mentions) at {n:,} mentions: "
        f"median {med * 1000:.0f} ms ({args.batch * 5 / med:,.0f} mentions/s), max {max(times) * 1000:.0f} ms"
    )
    if args.map:
        first_map(store, n)
    store.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(work + suffix):
            os.remove(work + suffix)


if __name__ == "__main__":
    main()
