"""The sharing panel of the Streamlit app: permalink, frozen snapshot, downloads.

``render(store, view, places_df, mentions_df)`` is called by ``mapapp/ui/app.py`` once per run
with the frames the map shows (in snapshot mode: the frozen ones). The heavy downloads
(standalone HTML, GeoJSON, CSV) are built only when their button is clicked; the PNG needs a
Chromium (``MAPAPP_BROWSER``) and is rendered on request.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from mapapp.models import plural
from mapapp.store import Store
from mapapp.web import png, share, snapshots, standalone
from mapapp.web.escape import md_escape
from mapapp.web.view import View

_KEY = "mapapp_share_"
PNG_SIZE = (1200, 800)


def base_url() -> str:
    """The app's own URL without query or fragment (``st.context.url``, else the Host header)."""
    import streamlit as st

    url = ""
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - older Streamlit / no browser session
        url = ""
    if url:
        p = urlsplit(url)
        if p.scheme in ("http", "https") and p.netloc:
            return urlunsplit((p.scheme, p.netloc, p.path or "/", "", ""))
    host = ""
    try:
        host = st.context.headers.get("Host") or ""
    except Exception:  # noqa: BLE001
        host = ""
    return f"http://{host or 'localhost:8501'}/"


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")


def render(store: Store, view: View, places_df: pd.DataFrame, mentions_df: pd.DataFrame) -> None:
    """Draw the sharing panel in the current Streamlit container."""
    import streamlit as st

    base = base_url()
    n, n_places = len(mentions_df), len(places_df)
    snap = view.snapshot

    st.markdown("**Share this map**")
    if snap:
        st.caption(
            f"Frozen snapshot {md_escape(snap, 80)}: these {n} mentions stay the same whatever is ingested later."
        )
    total = int(places_df["n_mentions"].sum()) if len(places_df) and "n_mentions" in places_df else n
    if total > n:
        st.caption(f"Snapshots and downloads hold the newest {n:,} of the {total:,} mentions shown on the map.")
    st.caption("Permalink: reopens these filters and this map view on the live data.")
    st.code(share.permalink(base, view), language=None)

    # --- frozen snapshot ------------------------------------------------------------------
    title = st.text_input(
        "Snapshot title", key=_KEY + "title", max_chars=snapshots.MAX_TITLE_CHARS, placeholder="optional"
    )
    if st.button("Save snapshot", key=_KEY + "save", help="Freeze these mentions so the link never changes"):
        try:
            sid = snapshots.save_snapshot(store, view, mentions_df, title or None)
        except Exception as exc:  # noqa: BLE001 - shown, not raised
            st.error(f"Could not save the snapshot: {_reason(exc)}")
        else:
            st.session_state[_KEY + "saved"] = (sid, n, n_places)
    saved = st.session_state.get(_KEY + "saved")
    if saved and snapshots.valid_id(saved[0]):
        saved, sn, sp = saved
        link = share.snapshot_link(base, saved)
        st.success(f"Saved snapshot {md_escape(saved, 80)} ({plural(sn, 'mention')} at {plural(sp, 'place')}).")
        st.code(link, language=None)
        st.link_button(f"Open snapshot ?snapshot={saved}", link)  # a plain href, never Markdown source

    # --- downloads ------------------------------------------------------------------------
    stamp = _stamp()
    page_title = title or (f"mapapp snapshot {snap}" if snap else "mapapp map")
    download_row(
        Downloads(
            key=_KEY,
            file_stem=f"mapapp-{stamp}",
            page=lambda: standalone.standalone_html(places_df, mentions_df, view, page_title),
            geojson=lambda: share.geojson_text(mentions_df),
            csv=lambda: share.csv_text(mentions_df),
            what="the mentions shown",
            png_key=json.dumps(view.to_params(), sort_keys=True) + f"|{n}|{page_title}",
        )
    )


class Downloads(NamedTuple):
    """One row of downloads (standalone HTML, GeoJSON, CSV, PNG) of what a page shows; the
    mentions page and the Events mode differ only in these."""

    key: str  # the widgets' key prefix
    file_stem: str  # "mapapp-20201206-1200": the files are named after it
    page: Callable[[], str]  # the standalone HTML page (also what the PNG draws)
    geojson: Callable[[], str]
    csv: Callable[[], str]
    what: str  # "the mentions shown", "the events shown (the properties of `mapapp events`)"
    png_key: str  # what the PNG shows: a rendered PNG is offered again only for the same


def download_row(d: Downloads) -> None:
    """The downloads, each made only when clicked; the PNG is rendered on request (headless
    Chromium) and kept in the session for the same view."""
    import streamlit as st

    c1, c2, c3, c4 = st.columns(4)
    c1.download_button(
        "Standalone HTML",
        key=d.key + "html",
        on_click="ignore",
        mime="text/html",
        file_name=f"{d.file_stem}.html",
        data=d.page,
        help="One file with the map, markers and popups; opens offline from disk",
    )
    c2.download_button(
        "GeoJSON",
        key=d.key + "geojson",
        on_click="ignore",
        mime="application/geo+json",
        file_name=f"{d.file_stem}.geojson",
        data=d.geojson,
        help=f"{d.what[:1].upper()}{d.what[1:]}, as GeoJSON points",
    )
    c3.download_button(
        "CSV",
        key=d.key + "csv",
        on_click="ignore",
        mime="text/csv",
        file_name=f"{d.file_stem}.csv",
        data=d.csv,
        help=f"{d.what[:1].upper()}{d.what[1:]}, as CSV (formula-safe)",
    )
    lacking = png.missing()
    if lacking is not None:
        print(f"mapapp: no PNG download in the app: {lacking}", file=sys.stderr)
        st.info(md_escape(f"No PNG download: {lacking}.", 300))
        return
    ready = st.session_state.get(d.key + "png_data")
    if ready and ready[0] == d.png_key:
        c4.download_button(
            "PNG", key=d.key + "png", on_click="ignore", mime="image/png", file_name=f"{d.file_stem}.png", data=ready[1]
        )
    elif c4.button(
        "Render PNG",
        key=d.key + "png_make",
        help=f"Draw the map in headless Chromium ({PNG_SIZE[0]}x{PNG_SIZE[1]}, a few seconds)",
    ):
        with st.spinner("Rendering the PNG in Chromium…"):
            try:
                st.session_state[d.key + "png_data"] = (d.png_key, png.png_bytes(d.page(), PNG_SIZE[0], PNG_SIZE[1]))
            except Exception as exc:  # noqa: BLE001 - shown, not raised
                st.error(f"Could not render the PNG: {_reason(exc)}")
            else:
                st.rerun()


def _reason(exc: BaseException) -> str:
    """A failure as one short line for the page: the exception's type and a read-only store said
    plainly; its message (which may hold server paths or user text) goes to the server's log."""
    import sqlite3
    import traceback

    traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).replace("-", "").replace(" ", ""):
        return "the store is read-only."
    return f"{type(exc).__name__} (the server's log has the details)."


__all__ = ["render", "base_url", "Downloads", "download_row"]
