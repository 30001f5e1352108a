"""The map as a small bidirectional Streamlit component (``mapapp/static/mapcomponent``).

Why not ``st_folium``: it sends the map's centre and zoom back on every move and takes them as
arguments, so a popup's auto-pan, fed back as the "saved" centre, made the map and the app correct
each other forever; and its value holds only the last click, so a click landing during a rerun
was lost. Here the map reports only what the user did, as events (a marker click; the end of a
pan or zoom), each with a growing sequence number, kept in the component's value until the app
acknowledges it (``ack``): the app handles each event exactly once and none is lost. The app
moves the map only by a ``MapCommand`` (a place chosen in the page), applied once per ``seq``;
it never echoes the map's own position back.

The Folium page (base layers, legend) is built once per base layer and runs in an inner iframe;
reruns send data only: the marker layer (``markers.PlaceMarkers`` data; when it changes the
browser updates the markers in place, ``mapapp.updateMarkers``),
the command and the acknowledgement; while the user plays through time, the per-marker counts
per window (``play_data``) once, after which every step is drawn in the browser.
"""

from __future__ import annotations

import hashlib
import html
import time
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd
from streamlit.components.v1 import declare_component

from mapapp.store.filters import Filters
from mapapp.store.placecounts import PlaceCounts
from mapapp.web.assets import STATIC_DIR
from mapapp.web.markers import MAX_MARKERS, MarkerRow, PlaceMarkers
from mapapp.web.view import PLACE_RE

COMPONENT_DIR = STATIC_DIR / "mapcomponent"
_component = declare_component("mapapp_map", path=str(COMPONENT_DIR))


UNITS = ("day", "week", "month")
#: The map's and the side panel's shares of the page's width (``st.columns``): at 1280 px with the
#: sidebar open, and ``static/mapapp/page.css``'s margins, the map is 577 px wide and the panel
#: 347 (they were 484 and 320 with [3, 2] and Streamlit's margins).
MAP_COLUMNS = (5, 3)  # the windows play steps through time


class MapEvent(NamedTuple):
    """One thing the user did on the map: ``kind`` is ``click`` (``place`` set), ``view``
    (``center`` and ``zoom`` set: the end of a pan or zoom), ``play`` (``unit`` set: play asked
    for its data; None: play stopped), ``window`` (``start`` and ``unit``: a played window
    chosen as the dates), ``counts`` (the date strip asks for its per-marker counts) or
    ``range`` (the date strip's settled range: ``start``/``end``, None for an open end)."""

    seq: int
    kind: str
    place: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None
    unit: str | None = None
    start: date | None = None
    end: date | None = None


class MapCommand(NamedTuple):
    """A move the app means: fly to ``place`` (or ``center``) and open its popup. Applied once."""

    seq: int
    place: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None


_last_seq = [0]


