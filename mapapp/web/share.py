"""Sharing a map: permalinks, frozen snapshots, standalone HTML, PNG, GeoJSON/CSV.

* A **permalink** is the app's URL with ``View.to_params()`` as query parameters: it re-runs the
  query, so it shows the data as it is when opened.
* A **frozen snapshot** (``save_snapshot``) stores the view *and* the mention rows themselves
  (every column of ``Store.query``) in the store's ``snapshots`` / ``snapshot_mentions`` tables
  (migration 003). ``?snapshot=ID`` shows exactly those rows, whatever is ingested, changed or
  re-geocoded later. Ids are short random URL-safe strings; any other string is refused before
  it reaches SQL (and the SQL is parameterised anyway).
* ``standalone_html`` is one HTML file that opens from disk with no network: map, markers,
  popups, legend (``mapview.build_map(..., standalone=True)``) plus a title, a summary of the
  filters, the attribution and the time it was made. Every text is HTML-escaped.
* ``render_png`` draws that HTML in headless Chromium (Playwright driving the system browser:
  setting ``browser`` / ``MAPAPP_BROWSER``, else ``chromium`` on PATH) with every request that
  is not ``file:``/``data:`` or localhost aborted. ``BrowserUnavailable`` says how to fix it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import html as _html
import ipaddress
import json
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from mapapp import settings
from mapapp.web.export import plain_value
from mapapp.outfile import write_output
from mapapp.store.filters import Filters
from mapapp.store import PLACES_COLUMNS, QUERY_COLUMNS

#: What a snapshot id looks like (``secrets.token_urlsafe(9)`` gives 12 of these characters).
ID_RE = re.compile(r"[A-Za-z0-9_-]{8,32}")
SNAPSHOT_COLUMNS = ["id", "created_at", "title", "n_mentions", "n_places"]
MAX_TITLE_CHARS = 200
ATTRIBUTION = (
    "Map data \u00a9 OpenStreetMap contributors (ODbL, openstreetmap.org/copyright); "
    "places from GeoNames (geonames.org, CC BY 4.0)."
)
#: Chromium flags for PNG rendering (no GPU, no background traffic, no first-run UI).
BROWSER_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
)  # fmt: skip
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_INT_COLS = ("mention_id", "start", "end")
_FLOAT_COLS = ("lat", "lon", "score")


class BrowserUnavailable(RuntimeError):
    """No Chromium (or no Playwright) to render PNGs with; the message says how to fix it."""


# --- ids and small helpers ----------------------------------------------------------------
def valid_id(snapshot_id: Any) -> bool:
    """True when ``snapshot_id`` has the shape of a snapshot id (nothing else reaches SQL)."""
    return isinstance(snapshot_id, str) and ID_RE.fullmatch(snapshot_id) is not None


def new_id() -> str:
    return secrets.token_urlsafe(9)


def clean_title(title: Any) -> str | None:
    """A title as stored and shown: a string, no control characters, at most 200 characters."""
    if title is None:
        return None
    t = _CONTROL_RE.sub(" ", str(title)).strip()
    return t[:MAX_TITLE_CHARS] or None


def _plain(v: Any) -> Any:
    """A SQLite-ready value: what export writes, with anything exotic as its string."""
    v = plain_value(v)
    return v if v is None or isinstance(v, (str, int, float, bool)) else str(v)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The dtypes ``Store.query`` returns (ints, floats, bool; text stays object with None)."""
    for c in _INT_COLS:
        if c in df:
            num = pd.to_numeric(df[c], errors="coerce")
            df[c] = num.astype("int64") if not num.isna().any() else num
    for c in _FLOAT_COLS:
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    if "demonym" in df:
        df["demonym"] = df["demonym"].map(lambda v: bool(v) if v is not None else False).astype(bool)
    return df


def _view_params(view: Any) -> dict[str, str]:
    params = dict(view.to_params())
    params.pop("snapshot", None)  # a snapshot's view never points at another snapshot
    return {str(k): str(v) for k, v in params.items()}


def _with_snapshot(view: Any, snapshot_id: str | None) -> Any:
    try:
        return dataclasses.replace(view, snapshot=snapshot_id)
    except (TypeError, ValueError):
        try:
            view.snapshot = snapshot_id
        except Exception:  # noqa: BLE001 - a view without the attribute: leave it
            pass
        return view


