"""The place markers: one circle per place, sized by its mention count, coloured by its kind or
by how recent its newest mention is, clustered (summing mentions) where they would overlap.

Towns and other points are clustered so each one stays reachable at every zoom (co-located ones
spread out at the highest zoom); countries, provinces, districts and regions (``AREA_KINDS``) are
small rings of one size in a pane under the towns, never a disc that buries the towns inside
them. A place whose mentions are all undated is hollow; one whose best resolution confidence is
below ``UNCERTAIN_BELOW`` has a dashed outline.

Markers are aggregated per place (``Store.places``). Python builds one ``MarkerRow`` per place
(named fields; strings html-escaped) and hands the layer to ``mapapp.placeMarkers`` in
``static/mapapp/map.js`` as one compact JSON value (field names once, then one array per place),
so a layer of thousands of places stays a few hundred kilobytes. Only the most mentioned places
carry their newest excerpts in the popup (the side panel pages through the rest); the browser
writes the short popup of the others when one is opened.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import NamedTuple, TypeAlias

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from mapapp import settings
from mapapp.store import PLACES_COLUMNS
from mapapp.store.filters import UNCERTAIN_BELOW
from mapapp.web.escape import esc, js_json
from mapapp.web.popups import Row, distinct_sentences, place_label, popup_html, records

MAX_MARKERS = 3000  # places drawn (most mentioned first); the app says how many more there are
POPUP_PLACES = 100  # places whose popup carries excerpts (the most mentioned)
POPUP_BUDGET = 400_000  # bytes of popup HTML per marker layer
CLUSTER_OVER = 0  # cluster when more places than this are drawn (always: overlapping markers cannot be clicked)
#: Places that are areas, not points: drawn as small rings under the town markers.
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "continent"})
AREA_RADIUS = 7.0  # pixels, whatever the mentions: an area's ring marks it, it does not weigh it
#: A town's circle (``marker_radius``): this radius, plus up to ``RADIUS_SPAN`` by mentions;
#: ``RADIUS_NONE`` when no place has any.
RADIUS_MIN, RADIUS_SPAN, RADIUS_NONE = 5.0, 9.0, 6.0
COLOUR_MODES = ("kind", "recency")

KIND_COLOURS = {
    "city": "#d7301f",
    "admin1": "#fc8d59",
    "admin2": "#fdbb84",
    "country": "#2b8cbe",
    "region": "#7b3294",
    "continent": "#636363",
    "water": "#1a9850",
    "landmark": "#8c510a",
}
OTHER_COLOUR = "#555555"
KIND_LABELS = {
    "city": "city / town",
    "admin1": "province / region",
    "admin2": "district",
    "country": "country",
    "region": "historical / other region",
    "continent": "continent",
    "water": "sea / river / lake",
    "landmark": "other feature",
}
_KINDS = list(KIND_COLOURS)
#: Colour by recency: how long before the newest mention of the map a place was last mentioned.
RECENCY_BINS = ((7, "#a50f15", "within a week"), (31, "#ef3b2c", "within a month"), (366, "#fc9272", "within a year"))
RECENCY_OLDER = "#9e9ac8"
UNDATED_COLOUR = "#969696"

#: Where popups find a place's newest mentions: ``place_id -> frame`` or one frame of mentions.
Excerpts: TypeAlias = Callable[[str], pd.DataFrame | None] | pd.DataFrame | None


class MarkerRow(NamedTuple):
    """One place marker as the browser receives it (strings already html-escaped)."""

    lat: float
    lon: float
    radius: float  # pixels
    colour: int  # index into the layer's palette (``legend_items(mode)``)
    label: str  # "Baku (AZ)", escaped
    popup: str | None  # the popup's HTML; None: the browser writes the short one when opened
    mentions: int
    place_id: str  # escaped
    articles: int
    first_date: str | None  # escaped
    last_date: str | None  # escaped
    area: bool  # a country, province, district or region: a small ring under the towns
    undated: bool  # every mention undated: drawn hollow
    uncertain: bool  # best confidence below UNCERTAIN_BELOW: dashed outline


class LegendItem(NamedTuple):
    colour: str
    label: str  # plain text (the browser sets it as text)


def legend_items(mode: str, newest: str | None = None) -> list[LegendItem]:
    """The palette of a colour mode, in the order ``MarkerRow.colour`` indexes it."""
    if mode == "recency":
        before = f" of {newest}" if newest else ""
        out = [LegendItem(c, f"{label}{before}") for _, c, label in RECENCY_BINS]
        return out + [LegendItem(RECENCY_OLDER, "older"), LegendItem(UNDATED_COLOUR, "date unknown")]
    return [LegendItem(c, KIND_LABELS[k]) for k, c in KIND_COLOURS.items()] + [LegendItem(OTHER_COLOUR, "other")]


def recency_index(last: object, newest: date | None) -> int:
    """Which recency bin a place's last date falls in (``legend_items("recency")`` order)."""
    d = _day(last)
    if d is None or newest is None:
        return len(RECENCY_BINS) + 1
    age = (newest - d).days
    for i, (days, _, _) in enumerate(RECENCY_BINS):
        if age < days:
            return i
    return len(RECENCY_BINS)


