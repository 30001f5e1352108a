"""The Streamlit app with ``AppTest`` on a real SQLite store (records written via the store API)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapapp.models import Article, Mention
from mapapp.store import Store
from mapapp.ui import app as ui_app
from mapapp.ui import mapcomponent

from factories import BAKU, LONDON, NL, TOVUZ, place_box
from factories import mention as _men

APP = str(Path(__file__).resolve().parent.parent / "mapapp" / "app.py")

EVIL = "<script>alert(1)</script> <img src=x onerror=alert(2)> it's `here`"


def _art(aid, text, published, source=None, url=None):
    return Article(
        id=aid,
        path=f"/seeds/{aid}.txt",
        text=text,
        title=f"{aid}: {text[:30]}",
        published=published,
        published_how="header",
        source=source,
        url=url,
    )


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("app") / "store.sqlite")
    with Store(db) as s:
        a4 = _art("004", "A rally in London; Tovuz was shelled on 12 July.", date(2020, 7, 29), "AzVision")
        s.upsert_article(
            a4, [_men(a4, "London", LONDON, date(2020, 7, 28)), _men(a4, "Tovuz", TOVUZ, date(2020, 7, 12))]
        )
        a2 = _art(
            "002",
            "Diaspora in the Netherlands staged a rally.",
            date(2020, 12, 6),
            "Azertag",
            "https://example.org/002",
        )
        s.upsert_article(a2, [_men(a2, "Netherlands", NL, date(2020, 12, 6), "published")])
        h = _art("evil", f"Protesters in Baku {EVIL}.", date(2021, 3, 3), f"<b>{EVIL}</b>", "javascript:alert(3)")
        s.upsert_article(h, [_men(h, "Baku", BAKU, date(2021, 3, 3))])
        # an undated article with many mentions of Tovuz (for paging the side panel)
        u = _art("many", "Tovuz. " * 23, None, "Report")
        s.upsert_article(
            u,
            [
                Mention(
                    article_id="many",
                    start=7 * i,
                    end=7 * i + 5,
                    name="Tovuz",
                    place=TOVUZ,
                    score=0.9,
                    sentence=f"Tovuz item {i:02d}.",
                    sentence_start=7 * i,
                    event_date=None,
                    date_precision="unknown",
                )
                for i in range(23)
            ],
        )
    return db


def run_app(monkeypatch, db: str, params: dict[str, str] | None = None, *, map_drawn: bool = True) -> AppTest:
    """The app's first run. ``map_drawn``: as after the browser's map said it drew its first
    markers (AppTest has no browser; the component's own report is tested in Chromium)."""
    monkeypatch.setenv("MAPAPP_DB", db)
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    if map_drawn:
        at.session_state["map_drawn"] = True
    at.run()
    assert not at.exception, at.exception
    return at


def whole_toggle(at: AppTest):
    """The sidebar's "Whole date range" switch (its key is renewed when the app sets it)."""
    return next(t for t in at.sidebar.toggle if t.label.startswith("Whole date range"))


def table_names(at: AppTest) -> list[str]:
    """The place names the mentions table lists (each once)."""
    assert len(at.dataframe), [e.value for e in at.error]  # a section that failed says so here
    return sorted(set(at.dataframe[0].value["name"].tolist()))


def heading(at: AppTest) -> str:
    """The map's heading: "N mentions of M places" ("1 mention of 1 place")."""
    return next(m.value for m in at.markdown if re.search(r"\d mentions? of \d", m.value)).lstrip("# ")


def html_text(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_empty_store_says_how_to_ingest(monkeypatch, tmp_path):
    db = str(tmp_path / "empty.sqlite")
    Store(db).close()
    at = run_app(monkeypatch, db)
    assert any("mapapp ingest" in i.value for i in at.info)


def test_seed_store_maps_every_place_and_lists_mentions(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db)
    # the 23 undated mentions of Tovuz are on the first screen (issue 12)
    assert any("27 mentions of 4 places" in m.value for m in at.markdown)
    assert table_names(at) == ["Baku", "London", "Netherlands", "Tovuz"]
    assert at.sidebar.slider[0].value == (date(2020, 7, 12), date(2021, 3, 3))
    assert "GeoNames (CC BY 4.0" in " ".join(c.value for c in at.caption)
    assert dict(at.query_params) == {}


def test_the_table_of_mentions_waits_for_the_maps_first_draw(monkeypatch, seed_db):
    # a first visit: the map is drawn first; where the table goes, a line says it is coming
    at = run_app(monkeypatch, seed_db, map_drawn=False)
    assert not at.dataframe and any(c.value == ui_app.WAITS_FOR_MAP for c in at.caption)
    assert any(s.value.startswith("Mentions (") for s in at.subheader)
    # the component's value says its first markers are painted (as the browser sends it)
    assert mapcomponent.map_drawn({"events": [], "have": None, "drawn": True})
    assert not mapcomponent.map_drawn({"events": [], "drawn": "true"}) and not mapcomponent.map_drawn(None)
    at.session_state["map_drawn"] = True  # what the app keeps once it saw that value
    at.run()
    assert table_names(at) and not any(c.value == ui_app.WAITS_FOR_MAP for c in at.caption)


def test_slider_from_december_hides_july_and_updates_the_url(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db, {"undated": "0"})
    at.sidebar.slider[0].set_value((date(2020, 12, 1), date(2021, 3, 3))).run()
    assert not at.exception
    assert table_names(at) == ["Baku", "Netherlands"]
    assert at.query_params["from"] == "2020-12-01"


def test_dates_the_map_sets_are_not_undone_by_a_browser_behind_the_app(monkeypatch, seed_db):
    """A range chosen on the map's strip sets the dates; a browser that asks for a rerun before it
    has drawn that run sends the slider's old dates again, and the app keeps the strip's (it once
    put the old ones back: a double-click on the strip left its dates in the address). The user's
    own moves of the slider still count."""
    at = run_app(monkeypatch, seed_db, {"undated": "0"})
    before = at.sidebar.slider[0]
    old = before.value
    at.session_state["map"] = {"events": [{"type": "range", "seq": 5, "from": "2020-12-01", "to": None}], "drawn": True}
    at.run()
    assert at.sidebar.slider[0].value == (date(2020, 12, 1), date(2021, 3, 3))
    before.set_value(old).run()  # the slider as the browser last drew it, sent again
    assert not at.exception
    assert at.sidebar.slider[0].value == (date(2020, 12, 1), date(2021, 3, 3))
    assert at.query_params["from"] == "2020-12-01" and table_names(at) == ["Baku", "Netherlands"]
    at.sidebar.slider[0].set_value(old).run()  # the user moves it back
    assert "from" not in at.query_params and table_names(at) == ["Baku", "London", "Netherlands", "Tovuz"]


def test_url_params_restore_the_view(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db, {"from": "2020-12-01", "undated": "0", "place": NL.id, "base": "offline"})
    assert table_names(at) == ["Baku", "Netherlands"]
    assert at.sidebar.slider[0].value[0] == date(2020, 12, 1)
    assert place_box(at).value == NL.id
    assert "Diaspora in the <mark>Netherlands</mark> staged a rally." in html_text(at)
    assert at.sidebar.radio[0].value == "offline"
    assert not at.warning


def test_hostile_url_params_are_refused_with_warnings(monkeypatch, seed_db):
    at = run_app(
        monkeypatch,
        seed_db,
        {
            "zoom": "9999",
            "snapshot": "../../etc/passwd",
            "from": "2020-99-99",
            "place": "[x](javascript:alert(1))",
            "q": "x" * 50_000,
            "center": "<script>alert(1)</script>",
        },
    )
    warnings = " ".join(w.value for w in at.warning)
    for key in ("zoom", "snapshot", "from", "place", "q", "center"):
        assert f"\\'{key}\\'" in warnings or f"'{key}'" in warnings
    # shown as plain text: Markdown and HTML in a refused value are escaped, never rendered
    assert "](javascript" not in warnings and "<script>" not in warnings
    assert table_names(at) == ["Baku", "London", "Netherlands", "Tovuz"]
    assert dict(at.query_params) == {}  # the refused values are dropped from the address


def test_selected_place_panel_escapes_article_text(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db)
    place_box(at).set_value(BAKU.id).run()
    assert not at.exception
    body = html_text(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script" not in body and "<img" not in body
    assert "javascript:" not in body  # not a link
    assert at.query_params["place"] == BAKU.id


def test_unknown_snapshot_falls_back_to_live_data(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db, {"snapshot": "nosuchsnap"})
    assert any("nosuchsnap" in w.value for w in at.warning)
    assert table_names(at) == ["Baku", "London", "Netherlands", "Tovuz"]


def test_side_panel_pages_through_a_place(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db, {"undated": "1", "place": TOVUZ.id})
    assert any("24 mentions" in h.proto.body for h in at.get("html")), html_text(at)[:300]
    first = html_text(at)
    assert "</mark> item 22." in first and "Page 1 of 3" in " ".join(c.value for c in at.caption)
    at.button(key="panel_next").click().run()
    assert "Page 2 of 3" in " ".join(c.value for c in at.caption)
    second = html_text(at)
    assert "</mark> item 13." in second and "</mark> item 22." not in second
    at.button(key="panel_prev").click().run()
    assert "Page 1 of 3" in " ".join(c.value for c in at.caption)


def test_text_search_outlet_and_country_filters(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db)
    at.sidebar.text_input(key="w_text").input("rally").run()
    assert table_names(at) == ["London", "Netherlands", "Tovuz"]
    assert at.query_params["q"] == "rally"
    at.sidebar.multiselect(key="w_countries").select("NL").run()
    assert table_names(at) == ["Netherlands"]
    assert "The Netherlands (NL)" in at.sidebar.multiselect(key="w_countries").options  # a name, not only a code
    at.sidebar.text_input(key="w_text").input("").run()
    at.sidebar.multiselect(key="w_countries").unselect("NL").run()
    at.sidebar.multiselect(key="w_sources").select("AzVision").run()
    assert table_names(at) == ["London", "Tovuz"]


def _december_snapshot(seed_db: str, tmp_path: Path) -> tuple[str, str]:
    """A copy of the seed store holding a frozen snapshot of December 2020 on: ``(db, id)``."""
    import shutil

    from mapapp.store.filters import Filters
    from mapapp.web import snapshots
    from mapapp.web.view import View

    db = str(tmp_path / "snap.sqlite")
    shutil.copy(seed_db, db)
    with Store(db) as s:
        view = View(filters=Filters(date_from=date(2020, 12, 1)))
        return db, snapshots.save_snapshot(s, view, s.query(view.filters), "Dec")


def test_frozen_snapshot_is_shown_instead_of_the_store(monkeypatch, seed_db, tmp_path):
    db, sid = _december_snapshot(seed_db, tmp_path)
    at = run_app(monkeypatch, db, {"snapshot": sid})
    assert any(sid in i.value.replace("\\", "") for i in at.info)  # shown as escaped Markdown
    assert any("“Dec”" in i.value for i in at.info)  # the saved title
    assert sorted(at.dataframe[0].value["name"].tolist()) == ["Baku", "Netherlands"]


def test_selected_place_explains_why_its_marker_is_there(monkeypatch, seed_db):
    with Store(seed_db) as s:
        a = _art("why", "Shelling near Tovuz again.", date(2020, 7, 20), "Trend")
        m = _men(a, "Tovuz", TOVUZ, date(2020, 7, 20))
        m.reason, m.alternatives = "district cue", [("gn:1", "Tovuz <b>elsewhere</b>", 0.12)]
        s.upsert_article(a, [m])
    try:
        at = run_app(monkeypatch, seed_db)
        place_box(at).set_value(TOVUZ.id).run()
        assert not at.exception
        assert any(e.label == "Why is this marker here?" for e in at.expander)
        body = html_text(at)
        assert "district cue" in body and "Tovuz &lt;b&gt;elsewhere&lt;/b&gt; (0.12)" in body
    finally:
        with Store(seed_db) as s:
            s.delete_articles(["why"])


def test_side_panel_opens_the_whole_article_as_text(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db)
    place_box(at).set_value(BAKU.id).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert any(lbl.startswith("Read the whole article") for lbl in labels), labels
    body = html_text(at)
    assert "white-space:pre-wrap" in body and "Protesters in <mark>Baku</mark>" in body
    assert "<script>" not in body and "&lt;img src=x onerror=alert(2)&gt;" in body
    files = [str(c.value).replace("\\", "") for c in at.caption if str(c.value).startswith("File:")]
    assert files == ["File: evil.txt"], files  # the file's name, never the server's folders (/seeds/)


# --- robustness: every store ingest can write opens; no traceback or server path on a page ------
def _no_traceback_or_path(at: AppTest, *paths: str) -> None:
    assert not at.exception, at.exception
    shown = " ".join(
        str(e.value) for kind in ("error", "warning", "info", "caption", "markdown") for e in at.get(kind)
    ) + html_text(at)
    shown = shown.replace("\\", "")  # Markdown escapes would hide a path from a plain search
    assert "Traceback" not in shown and 'File "' not in shown
    for p in paths:
        assert p not in shown, p


@pytest.fixture(scope="module")
def far_dates_db(tmp_path_factory) -> str:
    """Real articles quote history ("in 1602") and stores can hold any year 1..9999."""
    db = str(tmp_path_factory.mktemp("far") / "store.sqlite")
    with Store(db) as s:
        a = _art("old", "In 1602 London burned.", date(2020, 1, 1), "Hist")
        s.upsert_article(a, [_men(a, "London", LONDON, date(1602, 5, 1))])
        b = _art("far", "Baku in the far future.", date(2020, 1, 1), "Fut")
        s.upsert_article(b, [_men(b, "Baku", BAKU, date(9999, 12, 31))])
        c = _art("now", "Tovuz today.", date(2020, 7, 12), "Now")
        s.upsert_article(c, [_men(c, "Tovuz", TOVUZ, date(2020, 7, 12))])
    return db


def test_a_store_with_dates_from_1602_to_9999_opens(monkeypatch, far_dates_db):
    at = run_app(monkeypatch, far_dates_db)
    _no_traceback_or_path(at, far_dates_db)
    assert table_names(at) == ["Baku", "London", "Tovuz"]  # the slider's ends include both extremes
    lo, hi = at.sidebar.slider[0].value
    assert lo.year >= 1685 and hi.year <= 2254
    assert any("1602-05-01" in c.value and "9999-12-31" in c.value for c in at.sidebar.caption)
    at.sidebar.slider[0].set_value((date(2000, 1, 1), hi)).run()  # moving the lower end drops 1602
    assert not at.exception and table_names(at) == ["Baku", "Tovuz"]


def test_only_extreme_dates_still_open(monkeypatch, tmp_path):
    db = str(tmp_path / "s.sqlite")
    with Store(db) as s:
        a = _art("old", "In 1602 London burned; Baku too.", date(1602, 5, 2), "Hist")
        s.upsert_article(a, [_men(a, "London", LONDON, date(1602, 5, 1)), _men(a, "Baku", BAKU, date(1650, 1, 1))])
    at = run_app(monkeypatch, db)
    _no_traceback_or_path(at, db)
    assert table_names(at) == ["Baku", "London"]


def test_a_store_whose_articles_name_no_outlet_opens(monkeypatch, tmp_path):
    # plain text files or records without a source field: the outlet filter had no column to read
    # and the whole page was "This app has encountered an error"
    db = str(tmp_path / "s.sqlite")
    with Store(db) as s:
        a = _art("plain", "Clashes in Tovuz; a rally in London.", date(2020, 7, 12))
        s.upsert_article(a, [_men(a, "Tovuz", TOVUZ, date(2020, 7, 12)), _men(a, "London", LONDON, date(2020, 7, 12))])
    at = run_app(monkeypatch, db)
    _no_traceback_or_path(at, db)
    assert at.error == [] and table_names(at) == ["London", "Tovuz"]


def test_a_store_with_articles_but_nothing_on_the_map_says_why(monkeypatch, tmp_path):
    # before: "has no mapped mentions yet. Ingest some articles", to a user who just had
    db = str(tmp_path / "s.sqlite")
    with Store(db) as s:
        a = _art("none", "Nothing here names a place.", date(2020, 7, 12))
        s.upsert_article(a, [])
    at = run_app(monkeypatch, db)
    assert [i.value for i in at.info] == ["The store s\\.sqlite holds 1 article, with no place found in it."]
    with Store(db) as s:
        b = _art("unsure", "Staff at the Red Lion pub served meals.", date(2020, 7, 12))
        guess = _men(
            b,
            "Red Lion",
            None,
            None,
            "published",
            score=0.2,
            alternatives=[("gn:4561407", "Red Lion (US)", 0.2)],
            reason="too unsure to map",
        )
        s.upsert_article(b, [guess])
    at = run_app(monkeypatch, db)
    (said,) = [i.value for i in at.info]
    assert "holds 2 articles, with 1 place name found in them, each too unsure to map" in said
    assert "mapapp correct unplaced --db s.sqlite" in said


def test_a_store_of_articles_not_in_english_says_so(monkeypatch, tmp_path):
    # ingest said it of each article, but the app said only "no place found in them"
    db = str(tmp_path / "s.sqlite")
    with Store(db) as s:
        for i, text in enumerate(
            [
                "В Москве прошла акция протеста у посольства, сообщили очевидцы. Полиция задержала людей.",
                "В Баку прошёл митинг у здания парламента. Полиция задержала пять человек, сообщили очевидцы.",
            ]
        ):
            a = _art(f"ru{i}", text, date(2020, 7, 12))
            s.upsert_article(a, [])
    at = run_app(monkeypatch, db)
    (said,) = [i.value for i in at.info]
    assert said.endswith("They are not in English (Cyrillic script): mapapp finds places in English text only."), said
    with Store(db) as s:  # a store mostly in English says nothing of languages
        for i in range(3):
            s.upsert_article(
                _art(f"en{i}", "Nothing here names a place, officials said on Monday.", date(2020, 7, 12)), []
            )
    at = run_app(monkeypatch, db)
    (said,) = [i.value for i in at.info]
    assert "English" not in said, said


def test_a_setting_out_of_range_is_one_message_not_an_error_page(monkeypatch, seed_db):
    # plain "streamlit run" skips the check "mapapp serve" makes before starting
    monkeypatch.setenv("MAPAPP_BASE_LAYER", "satellite")
    monkeypatch.setenv("MAPAPP_DB", seed_db)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    said = [e.value.replace("\\", "") for e in at.error]  # (Markdown escapes its underscores)
    assert any("MAPAPP_BASE_LAYER" in m and "not one of osm, offline" in m for m in said), said


def test_a_failing_section_is_one_short_message_and_the_rest_draws(monkeypatch, seed_db):
    from mapapp.ui import mapcomponent

    def broken(*a, **k):
        raise RuntimeError(f"boom in {seed_db}")

    monkeypatch.setattr(mapcomponent, "map_component", broken)
    at = run_app(monkeypatch, seed_db)
    _no_traceback_or_path(at, seed_db)
    assert any("The map could not be shown" in e.value for e in at.error)
    assert table_names(at) == ["Baku", "London", "Netherlands", "Tovuz"]  # the table still drew


@pytest.mark.parametrize("kind", ["garbage", "directory", "newer"])
def test_an_unusable_store_is_one_message_without_its_path(monkeypatch, tmp_path, kind):
    import sqlite3

    from mapapp.store import known_schema

    db = str(tmp_path / "store.sqlite")
    if kind == "garbage":
        Path(db).write_bytes(b"\x00garbage" * 1000)
    elif kind == "directory":
        Path(db).mkdir()
    else:
        Store(db).close()
        con = sqlite3.connect(db)
        con.execute(
            "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, 'x', 'x')", (known_schema() + 1,)
        )
        con.commit()
        con.close()
    at = run_app(monkeypatch, db)
    _no_traceback_or_path(at, str(tmp_path))
    assert len(at.error) == 1 and "Cannot open the store store.sqlite:" in at.error[0].value.replace("\\", "")


# --- Markdown injection: file names, titles and outlets are shown as text, never as Markdown ---
ATTACKER = "attacker.example"
MD_FILE = f"![y](https:{ATTACKER}?leak=1).txt"
MD_TITLE = f"Read [this](https://{ATTACKER}/t?leak=2) ![i](https://{ATTACKER}/i.png?leak=3) www.{ATTACKER} :red[x]"


def _markdown_sources(at: AppTest) -> list[str]:
    """The Markdown source of every element Streamlit renders as Markdown."""
    out = [
        str(e.value) for kind in ("markdown", "caption", "warning", "info", "error", "success") for e in at.get(kind)
    ]
    return out + [e.label for e in at.expander]


def test_markdown_in_file_names_and_titles_is_shown_as_text(monkeypatch, tmp_path):
    import re

    db = str(tmp_path / "s.sqlite")
    with Store(db) as s:
        a = Article(
            id="md",
            path=f"/corpus/{MD_FILE}",
            text="Shelling near Tovuz.",
            title=MD_TITLE,
            published=date(2020, 7, 12),
            published_how="header",
            source=f"[outlet](https://{ATTACKER}/s)",
        )
        s.upsert_article(a, [_men(a, "Tovuz", TOVUZ, date(2020, 7, 12))])
    at = run_app(monkeypatch, db, {"place": TOVUZ.id})
    sources = _markdown_sources(at)
    joined = "\n".join(sources)
    assert "leak\\=1" in joined and "leak\\=2" in joined  # the file name and title are on the page...
    for src in sources:  # ...and none of it is Markdown syntax Streamlit would act on
        assert not re.search(r"(?<!\\)!\[|(?<!\\)\]\(|(?<!\\):red\[", src), src
        assert not re.search(r"https?\\?:\\?/|www\\?\.", src), src  # no autolink either (Streamlit makes
        # links of https://x and www.x even when every character is backslash-escaped)


# --- one huge record does not swamp the page ------------------------------------------------------
def _proto_bytes(node) -> int:
    """Bytes of every element protobuf under an AppTest node (what the page is sent)."""
    total = 0
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ByteSize"):
        total += proto.ByteSize()
    for child in getattr(node, "children", {}).values():
        total += _proto_bytes(child)
    return total


def test_a_huge_record_sends_a_small_page(monkeypatch, tmp_path):
    """A record written straight to the store (old stores have them): 2 MB title, 1 MB outlet,
    1 MB sentence, long URL, path and text. The page, the side panel and the table stay small."""
    db = str(tmp_path / "s.sqlite")
    big_title, big_source = "T" * 2_000_000, "S" * 1_000_000
    text = "Tovuz " + "x" * 1_000_000
    with Store(db) as s:
        a = Article(
            id="huge",
            path="/corpus/" + "p" * 100_000 + ".txt",
            text=text,
            title=big_title,
            published=date(2020, 7, 12),
            published_how="header",
            source=big_source,
            url="https://example.org/" + "u" * 100_000,
        )
        s.upsert_article(
            a,
            [
                Mention(
                    article_id="huge",
                    start=0,
                    end=5,
                    name="Tovuz",
                    place=TOVUZ,
                    score=0.9,
                    sentence=text,
                    sentence_start=0,
                    event_date=date(2020, 7, 12),
                    date_precision="day",
                )
            ],
        )
        b = _art("ok", "Protest in Baku.", date(2020, 7, 13), "Trend")
        s.upsert_article(b, [_men(b, "Baku", BAKU, date(2020, 7, 13))])
    at = run_app(monkeypatch, db, {"place": TOVUZ.id})
    assert table_names(at) == ["Baku", "Tovuz"]
    sent = _proto_bytes(at._tree)
    assert sent < 400_000, sent  # was over 13 MB
    assert "T" * 299 in html_text(at) and "T" * 301 not in html_text(at)  # the title is cut, not dropped
    table = at.dataframe[0].value
    assert table["title"].map(len).max() <= 300 and table["source"].map(len).max() <= 120
    assert table["sentence"].map(len).max() <= 2000
    assert big_source not in at.sidebar.multiselect(key="w_sources").options
    assert "Trend" in at.sidebar.multiselect(key="w_sources").options
    assert not at.exception


def test_snapshot_page_side_panel_reads_articles_and_reasons(monkeypatch, seed_db, tmp_path):
    """``?snapshot=ID``: choosing a place shows its whole articles and why its marker is there."""
    db, sid = _december_snapshot(seed_db, tmp_path)
    at = run_app(monkeypatch, db, {"snapshot": sid})
    place_box(at).set_value(BAKU.id).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "Why is this marker here?" in labels, labels
    assert any(lbl.startswith("Read the whole article") for lbl in labels), labels
    assert not any("no longer in the store" in c.value for c in at.caption)
    assert "Protesters in <mark>Baku</mark>" in html_text(at)


def test_a_read_only_store_opens_and_saving_a_snapshot_says_so(monkeypatch, seed_db, tmp_path):
    """``chmod a-w``: the app reads the store without writing it (mapapp respects the mode even
    for root); saving a snapshot is one short message."""
    import hashlib
    import os
    import shutil

    db = tmp_path / "ro.sqlite"
    shutil.copy(seed_db, db)
    os.chmod(db, 0o444)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    at = run_app(monkeypatch, str(db))
    assert table_names(at) == ["Baku", "London", "Netherlands", "Tovuz"]
    at.button(key="mapapp_share_save").click().run()
    assert not at.exception
    assert any("read-only" in e.value for e in at.error), [e.value for e in at.error]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_huge_record_with_many_mentions_keeps_the_app_small(monkeypatch, tmp_path):
    """Each mention row carries its article's title and outlet: 150 mentions of a record with a
    2 MB title and a 1 MB outlet were 450 MB of strings per query. Long text is cut in SQL."""
    import tracemalloc

    db = str(tmp_path / "s.sqlite")
    text = "Tovuz. " * 150
    with Store(db) as s:
        a = Article(
            id="huge",
            path="/corpus/huge.txt",
            text=text,
            title="T" * 2_000_000,
            published=date(2020, 7, 12),
            published_how="header",
            source="S" * 1_000_000,
        )
        s.upsert_article(
            a,
            [
                Mention(
                    article_id="huge",
                    start=7 * i,
                    end=7 * i + 5,
                    name="Tovuz",
                    place=TOVUZ,
                    score=0.9,
                    sentence=f"Tovuz item {i}.",
                    sentence_start=7 * i,
                    event_date=date(2020, 7, 12),
                    date_precision="day",
                )
                for i in range(150)
            ],
        )
    tracemalloc.start()
    try:
        at = run_app(monkeypatch, db, {"place": TOVUZ.id})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert table_names(at)[:1] == ["Tovuz"]
    assert peak < 150_000_000, peak  # the title and outlet are read a few times, not once per row
    assert _proto_bytes(at._tree) < 400_000


def test_uncertain_places_can_be_hidden(monkeypatch, tmp_path):
    db = str(tmp_path / "scores.sqlite")
    with Store(db) as s:
        a = _art("sure", "Talks in Baku; a man called Tovuz spoke.", date(2020, 7, 29), "Trend")
        sure, unsure = _men(a, "Baku", BAKU, date(2020, 7, 29)), _men(a, "Tovuz", TOVUZ, date(2020, 7, 29))
        unsure.score = 0.2  # the resolver doubted this one
        s.upsert_article(a, [sure, unsure])
    at = run_app(monkeypatch, db)
    assert table_names(at) == ["Baku", "Tovuz"]  # shown by default
    at.toggle(key="w_hide_uncertain").set_value(True).run()
    assert not at.exception
    assert table_names(at) == ["Baku"]
    assert at.query_params["min_score"] == "0.5"  # the permalink keeps it
    again = run_app(monkeypatch, db, {"min_score": "0.5"})
    assert again.toggle(key="w_hide_uncertain").value is True and table_names(again) == ["Baku"]


def test_the_mentions_table_speaks_words_and_shows_nothing_for_nothing(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db)
    table = at.dataframe[0]
    assert table.value["title"].tolist() and None not in table.value["title"].tolist()  # seeds without a title
    labels = table.proto.columns  # the column configuration the browser gets, as JSON
    assert '"Event date"' in labels and '"As written"' in labels and '"Outlet"' in labels


def test_a_permalink_keeps_its_explicit_dates_beyond_the_data(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db, {"from": "2020-01-01", "to": "2021-06-30"})
    assert at.query_params["from"] == "2020-01-01" and at.query_params["to"] == "2021-06-30"
    at = run_app(monkeypatch, seed_db, {"to": "2020-07-31"})
    assert at.query_params["to"] == "2020-07-31" and "from" not in at.query_params


def test_selecting_every_outlet_keeps_the_articles_without_one(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db, {"undated": "1"})
    everything = table_names(at)
    outlets = at.sidebar.multiselect(key="w_sources")
    for name in list(outlets.options):
        outlets = outlets.select(name)
    outlets.run()
    assert table_names(at) == everything and "sources" not in at.query_params


@pytest.mark.parametrize(
    "lacking, said",
    [("playwright", "Playwright is not installed"), ("browser", "no Chromium was found"), ("setting", "MAPAPP")],
)
def test_the_png_advice_names_what_is_missing(monkeypatch, seed_db, tmp_path, lacking, said):
    import sys

    if lacking == "playwright":
        monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # the import fails
    elif lacking == "browser":
        monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on it
        monkeypatch.delenv("MAPAPP_BROWSER", raising=False)
    else:
        monkeypatch.setenv("MAPAPP_BROWSER", str(tmp_path / "no-such-browser"))
    at = run_app(monkeypatch, seed_db)
    advice = [i.value for i in at.info if "No PNG download" in i.value]
    assert len(advice) == 1 and said in advice[0].replace("\\", ""), advice
    assert str(tmp_path) not in advice[0]  # no server path on the page


def test_undated_mentions_are_on_the_first_screen_and_undated_0_leaves_them_out(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db)
    assert at.sidebar.toggle(key="w_undated").value is True
    assert any("Undated mentions are shown whatever the dates" in c.value for c in at.sidebar.caption)
    at.sidebar.slider[0].set_value((date(2020, 12, 1), date(2021, 3, 3))).run()
    assert table_names(at) == ["Baku", "Netherlands", "Tovuz"]  # Tovuz's undated mentions stay
    assert "undated" not in at.query_params  # the default needs no parameter
    at = run_app(monkeypatch, seed_db, {"undated": "0"})
    assert any("4 mentions of 4 places" in m.value for m in at.markdown)
    assert any("Undated mentions are left out" in c.value for c in at.sidebar.caption)
    at.sidebar.toggle(key="w_undated").set_value(True).run()
    assert "undated" not in at.query_params


def test_an_empty_result_says_why_and_what_to_change(monkeypatch, seed_db):
    at = run_app(monkeypatch, seed_db, {"q": "zeppelin", "undated": "0", "from": "2020-12-01"})
    assert any("0 mentions of 0 places" in m.value for m in at.markdown)
    info = " ".join(i.value for i in at.info)
    assert "No mention passes these filters" in info and "zeppelin" in info
    assert "clear or change the search words" in info
    assert "widen the event dates" in info and "Include undated mentions" in info


# --- time that reads like the data (issue 12, point 4) --------------------------------------------
@pytest.fixture(scope="module")
def spread_db(tmp_path_factory) -> str:
    """News of the second half of 2020, plus one mention of 1988 and one of 1602."""
    from factories import GANJA

    db = str(tmp_path_factory.mktemp("spread") / "store.sqlite")
    with Store(db) as s:
        a = _art("old", "In 1602 London burned; Baku in 1988.", date(2020, 7, 1), "Hist")
        s.upsert_article(a, [_men(a, "London", LONDON, date(1602, 5, 1)), _men(a, "Baku", BAKU, date(1988, 1, 1))])
        for i in range(30):
            b = _art(f"n{i:02d}", "Tovuz and Ganja again.", date(2020, 7 + i // 6, 1 + i % 6), "Now")
            when = date(2020, 7 + i // 6, 1 + i % 6)
            s.upsert_article(b, [_men(b, "Tovuz", TOVUZ, when), _men(b, "Ganja", GANJA, when)])
    return db


def test_dense_span_is_the_shortest_run_of_months_holding_most_mentions():
    from mapapp.ui.app import dense_span

    months = ["1602-05", "1988-01", "2020-07", "2020-08", "2020-12"]
    assert dense_span(months, [1, 1, 40, 30, 20]) == (date(2020, 7, 1), date(2020, 12, 31))
    assert dense_span(months, [1, 1, 1, 1, 1], 0.9) == (date(1602, 5, 1), date(2020, 12, 31))  # 90% of 5: all
    assert dense_span(months, [1, 1, 1, 1, 1], 0.8) == (date(1988, 1, 1), date(2020, 12, 31))  # the earliest run
    assert dense_span(["0001-01", "9999-12"], [5, 95]) == (date(9999, 12, 1), date(9999, 12, 31))
    assert dense_span([], []) is None


def test_the_slider_covers_the_news_and_the_whole_range_is_one_toggle_away(monkeypatch, spread_db):
    at = run_app(monkeypatch, spread_db)
    lo, hi = at.sidebar.slider[0].value
    assert (lo, hi) == (date(2020, 7, 1), date(2020, 11, 6))  # not 1700 or 1988
    assert heading(at) == "62 mentions of 4 places"  # the ends include the old ones
    whole = whole_toggle(at)
    assert whole.value is False and "1602 to 2020" in whole.label
    whole.set_value(True).run()
    lo, hi = at.sidebar.slider[0].value
    assert lo == date(1700, 1, 1) and hi == date(2020, 11, 6)  # thumbs at the ends stay "no bound"
    assert heading(at) == "62 mentions of 4 places"
    at.sidebar.slider[0].set_value((date(1900, 1, 1), hi)).run()
    assert heading(at) == "61 mentions of 3 places" and at.query_params["from"] == "1900-01-01"


def test_a_played_window_past_the_dense_months_is_not_undone_by_a_browser_behind_the_app(monkeypatch, spread_db):
    """A played window of January 1988 turns "Whole date range" on and becomes the dates; the
    switch's old value, sent again by a browser that had not drawn that run, leaves both as they
    are (as the date slider's does). (One outlet's mentions: no table pager comes and goes.)"""
    at = run_app(monkeypatch, spread_db, {"sources": "Hist"})
    before, slider_before = whole_toggle(at), at.sidebar.slider[0]
    assert before.value is False
    dates_before = slider_before.value
    at.session_state["map"] = {"events": [{"type": "window", "seq": 5, "unit": "month", "start": "1988-01-01"}]}
    at.run()
    assert whole_toggle(at).value is True
    assert at.sidebar.slider[0].value == (date(1988, 1, 1), date(1988, 1, 31))
    slider_before.set_value(dates_before)
    before.set_value(False).run()  # the switch and the slider as the browser last drew them, sent again
    assert not at.exception
    assert whole_toggle(at).value is True
    assert at.sidebar.slider[0].value == (date(1988, 1, 1), date(1988, 1, 31))
    whole_toggle(at).set_value(False).run()  # the user switches it off: the track shrinks
    assert whole_toggle(at).value is False and at.sidebar.slider[0].value[0] >= date(2020, 7, 1)


def test_a_permalink_with_an_old_date_opens_on_the_whole_range(monkeypatch, spread_db):
    at = run_app(monkeypatch, spread_db, {"from": "1900-01-01"})
    assert whole_toggle(at).value is True
    assert at.sidebar.slider[0].value[0] == date(1900, 1, 1)
    assert heading(at) == "61 mentions of 3 places"


def test_brushing_the_timeline_sets_the_dates(monkeypatch, spread_db):
    from mapapp.ui.app import month_index

    # a confidence filter: the date strip has no bars for it, so the chart of months is drawn
    at = run_app(monkeypatch, spread_db, {"min_score": "0.01"})
    assert any("drag across the bars" in c.value for c in at.caption)
    # what Streamlit stores when a user drags across September and October 2020 on the chart
    at.session_state["w_brush"] = {
        "selection": {"brush": {"idx": [month_index("2020-09") + 0.2, month_index("2020-10") + 0.7]}}
    }
    at.run()
    assert not at.exception
    assert at.sidebar.slider[0].value == (date(2020, 9, 1), date(2020, 10, 31))
    assert at.query_params["from"] == "2020-09-01" and at.query_params["to"] == "2020-10-31"
    assert table_names(at) == ["Ganja", "Tovuz"]  # undated none here; 1602 and 1988 left out