def view_for(filters: Filters, **fields: Any) -> Any:
    """A ``View`` of ``filters`` with every other field at its default (the CLI's view)."""
    from mapapp.web.view import View

    return View(filters=filters, **fields)


# --- frozen snapshots ---------------------------------------------------------------------
def save_snapshot(store: Any, view: Any, mentions_df: pd.DataFrame, title: str | None = None) -> str:
    """Freeze ``view`` and the rows of ``mentions_df`` (``Store.query`` columns) in the store;
    returns the new snapshot's id."""
    params = _view_params(view)
    filters = getattr(view, "filters", None)
    # The view's parameters, plus its filters against the fixed ``Filters()`` (not the
    # settings-driven defaults), so a later MAPAPP_* change cannot alter a frozen view.
    view_json = json.dumps(
        {"params": params, "filters": filters.to_params(base=Filters()) if filters is not None else {}},
        ensure_ascii=False, sort_keys=True,
    )
    frame = mentions_df if mentions_df is not None else pd.DataFrame(columns=QUERY_COLUMNS)
    missing = [c for c in QUERY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"save_snapshot: the mentions frame lacks columns {missing}")
    rows = [
        tuple(_plain(v) for v in rec)
        for rec in frame[QUERY_COLUMNS].itertuples(index=False, name=None)
    ]
    mapped = frame.dropna(subset=["lat", "lon"]) if len(frame) else frame
    n_places = int(mapped["place_id"].nunique()) if len(mapped) else 0
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    cols = ", ".join(f'"{c}"' for c in QUERY_COLUMNS)
    marks = ",".join("?" * (len(QUERY_COLUMNS) + 2))
    for _attempt in range(8):
        sid = new_id()
        try:
            with store.transaction() as conn:
                conn.execute(
                    "INSERT INTO snapshots(id, created_at, title, view_json, n_mentions, n_places) "
                    "VALUES (?,?,?,?,?,?)",
                    (sid, created, clean_title(title), view_json, len(rows), n_places),
                )
                conn.executemany(
                    f"INSERT INTO snapshot_mentions(snapshot_id, seq, {cols}) VALUES ({marks})",
                    [(sid, i) + r for i, r in enumerate(rows)],
                )
            return sid
        except sqlite3.IntegrityError:  # an id collision (astronomically rare): draw again
            continue
    raise RuntimeError("save_snapshot: could not draw a free snapshot id")


def snapshot_info(store: Any, snapshot_id: str) -> dict[str, Any] | None:
    """``{id, created_at, title, n_mentions, n_places, params}`` of a snapshot, or None."""
    if not valid_id(snapshot_id):
        return None
    rows = store.execute(
        "SELECT id, created_at, title, n_mentions, n_places, view_json FROM snapshots WHERE id = ?",
        (snapshot_id,),
    )
    if not rows:
        return None
    sid, created, title, n, n_places, view_json = rows[0]
    try:
        stored = json.loads(view_json)
    except ValueError:
        stored = {}
    stored = stored if isinstance(stored, dict) else {}
    params, filters = stored.get("params"), stored.get("filters")
    return {"id": sid, "created_at": created, "title": title, "n_mentions": n, "n_places": n_places,
            "params": {str(k): str(v) for k, v in params.items()} if isinstance(params, dict) else {},
            "filters": {str(k): str(v) for k, v in filters.items()} if isinstance(filters, dict) else None}  # fmt: skip


def load_snapshot(store: Any, snapshot_id: str) -> tuple[Any, pd.DataFrame] | None:
    """``(view, mentions)`` of a frozen snapshot (``view.snapshot == snapshot_id``; the frame has
    the columns and dtypes of ``Store.query``), or None for an unknown or malformed id."""
    info = snapshot_info(store, snapshot_id)
    if info is None:
        return None
    from mapapp.web.view import View

    view, _notices = View.from_params(info["params"])
    if info["filters"] is not None:
        filters, _notices = Filters.from_params(info["filters"], base=Filters())
        view = dataclasses.replace(view, filters=filters)
    view = _with_snapshot(view, info["id"])
    cols = ", ".join(f'"{c}"' for c in QUERY_COLUMNS)
    rows = store.execute(
        f"SELECT {cols} FROM snapshot_mentions WHERE snapshot_id = ? ORDER BY seq", (info["id"],)
    )
    return view, _typed(pd.DataFrame(rows, columns=QUERY_COLUMNS, dtype=object))


