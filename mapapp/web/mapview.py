"""The Folium map: offline assets, base layers, one marker per place, popups, legend, attribution.

Offline first. Leaflet comes from the installed ``XStatic-Leaflet`` package and
Leaflet.markercluster (MIT) from ``mapapp/static/vendor/markercluster``; nothing is ever loaded
from a CDN:

* in the app (``standalone=False``) the map's ``default_js``/``default_css`` point at
  ``/app/static/...``, which Streamlit serves from ``mapapp/static`` with
  ``--server.enableStaticServing`` (``ensure_assets()`` copies Leaflet there from the installed
  package and writes the country outlines once; they are generated, not committed). When that
  folder cannot be written the assets are inlined as ``data:`` URLs instead;
* ``standalone=True`` inlines every asset (``data:`` URLs) and the country outlines, so the HTML
  opens from ``file://`` with no network.

Base layers: OpenStreetMap tiles (the default) and an offline layer of country outlines
(``countryinfo``'s per-country GeoJSON, Natural Earth derived, public domain). The map switches to
the outlines by itself when tiles fail to load (``tileerror``); a layer control switches by hand.

Markers are aggregated per place (``Store.places``): one circle per place sized by its mention
count, coloured by place kind, clustered (summing mentions) when crowded. The whole marker layer
is one compact JSON array turned into markers by a few lines of JS, so a layer of thousands of
places stays a few hundred kilobytes; only the most mentioned places carry their newest excerpts
in the popup (the side panel pages through the rest).

Every string from an article is ``html.escape``d here, in Python, before it reaches HTML; the
JSON that carries it escapes ``< > & ' ` { } _`` so it is inert inside ``<script>``, inside
``eval`` (streamlit-folium) and through streamlit-folium's variable renaming. URLs become links
only when their scheme is http or https.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import math
import re
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from mapapp import settings
from mapapp.limits import MAX_SOURCE, MAX_TITLE, cut

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
GEN_DIR = STATIC_DIR / "gen"  # generated from installed packages by ensure_assets()
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_URL = "/app/static"  # where Streamlit serves STATIC_DIR (server.enableStaticServing)

MAX_MARKERS = 3000  # places drawn (most mentioned first); the app says how many more there are
POPUP_PLACES = 100  # places whose popup carries excerpts (the most mentioned)
POPUP_BUDGET = 400_000  # bytes of popup HTML per marker layer
CLUSTER_OVER = 60  # cluster when more places than this are drawn
MAX_SENTENCE = 420  # characters of a sentence shown around the mention
# Characters of each text column the app sends or caches per row (``clip_frame``), and popups
# and panels show: a stored record with a 2 MB title or a 1 MB outlet costs a few hundred bytes.
CLIP_CHARS = {"title": MAX_TITLE, "source": MAX_SOURCE, "url": 500, "path": 300, "name": 120, "place": 120,
              "sentence": 2000, "country": 16, "kind": 32}  # fmt: skip

DEFAULT_CENTER = (40.4, 47.5)  # the South Caucasus: where the seed corpus lives
DEFAULT_ZOOM = 4

KIND_COLOURS = {
    "city": "#d7301f",
    "admin1": "#fc8d59",
    "admin2": "#fdbb84",
    "country": "#2b8cbe",
    "region": "#7b3294",
    "continent": "#636363",
    "water": "#1a9850",
    "landmark": "#8c510a",
}
OTHER_COLOUR = "#555555"
KIND_LABELS = {
    "city": "city / town", "admin1": "province / region", "admin2": "district", "country": "country",
    "region": "historical / other region", "continent": "continent", "water": "sea / river / lake",
    "landmark": "other feature",
}  # fmt: skip

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
OUTLINES_ATTRIBUTION = "Country outlines: Natural Earth (public domain) via countryinfo"
DATA_ATTRIBUTION = 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
ATTRIBUTION_TEXT = "Places: GeoNames (CC BY 4.0). Tiles: © OpenStreetMap contributors. Outlines: Natural Earth."

# (name, file under STATIC_DIR, kind)
ASSETS = (
    ("leaflet", "gen/leaflet/leaflet.js", "js"),
    ("markercluster", "vendor/markercluster/leaflet.markercluster.js", "js"),
    ("leaflet_css", "gen/leaflet/leaflet.css", "css"),
    ("markercluster_css", "vendor/markercluster/MarkerCluster.css", "css"),
    ("markercluster_default_css", "vendor/markercluster/MarkerCluster.Default.css", "css"),
)
OUTLINES_FILE = "gen/countries.geojson"


# --- assets ---------------------------------------------------------------------------------
def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xl

    return Path(xl.BASE_DIR)


def _write_atomic(path: Path, data: bytes) -> None:
    from mapapp.outfile import write_output

    path.parent.mkdir(parents=True, exist_ok=True)
    write_output(path, data)


@functools.lru_cache(maxsize=1)
def country_outlines() -> dict[str, Any]:
    """A FeatureCollection of country outlines from ``countryinfo`` (Natural Earth derived)."""
    import countryinfo

    feats = []
    for c in countryinfo.all_countries():
        try:
            g = c.geo_json()
            iso = c.iso(2)
        except Exception:  # noqa: BLE001 - a country without an outline is simply left out
            continue
        for f in (g or {}).get("features", []):
            geom = f.get("geometry")
            if geom:
                name = (f.get("properties") or {}).get("name")
                feats.append({"type": "Feature", "properties": {"name": name, "iso": iso}, "geometry": geom})
    return {"type": "FeatureCollection", "features": feats}


def outlines_json() -> str:
    return json.dumps(country_outlines(), separators=(",", ":"), ensure_ascii=True)


def ensure_assets(static_dir: Path = STATIC_DIR) -> bool:
    """Copy Leaflet from the installed package into ``static_dir/gen`` and write the country
    outlines there, once (idempotent; atomic writes). Returns False when the folder cannot be
    written (the map then inlines its assets)."""
    gen = static_dir / "gen"
    try:
        src = _leaflet_dir()
        for rel in ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                    "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"):  # fmt: skip
            dst = gen / "leaflet" / rel
            if not dst.exists() or dst.stat().st_size != (src / rel).stat().st_size:
                _write_atomic(dst, (src / rel).read_bytes())
        dst = static_dir / OUTLINES_FILE
        if not dst.exists() or dst.stat().st_size == 0:
            _write_atomic(dst, outlines_json().encode("ascii"))
        return True
    except OSError:
        return False


def _asset_bytes(rel: str) -> bytes:
    """An asset's bytes: from STATIC_DIR when present, else straight from the installed package."""
    p = STATIC_DIR / rel
    if p.exists():
        return p.read_bytes()
    if rel.startswith("gen/leaflet/"):
        return (_leaflet_dir() / rel[len("gen/leaflet/"):]).read_bytes()
    raise FileNotFoundError(rel)