def _day(v: object) -> date | None:
    if not isinstance(v, str) or len(v) < 10:
        return None
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def marker_radius(n: int, n_max: int) -> float:
    """Circle radius in pixels: area grows with the mention count (5 to 14 px: small enough that
    markers the clusterer leaves apart do not cover each other's centres)."""
    if n_max <= 0:
        return RADIUS_NONE
    return round(RADIUS_MIN + RADIUS_SPAN * math.sqrt(max(0, n) / n_max), 1)


#: The numbers the map component's JavaScript sizes and colours a range it draws itself with
#: (``marker_radius``, ``recency_index``): sent with the strip so they have one home, here.
BROWSER_SCALES = {"radius": [RADIUS_MIN, RADIUS_SPAN, RADIUS_NONE], "recency": [float(d) for d, _, _ in RECENCY_BINS]}


def colour(kind: object) -> str:
    return KIND_COLOURS.get(kind if isinstance(kind, str) else "", OTHER_COLOUR)


def _excerpt_getter(excerpts: Excerpts, k: int) -> Callable[[str], list[Row] | None]:
    """``place_id -> newest k mentions`` (records) from a callable or one frame of mentions."""
    if excerpts is None:
        return lambda pid: None
    if isinstance(excerpts, pd.DataFrame):
        if excerpts.empty or "place_id" not in excerpts:
            return lambda pid: None
        groups: dict[str, list[Row]] = {}
        for r in records(excerpts):  # frames are newest first: keep the first k sentences of each place
            g = groups.setdefault(r["place_id"], [])
            if len(g) < k and all(
                (r.get("article_id"), r.get("sentence")) != (x.get("article_id"), x.get("sentence")) for x in g
            ):
                g.append(r)
        return groups.get
    fetch = excerpts

    def call(pid: str) -> list[Row] | None:
        df = fetch(pid)
        return None if df is None else distinct_sentences(records(df))[:k]

    return call


