"""The pure parts of benchmarks/eval_realnews.py: aligning system offsets to the raw text and the
metric arithmetic. Builds its own tiny texts; never reads the shared corpus."""

from __future__ import annotations

import json

import pytest

import benchmarks.eval_realnews as ev


def test_doc_key_is_sha1_prefix():
    assert ev.doc_key("abc") == "a9993e364706816a"


def test_haversine_known_distance():
    # London - Paris is about 344 km
    d = ev.haversine_km(51.5074, -0.1278, 48.8566, 2.3522)
    assert 340 < d < 348
    assert ev.haversine_km(10, 10, 10, 10) == 0


def test_align_identity_when_cleaning_changed_nothing():
    raw = "Floods hit Leeds and York."
    ms = [("Leeds", 11, 16), ("York", 21, 25)]
    assert ev.align_mentions(raw, ms) == [(11, 16), (21, 25)]


def test_align_follows_drift_and_picks_the_right_repeat():
    # the cleaned text dropped a 20-character boilerplate line, so raw offsets are +20 after it
    raw = "BOILERPLATE LINE 123\nLeeds beat York. Later Leeds and York again."
    cleaned = raw[21:]
    ms = [
        (n, cleaned.find(n, s), cleaned.find(n, s) + len(n))
        for n, s in [("Leeds", 0), ("York", 0), ("Leeds", 10), ("York", 20)]
    ]
    spans = ev.align_mentions(raw, ms)
    assert [raw[a:b] for a, b in spans] == ["Leeds", "York", "Leeds", "York"]
    assert spans[0][0] == 21 and spans[2][0] == raw.index("Leeds", 30)
    assert spans[3][0] == raw.rindex("York")


def test_align_handles_nbsp_and_unknown_names_and_input_order():
    raw = "From Los\xa0Angeles to Rome."
    ms = [("Rome", 20, 24), ("Los Angeles", 5, 16), ("Atlantis", 0, 8)]
    spans = ev.align_mentions(raw, ms)
    assert raw[spans[0][0] : spans[0][1]] == "Rome"
    assert raw[spans[1][0] : spans[1][1]] == "Los\xa0Angeles"
    assert spans[2] is None


def _g(s, e, lat=50.0, lon=0.0, type="city", **kw):
    return ev.Gold(start=s, end=e, lat=lat, lon=lon, type=type, **kw)


def _s(s, e, lat=50.0, lon=0.0, **kw):
    return ev.Sys(start=s, end=e, lat=lat, lon=lon, **kw)


def test_score_doc_recognition_resolution_and_marker_share():
    gold = [
        _g(0, 5),  # exact match, right place
        _g(10, 20, lat=0.0, lon=0.0),  # overlap match, wrong place (~5,560 km away)
        _g(30, 35),  # missed
        _g(40, 45, lat=None, lon=None),  # ambiguous: no point
    ]
    sysm = [
        _s(0, 5),
        _s(12, 20),
        _s(50, 55),  # false positive, mapped -> a wrong marker
        _s(40, 45),  # over the pointless gold -> unscorable
        _s(60, 65, lat=None, lon=None),  # false positive, not mapped
    ]
    c = ev.score_doc(gold, sysm)
    assert (c.gold, c.sys) == (4, 5)
    assert c.tp_exact == 2  # (0,5) and (40,45)
    assert c.tp_overlap_gold == 3 and c.tp_overlap_sys == 3
    assert c.resolved == 2 and c.correct161 == 1
    assert c.mapped == 3 and c.mapped_right == 1 and c.mapped_unscorable == 1
    s = ev.summary(c)
    assert s["exact"][0] == pytest.approx(2 / 5) and s["exact"][1] == pytest.approx(2 / 4)
    assert s["overlap"][1] == pytest.approx(3 / 4)
    assert s["acc161"] == pytest.approx(0.5)
    assert s["mapped_right"] == pytest.approx(1 / 3)
    assert s["median_km"] == pytest.approx(ev.statistics.median(c.errors_km))


