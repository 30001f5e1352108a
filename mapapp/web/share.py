"""Sharing a map: permalinks and the plain-text summary of what a shared map shows.

* A **permalink** is the app's URL with ``View.to_params()`` as query parameters: it re-runs the
  query, so it shows the data as it is when opened.
* Frozen snapshots are ``mapapp.web.snapshots``; one-file HTML is ``mapapp.web.standalone``; PNG
  is ``mapapp.web.png``; GeoJSON/CSV are ``mapapp.web.export``.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from mapapp.models import plural
from mapapp.web.snapshots import valid_id
from mapapp.web.view import View


# --- links --------------------------------------------------------------------------------
def permalink(base_url: str, view: View) -> str:
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
def describe_view(view: View, n_mentions: int | None = None, n_places: int | None = None) -> list[str]:
    """``Filters.describe()`` of the view's filters plus counts, the selected place and the
    snapshot id."""
    lines = view.filters.describe()
    if n_mentions is not None:
        counts = plural(n_mentions, "mention")
        if n_places is not None:
            counts += f" at {plural(n_places, 'place')}"
        lines.insert(0, counts)
    if view.place:
        lines.append(f"Selected place: {view.place}")
    if view.snapshot:
        lines.append(f"Frozen snapshot: {view.snapshot}")
    return lines


# --- GeoJSON / CSV of the visible mentions ------------------------------------------------
def geojson_text(mentions_df: pd.DataFrame) -> str:
    from mapapp.web.export import to_geojson

    return json.dumps(to_geojson(mentions_df), ensure_ascii=False)


def csv_text(mentions_df: pd.DataFrame) -> str:
    from mapapp.web.export import to_csv

    return to_csv(mentions_df)
