"""The map component's events: what the browser sends is read defensively, each event once."""

from __future__ import annotations

from mapapp.ui.mapcomponent import MapEvent, layer_data, new_command, parse_events


def test_events_after_the_handled_ones_oldest_first():
    value = {
        "events": [
            {"seq": 30, "type": "view", "center": [40.123456, 47.5], "zoom": 7},
            {"seq": 10, "type": "click", "place": "gn:1"},
            {"seq": 20, "type": "click", "place": "cur:karabakh"},
        ]
    }
    assert parse_events(value, 0) == [
        MapEvent(10, "click", place="gn:1"),
        MapEvent(20, "click", place="cur:karabakh"),
        MapEvent(30, "view", center=(40.12346, 47.5), zoom=7),
    ]
    assert [e.seq for e in parse_events(value, 10)] == [20, 30]  # each handled once
    assert parse_events(value, 30) == []


def test_malformed_values_are_skipped():
    bad = [
        None,
        "events",
        {"events": "x"},
        {"events": [1, None, {"seq": "1", "type": "click", "place": "gn:1"}]},
        {"events": [{"seq": True, "type": "click", "place": "gn:1"}]},
        {"events": [{"seq": 5, "type": "click", "place": "<script>"}]},
        {"events": [{"seq": 5, "type": "view", "center": [91, 0], "zoom": 3}]},
        {"events": [{"seq": 5, "type": "view", "center": [1, 2], "zoom": 99}]},
        {"events": [{"seq": 5, "type": "view", "center": "1,2", "zoom": 3}]},
        {"events": [{"seq": 5, "type": "other"}]},
    ]
    for value in bad:
        assert parse_events(value, 0) == [], value
    # an html-escaped id from the marker data comes back as the id
    assert parse_events({"events": [{"seq": 1, "type": "click", "place": "cur:a&amp;b"}]}, 0) == []
    assert parse_events({"events": [{"seq": 1, "type": "click", "place": "gn:1&#x2e;2"}]}, 0)[0].place == "gn:1.2"


def test_commands_grow_and_layer_data_is_json():
    import json

    a, b = new_command("gn:1", (1.0, 2.0)), new_command("gn:2", None)
    assert b.seq > a.seq
    data = json.loads(layer_data([]))
    assert data["rows"] == [] and "fields" in data


def test_play_data_counts_each_marker_per_window_from_memory():
    from datetime import date

    import numpy as np
    import pandas as pd

    from mapapp.store.filters import Filters
    from mapapp.store.placecounts import PlaceCounts
    from mapapp.ui.mapcomponent import play_data, window_end, window_start

    places = pd.DataFrame(
        {
            "place_id": ["gn:1", "gn:2", "gn:3"],
            "place": ["A", "B", "C"],
            "country": ["AZ", "AZ", "AM"],
            "lat": [40.0, 41.0, 40.2],
            "lon": [47.0, 45.0, 44.5],
            "kind": ["city"] * 3,
        }
    )
    days = [None, "0001-01-01", "2020-07-06", "2020-07-12", "2020-08-01", "9999-12-31"]
    day = np.array([0, 1, 2, 2, 3, 4, 5], dtype=np.int32)
    place = np.array([0, 0, 0, 1, 0, 1, 2], dtype=np.int32)
    counts = PlaceCounts.from_arrays(places, days, day, place, np.arange(7, dtype=np.uint64), np.zeros(7, dtype=bool))
    d = play_data(counts, Filters(), ["gn:2", "gn:1"], "month")  # marker 0 is gn:2, marker 1 gn:1
    assert d is not None and d["bins"] == ["0001-01-01", "2020-07-01", "2020-08-01", "9999-12-01"]
    got = sorted(zip(d["m"], d["b"], d["c"], strict=True))
    # gn:2: July and August 2020; gn:1: year 1 and twice in July 2020 (its undated mention is
    # not played); gn:3 (9999) is no marker here
    assert got == [(0, 1, 1), (0, 2, 1), (1, 0, 1), (1, 1, 2)]
    week = play_data(counts, Filters(), ["gn:1"], "week")
    assert week is not None and "2020-07-06" in week["bins"]  # 6 and 12 July 2020: one week
    assert play_data(counts, Filters(text="x"), ["gn:1"], "month") is None
    assert window_start(date(2020, 7, 12), "week") == date(2020, 7, 6)
    assert window_start(date(1, 1, 3), "week") == date(1, 1, 1)
    assert window_end(date(9999, 12, 1), "month") == date(9999, 12, 31)
    assert window_end(date(9999, 12, 27), "week") == date(9999, 12, 31)


