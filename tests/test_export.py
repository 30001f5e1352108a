"""GeoJSON / CSV export of real store frames: the contract, formula neutralisation, plain text."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from mapapp.models import Article, Mention
from mapapp.store import QUERY_COLUMNS, Store
from mapapp.store.filters import Filters
from mapapp.web.export import CSV_COLUMNS, GEOJSON_PROPERTIES, neutralise, to_csv, to_geojson, write_csv, write_geojson

from factories import BAKU, LIMA

EVIL_TITLE = "=HYPERLINK(\"http://evil\") <script>alert('x')</script>"
EVIL_TEXT = "=cmd|' /C calc'!A0 happened in Lima.\n<b>bold</b> and Baku @SUM(1) too."


@pytest.fixture()
def frame(tmp_path):
    s = Store(tmp_path / "x.sqlite")
    a = Article(
        id="evil",
        path=str(tmp_path / "corpus" / "evil-article.txt"),
        text=EVIL_TEXT,
        title=EVIL_TITLE,
        published=date(2021, 5, 4),
        source="+Source",
        url="https://example.org/a?b=1&c=<2>",
        content_hash="h1",
    )
    i, j = EVIL_TEXT.index("Lima"), EVIL_TEXT.index("Baku")
    ms = [
        Mention("evil", i, i + 4, "Lima", LIMA, 0.8, EVIL_TEXT.split("\n")[0], 0, date(2021, 5, 1), "day"),
        Mention(
            "evil",
            j,
            j + 4,
            "Baku",
            BAKU,
            0.6,
            EVIL_TEXT.split("\n")[1],
            EVIL_TEXT.index("<b>"),
            None,
            "unknown",
            demonym=False,
        ),
    ]
    s.upsert_article(a, ms)
    df = s.query(Filters(include_undated=True))
    s.close()
    assert list(df.columns) == QUERY_COLUMNS
    return df


def test_geojson_contract(frame):
    fc = to_geojson(frame)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    assert json.loads(json.dumps(fc)) == fc  # plain JSON data
    lima = next(f for f in fc["features"] if f["properties"]["name"] == "Lima")
    assert lima["type"] == "Feature"
    assert lima["geometry"] == {"type": "Point", "coordinates": [-77.028, -12.043]}  # [lon, lat]
    p = lima["properties"]
    required = {
        "name",
        "place",
        "country",
        "event_date",
        "date_precision",
        "published",
        "article",
        "title",
        "source",
        "excerpt",
        "start",
        "end",
        "place_id",
        "score",
        "demonym",
        "url",
    }
    assert required <= set(p) and tuple(p) == GEOJSON_PROPERTIES
    assert p["place"] == "Lima" and p["country"] == "PE" and p["place_id"] == "gn:3936456"
    assert p["event_date"] == "2021-05-01" and p["date_precision"] == "day" and p["published"] == "2021-05-04"
    assert p["article"] == "evil-article.txt"  # the file name, not the full local path
    assert EVIL_TEXT[p["start"] : p["end"]] == "Lima"
    assert p["score"] == 0.8 and p["demonym"] is False
    baku = next(f for f in fc["features"] if f["properties"]["name"] == "Baku")["properties"]
    assert baku["event_date"] is None and baku["date_precision"] == "unknown"


def test_geojson_text_is_kept_literally(frame):
    fc = to_geojson(frame)
    p = fc["features"][0]["properties"]
    assert p["title"] == EVIL_TITLE  # '<script>' stays literal text: no escaping, no interpretation
    assert p["url"] == "https://example.org/a?b=1&c=<2>"
    assert "<b>bold</b>" in next(
        f["properties"]["excerpt"] for f in fc["features"] if f["properties"]["name"] == "Baku"
    )
    assert "<script>" in json.dumps(fc, ensure_ascii=False)


def test_geojson_streaming_equals_in_memory(frame):
    buf = io.StringIO()
    assert write_geojson([frame.iloc[:1], frame.iloc[1:], frame.iloc[:0]], buf) == 2
    assert json.loads(buf.getvalue()) == to_geojson(frame)
    empty = io.StringIO()
    write_geojson([], empty)
    assert json.loads(empty.getvalue()) == {"type": "FeatureCollection", "features": []}
    assert to_geojson(frame.iloc[:0]) == {"type": "FeatureCollection", "features": []}


def test_csv_neutralises_formulas(frame):
    text = to_csv(frame)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 2
    lima = next(r for r in rows if r["name"] == "Lima")
    assert lima["title"] == "'" + EVIL_TITLE
    assert lima["source"] == "'+Source"
    assert lima["excerpt"].startswith("'=cmd|")
    assert lima["lon"] == "-77.028" and lima["lat"] == "-12.043"  # numbers stay numbers
    assert lima["article"] == "evil-article.txt" and lima["demonym"] == "false"
    baku = next(r for r in rows if r["name"] == "Baku")
    assert baku["event_date"] == "" and baku["excerpt"] == "<b>bold</b> and Baku @SUM(1) too."
    for r in rows:  # no cell a spreadsheet would evaluate
        for v in r.values():
            assert not v.startswith(("=", "+", "@", "\t", "\r")) and not (v.startswith("-") and not _number(v))


def _number(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+cmd", "@SUM(A1)", "\tx", "\rx", "\uff1dSUM(A1)"])
def test_neutralise_each_dangerous_start(cell):
    assert neutralise(cell) == "'" + cell
    assert neutralise("Baku") == "Baku" and neutralise(-3.5) == -3.5 and neutralise("a=b") == "a=b"


def test_csv_streaming_and_embedded_newlines(frame):
    buf = io.StringIO()
    assert write_csv([frame.iloc[:1], frame.iloc[1:]], buf) == 2
    assert buf.getvalue() == to_csv(frame)
    a = frame.copy()
    a.loc[:, "title"] = "line one\nline two, with comma"
    rows = list(csv.DictReader(io.StringIO(to_csv(a))))
    assert rows[0]["title"] == "line one\nline two, with comma"
