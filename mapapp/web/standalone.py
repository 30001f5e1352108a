"""One HTML file that opens from disk with no network: map, markers, popups, legend
(``mapview.build_map(..., standalone=True)``) plus a title, a summary of the filters, the
attribution and the time it was made. Every text is HTML-escaped.
"""

from __future__ import annotations

import html as _html
from datetime import datetime, timezone
from typing import Any

import pandas as pd

from mapapp.store import QUERY_COLUMNS
from mapapp.web.share import describe_view
from mapapp.web.snapshots import clean_title

ATTRIBUTION = (
    "Map data \u00a9 OpenStreetMap contributors (ODbL, openstreetmap.org/copyright); "
    "places from GeoNames (geonames.org, CC BY 4.0)."
)


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