def marker_rows(
    places_df: pd.DataFrame | None,
    excerpts: Excerpts = None,
    *,
    max_markers: int = MAX_MARKERS,
    popup_places: int = POPUP_PLACES,
    popup_budget: int = POPUP_BUDGET,
    popup_excerpts: int | None = None,
    colour_by: str = "kind",
    best_scores: Mapping[str, float] | None = None,
) -> list[MarkerRow]:
    """The ``MarkerRow`` of each of the most mentioned places with a valid point (``places_df``
    is most mentioned first, as ``Store.places`` returns it). Only the first ``popup_places``
    places get excerpts (``popup_excerpts`` each, default setting), within ``popup_budget``.
    ``colour_by``: ``kind`` or ``recency`` (``legend_items`` gives the palette). A place whose
    best confidence (``best_scores[place_id]``, ``Store.best_scores()``, or the frame's
    ``best_score`` column) is below ``UNCERTAIN_BELOW`` is marked uncertain. Made by
    ``LayerEncoder`` (the one home of what a marker shows) and read back from its JSON, so the
    maps built whole (standalone pages, PNG, snapshots) and the app's layer cannot differ."""
    enc = LayerEncoder(best_scores).encode(
        places_df,
        excerpts,
        max_markers=max_markers,
        popup_places=popup_places,
        popup_budget=popup_budget,
        popup_excerpts=popup_excerpts,
        colour_by=colour_by,
    )
    return [MarkerRow(*row) for row in json.loads(enc.data_js)["rows"]]


def newest_date(places_df: pd.DataFrame) -> date | None:
    """The newest ``last_date`` of the places (what "recent" is measured from: the data's own end)."""
    if places_df is None or places_df.empty or "last_date" not in places_df:
        return None
    days = [d for d in (_day(v) for v in places_df["last_date"].tolist()) if d is not None]
    return max(days) if days else None


def rows_newest(rows: list[MarkerRow]) -> str | None:
    """The newest last date among ``rows`` (escaped ISO text), for the recency legend."""
    days = [r.last_date for r in rows if r.last_date]
    return max(days)[:10] if days else None


def rows_bounds(rows: list[MarkerRow]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around the markers (None without any)."""
    if not rows:
        return None
    lats = [r.lat for r in rows]
    lons = [r.lon for r in rows]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


class PlaceMarkers(MacroElement):
    """Hands the marker rows to ``mapapp.placeMarkers`` (``static/mapapp/map.js``), which adds
    one circle per place to the parent layer, clustered when there are more than
    ``cluster_over``. The template passes data only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        mapapp.placeMarkers({{ this._parent.get_name() }}, {{ this.data_js }});
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[MarkerRow], cluster_over: int = CLUSTER_OVER, colour_by: str = "kind") -> None:
        super().__init__()
        self._name = "PlaceMarkers"
        self.rows = rows
        self.cluster_over = int(cluster_over)
        self.colour_by = colour_by if colour_by in COLOUR_MODES else "kind"

    @property
    def data_js(self) -> str:
        items = legend_items(self.colour_by, rows_newest(self.rows))
        return layer_json(
            (js_json(r) for r in self.rows),
            self.cluster_over,
            [c.colour for c in items],
            place_legend(self.colour_by, items),
        )


def place_legend(colour_by: str, items: list[LegendItem]) -> dict[str, object]:
    """The legend a place layer carries (``mapapp.placeMarkers`` sets it)."""
    return {
        "title": "Colour: last mentioned" if colour_by == "recency" else "Colour: kind of place",
        "items": items,
        "styles": STYLE_ITEMS,
    }


def layer_json(rows_js: Iterable[str], cluster_over: int, colours: list[str], legend: Mapping[str, object]) -> str:
    """The layer JSON ``mapapp.placeMarkers`` takes, from its rows already written as JSON
    arrays (``MarkerRow`` order): the one writer of its shape, for ``PlaceMarkers``,
    ``LayerEncoder`` and the events' layer (``eventmarkers.EventMarkers``)."""
    return (
        '{"fields":'
        + _FIELDS_JS
        + ',"rows":['
        + ",".join(rows_js)
        + '],"clusterOver":'
        + js_json(int(cluster_over))
        + ',"colours":'
        + js_json(colours)
        + ',"legend":'
        + js_json(legend)
        + "}"
    )


class EncodedLayer(NamedTuple):
    """A marker layer as ``LayerEncoder.encode`` makes it: the JSON and each row's place id
    (unescaped), in the rows' order."""

    data_js: str
    place_ids: tuple[str, ...]


