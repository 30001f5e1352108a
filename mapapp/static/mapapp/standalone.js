/* A standalone map page (mapapp/web/standalone.py): moves the summary boxes into Leaflet
   controls, then sets window.mapappReady once every place marker is on the map (clusters load
   in chunks) and the drawing has settled; PNG rendering waits for it.
   window.mapappPlaceIds() lists the place ids of the markers.

   Python passes data only: mapapp.standalonePage({expected: <number of place markers>}). */
(function () {
  "use strict";
  var mapapp = window.mapapp = window.mapapp || {};

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

  mapapp.standalonePage = function (cfg) {
    var expected = cfg.expected;
    window.mapappReady = false;
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
  };
})();
