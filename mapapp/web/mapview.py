"""The Folium map: base layers, legend, title and the marker layer, put together.

Base layers: OpenStreetMap tiles (the default) and an offline vector map (``assets.BASEMAP_FILE``:
Natural Earth countries, lakes, rivers and first-level boundaries, public domain, with labels for
countries, capitals and large cities from GeoNames) that Leaflet draws itself. The map switches to
it by itself when tiles fail to load (``tileerror``); a layer control switches by hand.

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
from mapapp.web.assets import BASEMAP_FILE, MAP_ASSETS, Asset, asset_links, basemap, static_url
from mapapp.web.escape import esc, js_json
from mapapp.web.view import View

DEFAULT_CENTER = (40.4, 47.5)  # the South Caucasus: where the seed corpus lives
DEFAULT_ZOOM = 4
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def legend_html() -> str:
    """The legend: marker size = mentions, the colours (by kind until the marker layer says
    otherwise: ``mapapp.placeMarkers`` rewrites ``.mapapp-colours`` from its own legend), the
    marker styles and the data attribution."""
    rows = "".join(
        f'<div><i style="background:{esc(it.colour)}"></i>{esc(it.label)}</div>' for it in markers.legend_items("kind")
    )
    styles = "".join(
        f'<div><i class="mapapp-sym mapapp-sym-{esc(k)}"></i>{esc(label)}</div>' for k, label in markers.STYLE_ITEMS
    )
    return (
        '<details open><summary><b>Places</b> <span class="mapapp-note">· circle area = mentions '
        "(clusters: summed)</span></summary>"
        f'<div class="mapapp-colour-title mapapp-note">Colour: kind of place</div>'
        f'<div class="mapapp-kinds mapapp-colours">{rows}</div>'
        f'<div class="mapapp-styles">{styles}</div>'
        f'<div class="mapapp-note">{esc(attribution.text((attribution.PLACES, attribution.TILES)))}</div>'
        "</details>"
    )


class BaseLayers(MacroElement):
    """OSM tiles + the offline vector map as base layers, a layer control, automatic switch to
    the offline map on tile errors, the legend, the data attribution and an optional title: one
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
        outlines_url: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "BaseLayers"
        self.config = {
            "base": "offline" if base == "offline" else "osm",
            "tiles": {"name": "OpenStreetMap", "url": OSM_URL, "attribution": attribution.TILES.html()},
            "outlines": {
                "name": "Offline map (Natural Earth)",
                "attribution": attribution.BASEMAP.html(),
                "url": None if outlines_inline else (outlines_url or static_url(BASEMAP_FILE)),
                "inline": basemap() if outlines_inline else None,
            },
            "dataAttribution": attribution.PLACES.html(),
            "offlineNote": "Map tiles unavailable: showing the offline map.",
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
    m.add_child(markers.layer_from_rows(rows, colour_by=view.colour if view else "kind"))
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
    rows = markers.marker_rows(places_df, excerpts, colour_by=view.colour if view else "kind")
    return map_of_rows(rows, view, title=title, standalone=standalone)


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
