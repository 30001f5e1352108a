"""GeoJSON and CSV of mention frames (the columns of ``Store.query``).

* GeoJSON: a FeatureCollection, one Point per mapped mention. Text is plain data: kept exactly as
  written (``<script>`` stays those eight characters); whoever puts it into HTML escapes it.
* CSV: cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return, and their full-width forms) get a leading ``'`` (OWASP CSV injection
  guidance). Numbers are written as numbers.

``write_geojson`` / ``write_csv`` stream any number of frames to a file (what ``mapapp export``
uses, page by page, so a million mentions never sit in memory at once).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, TextIO

import pandas as pd

#: Properties of every Feature, in order (``excerpt`` is the mention's sentence, ``article`` the
#: file name of the article; ``start``/``end`` index the article text).
GEOJSON_PROPERTIES = (
    "mention_id",
    "name",
    "place",
    "place_id",
    "country",
    "kind",
    "event_date",
    "date_precision",
    "published",
    "article",
    "article_id",
    "title",
    "source",
    "url",
    "excerpt",
    "start",
    "end",
    "score",
    "demonym",
    "corrected",
)

#: Columns of the CSV, in order.
CSV_COLUMNS = (
    "mention_id",
    "name",
    "place",
    "place_id",
    "country",
    "kind",
    "lat",
    "lon",
    "event_date",
    "date_precision",
    "published",
    "title",
    "source",
    "url",
    "article",
    "article_id",
    "start",
    "end",
    "score",
    "demonym",
    "excerpt",
    "corrected",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def plain_value(v: Any) -> Any:
    """A JSON/CSV-ready Python value: numpy scalars unwrapped, NaN/NA/NaT -> None."""
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and not math.isfinite(v):
        return None
    try:
        if v is pd.NA or v is pd.NaT or (not isinstance(v, (str, bytes, bool, int, float)) and pd.isna(v)):
            return None
    except (TypeError, ValueError):
        pass
    return v


def _article_name(path: Any) -> str | None:
    path = plain_value(path)
    if not path:
        return None
    return PurePath(str(path)).name or str(path)


def public_article_id(article_id: Any, path: Any) -> str | None:
    """An article's id as exports publish it: the server's folders left out (``story.txt`` or
    ``news.jsonl#r7``) and a short hash of the full id added, so two ``story.txt`` of different
    folders stay apart: ``story.txt@1f2e3d4c5b``."""
    article_id, path = plain_value(article_id), plain_value(path)
    if not article_id:
        return None
    aid, p = str(article_id), str(path or "")
    if p and aid.startswith(p):
        short = (_article_name(p) or "") + aid[len(p) :]
    elif "/" in aid or "\\" in aid:
        short = PurePath(aid.partition("#")[0]).name + ("#" + aid.partition("#")[2] if "#" in aid else "")
    else:
        return aid  # not a path (an id given through the Python API): published as it is
    return f"{short}@{hashlib.sha256(aid.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def _row_props(r: dict[str, Any]) -> dict[str, Any]:
    g = lambda k: plain_value(r.get(k))  # noqa: E731
    demonym = g("demonym")
    return {
        "mention_id": g("mention_id"),
        "name": g("name"),
        "place": g("place"),
        "place_id": g("place_id"),
        "country": g("country"),
        "kind": g("kind"),
        "event_date": g("event_date"),
        "date_precision": g("date_precision"),
        "published": g("published"),
        "article": _article_name(r.get("path")),
        "article_id": public_article_id(r.get("article_id"), r.get("path")),
        "title": g("title"),
        "source": g("source"),
        "url": g("url"),
        "excerpt": g("sentence"),
        "start": g("start"),
        "end": g("end"),
        "score": g("score"),
        "demonym": None if demonym is None else bool(demonym),
        "corrected": g("corrected"),  # "corrected by NAME on YYYY-MM-DD" (issue 14), else None
    }


def _features(df: pd.DataFrame) -> Iterable[dict[str, Any]]:
    for r in df.to_dict("records"):
        lat, lon = plain_value(r.get("lat")), plain_value(r.get("lon"))
        if lat is None or lon is None:
            continue  # unresolved mentions are never mapped
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": _row_props(r),
        }


def to_geojson(df: pd.DataFrame) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946: ``[lon, lat]``), one Point Feature per mention."""
    return {"type": "FeatureCollection", "features": list(_features(df))}


def neutralise(v: Any) -> Any:
    """A CSV cell that cannot start a spreadsheet formula (strings only; numbers untouched)."""
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def _csv_rows(df: pd.DataFrame) -> Iterable[list[Any]]:
    for r in df.to_dict("records"):
        props = _row_props(r)
        props["lat"], props["lon"] = plain_value(r.get("lat")), plain_value(r.get("lon"))
        row = []
        for c in CSV_COLUMNS:
            v = props.get(c)
            if isinstance(v, bool):
                v = "true" if v else "false"
            row.append("" if v is None else neutralise(v))
        yield row


def to_csv(df: pd.DataFrame) -> str:
    """CSV text (header + one line per mention), formula-safe."""
    buf = io.StringIO()
    write_csv([df], buf)
    return buf.getvalue()


def write_csv(frames: Iterable[pd.DataFrame], fh: TextIO) -> int:
    """Stream frames as one CSV; returns the number of rows written."""
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for df in frames:
        for row in _csv_rows(df):
            w.writerow(row)
            n += 1
    return n


def write_geojson(frames: Iterable[pd.DataFrame], fh: TextIO) -> int:
    """Stream frames as one FeatureCollection; returns the number of features written."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for df in frames:
        for feat in _features(df):
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
            n += 1
    fh.write("\n]}\n")
    return n


# --- events (issue 14): frames of store.events.events / reports ------------------------------------
#: Properties of every event Feature, in order (``articles``: one object per article, with the
#: sentences that report the event).
EVENT_PROPERTIES = (
    "event_id",
    "place",
    "place_id",
    "country",
    "date",
    "date_precision",
    "label",
    "kind",
    "n_articles",
    "n_sources",
    "first_reported",
    "last_reported",
    "articles",
)
EVENT_CSV_COLUMNS = (*EVENT_PROPERTIES[:-1], "lat", "lon", "n_mentions", "articles", "corrected")


def _event_articles(reports: pd.DataFrame) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in reports.to_dict("records"):
        aid = public_article_id(r.get("article_id"), r.get("path"))
        art = out.setdefault(
            str(aid),
            {
                "article": _article_name(r.get("path")),
                "article_id": aid,
                "title": plain_value(r.get("title")),
                "source": plain_value(r.get("source")),
                "url": plain_value(r.get("url")),
                "published": plain_value(r.get("published")),
                "reports": [],
            },
        )
        art["reports"].append(
            {
                "mention_id": plain_value(r.get("mention_id")),
                "name": plain_value(r.get("name")),
                "excerpt": plain_value(r.get("sentence")),
                "corrected": plain_value(r.get("corrected")),
            }
        )
    return list(out.values())


def _event_props(e: dict[str, Any], reports: pd.DataFrame) -> dict[str, Any]:
    props = {k: plain_value(e.get(k)) for k in EVENT_PROPERTIES[:-1]}
    props["event_id"] = f"ev{int(e['event_id'])}"
    props["articles"] = _event_articles(reports)
    return props


def _event_items(frames: Iterable[tuple[pd.DataFrame, pd.DataFrame]]) -> Iterable[tuple[dict[str, Any], dict]]:
    for events_df, reports_df in frames:
        by_event = {k: g for k, g in reports_df.groupby("event_id", sort=False)} if len(reports_df) else {}
        for e in events_df.to_dict("records"):
            yield e, _event_props(e, by_event.get(e["event_id"], reports_df.iloc[0:0]))


def events_geojson(events_df: pd.DataFrame, reports_df: pd.DataFrame) -> dict[str, Any]:
    """A FeatureCollection, one Point per event (``EVENT_PROPERTIES``)."""
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(e["lon"]), float(e["lat"])]},
            "properties": props,
        }
        for e, props in _event_items([(events_df, reports_df)])
    ]
    return {"type": "FeatureCollection", "features": feats}


def write_events_geojson(frames: Iterable[tuple[pd.DataFrame, pd.DataFrame]], fh: TextIO) -> int:
    """Stream ``(events, reports)`` frame pairs as one FeatureCollection; returns the events written."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for e, props in _event_items(frames):
        feat = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(e["lon"]), float(e["lat"])]},
            "properties": props,
        }
        fh.write(("\n" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


def write_events_csv(frames: Iterable[tuple[pd.DataFrame, pd.DataFrame]], fh: TextIO) -> int:
    """One CSV line per event (``EVENT_CSV_COLUMNS``; ``articles`` the public article ids joined
    by ``; ``, ``corrected`` the corrections' marks), formula-safe; returns the lines written."""
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(EVENT_CSV_COLUMNS)
    n = 0
    for e, props in _event_items(frames):
        row = dict(props)
        row["lat"], row["lon"], row["n_mentions"] = (
            plain_value(e.get("lat")),
            plain_value(e.get("lon")),
            e.get("n_mentions"),
        )
        row["articles"] = "; ".join(str(a["article_id"]) for a in props["articles"])
        marks = sorted({r["corrected"] for a in props["articles"] for r in a["reports"] if r["corrected"]})
        row["corrected"] = "; ".join(marks) or None
        w.writerow(["" if row.get(c) is None else neutralise(row.get(c)) for c in EVENT_CSV_COLUMNS])
        n += 1
    return n


def events_geojson_text(events_df: pd.DataFrame, reports_df: pd.DataFrame) -> str:
    """``events_geojson`` as text (the app's download)."""
    return json.dumps(events_geojson(events_df, reports_df), ensure_ascii=False)


def events_csv_text(events_df: pd.DataFrame, reports_df: pd.DataFrame) -> str:
    """``write_events_csv`` as text (the app's download)."""
    buf = io.StringIO()
    write_events_csv([(events_df, reports_df)], buf)
    return buf.getvalue()


__all__ = [
    "events_geojson_text",
    "events_csv_text",
    "to_geojson",
    "to_csv",
    "write_geojson",
    "write_csv",
    "neutralise",
    "GEOJSON_PROPERTIES",
    "CSV_COLUMNS",
    "EVENT_PROPERTIES",
    "EVENT_CSV_COLUMNS",
    "events_geojson",
    "write_events_geojson",
    "write_events_csv",
]
