"""``View``: everything the URL says about what the map shows (filters, selected place, centre,
zoom, base layer, frozen snapshot). The app keeps ``st.query_params == view.to_params()`` so the
address bar is always a permalink.

``View.from_params`` reads anything a browser may send (huge, malformed, injected values): each
refused parameter falls back to its default and yields one human-readable notice; it never raises.
Refused values are quoted in notices by ``filters.shown``, the same helper the filter notices use.

Query parameters, beside those of ``mapapp.store.filters.Filters`` (whose ``undated`` defaults
to ``1`` in a view: an address leaves undated mentions out with ``undated=0``):

============  =============================================================
``place``     selected place id (``gn:587084``, ``cur:karabakh``)
``center``    map centre ``lat,lon``
``zoom``      map zoom, 1-19
``base``      ``osm`` or ``offline``
``snapshot``  frozen snapshot id (``SNAPSHOT_RE``)
``colour``    what the markers' colour shows: ``kind`` (default) or ``recency``
``mode``      what the map draws: ``mentions`` (default: one marker per place) or
              ``events`` (one marker per event, issue 14: ``mapapp.ui.events_view``)
============  =============================================================
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mapapp.store.filters import PARAM_KEYS, Filters, shown

PLACE_RE = re.compile(r"[A-Za-z][A-Za-z0-9]{0,15}:[A-Za-z0-9_\-.:]{1,160}")
#: What a frozen snapshot's id looks like: the one pattern (``snapshots.new_id`` makes 12 of these
#: characters; ``snapshots.valid_id`` and the URL accept only this).
SNAPSHOT_RE = re.compile(r"[A-Za-z0-9_-]{8,32}")
BASES = ("osm", "offline")
COLOURS = ("kind", "recency")  # markers.COLOUR_MODES (view.py sits under web.markers' imports)
MIN_ZOOM, MAX_ZOOM = 1, 19
MAX_PARAMS = 200  # more keys than this: the URL is not ours; the known ones are still read
MODES = ("mentions", "events")  # what the map draws (``mode``)
VIEW_KEYS = ("place", "center", "zoom", "base", "snapshot", "colour", "mode")
#: Parameters Streamlit itself reads (``?embed=true``): known, never reported.
STREAMLIT_KEYS = ("embed", "embed_options")
_KNOWN_KEYS = frozenset(PARAM_KEYS + VIEW_KEYS + STREAMLIT_KEYS)


def _default_base() -> str:
    from mapapp import settings

    return str(settings.get("base_layer"))  # one of BASES: the setting refuses any other


def _default_filters() -> Filters:
    """What an address without filter parameters shows: the settings' defaults, undated mentions
    included unless ``include_undated`` is off (places the user came for may have no known date,
    issue 12). An address says ``undated=0`` to leave them out, ``undated=1`` to take them."""
    try:
        return Filters.defaults()
    except Exception:  # noqa: BLE001 - a bad MAPAPP_* setting must not break URL parsing
        return Filters(include_undated=True)


@dataclass(frozen=True)
class View:
    filters: Filters = field(default_factory=_default_filters)
    place: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None
    base: str = field(default_factory=_default_base)
    snapshot: str | None = None
    colour: str = "kind"
    mode: str = "mentions"

    def replace(self, **changes: Any) -> View:
        return replace(self, **changes)

    # --- URL parameters -------------------------------------------------------------------
    def to_params(self) -> dict[str, str]:
        """Query parameters for this view (only what differs from the defaults)."""
        out = dict(self.filters.to_params(base=_default_filters()))
        if self.place:
            out["place"] = self.place
        if self.center is not None:
            out["center"] = f"{self.center[0]:.5f},{self.center[1]:.5f}"
        if self.zoom is not None:
            out["zoom"] = str(int(self.zoom))
        if self.base != _default_base():
            out["base"] = self.base
        if self.snapshot:
            out["snapshot"] = self.snapshot
        if self.colour != "kind":
            out["colour"] = self.colour
        if self.mode != "mentions":
            out["mode"] = self.mode
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> tuple[View, list[str]]:
        """A view from query parameters plus a notice for every refused one. Never raises."""
        notices: list[str] = []
        try:
            items = list(params.items())
        except Exception:  # noqa: BLE001
            return cls(), ["Ignored the address parameters: they could not be read."]
        if len(items) > MAX_PARAMS:
            notices.append(f"The address has {len(items)} parameters; only the known ones were read.")
        known = {}
        unknown: list[str] = []
        for k, v in items:
            if isinstance(k, str) and len(k) <= 40:
                known[k] = v
            if k not in _KNOWN_KEYS:
                unknown.append(str(k))
        if unknown and len(items) <= MAX_PARAMS:
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            notices.append(
                "Ignored unknown address parameters: " + ", ".join(shown(k) for k in unknown[:5]) + more + "."
            )
        try:
            filters, fnotices = Filters.from_params(known, base=_default_filters())
        except Exception as exc:  # noqa: BLE001 - Filters.from_params should not raise; belt and braces
            filters, fnotices = _default_filters(), [f"Ignored the filter parameters: {type(exc).__name__}."]
        notices.extend(fnotices)
        values: dict[str, Any] = {"filters": filters}

        def scalar(key: str) -> str | None:
            raw = known.get(key)
            if raw is None:
                return None
            if isinstance(raw, (list, tuple)):
                raw = raw[-1] if raw else ""
            if not isinstance(raw, str):
                raw = str(raw)
            if len(raw) > 400:
                notices.append(f"Ignored '{key}': the value is too long ({len(raw)} characters).")
                return None
            return raw.strip()

        s = scalar("place")
        if s:
            if PLACE_RE.fullmatch(s):
                values["place"] = s
            else:
                notices.append(f"Ignored 'place': {shown(s)} is not a place id.")
        s = scalar("center")
        if s:
            c = _parse_center(s)
            if c is None:
                notices.append(f"Ignored 'center': {shown(s)} is not 'latitude,longitude'.")
            else:
                values["center"] = c
        s = scalar("zoom")
        if s:
            if re.fullmatch(r"\d{1,2}", s) and MIN_ZOOM <= int(s) <= MAX_ZOOM:
                values["zoom"] = int(s)
            else:
                notices.append(f"Ignored 'zoom': {shown(s)} is not a whole number from {MIN_ZOOM} to {MAX_ZOOM}.")
        s = scalar("base")
        if s:
            if s.lower() in BASES:
                values["base"] = s.lower()
            else:
                notices.append(f"Ignored 'base': {shown(s)} is not 'osm' or 'offline'.")
        s = scalar("snapshot")
        if s:
            if SNAPSHOT_RE.fullmatch(s):
                values["snapshot"] = s
            else:
                notices.append(f"Ignored 'snapshot': {shown(s)} is not a snapshot id.")
        s = scalar("colour")
        if s:
            if s.lower() in COLOURS:
                values["colour"] = s.lower()
            else:
                notices.append(f"Ignored 'colour': {shown(s)} is not 'kind' or 'recency'.")
        s = scalar("mode")
        if s:
            if s.lower() in MODES:
                values["mode"] = s.lower()
            else:
                notices.append(f"Ignored 'mode': {shown(s)} is not 'mentions' or 'events'.")
        try:
            return cls(**values), notices
        except Exception as exc:  # noqa: BLE001
            return cls(), notices + [f"Ignored the address parameters: {type(exc).__name__}."]


def _parse_center(s: str) -> tuple[float, float] | None:
    parts = s.split(",")
    if len(parts) != 2 or len(s) > 64:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return (round(lat, 5), round(lon, 5))


__all__ = ["View", "VIEW_KEYS", "MODES", "SNAPSHOT_RE", "PLACE_RE"]
