"""Frozen snapshots: a view and the mention rows it showed, kept in the store.

``save_snapshot`` stores the view *and* the rows themselves (every column of ``Store.query``) in
the store (``Store.insert_snapshot``; tables of migration 003), so ``?snapshot=ID`` shows exactly
those rows whatever is ingested, changed or re-geocoded later. This module keeps what a snapshot
*means* (ids, titles, the view as JSON, the frames a frozen snapshot draws) and reads and writes
only through the store's public snapshot methods: the SQL lives in ``mapapp.store``. Ids are short
random URL-safe strings; any other string is refused before it reaches the store.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pandas as pd

from mapapp.store import PLACES_COLUMNS, QUERY_COLUMNS, SNAPSHOT_COLUMNS, SnapshotRecord, Store, rows_frame, typed_frame
from mapapp.store import events as store_events
from mapapp.store.filters import Filters
from mapapp.web.export import plain_value
from mapapp.web.view import SNAPSHOT_RE as ID_RE
from mapapp.web.view import View

MAX_TITLE_CHARS = 200
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


# --- ids and small helpers ----------------------------------------------------------------
def valid_id(snapshot_id: Any) -> bool:
    """True when ``snapshot_id`` has the shape of a snapshot id (nothing else reaches the store)."""
    return isinstance(snapshot_id, str) and ID_RE.fullmatch(snapshot_id) is not None


def new_id() -> str:
    """A random id that never starts with "-": ``mapapp snapshot make -x...`` would read it as an option."""
    while (sid := secrets.token_urlsafe(9)).startswith("-"):
        pass
    return sid


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


def _view_params(view: View) -> dict[str, str]:
    params = dict(view.to_params())
    params.pop("snapshot", None)  # a snapshot's view never points at another snapshot
    return {str(k): str(v) for k, v in params.items()}


# --- frozen snapshots ---------------------------------------------------------------------
def save_snapshot(store: Store, view: View, mentions_df: pd.DataFrame | None, title: str | None = None) -> str:
    """Freeze ``view`` and the rows of ``mentions_df`` (``Store.query`` columns) in the store;
    returns the new snapshot's id."""
    # The view's parameters, plus its filters against the fixed ``Filters()`` (not the
    # settings-driven defaults), so a later MAPAPP_* change cannot alter a frozen view.
    view_json = json.dumps(
        {"params": _view_params(view), "filters": view.filters.to_params(base=Filters())},
        ensure_ascii=False,
        sort_keys=True,
    )
    frame = mentions_df if mentions_df is not None else pd.DataFrame(columns=QUERY_COLUMNS)
    missing = [c for c in QUERY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"save_snapshot: the mentions frame lacks columns {missing}")
    rows = [tuple(_plain(v) for v in rec) for rec in frame[QUERY_COLUMNS].itertuples(index=False, name=None)]
    mapped = frame.dropna(subset=["lat", "lon"]) if len(frame) else frame
    n_places = int(mapped["place_id"].nunique()) if len(mapped) else 0
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    for _attempt in range(8):
        record = SnapshotRecord(new_id(), created, clean_title(title), len(rows), n_places, view_json)
        if store.insert_snapshot(record, rows):
            return record.id
        # an id collision (astronomically rare): draw again
    raise RuntimeError("save_snapshot: could not draw a free snapshot id")


def save_event_snapshot(
    store: Store, view: View, events_df: pd.DataFrame, reports_df: pd.DataFrame, title: str | None = None
) -> str:
    """Freeze an Events-mode ``view`` with its event rows (``store.events.EVENT_COLUMNS``) and
    their reports (``REPORT_COLUMNS``): the snapshot keeps what it showed whatever is regrouped
    or corrected later (migration 008). Returns the new snapshot's id."""
    view_json = json.dumps(
        {"params": _view_params(view), "filters": view.filters.to_params(base=Filters())},
        ensure_ascii=False,
        sort_keys=True,
    )
    for frame, cols in ((events_df, store_events.EVENT_COLUMNS), (reports_df, store_events.REPORT_COLUMNS)):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise ValueError(f"save_event_snapshot: a frame lacks columns {missing}")
    ev_rows = [
        tuple(_plain(v) for v in r) for r in events_df[store_events.EVENT_COLUMNS].itertuples(index=False, name=None)
    ]
    rep_rows = [
        tuple(_plain(v) for v in r) for r in reports_df[store_events.REPORT_COLUMNS].itertuples(index=False, name=None)
    ]
    n_places = int(events_df["place_id"].nunique()) if len(events_df) else 0
    created = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    for _attempt in range(8):
        record = SnapshotRecord(new_id(), created, clean_title(title), len(rep_rows), n_places, view_json)
        if store_events.insert_snapshot(store, record, ev_rows, rep_rows):
            return record.id
    raise RuntimeError("save_event_snapshot: could not draw a free snapshot id")


