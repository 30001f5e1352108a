"""Events mode of the app (issue 14): the map, side panel, timeline, table and sharing panel for
events instead of mentions. ``ui.app`` draws the sidebar (with ``mode_switch``) and hands the rest
of the page to ``render`` when the switch says Events; a frozen snapshot of events goes to
``snapshot_page``.

The machinery is the mentions page's: the same map component and Folium page (only the marker
layer differs: ``web.eventmarkers`` rows for ``mapapp.placeMarkers``), the same click events (an
event marker reports ``ev:<id>``, which the page keeps as the selected "place", so permalinks
and "fly to" work unchanged), the same date brush and play control (play's per-marker counts
come from the event rows: each event counts its mentions in the window of its date).

How the filters apply: the dates filter each event's own date (an undated event passes when
undated ones are included); outlets, countries, places, the search and the confidence keep the
events with at least one report passing them (``store.events.events``).
"""

from __future__ import annotations

import hashlib
import html
import sys
import traceback
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from mapapp.models import plural
from mapapp.store import Store
from mapapp.store import events as store_events
from mapapp.store.filters import Filters
from mapapp.ui import mapcomponent
from mapapp.ui.section import section
from mapapp.ui.share_panel import Downloads, download_row
from mapapp.ui.timeline import month_bars
from mapapp.web import eventmarkers, export, share, snapshots
from mapapp.web.escape import clip_frame, md_escape
from mapapp.web.markers import MarkerRow
from mapapp.web.popups import Row, records
from mapapp.web.view import View

TABLE_PAGE = 50  # events per page of the table
EVENT_CHOICES = 500  # events offered in "Selected event" (the map's first ones)
PANEL_REPORTS = 50  # reports the side panel lists
SHARE_EVENTS = 5_000  # events handed to the sharing panel (exports, snapshots)
FILTERS_NOTE = (
    "Events: the dates filter each event's date (undated events pass when undated ones are "
    "included); outlets, countries, places, the search and the confidence keep the events with at "
    "least one report passing them. Demonyms are never events."
)


class Page(NamedTuple):
    """What ``ui.app`` hands over: the store, its data version, the sidebar's filters and the
    page's own helpers (passed in: this module sits beside ``ui.app`` and must not import it)."""

    store: Store
    path: str
    ver: tuple
    filters: Filters
    span: tuple[date | None, date | None]
    view: View  # the page's view (mode, selected event, centre, zoom, base)
    map_page: Callable[[str, tuple[float, float], int], str]
    home: Callable[[str, tuple], tuple[tuple[float, float], int]]
    whole_articles: Callable[[str, list[Row]], None]
    sync_url: Callable[[View], None]
    credits: Callable[[], None]
    map_height: int
    share_auto: bool  # the sharing panel opens by itself (a small store)


# --- the switch ---------------------------------------------------------------------------------
def mode_switch(url_mode: str) -> str:
    """The sidebar's Events/Mentions switch (default: what the address says); returns the mode."""
    ss = st.session_state
    ss.setdefault("w_mode", url_mode)
    st.sidebar.radio(
        "Show",
        options=["mentions", "events"],
        key="w_mode",
        horizontal=True,
        format_func=lambda m: "Mentions (places)" if m == "mentions" else "Events",
        on_change=_mode_changed,
        help="Mentions: one marker per place, sized by its mentions. Events: one marker per event "
        "(what happened at a place on a day, grouped across articles), sized by the outlets reporting it.",
    )
    mode = str(ss.get("w_mode") or "mentions")
    if mode == "events":
        st.sidebar.caption(FILTERS_NOTE)
    return mode


def _mode_changed() -> None:
    ss = st.session_state
    ss["w_place"] = None  # a place is no event, and an event no place
    ss["play_unit"] = None
    ss["table_page"] = 0


# --- cached reads -------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def map_events(_store: Store, path: str, ver: tuple, filters: Filters) -> tuple[pd.DataFrame, int]:
    """The events the map draws (the most sourced first, at most ``MAX_EVENT_MARKERS``) and how
    many pass the filters."""
    df = store_events.events(_store, filters, limit=eventmarkers.MAX_EVENT_MARKERS, order="sources")
    n = len(df) if len(df) < eventmarkers.MAX_EVENT_MARKERS else store_events.count(_store, filters)
    return clip_frame(df), n


