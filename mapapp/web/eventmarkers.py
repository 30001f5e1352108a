"""Event markers (issue 14): one marker per event, drawn by the same machinery as the place
markers (``markers.MarkerRow`` rows handed to ``mapapp.placeMarkers`` in ``static/mapapp/map.js``),
so clustering, popups, clicks, the map component's layer swap and play need no new JavaScript.

An event's row: its place's point, a radius from the number of independent sources (outlets), a
colour from its kind (``store.events`` lexicon), ``mentions`` = its mentions (what clusters sum
and play scales by), ``place_id`` = ``ev:<id>`` (what a click reports: ``EVENT_RE``), and a popup
written here: the label, place, kind, date and precision, articles and outlets, first and last
report and its reports: outlet, publication date, the source sentence (escaped) and a link to
the article when it has an http(s) URL. Only the first ``POPUP_EVENTS`` carry a popup; the
browser writes the short one of the others when opened (``map.js``: the label, which names the
place, date, kind and sources, and the counts), so a layer of 1,000 events stays small. Every string from an
article is escaped here (``escape.esc``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime

import folium
import pandas as pd
from branca.element import Figure

from mapapp.web import markers
from mapapp.web.assets import MAP_ASSETS, STANDALONE_ASSETS, Asset
from mapapp.web.escape import CLIP_CHARS, clip, esc, js_json, safe_url
from mapapp.web.mapview import base_map
from mapapp.web.markers import MarkerRow, PlaceMarkers, layer_json
from mapapp.web.popups import Row, highlight, place_label, plural, records
from mapapp.web.snapshots import clean_title
from mapapp.web.standalone import finish_page
from mapapp.web.view import View

MAX_EVENT_MARKERS = 1000  # events drawn (the most sourced first); the app says how many more there are
POPUP_EVENTS = 100  # events whose popup lists their reports (the others point to the side panel)
POPUP_REPORTS = 4  # reports listed in a popup
EVENT_PREFIX = "ev:"
#: What a clicked event marker reports (and ``View.place`` holds in Events mode): ``ev:<id>``.
EVENT_RE = re.compile(r"ev:(\d{1,18})")

KIND_COLOURS = {
    "clash": "#b2182b",
    "protest": "#ef8a62",
    "meeting": "#2166ac",
    "statement": "#762a83",
    "other": "#878787",
}
KIND_LABELS = {
    "clash": "armed clash or attack",
    "protest": "protest or rally",
    "meeting": "meeting or talks",
    "statement": "statement",
    "other": "other",
}
_KINDS = list(KIND_COLOURS)
#: The marker style the events legend explains besides the colours (the others are the places').
STYLE_ITEMS = (("undated", "hollow: date unknown"),)
LEGEND_TITLE = "Events: circle size = outlets reporting it (clusters: mentions summed). Colour: kind of event"


def event_key(event_id: object) -> str:
    """``ev:12``: an event's id as marker data and the permalink's ``place`` carry it."""
    return f"{EVENT_PREFIX}{int(event_id)}"  # type: ignore[call-overload]


def event_id_of(key: object) -> int | None:
    """The event id in ``ev:12`` (None for anything else, such as a place id)."""
    m = EVENT_RE.fullmatch(key) if isinstance(key, str) else None
    return int(m.group(1)) if m else None


def date_label(d: object, precision: object) -> str:
    """``2020-07-12 (day)``, ``2020-07 (month)``, ``undated``: plain text."""
    if not isinstance(d, str) or not d:
        return "undated"
    p = precision if isinstance(precision, str) else "unknown"
    shown = d[:7] if p == "month" else d[:4] if p == "year" else d
    how = "publication date" if p == "published" else p
    return f"{shown} ({how})"


def event_title(e: Row) -> str:
    """``Tovuz (AZ) · 2020-07-12 · clash · 2 sources``: plain text (escape before use)."""
    d = e.get("date")
    when = str(d) if isinstance(d, str) and d else "undated"
    n = int(e.get("n_sources") or 0)
    return f"{place_label(e)} · {when} · {e.get('kind') or 'other'} · {plural(n, 'source')}"


def _text(v: object) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v)
    return s if s.strip() else None


def report_html(r: Row) -> str:
    """One report: outlet, publication date, title, the sentence (the place highlighted) and a
    link for an http(s) URL; a corrected mention says so. All escaped."""
    src = _text(r.get("source")) or "no outlet"
    pub = _text(r.get("published")) or "undated"
    bits = [
        f'<div class="mapapp-excerpt"><span class="mapapp-source">{esc(clip(src, CLIP_CHARS["source"]))}</span>'
        f' · <span class="mapapp-date">{esc(pub)}</span>'
    ]
    title = _text(r.get("title"))
    if title:
        bits.append(f'<br><b class="mapapp-headline">{esc(clip(title, CLIP_CHARS["title"]))}</b>')
    bits.append(f'<br><span class="mapapp-sentence">{highlight(r.get("sentence"), r.get("name"))}</span>')
    mark = _text(r.get("corrected"))
    if mark:
        bits.append(f'<br><i class="mapapp-corrected">{esc(clip(mark, 200))}</i>')
    url = safe_url(r.get("url"))
    if url:
        bits.append(f'<br><a href="{esc(url)}" target="_blank" rel="noopener noreferrer">open the article</a>')
    bits.append("</div>")
    return "".join(bits)


def event_summary_html(e: Row) -> str:
    """What an event is, before its reports: label, place, kind, date and precision, articles and
    outlets, first and last report (escaped)."""
    kind = str(e.get("kind") or "other")
    na, ns = int(e.get("n_articles") or 0), int(e.get("n_sources") or 0)
    first, last = _text(e.get("first_reported")), _text(e.get("last_reported"))
    reported = ""
    if first:
        reported = f"<br>reported {esc(first)}" + (f" to {esc(last)}" if last and last != first else "")
    return (
        f'<b class="mapapp-event-label">{esc(e.get("label") or "")}</b>'
        f"<br>{esc(place_label(e))} · {esc(KIND_LABELS.get(kind, kind))} · "
        f"{esc(date_label(e.get('date'), e.get('date_precision')))}"
        f"<br>{esc(plural(na, 'article'))} from {esc(plural(ns, 'outlet'))}{reported}"
    )


def event_popup_html(e: Row, reports: Iterable[Row] | None, limit: int = POPUP_REPORTS) -> str:
    """An event's popup: its summary and its first ``limit`` reports (None: the side panel has
    them)."""
    out = [f'<div class="mapapp-popup mapapp-event">{event_summary_html(e)}']
    reps = list(reports) if reports is not None else None
    if reps:
        out.append("<hr>")
        out.extend(report_html(r) for r in reps[:limit])
        if len(reps) > limit:
            out.append("<i>More reports in the side panel.</i>")
    else:
        out.append("<br><i>Click to list its reports in the side panel.</i>")
    out.append("</div>")
    return "".join(out)


def reports_by_event(reports_df: pd.DataFrame | None) -> dict[int, list[Row]]:
    """``{event_id: [report rows]}`` (the frame's order kept)."""
    out: dict[int, list[Row]] = {}
    if reports_df is None or reports_df.empty:
        return out
    for r in records(reports_df):
        out.setdefault(int(r["event_id"]), []).append(r)
    return out


SPREAD_DEGREES = 0.0015  # events sharing a point are spread around it by about this much (150 m)


def spread(lat: float, lon: float, i: int) -> tuple[float, float]:
    """The point of the ``i``-th event at one place (0: the place itself; then a sunflower spiral
    of ~150 m steps): markers at one point could never be told apart or opened one by one (the
    clusterer keeps them together at every zoom); spread, they part when zoomed in. Exports keep
    the place's own point."""
    if i <= 0:
        return lat, lon
    r = SPREAD_DEGREES * math.sqrt(i)
    a = i * 2.399963  # the golden angle: evenly spread whatever the number
    k = max(0.05, math.cos(math.radians(lat)))
    return max(-90.0, min(90.0, lat + r * math.sin(a))), max(-180.0, min(180.0, lon + r * math.cos(a) / k))


def event_marker_rows(
    events_df: pd.DataFrame | None,
    reports_df: pd.DataFrame | None = None,
    *,
    max_markers: int = MAX_EVENT_MARKERS,
    popup_events: int = POPUP_EVENTS,
) -> list[MarkerRow]:
    """One ``MarkerRow`` per event with a valid point (the first ``max_markers`` of ``events_df``),
    sized by its outlets; the first ``popup_events`` carry a popup listing their reports
    (``reports_df``, ``store.events.reports`` columns)."""
    if events_df is None or events_df.empty:
        return []
    df = events_df.head(max_markers)
    by_event = reports_by_event(reports_df)
    n_max = max(4, int(df["n_sources"].max()))
    rows = []
    at_point: dict[tuple[float, float], int] = {}
    for i, e in enumerate(records(df)):
        try:
            lat, lon = float(e.get("lat")), float(e.get("lon"))  # type: ignore[arg-type]  # None/junk: caught
        except (TypeError, ValueError):
            continue
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        here = (round(lat, 5), round(lon, 5))
        at_point[here] = at_point.get(here, -1) + 1
        lat, lon = spread(lat, lon, at_point[here])
        eid = int(e["event_id"])
        reps = by_event.get(eid) if i < popup_events else None
        kind = e.get("kind")
        d = e.get("date")
        dated = isinstance(d, str) and bool(d)
        rows.append(
            MarkerRow(
                lat=round(lat, 5),
                lon=round(lon, 5),
                radius=markers.marker_radius(int(e.get("n_sources") or 0), n_max),
                colour=_KINDS.index(kind) if kind in _KINDS else len(_KINDS) - 1,
                label=esc(event_title(e)),
                popup=event_popup_html(e, reps) if i < popup_events else None,
                mentions=int(e.get("n_mentions") or 0),
                place_id=event_key(eid),
                articles=int(e.get("n_articles") or 0),
                first_date=esc(d) if dated else None,
                last_date=esc(d) if dated else None,
                area=False,
                undated=not dated,
                uncertain=False,
            )
        )
    return rows


def legend_items() -> list[markers.LegendItem]:
    """The events' palette, in the order ``MarkerRow.colour`` indexes it."""
    return [markers.LegendItem(c, KIND_LABELS[k]) for k, c in KIND_COLOURS.items()]


class EventMarkers(PlaceMarkers):
    """``PlaceMarkers`` with the events' palette and legend (the rows are ``event_marker_rows``)."""

    @property
    def data_js(self) -> str:
        items = legend_items()
        legend = {"title": LEGEND_TITLE, "items": items, "styles": STYLE_ITEMS}
        return layer_json((js_json(r) for r in self.rows), self.cluster_over, [c.colour for c in items], legend)


def layer_data(rows: list[MarkerRow]) -> str:
    """The event layer as the JSON ``mapapp.placeMarkers`` takes (what the map component swaps in)."""
    return EventMarkers(rows).data_js


def event_map(
    rows: list[MarkerRow],
    view: View | None = None,
    *,
    title: str | None = None,
    standalone: bool = False,
    assets: tuple[Asset, ...] = MAP_ASSETS,
) -> folium.Map:
    """Base map + the event layer of ``rows``; without a centre in ``view`` it fits the markers."""
    m = base_map(view, title=title, standalone=standalone, assets=assets)
    fg = folium.FeatureGroup(name="Events", control=False)
    fg.add_child(EventMarkers(rows))
    m.add_child(fg)
    b = markers.rows_bounds(rows)
    if (view is None or view.center is None) and b is not None:
        m.fit_bounds(b, max_zoom=8, padding=(20, 20))
    return m


def describe_events(view: View, n_events: int, n_reports: int | None = None) -> list[str]:
    """What a shared events map shows, as lines of plain text."""
    lines = [plural(n_events, "event") + (f" ({plural(n_reports, 'report')})" if n_reports is not None else "")]
    lines += view.filters.describe()
    if view.place:
        lines.append(f"Selected: {view.place}")
    if view.snapshot:
        lines.append(f"Frozen snapshot: {view.snapshot}")
    return lines


def standalone_events_html(
    events_df: pd.DataFrame,
    reports_df: pd.DataFrame | None,
    view: View | None,
    title: str | None = None,
    *,
    made_at: datetime | None = None,
) -> str:
    """One self-contained HTML page of the events map (``standalone.finish_page``): every asset
    inlined, opens from ``file://`` with no network; what PNG rendering draws too."""
    view = view if view is not None else View(mode="events")
    title = clean_title(title) or "mapapp events"
    order = ["n_sources", "n_articles", "date", "event_id"]  # as the map draws them (the most sourced)
    if len(events_df) > MAX_EVENT_MARKERS and all(c in events_df for c in order):
        events_df = events_df.sort_values(order, ascending=[False, False, False, True], na_position="last")
    rows = event_marker_rows(events_df, reports_df, popup_events=MAX_EVENT_MARKERS)
    fmap = event_map(rows, view, title=title, standalone=True, assets=MAP_ASSETS + STANDALONE_ASSETS)
    root = fmap.get_root()
    assert isinstance(root, Figure)  # a folium.Map's root is its page
    n_reports = None if reports_df is None else len(reports_df)
    return finish_page(root, title, describe_events(view, len(events_df), n_reports), len(rows), made_at)


__all__ = [
    "EVENT_RE",
    "EventMarkers",
    "KIND_COLOURS",
    "KIND_LABELS",
    "MAX_EVENT_MARKERS",
    "POPUP_EVENTS",
    "date_label",
    "describe_events",
    "event_id_of",
    "event_key",
    "event_map",
    "event_marker_rows",
    "event_popup_html",
    "event_summary_html",
    "event_title",
    "layer_data",
    "legend_items",
    "report_html",
    "reports_by_event",
    "standalone_events_html",
]