def snapshot_info(store: Store, snapshot_id: str) -> dict[str, Any] | None:
    """``{id, created_at, title, n_mentions, n_places, params, filters}`` of a snapshot, or None."""
    if not valid_id(snapshot_id):
        return None
    rec = store.snapshot(snapshot_id)
    if rec is None:
        return None
    try:
        stored = json.loads(rec.view_json)
    except ValueError:
        stored = {}
    stored = stored if isinstance(stored, dict) else {}
    params, filters = stored.get("params"), stored.get("filters")
    return {
        "id": rec.id,
        "created_at": rec.created_at,
        "title": rec.title,
        "n_mentions": rec.n_mentions,
        "n_places": rec.n_places,
        "params": {str(k): str(v) for k, v in params.items()} if isinstance(params, dict) else {},
        "filters": {str(k): str(v) for k, v in filters.items()} if isinstance(filters, dict) else None,
    }


def frozen_view(info: dict[str, Any]) -> View:
    """The view a snapshot's ``snapshot_info`` describes (``view.snapshot`` is its id)."""
    view, _notices = View.from_params(info["params"])
    if info["filters"] is not None:
        filters, _notices = Filters.from_params(info["filters"], base=Filters())
        view = view.replace(filters=filters)
    return view.replace(snapshot=info["id"])


def load_snapshot(store: Store, snapshot_id: str) -> tuple[View, pd.DataFrame] | None:
    """``(view, mentions)`` of a frozen snapshot (``view.snapshot == snapshot_id``; the frame has
    the columns and dtypes of ``Store.query``), or None for an unknown or malformed id. Callers
    that also show the title read ``snapshot_info`` once and use ``frozen_view``."""
    info = snapshot_info(store, snapshot_id)
    if info is None:
        return None
    return frozen_view(info), store.snapshot_rows(info["id"])


def load_event_snapshot(store: Store, snapshot_id: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """A frozen Events-mode snapshot's ``(events, reports)``, or None (unknown id, or a snapshot
    of mentions)."""
    if not valid_id(snapshot_id):
        return None
    return store_events.snapshot_events(store, snapshot_id)


def list_snapshots(store: Store) -> pd.DataFrame:
    """Every snapshot, newest first: ``id, created_at, title, n_mentions, n_places``."""
    df = pd.DataFrame([r[: len(SNAPSHOT_COLUMNS)] for r in store.snapshots()], columns=SNAPSHOT_COLUMNS, dtype=object)
    for c in ("n_mentions", "n_places"):
        df[c] = df[c].astype("int64")
    return df


def delete_snapshot(store: Store, snapshot_id: str) -> bool:
    """Delete a snapshot and its rows; False when there was none with that id."""
    return valid_id(snapshot_id) and store.delete_snapshot(snapshot_id)


# --- frames of a frozen snapshot ----------------------------------------------------------
def places_from_mentions(df: pd.DataFrame) -> pd.DataFrame:
    """One row per mapped place of a mentions frame, like ``Store.places`` (``PLACES_COLUMNS``,
    most mentioned first, then by name and id)."""
    if df is None or df.empty:
        return rows_frame([], PLACES_COLUMNS)
    m = df[df["place_id"].notna() & df["lat"].notna() & df["lon"].notna()]
    rows = []
    for pid, g in m.groupby("place_id", sort=False):
        dates = [d for d in g["event_date"] if isinstance(d, str) and d]
        first = g.iloc[0]
        rows.append(
            {
                "place_id": pid,
                "place": first["place"],
                "country": first["country"],
                "lat": float(first["lat"]),
                "lon": float(first["lon"]),
                "kind": first["kind"],
                "n_mentions": len(g),
                "n_articles": int(g["article_id"].nunique()),
                "first_date": min(dates) if dates else None,
                "last_date": max(dates) if dates else None,
            }
        )
    out = pd.DataFrame(rows, columns=PLACES_COLUMNS, dtype=object)
    if rows:
        out["_name"] = out["place"].map(lambda s: "" if s is None else str(s))
        out["n_mentions"] = out["n_mentions"].astype("int64")
        out = out.sort_values(["n_mentions", "_name", "place_id"], ascending=[False, True, True], kind="stable")
        out = out.drop(columns="_name").reset_index(drop=True)
    return typed_frame(out)


def excerpts_from_mentions(df: pd.DataFrame) -> Callable[..., pd.DataFrame]:
    """An ``excerpts(place_id, limit=None, offset=0)`` over a frozen frame (newest first, as
    the frame is ordered), for popups and the side panel in snapshot mode."""

    def excerpts(place_id: str, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        rows = df[df["place_id"] == place_id]
        stop = None if limit is None else offset + max(0, int(limit))
        return rows.iloc[max(0, int(offset)) : stop].reset_index(drop=True)

    return excerpts
