"""The Streamlit app: a thin layer over the store, the map and the view.

Run by ``mapapp serve`` (``streamlit run mapapp/app.py ... -- --db PATH``, whose script only calls
``main()``); without ``--db`` it
uses the ``db`` setting. Heavy work is cached on the store path and its data version (file
modification times), so a rerun that changes nothing costs nothing, and a filter change costs one
aggregation in SQL. The map is drawn once (``mapcomponent``): filter changes replace only its
marker layer, and the map reports only what the user did (docs/ARCHITECTURE.md, "The interaction
model").
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shlex
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from mapapp import settings
from mapapp.geo.gazetteer import country_names
from mapapp.models import plural
from mapapp.reading.language import not_english
from mapapp.store import Store, StoreUnusable, open_store, placecounts
from mapapp.store.filters import UNCERTAIN_BELOW, Filters
from mapapp.ui import corrections_panel, events_view, mapcomponent
from mapapp.ui import share_panel as share_panel_ui
from mapapp.ui.section import section
from mapapp.ui.timeline import month_bars, month_index
from mapapp.web import assets, attribution, mapview, markers, popups
from mapapp.web.escape import CLIP_CHARS, clip, clip_frame, esc, md_escape
from mapapp.web.view import View

TABLE_PAGE = 50  # rows per page of the mentions table
PANEL_PAGE = 10  # excerpts per page of the side panel
PLACE_CHOICES = 500  # places offered in the "place" pickers (most mentioned first)
OPTION_CHARS = 200  # outlets and countries longer than this are not offered as filter choices
ARTICLE_CHARS = 100_000  # characters of an article's text "Read the whole article" sends
SHARE_ROWS = 20_000  # mentions handed to the sharing panel (exports, snapshots)
SHARE_AUTO = 100_000  # the sharing panel is open by default up to this many mentions
MAP_HEIGHT = 560
# Places whose popups carry excerpts in the app (exports carry more: they have no side panel).
# Each costs a few kB on every slider move; every other popup points to the side panel.
POPUP_PLACES = 30
POPUP_EXCERPTS_UP_TO = 100_000  # mapped mentions; beyond, popups carry no excerpts (the side panel does)
# Streamlit's date slider refuses dates more than ~285 years from 1970 (its JavaScript numbers):
# a store quoting 1602 or 9999 gets a slider over these years, whose ends include everything
# earlier or later.
SLIDER_MIN, SLIDER_MAX = date(1700, 1, 1), date(2250, 12, 31)


# --- the store and cached reads ---------------------------------------------------------------
def db_path(argv: list[str] | None = None) -> str:
    """``--db`` from the arguments after ``--`` (``sys.argv``), else the ``db`` setting."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=None)
    args, _ = p.parse_known_args(sys.argv[1:] if argv is None else argv)
    return os.path.abspath(os.path.expanduser(args.db or settings.get("db")))


