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
     args.play, args.play_key   per-marker counts per window (day, week or month) while the user
                                plays through time: the steps run here, with no round trip
     args.playable              false: no play bar (a frozen snapshot)
   The map reports only what the user did: a marker click, the end of a pan or zoom, play
   asked for (its data) or stopped, a played window chosen as the dates. Every event
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

  function hookClicks(markers) {
    markers.forEach(function (m) {
      m.on("click", function () { push({type: "click", place: String(m.options.placeId)}); });
    });
  }

  // A new layer's data: the markers of places still there are updated in place (mapapp.updateMarkers:
  // no re-clustering, an open popup stays open); a new layer is made when that cannot be done.
  function drawLayer() {
    if (!S.map || S.layerData === null) { return; }
    var t0 = performance.now(), W = S.win, data = JSON.parse(S.layerData);
    var t1 = performance.now(), added = null, how = "update";
    if (S.layer && W.mapapp.updateMarkers) { added = W.mapapp.updateMarkers(S.layer, data); }
    var t2 = performance.now();
    if (added) {
      hookClicks(added);
    } else {
      how = "new";
      var fresh = W.L.featureGroup(), all = [];
      W.mapapp.placeMarkers(fresh, data);
      t2 = performance.now();
      eachMarker(fresh, function (m) { all.push(m); });
      hookClicks(all);
      if (!P.active) { fresh.addTo(S.map); }
      if (S.layer) { S.map.removeLayer(S.layer); }
      S.layer = fresh;
    }
    S.rows = data;
    W.mapappLayerSeq = (W.mapappLayerSeq || 0) + 1;  // for benchmarks and tests: a new layer is drawn
    var t3 = performance.now();
    W.requestAnimationFrame(function () {  // where a swap's time goes (benchmarks/app_speed.py)
      W.mapappDrawStats = {how: how, at: performance.timeOrigin + t0, parseMs: t1 - t0, buildMs: t2 - t1, addMs: t3 - t2,
                           paintMs: performance.now() - t3, rows: data.rows.length, bytes: S.layerData.length};
    });
    if (P.active) { drawFrame(); }
  }

  // --- play: a window stepping through time, drawn here from per-marker counts -------------------
  var BAR = 34;  // the play bar's height above the map
  var P = {active: false, playing: false, want: null, key: null, byBin: [], bins: [], lo: 0, hi: -1, t: 0,
           layer: null, renderer: null, circles: null, circlesFor: null, count: [], shown: [],
           timer: null, unit: "month", steps: 0, totalMs: 0, maxMs: 0, firstMs: null};
  var goBtn = document.getElementById("play-go"), unitSel = document.getElementById("play-unit");
  var label = document.getElementById("play-label"), useBtn = document.getElementById("play-use");
  var stopBtn = document.getElementById("play-stop");
  var STEP_MS = 700;

  function loadPlay(d) {
    P.key = d.key;
    P.unit = d.unit;
    P.bins = d.bins;
    P.byBin = d.bins.map(function () { return []; });
    for (var i = 0; i < d.m.length; i++) { P.byBin[d.b[i]].push(d.m[i], d.c[i]); }
    var n = d.bins.length, lo = 0, hi = n - 1;
    if (d.from) { while (lo < n - 1 && d.bins[lo + 1] <= d.from) { lo++; } }
    if (d.to) { while (hi > lo && d.bins[hi] > d.to) { hi--; } }
    P.lo = lo;
    P.hi = hi;
    if (P.t < lo || P.t > hi) { P.t = lo; }
  }

  function windowLabel(t) {
    var b = P.bins[t] || "";
    return P.unit === "month" ? b.slice(0, 7) : (P.unit === "week" ? "week of " + b : b);
  }

  // One circle per marker row, made once per layer (canvas: a step repaints one bitmap); a step
  // only adds, removes and resizes circles.
  function playCircles() {
    if (P.circles && P.circlesFor === S.rows) { return P.circles; }
    var L = S.win.L, rows = S.rows.rows, f = S.rows.fields, colours = S.rows.colours || [];
    var iLat = f.indexOf("lat"), iLon = f.indexOf("lon"), iC = f.indexOf("colour");
    var iLabel = f.indexOf("label"), iPid = f.indexOf("place_id");
    if (!P.renderer) { P.renderer = L.canvas({padding: 0.5}); }
    if (P.layer) { P.layer.clearLayers(); } else { P.layer = L.layerGroup(); }
    P.circles = rows.map(function (row, i) {
      var cm = L.circleMarker([row[iLat], row[iLon]], {
        renderer: P.renderer, radius: 3, color: "#222", weight: 1, opacity: 0.9,
        fillColor: colours[row[iC]] || "#888", fillOpacity: 0.75, playPlace: row[iPid]
      });
      // the label was html-escaped in Python; the count is this window's
      cm.bindTooltip(function () { return row[iLabel] + " · " + (P.count[i] || 0); });
      cm.on("click", clickPlay);
      return cm;
    });
    P.circlesFor = S.rows;
    P.count = [];
    P.shown = [];
    return P.circles;
  }

  function drawFrame() {
    if (!S.map || !S.rows || !P.active) { return; }
    var t0 = performance.now(), rows = S.rows.rows, f = S.rows.fields;
    var iR = f.indexOf("radius"), iN = f.indexOf("mentions");
    var circles = playCircles(), layer = P.layer;
    if (!S.map.hasLayer(layer)) { layer.addTo(S.map); }
    var list = P.byBin[P.t] || [], total = 0, count = [], shown = [];
    for (var k = 0; k < list.length; k += 2) {
      var i = list[k], c = list[k + 1], row = rows[i];
      if (!row) { continue; }
      total += c;
      count[i] = c;
      shown.push(i);
      var r = Math.max(3, (row[iR] || 6) * Math.sqrt(c / Math.max(1, row[iN] || 1)));
      if (circles[i].getRadius() !== r) { circles[i].setRadius(r); }
      if (!P.count[i]) { layer.addLayer(circles[i]); }
    }
    for (var j = 0; j < P.shown.length; j++) {
      if (!count[P.shown[j]]) { layer.removeLayer(circles[P.shown[j]]); }
    }
    P.count = count;
    P.shown = shown;
    label.textContent = windowLabel(P.t) + " · " + total + (total === 1 ? " mention" : " mentions") +
      " (" + (P.t - P.lo + 1) + " of " + (P.hi - P.lo + 1) + ")";
    var ms = performance.now() - t0, W = S.win, t = P.t;
    var first = P.firstMs === null;
    W.requestAnimationFrame(function () {  // after Leaflet's canvas redraw (requested earlier)
      var painted = performance.now() - t0;
      if (first) {  // the first window also makes the circles: timed apart from the steps
        P.firstMs = painted;
      } else {
        P.steps++;
        P.totalMs += painted;
        P.maxMs = Math.max(P.maxMs, painted);
      }
      W.mapappPlayStats = {windows: P.steps + 1, steps: P.steps, meanMs: P.steps ? P.totalMs / P.steps : 0,
                           maxMs: P.maxMs, firstMs: P.firstMs, scriptMs: ms, t: t, shown: shown.length};
    });
  }
  function clickPlay(e) { push({type: "click", place: String(e.target.options.playPlace)}); }

  function tick() {
    if (P.t >= P.hi) { pause(); return; }
    P.t++;
    drawFrame();
  }
  function play() {
    P.playing = true;
    goBtn.innerHTML = "&#10074;&#10074; Pause";
    clearInterval(P.timer);
    P.timer = setInterval(tick, STEP_MS);
  }
  function pause() {
    P.playing = false;
    clearInterval(P.timer);
    goBtn.innerHTML = "&#9654; Play";
  }
  function enter() {  // the data is here: hide the markers, show the first window
    P.active = true;
    P.steps = 0;
    P.totalMs = 0;
    P.maxMs = 0;
    P.firstMs = null;
    P.want = null;
    if (S.layer && S.map) { S.map.removeLayer(S.layer); }
    useBtn.hidden = false;
    stopBtn.hidden = false;
    if (P.t >= P.hi) { P.t = P.lo; }
    drawFrame();
    play();
  }
  function leave(tell) {
    pause();
    P.active = false;
    P.want = null;
    if (P.layer && S.map) { S.map.removeLayer(P.layer); P.layer.clearLayers(); }
    P.count = [];
    P.shown = [];
    if (S.layer && S.map) { S.layer.addTo(S.map); }
    useBtn.hidden = true;
    stopBtn.hidden = true;
    label.textContent = "";
    if (tell) { push({type: "play", unit: null}); }
  }
  goBtn.addEventListener("click", function () {
    if (P.active) { if (P.playing) { pause(); } else { if (P.t >= P.hi) { P.t = P.lo - 1; } play(); } return; }
    var unit = unitSel.value;
    if (P.key && P.unit === unit) { enter(); return; }
    P.want = unit;
    label.textContent = "Counting the mentions per " + unit + "…";
    push({type: "play", unit: unit});
  });
  unitSel.addEventListener("change", function () {
    if (!P.active) { return; }
    leave(false);
    P.want = unitSel.value;
    label.textContent = "Counting the mentions per " + unitSel.value + "…";
    push({type: "play", unit: unitSel.value});
  });
  stopBtn.addEventListener("click", function () { leave(true); });
  useBtn.addEventListener("click", function () {
    var start = P.bins[P.t], unit = P.unit;
    leave(false);
    push({type: "window", start: start, unit: unit});
  });
  window.mapappPlay = function (unit) { unitSel.value = unit || "month"; goBtn.click(); };  // tests
  window.mapappPlayStep = function () { if (P.active) { pause(); tick(); } };  // tests, benchmarks

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
    var bar = args.playable === false ? 0 : BAR;
    document.getElementById("play").hidden = !bar;
    if (args.height !== S.height || bar !== S.bar) {
      S.height = args.height;
      S.bar = bar;
      frame.style.height = args.height + "px";
      send("streamlit:setFrameHeight", {height: args.height + bar});
    }
    if (args.play && args.play.key !== P.key) {
      loadPlay(args.play);
      if (P.active) { drawFrame(); }
    }
    if (args.play && P.want === args.play.unit) { enter(); }
    if (!args.play && P.active && P.want === null) { leave(false); }  // the app stopped it
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
