"""Where one big-file ingest spends its time: ``python benchmarks/ingest_stages.py N [--keep FILE]``.

Writes N synthetic articles as ONE ``.jsonl`` (benchmarks/gen_corpus.py) and runs each stage of
an ingest on it in this one process, timing each without a profiler (whose overhead distorts
the small calls): the parent's scan (record boundaries and hashes), the workers' reading
(decode, JSON, cleaning, article building), geoparsing, sentences and event dates, store rows,
pickling a chunk's result to the parent and back, then the parent's writes (real SQLite, in
batches as ingest writes them, with the two wide mention indexes dropped as a bulk ingest drops
them), their build at the end and the events grouped at the end (in this process). Prints ms per article for
each stage and CPU seconds (compare versions by these on a busy machine).
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=2000, help="records in the one file")
    ap.add_argument("--keep", type=Path, default=None, help="the .jsonl to write (or reuse)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mapapp-stages-"))
    try:
        f = (args.keep or tmp / "big.jsonl").resolve()
        gen_corpus.one_file(args.n, f, args.seed)
        return run(f, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(f: Path, tmp: Path) -> int:
    from mapapp.geo.geoparse import Geoparser
    from mapapp.ingest import ChunkResult
    from mapapp.reading.chunks import read_chunk, scan
    from mapapp.reading.metadata import user_metadata
    from mapapp.store import Store, article_rows, events

    parser = Geoparser()
    parser.parse("Baku and Ganja.")  # the gazetteer opened and warm: not timed
    stages: dict[str, list[float]] = {}

    def timed(name: str, wall: float, cpu: float) -> None:
        w, c = stages.setdefault(name, [0.0, 0.0])
        stages[name] = [w + wall, c + cpu]

    class clock:
        def __init__(self, name: str) -> None:
            self.name = name

        def __enter__(self) -> None:
            self.w, self.c = time.perf_counter(), time.process_time()

        def __exit__(self, *exc: object) -> None:
            timed(self.name, time.perf_counter() - self.w, time.process_time() - self.c)

    with clock("scan (parent)"):
        chunks = list(scan(f).chunks())
    user = user_metadata(f, [])
    results: list[ChunkResult] = []
    n = 0
    for c in chunks:
        with clock("read: decode, JSON, clean, build"):
            recs = list(read_chunk(f, str(f), c, user))
        res = ChunkResult(str(f), c)
        for rec in recs:
            n += 1
            with clock("geoparse (parse)"):
                tops = parser.parse(rec.text, demonyms=True)
            del tops
            with clock("mentions (parse again + sentences, dates)"):
                ms = parser.mentions(rec)
            with clock("store rows (article_rows)"):
                res.items.append(article_rows(rec, ms))
        with clock("pickle to the parent and back"):
            res = pickle.loads(pickle.dumps(res, protocol=pickle.HIGHEST_PROTOCOL))
        results.append(res)
    store = Store(str(tmp / "stages.sqlite"))
    store.defer_indexes()  # as a bulk ingest (bulk_min_articles) does: built once, below
    with clock("writes (parent, real SQLite)"):
        batch = 0
        for res in results:
            if batch == 0:
                tx = store.transaction()
                tx.__enter__()
            cid = store.add_file_chunk(res.path, res.chunk.first, res.chunk.sha, len(res.items), 0, "")
            for rows in res.items:
                store.article_chunk(rows.article.id)
                store.upsert_rows(rows, cid)
            store.add_file_chunk(res.path, res.chunk.first, res.chunk.sha, len(res.items), len(res.items), "")
            batch += len(res.items)
            if batch >= 400:
                tx.__exit__(None, None, None)
                batch = 0
        if batch:
            tx.__exit__(None, None, None)
    with clock("mention indexes built (bulk, at the end)"):
        store.restore_indexes()
    with clock("events grouped (parent, at the end)"):
        events.rebuild(store, parts=1)
    store.close()
    parse_w, parse_c = stages["geoparse (parse)"]
    mw, mc = stages.pop("mentions (parse again + sentences, dates)")
    stages["sentences and event dates (mentions - parse)"] = [mw - parse_w, mc - parse_c]
    order = [
        "scan (parent)",
        "read: decode, JSON, clean, build",
        "geoparse (parse)",
        "sentences and event dates (mentions - parse)",
        "store rows (article_rows)",
        "pickle to the parent and back",
        "writes (parent, real SQLite)",
        "mention indexes built (bulk, at the end)",
        "events grouped (parent, at the end)",
    ]
    print(f"{f.name}: {n:,} records, {len(chunks)} chunks; load average {os.getloadavg()[0]:.1f}")
    print(f"{'stage':48s} {'ms/article':>10s} {'CPU ms/article':>15s}")
    tw = tc = 0.0
    for k in order:
        w, c = stages[k]
        tw, tc = tw + w, tc + c
        print(f"{k:48s} {1000 * w / n:10.2f} {1000 * c / n:15.2f}")
    print(f"{'total':48s} {1000 * tw / n:10.2f} {1000 * tc / n:15.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
