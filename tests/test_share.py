"""Sharing: frozen snapshots on a real SQLite store, permalinks, standalone HTML, GeoJSON/CSV of
hostile text, the ``mapapp snapshot`` command. (The browser side is tests/e2e/test_browser_share.py.)"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timezone
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from mapapp import cli
from mapapp.models import Place
from mapapp.store import PLACES_COLUMNS, QUERY_COLUMNS, Store
from mapapp.store.filters import Filters
from mapapp.web import png, share, snapshots, standalone
from mapapp.web.view import View

from factories import BAKU, GANJA, SHUSHA, TBILISI, article, mention

HOSTILE_TITLE = "<script>alert('title')</script> & \"quotes\""
HOSTILE_SOURCE = "<img src=x onerror=alert('source')>"
HOSTILE_URL = "javascript:alert('url')"
HOSTILE_TEXT = "Crowds in Baku chanted <script>alert('text')</script> and `${alert('tpl')}` </div> tonight."


def fill(store):
    a1 = article("a1", "Protesters gathered in Baku and Ganja on Monday.", source="Trend")
    a2 = article("a2", "A delegation flew from Tbilisi to Baku.", source="Azernews", published=date(2020, 7, 30))
    a3 = article("a3", "Talks in Ganja, nothing dated.", source="APA", published=None)
    store.upsert_article(
        a1, [mention(a1, "Baku", BAKU, date(2020, 7, 27)), mention(a1, "Ganja", GANJA, date(2020, 7, 27))]
    )
    store.upsert_article(
        a2,
        [
            mention(a2, "Tbilisi", TBILISI, date(2020, 7, 30), "published"),
            mention(a2, "Baku", BAKU, date(2020, 7, 1), "month"),
        ],
    )
    store.upsert_article(a3, [mention(a3, "Ganja", GANJA, None, "unknown")])
    return store


@pytest.fixture()
def store(tmp_path):
    s = fill(Store(tmp_path / "store.sqlite"))
    yield s
    s.close()


def view_of(filters: Filters, **kw) -> View:
    return View(filters=filters, **kw)


# --- frozen snapshots ------------------------------------------------------------------------
def test_migration_adds_the_snapshot_tables(store):
    tables = {r[0] for r in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"snapshots", "snapshot_mentions"} <= tables
    assert 3 in [r[0] for r in store.applied_migrations()]


def test_snapshot_ids_can_be_typed_after_a_command():
    """One random id in 64 started with "-", and ``mapapp snapshot make ID`` took it for an option."""
    ids = {snapshots.new_id() for _ in range(3000)}
    assert len(ids) == 3000 and not any(i.startswith("-") for i in ids)


def test_round_trip_keeps_view_and_every_column(store):
    f = Filters(date_from=date(2020, 7, 1), date_to=date(2020, 7, 31), include_undated=True, sources=("Trend", "APA"))
    view = view_of(f, zoom=7, center=(40.4, 49.9))
    df = store.query(f)
    assert len(df) == 3
    sid = snapshots.save_snapshot(store, view, df, title="Protests, July")
    assert snapshots.valid_id(sid) and re.fullmatch(r"[A-Za-z0-9_-]{12}", sid)
    loaded_view, frozen = snapshots.load_snapshot(store, sid)
    pd.testing.assert_frame_equal(frozen, df)
    assert list(frozen.columns) == QUERY_COLUMNS
    assert loaded_view.snapshot == sid
    assert loaded_view.filters == f
    expected = view.to_params()
    expected.pop("snapshot", None)
    got = loaded_view.to_params()
    assert got.pop("snapshot") == sid
    assert got == expected
    info = snapshots.snapshot_info(store, sid)
    assert (info["title"], info["n_mentions"], info["n_places"]) == ("Protests, July", 3, 2)


def test_snapshot_is_frozen_against_new_changed_deleted_and_regeocoded_data(store):
    f = Filters(date_from=date(2020, 7, 1), date_to=date(2020, 7, 31))
    before = store.query(f)
    places_before = store.places(f)
    sid = snapshots.save_snapshot(store, view_of(f), before)

    # new articles in the range, an article rewritten, one deleted, a place moved (re-geocoded)
    a4 = article("a4", "Later reports from Shusha and Baku.", source="Report", published=date(2020, 7, 20))
    store.upsert_article(
        a4, [mention(a4, "Shusha", SHUSHA, date(2020, 7, 20)), mention(a4, "Baku", BAKU, date(2020, 7, 20))]
    )
    a1 = article("a1", "Rewritten: only Ganja now.", source="Trend", title="changed")
    store.upsert_article(a1, [mention(a1, "Ganja", GANJA, date(2020, 7, 28))])
    store.delete_articles(["a2"])
    moved = Place(BAKU.id, "Baku (moved)", 10.0, 10.0, "city", "AZ", 2_000_000, "Baku")
    a5 = article("a5", "Baku again.", published=date(2020, 7, 21))
    store.upsert_article(a5, [mention(a5, "Baku", moved, date(2020, 7, 21))])

    live = store.query(f)
    assert not live.equals(before)  # the store really changed under the snapshot
    assert "Baku (moved)" in set(live["place"])

    view, frozen = snapshots.load_snapshot(store, sid)
    pd.testing.assert_frame_equal(frozen, before)
    pd.testing.assert_frame_equal(snapshots.places_from_mentions(frozen), places_before)
    assert view.filters == f


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(include_undated=True),
        Filters(date_from=date(2020, 7, 2), include_undated=True),
        Filters(countries=("AZ",)),
        Filters(sources=("Azernews",)),
    ],
)
def test_places_from_mentions_is_store_places(store, filters):
    pd.testing.assert_frame_equal(snapshots.places_from_mentions(store.query(filters)), store.places(filters))


def test_places_from_an_empty_frame(store):
    empty = snapshots.places_from_mentions(store.query(Filters(sources=("nobody",))))
    assert list(empty.columns) == PLACES_COLUMNS and empty.empty


def test_excerpts_from_mentions(store):
    df = store.query(Filters(include_undated=True))
    ex = snapshots.excerpts_from_mentions(df)
    pd.testing.assert_frame_equal(
        ex("gn:587084"), store.excerpts("gn:587084", Filters(include_undated=True), limit=None)
    )
    assert len(ex("gn:587084", limit=1)) == 1 and ex("nowhere").empty


HOSTILE_IDS = [
    "",
    "a",
    "../../etc/passwd",
    "' OR '1'='1",
    "x'; DROP TABLE snapshots; --",
    "abcdefgh\n",
    "abcdefgh ",
    "abcdefgh%00",
    "ａｂｃｄｅｆｇｈ",
    "a" * 33,
    "abc/defgh",
    "abcdefgh?x=1",
    None,
    12345678,
    b"abcdefghij",
    ["abcdefghij"],
]


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_hostile_ids_are_refused(store, bad):
    sid = snapshots.save_snapshot(store, view_of(Filters()), store.query(Filters()))
    schema = store.execute("SELECT sql FROM sqlite_master ORDER BY name")
    assert not snapshots.valid_id(bad)
    assert snapshots.load_snapshot(store, bad) is None
    assert snapshots.snapshot_info(store, bad) is None
    assert snapshots.delete_snapshot(store, bad) is False
    with pytest.raises(ValueError):
        share.snapshot_link("http://localhost:8501/", bad)
    assert store.execute("SELECT sql FROM sqlite_master ORDER BY name") == schema
    assert list(snapshots.list_snapshots(store)["id"]) == [sid]
    assert snapshots.load_snapshot(store, sid) is not None


def test_frozen_view_ignores_later_default_changes(store, monkeypatch):
    f = Filters(include_undated=True)  # demonyms left out, the default when saved
    sid = snapshots.save_snapshot(store, view_of(f), store.query(f))
    monkeypatch.setenv("MAPAPP_INCLUDE_DEMONYMS", "1")  # the default changes afterwards
    view, _ = snapshots.load_snapshot(store, sid)
    assert view.filters == f and view.filters.include_demonyms is False


def test_unknown_but_well_formed_id(store):
    assert snapshots.load_snapshot(store, "AAAAAAAAAAAA") is None
    assert snapshots.delete_snapshot(store, "AAAAAAAAAAAA") is False


def test_list_and_delete(store):
    f = Filters(include_undated=True)
    s1 = snapshots.save_snapshot(store, view_of(f), store.query(f), title="one")
    s2 = snapshots.save_snapshot(store, view_of(Filters()), store.query(Filters()), title=" two\x00\u202e ")
    lst = snapshots.list_snapshots(store)
    assert list(lst.columns) == snapshots.SNAPSHOT_COLUMNS
    assert list(lst["id"]) == [s2, s1]  # newest first
    assert dict(zip(lst["id"], lst["title"])) == {s1: "one", s2: "two"}  # control characters dropped
    assert dict(zip(lst["id"], lst["n_mentions"])) == {s1: 5, s2: 4}
    assert snapshots.delete_snapshot(store, s1) is True
    assert snapshots.delete_snapshot(store, s1) is False
    assert list(snapshots.list_snapshots(store)["id"]) == [s2]
    assert snapshots.load_snapshot(store, s1) is None
    assert store.execute("SELECT count(*) FROM snapshot_mentions WHERE snapshot_id = ?", (s1,))[0][0] == 0
    assert len(snapshots.load_snapshot(store, s2)[1]) == 4


def test_empty_snapshot(store):
    f = Filters(sources=("nobody",))
    sid = snapshots.save_snapshot(store, view_of(f), store.query(f))
    view, frozen = snapshots.load_snapshot(store, sid)
    assert frozen.empty and list(frozen.columns) == QUERY_COLUMNS and view.filters == f


def test_save_refuses_a_frame_without_the_query_columns(store):
    with pytest.raises(ValueError, match="lacks columns"):
        snapshots.save_snapshot(store, view_of(Filters()), pd.DataFrame({"name": ["x"]}))


# --- links -----------------------------------------------------------------------------------
def test_permalink_reopens_the_view():
    f = Filters(date_from=date(2020, 7, 1), sources=("A, B", "C\\D"), text="oil & gas", include_undated=True)
    view = view_of(f, zoom=6, center=(40.25, 47.5), place="gn:587084")
    link = share.permalink("http://localhost:8501/app?old=1#frag", view)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == ("http", "localhost:8501", "/app", "")
    params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    assert "old" not in params
    again, notices = View.from_params(params)
    assert notices == [] and again.to_params() == view.to_params() and again.filters == f


def test_snapshot_link():
    assert (
        share.snapshot_link("http://127.0.0.1:9/x?y=1", "AbC-_1234567") == "http://127.0.0.1:9/x?snapshot=AbC-_1234567"
    )


# --- standalone HTML -------------------------------------------------------------------------
_EXTERNAL_ASSET = re.compile(
    r"<(script|link|img|iframe|embed|object)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:)?//", re.I
)
_CSS_EXTERNAL = re.compile(r"(@import|url\()\s*[\"']?\s*(https?:)?//", re.I)


def test_a_shared_maps_counts_read_as_the_apps_do(store):
    # the snapshot's box said "27697 mentions at 2678 places" where the app says "27,697 mentions"
    f = Filters()
    assert share.describe_view(view_of(f), 27697, 2678)[0] == "27,697 mentions at 2,678 places"
    assert share.describe_view(view_of(f), 1, 1)[0] == "1 mention at 1 place"


def test_standalone_html_is_self_contained_and_labelled(store):
    f = Filters(date_from=date(2020, 7, 1), date_to=date(2020, 7, 31), countries=("AZ",))
    df = store.query(f)
    made = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
    html = standalone.standalone_html(store.places(f), df, view_of(f), "Caucasus, July", made_at=made)
    assert html.lstrip().lower().startswith("<!doctype html")
    assert not _EXTERNAL_ASSET.search(html), _EXTERNAL_ASSET.search(html).group(0)
    assert not _CSS_EXTERNAL.search(html), _CSS_EXTERNAL.search(html).group(0)
    assert "<title>Caucasus, July</title>" in html
    assert "Caucasus, July" in html
    for line in share.describe_view(view_of(f), len(df), 2):
        assert line.replace("\u201c", "&#x201c;") in html or line in html
    assert "Event dates: 2020-07-01 to 2020-07-31" in html and "Countries: AZ" in html
    assert "3 mentions at 2 places" in html
    assert "OpenStreetMap" in html and "GeoNames" in html and "CC BY 4.0" in html
    assert "2026-01-02 03:04 UTC" in html
    for place in ("Baku", "Ganja"):
        assert place in html


def _hostile_store(tmp_path):
    s = Store(tmp_path / "hostile.sqlite")
    a = article("evil", HOSTILE_TEXT, title=HOSTILE_TITLE, source=HOSTILE_SOURCE, url=HOSTILE_URL)
    b = article(
        "formula",
        "News from Ganja.",
        title='=HYPERLINK("http://evil.example","x")',
        source="+1+1",
        url="https://example.org/=cmd",
    )
    s.upsert_article(a, [mention(a, "Baku", BAKU, date(2020, 7, 27))])
    s.upsert_article(b, [mention(b, "Ganja", Place("gn:1", "@SUM(A1)", 40.6, 46.3, "city", "AZ"), date(2020, 7, 26))])
    return s


def test_hostile_text_stays_inert_in_html_geojson_and_csv(tmp_path):
    s = _hostile_store(tmp_path)
    f = Filters()
    df = s.query(f)
    title = "</title><script>alert('page')</script>"
    html = standalone.standalone_html(s.places(f), df, view_of(f), title)
    low = html.lower()
    for raw in (
        "<script>alert(",
        "<img src=x onerror",
        'href="javascript:',
        "href='javascript:",
        "href=javascript:",
        "</title><script>",
    ):
        assert raw not in low, raw
    assert "&lt;/title&gt;&lt;script&gt;alert(&#x27;page&#x27;)&lt;/script&gt;" in html
    assert "${alert(" not in html  # would run inside a JavaScript template literal
    s.close()

    gj = json.loads(share.geojson_text(df))
    props = {p["article_id"]: p for p in (feat["properties"] for feat in gj["features"])}
    assert props["evil"]["title"] == HOSTILE_TITLE  # data kept exactly, never turned into markup
    assert props["evil"]["source"] == HOSTILE_SOURCE and props["evil"]["url"] == HOSTILE_URL
    assert props["evil"]["excerpt"] == HOSTILE_TEXT

    rows = list(csv.DictReader(io.StringIO(share.csv_text(df))))
    by_id = {r["article_id"]: r for r in rows}
    assert by_id["formula"]["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert by_id["formula"]["source"] == "'+1+1"
    assert by_id["formula"]["place"] == "'@SUM(A1)"
    assert by_id["evil"]["title"] == HOSTILE_TITLE and by_id["evil"]["url"] == HOSTILE_URL
    for r in rows:
        for v in r.values():
            assert not v.startswith(("=", "+", "-", "@")) or v in ("",) or _is_number(v), v


def _is_number(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False


def test_describe_filters():
    f = Filters(
        date_from=date(2020, 1, 1),
        include_undated=True,
        sources=("Trend",),
        text="oil",
        include_demonyms=True,
        min_score=0.5,
    )
    assert f.describe() == [
        "Event dates: 2020-01-01 to the end (and undated mentions)",
        "Sources: Trend",
        "Search: \u201coil\u201d",
        "Demonyms: included",
        "Minimum confidence: 0.5",
    ]
    assert Filters().describe()[0] == "Event dates: all dated mentions"


# --- browser lookup --------------------------------------------------------------------------
def test_missing_browser_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("MAPAPP_BROWSER", str(tmp_path / "no-such-chromium"))
    with pytest.raises(png.BrowserUnavailable, match="MAPAPP_BROWSER"):
        png.render_png("<html></html>", tmp_path / "x.png", 200, 200)
    assert not (tmp_path / "x.png").exists()
    monkeypatch.delenv("MAPAPP_BROWSER")
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    with pytest.raises(png.BrowserUnavailable, match="MAPAPP_BROWSER"):
        png.find_browser()
    assert png.browser_available() is False


def test_png_size_is_validated(tmp_path):
    with pytest.raises(ValueError):
        png.render_png("<html></html>", tmp_path / "x.png", 10, 99999)


@pytest.mark.parametrize(
    "url,ok",
    [
        ("file:///tmp/map.html", True),
        ("data:image/png;base64,AA", True),
        ("about:blank", True),
        ("http://localhost:8501/x", True),
        ("http://127.0.0.1:9/", True),
        ("http://[::1]:9/", True),
        ("https://tile.openstreetmap.org/1/1/1.png", False),
        ("https://unpkg.com/leaflet.js", False),
        ("http://localhost.evil.example/", False),
        ("http://127.0.0.1.evil.example/", False),
        ("ftp://localhost/x", False),
        ("javascript:alert(1)", False),
    ],
)
def test_is_local_url(url, ok):
    assert png.is_local_url(url) is ok


# --- the mapapp snapshot command -------------------------------------------------------------
def test_cli_make_save_list_delete(store, tmp_path, capsys):
    db = store.path
    out = tmp_path / "map.html"
    rc = cli.main(
        [
            "snapshot",
            "make",
            "--db",
            db,
            "--from",
            "2020-07-01",
            "--to",
            "2020-07-31",
            "--country",
            "AZ",
            "-o",
            str(out),
            "--title",
            "<b>Caucasus</b>",
            "--save",
        ]
    )
    cap = capsys.readouterr()
    assert rc == 0, cap.err
    sid = cap.out.strip()
    assert snapshots.valid_id(sid)
    html = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;Caucasus&lt;/b&gt;" in html and "<b>Caucasus</b>" not in html
    assert "Countries: AZ" in html
    view, frozen = snapshots.load_snapshot(store, sid)
    f = Filters(date_from=date(2020, 7, 1), date_to=date(2020, 7, 31), countries=("AZ",), include_undated=True)
    assert view.filters == f
    pd.testing.assert_frame_equal(frozen, store.query(f))

    assert cli.main(["snapshot", "list", "--db", db]) == 0
    cap = capsys.readouterr()
    n = len(frozen)  # the dated July mentions in AZ and, as in the app by default, the undated ones
    assert n > len(store.query(f.replace(include_undated=False)))
    assert sid in cap.out and "<b>Caucasus</b>" in cap.out and f"{n} mentions" in cap.out

    # re-render a saved snapshot from its id
    out2 = tmp_path / "again.html"
    assert cli.main(["snapshot", "make", sid, "--db", db, "-o", str(out2)]) == 0
    assert "Countries: AZ" in out2.read_text(encoding="utf-8")
    capsys.readouterr()

    assert cli.main(["snapshot", "delete", sid, "--db", db]) == 0
    assert cli.main(["snapshot", "delete", sid, "--db", db]) == 1
    assert snapshots.list_snapshots(store).empty


def test_cli_refuses_bad_input(store, tmp_path, capsys, monkeypatch):
    db = store.path
    assert cli.main(["snapshot", "delete", "../../etc/passwd", "--db", db]) == 2
    assert "not a snapshot id" in capsys.readouterr().err
    assert cli.main(["snapshot", "make", "--db", db, "--from", "2020-13-45", "-o", str(tmp_path / "x.html")]) == 2
    assert "not a date" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
    assert cli.main(["snapshot", "list", "--db", str(tmp_path / "missing.sqlite")]) == 2
    assert "no store" in capsys.readouterr().err
    monkeypatch.setenv("MAPAPP_BROWSER", str(tmp_path / "no-such-chromium"))
    assert cli.main(["snapshot", "make", "--db", db, "--png", str(tmp_path / "x.png")]) == 2
    assert "MAPAPP_BROWSER" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_cli_make_writes_map_html_by_default(store, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["snapshot", "--db", store.path, "--undated"]) == 0
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "5 mentions at 3 places" in html and "mapapp map" in html
    assert "map.html" in capsys.readouterr().err
    assert snapshots.list_snapshots(store).empty  # nothing saved without --save
