"""The in-memory per-place counts the slider uses must equal the store's own SQL, row for row."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd
import pytest

from mapapp.models import Article, Mention, Place
from mapapp.store import Store, placecounts
from mapapp.store.filters import Filters

PLACES = [
    Place("gn:1", "Tovuz", 40.99, 45.63, "city", "AZ"),
    Place("gn:2", "Yevlakh", 40.62, 47.15, "city", "AZ"),
    Place("gn:3", "London", 51.51, -0.13, "city", "GB"),
    Place("gn:4", "Moscow", 55.75, 37.62, "city", "RU"),
    Place("gn:5", "Netherlands", 52.25, 5.54, "country", "NL"),
    Place("cur:black-sea", "Black Sea", 43.0, 34.0, "water", None),
    Place("gn:7", "Łódź", 51.77, 19.46, "city", "PL"),
    Place("gn:8", "london", 42.98, -81.25, "city", "CA"),  # same name, other case: NOCASE ties
]


def fill(path, n_articles=300, seed=3) -> Store:
    """Articles naming places several times, often one place on several dates, some undated,
    some demonyms: the cases where counting distinct articles per date range is subtle."""
    rnd = random.Random(seed)
    store = Store(path)
    start = date(2020, 1, 1)
    items = []
    for k in range(n_articles):
        text = "x" * 400
        a = Article(
            f"a{k}",
            f"/c/{k}.txt",
            text,
            title=f"t{k}",
            published=start + timedelta(days=k),
            source=rnd.choice(["Trend", "APA", None]),
        )
        ms = []
        for j in range(rnd.randint(0, 7)):
            p = rnd.choice(PLACES[:3] * 3 + PLACES)  # a few places dominate
            when = None if rnd.random() < 0.2 else start + timedelta(days=rnd.randrange(60))
            ms.append(
                Mention(
                    a.id,
                    j * 10,
                    j * 10 + 5,
                    p.name,
                    p,
                    rnd.random(),
                    "s.",
                    0,
                    when,
                    "day" if when else "unknown",
                    demonym=rnd.random() < 0.15,
                )
            )
        if rnd.random() < 0.1:
            ms.append(Mention(a.id, 300, 305, "Nowhere", None, 0.1, "s.", 0, None, "unknown"))  # unresolved
        items.append((a, ms))
    store.upsert_many(items)
    return store


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("pc") / "store.sqlite"
    store = fill(path)
    yield path, store
    store.close()


def filter_cases():
    d = lambda n: date(2020, 1, 1) + timedelta(days=n)  # noqa: E731
    ranges = [
        (None, None),
        (d(10), d(30)),
        (d(0), d(0)),
        (None, d(5)),
        (d(50), None),
        (d(30), d(10)),
        (d(-100), d(-50)),
        (d(59), d(400)),
    ]
    for lo, hi in ranges:
        for undated in (False, True):
            for demonyms in (False, True):
                yield Filters(date_from=lo, date_to=hi, include_undated=undated, include_demonyms=demonyms)
    yield Filters(countries=("AZ", "PL"))
    yield Filters(places=("LONDON", "gn:4", "łódź"), include_undated=True)  # NOCASE folds ASCII only
    yield Filters(places=("Łódź",), date_from=d(20))


@pytest.mark.parametrize("f", list(filter_cases()), ids=lambda f: str(f.to_params()) or "defaults")
def test_equals_the_store(stored, f):
    path, store = stored
    counts = placecounts.PlaceCounts.load(path)
    pd.testing.assert_frame_equal(counts.places_for(f), store.places(f))


def test_filters_it_does_not_hold_go_to_the_store(stored):
    counts = placecounts.PlaceCounts.load(stored[0])
    for f in (Filters(sources=("Trend",)), Filters(text="x"), Filters(min_score=0.5)):
        assert counts.places_for(f) is None


def test_an_empty_store(tmp_path):
    store = Store(tmp_path / "empty.sqlite")
    counts = placecounts.PlaceCounts.load(tmp_path / "empty.sqlite")
    pd.testing.assert_frame_equal(
        counts.places_for(Filters(include_undated=True)), store.places(Filters(include_undated=True))
    )
    store.close()


def test_cache_file_round_trip_and_staleness(stored, tmp_path):
    path, store = stored
    counts = placecounts.PlaceCounts.load(path)
    out = tmp_path / "pc.npz"
    placecounts.save(counts, out, "v1")
    again = placecounts.read(out, "v1")
    f = Filters(date_from=date(2020, 1, 20), include_undated=True)
    pd.testing.assert_frame_equal(again.places_for(f), store.places(f))
    assert placecounts.read(out, "v2") is None  # another data version: rebuilt, never reused
    out.write_bytes(b"not an npz")
    assert placecounts.read(out, "v1") is None  # a broken cache file is ignored, not fatal
    assert placecounts.read(tmp_path / "missing.npz", "v1") is None


def test_background_builds_in_another_process_then_reads_the_cache(stored, tmp_path, monkeypatch):
    path, store = stored
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    bg = placecounts.Background(path, ("v", 1))
    counts = bg.get(wait=120)
    assert bg.error is None and counts is not None
    assert placecounts.cache_file(path).exists()
    f = Filters(date_to=date(2020, 2, 1))
    pd.testing.assert_frame_equal(counts.places_for(f), store.places(f))
    again = placecounts.Background(path, ("v", 1)).get(wait=30)  # now straight from the file
    pd.testing.assert_frame_equal(again.places_for(f), store.places(f))


def test_background_failure_leaves_the_store_in_charge(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    bg = placecounts.Background(tmp_path / "no-such-store.sqlite", ("v", 1))
    assert bg.get(wait=120) is None
    assert bg.error  # says why (the app falls back to Store.places)


def test_the_cache_keeps_only_the_newest_files(stored, tmp_path):
    counts = placecounts.PlaceCounts.load(stored[0])
    for i in range(placecounts.KEEP_FILES + 3):
        placecounts.save(counts, tmp_path / f"placecounts-{i:02d}.npz", "v")
    left = sorted(p.name for p in tmp_path.glob("placecounts-*.npz"))
    assert len(left) == placecounts.KEEP_FILES and left[-1] == f"placecounts-{placecounts.KEEP_FILES + 2:02d}.npz"


def test_mentions_out_of_date_order_are_refused():
    """The slices are only right on date-sorted rows: anything else is an error, not wrong counts."""
    import numpy as np

    pl = pd.DataFrame(
        [("p", "P", None, 1.0, 2.0, "city")],
        columns=["place_id", "place", "country", "lat", "lon", "kind"],
        dtype=object,
    )
    with pytest.raises(ValueError, match="sorted by event date"):
        placecounts.PlaceCounts.from_arrays(
            pl,
            ["2020-02-01", "2020-01-01"],
            np.array([0, 1]),
            np.zeros(2, np.int32),
            np.array([1, 2], np.uint64),
            np.zeros(2, bool),
        )
