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