def test_within_161_km_counts_as_right():
    gold = [_g(0, 5, lat=51.5, lon=-0.13)]
    near = [_s(0, 5, lat=51.75, lon=-1.25)]  # Oxford, ~80 km
    far = [_s(0, 5, lat=53.48, lon=-2.24)]  # Manchester, ~260 km
    assert ev.score_doc(gold, near).mapped_right == 1
    assert ev.score_doc(gold, far).mapped_right == 0


def test_demonyms_left_out_unless_asked():
    gold = [_g(0, 7, type="demonym"), _g(10, 15)]
    sysm = [_s(0, 7, demonym=True), _s(10, 15), _s(20, 27, demonym=True)]
    c = ev.score_doc(gold, sysm)
    assert (c.gold, c.sys, c.tp_exact) == (1, 1, 1)
    # a system *toponym* over a gold demonym is not a false positive without --demonyms
    c = ev.score_doc(gold, [_s(0, 7)])
    assert (c.gold, c.sys, c.mapped) == (1, 0, 0)
    c = ev.score_doc(gold, sysm, demonyms=True)
    assert (c.gold, c.sys, c.tp_exact) == (2, 3, 2)


def test_stated_day_scoring():
    gold = [
        _g(0, 5, date="2020-09-07", date_precision="day", sentence_states_day=True),
        _g(10, 15, date="2020-09-07", date_precision="day", sentence_states_day=True),
        _g(20, 25, date="2020-09-07", date_precision="day", sentence_states_day=True),
        _g(30, 35, date="2020-09", date_precision="month"),  # not a stated day: not scored
    ]
    sysm = [
        _s(0, 5, event_date="2020-09-07", date_precision="day"),
        _s(10, 15, event_date="2020-09-07", date_precision="published"),  # fallback
        _s(30, 35, event_date="2020-09-07", date_precision="day"),
    ]
    errs = []
    c = ev.score_doc(gold, sysm, errors=errs)
    assert (c.day_gold, c.day_right, c.day_right_lenient) == (3, 1, 2)
    assert (c.day_found, c.day_found_right) == (2, 1)  # the third stated-day place was not found
    kinds = sorted(k for k, _, _ in errs)
    assert kinds == ["miss", "wrong date", "wrong date"]


def test_counts_add_and_prf_edges():
    a, b = ev.Counts(gold=2, errors_km=[1.0]), ev.Counts(gold=3, errors_km=[2.0])
    a.add(b)
    assert a.gold == 5 and a.errors_km == [1.0, 2.0]
    assert ev.prf(0, 0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = ev.prf(1, 2, 1, 4)
    assert (p, r) == (0.5, 0.25) and f == pytest.approx(1 / 3)


def test_gold_loading_and_system_rows(tmp_path):
    gold = tmp_path / "g.jsonl"
    doc = {
        "doc": ev.doc_key("a1"),
        "split": "test",
        "toponyms": [
            {
                "start": 5,
                "end": 10,
                "lat": 53.8,
                "lon": -1.55,
                "geonameid": 2644688,
                "type": "city",
                "date": None,
                "date_precision": None,
                "sentence_states_day": False,
            }
        ],
    }
    gold.write_text(json.dumps(doc) + "\n\n", encoding="utf-8")
    docs = ev.load_gold(gold)
    assert len(docs) == 1 and ev.gold_toponyms(docs[0])[0].geonameid == 2644688
    shared = tmp_path / "s.jsonl"
    shared.write_text("not json\n" + json.dumps({"id": "a1", "text": "Rain Leeds now."}) + "\n", encoding="utf-8")
    arts = ev.load_articles(shared, {doc["doc"]})
    assert arts[doc["doc"]]["text"] == "Rain Leeds now."
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        [
            {
                "article_id": "/tmp/x.jsonl#a1",
                "name": "Leeds",
                "start": 5,
                "end": 10,
                "lat": 53.8,
                "lon": -1.55,
                "demonym": False,
                "event_date": float("nan"),
                "date_precision": "published",
            },
            {
                "article_id": "/tmp/x.jsonl#other",
                "name": "York",
                "start": 0,
                "end": 4,
                "lat": 1.0,
                "lon": 1.0,
                "demonym": False,
            },
        ]
    )
    sysm, unaligned = ev.system_by_article(df, arts)
    assert unaligned == 0 and list(sysm) == [doc["doc"]]
    s = sysm[doc["doc"]][0]
    assert (s.start, s.end, s.event_date) == (5, 10, None)
    c = ev.score_doc(ev.gold_toponyms(docs[0]), sysm[doc["doc"]])
    assert c.tp_exact == 1 and c.mapped_right == 1


