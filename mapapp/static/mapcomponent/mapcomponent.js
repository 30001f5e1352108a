/* The map as a bidirectional Streamlit component (mapapp/ui/mapcomponent.py), in plain JS
   speaking Streamlit's component protocol (postMessage; no npm build).

   The Folium page (base layers, legend; built once per base layer by the app) runs in an inner
   iframe and is never reloaded on a rerun. Each render brings data only:
     args.html, args.html_key  the Folium page; reloaded only when html_key changes
     args.layer, args.layer_key the marker data handed to mapapp.placeMarkers (map.js);
                                the marker layer is swapped only when layer_key changes
     args.view                  where the app believes the map is (never applied on a rerun:
                                only on a (re)load of the inner page)
     args.command               {seq, place, center, zoom}: a move the app means (a place chosen
                                in the page); applied once per seq
     args.ack                   the highest event seq the app has handled
   The map reports only what the user did: a marker click, the end of a pan or zoom. Every event
   has a growing seq and stays in the component's value until the app acknowledges it, so an
   event that lands during a rerun is carried by the next value: none is lost, and the app
   handles each exactly once (it skips seq <= what it handled). */
(function () {
  "use strict";
  var frame = document.getElementById("map");
  var S = {
    htmlKey: null, layerKey: null, layerData: null, height: 0,
    map: null, win: null, layer: null,
    argsView: null, lastSent: null, viewTimer: null,
    pending: [], lastSeq: 0, command: null, commandDone: Number(sessionGet("cmd") || 0)
  };

  function sessionGet(k) { try { return window.sessionStorage.getItem("mapapp-map-" + k); } catch (e) { return null; } }
  function sessionSet(k, v) { try { window.sessionStorage.setItem("mapapp-map-" + k, String(v)); } catch (e) { /* private mode */ } }

  function send(type, data) {
    var msg = {isStreamlitMessage: true, type: type};
    for (var k in data) { if (Object.prototype.hasOwnProperty.call(data, k)) { msg[k] = data[k]; } }
    window.parent.postMessage(msg, "*");
  }

  function nextSeq() {  // grows across reloads of this frame within the tab (ms clock, then +1)
    S.lastSeq = Math.max(S.lastSeq + 1, Date.now() * 1000, Number(sessionGet("seq") || 0) + 1);
    sessionSet("seq", S.lastSeq);
    return S.lastSeq;
  }

  function push(ev) {
    if (ev.type === "view") {  // only the newest view matters
      S.pending = S.pending.filter(function (e) { return e.type !== "view"; });
    }
    ev.seq = nextSeq();
    S.pending.push(ev);
    if (S.pending.length > 50) { S.pending.shift(); }
    send("streamlit:setComponentValue", {value: {events: S.pending.slice()}, dataType: "json"});
  }

  function round5(x) { return Math.round(x * 1e5) / 1e5; }
  function sameView(a, b) {
    return !!(a && b && a.center && b.center && a.zoom === b.zoom &&
      Math.abs(a.center[0] - b.center[0]) < 1e-5 && Math.abs(a.center[1] - b.center[1]) < 1e-5);
  }
  function currentView() {
    var c = S.map.getCenter().wrap();
    return {center: [round5(c.lat), round5(c.lng)], zoom: Math.round(S.map.getZoom())};
  }
  function reportView() {
    if (!S.map) { return; }
    var v = currentView();
    if (sameView(v, S.lastSent)) { return; }
    S.lastSent = v;
    push({type: "view", center: v.center, zoom: v.zoom});
  }
  function scheduleView() {  // the end of a pan or zoom, once it has settled
    clearTimeout(S.viewTimer);
    S.viewTimer = setTimeout(reportView, 350);
  }

  function eachMarker(layer, fn) {
    if (!layer) { return; }
    if (layer.options && layer.options.placeId !== undefined) { fn(layer); return; }
    if (typeof layer.getLayers === "function") {
      layer.getLayers().forEach(function (l) { eachMarker(l, fn); });
    }
  }

  function drawLayer() {
    if (!S.map || S.layerData === null) { return; }
    var W = S.win, fresh = W.L.featureGroup();
    W.mapapp.placeMarkers(fresh, JSON.parse(S.layerData));
    eachMarker(fresh, function (m) {
      m.on("click", function () { push({type: "click", place: String(m.options.placeId)}); });
    });
    fresh.addTo(S.map);
    if (S.layer) { S.map.removeLayer(S.layer); }
    S.layer = fresh;
  }

  function findMap(W) {
    if (W.mapappMap) { return W.mapappMap; }
    for (var k in W) {
      try { if (k.indexOf("map_") === 0 && W.L && W[k] instanceof W.L.Map) { return W[k]; } } catch (e) { /* skip */ }
    }
    return null;
  }

  function applyCommand() {
    var cmd = S.command;
    if (!S.map || !cmd || !(cmd.seq > S.commandDone)) { return; }
    S.commandDone = cmd.seq;
    sessionSet("cmd", cmd.seq);
    var map = S.map, target = null, group = null;
    if (cmd.place) {
      eachMarker(S.layer, function (m) { if (String(m.options.placeId) === cmd.place) { target = m; } });
    }
    var zoom = Math.max(map.getZoom(), cmd.zoom || 0);
    if (target) {
      S.layer.eachLayer(function (l) {
        if (typeof l.zoomToShowLayer === "function" && l.hasLayer(target)) { group = l; }
      });
      var opened = false;
      var open = function () {
        if (opened) { return; }
        opened = true;
        if (group) { group.zoomToShowLayer(target, function () { target.openPopup(); }); } else { target.openPopup(); }
      };
      map.once("moveend", open);
      setTimeout(open, 2000);  // already there: no move to wait for
      map.flyTo(target.getLatLng(), zoom, {duration: 0.8});
    } else if (cmd.center) {
      map.flyTo(cmd.center, zoom, {duration: 0.8});
    }
  }

  function onInnerLoad() {
    var W = frame.contentWindow, map = W ? findMap(W) : null;
    if (!map) { return; }
    S.win = W;
    S.map = map;
    W.map = map;  // what browser tests (and a curious user's console) look for
    var v = S.lastSent || S.argsView;
    if (v && v.center) { map.setView(v.center, v.zoom, {animate: false}); }
    S.layer = null;
    drawLayer();
    map.on("moveend", scheduleView);
    applyCommand();
  }
  frame.addEventListener("load", onInnerLoad);

  function onRender(args) {
    if (args.height !== S.height) {
      S.height = args.height;
      frame.style.height = args.height + "px";
      send("streamlit:setFrameHeight", {height: args.height});
    }
    S.argsView = args.view || null;
    if (!S.lastSent) { S.lastSent = S.argsView; }
    var ack = Number(args.ack || 0);
    S.pending = S.pending.filter(function (e) { return e.seq > ack; });
    S.command = args.command || null;
    if (args.html_key !== S.htmlKey) {  // first render, or another base layer: (re)load the page
      if (S.map) { S.lastSent = currentView(); }
      S.htmlKey = args.html_key;
      S.layerKey = args.layer_key;
      S.layerData = args.layer;
      S.map = null;
      frame.srcdoc = args.html;
      return;
    }
    if (args.layer_key !== S.layerKey) {
      S.layerKey = args.layer_key;
      S.layerData = args.layer;
      drawLayer();
    }
    applyCommand();
  }

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (d && d.type === "streamlit:render") { onRender(d.args || {}); }
  });
  // for tests and debugging: the events the app has not acknowledged yet
  window.mapappPending = function () { return S.pending.slice(); };
  send("streamlit:componentReady", {apiVersion: 1});
})();