class LayerEncoder:
    """The app's marker layer JSON, made fast: equal to ``PlaceMarkers(marker_rows(...)).data_js``
    (tests check), without a ``MarkerRow`` per place. What depends on the place only (point,
    label, id, kind, confidence) is encoded once per place and kept; a filter change formats only
    the counts, dates, sizes and colours. One encoder per data version (``best_scores`` is that
    version's): at a million mentions a slider move costs ~10 ms here instead of ~150 ms."""

    def __init__(self, best_scores: Mapping[str, float] | None = None) -> None:
        self.best = best_scores
        self._places: dict[tuple[object, ...], tuple[str, str, str, bool, int, bool] | None] = {}
        self._text: dict[str, str] = {}

    def _place(self, key: tuple[object, ...]) -> tuple[str, str, str, bool, int, bool] | None:
        """``(point, label, id, area, kind colour, uncertain)`` of a place, JSON-encoded; None
        for a place without a valid point."""
        pid, place, country, lat, lon, kind = key
        try:
            la, lo = float(lat), float(lon)  # type: ignore[arg-type]  # None/junk: caught
        except (TypeError, ValueError):
            return None
        if not (math.isfinite(la) and math.isfinite(lo) and -90 <= la <= 90 and -180 <= lo <= 180):
            return None
        p = {"place_id": pid, "place": place, "country": country}
        uncertain = False
        if self.best is not None:
            best = self.best.get(pid)  # type: ignore[call-overload]
            uncertain = isinstance(best, (int, float)) and math.isfinite(best) and best < UNCERTAIN_BELOW
        return (
            f"[{round(la, 5)!r},{round(lo, 5)!r},",
            js_json(esc(place_label(p))),
            js_json(esc(pid)),
            kind in AREA_KINDS,
            _KINDS.index(kind) if isinstance(kind, str) and kind in _KINDS else len(_KINDS),
            bool(uncertain),
        )

    def _str(self, v: object) -> str:
        """An escaped date as JSON (``null`` for a missing one), kept: dates repeat."""
        if not isinstance(v, str):
            return "null"
        out = self._text.get(v)
        if out is None:
            out = self._text[v] = js_json(esc(v))
        return out

    def encode(
        self,
        places_df: pd.DataFrame | None,
        excerpts: Excerpts = None,
        *,
        max_markers: int = MAX_MARKERS,
        popup_places: int = POPUP_PLACES,
        popup_budget: int = POPUP_BUDGET,
        popup_excerpts: int | None = None,
        colour_by: str = "kind",
        cluster_over: int = CLUSTER_OVER,
    ) -> EncodedLayer:
        """What ``marker_rows`` and ``PlaceMarkers(...).data_js`` make of ``places_df`` (the
        same arguments), as one JSON text and the rows' place ids."""
        colour_by = colour_by if colour_by in COLOUR_MODES else "kind"
        k = int(popup_excerpts if popup_excerpts is not None else settings.get("popup_excerpts"))
        rows: list[str] = []
        ids: list[str] = []
        newest_row: str | None = None
        if places_df is not None and not places_df.empty:
            df = places_df.head(max_markers)
            get = _excerpt_getter(excerpts, k) if k > 0 else None
            kinds = df["kind"].tolist() if "kind" in df else [None] * len(df)
            n_all = [int(v or 0) for v in df["n_mentions"].tolist()]
            n_pts = [n for n, kd in zip(n_all, kinds, strict=True) if kd not in AREA_KINDS]
            n_max = max(n_pts or n_all or [0])
            newest = newest_date(df) if colour_by == "recency" else None
            col = {c: df[c].tolist() if c in df else [None] * len(df) for c in PLACE_FIELDS}
            # without a data version's scores, the frame's own (``marker_rows`` reads the same)
            own = df["best_score"].tolist() if self.best is None and "best_score" in df else None
            budget = popup_budget
            for i, (pid, place, country, lat, lon, kind, n, na, fd, ld) in enumerate(
                zip(*(col[c] for c in PLACE_FIELDS), strict=True)
            ):
                key = (pid, place, country, lat, lon, kind)
                if key in self._places:
                    parts = self._places[key]
                else:
                    parts = self._places[key] = self._place(key)
                if parts is None:
                    continue
                point, label, pid_js, area, kind_colour, uncertain = parts
                if own is not None:
                    b = own[i]
                    uncertain = isinstance(b, (int, float)) and math.isfinite(b) and b < UNCERTAIN_BELOW
                popup = "null"
                if get is not None and i < popup_places and budget > 0:
                    p = records(df.iloc[[i]])[0]
                    ex = get(pid)
                    html = popup_html(p, ex[:k]) if ex else None
                    budget -= len(html or "")
                    popup = js_json(html) if html else "null"
                n = int(n or 0)
                undated = not (isinstance(fd, str) and fd)
                ci = recency_index(ld, newest) if colour_by == "recency" else kind_colour
                radius = AREA_RADIUS if area else marker_radius(n, n_max)
                rows.append(
                    f"{point}{radius!r},{ci},{label},{popup},{n},{pid_js},{int(na or 0)},"
                    f"{self._str(fd)},{self._str(ld)},{_JS_BOOL[area]},{_JS_BOOL[undated]},{_JS_BOOL[uncertain]}]"
                )
                ids.append(str(pid))
                if isinstance(ld, str) and (newest_row is None or esc(ld) > newest_row):
                    newest_row = esc(ld)
        items = legend_items(colour_by, newest_row[:10] if newest_row else None)
        data_js = layer_json(rows, cluster_over, [c.colour for c in items], place_legend(colour_by, items))
        return EncodedLayer(data_js, tuple(ids))