def data_version(path: str) -> tuple:
    """Changes whenever the stored data does: the modification times of the file and its WAL."""
    out: list[tuple[int, int] | None] = []
    for suffix in ("", "-wal"):
        try:
            s = os.stat(path + suffix)
            out.append((s.st_mtime_ns, s.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    """The store, opened as the commands open it (read-only when it cannot be written; raises
    ``StoreUnusable`` for garbage, directories and newer schemas)."""
    return open_store(path)


def slider_span(span: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    """The store's date span within what Streamlit's slider can represent."""
    lo, hi = span
    if lo is None or hi is None:
        return span
    lo, hi = min(max(lo, SLIDER_MIN), SLIDER_MAX), max(min(hi, SLIDER_MAX), SLIDER_MIN)
    return lo, hi


#: The slider's default track holds the shortest run of months with this share of the dated
#: mentions: a few old ones no longer squeeze the news into the last few pixels (issue 12).
DENSE_SHARE = 0.8


def month_start(ym: str) -> date:
    return date(int(ym[:4]), int(ym[5:7]), 1)


def month_end(ym: str) -> date:
    y, m = int(ym[:4]), int(ym[5:7])
    if (y, m) == (9999, 12):
        return date(9999, 12, 31)
    return (date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)) - timedelta(days=1)


def dense_span(months: Sequence[str], counts: Sequence[int], share: float = DENSE_SHARE) -> tuple[date, date] | None:
    """The shortest run of months (``YYYY-MM``, sorted) holding ``share`` of the counts (the
    earliest such run); one pass with two pointers."""
    total = sum(counts)
    if not months or total <= 0:
        return None
    need = share * total
    best: tuple[int, int, int] | None = None  # (length in months, first, last)
    acc, i = 0, 0
    for j, c in enumerate(counts):
        acc += c
        while i < j and acc - counts[i] >= need:
            acc -= counts[i]
            i += 1
        if acc >= need:
            length = month_index(months[j]) - month_index(months[i])
            if best is None or length < best[0]:
                best = (length, i, j)
    if best is None:
        return None
    return month_start(months[best[1]]), month_end(months[best[2]])


def track(
    real: tuple[date | None, date | None], dense: tuple[date, date] | None, whole: bool
) -> tuple[date | None, date | None]:
    """The slider's track: the dense part of the dates (within the store's span), or the whole
    span; both within what the slider can show (``slider_span``)."""
    lo, hi = real
    if whole or dense is None or lo is None or hi is None:
        return slider_span(real)
    return slider_span((max(lo, dense[0]), min(hi, dense[1])))


@st.cache_data(show_spinner=False, max_entries=4)
def dense_dates(path: str, ver: tuple) -> tuple[date, date] | None:
    tl = get_store(path).timeline(Filters(include_demonyms=True))
    return dense_span(tl["month"].tolist(), [int(x) for x in tl["mentions"]])


@st.cache_data(show_spinner=False, max_entries=4)
def stats(path: str, ver: tuple) -> dict[str, int]:
    return get_store(path).stats()


@st.cache_data(show_spinner=False, max_entries=4)
def date_span(path: str, ver: tuple) -> tuple[date | None, date | None]:
    return get_store(path).date_span()


@st.cache_data(show_spinner=False, max_entries=4)
def facets(path: str, ver: tuple) -> dict[str, pd.DataFrame]:
    """The sidebar's choices. A value longer than ``OPTION_CHARS`` (a 1 MB "outlet" in a hostile
    record) is no real outlet: it is left out rather than sent on every page."""
    f = get_store(path).facets()
    for key, col in (("sources", "source"), ("countries", "country")):
        df = f[key]
        # a boolean mask even when empty: an empty object one selects columns, not rows (pandas 3), and
        # a store whose articles name no outlet lost the frame's columns
        keep = df[col].map(lambda v: isinstance(v, str) and len(v) <= OPTION_CHARS).astype(bool)
        f[key] = df[keep].reset_index(drop=True)
    f["places"] = clip_frame(f["places"].head(PLACE_CHOICES * 4))
    return f


@st.cache_data(show_spinner=False, max_entries=4)
def home(path: str, ver: tuple) -> tuple[tuple[float, float], int]:
    """The initial map centre and zoom: the box around every mapped place."""
    return fit(get_store(path).places(Filters(include_undated=True, include_demonyms=True)))


def fit(df: pd.DataFrame | None) -> tuple[tuple[float, float], int]:
    """A centre and zoom showing every place of ``df`` (the default view without any)."""
    b = mapview.bounds(df)
    if b is None:
        return mapview.DEFAULT_CENTER, mapview.DEFAULT_ZOOM
    (s, w), (n, e) = b
    span = max(n - s, (e - w) / 2, 0.5)
    zoom = int(max(2, min(8, round(8 - (span / 2.5) ** 0.5 * 1.6))))
    return ((s + n) / 2, (w + e) / 2), zoom


@st.cache_resource(show_spinner=False, max_entries=1)
def place_counts(path: str, ver: tuple) -> placecounts.Background:
    """The in-memory per-place counts of this data version, loading in the background."""
    return placecounts.Background(path, ver)


@st.cache_data(show_spinner=False, max_entries=32)
def places(path: str, ver: tuple, filters: Filters) -> pd.DataFrame:
    """Per-place counts: from memory in milliseconds once loaded, from the store until then
    (and for the filters memory does not hold)."""
    counts = place_counts(path, ver).get()
    try:
        df = counts.places_for(filters) if counts is not None else None
    except Exception:  # noqa: BLE001 - a speed-up only: the store gives the same answer
        df = None
    return clip_frame(df if df is not None else get_store(path).places(filters))


@st.cache_resource(show_spinner=False, max_entries=2)
def layer_encoder(path: str, ver: tuple) -> markers.LayerEncoder:
    """The marker layer's encoder of this data version: it keeps each place's encoded parts, so a
    filter change formats only counts, dates and sizes (``markers.LayerEncoder``)."""
    return markers.LayerEncoder(best_scores(path, ver))


@st.cache_data(show_spinner=False, max_entries=32)
def map_layer(path: str, ver: tuple, filters: Filters, k: int, colour: str = "kind") -> markers.EncodedLayer:
    """The marker layer's JSON (``mapcomponent``'s ``layer``) and its places, once per filters
    and colouring; popups of the ``POPUP_PLACES`` most mentioned carry ``k`` excerpts."""
    store = get_store(path)
    pl = places(path, ver, filters)
    pids = pl["place_id"].head(POPUP_PLACES).tolist() if k > 0 else []
    # twice k rows: several mentions in one sentence make one excerpt
    return layer_encoder(path, ver).encode(
        pl,
        excerpts_batch(store, pids, filters, 2 * k) if pids else None,
        popup_excerpts=k,
        popup_places=POPUP_PLACES,
        colour_by=colour,
    )


@st.cache_data(show_spinner=False, max_entries=4)
def best_scores(path: str, ver: tuple) -> dict[str, float]:
    """Each place's best confidence (the map draws the low ones as uncertain), once per store version."""
    return get_store(path).best_scores()


def excerpts_batch(store: Store, place_ids: list[str], filters: Filters, k: int) -> pd.DataFrame:
    """The ``k`` newest mentions of each place passing ``filters`` (``Store.excerpts_many``: a few
    SQL statements, long text cut in SQL), cut for the page."""
    return clip_frame(store.excerpts_many(place_ids, filters, k, text_limits=CLIP_CHARS))


@st.cache_data(show_spinner=False, max_entries=16)
def mentions_page(path: str, ver: tuple, filters: Filters, page: int) -> pd.DataFrame:
    return clip_frame(
        get_store(path).query(filters, limit=TABLE_PAGE, offset=page * TABLE_PAGE, text_limits=CLIP_CHARS)
    )


@st.cache_data(show_spinner=False, max_entries=8)
def share_rows(path: str, ver: tuple, filters: Filters) -> pd.DataFrame:
    """The mentions the sharing panel exports, text columns cut (``CLIP_CHARS``) so the
    cache stays bounded whatever one record holds (``mapapp export`` writes them whole)."""
    return clip_frame(get_store(path).query(filters, limit=SHARE_ROWS, text_limits=CLIP_CHARS))


@st.cache_data(show_spinner=False, max_entries=16)
def timeline(path: str, ver: tuple, filters: Filters) -> pd.DataFrame:
    """Mentions per month passing ``filters`` minus its dates (so the slider's range shows; the
    caller strips the dates so that slider moves hit the cache)."""
    return get_store(path).timeline(filters)


# --- the view <-> widgets <-> URL ---------------------------------------------------------------
def _clamp(d: date | None, lo: date, hi: date) -> date | None:
    return None if d is None else min(max(d, lo), hi)


def wants_whole(f: Filters, dense: tuple[date, date] | None) -> bool:
    """An address with a date outside the dense part opens on the whole date range."""
    if dense is None:
        return False
    return bool((f.date_from and f.date_from < dense[0]) or (f.date_to and f.date_to > dense[1]))


def retrack(real: tuple[date | None, date | None], dense: tuple[date, date] | None) -> None:
    """ "Whole date range" switched: the thumbs keep their dates on the new track; a thumb at an
    end of the old track ("no bound") goes to the same end of the new one."""
    ss = st.session_state
    whole = bool(ss.get("w_whole"))
    (olo, ohi), (nlo, nhi) = track(real, dense, not whole), track(real, dense, whole)
    if olo is None or ohi is None or nlo is None or nhi is None or "w_dates" not in ss:
        return
    a, b = ss["w_dates"]
    a = nlo if a <= olo else min(max(a, nlo), nhi)
    b = nhi if b >= ohi else min(max(b, nlo), nhi)
    set_dates(a, b)


def app_key(name: str) -> str:
    """The widget key of a value the app sets as well as the user (``w_dates``, ``w_whole``):
    ``name`` holds the value, and the widget's key is renewed whenever the app sets it (a range
    on the strip, a played window, a brush, the whole-range switch, the address). Streamlit takes
    the values a browser sends as the newest, and a browser that asked for a rerun before it had
    drawn the new value sent the old one back, which undid the change (a double-click on the strip
    kept the dates in the address)."""
    return f"{name}_{int(st.session_state.get(name + '_gen', 0))}"


def drawn_key(name: str, default: object) -> str:
    """``app_key(name)`` for the widget this run draws, its state seeded from ``name`` (Streamlit
    drops the state of a widget a run does not draw)."""
    ss, key = st.session_state, app_key(name)
    if key not in ss:
        ss[key] = ss.get(name, default)
    return key


def set_by_app(name: str, value: object) -> None:
    """``value`` as the app chose it, on a new widget (``app_key``; the old one's state dropped)."""
    ss = st.session_state
    ss.pop(app_key(name), None)
    ss[name + "_gen"] = int(ss.get(name + "_gen", 0)) + 1
    ss[name] = ss[app_key(name)] = value


def moved(name: str, key: str) -> bool:
    """The user changed the widget ``key``: its value is ``name``'s. A widget of an earlier key,
    sent again by a browser behind the app, is no change (False)."""
    ss = st.session_state
    if key == app_key(name) and key in ss:
        ss[name] = ss[key]
        return True
    return False


def set_dates(a: date, b: date) -> None:
    """The dates the app chose, in order."""
    set_by_app("w_dates", (min(a, b), max(a, b)))


def dates_moved(key: str) -> None:
    """The user moved the date slider (see ``moved``)."""
    moved("w_dates", key)


def whole_switched(key: str, real: tuple[date | None, date | None], dense: tuple[date, date] | None) -> None:
    """The user switched "Whole date range": the slider's thumbs move to the new track."""
    if moved("w_whole", key):
        retrack(real, dense)


def apply_brush(span: tuple[date | None, date | None]) -> None:
    """A range brushed on the timeline (``w_brush``) becomes the slider's dates, once."""
    ss = st.session_state
    lo, hi = span
    ev = ss.get("w_brush")
    try:
        rng = ev["selection"]["brush"]["idx"] if ev else None
    except (KeyError, TypeError):
        rng = None
    if not rng or lo is None or hi is None or list(rng) == ss.get("brush_done"):
        return
    ss["brush_done"] = list(rng)
    try:
        a, b = int(min(rng)), int(max(rng))  # month indexes (``month_index``)
        first = date(max(1, a // 12), a % 12 + 1, 1)
        last = month_end(f"{max(1, min(9999, b // 12)):04d}-{b % 12 + 1:02d}")
    except (TypeError, ValueError):
        return
    set_dates(min(max(first, lo), hi), min(max(last, lo), hi))


def init_state(view: View, span: tuple[date | None, date | None]) -> None:
    """Widget values from the view (the URL), once per session."""
    ss = st.session_state
    f = view.filters
    lo, hi = span
    if lo is not None and hi is not None:
        set_dates(_clamp(f.date_from, lo, hi) or lo, _clamp(f.date_to, lo, hi) or hi)
    ss["w_undated"] = f.include_undated
    ss["w_sources"] = list(f.sources)
    ss["w_countries"] = list(f.countries)
    ss["w_places"] = list(f.places)
    ss["w_text"] = f.text or ""
    ss["w_demonyms"] = f.include_demonyms
    ss["w_hide_uncertain"] = f.min_score >= UNCERTAIN_BELOW
    ss["w_base"] = view.base
    ss["w_colour"] = view.colour
    ss["w_place"] = view.place
    ss["view_center"] = view.center
    ss["view_zoom"] = view.zoom
    if view.place and view.center is None:  # an address naming a place opens on it
        ss["map_command"] = mapcomponent.new_command(view.place, None)
    ss["table_page"] = 0
    ss["panel_page"] = 0


def filters_from_widgets(
    span: tuple[date | None, date | None], base: Filters, all_sources: Sequence[str] = ()
) -> Filters:
    """The filters the sidebar's widgets say. Every outlet offered (``all_sources``) selected means
    no outlet filter: "Select all" must not hide the articles that name no outlet."""
    ss = st.session_state
    sources = tuple(ss.get("w_sources") or ())
    if sources and all_sources and set(sources) >= set(all_sources):
        sources = ()
    lo, hi = span
    dfrom = dto = None
    if lo is not None and hi is not None and "w_dates" in ss:
        a, b = ss["w_dates"]
        # A thumb at an end of the slider means "no bound", unless the URL set a bound at or beyond
        # that end: a permalink's explicit dates are kept (the data may grow past today's ends).
        dfrom = a if a > lo else (base.date_from if base.date_from is not None and base.date_from <= lo else None)
        dto = b if b < hi else (base.date_to if base.date_to is not None and base.date_to >= hi else None)
        if ss.get("pinned_dates") == (a, b):  # a played window chosen as the dates: both are bounds
            dfrom, dto = a, b
    text = (ss.get("w_text") or "").strip()[:200] or None
    if ss.get("w_hide_uncertain"):
        min_score = max(base.min_score, UNCERTAIN_BELOW)
    else:  # a lower threshold from the URL stays; the toggle's own one goes
        min_score = base.min_score if base.min_score < UNCERTAIN_BELOW else Filters.defaults().min_score
    return base.replace(
        date_from=dfrom,
        date_to=dto,
        include_undated=bool(ss.get("w_undated")),
        sources=sources,
        countries=tuple(ss.get("w_countries") or ()),
        places=tuple(ss.get("w_places") or ()),
        text=text,
        include_demonyms=bool(ss.get("w_demonyms")),
        min_score=min_score,
    )


def sync_url(view: View) -> None:
    """Keep ``st.query_params`` equal to ``view.to_params()`` (a permalink at all times)."""
    want = view.to_params()
    have = st.query_params.to_dict()
    # After map events the address is sent again even when the server's copy agrees: a run that
    # set it and was then cut short by the next event's rerun can leave the browser's behind.
    if have != want or st.session_state.pop("url_resend", False):
        st.query_params.from_dict(want)


# --- drawing -----------------------------------------------------------------------------------
def sidebar(span, fac: dict[str, pd.DataFrame], n_total: int, real_span=None, dense=None) -> None:
    """The filters. ``span`` is the slider's track (``track``), ``real_span`` the store's dates,
    ``dense`` where most of them are (``dense_span``)."""
    sb = st.sidebar
    sb.header("Filters")
    lo, hi = span
    rlo, rhi = real_span or span
    if lo is not None and hi is not None and lo < hi:
        key = drawn_key("w_dates", (lo, hi))
        sb.slider(
            "Event dates",
            min_value=lo,
            max_value=hi,
            key=key,
            on_change=dates_moved,
            args=(key,),
            format="YYYY-MM-DD",
            step=timedelta(days=1),
        )
        if (rlo, rhi) != (lo, hi):
            sb.caption(
                f"Mentions run from {rlo.isoformat()} to {rhi.isoformat()}: the slider's ends include "
                "everything before and after them."
            )
        if real_span is not None and track(real_span, dense, False) != track(real_span, dense, True):
            whole_key = drawn_key("w_whole", False)
            sb.toggle(
                f"Whole date range ({rlo.year} to {rhi.year})",
                key=whole_key,
                on_change=whole_switched,
                args=(whole_key, real_span, dense),
                help=f"Off, the slider covers the months holding {DENSE_SHARE:.0%} of the dated mentions.",
            )
    elif rlo is not None:
        sb.caption(
            f"Every dated mention is on {rlo.isoformat()}."
            if rlo == rhi
            else f"Mentions run from {rlo.isoformat()} to {rhi.isoformat()}."
        )
    sb.toggle(
        "Include undated mentions",
        key="w_undated",
        help="Mentions whose date is unknown (neither the sentence nor the article dates them) "
        "pass whatever the dates above say; on the map their places are drawn hollow.",
    )
    sb.caption(
        "Undated mentions are shown whatever the dates."
        if st.session_state.get("w_undated")
        else "Undated mentions are left out."
    )
    src = fac["sources"]["source"].tolist()  # strings only: ``facets`` drops the rest
    sb.multiselect("Outlets", options=_with_selected(src, st.session_state.get("w_sources")), key="w_sources")
    cc = fac["countries"]["country"].tolist()
    names = country_names()
    sb.multiselect(
        "Countries",
        options=_with_selected(cc, st.session_state.get("w_countries")),
        format_func=lambda code: f"{names[code]} ({code})" if code in names else code,
        key="w_countries",
    )
    pl = fac["places"]
    labels = {r["place_id"]: popups.place_label(r) for r in pl.head(PLACE_CHOICES).to_dict("records")}
    sb.multiselect(
        "Places",
        options=_with_selected(list(labels), st.session_state.get("w_places")),
        format_func=lambda pid: labels.get(pid, pid),
        key="w_places",
    )
    sb.text_input("Search the articles", key="w_text", max_chars=200, placeholder="words or a phrase")
    sb.toggle("Include demonyms ('Azerbaijani protesters')", key="w_demonyms")
    sb.toggle(
        f"Hide uncertain places (confidence below {UNCERTAIN_BELOW:g})",
        key="w_hide_uncertain",
        help="The resolver's confidence is calibrated: on hand-checked news, most mentions below "
        f"{UNCERTAIN_BELOW:g} were the wrong place or no place. 'Why is this marker here?' "
        "shows each mention's confidence and the places it beat.",
    )
    sb.radio(
        "Base map",
        options=["osm", "offline"],
        key="w_base",
        horizontal=True,
        format_func=lambda b: "OpenStreetMap" if b == "osm" else "Offline map",
    )
    sb.radio(
        "Marker colour",
        options=["kind", "recency"],
        key="w_colour",
        horizontal=True,
        format_func=lambda c: "Kind of place" if c == "kind" else "Last mentioned",
    )
    sb.caption(f"{n_total:,} mapped mentions in the store.")


def why_empty(f: Filters) -> str:
    """Why no mention passes ``f``, and what to change (Markdown, user text escaped)."""
    what = [md_escape(line, 200) for line in f.describe()]
    tips = []
    if f.date_from or f.date_to:
        tips.append("widen the event dates")
    if not f.include_undated:
        tips.append('turn on "Include undated mentions"')
    if f.text:
        tips.append("clear or change the search words")
    if f.sources or f.countries or f.places:
        tips.append("remove some outlets, countries or places")
    if f.min_score > 0:
        tips.append("show uncertain places")
    if not f.include_demonyms:
        tips.append("include demonyms")
    return (
        "No mention passes these filters: "
        + "; ".join(what)
        + ". To see more, "
        + (", ".join(tips[:-1]) + " or " + tips[-1] if len(tips) > 1 else (tips or ["reset the filters"])[0])
        + "."
    )


def _with_selected(options: list[str], selected: Any) -> list[str]:
    out = list(options)
    for s in selected or ():
        if s not in out:
            out.append(s)
    return out


@st.cache_data(show_spinner=False, max_entries=8)
def map_page(base: str, centre: tuple[float, float], zoom: int, title: str | None = None) -> str:
    """The Folium page without markers (base layers, legend, a snapshot's title): built once per
    base layer and start view, so reruns send the same page and the map is never reloaded (only
    its markers change)."""
    return mapview.base_map(View(base=base), center=centre, zoom=zoom, title=title).get_root().render()


def draw_map(
    path: str, ver: tuple, view: View, layer: markers.EncodedLayer, span: tuple[date | None, date | None] = (None, None)
) -> bool:
    """The map (``mapcomponent``). Its events were handled before the page drew
    (``handle_map_events``); this run acknowledges them. The map is moved only by
    ``ss["map_command"]`` (a place chosen in the page). ``span``: the slider's track, which the
    date strip under the map covers. True when the strip draws the mentions per date (it then is
    the page's timeline)."""
    ss = st.session_state
    centre, zoom = home(path, ver)
    start = ss.setdefault("map_start", (view.center or centre, view.zoom or zoom))
    play = None
    unit = ss.get("play_unit")
    if unit:
        play = play_counts(path, ver, view.filters, unit, layer.place_ids)
    strip = date_strip(path, ver, view, span)
    mapcomponent.map_component(
        report_drawn=not ss.get("map_drawn"),
        page_html=map_page(view.base, start[0], start[1]),
        layer=layer.data_js,
        view=(view.center, view.zoom or zoom) if view.center else None,
        command=ss.get("map_command"),
        ack=int(ss.get("map_done", 0)),
        height=MAP_HEIGHT,
        key="map",
        play=play,
        strip=strip,
    )
    if unit and play is None:  # under the map: what comes before it never changes (no remount)
        st.caption(
            "Play steps through the in-memory counts: they are still loading, or the outlet, "
            "search or confidence filters ask for more than they hold."
        )
    return bool(strip and strip.get("totals") is not None)


def date_strip(path: str, ver: tuple, view: View, span: tuple[date | None, date | None]) -> dict[str, object] | None:
    """The date strip under the map (``mapcomponent.range_data``): its bins and bars always; its
    per-marker counts and their base layer once the component asked (a ``counts`` event) and
    until it says it holds them (``have`` in its value), so they travel once."""
    lo, hi = span
    if lo is None or hi is None or lo >= hi:
        return None
    ss = st.session_state
    f = view.filters
    base = f.replace(date_from=None, date_to=None)
    bg = place_counts(path, ver)
    counts = bg.get()
    held = placecounts.PlaceCounts.holds(f)  # filters the counts answer, once loaded
    if counts is None and held:  # still loading: bars per month from the store (cached), no marker counts
        tl = timeline(path, ver, base.replace(include_undated=False))  # the month chart's, shared
        data = mapcomponent.range_months((lo, hi), tl["month"].tolist(), tl["mentions"].tolist())
        layer_js = None
    elif counts is None:  # bins alone: the month chart stands in, as it will once they are loaded
        data, layer_js = mapcomponent.range_data(None, base, (), (lo, hi)), None
    else:
        data, layer_js = strip_counts(path, ver, base, lo, hi, view.colour)
    data = dict(data)
    sent = data["counts"]
    if sent is not None:
        key = sent["key"]  # type: ignore[index]
        if not ss.get("range_want") or mapcomponent.held_counts(ss.get("map")) == key:
            data["counts"], layer_js = {"key": key}, None
    elif counts is None and held:
        data["note"] = (
            "The per-place counts are still loading: the map follows the dates once you let go."
            if bg.loading
            else "The map follows the dates once you let go."
        )
    else:
        data["note"] = "With an outlet, search or confidence filter the map follows the dates once you let go."
    data.update(
        **{
            "from": f.date_from.isoformat() if f.date_from else None,
            "to": f.date_to.isoformat() if f.date_to else None,
        },
        undated=bool(f.include_undated),
        colour=view.colour,
        max=markers.MAX_MARKERS,
        scale=markers.BROWSER_SCALES,
        loading=bg.loading and held,  # the component asks again until they are in (picks them up itself)
        base=layer_js,
    )
    return data


@st.cache_resource(show_spinner=False, max_entries=4)  # not copied on each run: read only
def strip_counts(
    path: str, ver: tuple, filters: Filters, lo: date, hi: date, colour: str
) -> tuple[dict[str, object], str | None]:
    """The strip's data for ``filters`` without dates, from memory, and the layer of its markers
    (the ``RANGE_MARKERS`` most mentioned places, short popups) the browser redraws from."""
    counts = place_counts(path, ver).get()
    layer_js: str | None = None
    ids: tuple[str, ...] = ()
    if counts is not None and counts.holds(filters):
        enc = layer_encoder(path, ver).encode(
            places(path, ver, filters), None, max_markers=mapcomponent.RANGE_MARKERS, popup_excerpts=0, colour_by=colour
        )
        layer_js, ids = enc.data_js, enc.place_ids
    return mapcomponent.range_data(counts, filters, ids, (lo, hi)), layer_js


@st.cache_data(show_spinner=False, max_entries=4)
def play_counts(path: str, ver: tuple, filters: Filters, unit: str, ids: tuple[str, ...]) -> dict[str, object] | None:
    """Per-marker counts per window for play (``mapcomponent.play_data``), from memory."""
    counts = place_counts(path, ver).get()
    return None if counts is None else mapcomponent.play_data(counts, filters, ids, unit)


def handle_map_events(value: object, real: tuple[date | None, date | None], dense: tuple[date, date] | None) -> None:
    """Each map event not handled yet, once, before any widget is drawn (so they may set the
    widgets' values): a click selects its place, the end of a pan or zoom goes into the
    permalink, play asks for its data or stops, a played window becomes the dates."""
    ss = st.session_state
    for ev in mapcomponent.parse_events(value, int(ss.get("map_done", 0))):
        ss["map_done"] = ev.seq
        ss["url_resend"] = True  # sync_url: the address follows what the event changed
        if ev.kind == "click" and ev.place != ss.get("w_place"):
            ss["w_place"] = ev.place
            ss["panel_page"] = 0
        elif ev.kind == "view" and ev.center is not None:
            ss["view_center"], ss["view_zoom"] = ev.center, ev.zoom
        elif ev.kind == "play":
            ss["play_unit"] = ev.unit
        elif ev.kind == "counts":
            ss["range_want"] = True
        elif ev.kind == "range":  # the date strip's settled range (drawn already in the browser)
            lo, hi = track(real, dense, bool(ss.get("w_whole")))
            if lo is not None and hi is not None:
                set_dates(_clamp(ev.start, lo, hi) or lo, _clamp(ev.end, lo, hi) or hi)
                ss.pop("pinned_dates", None)
        elif ev.kind == "window" and ev.start is not None and ev.unit is not None:
            ss["play_unit"] = None
            first, last = ev.start, mapcomponent.window_end(ev.start, ev.unit)
            lo, hi = track(real, dense, False)
            # at or beyond an end of the dense track a thumb would mean "no bound": widen it
            if lo is not None and hi is not None and (first <= lo or last >= hi):
                set_by_app("w_whole", True)
            lo, hi = track(real, dense, bool(ss.get("w_whole")))
            if lo is not None and hi is not None:
                set_dates(_clamp(first, lo, hi) or lo, _clamp(last, lo, hi) or hi)
                ss["pinned_dates"] = ss["w_dates"]


def place_box_key(place_id: str | None) -> str:
    """The "Selected place" box's key, named after the selection it shows."""
    return f"w_place_{place_id or 'none'}"


def select_place(key: str, places_df: pd.DataFrame) -> None:
    """The "Selected place" box changed: select that place, fly the map to it and open it.

    A box is keyed after the selection it was drawn for, so one still showing that selection is
    not a choice: Streamlit calls back when the browser sends a value for a widget whose state it
    already dropped (it keeps the callback, not the value), and a box of an earlier run, sent again
    by a browser that had not drawn the newer run yet, would select the old place and fly back."""
    ss = st.session_state
    pid = ss.get(key)
    if key == place_box_key(pid):
        return
    ss["panel_page"] = 0
    ss["w_place"] = pid
    if not pid:
        return
    row = places_df[places_df["place_id"] == pid]
    centre = (float(row["lat"].iloc[0]), float(row["lon"].iloc[0])) if len(row) else None
    ss["map_command"] = mapcomponent.new_command(pid, centre)


def place_panel(
    path: str,
    ver: tuple,
    filters: Filters,
    places_df: pd.DataFrame,
    excerpts: Callable[[str, int, int], pd.DataFrame],
    correct: bool = True,
) -> None:
    """The selected place's mentions, a page at a time: ``excerpts(place_id, limit, offset)``;
    ``correct``: offer corrections of the listed mentions (not on a frozen snapshot)."""
    ss = st.session_state
    top = places_df.head(PLACE_CHOICES)
    labels = {r["place_id"]: f"{popups.place_label(r)} · {int(r['n_mentions']):,}" for r in top.to_dict("records")}
    options = [None] + list(labels)
    cur = ss.get("w_place")
    if cur and cur not in labels:
        options.append(cur)
    # The selection is ``w_place`` (a click on the map sets it), never the box's own key: a box
    # keyed "w_place" let the browser send back its stale value in the rerun a popup's pan asks
    # for before it drew the click's run, and the click was lost (the box showed the place, the
    # panel nothing). A key named after the selection draws a new box showing it.
    key = place_box_key(cur)
    st.selectbox(
        "Selected place",
        options=options,
        index=options.index(cur),
        key=key,
        format_func=lambda pid: "— click a marker or choose —" if pid is None else labels.get(pid, pid),
        on_change=select_place,
        args=(key, places_df),
    )
    pid = ss.get("w_place")
    if not pid:
        st.caption("Click a marker (or choose a place) to read its mentions here.")
        return
    row = places_df[places_df["place_id"] == pid]
    n = int(row["n_mentions"].iloc[0]) if len(row) else 0
    if n == 0:
        st.info("No mention of this place passes the filters.")
        return
    pages = max(1, -(-n // PANEL_PAGE))
    page = min(int(ss.get("panel_page", 0)), pages - 1)
    df = excerpts(pid, PANEL_PAGE, page * PANEL_PAGE)
    r0 = row.iloc[0]
    st.html(
        f"<b>{esc(popups.place_label(r0))}</b> — {plural(n, 'mention')} in {plural(int(r0['n_articles']), 'article')}"
    )
    why_here(path, pid, filters)
    rows = popups.distinct_sentences(popups.records(df))
    st.html(assets.style_tag() + "".join(popups.excerpt_html(r) for r in rows))
    whole_articles(path, rows)
    if correct:  # issue 14 (correct14): correct a listed mention
        corrections_panel.mention_actions(get_store(path), popups.records(df))
    if pages > 1:
        a, b, c = st.columns([1, 2, 1])
        if a.button("◀ Newer", disabled=page == 0, key="panel_prev"):
            ss["panel_page"] = page - 1
            st.rerun()
        b.caption(f"Page {page + 1} of {pages}")
        if c.button("Older ▶", disabled=page >= pages - 1, key="panel_next"):
            ss["panel_page"] = page + 1
            st.rerun()


def whole_articles(path: str, rows: list[popups.Row]) -> None:
    """The full stored text of each article on this page: local files have no URL to open."""
    seen: dict[str, popups.Row] = {}
    for r in rows:
        seen.setdefault(str(r.get("article_id")), r)
    for aid, r in seen.items():
        label = " · ".join(
            str(x)
            for x in (
                r.get("title") or Path(str(r.get("path") or aid)).name,
                r.get("source"),
                r.get("published") or "undated",
            )
            if x
        )
        with st.expander("Read the whole article: " + md_escape(label, 120)):
            art = get_store(path).article(aid, text_limit=ARTICLE_CHARS)
            if art is None:
                st.caption("This article is no longer in the store.")
                continue
            text, total = art["text"] or "", int(art.get("text_length") or 0)
            st.html(
                "<div style='white-space:pre-wrap;font-size:0.9em'>"
                + popups.highlight(text[:ARTICLE_CHARS], r.get("name"), limit=10**9)
                + "</div>"
            )
            if total > ARTICLE_CHARS:
                st.caption(f"The first {ARTICLE_CHARS:,} of {total:,} characters.")
            # the file's name only: the folders above it are this server's, not the reader's business
            st.caption("File: " + md_escape(Path(str(art["path"])).name, CLIP_CHARS["path"]))


def why_here(path: str, place_id: str, filters: Filters) -> None:
    """The resolver's reasons and the candidates it beat, so a user can judge a marker's position."""
    res = get_store(path).resolution(place_id, filters)
    if res.empty:
        return
    with st.expander("Why is this marker here?"):
        items = []
        for r in res.to_dict("records"):
            beaten = ", ".join(f"{esc(clip(label, 120))} ({score:.2f})" for label, score in r["alternatives"][:4])
            items.append(
                f"<li>&ldquo;{esc(clip(r['name'], 120))}&rdquo; &times;{r['n']}: "
                f"{esc(clip(r['reason'] or 'best match', 300))}"
                f", confidence {r['score']:.2f}"
                + (f"; it beat {beaten}" if beaten else "; no other candidate")
                + "</li>"
            )
        st.html("<ul style='margin:0;padding-left:1.2em;font-size:0.9em'>" + "".join(items) + "</ul>")


#: What the mentions tables call their columns (the data keeps the store's names).
TABLE_LABELS = {
    "event_date": "Event date",
    "date_precision": "Dated by",
    "name": "As written",
    "place": "Place",
    "country": "Country",
    "source": "Outlet",
    "title": "Title",
    "sentence": "Sentence",
    "url": "Link",
}


#: What stands where the table of mentions goes until the map has drawn its first markers.
WAITS_FOR_MAP = "The table of mentions appears once the map has drawn its markers."


def table_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as a table shows it: an empty cell, not "None", where a value is missing."""
    return df.astype(object).where(df.notna(), "")


def mentions_table(path: str, ver: tuple, filters: Filters, n: int) -> None:
    ss = st.session_state
    pages = max(1, -(-n // TABLE_PAGE))
    page = min(int(ss.get("table_page", 0)), pages - 1)
    st.subheader(f"Mentions ({n:,})")
    if n == 0:
        st.caption("No mention passes the filters.")
        return
    if pages > 1:
        st.number_input(
            f"Page (of {pages:,})",
            min_value=1,
            max_value=pages,
            value=page + 1,
            step=1,
            key="w_table_page",
            on_change=lambda: ss.__setitem__("table_page", int(ss["w_table_page"]) - 1),
        )
    if not ss.get("map_drawn"):  # its 1.3 MB of Streamlit's JavaScript would delay the map's first draw
        st.caption(WAITS_FOR_MAP)
        return
    df = mentions_page(path, ver, filters, page)
    cols = ["event_date", "date_precision", "name", "place", "country", "source", "title", "sentence", "url"]
    st.dataframe(table_frame(df[cols]), hide_index=True, width="stretch", height=320, column_config=TABLE_LABELS)


def timeline_chart(path: str, ver: tuple, filters: Filters, span: tuple[date | None, date | None]) -> None:
    """Mentions per month over the slider's track; dragging across it sets the dates."""
    tl = timeline(path, ver, filters.replace(date_from=None, date_to=None, include_undated=False))
    month_bars(tl, "mentions", filters, span, "#d7301f")


def credits() -> None:
    """The data sources under the map (the kinds and marker styles are in the map's own legend)."""
    st.caption(attribution.text())


def share_panel(
    store: Store,
    view: View,
    places_df: pd.DataFrame,
    mentions_df: pd.DataFrame | Callable[[], pd.DataFrame],
    *,
    auto: bool = True,
) -> None:
    """The sharing panel (``mapapp.ui.share_panel``) in a "Share" expander. On a big store (``auto``
    false: more than ``SHARE_AUTO`` mentions) it waits behind a toggle, because its frame of
    mentions costs a query slider moves should not pay. ``mentions_df`` may be a callable."""
    with st.expander("Share this map", expanded=False):
        if not auto and not st.toggle(
            "Prepare sharing and exports (reads the mentions again on every change)", key="w_share"
        ):
            return
        try:
            df = mentions_df() if callable(mentions_df) else mentions_df
            if len(df) >= SHARE_ROWS:
                st.caption(f"Exports and snapshots hold the {SHARE_ROWS:,} newest of these mentions.")
            share_panel_ui.render(store, view, places_df, df)
        except Exception:  # noqa: BLE001 - sharing must never take the map down
            traceback.print_exc(file=sys.stderr)
            st.warning("The sharing panel failed (an internal error; the server's log has the details).")


def load_snapshot(store: Store, sid: str | None) -> tuple[dict[str, Any], View, pd.DataFrame] | None:
    """A frozen snapshot's record, view and rows, read once; None when there is no such snapshot
    or it cannot be read (the page says so)."""
    from mapapp.web import snapshots

    try:
        info = snapshots.snapshot_info(store, sid) if sid is not None else None
        return None if info is None else (info, snapshots.frozen_view(info), store.snapshot_rows(info["id"]))
    except Exception:  # noqa: BLE001
        return None


@st.cache_data(show_spinner=False, max_entries=8)
def snapshot_layer(
    sid: str, created: str, colour: str, _places: pd.DataFrame, _exc: Callable[[str, int, int], pd.DataFrame]
) -> str:
    """A snapshot's marker layer (``mapcomponent.layer_data``), made once per snapshot (its id and
    time name its frozen rows) and colouring; popups carry the snapshot's own excerpts."""
    k = int(settings.get("popup_excerpts"))
    rows = markers.marker_rows(_places, lambda pid: _exc(pid, k, 0), popup_excerpts=k, colour_by=colour)
    return mapcomponent.layer_data(rows, colour)


def snapshot_map(info: dict[str, Any], sview: View, points: pd.DataFrame, layer: str) -> None:
    """A frozen map (mentions or events) on the same component as the live page: built once,
    never moved by a rerun; a click selects its place or event in the side panel
    (``handle_snapshot_events``, before the page drew), the "Selected" box flies to it. Nothing
    here writes the address: it stays the snapshot's. ``points`` (lat, lon) frame the first view."""
    ss = st.session_state
    start = ss.setdefault("snap_start", (sview.center, sview.zoom) if sview.center else fit(points))
    centre, zoom = start[0], int(start[1] or mapview.DEFAULT_ZOOM)
    mapcomponent.map_component(
        page_html=map_page(sview.base, centre, zoom, info.get("title") or None),
        layer=layer,
        view=None,
        command=ss.get("map_command"),
        ack=int(ss.get("snap_done", 0)),
        height=MAP_HEIGHT,
        key="snapmap",
        playable=False,
    )


def handle_snapshot_events(value: object) -> None:
    """The frozen map's events not handled yet, once: a click selects its place (views are
    only acknowledged: the address stays the snapshot's)."""
    ss = st.session_state
    for ev in mapcomponent.parse_events(value, int(ss.get("snap_done", 0))):
        ss["snap_done"] = ev.seq
        if ev.kind == "click" and ev.place != ss.get("w_place"):
            ss["w_place"] = ev.place
            ss["panel_page"] = 0


def snapshot_page(store: Store, view: View, path: str) -> None:
    """``?snapshot=ID``: the frozen frame instead of the store. The side panel reads the whole
    articles and the resolver's reasons from the store at ``path`` (the frame holds neither)."""
    from mapapp.web import snapshots

    got = load_snapshot(store, view.snapshot)
    if got is None:
        st.warning(f"There is no snapshot {md_escape(repr(view.snapshot), 80)}; showing the live data instead.")
        return
    info, sview, df = got
    handle_snapshot_events(st.session_state.get("snapmap"))
    if sview.mode == "events" and events_view.snapshot_page(
        store, info, sview, whole_articles, path, lambda points, layer: snapshot_map(info, sview, points, layer)
    ):
        st.stop()  # issue 14: a frozen snapshot of events
    df = clip_frame(df)  # a frozen frame may hold any record: bounded like the live pages
    places_df = snapshots.places_from_mentions(df)
    exc = snapshots.excerpts_from_mentions(df)
    title = f" “{md_escape(info['title'], 200)}”" if info["title"] else ""
    st.info(
        f"Frozen snapshot {md_escape(info['id'], 80)}{title}, saved {md_escape(info['created_at'], 40)}: "
        f"{plural(len(df), 'mention')}. "
        "Remove '?snapshot=…' from the address to see the live data."
    )
    left, right = st.columns(mapcomponent.MAP_COLUMNS)
    with left, section("The map"):
        layer = snapshot_layer(str(info["id"]), str(info["created_at"]), sview.colour, places_df, exc)
        snapshot_map(info, sview, places_df, layer)
        credits()
    with right:
        place_panel(path, data_version(path), sview.filters, places_df, exc, correct=False)
    cols = ["event_date", "name", "place", "source", "title", "sentence"]
    st.dataframe(table_frame(df[cols]), hide_index=True, column_config=TABLE_LABELS)
    share_panel(store, sview, places_df, df)
    st.stop()


class _Timer:
    """``MAPAPP_TIMING=1``: one line per run on stderr with the seconds each step took."""

    def __init__(self) -> None:
        import time

        self.on = bool(os.environ.get("MAPAPP_TIMING"))
        self.clock = time.perf_counter
        self.t = self.t0 = self.clock()
        self.at = time.time()  # the run's start on the wall clock: comparable with a page's clock
        self.steps: list[str] = []

    def __call__(self, label: str) -> None:
        if self.on:
            now = self.clock()
            self.steps.append(f"{label}={now - self.t:.3f}")
            self.t = now

    def report(self) -> None:
        if self.on:
            line = f"mapapp run {self.clock() - self.t0:.3f}s at={self.at:.3f}: " + " ".join(self.steps)
            print(line, file=sys.stderr, flush=True)


def main() -> None:
    st.set_page_config(page_title="mapapp: news event map", layout="wide")
    with contextlib.suppress(Exception):  # also when run by plain ``streamlit run``: no tracebacks shown
        st.set_option("client.showErrorDetails", "none")
    bad = settings.problems()  # (mapapp serve refuses them first; plain ``streamlit run`` does not)
    if bad:
        st.error(md_escape("Settings that cannot be used: " + "; ".join(bad)))
        return
    tick = _Timer()
    with section("The map's scripts"):
        assets.ready()
        st.html(assets.STATIC_DIR / assets.PAGE_CSS)  # margins that leave the map room
    path = db_path()
    ss = st.session_state
    if "url_view" not in ss:
        ss["url_view"], ss["url_notices"] = View.from_params(st.query_params.to_dict())
    view0: View = ss["url_view"]
    for n in ss.get("url_notices", []):
        st.warning(md_escape(n), icon="⚠️")

    if not os.path.exists(path):
        _empty(path)
        return
    try:
        store = get_store(path)
    except StoreUnusable as exc:  # the reason, with the file's name only (no server path)
        st.error(md_escape(f"Cannot open the store {Path(path).name}: {exc.reason}"))
        return
    except Exception:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
        st.error(md_escape(f"Cannot open the store {Path(path).name} (the server's log has the details)."))
        return
    if view0.snapshot:
        snapshot_page(store, view0, path)
    ver = data_version(path)
    try:
        counts = stats(path, ver)
        real_span = date_span(path, ver)
        fac = facets(path, ver)
    except Exception:  # noqa: BLE001 - e.g. a store corrupted after it was opened
        traceback.print_exc(file=sys.stderr)
        st.error(md_escape(f"Cannot read the store {Path(path).name} (the server's log has the details)."))
        return
    if counts.get("mapped", 0) == 0:
        _empty(path, counts.get("articles", 0), counts.get("mentions", 0), ver)
        return
    dense = dense_dates(path, ver)
    if "w_undated" not in ss:
        set_by_app("w_whole", wants_whole(view0.filters, dense))
        init_state(view0, track(real_span, dense, ss["w_whole"]))
    handle_map_events(ss.get("map"), real_span, dense)
    span = track(real_span, dense, bool(ss.get("w_whole")))
    apply_brush(span)
    tick("start")
    with st.sidebar, section("The filters"):
        sidebar(span, fac, counts["mapped"], real_span, dense)
    mode = events_view.mode_switch(view0.mode)  # issue 14: Events or Mentions

    # the map has drawn its first markers in this session (the component said so, once): until
    # then the sections below it that load big parts of Streamlit's front end wait (issue 12)
    ss["map_drawn"] = bool(ss.get("map_drawn")) or mapcomponent.map_drawn(ss.get("map"))
    filters = filters_from_widgets(span, view0.filters, fac["sources"]["source"].tolist())
    if filters != ss.get("last_filters"):
        ss["last_filters"] = filters
        ss["table_page"] = 0
    # what the page shows now, as a View (the permalink's model): the same in both modes
    view = View(
        filters=filters,
        place=ss.get("w_place"),
        center=ss.get("view_center"),
        zoom=ss.get("view_zoom"),
        base=ss.get("w_base") or view0.base,
        colour=ss.get("w_colour") or view0.colour,
        mode=mode,
    )
    if mode == "events":  # --- issue 14: Events mode draws the rest of the page (ui.events_view)
        share_auto = counts["mapped"] <= SHARE_AUTO
        helpers = (map_page, home, whole_articles, sync_url, credits, MAP_HEIGHT, share_auto)
        events_view.render(events_view.Page(store, path, ver, filters, span, view, *helpers))
        tick.report()
        return  # --- end of Events mode
    try:
        places_df = places(path, ver, filters)
        tick("places")
        # On a big store popups point to the side panel (a click fills it): their excerpts cost
        # a query per filter change, more than a slider move may take (issue 12's speed goal).
        k = int(settings.get("popup_excerpts")) if counts["mapped"] <= POPUP_EXCERPTS_UP_TO else 0
        layer = map_layer(path, ver, filters, k, ss.get("w_colour") or view0.colour)
        tick("markers")
    except Exception:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
        st.error("The mentions could not be read (an internal error; the server's log has the details).")
        return
    n = int(places_df["n_mentions"].sum()) if len(places_df) else 0  # one place per mapped mention

    st.markdown(f"#### {plural(n, 'mention')} of {plural(len(places_df), 'place')}")
    note = st.empty()  # always there, so the map below keeps its place in the page (no remount)
    if n == 0:
        note.info(why_empty(filters))
    elif len(places_df) > len(layer.place_ids):
        note.caption(f"The map shows the {len(layer.place_ids):,} most mentioned places.")
    # The address first: everything it holds is known here, and a run cut short by the next
    # click (which may come before the map and the panel are drawn) has already sent it.
    sync_url(view)
    left, right = st.columns(mapcomponent.MAP_COLUMNS)
    with left, section("The map"):
        strip_bars = draw_map(path, ver, view, layer, span)
        tick("map")
        credits()
    with right, section("The side panel"):
        place_panel(
            path,
            ver,
            filters,
            places_df,
            lambda pid, lim, off: clip_frame(
                store.excerpts(pid, filters, limit=lim, offset=off, text_limits=CLIP_CHARS)
            ),
        )
    with right, section("The corrections"):  # issue 14 (correct14): list, undo, export
        corrections_panel.history(store)
    tick("panel")
    with section("The timeline"):
        # the strip under the map has no bars (counts loading, or filters they lack); Vega's part of
        # Streamlit's front end also waits for the map's first draw
        if not strip_bars and ss["map_drawn"]:
            timeline_chart(path, ver, filters, span)
    tick("timeline")
    with section("The table of mentions"):
        mentions_table(path, ver, filters, n)
    tick("table")
    share_panel(store, view, places_df, lambda: share_rows(path, ver, filters), auto=counts["mapped"] <= SHARE_AUTO)
    tick("share")
    tick.report()


@st.cache_data(show_spinner=False, max_entries=4)
def not_english_note(path: str, ver: tuple, articles: int) -> str:
    """A sentence for a store whose articles are mostly not in English (ingest said so of each one,
    but the app is where a user looks next), else ''; read once per version of the store, not at
    every rerun."""
    texts = get_store(path).sample_texts(50)
    found = [lang for lang in map(not_english, texts) if lang]
    if not texts or 2 * len(found) < len(texts):
        return ""
    common = ", ".join(dict.fromkeys(found))  # in order, once each
    if len(found) < len(texts):
        who = f"{len(found)} of the first {len(texts)} are"
    elif len(texts) == 1:
        who = "It is"
    else:
        who = "They are" if len(texts) == articles else f"The first {len(texts)} are"
    return f"\n\n{who} not in English ({md_escape(common)}): mapapp finds places in English text only."


def _empty(path: str, articles: int = 0, mentions: int = 0, ver: tuple | None = None) -> None:
    """No mapped mention yet: how to ingest (the store's file name, never its server path), or,
    when articles are stored, why none is on the map (a corpus not in English, said so)."""
    name = Path(path).name
    shell_name = shlex.quote(re.sub(r"[`\s]", "_", name))  # inside the code block: no way out of it
    st.title("mapapp")
    if articles:
        them = "it" if articles == 1 else "them"
        found = (
            f"{plural(mentions, 'place name')} found in {them}, each too unsure to map. To list "
            "them, likeliest guess first, and place them:"
            if mentions
            else f"no place found in {them}."
        )
        st.info(
            f"The store {md_escape(name)} holds {plural(articles, 'article')}, with {found}"
            + (f"\n\n```\nmapapp correct unplaced --db {shell_name}\n```" if mentions else "")
            + (not_english_note(path, ver, articles) if ver is not None else "")
        )
        return
    st.info(
        f"The store {md_escape(name)} has no mapped mentions yet. Ingest some articles, then reload this page:\n\n"
        f"```\nmapapp ingest seeds --db {shell_name}\n```"
    )
