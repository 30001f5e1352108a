"""Scoring a tiny gold file written here: the figures a user reads from ``mapapp evaluate``."""

from __future__ import annotations

import json

import pytest

from mapapp import cli
from mapapp.geo.evaluate import MAX_ERROR_KM, geo_metrics, haversine_km, score

TEXT = "Protesters gathered in Baku on Monday, then marched toward Yevlakh. Police in Springfield watched."


def _gold(tmp_path):
    def span(name):
        s = TEXT.index(name)
        return s, s + len(name)

    b, y, s = span("Baku"), span("Yevlakh"), span("Springfield")
    doc = {
        "id": "d1",
        "text": TEXT,
        "toponyms": [
            {"start": b[0], "end": b[1], "name": "Baku", "lat": 40.37767, "lon": 49.89201},
            {"start": y[0], "end": y[1], "name": "Yevlakh", "lat": 40.61832, "lon": 47.15014},
            {
                "start": s[0],
                "end": s[1],
                "name": "Springfield",
                "lat": -33.0,
                "lon": 151.0,
            },  # a place we cannot get right
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(doc) + "\n" + json.dumps({"id": "d2", "text": "Nothing here.", "toponyms": []}) + "\n")
    return path


def test_score_counts_exact_and_overlapping_spans():
    gold = {
        "a": {
            "toponyms": [
                {"start": 0, "end": 4, "lat": 0.0, "lon": 0.0},
                {"start": 10, "end": 20, "lat": 0.0, "lon": 0.0},
            ]
        }
    }
    pred = {
        "a": {
            "toponyms": [
                {"start": 0, "end": 4, "lat": 0.0, "lon": 1.0},
                {"start": 12, "end": 25, "lat": None, "lon": None},
                {"start": 30, "end": 35, "lat": 0.0, "lon": 0.0},
            ]
        }
    }
    r = score(gold, pred)
    assert (r["recognition_exact"]["tp"], r["recognition_exact"]["fp"], r["recognition_exact"]["fn"]) == (1, 2, 1)
    assert (r["recognition_lenient"]["tp"], r["recognition_lenient"]["fp"], r["recognition_lenient"]["fn"]) == (2, 1, 0)
    assert r["resolution_matched"]["n"] == 1 and r["resolution_matched"]["acc@161"] == 1.0
    e2e = r["resolution_end_to_end"]
    assert e2e["n"] == 2 and e2e["acc@161"] == 0.5
    assert e2e["mean_km"] == pytest.approx((haversine_km(0, 0, 0, 1) + MAX_ERROR_KM) / 2, abs=0.1)


def test_geo_metrics_auc_and_median():
    m = geo_metrics([0.0, 100.0, 1000.0])
    assert m["median_km"] == 100.0 and m["acc@161"] == pytest.approx(0.6667, abs=1e-4)
    assert 0 < m["AUC"] < 1
    assert geo_metrics([]) == {"n": 0}


def test_cli_evaluate_prints_the_metrics(tmp_path, capsys):
    gold = _gold(tmp_path)
    assert cli.main(["evaluate", str(gold)]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["docs"] == 2
    rec = r["recognition_exact"]
    assert rec["tp"] >= 2  # Baku and Yevlakh found with exact spans
    assert r["resolution_matched"]["acc@161"] < 1.0 or r["resolution_matched"]["n"] == 2  # the Australian Springfield
    assert r["resolution_end_to_end"]["n"] == 3
    ids = tmp_path / "ids.txt"
    ids.write_text("d2\n")
    assert cli.main(["evaluate", str(gold), "--docs", str(ids)]) == 0
    r2 = json.loads(capsys.readouterr().out)
    assert r2["docs"] == 1 and r2["recognition_exact"]["tp"] == 0


def test_cli_evaluate_missing_file(tmp_path, capsys):
    assert cli.main(["evaluate", str(tmp_path / "nope.jsonl")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err


@pytest.mark.parametrize(
    "line, why",
    [
        ('{"id": ["d3"], "text": "Baku", "toponyms": []}', 'no "id"'),  # was: TypeError, unhashable list
        ('{"id": "d3", "text": "Baku"}', 'no "toponyms"'),  # was: KeyError 'toponyms'
        ('{"id": "d3", "text": "Baku", "toponyms": [{"start": "0", "end": 4}]}', "toponym 1"),
        ('{"id": "d3", "text": "Baku", "toponyms": [{"start": 0, "end": 40}]}', "toponym 1"),
        ('{"id": "d3", "text": "Baku", "toponyms": [{"start": 0, "end": 4, "lat": "40"}]}', '"lat"'),
        ("[1, 2]", "not an object"),
        ('{"id": "d3", ', "malformed JSON"),
    ],
)
def test_cli_evaluate_names_the_gold_line_it_cannot_score(tmp_path, capsys, line, why):
    gold = _gold(tmp_path)
    gold.write_text(gold.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
    assert cli.main(["evaluate", str(gold)]) == 2
    err = capsys.readouterr().err
    assert f"{gold}: line 3: " in err and why in err and "Traceback" not in err, err


def test_cli_geoparse_json_lines_with_a_bad_line(tmp_path, capsys, monkeypatch):
    f = tmp_path / "in.jsonl"
    f.write_text(
        json.dumps({"id": "x", "text": "Rallies in London and Baku."})
        + "\n{broken\n"
        + json.dumps({"id": "y", "text": "Azerbaijani protesters."})
        + "\n"
    )
    assert cli.main(["geoparse", str(f)]) == 1
    out, err = capsys.readouterr()
    lines = [json.loads(x) for x in out.splitlines()]
    assert [d["id"] for d in lines] == ["x", "y"]
    names = [(t["name"], t["country"], t["feature"]) for t in lines[0]["toponyms"]]
    assert names == [("London", "GB", "city"), ("Baku", "AZ", "city")]
    t = lines[0]["toponyms"][0]
    assert set(t) >= {"start", "end", "name", "lat", "lon", "place", "country", "feature", "score"}
    assert lines[1]["toponyms"] == []  # demonyms only with --demonyms
    assert "in.jsonl:2" in err
    assert cli.main(["geoparse", "--demonyms", str(f)]) == 1
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[1]["toponyms"][0]["name"] == "Azerbaijani"