@st.cache_data(show_spinner=False, max_entries=16)
def layer(_store: Store, path: str, ver: tuple, filters: Filters) -> tuple[str, list[MarkerRow]]:
    """The event layer's JSON (what the map component swaps in) and its rows."""
    df, _n = map_events(_store, path, ver, filters)
    top = df["event_id"].head(eventmarkers.POPUP_EVENTS).tolist()
    # one more than a popup lists: it then says the side panel has more
    reps = clip_frame(store_events.reports(_store, top, per_event=eventmarkers.POPUP_REPORTS + 1)) if top else None
    rows = eventmarkers.event_marker_rows(df, reps)
    return eventmarkers.layer_data(rows), rows


@st.cache_data(show_spinner=False, max_entries=16)
def event_timeline(_store: Store, path: str, ver: tuple, filters: Filters) -> pd.DataFrame:
    return store_events.timeline(_store, filters)


@st.cache_data(show_spinner=False, max_entries=16)
def table_page(_store: Store, path: str, ver: tuple, filters: Filters, page: int) -> pd.DataFrame:
    return clip_frame(store_events.events(_store, filters, limit=TABLE_PAGE, offset=page * TABLE_PAGE))


@st.cache_data(show_spinner=False, max_entries=8)
def share_frames(_store: Store, path: str, ver: tuple, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events the sharing panel exports (newest first, as ``mapapp events`` writes them) and
    their reports, text cut (``CLIP_CHARS``) so the cache stays bounded."""
    df = store_events.events(_store, filters, limit=SHARE_EVENTS)
    return clip_frame(df), clip_frame(store_events.reports(_store, df["event_id"].tolist()))


def play_data(rows: list[MarkerRow], filters: Filters, unit: str) -> dict[str, object] | None:
    """What play steps through (``mapcomponent.play_data``'s shape) for the event markers
    ``rows``: each dated event counts its mentions in the window holding its date."""
    if unit not in mapcomponent.UNITS:
        return None
    starts: list[str] = []
    pairs: list[tuple[int, str, int]] = []
    for i, r in enumerate(rows):
        if r.first_date:
            try:
                d = date.fromisoformat(html.unescape(r.first_date)[:10])
            except ValueError:
                continue
            s = mapcomponent.window_start(d, unit).isoformat()
            starts.append(s)
            pairs.append((i, s, r.mentions))
    bins = sorted(set(starts))
    where = {b: k for k, b in enumerate(bins)}
    m = [i for i, _s, _c in pairs]
    b = [where[s] for _i, s, _c in pairs]
    c = [max(1, n) for _i, _s, n in pairs]
    digest = hashlib.blake2b(repr((unit, m, b, c, filters.date_from, filters.date_to)).encode(), digest_size=8)
    return {
        "key": digest.hexdigest(),
        "unit": unit,
        "bins": bins,
        "m": m,
        "b": b,
        "c": c,
        "from": filters.date_from.isoformat() if filters.date_from else None,
        "to": filters.date_to.isoformat() if filters.date_to else None,
    }


# --- the page ------------------------------------------------------------------------------------
def render(p: Page) -> None:
    """Events mode below the sidebar: heading, map, side panel, timeline, table, sharing panel."""
    ss = st.session_state
    try:
        df, n = map_events(p.store, p.path, p.ver, p.filters)
        layer_js, rows = layer(p.store, p.path, p.ver, p.filters)
    except Exception:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
        st.error("The events could not be read (an internal error; the server's log has the details).")
        return
    st.markdown(
        f"#### {plural(n, 'event')}" + (f" at {plural(df['place_id'].nunique(), 'place')}" if n == len(df) else "")
    )
    note = st.empty()  # always there, so the map below keeps its place in the page
    if n == 0:
        note.info(
            "No event passes these filters (or the events are not grouped yet: `mapapp events` groups them). "
            "Widen the dates or remove some filters."
        )
    elif n > len(rows):
        note.caption(f"The map shows the {len(rows):,} most sourced of these {n:,} events.")
    left, right = st.columns(mapcomponent.MAP_COLUMNS)
    with left, section("The map"):
        draw_map(p, layer_js, rows)
        p.credits()
    with right, section("The side panel"):
        event_panel(p, df)
    p.sync_url(p.view.replace(place=ss.get("w_place")))
    with section("The timeline"):
        timeline_chart(p)
    with section("The table of events"):
        events_table(p, n)
    share_panel(p)


def draw_map(p: Page, layer_js: str, rows: list[MarkerRow]) -> None:
    """The same map component as the mentions page (same key: switching modes swaps the marker
    layer, the map is not reloaded)."""
    ss = st.session_state
    centre, zoom = p.home(p.path, p.ver)
    start = ss.setdefault("map_start", (p.view.center or centre, p.view.zoom or zoom))
    unit = ss.get("play_unit")
    mapcomponent.map_component(
        page_html=p.map_page(p.view.base, start[0], start[1]),
        layer=layer_js,
        view=(p.view.center, p.view.zoom or zoom) if p.view.center else None,
        command=ss.get("map_command"),
        ack=int(ss.get("map_done", 0)),
        height=p.map_height,
        key="map",
        play=play_data(rows, p.filters, unit) if unit else None,
    )


def event_box_key(event: str | None) -> str:
    """The "Selected event" box's key, named after the selection it shows."""
    return f"w_event_{event or 'none'}"


def _choose(key: str, df: pd.DataFrame | None) -> None:
    """The user chose an event in "Selected event" (or cleared it): select it, and on the live
    map fly there and open its popup."""
    ss = st.session_state
    chosen = ss.get(key)
    if key == event_box_key(chosen):  # a stale box sent again, not a choice (see app.select_place)
        return
    ss["w_place"] = chosen
    eid = eventmarkers.event_id_of(chosen)
    if eid is None or df is None:
        return
    row = df[df["event_id"] == eid]
    centre = (float(row["lat"].iloc[0]), float(row["lon"].iloc[0])) if len(row) else None
    ss["map_command"] = mapcomponent.new_command(eventmarkers.event_key(eid), centre)


def event_choice(df: pd.DataFrame, live: bool = True) -> int | None:
    """The "Selected event" box; returns the selected event's id. The selection is
    ``w_place`` (what a click on the map sets): the box has no key of its own that the browser
    could send back stale (a click handled in one run, and a rerun the popup's pan asks for
    before the browser drew that run, would drop it), but one named after the selection, so a
    click draws a new box showing it."""
    ss = st.session_state
    cur = ss.get("w_place")
    if cur is not None and eventmarkers.event_id_of(cur) is None:
        ss["w_place"] = cur = None  # a place id from Mentions mode
    labels = {
        eventmarkers.event_key(r["event_id"]): eventmarkers.event_title(r)
        for r in records(df.head(EVENT_CHOICES)[["event_id", "place", "country", "date", "kind", "n_sources"]])
    }
    options: list[str | None] = [None, *labels]
    if cur and cur not in labels:
        options.append(cur)
    key = event_box_key(cur)
    st.selectbox(
        "Selected event",
        options=options,
        index=options.index(cur),
        key=key,
        format_func=lambda k: "— click an event or choose —" if k is None else labels.get(k, k),
        on_change=_choose,
        args=(key, df if live else None),
    )
    return eventmarkers.event_id_of(cur)


def event_panel(p: Page, df: pd.DataFrame) -> None:
    """The selected event: what it is and every report of it (outlet, date, sentence, link)."""
    eid = event_choice(df)
    if eid is None:
        st.caption("Click an event on the map (or choose one) to read its reports here.")
        return
    row = df[df["event_id"] == eid]
    if row.empty:
        row = clip_frame(store_events.by_ids(p.store, [eid]))
    if row.empty:
        st.info("This event is no longer in the store (events are regrouped after each ingest).")
        return
    reps: list[Row] = list(records(clip_frame(store_events.reports(p.store, [eid]))))
    show_event(records(row)[0], reps)
    p.whole_articles(p.path, reps[:PANEL_REPORTS])


def show_event(e: Row, reps: list[Row]) -> None:
    """An event's summary and its reports (at most ``PANEL_REPORTS``) in the side panel."""
    from mapapp.web import assets

    st.html(
        assets.style_tag()
        + f'<div class="mapapp-event-panel">{eventmarkers.event_summary_html(e)}</div><hr>'
        + "".join(eventmarkers.report_html(r) for r in reps[:PANEL_REPORTS])
    )
    if len(reps) > PANEL_REPORTS:
        st.caption(f"The first {PANEL_REPORTS} of {len(reps):,} reports.")


def timeline_chart(p: Page) -> None:
    """Events per month over the slider's track; dragging across it sets the dates (the same
    brush as the mentions page: key ``w_brush``)."""
    tl = event_timeline(p.store, p.path, p.ver, p.filters.replace(date_from=None, date_to=None, include_undated=False))
    month_bars(tl, "events", p.filters, p.span, "#b2182b")


TABLE_LABELS = {
    "date": "Date",
    "date_precision": "Dated by",
    "place": "Place",
    "country": "Country",
    "kind": "Kind",
    "label": "Label",
    "n_articles": "Articles",
    "n_sources": "Outlets",
    "first_reported": "First reported",
    "last_reported": "Last reported",
}


def events_table(p: Page, n: int) -> None:
    ss = st.session_state
    pages = max(1, -(-n // TABLE_PAGE))
    page = min(int(ss.get("table_page", 0)), pages - 1)
    st.subheader(f"Events ({n:,})")
    if n == 0:
        st.caption("No event passes the filters.")
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
    df = table_page(p.store, p.path, p.ver, p.filters, page)
    df = df[list(TABLE_LABELS)]
    st.dataframe(
        df.astype(object).where(df.notna(), ""),
        hide_index=True,
        width="stretch",
        height=320,
        column_config=TABLE_LABELS,
    )


# --- sharing ---------------------------------------------------------------------------------------
_KEY = "mapapp_share_events_"


def share_panel(p: Page) -> None:
    """Permalink, frozen snapshot and downloads of the events shown (GeoJSON/CSV with the
    properties of ``mapapp events``, standalone HTML, PNG)."""
    with st.expander("Share this map", expanded=False):
        if not p.share_auto and not st.toggle(
            "Prepare sharing and exports (reads the events again on every change)", key="w_share"
        ):
            return
        try:
            events_df, reports_df = share_frames(p.store, p.path, p.ver, p.filters)
            view = p.view.replace(place=st.session_state.get("w_place"))
            share_body(p.store, view, events_df, reports_df, lambda: shown_events(p.store, p.path, p.ver, p.filters))
        except Exception:  # noqa: BLE001 - sharing must never take the map down
            traceback.print_exc(file=sys.stderr)
            st.warning("The sharing panel failed (an internal error; the server's log has the details).")


def shown_events(store: Store, path: str, ver: tuple, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events the map shows (the most sourced) with the reports their popups list: what the
    standalone page and the PNG draw."""
    df, _n = map_events(store, path, ver, filters)
    reps = store_events.reports(store, df["event_id"].tolist(), per_event=eventmarkers.POPUP_REPORTS + 1)
    return df, clip_frame(reps)


def share_body(
    store: Store,
    view: View,
    events_df: pd.DataFrame,
    reports_df: pd.DataFrame,
    shown: Callable[[], tuple[pd.DataFrame, pd.DataFrame]] | None = None,
) -> None:
    """The sharing panel's body: ``events_df``/``reports_df`` are what GeoJSON, CSV and a
    snapshot hold; ``shown()`` what the map draws (the standalone page and the PNG; default
    the same frames)."""

    def page(title: str) -> str:
        evs, reps = shown() if shown is not None else (events_df, reports_df)
        return eventmarkers.standalone_events_html(evs, reps, view, title)

    from mapapp.ui.share_panel import base_url

    base = base_url()
    n = len(events_df)
    st.markdown("**Share this map of events**")
    if view.snapshot:
        st.caption(f"Frozen snapshot {md_escape(view.snapshot, 80)}: these {n:,} events stay as they were.")
    elif n >= SHARE_EVENTS:
        st.caption(f"Snapshots and downloads hold the {SHARE_EVENTS:,} newest events shown.")
    st.caption("Permalink: reopens these filters, Events mode and this map view on the live data.")
    st.code(share.permalink(base, view), language=None)
    if not view.snapshot and store_events.has_snapshot_tables(store):
        title = st.text_input("Snapshot title", key=_KEY + "title", max_chars=snapshots.MAX_TITLE_CHARS)
        if st.button("Save snapshot", key=_KEY + "save", help="Freeze these events so the link never changes"):
            try:
                sid = snapshots.save_event_snapshot(store, view, events_df, reports_df, title or None)
            except Exception:  # noqa: BLE001 - shown, not raised
                traceback.print_exc(file=sys.stderr)
                st.error("Could not save the snapshot (the store may be read-only; the server's log has the details).")
            else:
                st.session_state[_KEY + "saved"] = (sid, n)
        saved = st.session_state.get(_KEY + "saved")
        if saved and snapshots.valid_id(saved[0]):
            link = share.snapshot_link(base, saved[0])
            st.success(f"Saved snapshot {md_escape(saved[0], 80)} ({plural(saved[1], 'event')}).")
            st.code(link, language=None)
            st.link_button(f"Open snapshot ?snapshot={saved[0]}", link)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    page_title = f"mapapp events snapshot {view.snapshot}" if view.snapshot else "mapapp events"
    download_row(
        Downloads(
            key=_KEY,
            file_stem=f"mapapp-events-{stamp}",
            page=lambda: page(page_title),
            geojson=lambda: export.events_geojson_text(events_df, reports_df),
            csv=lambda: export.events_csv_text(events_df, reports_df),
            what="the events shown, one point each (the properties of `mapapp events`)",
            png_key=repr(sorted(view.to_params().items())) + f"|{n}|events",
        )
    )


# --- a frozen snapshot of events -------------------------------------------------------------------
def snapshot_page(
    store: Store,
    info: dict[str, Any],
    view: View,
    whole_articles: Callable[[str, list[Row]], None],
    path: str,
    draw_map: Callable[[pd.DataFrame, str], None],
) -> bool:
    """``?snapshot=ID`` of an Events-mode snapshot: the frozen events and reports, never the
    live ones. False when the snapshot froze no events (the caller shows it as mentions).
    ``draw_map(points, layer_json)`` draws the frozen layer on the app's map component."""
    got = snapshots.load_event_snapshot(store, info["id"])
    if got is None:
        return False
    events_df, reports_df = (clip_frame(x) for x in got)
    title = f" “{md_escape(info['title'], 200)}”" if info["title"] else ""
    st.info(
        f"Frozen snapshot {md_escape(info['id'], 80)}{title} of events, saved {md_escape(info['created_at'], 40)}: "
        f"{len(events_df):,} events. Remove '?snapshot=…' from the address to see the live data."
    )
    by_event = eventmarkers.reports_by_event(reports_df)
    rows = eventmarkers.event_marker_rows(events_df, reports_df)
    left, right = st.columns(mapcomponent.MAP_COLUMNS)
    with left:
        draw_map(events_df[["lat", "lon"]], eventmarkers.layer_data(rows))
    with right:
        eid = event_choice(events_df, live=False)
        if eid is None:
            st.caption("Choose an event to read its reports here.")
        else:
            row = events_df[events_df["event_id"] == eid]
            if len(row):
                show_event(records(row)[0], by_event.get(eid, []))
                whole_articles(path, by_event.get(eid, [])[:PANEL_REPORTS])
    df = events_df[list(TABLE_LABELS)]
    st.dataframe(df.astype(object).where(df.notna(), ""), hide_index=True, column_config=TABLE_LABELS)
    with st.expander("Share this map", expanded=False):
        share_body(store, view, events_df, reports_df)
    return True


__all__ = [
    "Page",
    "mode_switch",
    "render",
    "snapshot_page",
    "play_data",
    "share_body",
    "FILTERS_NOTE",
]
