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
    """``LayerEncoder`` (the app's slider path) writes exactly what ``marker_rows`` and
    ``PlaceMarkers`` write, whatever the frame holds: areas, undated places, bad points, hostile
    names, popups with excerpts, both colourings, and a second call reusing what it kept."""
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