_FIELDS_JS = js_json(list(MarkerRow._fields))
PLACE_FIELDS = tuple(PLACES_COLUMNS)  # the columns of a places frame, read once per encode
_JS_BOOL = {True: "true", False: "false"}


#: The marker styles the legend explains besides the colours: ``[style, label]`` (map.css draws them).
STYLE_ITEMS = (
    ("area", "ring: a country, province or region"),
    ("undated", "hollow: date unknown"),
    ("uncertain", f"dashed: uncertain place (confidence < {UNCERTAIN_BELOW:g})"),
)


def layer_from_rows(rows: list[MarkerRow], *, name: str = "Places", colour_by: str = "kind") -> folium.FeatureGroup:
    """The marker FeatureGroup from ``marker_rows`` output (cacheable plain data), for the maps
    built whole (standalone pages, PNG); the app's component swaps the same rows in as JSON.
    ``colour_by`` must be what the rows were made with (it picks the legend)."""
    fg = folium.FeatureGroup(name=name, control=False)
    fg.add_child(PlaceMarkers(rows, colour_by=colour_by))
    return fg


def marker_layer(
    places_df: pd.DataFrame,
    excerpts: Excerpts = None,
    *,
    name: str = "Places",
    colour_by: str = "kind",
    best_scores: Mapping[str, float] | None = None,
    **kwargs: int,
) -> folium.FeatureGroup:
    """``layer_from_rows(marker_rows(places_df, excerpts, **kwargs))``."""
    rows = marker_rows(places_df, excerpts, colour_by=colour_by, best_scores=best_scores, **kwargs)
    return layer_from_rows(rows, name=name, colour_by=colour_by)


__all__ = [
    "MarkerRow",
    "marker_rows",
    "LayerEncoder",
    "EncodedLayer",
    "marker_layer",
    "layer_from_rows",
    "rows_bounds",
    "PlaceMarkers",
    "layer_json",
    "place_legend",
    "Excerpts",
    "KIND_COLOURS",
    "KIND_LABELS",
    "AREA_KINDS",
    "COLOUR_MODES",
    "LegendItem",
    "legend_items",
    "newest_date",
    "OTHER_COLOUR",
    "MAX_MARKERS",
]