def list_snapshots(store: Any) -> pd.DataFrame:
    """Every snapshot, newest first: ``id, created_at, title, n_mentions, n_places``."""
    rows = store.execute(
        "SELECT id, created_at, title, n_mentions, n_places FROM snapshots ORDER BY created_at DESC, rowid DESC"
    )
    df = pd.DataFrame(rows, columns=SNAPSHOT_COLUMNS, dtype=object)
    for c in ("n_mentions", "n_places"):
        df[c] = df[c].astype("int64")
    return df


def delete_snapshot(store: Any, snapshot_id: str) -> bool:
    """Delete a snapshot and its rows; False when there was none with that id."""
    if not valid_id(snapshot_id):
        return False
    with store.transaction() as conn:
        conn.execute("DELETE FROM snapshot_mentions WHERE snapshot_id = ?", (snapshot_id,))
        return conn.execute("DELETE FROM snapshots WHERE id = ?", (snapshot_id,)).rowcount > 0


# --- frames of a frozen snapshot ----------------------------------------------------------
def places_from_mentions(df: pd.DataFrame) -> pd.DataFrame:
    """One row per mapped place of a mentions frame, like ``Store.places`` (``PLACES_COLUMNS``,
    most mentioned first, then by name and id)."""
    if df is None or df.empty:
        out = pd.DataFrame(columns=PLACES_COLUMNS, dtype=object)
        for c in ("n_mentions", "n_articles"):
            out[c] = out[c].astype("int64")
        for c in ("lat", "lon"):
            out[c] = out[c].astype("float64")
        return out
    m = df[df["place_id"].notna() & df["lat"].notna() & df["lon"].notna()]
    rows = []
    for pid, g in m.groupby("place_id", sort=False):
        dates = [d for d in g["event_date"] if isinstance(d, str) and d]
        first = g.iloc[0]
        rows.append({
            "place_id": pid, "place": first["place"], "country": first["country"],
            "lat": float(first["lat"]), "lon": float(first["lon"]), "kind": first["kind"],
            "n_mentions": len(g), "n_articles": int(g["article_id"].nunique()),
            "first_date": min(dates) if dates else None, "last_date": max(dates) if dates else None,
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=PLACES_COLUMNS, dtype=object)
    if rows:
        out["_name"] = out["place"].map(lambda s: "" if s is None else str(s))
        out["n_mentions"] = out["n_mentions"].astype("int64")
        out = out.sort_values(["n_mentions", "_name", "place_id"], ascending=[False, True, True], kind="stable")
        out = out.drop(columns="_name").reset_index(drop=True)
    out["n_mentions"] = out["n_mentions"].astype("int64")
    out["n_articles"] = out["n_articles"].astype("int64")
    out["lat"] = out["lat"].astype("float64")
    out["lon"] = out["lon"].astype("float64")
    return out


def excerpts_from_mentions(df: pd.DataFrame) -> Callable[..., pd.DataFrame]:
    """An ``excerpts(place_id, limit=None, offset=0)`` over a frozen frame (newest first, as
    the frame is ordered), for popups and the side panel in snapshot mode."""

    def excerpts(place_id: str, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        rows = df[df["place_id"] == place_id]
        stop = None if limit is None else offset + max(0, int(limit))
        return rows.iloc[max(0, int(offset)) : stop].reset_index(drop=True)

    return excerpts


# --- links --------------------------------------------------------------------------------
def permalink(base_url: str, view: Any) -> str:
    """The app URL that reopens ``view``: ``base_url`` (its own query and fragment dropped)
    with ``view.to_params()`` as the query string."""
    parts = urlsplit(base_url or "")
    query = urlencode(sorted(dict(view.to_params()).items()))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def snapshot_link(base_url: str, snapshot_id: str) -> str:
    """The app URL of a frozen snapshot (``?snapshot=ID``)."""
    if not valid_id(snapshot_id):
        raise ValueError(f"not a snapshot id: {snapshot_id!r}")
    parts = urlsplit(base_url or "")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode({"snapshot": snapshot_id}), ""))


