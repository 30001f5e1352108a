/* mapapp's map behaviour: base layers, legend, title and the place markers.

   Python passes data only (mapapp/web/mapview.py and markers.py render one call each):
     mapapp.baseLayers(map, config)   tiles, offline outlines, layer control, legend, attribution
     mapapp.placeMarkers(layer, data) one circle per place from {fields, rows, colours, clusterOver}
   Marker labels, popups and the legend arrive as HTML that Python escaped; every other string
   is set as text. Served by the app (static serving), inlined in standalone pages. */
(function () {
  "use strict";
  var mapapp = window.mapapp = window.mapapp || {};
  // one formatter for every number: toLocaleString() builds one per call (~50 us each)
  var fmt = new Intl.NumberFormat("en-US");

  function plural(n, w) { return fmt.format(n) + " " + w + (n === 1 ? "" : "s"); }

  function control(map, position, className, fill) {
    var c = L.control({position: position});
    c.onAdd = function () {
      var d = L.DomUtil.create("div", className);
      fill(d);
      return d;
    };
    c.addTo(map);
    return c;
  }

  function pane(map, name, zIndex, parent) {
    var p = map.getPane(name);
    if (!p) {
      p = map.createPane(name, parent);
      p.style.zIndex = zIndex;
    }
    return p;
  }

  // Labels of the offline map: [name, lat, lon, rank] rows, most important first (rank 0 country
  // names, 1 capitals, 2-5 cities by population). Each redraw places, in that order, those whose
  // rank suits the zoom and whose box does not touch one already placed: labels never pile up.
  var LABEL_MIN_ZOOM = [2, 3, 4, 5, 6, 7];
  var LABEL_MAX = 250;
  function labelLayer(map, rows) {
    var box = pane(map, "mapapp-labels", 350);
    box.style.pointerEvents = "none";
    var on = false, widths = [], measure = document.createElement("canvas").getContext("2d");
    function textWidth(i) {  // measured once per label, in the font map.css gives its rank
      if (widths[i] === undefined) {
        var rank = rows[i][3], t = rank === 0 ? rows[i][0].toUpperCase() : rows[i][0];
        measure.font = (rank === 1 ? "bold " : "") + (rank >= 4 ? "10px" : "11px") + " sans-serif";
        widths[i] = measure.measureText(t).width + (rank === 0 ? t.length * 0.9 : 0);  // letter-spacing
      }
      return widths[i];
    }
    function draw() {
      box.textContent = "";
      if (!on) { return; }
      var z = map.getZoom(), b = map.getBounds().pad(0.05), placed = [], frag = document.createDocumentFragment();
      for (var i = 0; i < rows.length && placed.length < LABEL_MAX; i++) {
        var r = rows[i], rank = r[3];
        if (z < LABEL_MIN_ZOOM[rank] || (rank === 0 && z > 7)) { continue; }
        var ll = L.latLng(r[1], r[2]);
        if (!b.contains(ll)) { continue; }
        var p = map.latLngToLayerPoint(ll);
        var w = textWidth(i) + 6;  // the box map.css draws (a city's name sits above its dot)
        var x0 = p.x - w / 2, x1 = p.x + w / 2;
        var y0 = rank === 0 ? p.y - 8 : p.y - 18, y1 = rank === 0 ? p.y + 8 : p.y + 4;
        var hit = false;
        for (var j = 0; j < placed.length && !hit; j++) {
          var q = placed[j];
          hit = x0 < q[2] && q[0] < x1 && y0 < q[3] && q[1] < y1;
        }
        if (hit) { continue; }
        placed.push([x0, y0, x1, y1]);
        var d = L.DomUtil.create("div", "mapapp-label mapapp-label-r" + rank);
        d.textContent = r[0];  // names are data: set as text
        d.style.left = p.x + "px";
        d.style.top = p.y + "px";
        frag.appendChild(d);
      }
      box.appendChild(frag);
    }
    map.on("zoomstart", function () { box.style.display = "none"; });
    map.on("zoomend", function () { box.style.display = ""; });
    map.on("moveend viewreset", draw);
    return {
      show: function (v) { on = v; draw(); },
      count: function () { return box.childNodes.length; }
    };
  }

  // The offline map (static/basemap/basemap.json): countries (land, coasts, borders), lakes,
  // rivers and first-level boundaries drawn by Leaflet in a pane between the tiles (200) and the
  // markers (400), and its labels above them (350), so it never covers a marker.
  function offlineMap(map, cfg) {
    pane(map, "mapapp-outlines", 250);
    var group = L.layerGroup([], {attribution: cfg.attribution});
    var labels = null, admin1 = null, loaded = false;
    function build(g) {
      // countries are interactive (one path each) but do nothing: the map's own cursor stays
      group.addLayer(L.geoJSON(g.countries, {
        pane: "mapapp-outlines", className: "mapapp-land",
        style: function () { return {color: "#8d8496", weight: 0.8, fillColor: "#f4f1e8", fillOpacity: 1}; }
      }));
      group.addLayer(L.geoJSON(g.lakes, {pane: "mapapp-outlines", interactive: false,
        style: function () { return {color: "#8fb3cf", weight: 0.6, fillColor: "#cfe3f1", fillOpacity: 1}; }}));
      group.addLayer(L.geoJSON(g.rivers, {pane: "mapapp-outlines", interactive: false,
        style: function () { return {color: "#8fb3cf", weight: 1}; }}));
      admin1 = L.geoJSON(g.admin1, {pane: "mapapp-outlines", interactive: false,
        style: function () { return {color: "#a99fb0", weight: 0.7, dashArray: "3 3"}; }});
      labels = labelLayer(map, g.labels || []);
      sync();
    }
    function sync() {  // first-level boundaries from zoom 4; labels while the layer is shown
      var shown = map.hasLayer(group);
      if (admin1) {
        var want = shown && map.getZoom() >= 4;
        if (want && !group.hasLayer(admin1)) { group.addLayer(admin1); }
        if (!want && group.hasLayer(admin1)) { group.removeLayer(admin1); }
      }
      if (labels) { labels.show(shown); }
    }
    function load() {
      if (loaded) { return; }
      loaded = true;
      if (cfg.inline) {
        build(cfg.inline);
      } else {
        fetch(cfg.url).then(function (r) { return r.json(); }).then(build).catch(function () {});
      }
    }
    group.on("add", function () {
      load();
      sync();
      map.getContainer().style.background = "#cfe3f1";
    });
    group.on("remove", sync);
    map.on("zoomend", sync);
    group.mapappLabels = function () { return labels ? labels.count() : 0; };
    return group;
  }

  mapapp.baseLayers = function (map, cfg) {
    map.setMinZoom(2);
    map.setMaxZoom(18);  // the cluster plugin needs it whatever the base layer
    var osm = L.tileLayer(cfg.tiles.url, {maxZoom: 19, attribution: cfg.tiles.attribution, crossOrigin: true});
    var outlines = offlineMap(map, cfg.outlines);
    osm.on("add", function () { map.getContainer().style.background = ""; });
    // the notice sits at the top, under the zoom buttons: the scale and the legend keep the bottom
    var note = L.control({position: "topleft"});
    note.onAdd = function () {
      var d = L.DomUtil.create("div", "mapapp-offline-note");
      d.textContent = cfg.offlineNote;
      d.title = "Click to hide";
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.on(d, "click", function () { map.removeControl(note); });
      return d;
    };
    // an open popup is what the user is reading: the notice (over the panes) steps aside meanwhile
    map.on("popupopen", function () { var c = note.getContainer(); if (c) { c.style.display = "none"; } });
    map.on("popupclose", function () { var c = note.getContainer(); if (c) { c.style.display = ""; } });
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
    if (cfg.base === "offline") { outlines.addTo(map); } else { osm.addTo(map); }
    var bases = {};
    bases[cfg.tiles.name] = osm;
    bases[cfg.outlines.name] = outlines;
    L.control.layers(bases, {}, {position: "topright", collapsed: true}).addTo(map);
    map.attributionControl.addAttribution(cfg.dataAttribution);
    control(map, "bottomleft", "mapapp-legend", function (d) {
      d.innerHTML = cfg.legend;  // a <details>: it folds away, and starts folded on a narrow map
      var box = d.querySelector("details");
      if (box && map.getSize().x < 640) { box.open = false; }
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.disableScrollPropagation(d);
      if (mapapp._legend) { setLegend(mapapp._legend); }
    });
    if (cfg.title) {
      control(map, "topleft", "mapapp-title", function (d) { d.textContent = cfg.title; });
    }
    window.mapappMap = map;
    window.mapappBase = function () { return map.hasLayer(osm) ? "osm" : "offline"; };
    window.mapappLabels = outlines.mapappLabels;
    // The map component (mapcomponent.js) draws its markers as soon as the page's scripts have run:
    // the frame's load event waits for the first tiles (or their failure), hundreds of ms online.
    function tellComponent() {
      try {
        if (window.parent !== window && typeof window.parent.mapappMapReady === "function") {
          window.parent.mapappMapReady(window);
        }
      } catch (e) { /* a parent of another origin (an export in someone's page) */ }
    }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", tellComponent); } else { tellComponent(); }
  };

  // The legend's colours follow the marker layer (colour by kind or by recency): its labels are
  // our own words, set as text anyway.
  function setLegend(lg) {
    mapapp._legend = lg;
    var box = document.querySelector(".mapapp-legend .mapapp-colours");
    var title = document.querySelector(".mapapp-legend .mapapp-colour-title");
    if (!box) { return; }
    box.textContent = "";
    for (var i = 0; i < lg.items.length; i++) {
      var row = L.DomUtil.create("div", "", box), chip = L.DomUtil.create("i", "", row);
      chip.style.background = lg.items[i][0];
      row.appendChild(document.createTextNode(lg.items[i][1]));
    }
    if (title) { title.textContent = lg.title; }
  }

  // Markers. Points (towns and other places) are clustered whenever one would cover another's
  // centre (the cluster radius is the largest marker's radius and a margin: markers left apart
  // never hide each other's middle), and places at one spot spread out at the highest zoom, so
  // each can be clicked at any zoom.
  // Areas (countries, provinces, districts, regions) are small rings of one size in their own
  // pane under the points: they mark the area without burying the towns inside it.
  var CLUSTER_MARGIN = 4;
  // label, popup, place_id and the dates were html-escaped in Python; the rest are numbers.
  function shortPopup(p) {  // written when opened: most popups never are
    return function () {
      return '<div class="mapapp-popup"><b>' + p.label + "</b><br>" + plural(p.mentions, "mention") +
        " in " + plural(p.articles, "article") + (p.first_date ? "<br>" + p.first_date +
        (p.last_date && p.last_date !== p.first_date ? " – " + p.last_date : "") : "<br>date unknown") +
        (p.uncertain ? "<br>uncertain: the resolver's confidence is low" : "") +
        "<br><i>Click to list its mentions in the side panel.</i></div>";
    };
  }
  function markerStyle(p, colours) {
    var c = colours[p.colour] || "#555555";
    var o = {color: "#222", weight: 1, opacity: 0.9, fillColor: c, fillOpacity: 0.75, radius: p.radius, dashArray: null};
    if (p.area) {  // a ring in the kind's colour, one small size: the area, not a point
      o.color = c; o.weight = 3; o.fillOpacity = 0.2;
    }
    if (p.undated) {  // hollow: a white middle in a ring of its colour
      o.color = c; o.weight = 3; o.fillColor = "#ffffff"; o.fillOpacity = 0.9;
    }
    if (p.uncertain) {  // dashed outline
      o.dashArray = "3 2"; o.weight = Math.max(o.weight, 2); o.fillOpacity = Math.min(o.fillOpacity, 0.45);
      if (!p.area && !p.undated) { o.color = "#222"; }
    }
    return o;
  }
  function tooltipHtml(p) {  // the map component reports a click by the marker's placeId option
    return p.label + " · " + plural(p.mentions, "mention") +
      (p.undated ? " · date unknown" : "") + (p.uncertain ? " · uncertain" : "");
  }
  function markerPopup(m) { return shortPopup(m.mapappPlace)(); }
  function rowsOf(data) {  // each row as an object keyed by the field names
    var fields = data.fields, out = new Array(data.rows.length);
    for (var i = 0; i < data.rows.length; i++) {
      var p = {}, row = data.rows[i];
      for (var f = 0; f < fields.length; f++) { p[fields[f]] = row[f]; }
      out[i] = p;
    }
    return out;
  }
  function pointRadius(ps) {  // the largest point's radius: the clusters' radius follows it
    var rmax = 6;
    for (var k = 0; k < ps.length; k++) { if (!ps[k].area) { rmax = Math.max(rmax, ps[k].radius); } }
    return rmax;
  }
  function newMarker(p, colours, map) {
    var o = markerStyle(p, colours);
    o.mentions = p.mentions;
    o.placeId = p.place_id;
    o.mapappArea = !!p.area;
    if (p.area && map) { o.pane = "mapapp-areas"; }
    var m = L.circleMarker([p.lat, p.lon], o);
    m.mapappPlace = p;  // what the short popup says, written when opened
    m.bindTooltip(tooltipHtml(p), {sticky: false});
    m.bindPopup(p.popup !== null ? p.popup : markerPopup, {maxWidth: 380, maxHeight: 360, autoPanPadding: [20, 20]});
    return m;
  }

  mapapp.placeMarkers = function (layer, data) {
    var colours = data.colours, target = layer;
    if (data.legend) { setLegend(data.legend); }
    var ps = rowsOf(data), rmax = pointRadius(ps);
    var clustered = ps.length > data.clusterOver && typeof L.markerClusterGroup === "function";
    if (clustered) {
      target = L.markerClusterGroup({
        maxClusterRadius: Math.ceil(rmax) + CLUSTER_MARGIN, spiderfyOnMaxZoom: true,
        showCoverageOnHover: false, chunkedLoading: true,
        iconCreateFunction: function (cluster) {
          var n = 0, ms = cluster.getAllChildMarkers();
          for (var i = 0; i < ms.length; i++) { n += ms[i].options.mentions || 0; }
          var size = n < 100 ? 26 : (n < 10000 ? 30 : 36);
          var cls = n < 100 ? "small" : (n < 10000 ? "medium" : "large");
          return L.divIcon({
            html: "<div><span>" + fmt.format(n) + "</span></div>",
            className: "marker-cluster marker-cluster-" + cls,
            iconSize: L.point(size, size)
          });
        }
      });
    }
    // the areas' pane lies inside the overlay pane, under the points' drawing (baseLayers ran first)
    var map = layer._map || window.mapappMap;
    if (map) { pane(map, "mapapp-areas", "-1", map.getPane("overlayPane")); }
    var points = [], areas = [], byId = {};
    for (var i = 0; i < ps.length; i++) {
      var m = newMarker(ps[i], colours, map);
      byId[ps[i].place_id] = m;
      (ps[i].area ? areas : points).push(m);
    }
    // the smaller on top: added last
    points.sort(function (a, b) { return b.options.radius - a.options.radius; });
    for (var a = 0; a < areas.length; a++) { layer.addLayer(areas[a]); }
    if (target === layer) {
      for (var j = 0; j < points.length; j++) { layer.addLayer(points[j]); }
    } else {
      target.addLayers(points);
      layer.addLayer(target);
    }
    layer.mapappState = {byId: byId, target: target, clustered: clustered, rmax: rmax, map: map};
  };

  // Another marker layer's data into a layer placeMarkers made, in place: a place still there keeps
  // its marker (restyled, resized, its tooltip and popup rewritten; an open popup stays open), the
  // others come and go, so the clusters are not all made again (they depend on the points' places
  // only). Returns the new markers (the caller hooks its events to them), or null when the layer
  // must be made again instead (clustering switched, or the clusters' radius changed).
  mapapp.updateMarkers = function (layer, data) {
    var st = layer.mapappState;
    if (!st) { return null; }
    var ps = rowsOf(data), rmax = pointRadius(ps);
    var clustered = ps.length > data.clusterOver && typeof L.markerClusterGroup === "function";
    if (clustered !== st.clustered || rmax !== st.rmax) { return null; }
    if (data.legend) { setLegend(data.legend); }
    var colours = data.colours, byId = {}, added = [], addPoints = [], gone = [], recount = [];
    for (var i = 0; i < ps.length; i++) {
      var p = ps[i], m = st.byId[p.place_id];
      if (m && m.options.mapappArea === !!p.area) {
        var ll = m.getLatLng();
        if (ll.lat !== p.lat || ll.lng !== p.lon) { m = null; }
      } else {
        m = null;
      }
      if (m) {
        var o = markerStyle(p, colours), old = m.options;
        if (old.radius !== o.radius || old.fillColor !== o.fillColor || old.color !== o.color ||
            old.weight !== o.weight || old.fillOpacity !== o.fillOpacity || (old.dashArray || null) !== o.dashArray) {
          m.setStyle(o);
        }
        if (old.mentions !== p.mentions) { recount.push(m); }
        old.mentions = p.mentions;
        var was = m.mapappPlace;
        m.mapappPlace = p;
        if (p.popup !== null || was.popup !== null) { m.setPopupContent(p.popup !== null ? p.popup : markerPopup); }
        if (was.mentions !== p.mentions || was.undated !== p.undated || was.uncertain !== p.uncertain ||
            was.label !== p.label) { m.setTooltipContent(tooltipHtml(p)); }
        if (m.isPopupOpen() && p.popup === null) { m.getPopup().update(); }
      } else {
        m = newMarker(p, colours, st.map);
        added.push(m);
        if (p.area) { layer.addLayer(m); } else { addPoints.push(m); }
      }
      byId[p.place_id] = m;
    }
    for (var id in st.byId) {
      if (Object.prototype.hasOwnProperty.call(st.byId, id) && byId[id] !== st.byId[id]) { gone.push(st.byId[id]); }
    }
    var goneAreas = [], gonePoints = [];
    for (var g = 0; g < gone.length; g++) { (gone[g].options.mapappArea ? goneAreas : gonePoints).push(gone[g]); }
    for (var a = 0; a < goneAreas.length; a++) { layer.removeLayer(goneAreas[a]); }
    addPoints.sort(function (x, y) { return y.options.radius - x.options.radius; });
    if (st.target === layer) {
      for (var b = 0; b < gonePoints.length; b++) { layer.removeLayer(gonePoints[b]); }
      for (var c = 0; c < addPoints.length; c++) { layer.addLayer(addPoints[c]); }
    } else {
      if (gonePoints.length) { st.target.removeLayers(gonePoints); }
      if (addPoints.length) { st.target.addLayers(addPoints); }
      if (recount.length) { st.target.refreshClusters(recount); }  // the counts of their clusters' icons
    }
    st.byId = byId;
    return added;
  };
})();