def test_errors_refused_outside_tune(tmp_path):
    with pytest.raises(SystemExit) as e:
        ev.main([str(tmp_path / "g"), str(tmp_path / "s"), "--split", "test", "--errors", "5"])
    assert e.value.code == 2


def test_macro_mapped_right_weights_articles_equally():
    a = ev.Counts(mapped=10, mapped_right=10)
    b = ev.Counts(mapped=2, mapped_right=0)
    empty = ev.Counts()
    assert ev.macro_mapped_right([a, b, empty]) == pytest.approx(0.5)
    assert ev.macro_mapped_right([empty]) is None


def test_exported_article_ids_map_back_to_their_records():
    """``mapapp export`` names a record ``<file>#<id>@<short hash>`` (no server path)."""
    ids = {"some_story_id", "other"}
    assert ev._article_of("news.jsonl#some_story_id@1f2e3d4c5b", ids) == "some_story_id"
    assert ev._article_of("/old/path/news.jsonl#other", ids) == "other"
    assert ev._article_of("news.jsonl#unknown@1f2e3d4c5b", ids) is None


def test_min_score_counts_what_hide_uncertain_leaves():
    gold = [ev.Gold(0, 5, 53.8, -1.55, "city"), ev.Gold(10, 14, 53.96, -1.08, "city")]
    system = [
        ev.Sys(start=0, end=5, lat=53.8, lon=-1.55, score=0.9),  # right, sure
        ev.Sys(start=10, end=14, lat=40.0, lon=-75.0, score=0.2),  # wrong, hidden
        ev.Sys(start=20, end=25, lat=1.0, lon=1.0, score=0.7),  # no place, shown
    ]
    c = ev.score_doc(gold, system, min_score=0.5)
    assert (c.mapped, c.mapped_right, c.sure, c.sure_right) == (3, 1, 2, 1)


def test_sample_scores_judged_mentions_by_pool_and_threshold(capsys):
    import benchmarks.eval_sample as es

    def row(doc, verdict, score):
        return {"doc": doc, "start": 0, "end": 4, "verdict": verdict, "system": {"score": score}}

    sample = [
        row("0abc", "right", 0.9),
        row("1abc", "wrong", 0.3),
        row("9abc", "right", 0.8),
        row("fabc", "wrong", 0.9),
    ]
    es.score(sample, 0.5, None)
    out = capsys.readouterr().out
    assert "all: 50.0% right (2/4); score >= 0.5: 66.7% right (2/3), 25.0% hidden (1 of the 1 hidden were wrong)" in out
    assert "held-out: 50.0% right (1/2)" in out and "tune: 50.0% right (1/2)" in out
    assert es.pool("7fff") == "tune" and es.pool("8000") == "held-out"


def test_a_judged_place_without_a_point_is_right_nowhere():
    """A reader may name the place meant but give no point ("Pacific Rim"): the sample scorer
    counts the mention wrong at any point instead of failing on the missing coordinates."""
    import benchmarks.eval_sample as es

    judged = {"verdict": "wrong", "right": {"name": "Pacific Rim", "lat": None, "lon": None}}
    assert es._right(judged, 0.0, -160.0) is False
    assert es._right({"right": {"name": "Paris", "lat": 48.85, "lon": 2.35}}, 48.86, 2.34) is True
