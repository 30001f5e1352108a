"""The Folium map: escaping of hostile article text, links only for http(s), offline assets, the
static front end fed data only, one attribution."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import unquote

import pandas as pd
import pytest

from mapapp.web import assets, attribution, escape, mapview, markers, popups, standalone
from mapapp.web.view import View

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "it's `backticked` \"quoted\" ${x} {{ '7' }} </script><script>alert(2)</script>",
    "\u2028line\u2029sep &amp; &lt;b&gt;",
]


def place(pid="gn:1", name="Baku", n=3, **kw):
    row = dict(
        place_id=pid,
        place=name,
        country="AZ",
        lat=40.38,
        lon=49.89,
        kind="city",
        n_mentions=n,
        n_articles=1,
        first_date="2020-07-12",
        last_date="2020-12-06",
    )
    row.update(kw)
    return row


def mention(pid="gn:1", name="Baku", sentence="Protesters met in Baku.", url="https://example.org/a", **kw):
    row = dict(
        mention_id=1,
        article_id="a",
        name=name,
        place_id=pid,
        place=name,
        country="AZ",
        lat=40.38,
        lon=49.89,
        kind="city",
        score=0.9,
        demonym=False,
        start=0,
        end=len(name),
        sentence=sentence,
        event_date="2020-07-12",
        date_precision="day",
        published="2020-07-29",
        title="A title",
        source="Trend",
        url=url,
        path="/x.txt",
    )
    row.update(kw)
    return row


def hostile_frames():
    places = pd.DataFrame([place(pid=f"gn:{i}", name=f"P{i}", n=10 - i) for i in range(len(HOSTILE))])
    ments = pd.DataFrame(
        [
            mention(
                pid=f"gn:{i}",
                name=f"P{i}",
                sentence=f"In P{i} {h} happened.",
                title=h,
                source=h,
                url="javascript:alert(document.cookie)",
            )
            for i, h in enumerate(HOSTILE)
        ]
    )
    return places, ments


def marker_call(html: str) -> str:
    """The script line that hands the marker layer to ``mapapp.placeMarkers`` (data only)."""
    m = re.search(r"mapapp\.placeMarkers\([^,]+, (\{.*?\})\);\n", html)
    assert m, "marker rows not found"
    return m.group(0)


def decoded_rows(html: str) -> list[dict]:
    """The marker rows as the browser will see them (the JSON value in the page), by field name."""
    data = json.loads(re.search(r"\((?:[^,]+), (\{.*\})\);", marker_call(html)).group(1))
    return [dict(zip(data["fields"], r)) for r in data["rows"]]


@pytest.mark.parametrize("text", HOSTILE)
def test_excerpt_html_escapes_everything(text):
    out = popups.excerpt_html(mention(name="Baku", sentence=f"Baku {text} Baku", title=text, source=text))
    assert "<script" not in out and "<img" not in out
    assert "'" not in out and "`" not in out
    assert html.escape(text, quote=True).replace("`", "&#x60;") in out  # every character survives, escaped
    assert out.count("<mark>Baku</mark>") == 2


def test_popup_and_marker_fields_of_hostile_place_names_are_escaped():
    p = place(pid="gn:<1>", name="<img src=x onerror=alert(1)>", country="<b>", first_date="<i>")
    assert "<img" not in popups.popup_html(p, None)
    (row,) = markers.marker_rows(pd.DataFrame([p]), None)
    assert row.label == "&lt;img src=x onerror=alert(1)&gt; (&lt;b&gt;)" and row.place_id == "gn:&lt;1&gt;"
    assert row.first_date == "&lt;i&gt;" and row.popup is None


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ('https://x.org/"onmouseover=alert(1)', False),
        ("file:///etc/passwd", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_only_http_urls_are_linked(url, ok):
    assert (escape.safe_url(url) is not None) is ok
    out = popups.excerpt_html(mention(url=url))
    assert ("<a href" in out) is ok
    assert "javascript:" not in out.lower() and "data:" not in out


def test_hostile_text_is_inert_in_the_page_and_round_trips():
    places, ments = hostile_frames()
    html = mapview.build_map(places, View(), ments).get_root().render()
    script = marker_call(html)
    # nothing from the articles can close the script or open a tag / string / template
    for bad in ("</script", "<script>alert", "<img", "onerror=alert(1)>", "`backticked`", "it's"):
        assert bad not in script
    rows = decoded_rows(html)
    assert len(rows) == len(HOSTILE)
    shown = " ".join(r["popup"] for r in rows if r["popup"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "it&#x27;s &#x60;backticked&#x60;" in shown or "it&#x27;s `backticked`" in shown
    assert "<a href" not in shown  # javascript: URLs are never links


def test_standalone_html_has_no_cdn_and_inlines_every_asset():
    places, ments = hostile_frames()
    html = standalone.standalone_html(places, ments, View(), title="Title <script>x</script>")
    for cdn in (
        "cdn.",
        "jsdelivr",
        "unpkg",
        "cloudflare",
        "googleapis",
        "bootstrapcdn",
        "code.jquery.com",
        "/app/static",
    ):
        assert cdn not in html
    srcs = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]*)"', html)
    assert srcs and all(s.startswith("data:") for s in srcs), srcs
    assert "L.markerClusterGroup" in html and "Title &lt;script&gt;x&lt;/script&gt;" in html.replace(
        "\\u003c", "<"
    ).replace("\\u003e", ">").replace("\\u0026", "&")
    assert '"FeatureCollection"' in html  # offline outlines inlined


def with_assets(html: str) -> str:
    """The page and the text of every script and stylesheet it loads (``/app/static`` files and
    inlined ``data:`` URLs): what the browser runs, now that the behaviour lives in static files."""
    out = [html]
    for url in re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]*)"', html):
        if url.startswith("/app/static/"):
            out.append((assets.STATIC_DIR / url[len("/app/static/") :].split("?")[0]).read_text(encoding="utf-8"))
        elif url.startswith("data:") and ";base64," not in url:
            out.append(unquote(url.split(",", 1)[1]))
    return "\n".join(out)


def test_attribution_and_legend_present():
    html = with_assets(mapview.build_map(pd.DataFrame([place()]), View(), None).get_root().render())
    text = html.replace("\\u0026", "&").replace("\\u003c", "<").replace("\\u003e", ">")
    assert "GeoNames" in text and "CC BY 4.0" in text
    assert "OpenStreetMap" in text and "contributors" in text
    assert "mapapp-legend" in text and "circle area = mentions" in text
    assert "tileerror" in html  # falls back to the offline outlines


def test_app_map_uses_local_static_assets():
    m = mapview.base_map(View())
    urls = [u for _, u in m.default_js + m.default_css]
    assert urls and all(u.startswith("/app/static/") or u.startswith("data:") for u in urls)
    assert assets.ensure_assets()
    for u in urls:
        if u.startswith("/app/static/"):
            assert (assets.STATIC_DIR / u[len("/app/static/") :].split("?")[0]).is_file()  # ?v=: its version
    base = json.loads((assets.STATIC_DIR / assets.BASEMAP_FILE).read_text(encoding="utf-8"))
    assert base["countries"]["type"] == "FeatureCollection" and len(base["countries"]["features"]) > 150
    names = {f["properties"]["name"] for f in base["countries"]["features"]}
    assert {"Azerbaijan", "Armenia", "Georgia"} <= names
    assert base["lakes"]["coordinates"] and base["rivers"]["coordinates"] and len(base["admin1"]["geometries"]) > 150
    labels = {r[0]: r[3] for r in base["labels"]}
    assert labels["Baku"] == 1 and labels["Ganja"] >= 2  # a capital; a large city
    assert (assets.STATIC_DIR / "basemap" / "README.md").is_file()
    assert (assets.STATIC_DIR / assets.BASEMAP_FILE).stat().st_size < 5_000_000  # a few MB at most


def test_markers_sized_by_mentions_capped_and_popups_budgeted():
    places = pd.DataFrame([place(pid=f"gn:{i}", name=f"P{i}", n=1000 - i, lat=10 + i / 100) for i in range(300)])
    calls = []

    def ex(pid):
        calls.append(pid)
        return pd.DataFrame([mention(pid=pid, name="P")])

    rows = markers.marker_rows(places, ex, max_markers=200, popup_places=20)
    assert len(rows) == 200 and len(calls) == 20
    assert rows[0].radius > rows[-1].radius >= 4
    assert "mapapp-excerpt" in rows[0].popup and rows[50].popup is None  # built in the browser from escaped fields
    bad = pd.DataFrame([place(lat=float("nan")), place(pid="gn:2", lat=95.0)])
    assert markers.marker_rows(bad, None) == []


def test_js_json_is_inert():
    s = escape.js_json(["</script><b>'`{{x}}_y&"])
    assert not set("<>'`{}_&") & set(s)
    assert json.loads(s) == ["</script><b>'`{{x}}_y&"]


def test_one_excerpt_per_sentence():
    same = [mention(mention_id=i, sentence="Baku and Baku again.") for i in range(3)]
    other = mention(mention_id=9, sentence="Later in Baku.")
    rows = markers.marker_rows(pd.DataFrame([place()]), pd.DataFrame(same + [other]), popup_excerpts=5)
    assert rows[0].popup.count("mapapp-excerpt") == 2
    assert rows[0].popup.count("<mark>Baku</mark>") == 3


def test_js_json_of_objects_keeps_its_structure_and_escapes_only_strings():
    value = {"a_b": ["</script>", {"c": "{{x}}", "n": 1.5, "t": True, "z": None}], "k": "it's `q` & _"}
    s = escape.js_json(value)
    assert json.loads(s) == value
    assert not set("<>'`_&") & set(s)
    assert "{{" not in s and s.startswith("{") and s.endswith("}")  # braces only as JSON's own


def test_inlined_text_assets_round_trip_and_cannot_leave_their_attribute():
    text = 'a "quoted" <b>&amp; #frag ?q `t` {x}\n// comment\n\u00e9'
    url = assets.text_data_url(text, "text/javascript")
    body = url.split(",", 1)[1]
    assert url.startswith("data:text/javascript;charset=utf-8,")
    assert not set("\"'<>&#?`{}\n ") & set(body)
    assert unquote(body) == text


def test_templates_pass_data_to_the_static_files_only():
    m = mapview.build_map(pd.DataFrame([place()]), View(), None, title="T")
    html = m.get_root().render()
    calls = re.findall(r"^\s*(mapapp\.\w+)\((\w+), (\{.*\})\);$", html, re.M)
    assert sorted(c[0] for c in calls) == ["mapapp.baseLayers", "mapapp.placeMarkers"]
    for _, _, data in calls:
        json.loads(data)  # the argument is plain JSON data
    for fn in ("function", "tileerror", "markerClusterGroup", "bindPopup", "addAttribution"):
        assert fn not in html  # behaviour lives in static/mapapp/map.js
    links = [u for _, u in m.default_js + m.default_css]
    files = [u.split("?")[0] for u in links]  # ?v=: the file's version
    assert any(u.endswith("mapapp/map.js") for u in files) and any(u.endswith("mapapp/map.css") for u in files)
    (row,) = decoded_rows(html)
    assert list(row) == list(markers.MarkerRow._fields) and row["place_id"] == "gn:1"


def test_one_stylesheet_styles_the_excerpts():
    css = assets.style_tag()
    assert css.startswith("<style>") and ".mapapp-excerpt" in css and ".mapapp-popup" in css
    pkg = assets.STATIC_DIR.parent
    styled = [p.name for p in pkg.rglob("*.py") if "mapapp-excerpt{" in p.read_text().replace(" ", "")]
    styled += [p.name for p in assets.STATIC_DIR.rglob("*.css") if ".mapapp-excerpt" in p.read_text()]
    assert styled == ["map.css"]


def test_the_attribution_is_written_in_one_place_and_shown_everywhere():
    pkg = assets.STATIC_DIR.parent
    holders = sorted(
        str(p.relative_to(pkg))
        for p in pkg.rglob("*.py")
        if re.search(r"OpenStreetMap contributors|geonames\.org|Natural Earth \(", p.read_text())
    )
    assert holders == ["web/attribution.py"]
    html = standalone.standalone_html(pd.DataFrame([place()]), None, View(), "t")
    assert attribution.text() in html.replace("&copy;", "\u00a9")  # the footer
    assert escape.esc(attribution.text((attribution.PLACES, attribution.TILES))) in mapview.legend_html()
    cfg = mapview.BaseLayers().config
    assert cfg["dataAttribution"] == attribution.PLACES.html()
    assert cfg["tiles"]["attribution"] == attribution.TILES.html()


def test_an_excerpt_without_outlet_or_title_leaves_no_trace():
    from mapapp.web.popups import excerpt_html

    base = {"event_date": "2020-07-27", "date_precision": "day", "sentence": "Clashes near Tovuz.", "name": "Tovuz"}
    for missing in (None, float("nan"), "", "  "):
        html = excerpt_html({**base, "source": missing, "title": missing})
        assert " · " not in html and "mapapp-headline" not in html and "nan" not in html, html
    html = excerpt_html({**base, "source": "Trend", "title": "Clashes"})
    assert ' · <span class="mapapp-source">Trend</span>' in html and '<b class="mapapp-headline">Clashes</b>' in html
    assert "mapapp-title" not in html  # the map's title box style is not the article's


# --- issue 12: the map's look -------------------------------------------------------------------


def test_areas_undated_and_uncertain_places_are_marked():
    df = pd.DataFrame(
        [
            place("gn:az", "Azerbaijan", n=50, kind="country", lat=40.5, lon=47.5),
            place("gn:1", "Baku", n=10),
            place("gn:2", "Yevlakh", n=2, lat=40.6, lon=47.15, first_date=None, last_date=None),
            place("gn:3", "Shusha", n=1, lat=39.76, lon=46.75),
        ]
    )
    rows = {r.place_id: r for r in markers.marker_rows(df, None, best_scores={"gn:3": 0.3, "gn:1": 0.95})}
    assert rows["gn:az"].area and not rows["gn:1"].area
    assert rows["gn:2"].undated and not rows["gn:1"].undated
    assert rows["gn:3"].uncertain and not rows["gn:1"].uncertain and not rows["gn:2"].uncertain  # no score: certain
    # markers stay small: the biggest town is not a disc that buries its neighbours
    assert max(r.radius for r in rows.values()) <= 14
    # the legend explains each style, "date unknown" among them
    text = mapview.legend_html()
    assert "date unknown" in text and "uncertain place" in text and "a country, province or region" in text


def test_colour_by_recency_counts_back_from_the_newest_mention():
    df = pd.DataFrame(
        [
            place("gn:1", "Baku", last_date="2020-12-06"),
            place("gn:2", "Ganja", last_date="2020-11-20"),
            place("gn:3", "Tovuz", last_date="2020-03-01"),
            place("gn:4", "Shusha", last_date="2018-03-01"),
            place("gn:5", "Yevlakh", first_date=None, last_date=None),
        ]
    )
    rows = markers.marker_rows(df, None, colour_by="recency")
    assert [r.colour for r in rows] == [0, 1, 2, 3, 4]
    labels = [it.label for it in markers.legend_items("recency", "2020-12-06")]
    assert labels[0] == "within a week of 2020-12-06" and labels[-1] == "date unknown"
    assert [r.colour for r in markers.marker_rows(df, None)] == [0] * 5  # by kind: all cities
    # the layer hands its own legend to the browser
    data = json.loads(markers.PlaceMarkers(rows, colour_by="recency").data_js)
    assert data["legend"]["title"] == "Colour: last mentioned"
    assert data["legend"]["items"][0] == [markers.RECENCY_BINS[0][1], "within a week of 2020-12-06"]
    assert len(data["colours"]) == len(data["legend"]["items"])


def test_colour_round_trips_in_the_permalink():
    v = View(colour="recency")
    assert v.to_params()["colour"] == "recency"
    back, notices = View.from_params(v.to_params())
    assert back.colour == "recency" and notices == []
    assert "colour" not in View().to_params()  # the default says nothing
    bad, notices = View.from_params({"colour": "<script>"})
    assert bad.colour == "kind" and len(notices) == 1 and "colour" in notices[0]
    html_ = mapview.build_map(pd.DataFrame([place()]), View(colour="recency"), None).get_root().render()
    assert "Colour: last mentioned" in html_


def test_standalone_marks_uncertain_places_from_its_mentions():
    places_df = pd.DataFrame([place("gn:1", "Baku"), place("gn:3", "Shusha", lat=39.76, lon=46.75)])
    ments = pd.DataFrame([mention("gn:1", score=0.9), mention("gn:3", name="Shusha", score=0.2)])
    assert standalone.best_scores(ments) == {"gn:1": 0.9, "gn:3": 0.2}
    page = standalone.standalone_html(places_df, ments, View())
    data = re.search(r"mapapp\.placeMarkers\([^,]+, (\{.*?\})\);", page, re.S)
    assert data is not None
    got = json.loads(data.group(1))
    i = got["fields"].index("uncertain")
    assert sorted(r[i] for r in got["rows"]) == [False, True]


def test_offline_map_is_credited():
    assert "Natural Earth" in attribution.text() and "public domain" in attribution.text()
    cfg = mapview.BaseLayers().config
    assert cfg["outlines"]["url"].split("?")[0].endswith("/basemap/basemap.json") and cfg["outlines"]["inline"] is None
    assert mapview.BaseLayers(outlines_inline=True).config["outlines"]["inline"]["labels"]


def test_the_sidebar_colour_choice_is_in_the_permalink(tmp_path, monkeypatch):
    from datetime import date

    from streamlit.testing.v1 import AppTest

    from mapapp.store import Store

    from factories import BAKU, article
    from factories import mention as make_mention

    db = tmp_path / "s.sqlite"
    with Store(db) as s:
        a = article("a", "Protesters met in Baku.")
        s.upsert_article(a, [make_mention(a, "Baku", BAKU, date(2020, 7, 29))])
    monkeypatch.setenv("MAPAPP_DB", str(db))
    at = AppTest.from_file(str(assets.STATIC_DIR.parent / "app.py"), default_timeout=60)
    at.run()
    radio = next(r for r in at.sidebar.radio if r.label == "Marker colour")
    assert radio.value == "kind" and "colour" not in at.query_params
    radio.set_value("recency").run()
    assert not at.exception and at.query_params["colour"] == "recency"