def test_the_fast_layer_equals_the_marker_rows_layer():
    """The maps built whole (``marker_rows`` + ``PlaceMarkers``: standalone pages, PNG,
    snapshots) carry exactly the app's layer (``LayerEncoder``, which ``marker_rows`` reads back),
    whatever the frame holds: areas, undated places, bad points, hostile names, popups with
    excerpts, both colourings, and a second call reusing what it kept."""
    import pandas as pd

    from mapapp.web.markers import LayerEncoder, PlaceMarkers, marker_rows

    places = pd.DataFrame(
        [
            ("gn:1", "Baku", "AZ", 40.37, 49.83, "city", 40, 30, "2020-07-01", "2020-09-30"),
            ("gn:2", "Tovuz <b>'x'</b> {{7*7}}", None, 40.99, 45.61, "city", 12, 9, "2020-07-12", "2020-07-14"),
            ("gn:3", "Azerbaijan", "AZ", 40.5, 47.5, "country", 30, 20, "2019-01-01", "2020-09-01"),
            ("gn:4", "Yevlakh", "AZ", 40.62, 47.15, "city", 5, 5, None, None),
            ("gn:5", "Nowhere", "XX", None, 10.0, "city", 4, 4, "2020-01-01", "2020-01-01"),
            ("gn:6", "Far_away&co", "AM", 91.0, 10.0, "admin1", 3, 3, "2020-01-01", "2020-01-01"),
            ("gn:7", "Ganja", "AZ", 40.68291234, 46.36, "landmark", 2, 1, "2018-03-04", "2018-03-04"),
        ],
        columns=[
            "place_id", "place", "country", "lat", "lon", "kind",
            "n_mentions", "n_articles", "first_date", "last_date",
        ],
    )  # fmt: skip
    excerpts = pd.DataFrame(
        [
            {"place_id": "gn:1", "article_id": "a", "sentence": "Shelling near <Baku>.", "name": "Baku",
             "start": 15, "end": 19, "event_date": "2020-09-30", "title": "T", "source": "S", "url": None},
        ]
    )  # fmt: skip
    best = {"gn:2": 0.3, "gn:3": 0.9}
    enc = LayerEncoder(best)
    for colour in ("kind", "recency"):
        for k in (0, 2):
            rows = marker_rows(places, excerpts, popup_excerpts=k, colour_by=colour, best_scores=best)
            want = PlaceMarkers(rows, colour_by=colour).data_js
            for _ in range(2):  # the second call reuses the places' kept parts
                got = enc.encode(places, excerpts, popup_excerpts=k, colour_by=colour)
                assert got.data_js == want
                assert got.place_ids == ("gn:1", "gn:2", "gn:3", "gn:4", "gn:7")
    assert LayerEncoder().encode(places.iloc[:0], popup_excerpts=0).data_js == PlaceMarkers([]).data_js


def test_the_date_strip_events_are_read_defensively():
    from datetime import date

    value = {
        "events": [
            {"seq": 3, "type": "range", "from": "2020-07-01", "to": None},
            {"seq": 4, "type": "range", "from": None, "to": "9999-12-31"},
            {"seq": 5, "type": "counts"},
            {"seq": 6, "type": "range", "from": "2020-13-01", "to": None},
            {"seq": 7, "type": "range", "from": 20200701, "to": None},
            {"seq": 8, "type": "range", "from": "2020-07-01T00:00", "to": None},
        ],
        "have": "abc",
    }
    assert parse_events(value, 0) == [
        MapEvent(3, "range", start=date(2020, 7, 1)),
        MapEvent(4, "range", end=date(9999, 12, 31)),
        MapEvent(5, "counts"),
    ]
    from mapapp.ui.mapcomponent import held_counts

    assert held_counts(value) == "abc"
    assert held_counts({"have": ["x"]}) is None and held_counts(None) is None


def test_the_strip_bins_tile_the_track():
    from datetime import date, timedelta

    from mapapp.ui.mapcomponent import RANGE_BINS, range_bins

    lo, hi = date(2020, 2, 12), date(2020, 5, 3)
    for unit, n in (("day", 82), ("week", 12), ("month", 4)):
        got = range_bins(lo, hi, unit)
        assert got is not None
        starts, ends = got
        assert len(starts) == n and starts[0] == lo and ends[-1] == hi, unit
        assert all(e + timedelta(days=1) == s for e, s in zip(ends, starts[1:], strict=False))
    assert range_bins(date(1700, 1, 1), date(1700, 1, 1) + timedelta(days=RANGE_BINS), "day") is None
    months = range_bins(date(1700, 1, 1), date(2250, 12, 31), "month")  # months: never too many
    assert months is not None and len(months[0]) == 551 * 12
    assert range_bins(date(9999, 12, 1), date(9999, 12, 31), "week") is not None


