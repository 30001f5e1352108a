"""Corrections (issue 14): move a mention, mark "not a place", set a publication date; they are
stored with who and when, survive re-ingest of an edited article, can be listed, exported and
undone, and show as "corrected by ... on ..." in exports and snapshots (real SQLite stores, the
real ingest on a copy of the seeds, the real CLI)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from mapapp.cli import main
from mapapp.ingest import ingest
from mapapp.models import Place
from mapapp.store import Store
from mapapp.store import corrections as corr
from mapapp.store.filters import Filters
from mapapp.web import snapshots
from mapapp.web.export import to_csv, to_geojson
from mapapp.web.view import View

from factories import BAKU, GANJA, LONDON, article, mention, place_box

LONDON_ON = Place("gn:6058560", "London", 42.98339, -81.23304, "city", "CA", 346_765, "Ontario")


def today() -> str:
    """The UTC day a correction made now is stamped with."""
    return datetime.now(timezone.utc).date().isoformat()


ALL = Filters(include_undated=True, include_demonyms=True)


def _ingest(store: Store, folder) -> None:
    rep = ingest([folder], store, workers=1, progress=False)
    assert not rep.errors


def _london(store: Store):
    df = store.query(ALL)
    return df[df["name"] == "London"].iloc[0]


@pytest.fixture()
def seeded(tmp_path, seeds_dir):
    s = Store(tmp_path / "s.sqlite")
    _ingest(s, seeds_dir)
    yield s, seeds_dir
    s.close()


def test_move_is_marked_kept_over_reingest_and_undone(seeded):
    store, folder = seeded
    before = _london(store)
    assert before["place_id"] == LONDON.id and before["corrected"] is None
    c = corr.move(store, int(before["mention_id"]), LONDON_ON, author="alice")
    assert (c.author, c.action, c.scope, c.name) == ("alice", "move", "mention", "London")
    row = _london(store)
    assert (row["place_id"], row["country"], row["score"]) == (LONDON_ON.id, "CA", 1.0)
    assert row["corrected"] == f"corrected by alice on {today()}"
    # exports say so
    props = to_geojson(store.query(Filters(places=(LONDON_ON.id,))))["features"][0]["properties"]
    assert props["corrected"] == f"corrected by alice on {today()}" and props["place_id"] == LONDON_ON.id
    line = next(csv.DictReader(io.StringIO(to_csv(store.query(Filters(places=(LONDON_ON.id,)))))))
    assert line["corrected"] == f"corrected by alice on {today()}"
    # the article is edited (another paragraph added): re-ingest keeps the correction
    f = next(folder.glob("004_*.txt"))
    f.write_text(f.read_text(encoding="utf-8") + "\n\nA new closing paragraph about Baku.\n", encoding="utf-8")
    _ingest(store, folder)
    again = _london(store)
    assert int(again["mention_id"]) != int(before["mention_id"])  # new rows ...
    assert again["place_id"] == LONDON_ON.id and again["corrected"]  # ... the same correction
    # undo: the machine's place and score come back; the correction stays listed as undone
    u = corr.undo(store, c.id, author="bob")
    assert u.undone_by == "bob" and not u.active
    back = _london(store)
    assert back["place_id"] == LONDON.id and back["score"] == pytest.approx(before["score"])
    assert back["corrected"] is None
    assert corr.corrections(store) == [] and [x.id for x in corr.corrections(store, include_undone=True)] == [c.id]


def test_a_changed_sentence_no_longer_takes_the_correction(seeded):
    store, folder = seeded
    c = corr.move(store, int(_london(store)["mention_id"]), LONDON_ON, author="alice")
    f = next(folder.glob("004_*.txt"))
    f.write_text(f.read_text(encoding="utf-8").replace("peaceful rally in London", "big rally in London"), "utf-8")
    _ingest(store, folder)
    assert _london(store)["place_id"] == LONDON.id  # keyed by the sentence: this one changed
    assert corr.get(store, c.id).active  # still listed, in force for its (old) sentence


def test_not_a_place_and_undo(seeded):
    store, _ = seeded
    row = _london(store)
    n = store.count(ALL)
    c = corr.not_a_place(store, int(row["mention_id"]), author="alice")
    assert store.count(ALL) == n - 1 and (store.query(ALL)["name"] != "London").all()
    assert LONDON.id not in set(store.places(ALL)["place_id"])
    corr.undo(store, c.id)
    assert store.count(ALL) == n and _london(store)["place_id"] == LONDON.id


def test_scopes_article_corpus_and_precedence(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    a1 = article("a1", "Talks in Ganja and then Ganja again.")
    a2 = article("a2", "A rally in Ganja.", source="Azertag")
    store.upsert_article(a1, [mention(a1, "Ganja", GANJA, date(2020, 7, 1)), mention(a1, "Ganja again", GANJA, None)])
    store.upsert_article(a2, [mention(a2, "Ganja", GANJA, date(2020, 7, 2))])
    ids = store.query(ALL).set_index("article_id")["mention_id"]
    first_a1 = int(store.query(ALL).query("article_id == 'a1' and name == 'Ganja'")["mention_id"].iloc[0])
    corr.move(store, first_a1, BAKU, scope="corpus", author="x")
    moved = store.query(ALL)
    assert set(moved[moved["name"] == "Ganja"]["place_id"]) == {BAKU.id}  # both articles
    assert moved[moved["name"] == "Ganja again"]["place_id"].tolist() == [GANJA.id]  # another name
    # a narrower correction wins over the corpus one, whatever their order
    a2_id = int(ids.loc["a2"])
    corr.not_a_place(store, a2_id, scope="article", author="y")
    left = store.query(ALL)
    assert "a2" not in set(left["article_id"]) and set(left[left["name"] == "Ganja"]["place_id"]) == {BAKU.id}
    # an article written later takes the corpus correction (and one by outlet)
    a3 = article("a3", "Ganja was calm.", source="Azertag")
    store.upsert_article(a3, [mention(a3, "Ganja", GANJA, date(2020, 7, 3))])
    assert (
        store.query(Filters(places=(BAKU.id,)))
        .query("article_id == 'a3'")["corrected"]
        .iloc[0]
        .startswith("corrected by x on ")
    )
    with pytest.raises(corr.CorrectionError, match="scope"):
        corr.move(store, first_a1, BAKU, scope="planet")
    with pytest.raises(corr.CorrectionError, match="no mention 999"):
        corr.move(store, 999, BAKU)
    store.close()


def test_set_published_dates_the_undated_and_undo(seeded):
    store, _ = seeded
    undated = store.query(Filters(include_undated=True, include_demonyms=True))
    aid = next(a for a in undated["article_id"].unique() if "003_" in a)
    assert undated[undated["article_id"] == aid]["event_date"].isna().all()
    c = corr.set_published(store, aid, "2020-10-05", author="carol")
    rows = store.query(Filters(date_from=date(2020, 10, 5), date_to=date(2020, 10, 5), include_demonyms=True))
    mine = rows[rows["article_id"] == aid]
    assert len(mine) and (mine["date_precision"] == "published").all() and (mine["published"] == "2020-10-05").all()
    assert (mine["corrected"] == f"corrected by carol on {today()}").all()
    assert store.article(aid)["published"] == "2020-10-05"
    corr.undo(store, c.id)
    assert store.article(aid)["published"] is None
    assert store.query(ALL).query("article_id == @aid")["event_date"].isna().all()
    with pytest.raises(corr.CorrectionError, match="not a date"):
        corr.set_published(store, aid, "5 October")


def test_snapshot_before_a_correction_keeps_what_it_showed(seeded):
    store, _ = seeded
    f = Filters(include_demonyms=True)
    sid = snapshots.save_snapshot(store, View(filters=f), store.query(f), "before")
    corr.move(store, int(_london(store)["mention_id"]), LONDON_ON, author="alice")
    frozen = store.snapshot_rows(sid)
    old = frozen[frozen["name"] == "London"].iloc[0]
    assert old["place_id"] == LONDON.id and old["corrected"] is None
    sid2 = snapshots.save_snapshot(store, View(filters=f), store.query(f), "after")
    new = store.snapshot_rows(sid2)
    assert new[new["name"] == "London"].iloc[0]["corrected"] == f"corrected by alice on {today()}"


def test_candidates_are_the_resolvers_alternatives_first(seeded):
    store, _ = seeded
    cands = corr.candidates(store, int(_london(store)["mention_id"]))
    assert cands and all(c.origin == "resolver" for c in cands) and LONDON.id not in {c.place_id for c in cands}
    assert LONDON_ON.id in {c.place_id for c in cands}


def test_cli_mirrors_the_api(seeded, capsys, tmp_path):
    store, _ = seeded
    db = store.path
    mid = str(int(_london(store)["mention_id"]))
    store.close()
    assert main(["correct", "move", mid, LONDON_ON.id, "--db", db, "--by", "dora"]) == 0
    out = capsys.readouterr().out
    assert "'London' -> gn:6058560" in out and "corrected by dora on" in out
    assert main(["correct", "list", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("1\t")
    assert main(["export", "--db", db, "--format", "geojson", "--place", LONDON_ON.id]) == 0
    feats = json.loads(capsys.readouterr().out)["features"]
    assert [f["properties"]["corrected"] for f in feats] == [f"corrected by dora on {today()}"]
    target = tmp_path / "corrections.csv"
    assert main(["correct", "export", "--db", db, "-o", str(target)]) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["action"], r["author"], r["place_id"], r["undone_at"]) for r in rows] == [
        ("move", "dora", LONDON_ON.id, "")
    ]
    assert main(["correct", "undo", "1", "--db", db, "--by", "eve"]) == 0
    assert "undone by eve" in capsys.readouterr().out
    assert main(["correct", "undo", "1", "--db", db]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "undone already" in err
    assert main(["correct", "not-a-place", "123456", "--db", db]) == 1
    assert "no mention 123456" in capsys.readouterr().err
    # the publication date by the id exports publish
    with Store(db) as s:
        aid = next(a for a in s.query(ALL)["article_id"].unique() if "001_" in a)
        public = to_geojson(s.query(ALL).query("article_id == @aid").head(1))["features"][0]["properties"]["article_id"]
    assert main(["correct", "published", public, "2020-09-21", "--db", db]) == 0
    with Store(db) as s:
        assert s.article(aid)["published"] == "2020-09-21"


def test_a_read_only_store_from_before_corrections_still_reads(tmp_path):
    """A store written by the mapapp before migration 006 and opened read-only (never migrated)
    still answers queries and snapshots, with no correction marks."""
    import os
    import sqlite3

    from mapapp.store import open_store

    from factories import one_article_store

    db = one_article_store(tmp_path / "old.sqlite")
    with Store(db) as s:
        sid = snapshots.save_snapshot(s, View(filters=ALL), s.query(ALL), "old")
    with sqlite3.connect(db) as c:  # back to schema 5: what an older mapapp wrote
        c.execute("DROP TABLE corrections")
        c.execute("ALTER TABLE snapshot_mentions DROP COLUMN corrected")
        c.execute("DELETE FROM schema_migrations WHERE version >= 6")
    os.chmod(db, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        s = open_store(db)
        assert s.query(ALL)["corrected"].tolist() == [None]
        assert s.snapshot_rows(sid)["corrected"].tolist() == [None]
        s.close()
    finally:
        os.chmod(tmp_path, 0o755)
        os.chmod(db, 0o644)


def test_candidates_have_scores_and_labels_that_tell_namesakes_apart(seeded):
    """`mapapp correct candidates` once printed 0.000 for every alternative (rounded away) and
    "London (US)" four times; now the chance the resolver gave each, and whose London it is."""
    from mapapp.geo.gazetteer import Gazetteer

    store, _ = seeded
    cands = corr.candidates(store, int(_london(store)["mention_id"]), Gazetteer.open())
    resolver = [c for c in cands if c.origin == "resolver"]
    assert resolver and all(0 < c.score < 0.5 for c in resolver)
    assert [c.score for c in resolver] == sorted((c.score for c in resolver), reverse=True)
    assert len({c.label for c in cands}) == len(cands)
    assert any(c.place_id == LONDON_ON.id and c.label.startswith("London, Ontario, CA (city") for c in cands)
    assert any(c.origin == "gazetteer" and c.score > 0 for c in cands)
    hits = corr.search(Gazetteer.open(), "paris", limit=5)
    assert hits[0].label.startswith("Paris, Île-de-France, FR") and hits[0].score > 0.5
    assert any("Texas" in h.label for h in corr.search(Gazetteer.open(), "Paris", limit=12))
    assert corr.search(Gazetteer.open(), "   ") == []


@pytest.mark.parametrize(
    "typed, day", [("0001-01-01", date(1, 1, 1)), ("1-1-1", date(1, 1, 1)), ("9999-12-31", date(9999, 12, 31))]
)
def test_days_of_year_1_and_9999_are_days(typed, day):
    assert corr.parse_day(typed) == day


@pytest.mark.parametrize("typed", ["", "5 October", "2020-13-01", "10000-01-01", "2020-02-30"])
def test_a_bad_day_is_one_line_naming_it(typed):
    with pytest.raises(corr.CorrectionError, match="not a date"):
        corr.parse_day(typed)


# --- the app's side panel (AppTest on a real store) --------------------------------------------
APP = str(Path(__file__).resolve().parent.parent / "mapapp" / "app.py")
EVIL = "<script>alert(1)</script> **bold** [x](javascript:alert(2))"


@pytest.fixture()
def app_db(tmp_path, built_gazetteer) -> str:
    db = str(tmp_path / "app.sqlite")
    with Store(db) as s:
        a = article("a1", "A rally in London and a rally in London again.", source="Trend")
        s.upsert_article(
            a,
            [
                mention(a, "London", LONDON, date(2020, 7, 28)),
                replace(mention(a, "London", LONDON, date(2020, 7, 28)), start=33, end=39),
            ],
        )
        b = article("b1", "Talks in Baku.", source="Azertag")
        s.upsert_article(b, [mention(b, "Baku", BAKU, date(2020, 7, 29))])
    return db


def _app(monkeypatch, db: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("MAPAPP_DB", db)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _html(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _run(at):
    at.run()
    assert not at.exception, at.exception
    assert not [e.value for e in at.error if "could not be shown" in e.value]
    return at


def test_app_moves_a_mention_and_the_panel_follows_then_undo(monkeypatch, app_db):
    at = _app(monkeypatch, app_db)
    place_box(at).set_value(LONDON.id)
    _run(at)
    assert at.text_input(key="corr_author").value  # the OS user by default
    at.text_input(key="corr_author").input(EVIL)
    at.selectbox(key="corr_target").set_value(LONDON_ON.id)  # a gazetteer namesake of the name
    at.button(key="corr_apply").click()
    _run(at)
    assert any("Correction 1 made" in s.value.replace("\\", "") for s in at.success)
    # the panel now shows the new place, with the mark, escaped
    assert place_box(at).value == LONDON_ON.id
    body = _html(at)
    assert "corrected by &lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script" not in body
    with Store(app_db) as s:
        placed = s.query(ALL).set_index("mention_id")["place_id"]
    assert sorted(placed.tolist()) == sorted([BAKU.id, LONDON.id, LONDON_ON.id])  # this mention only
    # the list of corrections: undo puts it back
    assert any(e.label == "Corrections (1 in force)" for e in at.expander)
    at.button(key="corr_undo_1").click()
    _run(at)
    assert any(e.label == "Corrections (0 in force)" for e in at.expander)
    with Store(app_db) as s:
        assert sorted(s.query(ALL)["place_id"]) == sorted([BAKU.id, LONDON.id, LONDON.id])
        assert corr.get(s, 1).undone_at is not None


def test_app_not_a_place_for_the_article_and_bad_input_is_one_line(monkeypatch, app_db):
    at = _app(monkeypatch, app_db)
    place_box(at).set_value(LONDON.id)
    _run(at)
    at.selectbox(key="corr_target").set_value("")  # a place id typed in ...
    _run(at)
    at.text_input(key="corr_place_id").input("gn:<b>nowhere</b>")  # ... that does not exist
    at.button(key="corr_apply").click()
    _run(at)
    assert any("no place 'gn:<b>nowhere</b>'" in e.value.replace("\\", "") for e in at.error)
    at.radio(key="corr_action").set_value("published")
    _run(at)
    mid = at.selectbox(key="corr_mention").value
    for typed, ok in (("5 October", False), ("9999-12-31", True), ("0001-01-01", True)):
        at.text_input(key=f"corr_day_{mid}").input(typed)
        at.text_input(key="corr_author").input("")  # an empty name: the OS user
        at.button(key="corr_apply").click()
        _run(at)
        if ok:
            assert any("published " + typed in s.value.replace("\\", "") for s in at.success), typed
        else:
            assert any("not a date" in e.value for e in at.error)
    with Store(app_db) as s:
        assert s.article("a1")["published"] == "0001-01-01"
        assert {c.author for c in corr.corrections(s)} == {corr.default_author()}
    at.radio(key="corr_action").set_value("not_place")
    _run(at)
    at.radio(key="corr_scope").set_value("article")
    at.button(key="corr_apply").click()
    _run(at)
    with Store(app_db) as s:
        assert s.query(ALL)["place_id"].tolist() == [BAKU.id]  # both Londons of a1 are gone


def test_popups_and_the_standalone_page_say_corrected_by(seeded):
    from mapapp.web.markers import marker_rows
    from mapapp.web.standalone import standalone_html

    store, _ = seeded
    corr.move(store, int(_london(store)["mention_id"]), LONDON_ON, author="<i>alice</i>")
    f = Filters(places=(LONDON_ON.id,))
    rows = marker_rows(store.places(f), lambda pid: store.excerpts(pid, f))
    assert f"corrected by &lt;i&gt;alice&lt;/i&gt; on {today()}" in (rows[0].popup or "")
    page = standalone_html(store.places(f), store.query(f), View(filters=f))
    # (popups travel as JSON data: < and & as \\u escapes)
    assert "corrected by \\u0026lt;i\\u0026gt;alice\\u0026lt;/i\\u0026gt; on" in page and "<i>alice" not in page


# --- preferences: the geoparser learns from the corrections -----------------------------------
PARIS_TX = "gn:4717560"
PARIS_FR = "gn:2988507"


def _news(folder, name: str, outlet: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    rec = {"title": name, "source": outlet, "published": "2024-05-02", "text": text}
    (folder / f"{name}.json").write_text(json.dumps(rec), encoding="utf-8")


def _paris(store: Store, article_part: str):
    with store._lock:
        rows = store.conn.execute(
            "SELECT m.place_id, m.reason, m.correction_id FROM mentions m WHERE m.name = 'Paris' AND m.article_id LIKE ?",
            (f"%{article_part}%",),
        ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_a_corpus_wide_move_is_a_preference_the_geoparser_applies_to_new_articles(tmp_path):
    folder = tmp_path / "news"
    _news(folder, "first", "Lamar Herald", "The county fair opened in Paris on Friday, the mayor said.")
    store = Store(tmp_path / "s.sqlite")
    _ingest(store, folder)
    assert _paris(store, "first")[0] == PARIS_FR  # what the machine thinks
    mid = int(store.query(ALL).query("name == 'Paris'")["mention_id"].iloc[0])
    from mapapp.geo.gazetteer import Gazetteer

    paris_tx = corr.place_of(store, PARIS_TX, Gazetteer.open())
    c = corr.move(store, mid, paris_tx, scope="corpus", author="ana")
    prefs = corr.preferences(store)
    assert set(prefs) == {("", "paris")} and prefs[("", "paris")][0].id == PARIS_TX
    # a new article from the same outlet, ingested by worker processes (the preferences travel
    # with each task): the geoparser itself resolves Paris to Paris, Texas, and says why
    _news(folder, "second", "Lamar Herald", "Storms hit Paris overnight and the fair was closed.")
    _news(folder, "third", "Other Daily", "Fans gathered in Paris for the final.")
    rep = ingest([folder], store, workers=2, progress=False)
    assert not rep.errors
    for part in ("second", "third"):
        place, reason, cid = _paris(store, part)
        assert place == PARIS_TX and cid == c.id
        assert reason.startswith("analysts' preference: 'Paris' everywhere means Paris, Texas, US")
        assert reason.endswith(f"(correction {c.id})")
    # the correction stays the record: undoing it takes the preference away, and the articles
    # it chose for are geoparsed again without it
    corr.undo(store, c.id, author="ana")
    assert corr.preferences(store) == {}
    for part in ("first", "second", "third"):
        place, reason, cid = _paris(store, part)
        assert place == PARIS_FR and cid is None and "preference" not in reason
    store.close()


def test_an_outlet_preference_stays_in_its_outlet_and_the_geoparser_takes_it_as_a_parameter(tmp_path):
    from mapapp.geo.geoparse import Geoparser
    from mapapp.models import Article

    folder = tmp_path / "news"
    _news(folder, "first", "Lamar Herald", "The county fair opened in Paris on Friday, the mayor said.")
    store = Store(tmp_path / "s.sqlite")
    _ingest(store, folder)
    mid = int(store.query(ALL).query("name == 'Paris'")["mention_id"].iloc[0])
    corr.move(store, mid, corr.place_of(store, PARIS_TX, Geoparser().gazetteer), scope="source", author="ana")
    parser = Geoparser(preferences=corr.preferences(store))

    def resolve(outlet):
        a = Article(id=outlet, path="x.txt", text="Crowds filled Paris at night.", source=outlet)
        (m,) = [m for m in parser.mentions(a) if m.name == "Paris"]
        return m

    here, there = resolve("Lamar Herald"), resolve("Other Daily")
    assert here.place.id == PARIS_TX and "'Paris' in Lamar Herald means Paris, Texas" in here.reason
    assert here.alternatives[0][0] == PARIS_FR  # the resolver's own choice is kept first
    assert there.place.id == PARIS_FR and "preference" not in there.reason
    # not a place, everywhere: the geoparser keeps the mention off the map
    corr.not_a_place(store, mid, scope="corpus", author="bo")
    prefs = corr.preferences(store)
    assert prefs[("", "paris")][0] is None and "is not a place" in prefs[("", "paris")][1]
    assert (
        Geoparser(preferences=prefs)
        .mentions(Article(id="n", path="n.txt", text="Crowds filled Paris at night.", source="Other Daily"))[0]
        .place
        is None
    )
    store.close()


def test_app_on_a_read_only_store_lists_corrections_and_offers_no_form(monkeypatch, app_db, tmp_path):
    import os

    with Store(app_db) as s:
        mid = int(s.query(ALL).query("name == 'Baku'")["mention_id"].iloc[0])
        corr.move(s, mid, GANJA, author="ro")
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.chmod(app_db, 0o444)
    try:
        at = _app(monkeypatch, app_db)
        place_box(at).set_value(GANJA.id)
        _run(at)
        assert any("read-only" in c.value for c in at.caption)
        assert not [b for b in at.button if b.key == "corr_apply"]
        assert any(e.label == "Corrections (1 in force)" for e in at.expander)
        assert not [b for b in at.button if str(b.key).startswith("corr_undo_")]
    finally:
        os.chmod(app_db, 0o644)


def test_app_snapshot_frozen_before_a_correction_shows_what_it_showed(monkeypatch, app_db):
    """A frozen snapshot keeps the machine's London and offers no corrections; the live page
    shows the correction, marked."""
    from streamlit.testing.v1 import AppTest

    with Store(app_db) as s:
        sid = snapshots.save_snapshot(s, View(filters=ALL), s.query(ALL), "before")
        mid = int(s.query(ALL).query("name == 'London'")["mention_id"].iloc[0])
        corr.move(s, mid, LONDON_ON, author="snap")
    monkeypatch.setenv("MAPAPP_DB", app_db)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["snapshot"] = sid
    _run(at)
    place_box(at).set_value(LONDON.id)
    _run(at)
    body = _html(at)
    assert "London" in body and "corrected by" not in body
    assert not any(e.label == "Correct a mention" for e in at.expander)
    live = _app(monkeypatch, app_db)
    place_box(live).set_value(LONDON_ON.id)
    _run(live)
    assert f"corrected by snap on {today()}" in _html(live)
    assert any(e.label == "Correct a mention" for e in live.expander)