# --- summaries ----------------------------------------------------------------------------
def describe_filters(filters: Filters) -> list[str]:
    """Plain-text lines describing the filters (escape them before putting them in HTML)."""
    f = filters
    lines = []
    if f.date_from or f.date_to:
        a = f.date_from.isoformat() if f.date_from else "the beginning"
        b = f.date_to.isoformat() if f.date_to else "the end"
        lines.append(f"Event dates: {a} to {b}" + (" (and undated mentions)" if f.include_undated else ""))
    else:
        lines.append("Event dates: all" + (", undated mentions included" if f.include_undated else " dated mentions"))
    if f.sources:
        lines.append("Sources: " + ", ".join(f.sources))
    if f.countries:
        lines.append("Countries: " + ", ".join(f.countries))
    if f.places:
        lines.append("Places: " + ", ".join(f.places))
    if f.text:
        lines.append(f"Search: \u201c{f.text}\u201d")
    lines.append("Demonyms: " + ("included" if f.include_demonyms else "left out"))
    if f.min_score > 0:
        lines.append(f"Minimum confidence: {f.min_score:g}")
    return lines


def describe_view(view: Any, n_mentions: int | None = None, n_places: int | None = None) -> list[str]:
    """``describe_filters`` plus counts, the selected place and the snapshot id."""
    lines = describe_filters(getattr(view, "filters", None) or Filters())
    if n_mentions is not None:
        counts = f"{n_mentions} mention{'s' if n_mentions != 1 else ''}"
        if n_places is not None:
            counts += f" at {n_places} place{'s' if n_places != 1 else ''}"
        lines.insert(0, counts)
    if getattr(view, "place", None):
        lines.append(f"Selected place: {view.place}")
    if getattr(view, "snapshot", None):
        lines.append(f"Frozen snapshot: {view.snapshot}")
    return lines


# --- standalone HTML ----------------------------------------------------------------------
_OVERLAY_CSS = """
<style>
.mapapp-share-box{background:rgba(255,255,255,.92);color:#222;
  font:12px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:6px 9px;
  border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,.3);max-width:340px;overflow-wrap:anywhere}
.mapapp-share-head h1{font-size:14px;margin:0 0 3px 0}
.mapapp-share-head ul{margin:0;padding-left:15px}
.mapapp-share-foot{font-size:11px;max-width:300px}
</style>
"""

# Runs after the map's own scripts (on load): moves the summary boxes into Leaflet controls,
# then sets window.mapappReady once every place marker is on the map (clusters load in chunks)
# and the drawing has settled. window.mapappPlaceIds() lists the place ids of the markers.
_READY_JS = """
(function () {
  var expected = %(expected)d;
  window.mapappReady = false;
  window.mapappPlaceIds = function () {
    var map = window.mapappMap;
    if (!map) { return []; }
    var seen = {}, ids = [];
    function visit(l) {
      if (l.options && l.options.placeId !== undefined) {
        var k = L.stamp(l);
        if (!seen[k]) { seen[k] = 1; ids.push(String(l.options.placeId)); }
        return;
      }
      if (typeof l.getLayers === "function") { l.getLayers().forEach(visit); }
    }
    map.eachLayer(visit);
    return ids.sort();
  };
  function boxes() {
    var map = window.mapappMap;
    [["mapapp-share-head", "topright"], ["mapapp-share-foot", "bottomright"]].forEach(function (b) {
      var el = document.getElementById(b[0]);
      if (!el) { return; }
      el.style.display = "";
      if (!map || typeof L === "undefined") { return; }
      var c = L.control({position: b[1]});
      c.onAdd = function () { L.DomEvent.disableClickPropagation(el); return el; };
      c.addTo(map);
    });
  }
  function drawn() {
    return document.querySelectorAll(".leaflet-marker-icon, .leaflet-overlay-pane path").length;
  }
  function start() {
    try { boxes(); } catch (e) {}
    var last = -1, still = 0, t0 = Date.now();
    (function poll() {
      var n = window.mapappPlaceIds().length, d = drawn();
      still = (d === last) ? still + 1 : 0;
      last = d;
      // tiles: wait until one has loaded or the map fell back to the offline outlines
      var base = !window.mapappBase || window.mapappBase() === "offline" ||
        document.querySelector(".leaflet-tile-loaded") !== null || Date.now() - t0 > 5000;
      if ((n >= expected && still >= 3 && base) || Date.now() - t0 > 20000) {
        window.mapappMarkers = n;
        window.mapappTimedOut = n < expected;
        document.body.setAttribute("data-mapapp-markers", String(n));
        requestAnimationFrame(function () { requestAnimationFrame(function () { window.mapappReady = true; }); });
        return;
      }
      setTimeout(poll, 50);
    })();
  }
  if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
})();
"""