def _counts(seed: int = 3):
    """A small in-memory ``PlaceCounts``: 6 places (two in AM), 400 mentions over 2019-2021,
    some undated, some demonyms, some before and after the track used below."""
    import random

    import numpy as np
    import pandas as pd

    from mapapp.store.placecounts import PlaceCounts

    rnd = random.Random(seed)
    places = pd.DataFrame(
        {
            "place_id": [f"gn:{i}" for i in range(6)],
            "place": [f"P{i}" for i in range(6)],
            "country": ["AZ", "AZ", "AM", "AM", "GE", "AZ"],
            "lat": [40.0 + i for i in range(6)],
            "lon": [45.0 + i for i in range(6)],
            "kind": ["city", "city", "admin1", "city", "country", "city"],
        }
    )
    days = [None] + [f"{y}-{m:02d}-{d:02d}" for y in (2019, 2020, 2021) for m in range(1, 13) for d in (1, 9, 17, 28)]
    rows = sorted(
        ((rnd.choice(range(len(days))) if rnd.random() > 0.1 else 0), rnd.choice([0, 0, 0, 1, 1, 2, 3, 4, 5]))
        for _ in range(400)
    )
    rows.sort(key=lambda r: (days[r[0]] is not None, days[r[0]] or ""))
    day = np.array([r[0] for r in rows], dtype=np.int32)
    place = np.array([r[1] for r in rows], dtype=np.int32)
    article = np.array([rnd.randrange(120) for _ in rows], dtype=np.uint64)
    demonym = np.array([rnd.random() < 0.1 for _ in rows], dtype=bool)
    return PlaceCounts.from_arrays(places, days, day, place, article, demonym)


def test_the_strip_counts_sum_to_what_the_app_would_show_for_any_range():
    """Summed over any range of bins as the browser sums them (plus the undated when they are
    in), each marker's counts are its mentions for those dates (``PlaceCounts.places_for``,
    itself equal to ``Store.places``); the bars are every mention of the filtered places in
    each bin of the track."""
    from datetime import date

    from mapapp.store.filters import Filters
    from mapapp.ui.mapcomponent import range_data

    counts = _counts()
    track = (date(2019, 6, 1), date(2021, 3, 31))
    for f in (
        Filters(),
        Filters(include_undated=False),
        Filters(include_demonyms=True, countries=("AZ",)),
    ):
        base = counts.places_for(f)
        ids = base["place_id"].tolist()[::-1]  # any order: the layer's
        for pairs in (None, 30):
            import mapapp.ui.mapcomponent as mc

            old = mc.RANGE_PAIRS
            if pairs:
                mc.RANGE_PAIRS = pairs  # too many day and week counts: months
            try:
                d = range_data(counts, f, ids, track)
            finally:
                mc.RANGE_PAIRS = old
            assert d["unit"] == ("month" if pairs else "day")
            c = d["counts"]
            assert c is not None
            starts, ends, nb = d["starts"], d["ends"], len(d["starts"])
            for a, z in ((0, nb - 1), (0, nb // 3), (nb // 4, nb // 2), (nb // 2, nb - 1), (3, 3)):
                want = counts.places_for(
                    f.replace(
                        date_from=date.fromisoformat(starts[a]) if a > 0 else None,
                        date_to=date.fromisoformat(ends[z]) if z < nb - 1 else None,
                    )
                )
                want_n = dict(zip(want["place_id"], want["n_mentions"], strict=True))
                got_n = {}
                for i, pid in enumerate(ids):
                    n = sum(
                        cc
                        for bb, cc in zip(
                            c["b"][c["off"][i] : c["off"][i + 1]], c["c"][c["off"][i] : c["off"][i + 1]], strict=True
                        )
                        if a <= bb <= z
                    )
                    n += c["u"][i] if f.include_undated else 0
                    if n:
                        got_n[pid] = n
                assert got_n == want_n, (f, a, z)
            inside = f.replace(date_from=track[0], date_to=track[1], include_undated=False)
            assert sum(d["totals"]) == int(counts.places_for(inside)["n_mentions"].sum())
    assert range_data(counts, Filters(text="talks"), ["gn:1"], track)["counts"] is None
    assert range_data(None, Filters(), [], track)["totals"] is None


def test_before_the_counts_the_strip_has_bars_per_month_from_the_monthly_timeline():
    from datetime import date

    from mapapp.ui.mapcomponent import range_months

    got = range_months(
        (date(2019, 12, 10), date(2020, 3, 5)),
        ["2019-11", "2019-12", "2020-01", "2020-03", "2020-04", "bad"],
        [7, 2, 5, 4, 9, 1],
    )
    assert got["unit"] == "month" and got["counts"] is None
    assert got["starts"] == ["2019-12-10", "2020-01-01", "2020-02-01", "2020-03-01"]
    assert got["ends"] == ["2019-12-31", "2020-01-31", "2020-02-29", "2020-03-05"]
    assert got["totals"] == [2, 5, 0, 4]  # months outside the track left out
    # a track from year 1 to 9999 places any month
    far = range_months((date(1, 1, 1), date(9999, 12, 31)), ["0001-01", "9999-12"], [1, 3])
    assert far["totals"][0] == 1 and far["totals"][-1] == 3 and len(far["totals"]) == 9999 * 12
