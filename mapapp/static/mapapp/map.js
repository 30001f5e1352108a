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

  mapapp.baseLayers = function (map, cfg) {
    map.setMinZoom(2);
    map.setMaxZoom(18);  // the cluster plugin needs it whatever the base layer
    var osm = L.tileLayer(cfg.tiles.url, {maxZoom: 19, attribution: cfg.tiles.attribution, crossOrigin: true});
    // Outlines live in their own pane between the tiles (200) and the markers (400),
    // so however they are loaded they never cover a marker.
    if (!map.getPane("mapapp-outlines")) {
      map.createPane("mapapp-outlines").style.zIndex = 250;
    }
    var outlines = L.geoJSON(null, {
      pane: "mapapp-outlines",
      style: function () { return {color: "#6b7b8c", weight: 1, fillColor: "#f2efe6", fillOpacity: 1}; },
      attribution: cfg.outlines.attribution
    });
    var outlinesLoaded = false;
    function loadOutlines() {
      if (outlinesLoaded) { return; }
      outlinesLoaded = true;
      if (cfg.outlines.inline) {
        outlines.addData(cfg.outlines.inline);
      } else {
        fetch(cfg.outlines.url).then(function (r) { return r.json(); })
          .then(function (g) { outlines.addData(g); })
          .catch(function () {});
      }
    }
    outlines.on("add", function () {
      loadOutlines();
      map.getContainer().style.background = "#cfe3f1";
    });
    osm.on("add", function () { map.getContainer().style.background = ""; });
    var note = L.control({position: "bottomright"});
    note.onAdd = function () {
      var d = L.DomUtil.create("div", "mapapp-offline-note");
      d.textContent = cfg.offlineNote;
      return d;
    };
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
    });
    if (cfg.title) {
      control(map, "topleft", "mapapp-title", function (d) { d.textContent = cfg.title; });
    }
    window.mapappMap = map;
    window.mapappBase = function () { return map.hasLayer(osm) ? "osm" : "offline"; };
  };

  mapapp.placeMarkers = function (layer, data) {
    var fields = data.fields, colours = data.colours, target = layer;
    if (data.rows.length > data.clusterOver && typeof L.markerClusterGroup === "function") {
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
    // label, popup, place_id and the dates were html-escaped in Python; the rest are numbers.
    function shortPopup(p) {  // written when opened: most popups never are
      return function () {
        return '<div class="mapapp-popup"><b>' + p.label + "</b><br>" + plural(p.mentions, "mention") +
          " in " + plural(p.articles, "article") + (p.first_date ? "<br>" + p.first_date +
          (p.last_date && p.last_date !== p.first_date ? " – " + p.last_date : "") : "") +
          "<br><i>Click to list its mentions in the side panel.</i></div>";
      };
    }
    var markers = [];
    for (var i = 0; i < data.rows.length; i++) {
      var p = {}, row = data.rows[i];
      for (var f = 0; f < fields.length; f++) { p[fields[f]] = row[f]; }
      var m = L.circleMarker([p.lat, p.lon], {
        radius: p.radius, color: "#222", weight: 1, opacity: 0.9,
        fillColor: colours[p.colour], fillOpacity: 0.7, mentions: p.mentions, placeId: p.place_id
      });
      // the hidden [[id]] tells the app which place a click was on (streamlit-folium returns the tooltip)
      m.bindTooltip(p.label + " · " + plural(p.mentions, "mention") +
                    '<span style="display:none">[[' + p.place_id + "]]</span>", {sticky: false});
      m.bindPopup(p.popup !== null ? p.popup : shortPopup(p), {maxWidth: 380, maxHeight: 360, autoPanPadding: [20, 20]});
      markers.push(m);
    }
    if (target === layer) {
      for (var j = 0; j < markers.length; j++) { layer.addLayer(markers[j]); }
    } else {
      target.addLayers(markers);
      layer.addLayer(target);
    }
  };
})();