@functools.lru_cache(maxsize=8)
def _data_url(rel: str) -> str:
    data = _asset_bytes(rel)
    if rel.endswith(".css") and "leaflet/" in rel:
        # Leaflet's CSS points at images/*.png: inline them too.
        text = data.decode("utf-8")

        def sub(m: re.Match) -> str:
            try:
                img = _asset_bytes("gen/leaflet/" + m.group(1))
            except OSError:
                return m.group(0)
            return "url(data:image/png;base64," + base64.b64encode(img).decode("ascii") + ")"

        data = re.sub(r"url\((images/[A-Za-z0-9_\-.]+\.png)\)", sub, text).encode("utf-8")
    mime = "text/css" if rel.endswith(".css") else "text/javascript"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


@functools.lru_cache(maxsize=1)
def _static_ready() -> bool:
    return ensure_assets()


def asset_links(inline: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(default_js, default_css)`` for a map: ``/app/static`` URLs or inlined data: URLs."""
    inline = inline or not _static_ready()
    js, css = [], []
    for name, rel, kind in ASSETS:
        url = _data_url(rel) if inline else f"{STATIC_URL}/{rel}"
        (js if kind == "js" else css).append((name, url))
    return js, css


# --- escaping -------------------------------------------------------------------------------
_URL_OK = re.compile(r"^https?://[^\s\"'<>`\\]+$", re.IGNORECASE)


def safe_url(url: Any) -> str | None:
    """``url`` when it is a plain http(s) URL (to be put in an attribute after escaping); else None."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if not u or len(u) > 2000 or not _URL_OK.match(u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u


def esc(v: Any) -> str:
    """Any value as escaped HTML text (None/NaN as empty)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return html.escape(str(v), quote=True).replace("`", "&#x60;")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^%@/\"'])")
_MD_SPACE = re.compile(r"\s+")
# Where Streamlit's Markdown would start an autolink (``https://x``, ``www.x``, ``a@b.c``,
# ``mailto:``/``xmpp:``) even when every character is escaped.
_MD_AUTOLINK = re.compile(r"(?i)(:(?=/)|\bwww(?=\.)|@|\b(?:mailto|xmpp)(?=:))")


def md_escape(v: Any, limit: int = 300) -> str:
    """Any value as Markdown that shows exactly its text (for st.caption, st.warning, expander
    labels... which render Markdown): every Markdown character backslash-escaped, so ``![y](url)``
    or ``[x](url)`` is never an image fetched or a link, ``https://`` and ``www.`` never become
    autolinks, ``:red[...]`` and ``$...$`` never colour or typeset; line breaks become spaces;
    cut to ``limit`` characters (the rest is "…"). Autolinks are broken by an invisible word
    joiner (U+2060) after ``:``/``www``/``@``: the text reads the same, no link is made."""
    s = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)
    s = cut(_MD_SPACE.sub(" ", s[: limit * 2]).strip(), limit) or ""
    s = _MD_AUTOLINK.sub("\\1\u2060", s)  # an invisible word joiner: no autolink (escapes do not stop them)
    return _MD_SPECIAL.sub(r"\\\1", s)


def clip(v: Any, limit: int) -> Any:
    """A long string cut to ``limit`` characters (plus "…"); anything else unchanged. What the app
    sends per page is bounded whatever a stored record holds."""
    return cut(v, limit) if isinstance(v, str) else v


def clip_frame(df: pd.DataFrame, limits: Mapping[str, int] | None = None) -> pd.DataFrame:
    """``df`` with every string in the ``limits`` columns (default ``CLIP_CHARS``) cut by ``clip``;
    the same frame when nothing is long (the common case costs one length per cell)."""
    limits = CLIP_CHARS if limits is None else limits
    out = df
    for col, n in limits.items():
        if col not in df.columns or df[col].dtype != object or df.empty:
            continue
        lens = df[col].map(lambda v: len(v) if isinstance(v, str) else 0)
        mask = lens > n
        if mask.any():
            if out is df:
                out = df.copy()
            out.loc[mask, col] = out.loc[mask, col].map(lambda v: clip(v, n))
    return out


def highlight(sentence: Any, name: Any, limit: int = MAX_SENTENCE) -> str:
    """The sentence as escaped HTML with every occurrence of ``name`` in ``<mark>``; long
    sentences are cut around the first occurrence."""
    s = "" if sentence is None else str(sentence)
    n = "" if name is None else str(name)
    if len(s) > limit:
        i = s.find(n) if n else -1
        lo = max(0, (i if i >= 0 else 0) - limit // 3)
        hi = min(len(s), lo + limit)
        s = ("…" if lo > 0 else "") + s[lo:hi] + ("…" if hi < len(s) else "")
    if not n:
        return esc(s)
    parts = s.split(n)
    return f"<mark>{esc(n)}</mark>".join(esc(p) for p in parts)


def _date_label(row: Mapping[str, Any]) -> str:
    d = row.get("event_date")
    prec = row.get("date_precision") or "unknown"
    if not d or (isinstance(d, float) and math.isnan(d)):
        return "undated"
    d = str(d)
    if prec == "month":
        d = d[:7]
    elif prec == "year":
        d = d[:4]
    return f"{d} ({prec})"


PANEL_CSS = (
    "<style>.mapapp-excerpt{margin:0 0 .9em 0;line-height:1.4}.mapapp-date{color:#666;font-size:.9em}"
    ".mapapp-source{color:#666;font-size:.9em}.mapapp-excerpt mark{background:#ffe066;padding:0 1px}</style>"
)


def excerpt_html(row: Mapping[str, Any]) -> str:
    """One mention as an escaped HTML block: date (+ precision), outlet, title, the sentence
    with the place name highlighted, and a link only for http(s) URLs."""
    bits = [f'<div class="mapapp-excerpt"><span class="mapapp-date">{esc(_date_label(row))}</span>']
    if row.get("source"):
        bits.append(f' · <span class="mapapp-source">{esc(clip(row.get("source"), CLIP_CHARS["source"]))}</span>')
    if row.get("title"):
        bits.append(f'<br><b class="mapapp-title">{esc(clip(row.get("title"), CLIP_CHARS["title"]))}</b>')
    bits.append(f'<br><span class="mapapp-sentence">{highlight(row.get("sentence"), row.get("name"))}</span>')
    url = safe_url(row.get("url"))
    if url:
        bits.append(f'<br><a href="{esc(url)}" target="_blank" rel="noopener noreferrer">open the article</a>')
    bits.append("</div>")
    return "".join(bits)


def place_label(row: Mapping[str, Any]) -> str:
    """``Baku (AZ)``: plain text (escape before use)."""
    name = clip(str(row.get("place") or row.get("place_id") or "?"), CLIP_CHARS["place"])
    c = clip(row.get("country"), CLIP_CHARS["country"])
    return f"{name} ({c})" if isinstance(c, str) and c else name


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def distinct_sentences(rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One row per (article, sentence): a sentence naming the place three times is one excerpt
    (``highlight`` marks every occurrence anyway)."""
    seen, out = set(), []
    for r in rows:
        key = (r.get("article_id"), r.get("sentence"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """``df.to_dict("records")`` without pandas' per-call overhead (hot in marker building)."""
    cols = list(df.columns)
    return [dict(zip(cols, vals)) for vals in zip(*(df[c].tolist() for c in cols))]


def popup_html(place: Mapping[str, Any], excerpts: pd.DataFrame | list[Mapping[str, Any]] | None) -> str:
    """A place's popup: name, counts, dates and its newest excerpts (all escaped)."""
    n = int(place.get("n_mentions") or 0)
    na = int(place.get("n_articles") or 0)
    out = [f'<div class="mapapp-popup"><b>{esc(place_label(place))}</b>'
           f'<br>{esc(plural(n, "mention"))} in {esc(plural(na, "article"))}']  # fmt: skip
    fd, ld = place.get("first_date"), place.get("last_date")
    if isinstance(fd, str) and fd:
        out.append(f"<br>{esc(fd)}" + (f" – {esc(ld)}" if isinstance(ld, str) and ld and ld != fd else ""))
    if excerpts is not None and len(excerpts):
        rows = distinct_sentences(records(excerpts) if isinstance(excerpts, pd.DataFrame) else list(excerpts))
        out.append("<hr>")
        out.extend(excerpt_html(r) for r in rows)
        if n > len(excerpts):
            out.append(f"<i>The newest shown; the side panel lists all {n:,}.</i>")
    else:
        out.append("<br><i>Click to list its mentions in the side panel.</i>")
    out.append("</div>")
    return "".join(out)


_PLACE_ID_IN_TOOLTIP = re.compile(r"\[\[([^\[\]]{1,300})\]\]")


def place_id_from_tooltip(text: Any) -> str | None:
    """The place id a clicked marker's tooltip carries in a hidden ``[[id]]`` (streamlit-folium
    returns the clicked marker's tooltip text: that is how the app knows which place it was)."""
    if not isinstance(text, str):
        return None
    m = _PLACE_ID_IN_TOOLTIP.search(text)
    return html.unescape(m.group(1)) if m else None


def js_json(value: Any) -> str:
    """JSON that is inert anywhere in a page: inside ``<script>``, an HTML attribute, ``eval``,
    Jinja and streamlit-folium's renaming of ``_xxx`` names."""
    s = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                    ("`", "\\u0060"), ("{", "\\u007b"), ("}", "\\u007d"), ("_", "\\u005f")):  # fmt: skip
        # only inside strings: JSON outside strings holds none of these but { } (no objects here)
        s = s.replace(ch, rep)
    return s


class RawHTML(Element):
    """Markup passed to the page as data: rendered verbatim, never compiled.

    ``folium.Element(s)`` compiles ``s`` as a Jinja2 template, so text from a user or an article
    inside it would run (``{{ 7*7 }}``, or worse). Everything built from such text goes through
    this element instead; its template is fixed and only outputs the string."""

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "RawHTML"
        self.markup = str(markup)


# --- marker layer ---------------------------------------------------------------------------
def marker_radius(n: int, n_max: int) -> float:
    """Circle radius in pixels: area grows with the mention count (4 to 24 px)."""
    if n_max <= 0:
        return 6.0
    return round(4.0 + 20.0 * math.sqrt(max(0, n) / n_max), 1)


def colour(kind: Any) -> str:
    return KIND_COLOURS.get(kind if isinstance(kind, str) else "", OTHER_COLOUR)


class PlaceMarkers(MacroElement):
    """Adds one circle marker per place (from a compact JSON array) to its parent layer,
    clustering them (with mention sums on the cluster icons) when there are many."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this._parent.get_name() }};
            var rows = {{ this.rows_js }};
            var colours = {{ this.colours_js }};
            var target = layer;
            // one formatter for every number: toLocaleString() builds one per call (~50 us each)
            var fmt = new Intl.NumberFormat("en-US");
            if (rows.length > {{ this.cluster_over }} && typeof L.markerClusterGroup === "function") {
                target = L.markerClusterGroup({
                    maxClusterRadius: 45, disableClusteringAtZoom: 10, spiderfyOnMaxZoom: true,
                    showCoverageOnHover: false, chunkedLoading: true,
                    iconCreateFunction: function (cluster) {
                        var n = 0, ms = cluster.getAllChildMarkers();
                        for (var i = 0; i < ms.length; i++) { n += ms[i].options.mentions || 0; }
                        var size = n < 100 ? 34 : (n < 10000 ? 42 : 50);
                        var cls = n < 100 ? "small" : (n < 10000 ? "medium" : "large");
                        return L.divIcon({
                            html: "<div><span>" + fmt.format(n) + "</span></div>",
                            className: "marker-cluster marker-cluster-" + cls,
                            iconSize: L.point(size, size)
                        });
                    }
                });
            }
            // rows: [lat, lon, radius, colour, label, popup|null, mentions, id, articles, first, last]
            // label, popup, id and dates were html-escaped in Python; the rest are numbers.
            function plural(n, w) { return fmt.format(n) + " " + w + (n === 1 ? "" : "s"); }
            function shortPopup(r) {  // written when opened: most popups never are
                return function () {
                    return '<div class="mapapp-popup"><b>' + r[4] + "</b><br>" + plural(r[6], "mention") +
                        " in " + plural(r[8], "article") + (r[9] ? "<br>" + r[9] + (r[10] && r[10] !== r[9] ?
                        " – " + r[10] : "") : "") + "<br><i>Click to list its mentions in the side panel.</i></div>";
                };
            }
            var markers = [];
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                var m = L.circleMarker([r[0], r[1]], {
                    radius: r[2], color: "#222", weight: 1, opacity: 0.9,
                    fillColor: colours[r[3]], fillOpacity: 0.7, mentions: r[6], placeId: r[7]
                });
                m.bindTooltip(r[4] + " · " + plural(r[6], "mention") +
                              '<span style="display:none">[[' + r[7] + "]]</span>", {sticky: false});
                m.bindPopup(r[5] !== null ? r[5] : shortPopup(r), {maxWidth: 380, maxHeight: 360, autoPanPadding: [20, 20]});
                markers.push(m);
            }
            if (target === layer) {
                for (var j = 0; j < markers.length; j++) { layer.addLayer(markers[j]); }
            } else {
                target.addLayers(markers);
                layer.addLayer(target);
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list[Any]], cluster_over: int = CLUSTER_OVER) -> None:
        super().__init__()
        self._name = "PlaceMarkers"
        self.rows = rows
        self.cluster_over = int(cluster_over)
        self.colours = list(KIND_COLOURS.values()) + [OTHER_COLOUR]

    @property
    def rows_js(self) -> str:
        return js_json(self.rows)

    @property
    def colours_js(self) -> str:
        return js_json(self.colours)


def _excerpt_getter(excerpts: Any, k: int) -> Callable[[str], list[dict[str, Any]] | None]:
    """``place_id -> newest k mentions`` (records) from a callable or one frame of mentions."""
    if excerpts is None:
        return lambda pid: None
    if isinstance(excerpts, pd.DataFrame):
        if excerpts.empty or "place_id" not in excerpts:
            return lambda pid: None
        groups: dict[Any, list[dict[str, Any]]] = {}
        for r in records(excerpts):  # frames are newest first: keep the first k sentences of each place
            g = groups.setdefault(r["place_id"], [])
            if len(g) < k and all((r.get("article_id"), r.get("sentence")) != (x.get("article_id"), x.get("sentence"))
                                  for x in g):  # fmt: skip
                g.append(r)
        return groups.get

    def call(pid: str) -> list[dict[str, Any]] | None:
        df = excerpts(pid)
        return None if df is None else distinct_sentences(records(df))[:k]

    return call


def marker_rows(places_df: pd.DataFrame, excerpts: Any = None, *, max_markers: int = MAX_MARKERS,
                popup_places: int = POPUP_PLACES, popup_budget: int = POPUP_BUDGET,
                popup_excerpts: int | None = None) -> list[list[Any]]:  # fmt: skip
    """The compact rows ``[lat, lon, radius, colour index, label, popup or None, n_mentions,
    place_id, n_articles, first_date, last_date]`` (strings html-escaped) of the most mentioned
    places (``places_df`` is most mentioned first, as ``Store.places``
    returns it). Only the first ``popup_places`` places get excerpts, within ``popup_budget``."""
    if places_df is None or places_df.empty:
        return []
    k = int(popup_excerpts if popup_excerpts is not None else settings.get("popup_excerpts"))
    get = _excerpt_getter(excerpts, k)
    df = places_df.head(max_markers)
    n_max = int(df["n_mentions"].max()) if len(df) else 0
    kinds = list(KIND_COLOURS)
    rows, budget = [], popup_budget
    for i, p in enumerate(records(df)):
        lat, lon = p.get("lat"), p.get("lon")
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            continue
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        ex = get(p["place_id"]) if i < popup_places and budget > 0 and k > 0 else None
        popup = popup_html(p, ex[:k]) if ex else None
        budget -= len(popup or "")
        n = int(p.get("n_mentions") or 0)
        kind = p.get("kind")
        ci = kinds.index(kind) if kind in kinds else len(kinds)
        fd, ld = p.get("first_date"), p.get("last_date")
        rows.append([round(lat, 5), round(lon, 5), marker_radius(n, n_max), ci, esc(place_label(p)), popup, n,
                     esc(p.get("place_id")), int(p.get("n_articles") or 0),
                     esc(fd) if isinstance(fd, str) else None, esc(ld) if isinstance(ld, str) else None])  # fmt: skip
    return rows


def marker_layer(places_df: pd.DataFrame, excerpts: Any = None, *, name: str = "Places",
                 **kwargs: Any) -> folium.FeatureGroup:  # fmt: skip
    """The FeatureGroup of place markers: what the app hands to st_folium's
    ``feature_group_to_add`` so a filter change redraws only this layer."""
    return layer_from_rows(marker_rows(places_df, excerpts, **kwargs), name=name)


def layer_from_rows(rows: list[list[Any]], *, name: str = "Places") -> folium.FeatureGroup:
    """The marker FeatureGroup from ``marker_rows`` output (cacheable plain data)."""
    fg = folium.FeatureGroup(name=name, control=False)
    fg.add_child(PlaceMarkers(rows))
    return fg


# --- base map -------------------------------------------------------------------------------
class BaseLayers(MacroElement):
    """OSM tiles + offline country outlines as base layers, a layer control, automatic switch to
    the outlines on tile errors, the legend, the data attribution and an optional title."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .mapapp-legend, .mapapp-title { background: rgba(255,255,255,0.88); padding: 4px 6px;
            border-radius: 4px; box-shadow: 0 0 4px rgba(0,0,0,0.3); font: 10px/1.3 sans-serif; }
        .mapapp-legend .mapapp-kinds { columns: 2; column-gap: 8px; }
        .leaflet-container .leaflet-control-attribution { font-size: 10px; line-height: 1.3; }
        .mapapp-title { font-size: 15px; font-weight: bold; }
        .mapapp-legend i { display: inline-block; width: 9px; height: 9px; border-radius: 50%;
            border: 1px solid #222; margin-right: 5px; vertical-align: middle; }
        .mapapp-popup { font: 12px/1.35 sans-serif; }
        .mapapp-excerpt { margin: 4px 0 8px 0; }
        .mapapp-date { color: #555; }
        .mapapp-popup mark { background: #ffe066; padding: 0 1px; }
        .mapapp-offline-note { background: #fff3cd; padding: 3px 6px; border-radius: 3px; font: 12px sans-serif; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            map.setMinZoom(2);
            map.setMaxZoom(18);  // the cluster plugin needs it whatever the base layer
            var osm = L.tileLayer({{ this.osm_url_js }}, {
                maxZoom: 19, attribution: {{ this.osm_attr_js }}, crossOrigin: true
            });
            // Outlines live in their own pane between the tiles (200) and the markers (400),
            // so however they are loaded they never cover a marker.
            if (!map.getPane("mapapp-outlines")) {
                map.createPane("mapapp-outlines").style.zIndex = 250;
            }
            var outlines = L.geoJSON(null, {
                pane: "mapapp-outlines",
                style: function () { return {color: "#6b7b8c", weight: 1, fillColor: "#f2efe6", fillOpacity: 1}; },
                attribution: {{ this.outlines_attr_js }}
            });
            var outlinesLoaded = false;
            function loadOutlines() {
                if (outlinesLoaded) { return; }
                outlinesLoaded = true;
                {% if this.outlines_inline %}
                outlines.addData({{ this.outlines_inline }});
                {% else %}
                fetch({{ this.outlines_url_js }}).then(function (r) { return r.json(); })
                    .then(function (g) { outlines.addData(g); })
                    .catch(function () {});
                {% endif %}
            }
            outlines.on("add", function () {
                loadOutlines();
                map.getContainer().style.background = "#cfe3f1";
            });
            osm.on("add", function () { map.getContainer().style.background = ""; });
            var tileErrors = 0, tileLoads = 0, switched = false;
            osm.on("tileload", function () { tileLoads++; });
            osm.on("tileerror", function () {
                tileErrors++;
                if (!switched && tileLoads === 0 && tileErrors >= 2 && map.hasLayer(osm)) {
                    switched = true;
                    map.removeLayer(osm);
                    outlines.addTo(map);
                    note.addTo(map);
                }
            });
            var note = L.control({position: "bottomright"});
            note.onAdd = function () {
                var d = L.DomUtil.create("div", "mapapp-offline-note");
                d.textContent = "Map tiles unavailable: showing offline country outlines.";
                return d;
            };
            {% if this.base == "offline" %}outlines.addTo(map);{% else %}osm.addTo(map);{% endif %}
            L.control.layers({
                "OpenStreetMap": osm, "Country outlines (offline)": outlines
            }, {}, {position: "topright", collapsed: true}).addTo(map);
            map.attributionControl.addAttribution({{ this.data_attr_js }});
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var d = L.DomUtil.create("div", "mapapp-legend");
                d.innerHTML = {{ this.legend_js }};
                return d;
            };
            legend.addTo(map);
            {% if this.title_js %}
            var title = L.control({position: "topleft"});
            title.onAdd = function () {
                var d = L.DomUtil.create("div", "mapapp-title");
                d.innerHTML = {{ this.title_js }};
                return d;
            };
            title.addTo(map);
            {% endif %}
            window.mapappMap = map;
            window.mapappBase = function () { return map.hasLayer(osm) ? "osm" : "offline"; };
        })();
        {% endmacro %}
        """
    )

    def __init__(self, base: str = "osm", title: str | None = None, outlines_inline: bool = False,
                 outlines_url: str = f"{STATIC_URL}/{OUTLINES_FILE}") -> None:  # fmt: skip
        super().__init__()
        self._name = "BaseLayers"
        self.base = "offline" if base == "offline" else "osm"
        self.osm_url_js = js_json(OSM_URL)
        self.osm_attr_js = js_json(OSM_ATTRIBUTION)
        self.outlines_attr_js = js_json(OUTLINES_ATTRIBUTION)
        self.data_attr_js = js_json(DATA_ATTRIBUTION)
        self.outlines_url_js = js_json(outlines_url)
        self.outlines_inline = outlines_json() if outlines_inline else ""
        self.legend_js = js_json(legend_html())
        self.title_js = js_json(f"{esc(title)}") if title else ""


def legend_html() -> str:
    """The legend: marker size = mentions, colour = place kind, and the data attribution."""
    rows = "".join(
        f'<div><i style="background:{c}"></i>{esc(KIND_LABELS.get(k, k))}</div>' for k, c in KIND_COLOURS.items()
    )
    return (
        '<b>Places</b> <span style="color:#555">· circle area = mentions (clusters: summed)</span>'
        f'<div class="mapapp-kinds">{rows}</div>'
        '<div style="color:#555">Places: GeoNames (CC BY 4.0) · Tiles: © OpenStreetMap contributors</div>'
    )


def base_map(view: Any = None, *, title: str | None = None, standalone: bool = False,
             center: tuple[float, float] | None = None, zoom: int | None = None) -> folium.Map:  # fmt: skip
    """The map without markers: offline assets, base layers, layer control, legend, attribution.
    In the app it stays the same while filters change (only the marker layer is replaced)."""
    c = center or getattr(view, "center", None) or DEFAULT_CENTER
    z = zoom if zoom is not None else (getattr(view, "zoom", None) or DEFAULT_ZOOM)
    m = folium.Map(location=list(c), zoom_start=int(z), tiles=None, control_scale=True, world_copy_jump=True)
    js, css = asset_links(inline=standalone)
    m.default_js = js
    m.default_css = css
    base = getattr(view, "base", None) or settings.get("base_layer")
    m.add_child(BaseLayers(base=base, title=title, outlines_inline=standalone))
    return m


def build_map(places_df: pd.DataFrame, view: Any = None, excerpts: Any = None, *, title: str | None = None,
              standalone: bool = False) -> folium.Map:  # fmt: skip
    """The whole map: base map + marker layer. ``excerpts`` is ``place_id -> DataFrame`` (e.g.
    ``lambda pid: store.excerpts(pid, filters, limit=k)``) or one DataFrame of mentions.
    ``standalone=True`` inlines every asset so the saved HTML works from ``file://`` offline.
    Without a centre in ``view`` the map fits the markers."""
    center = getattr(view, "center", None)
    m = base_map(view, title=title, standalone=standalone)
    m.add_child(marker_layer(places_df, excerpts))
    if center is None and places_df is not None and not places_df.empty:
        b = bounds(places_df.head(MAX_MARKERS))
        if b is not None:
            m.fit_bounds(b, max_zoom=8, padding=(20, 20))
    return m


def bounds(places_df: pd.DataFrame) -> list[list[float]] | None:
    if places_df is None or places_df.empty:
        return None
    lat = pd.to_numeric(places_df["lat"], errors="coerce")
    lon = pd.to_numeric(places_df["lon"], errors="coerce")
    ok = lat.between(-90, 90) & lon.between(-180, 180)
    if not ok.any():
        return None
    return [[float(lat[ok].min()), float(lon[ok].min())], [float(lat[ok].max()), float(lon[ok].max())]]


def standalone_html(places_df: pd.DataFrame, view: Any = None, excerpts: Any = None, *,
                    title: str | None = None) -> str:  # fmt: skip
    """A self-contained HTML page of the map (no network needed to open it)."""
    m = build_map(places_df, view, excerpts, title=title, standalone=True)
    return m.get_root().render()


__all__ = [
    "build_map", "base_map", "marker_layer", "marker_rows", "standalone_html", "ensure_assets",
    "popup_html", "excerpt_html", "place_id_from_tooltip", "RawHTML", "safe_url", "highlight",
    "legend_html", "bounds", "ATTRIBUTION_TEXT", "KIND_COLOURS", "STATIC_URL",
]  # fmt: skip
