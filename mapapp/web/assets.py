"""The map's static files: where they live, how the app serves them and how a page inlines them.

Nothing is ever loaded from a CDN. Under ``mapapp/static``:

* ``mapapp/`` holds our own front end: ``map.js`` and ``map.css`` (the map's behaviour and its one
  stylesheet, also used by the app's side panel), ``standalone.js``/``standalone.css`` (extras of
  a one-file page);
* ``vendor/markercluster`` holds Leaflet.markercluster (MIT);
* ``basemap/basemap.json`` is the offline base layer (Natural Earth countries, lakes, rivers,
  first-level boundaries and GeoNames labels; ``basemap/README.md`` says where from and how);
* ``gen/`` is generated, not committed: ``ensure_assets()`` copies Leaflet there from the
  installed ``XStatic-Leaflet`` package.

In the app (``inline=False``) a map's ``default_js``/``default_css`` point at ``/app/static/...``,
which Streamlit serves from ``mapapp/static`` with ``--server.enableStaticServing``; when that
folder cannot be written the assets are inlined instead. Standalone pages inline every asset as a
``data:`` URL (scripts and stylesheets as UTF-8 text, images as base64), so they open from
``file://`` with no network.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from mapapp.outfile import write_output

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
GEN_DIR = STATIC_DIR / "gen"  # generated from installed packages by ensure_assets()
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_URL = "/app/static"  # where Streamlit serves STATIC_DIR (server.enableStaticServing)
BASEMAP_FILE = "basemap/basemap.json"
MAP_CSS = "mapapp/map.css"
PAGE_CSS = "mapapp/page.css"  # the app's page around the map (margins), loaded by ui.app
_LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


class Asset(NamedTuple):
    name: str  # folium's key for the link
    path: str  # under STATIC_DIR
    kind: str  # "js" or "css"


#: What every map loads, in order (scripts run in this order).
MAP_ASSETS = (
    Asset("leaflet", "gen/leaflet/leaflet.js", "js"),
    Asset("markercluster", "vendor/markercluster/leaflet.markercluster.js", "js"),
    Asset("mapapp", "mapapp/map.js", "js"),
    Asset("leaflet_css", "gen/leaflet/leaflet.css", "css"),
    Asset("markercluster_css", "vendor/markercluster/MarkerCluster.css", "css"),
    Asset("markercluster_default_css", "vendor/markercluster/MarkerCluster.Default.css", "css"),
    Asset("mapapp_css", MAP_CSS, "css"),
)
#: What a standalone page loads besides (``mapapp.web.standalone``).
STANDALONE_ASSETS = (
    Asset("mapapp_standalone", "mapapp/standalone.js", "js"),
    Asset("mapapp_standalone_css", "mapapp/standalone.css", "css"),
)


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xl

    return Path(xl.BASE_DIR)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_output(path, data)


@functools.lru_cache(maxsize=1)
def basemap() -> dict[str, Any]:
    """The offline base layer (``BASEMAP_FILE``) as parsed JSON: what a standalone page inlines."""
    data: dict[str, Any] = json.loads(asset_bytes(BASEMAP_FILE))
    return data


def ensure_assets(static_dir: Path = STATIC_DIR) -> bool:
    """Copy Leaflet from the installed package into ``static_dir/gen``, once (idempotent; atomic
    writes). Returns False when the folder cannot be written (the map then inlines its assets)."""
    gen = static_dir / "gen"
    try:
        src = _leaflet_dir()
        for rel in _LEAFLET_FILES:
            dst = gen / "leaflet" / rel
            if not dst.exists() or dst.stat().st_size != (src / rel).stat().st_size:
                _write(dst, (src / rel).read_bytes())
        return True
    except OSError:
        return False


def asset_bytes(rel: str) -> bytes:
    """An asset's bytes: from STATIC_DIR when present, else straight from the installed package."""
    p = STATIC_DIR / rel
    if p.exists():
        return p.read_bytes()
    if rel.startswith("gen/leaflet/"):
        return (_leaflet_dir() / rel[len("gen/leaflet/") :]).read_bytes()
    raise FileNotFoundError(rel)


# Characters left as they are in an inlined script or stylesheet: printable ASCII except what
# would end the attribute or the URL, start an entity, a fragment or a query, or a template.
_TEXT_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "\"%&'<>#?`\\{}")


def text_data_url(text: str, mime: str) -> str:
    """``text`` as a ``data:`` URL that stays readable text (percent-encoded UTF-8)."""
    return f"data:{mime};charset=utf-8," + quote(text.encode("utf-8"), safe=_TEXT_SAFE)


@functools.lru_cache(maxsize=16)
def data_url(rel: str) -> str:
    """The asset at ``rel`` as a ``data:`` URL; Leaflet's CSS with its images inlined too."""
    text = asset_bytes(rel).decode("utf-8")
    if rel.endswith(".css") and "leaflet/" in rel:
        # Leaflet's CSS points at images/*.png: inline them too.
        def sub(m: re.Match[str]) -> str:
            try:
                img = asset_bytes("gen/leaflet/" + m.group(1))
            except OSError:
                return m.group(0)
            return "url(data:image/png;base64," + base64.b64encode(img).decode("ascii") + ")"

        text = re.sub(r"url\((images/[A-Za-z0-9_\-.]+\.png)\)", sub, text)
    return text_data_url(text, "text/css" if rel.endswith(".css") else "text/javascript")


@functools.lru_cache(maxsize=1)
def ready() -> bool:
    """``ensure_assets()`` once per process (the app's first page and every map share it)."""
    return ensure_assets()


@functools.lru_cache(maxsize=64)
def _version(rel: str, stamp: tuple[int, int]) -> str:
    return hashlib.blake2b(asset_bytes(rel), digest_size=6).hexdigest()


def static_url(rel: str) -> str:
    """``/app/static/<rel>?v=<hash of its bytes>``: a URL that changes whenever the file does, so
    ``mapapp serve`` can let browsers keep it for a year (``ui.server``)."""
    try:
        st = (STATIC_DIR / rel).stat()
        v = _version(rel, (st.st_mtime_ns, st.st_size))
    except OSError:
        return f"{STATIC_URL}/{rel}"
    return f"{STATIC_URL}/{rel}?v={v}"


def asset_links(
    inline: bool, assets: tuple[Asset, ...] = MAP_ASSETS
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(default_js, default_css)`` for a map: ``/app/static`` URLs or inlined ``data:`` URLs."""
    inline = inline or not ready()
    js: list[tuple[str, str]] = []
    css: list[tuple[str, str]] = []
    for a in assets:
        url = data_url(a.path) if inline else static_url(a.path)
        (js if a.kind == "js" else css).append((a.name, url))
    return js, css


@functools.lru_cache(maxsize=4)
def style_tag(rel: str = MAP_CSS) -> str:
    """A stylesheet of ours as one ``<style>`` element (the app's side panel uses the map's)."""
    return "<style>" + asset_bytes(rel).decode("utf-8") + "</style>"


__all__ = [
    "Asset",
    "MAP_ASSETS",
    "STANDALONE_ASSETS",
    "STATIC_DIR",
    "STATIC_URL",
    "BASEMAP_FILE",
    "MAP_CSS",
    "PAGE_CSS",
    "ensure_assets",
    "ready",
    "asset_links",
    "data_url",
    "text_data_url",
    "style_tag",
    "static_url",
    "basemap",
]