def _expected_markers(places_df: pd.DataFrame) -> int:
    from mapapp.web.mapview import MAX_MARKERS

    if places_df is None or places_df.empty:
        return 0
    head = places_df.head(MAX_MARKERS)
    lat = pd.to_numeric(head["lat"], errors="coerce")
    lon = pd.to_numeric(head["lon"], errors="coerce")
    return int((lat.between(-90, 90) & lon.between(-180, 180)).sum())


def standalone_html(places_df: pd.DataFrame, mentions_df: pd.DataFrame, view: Any, title: str | None = None,
                    *, made_at: datetime | None = None) -> str:  # fmt: skip
    """One self-contained HTML page of the map (opens from ``file://`` with no network): the
    map, markers and popups of ``mapview.build_map(..., standalone=True)``, plus the title, a
    summary of the filters, the attribution and the time it was made. All text is escaped."""
    from mapapp.web.mapview import RawHTML, build_map

    title = clean_title(title) or "mapapp map"
    made_at = (made_at or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    mentions_df = mentions_df if mentions_df is not None else pd.DataFrame(columns=QUERY_COLUMNS)
    fmap = build_map(places_df, view, mentions_df, title=title, standalone=True)
    root = fmap.get_root()
    e = _html.escape
    lines = describe_view(view, len(mentions_df), len(places_df))
    made = made_at.strftime("%Y-%m-%d %H:%M UTC")
    head = (
        '<div class="mapapp-share-box mapapp-share-head" id="mapapp-share-head">'
        f"<h1>{e(title)}</h1><ul>" + "".join(f"<li>{e(x)}</li>" for x in lines) + "</ul></div>"
    )
    foot = (
        '<div class="mapapp-share-box mapapp-share-foot" id="mapapp-share-foot">'
        f"{e(ATTRIBUTION)}<br>Made with mapapp on "
        f'<time datetime="{e(made_at.isoformat())}">{e(made)}</time>.</div>'
    )
    # RawHTML, never folium.Element: the title and the filter summary are user text, and
    # folium.Element would compile them as a Jinja template.
    root.header.add_child(RawHTML(f"<title>{e(title)}</title>"), name="mapapp_share_title")
    root.header.add_child(RawHTML(_OVERLAY_CSS), name="mapapp_share_css")
    root.html.add_child(RawHTML(head + foot), name="mapapp_share_overlay")
    root.script.add_child(
        RawHTML(_READY_JS % {"expected": _expected_markers(places_df)}), name="mapapp_share_ready"
    )
    return root.render()


# --- PNG ----------------------------------------------------------------------------------
def find_browser(browser: str | None = None) -> str:
    """The Chromium executable: ``browser``, else setting ``browser`` (``MAPAPP_BROWSER``), else
    the first of ``chromium``, ``chromium-browser``, ``google-chrome``… on PATH."""
    wanted = browser or settings.get("browser")
    if wanted:
        found = shutil.which(wanted)
        if found:
            return found
        p = Path(wanted).expanduser()
        if p.is_file() and os.access(p, os.X_OK):
            return str(p)
        raise BrowserUnavailable(
            f"The browser {wanted!r} (setting 'browser' / MAPAPP_BROWSER) is not an executable file. "
            "Set MAPAPP_BROWSER to the path of a Chromium or Chrome executable."
        )
    for name in BROWSER_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserUnavailable(
        "PNG snapshots need Chromium and none was found on PATH. Install it (e.g. "
        "'apt install chromium') or set MAPAPP_BROWSER to a Chromium/Chrome executable."
    )


def browser_available(browser: str | None = None) -> bool:
    try:
        find_browser(browser)
        import playwright.sync_api  # noqa: F401
    except (BrowserUnavailable, ImportError):
        return False
    return True


def is_local_url(url: str) -> bool:
    """True for ``file:``, ``data:``, ``blob:``, ``about:`` and loopback http(s)/ws(s) URLs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in ("file", "data", "blob", "about"):
        return True
    if scheme in ("http", "https", "ws", "wss"):
        host = (parts.hostname or "").lower()
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return False


def _route_local_only(route: Any) -> None:
    if is_local_url(route.request.url):
        route.continue_()
    else:
        route.abort()


def _render(html: str, out: Path, width: int, height: int, exe: str, timeout_s: float) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    ms = int(timeout_s * 1000)
    with tempfile.TemporaryDirectory(prefix="mapapp-png-") as tmp:
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as pw:
            try:
                b = pw.chromium.launch(executable_path=exe, headless=True, args=list(BROWSER_ARGS), timeout=ms)
            except PlaywrightError as exc:
                raise BrowserUnavailable(f"Could not start the browser {exe}: {str(exc).splitlines()[0]}") from None
            try:
                ctx = b.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                ctx.route("**/*", _route_local_only)
                page = ctx.new_page()
                page.goto(page_file.as_uri(), wait_until="load", timeout=ms)
                page.wait_for_function(
                    "window.mapappReady === true || (window.mapappReady === undefined && "
                    "document.readyState === 'complete')",
                    timeout=ms,
                )
                png = page.screenshot(type="png", timeout=ms)
            finally:
                b.close()
    write_output(out, png)  # never a half-written PNG under the real name; links and modes kept


def render_png(html: str, path: str | os.PathLike, width: int = 1200, height: int = 800,
               browser: str | None = None, *, timeout: float = 60.0) -> Path:  # fmt: skip
    """Render ``html`` (e.g. ``standalone_html``) to a ``width`` x ``height`` PNG at ``path``
    in headless Chromium; only ``file:``/``data:``/localhost requests are let through.
    Raises ``BrowserUnavailable`` when there is no browser (or Playwright) to use."""
    width, height = int(width), int(height)
    if not (100 <= width <= 8000 and 100 <= height <= 8000):
        raise ValueError(f"PNG size {width}x{height}: width and height must be between 100 and 8000")
    exe = find_browser(browser)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise BrowserUnavailable("PNG snapshots need the Python package 'playwright' (pip install playwright).") from None
    out = Path(os.path.abspath(Path(path).expanduser()))  # links resolved by write_output, not here
    Path(os.path.realpath(out)).parent.mkdir(parents=True, exist_ok=True)
    try:
        asyncio.get_running_loop()
        in_loop = True
    except RuntimeError:
        in_loop = False
    if in_loop:  # Playwright's sync API refuses to run inside an event loop: use a thread
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(_render, html, out, width, height, exe, timeout).result()
    else:
        _render(html, out, width, height, exe, timeout)
    return out


def png_bytes(html: str, width: int = 1200, height: int = 800, browser: str | None = None) -> bytes:
    """``render_png`` into memory (for download buttons)."""
    with tempfile.TemporaryDirectory(prefix="mapapp-png-") as tmp:
        p = render_png(html, Path(tmp) / "map.png", width, height, browser)
        return p.read_bytes()


# --- GeoJSON / CSV of the visible mentions ------------------------------------------------
def geojson_text(mentions_df: pd.DataFrame) -> str:
    from mapapp.web.export import to_geojson

    return json.dumps(to_geojson(mentions_df), ensure_ascii=False)


def csv_text(mentions_df: pd.DataFrame) -> str:
    from mapapp.web.export import to_csv

    return to_csv(mentions_df)


__all__ = [
    "BrowserUnavailable", "ID_RE", "ATTRIBUTION", "valid_id", "save_snapshot", "load_snapshot",
    "snapshot_info", "list_snapshots", "delete_snapshot", "places_from_mentions",
    "excerpts_from_mentions", "permalink", "snapshot_link", "describe_filters", "describe_view",
    "standalone_html", "find_browser", "browser_available", "render_png", "png_bytes",
    "geojson_text", "csv_text", "view_for",
]  # fmt: skip