def new_command(place: str | None, center: tuple[float, float] | None, zoom: int | None = 7) -> MapCommand:
    """A command with a sequence number larger than any before it (a microsecond clock: the
    component remembers the last one it applied across reloads of the page)."""
    seq = max(time.time_ns() // 1000, _last_seq[0] + 1)
    _last_seq[0] = seq
    return MapCommand(seq, place, center, zoom)


def key_of(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def layer_data(rows: list[MarkerRow], colour_by: str = "kind") -> str:
    """The marker layer as the JSON ``mapapp.placeMarkers`` takes (``markers.PlaceMarkers``);
    ``colour_by`` must be what the rows were made with (it picks the legend)."""
    return PlaceMarkers(rows, colour_by=colour_by).data_js


def _coord(v: object, lo: float, hi: float) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if lo <= f <= hi else None


def _iso_day(v: object) -> date | None | bool:
    """An ISO day from the browser, None for none (an open end), False for anything else."""
    if v is None:
        return None
    if not isinstance(v, str) or len(v) != 10:
        return False
    try:
        return date.fromisoformat(v)
    except ValueError:
        return False


def held_counts(value: object) -> str | None:
    """The key of the strip's counts the component holds (``have`` in its value): the app need
    not send them again."""
    have = value.get("have") if isinstance(value, Mapping) else None
    return have if isinstance(have, str) and len(have) <= 64 else None


def map_drawn(value: object) -> bool:
    """True when the component's value says its map has drawn its first markers (``drawn``: sent
    once, when asked with ``report_drawn``, or 8 s after its first render if the map never paints: ``DRAWN_FALLBACK_MS`` in mapcomponent.js)."""
    return isinstance(value, Mapping) and value.get("drawn") is True


def parse_events(value: object, done: int) -> list[MapEvent]:
    """The events in a component value with ``seq > done``, oldest first. Anything malformed (the
    value comes from the browser) is skipped."""
    if not isinstance(value, Mapping):
        return []
    raw = value.get("events")
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        return []
    out: list[MapEvent] = []
    for e in list(raw)[:100]:
        if not isinstance(e, Mapping):
            continue
        seq = e.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq <= done:
            continue
        kind = e.get("type")
        if kind == "click":
            place = e.get("place")
            if isinstance(place, str) and len(place) <= 400:
                place = html.unescape(place)  # marker data carries html-escaped ids
                if PLACE_RE.fullmatch(place):
                    out.append(MapEvent(seq, "click", place=place))
        elif kind == "play":
            unit = e.get("unit")
            if unit is None or unit in UNITS:
                out.append(MapEvent(seq, "play", unit=unit))
        elif kind == "window":
            unit, start = e.get("unit"), e.get("start")
            if unit in UNITS and isinstance(start, str) and len(start) == 10:
                try:
                    out.append(MapEvent(seq, "window", unit=unit, start=date.fromisoformat(start)))
                except ValueError:
                    pass
        elif kind == "counts":
            out.append(MapEvent(seq, "counts"))
        elif kind == "range":
            ends = [_iso_day(e.get("from")), _iso_day(e.get("to"))]
            if all(d is not False for d in ends):
                start, end = (d if isinstance(d, date) else None for d in ends)
                out.append(MapEvent(seq, "range", start=start, end=end))
        elif kind == "view":
            c, z = e.get("center"), e.get("zoom")
            if isinstance(c, Sequence) and not isinstance(c, str) and len(c) == 2 and isinstance(z, int):
                lat, lon = _coord(c[0], -90, 90), _coord(c[1], -180, 180)
                if lat is not None and lon is not None and 1 <= z <= 19:
                    out.append(MapEvent(seq, "view", center=(round(lat, 5), round(lon, 5)), zoom=z))
    out.sort(key=lambda ev: ev.seq)
    return out


def window_start(d: date, unit: str) -> date:
    """The first day of the window (``UNITS``) holding ``d`` (weeks start on Monday)."""
    if unit == "month":
        return d.replace(day=1)
    if unit == "week":
        return d - timedelta(days=d.weekday())  # 0001-01-01 is a Monday: never below year 1
    return d


def window_end(start: date, unit: str) -> date:
    """The last day of the window starting on ``start``."""
    try:
        if unit == "month":
            nxt = date(start.year + 1, 1, 1) if start.month == 12 else date(start.year, start.month + 1, 1)
            return nxt - timedelta(days=1)
        return start + timedelta(days=6 if unit == "week" else 0)
    except (ValueError, OverflowError):  # the last window of year 9999
        return date(9999, 12, 31)


def play_data(counts: PlaceCounts, filters: Filters, place_ids: Sequence[str], unit: str) -> dict[str, object] | None:
    """What play steps through, for the markers ``place_ids`` (in the marker layer's order):
    ``bins`` (each window's first day, ISO), and per (marker, window) with mentions the marker's
    index ``m``, the window's ``b`` and the count ``c``; ``from``/``to`` the filter's dates. From
    the in-memory counts (``placecounts``): one vectorised pass, no SQL. None when ``filters``
    hold what those counts do not (outlets, a text search, a minimum confidence)."""
    if not PlaceCounts.holds(filters) or unit not in UNITS:
        return None
    st = counts.sets[bool(filters.include_demonyms)]
    place, day = st.place[st.n_undated :], st.day[st.n_undated :]
    starts = [window_start(date.fromisoformat(d), unit).isoformat() for d in counts.days]
    bins, day_bin = np.unique(np.asarray(starts, dtype=object).astype(str), return_inverse=True)
    codes = pd.Index(counts.places["place_id"]).get_indexer(list(place_ids))
    lut = np.full(len(counts.places), -1, dtype=np.int64)
    ok = codes >= 0
    lut[codes[ok]] = np.flatnonzero(ok)
    marker = lut[place]
    keep = marker >= 0
    key = marker[keep] * len(bins) + day_bin.reshape(-1)[day[keep]]
    uniq, n = np.unique(key, return_counts=True)
    digest = hashlib.blake2b(uniq.tobytes() + n.tobytes(), digest_size=8)
    digest.update(repr((unit, filters.date_from, filters.date_to, list(bins[:1]), len(bins))).encode())
    return {
        "key": digest.hexdigest(),
        "unit": unit,
        "bins": bins.tolist(),
        "m": (uniq // len(bins)).tolist(),
        "b": (uniq % len(bins)).tolist(),
        "c": n.tolist(),
        "from": filters.date_from.isoformat() if filters.date_from else None,
        "to": filters.date_to.isoformat() if filters.date_to else None,
    }


#: The date strip under the map (``range_data``): at most this many bins over the slider's track
#: (days, else weeks, else months; months whatever their number), and at most this many
#: (marker, bin) counts sent to the browser (else a coarser unit): at a million mentions over five
#: years and 5,000 places (a four-year track) that is months, about 130,000 counts (~1 MB, sent once).
RANGE_BINS = 2_000
RANGE_PAIRS = 200_000
#: Markers the strip's counts cover: the most mentioned places of the filters without their
#: dates (a range drawn in the browser shows the ``MAX_MARKERS`` most mentioned of them).
RANGE_MARKERS = 2 * MAX_MARKERS


def range_bins(lo: date, hi: date, unit: str) -> tuple[list[date], list[date]] | None:
    """The strip's bins over the track ``[lo, hi]`` in windows of ``unit`` (``UNITS``): each
    bin's first and last day, the first starting on ``lo`` and the last ending on ``hi``; None
    when there would be more than ``RANGE_BINS`` (months: never None)."""
    if hi < lo:
        return None
    if unit == "day":
        n = (hi - lo).days + 1
    elif unit == "week":
        n = ((window_start(hi, "week") - window_start(lo, "week")).days // 7) + 1
    else:
        n = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    if n > RANGE_BINS and unit != "month":
        return None
    starts, ends = [lo], []
    while True:
        end = min(window_end(window_start(starts[-1], unit), unit), hi)
        ends.append(end)
        if end >= hi:
            return starts, ends
        starts.append(end + timedelta(days=1))


def range_data(
    counts: PlaceCounts | None, filters: Filters, place_ids: Sequence[str], track: tuple[date, date]
) -> dict[str, object]:
    """The date strip under the map: its bins over the slider's ``track`` (``starts``/``ends``,
    ISO), mentions per bin (``totals``, the places' filters applied, dates ignored) and, for the
    markers ``place_ids`` (the base layer's rows, in order), their dated mentions per bin in
    compressed rows (marker ``i``'s bins are ``b[off[i]:off[i+1]]``, ascending, with counts ``c``)
    and their undated mentions ``u``: the browser sums them over any range of bins, so a range
    dragged on the strip redraws the markers with no round trip. Mentions before or after the
    track fall in the first or last bin (an end of the track means "no bound"). The unit is the
    finest of day, week and month within ``RANGE_BINS`` and ``RANGE_PAIRS``. Without counts
    (still loading), or for filters they do not hold (outlets, text, a minimum confidence), the
    bins alone (``counts`` None, ``totals`` None): the strip then sets the dates through the app."""
    lo, hi = track
    out: dict[str, object] = {"totals": None, "counts": None}
    if counts is None or not PlaceCounts.holds(filters):
        for unit in UNITS:
            got = range_bins(lo, hi, unit)
            if got is not None:
                out.update(_bins(unit, *got))
                return out
    assert counts is not None
    st = counts.sets[bool(filters.include_demonyms)]
    place, day = st.place[st.n_undated :], st.day[st.n_undated :]
    codes = pd.Index(counts.places["place_id"]).get_indexer(list(place_ids))
    lut = np.full(len(counts.places), -1, dtype=np.int64)
    ok = codes >= 0
    lut[codes[ok]] = np.flatnonzero(ok)
    n_markers = len(codes)
    marker = lut[place]
    keep = marker >= 0
    dm, dd = marker[keep], day[keep]
    mask = counts.place_mask(filters)[place]
    days = counts.days.astype(str)
    in_track = (days >= lo.isoformat()) & (days <= hi.isoformat())
    # (marker, day) pairs once, sorted: any unit's (marker, bin) pairs are runs of them
    nd = len(days)
    pair, per_pair = np.unique(dm * nd + dd, return_counts=True)
    pm, pd_ = pair // nd, pair % nd
    u_codes = lut[st.place[: st.n_undated]]
    u = np.bincount(u_codes[u_codes >= 0], minlength=n_markers)
    for unit in UNITS:
        got = range_bins(lo, hi, unit)
        if got is None:
            continue
        starts, ends = got
        nb = len(starts)
        first = np.asarray([d.isoformat() for d in starts])
        day_bin = np.clip(np.searchsorted(first, days, "right") - 1, 0, nb - 1)
        key = pm * nb + day_bin[pd_]  # sorted: days, and so bins, ascend within a marker
        head = np.ones(len(key), dtype=bool)
        head[1:] = key[1:] != key[:-1]
        if int(head.sum()) > RANGE_PAIRS and unit != "month":
            continue
        uniq = key[head]
        n = np.add.reduceat(per_pair, np.flatnonzero(head)) if len(key) else per_pair
        inside = mask & in_track[day]
        totals = np.bincount(day_bin[day[inside]], minlength=nb)
        m = uniq // nb
        off = np.searchsorted(m, np.arange(n_markers + 1), "left")
        digest = hashlib.blake2b(uniq.tobytes() + n.tobytes() + u.tobytes(), digest_size=8)
        digest.update(repr((unit, lo, hi, nb, list(place_ids))).encode())
        out.update(_bins(unit, starts, ends))
        out["totals"] = totals.tolist()
        out["counts"] = {
            "key": digest.hexdigest(),
            "off": off.tolist(),
            "b": (uniq % nb).tolist(),
            "c": n.tolist(),
            "u": u.tolist(),
        }
        return out
    raise AssertionError("months always fit")  # pragma: no cover


def range_months(track: tuple[date, date], months: Sequence[str], mentions: Sequence[int]) -> dict[str, object]:
    """The strip's bars before the per-marker counts are in memory: month bins over ``track``
    with the store's mentions per month (``Store.timeline``: ``months`` as ``YYYY-MM``, the
    places' filters applied, no dates), so the first screen has its bars at once. Months outside
    the track are left out; the first and last bins count their whole month. No counts: a range
    reaches the map through the app."""
    lo, hi = track
    got = range_bins(lo, hi, "month")
    assert got is not None  # months always fit
    starts, ends = got
    first = lo.year * 12 + lo.month - 1
    totals = [0] * len(starts)
    for ym, n in zip(months, mentions, strict=True):
        try:
            i = int(ym[:4]) * 12 + int(ym[5:7]) - 1 - first
        except (TypeError, ValueError):
            continue
        if 0 <= i < len(totals):
            totals[i] += int(n)
    return {**_bins("month", starts, ends), "totals": totals, "counts": None}


def _bins(unit: str, starts: list[date], ends: list[date]) -> dict[str, object]:
    return {"unit": unit, "starts": [d.isoformat() for d in starts], "ends": [d.isoformat() for d in ends]}


def map_component(
    *,
    page_html: str,
    layer: str,
    view: tuple[tuple[float, float], int] | None,
    command: MapCommand | None,
    ack: int,
    height: int,
    key: str,
    play: dict[str, object] | None = None,
    playable: bool = True,
    strip: dict[str, object] | None = None,
    report_drawn: bool = False,
) -> object:
    """Draw the map; returns the component's raw value (``parse_events`` reads it). ``play``:
    ``play_data`` while the user plays through time (None otherwise); ``playable=False`` leaves
    the play bar out (a frozen snapshot has no counts to step through); ``strip``: the date
    strip under the map (``range_data`` and the range shown; None: no strip); ``report_drawn``:
    the component says once (``map_drawn`` of its value, a rerun) that its first markers are
    painted, so the page can draw what waits for the map (the table of mentions)."""
    return _component(
        report_drawn=bool(report_drawn),
        strip=strip,
        play=play,
        playable=bool(playable),
        html=page_html,
        html_key=key_of(page_html),
        layer=layer,
        layer_key=key_of(layer),
        view=None if view is None else {"center": list(view[0]), "zoom": int(view[1])},
        command=None if command is None else command._asdict(),
        ack=int(ack),
        height=int(height),
        key=key,
        default=None,
    )


__all__ = [
    "MapEvent",
    "MapCommand",
    "UNITS",
    "MAP_COLUMNS",
    "new_command",
    "parse_events",
    "map_component",
    "layer_data",
    "key_of",
    "play_data",
    "range_data",
    "range_bins",
    "range_months",
    "held_counts",
    "map_drawn",
    "RANGE_MARKERS",
    "window_start",
    "window_end",
]
