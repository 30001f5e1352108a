"""A store of N synthetic mentions written straight into SQL, shared by the store and app benchmarks.

Geoparsing a million real articles would take an hour; the store and the app only care about
the shape of the data: ~5 mentions per article, 5,000 places with a Zipf-like popularity, five
years of event dates, 10% undated, 3% unresolved, 5% demonyms.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from mapapp.store import Store

SOURCES = ["Trend", "Azernews", "APA", "Report.az", "Reuters", "AP", "BBC", "Eurasianet", "JAMnews", "OC Media"]
WORDS = (
    "ceasefire border talks minister village district protest road shelling agreement delegation summit "
    "parliament election pipeline energy trade refugees mine harvest officials residents said"
).split()


def build(path: str, n: int, seed: int = 7) -> None:
    """Fill the store at ``path`` up to ``n`` mentions (a store that already has them is reused)."""
    rnd = random.Random(seed)
    store = Store(path)
    try:
        if store.stats()["mentions"] >= n:
            return
        t0 = time.perf_counter()
        n_places = 5000
        places = [
            (
                f"gn:{1000 + i}",
                f"Place{i}",
                rnd.choice(["AZ", "AM", "GE", "RU", "TR", "IR", None]),
                rnd.uniform(-50, 65),
                rnd.uniform(-120, 140),
                rnd.choice(["city", "admin1", "admin2", "country"]),
                rnd.randint(0, 10**6),
            )
            for i in range(n_places)
        ]
        cum, acc = [], 0.0
        for i in range(n_places):
            acc += 1 / (i + 1)
            cum.append(acc)
        start = date(2019, 1, 1)
        c = store.conn
        c.execute("BEGIN")
        c.executemany(
            "INSERT OR IGNORE INTO places(id, name, country, lat, lon, kind, population) VALUES (?,?,?,?,?,?,?)",
            places,
        )
        n_articles = max(1, n // 5)
        for lo in range(0, n_articles, 10_000):
            rows = []
            for k in range(lo, min(n_articles, lo + 10_000)):
                pub = start + timedelta(days=rnd.randrange(5 * 365))
                text = " ".join(rnd.choices(WORDS, k=120))
                rows.append(
                    (
                        f"b{k}",
                        f"/bench/{k}.txt",
                        " ".join(rnd.choices(WORDS, k=9)).capitalize(),
                        rnd.choice(SOURCES),
                        f"https://example.org/news/{k}",
                        None,
                        pub.isoformat(),
                        "header",
                        text,
                        f"h{k}",
                        "2026-01-01T00:00:00+00:00",
                    )
                )
            c.executemany(
                "INSERT INTO articles(id, path, title, source, url, author, published, published_how, text, "
                "content_hash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        for lo in range(0, n, 50_000):
            rows = []
            for i in range(lo, min(n, lo + 50_000)):
                aid = i * n_articles // n
                p = rnd.choices(places, cum_weights=cum)[0]
                pid = p[0] if rnd.random() < 0.97 else None
                ev = None if rnd.random() < 0.1 else (start + timedelta(days=rnd.randrange(5 * 365))).isoformat()
                words = rnd.choices(WORDS, k=30)
                words.insert(rnd.randrange(30), p[1])
                rows.append(
                    (
                        f"b{aid}",
                        10,
                        14,
                        p[1],
                        pid,
                        rnd.random(),
                        int(rnd.random() < 0.05),
                        " ".join(words).capitalize() + ".",
                        0,
                        ev,
                        "day" if ev else "unknown",
                    )
                )
            c.executemany(
                'INSERT INTO mentions(article_id, start, "end", name, place_id, score, demonym, sentence, '
                "sentence_start, event_date, date_precision) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        c.execute("COMMIT")
        c.execute("ANALYZE")
        print(f"built {n:,} mentions in {time.perf_counter() - t0:.1f}s ({path})", file=sys.stderr)
    finally:
        store.close()
