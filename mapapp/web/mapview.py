"""The Folium map: base layers, legend, title and the marker layer, put together.

Base layers: OpenStreetMap tiles (the default) and an offline layer of country outlines
(``countryinfo``'s per-country GeoJSON, Natural Earth derived, public domain). The map switches to
the outlines by itself when tiles fail to load (``tileerror``); a layer control switches by hand.

The behaviour lives in ``mapapp/static/mapapp/map.js`` and the look in ``map.css`` (loaded
through ``assets.MAP_ASSETS``: served by the app, inlined in standalone pages); the Folium
templates here only pass data (``escape.js_json``) to the functions defined there. Markers are
``markers``, popups ``popups``, credits ``attribution``.
"""

from __future__ import annotations

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from mapapp import settings
from mapapp.web import attribution, markers
from mapapp.web.assets import MAP_ASSETS, OUTLINES_FILE, STATIC_URL, Asset, asset_links, country_outlines
from mapapp.web.escape import esc, js_json
from mapapp.web.view import View

DEFAULT_CENTER = (40.4, 47.5)  # the South Caucasus: where the seed corpus lives
DEFAULT_ZOOM = 4
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def legend_html() -> str:
    """The legend: marker size = mentions, colour = place kind, and the data attribution."""
    rows = "".join(
        f'<div><i style="background:{c}"></i>{esc(markers.KIND_LABELS.get(k, k))}</div>'
        for k, c in markers.KIND_COLOURS.items()
    )
    return (
        '<details open><summary><b>Places</b> <span class="mapapp-note">· circle area = mentions '
        "(clusters: summed)</span></summary>"
        f'<div class="mapapp-kinds">{rows}</div>'
        f'<div class="mapapp-note">{esc(attribution.text((attribution.PLACES, attribution.TILES)))}</div>'
        "</details>"
    )


class BaseLayers(MacroElement):
    """OSM tiles + offline country outlines as base layers, a layer control, automatic switch to
    the outlines on tile errors, the legend, the data attribution and an optional title: one
    call of ``mapapp.baseLayers`` (``static/mapapp/map.js``) with this element's ``config``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        mapapp.baseLayers({{ this._parent.get_name() }}, {{ this.config_js }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        base: str = "osm",
        title: str | None = None,
        outlines_inline: bool = False,
        outlines_url: str = f"{STATIC_URL}/{OUTLINES_FILE}",
    ) -> None:
        super().__init__()
        self._name = "BaseLayers"
        self.config = {
            "base": "offline" if base == "offline" else "osm",
            "tiles": {"name": "OpenStreetMap", "url": OSM_URL, "attribution": attribution.TILES.html()},
            "outlines": {
                "name": "Country outlines (offline)",
                "attribution": attribution.OUTLINES.html(),
                "url": None if outlines_inline else outlines_url,
                "inline": country_outlines() if outlines_inline else None,
            },
            "dataAttribution": attribution.PLACES.html(),
            "offlineNote": "Map tiles unavailable: showing offline country outlines.",
            "legend": legend_html(),
            "title": title or None,
        }

    @property
    def config_js(self) -> str:
        return js_json(self.config)


def base_map(
    view: View | None = None,
    *,
    title: str | None = None,
    standalone: bool = False,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    assets: tuple[Asset, ...] = MAP_ASSETS,
) -> folium.Map:
    """The map without markers: offline assets, base layers, layer control, legend, attribution.
    In the app it stays the same while filters change (only the marker layer is replaced)."""
    c = center or (view.center if view else None) or DEFAULT_CENTER
    z = zoom if zoom is not None else ((view.zoom if view else None) or DEFAULT_ZOOM)
    m = folium.Map(location=list(c), zoom_start=int(z), tiles=None, control_scale=True, world_copy_jump=True)
    m.default_js, m.default_css = asset_links(inline=standalone, assets=assets)
    base = (view.base if view else None) or settings.get("base_layer")
    m.add_child(BaseLayers(base=base, title=title, outlines_inline=standalone))
    return m


def map_of_rows(
    rows: list[markers.MarkerRow],
    view: View | None = None,
    *,
    title: str | None = None,
    standalone: bool = False,
    assets: tuple[Asset, ...] = MAP_ASSETS,
) -> folium.Map:
    """Base map + the marker layer of ``rows``; without a centre in ``view`` it fits the markers."""
    m = base_map(view, title=title, standalone=standalone, assets=assets)
    m.add_child(markers.layer_from_rows(rows))
    b = markers.rows_bounds(rows)
    if (view is None or view.center is None) and b is not None:
        m.fit_bounds(b, max_zoom=8, padding=(20, 20))
    return m


def build_map(
    places_df: pd.DataFrame | None,
    view: View | None = None,
    excerpts: markers.Excerpts = None,
    *,
    title: str | None = None,
    standalone: bool = False,
) -> folium.Map:
    """The whole map: base map + marker layer. ``excerpts`` is ``place_id -> DataFrame`` (e.g.
    ``lambda pid: store.excerpts(pid, filters, limit=k)``) or one DataFrame of mentions.
    ``standalone=True`` inlines every asset so the saved HTML works from ``file://`` offline
    (``standalone.standalone_html`` makes the whole page). Without a centre in ``view`` the map
    fits the markers."""
    return map_of_rows(markers.marker_rows(places_df, excerpts), view, title=title, standalone=standalone)


def bounds(places_df: pd.DataFrame | None) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around the places with a valid point (None without any)."""
    if places_df is None or places_df.empty:
        return None
    lat = pd.to_numeric(places_df["lat"], errors="coerce")
    lon = pd.to_numeric(places_df["lon"], errors="coerce")
    ok = lat.between(-90, 90) & lon.between(-180, 180)
    if not ok.any():
        return None
    return [[float(lat[ok].min()), float(lon[ok].min())], [float(lat[ok].max()), float(lon[ok].max())]]


__all__ = [
    "build_map",
    "base_map",
    "map_of_rows",
    "legend_html",
    "bounds",
    "BaseLayers",
    "DEFAULT_CENTER",
    "DEFAULT_ZOOM",
]
