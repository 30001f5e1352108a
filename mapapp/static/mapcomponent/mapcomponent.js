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
     args.strip                 the date strip under the map (mapcomponent.range_data): its bins
                                and bars over the slider's track, the range the app shows
                                (from, to), and once asked for (a "counts" event) the per-marker
                                counts per bin with their base layer: a range dragged on the strip
                                is drawn here from them, and only the settled range is reported
     args.report_drawn          true: say once, in the value ({drawn: true}), that the first
                                markers are painted (or DRAWN_FALLBACK_MS after the first render
                                if they never are): the page then draws what waits for the map
   The map reports only what the user did: a marker click, the end of a pan or zoom, play
   asked for (its data) or stopped, a played window chosen as the dates, the strip's counts
   asked for, the strip's settled range. Every event
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
    pending: [], lastSeq: 0, command: null, commandDone: Number(sessionGet("cmd") || 0),
    wantDrawn: false, drawnSent: false, drawnTimer: null
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
    sendValue();
    return ev.seq;
  }

  // The component's value, sent whole each time: the events not acknowledged yet, the strip's
  // counts held here ("have": the app stops sending them) and whether the first markers were
  // painted (args.report_drawn)
  function sendValue() {
    R.told = R.dataKey;
    send("streamlit:setComponentValue",
         {value: {events: S.pending.slice(), have: R.dataKey, drawn: S.drawnSent}, dataType: "json"});
  }
  var DRAWN_FALLBACK_MS = 8000;
  function reportDrawn() {
    if (S.drawnSent || !S.wantDrawn) { return; }
    S.drawnSent = true;
    clearTimeout(S.drawnTimer);
    sendValue();
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
    var t0 = performance.now(), data = JSON.parse(S.layerData);
    R.drawnOwn = false;
    var how = applyData(data, performance.now());
    S.win.mapappLayerSeq = (S.win.mapappLayerSeq || 0) + 1;  // for benchmarks and tests: a new layer is drawn
    var t1 = S.drawT1, t2 = S.drawT2, t3 = performance.now(), W = S.win;
    W.requestAnimationFrame(function () {  // where a swap's time goes (benchmarks/app_speed.py)
      W.mapappDrawStats = {how: how, at: performance.timeOrigin + t0, parseMs: t1 - t0, buildMs: t2 - t1, addMs: t3 - t2,
                           paintMs: performance.now() - t3, rows: data.rows.length, bytes: S.layerData.length};
      reportDrawn();  // the first markers are painted: the page may draw what waited for them
      prefetchCounts();  // the strip's counts may come once the page is idle
    });
  }

  // Marker data into the map: in place when it can be (mapapp.updateMarkers), else a new layer.
  function applyData(data, t1) {
    var W = S.win, added = null, how = "update";
    S.drawT1 = t1;
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
    S.drawT2 = t2;
    S.rows = data;
    if (P.active) { drawFrame(); }
    return how;
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

  // --- the date strip under the map: a range drawn here, only its settled value reported ---------
  // Bars: mentions per bin over the slider's track (args.strip.totals). Dragging across them
  // chooses a range (its edges and its middle can be dragged too; arrow keys move its end, with
  // Shift its start; a double-click takes every date). With the per-marker counts (asked for
  // once, when the pointer or the focus first comes to the strip) each change is drawn at once
  // into the same markers (mapapp.updateMarkers); SETTLE_MS after the user lets go the range is
  // reported (a numbered "range" event). Until the app has handled that event its reruns do not
  // touch the markers (they would show an older range); its answer is then drawn in place, which
  // changes only what the counts could not say (article counts, exact first and last dates).
  var STRIP = 74, TICKS = 12, PAD = 2, SETTLE_MS = 350, DAY_MS = 864e5;
  var stripBox = document.getElementById("strip"), canvas = document.getElementById("strip-bars");
  var stripLabel = document.getElementById("strip-label"), ctx = canvas.getContext("2d");
  var R = {args: null, nb: 0, a: 0, z: -1, data: null, dataKey: null, base: null, F: null, asked: null,
           owned: false, drawnOwn: false, dragging: false, mode: null, anchor: 0, grab: 0, timer: null,
           sentSeq: 0, waiting: false, interested: false, retry: null, retryMs: 0, prefetch: false, told: null, raf: 0, inputAt: 0, draws: 0, shownA: -1, shownZ: -1};
  var numFmt = new Intl.NumberFormat("en-US");

  function binOf(iso, dflt) {  // the bin holding the day iso (the last whose first day is not after it)
    if (!iso) { return dflt; }
    var st = R.args.starts, lo = 0, hi = st.length - 1;
    if (iso < st[0]) { return 0; }
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (st[mid] <= iso) { lo = mid; } else { hi = mid - 1; } }
    return lo;
  }
  function showDates(from, to) {  // the strip's range: the bins holding from..to (null: no bound)
    R.a = binOf(from, 0);
    R.z = Math.max(R.a, binOf(to, R.nb - 1));
  }
  function rangeFrom() { return R.a > 0 ? R.args.starts[R.a] : null; }
  function rangeTo() { return R.z < R.nb - 1 ? R.args.ends[R.z] : null; }
  function binLabel(iso) { return R.args.unit === "month" ? iso.slice(0, 7) : iso; }

  function drawStrip() {
    var s = R.args;
    if (!s || stripBox.hidden) { return; }
    var w = canvas.clientWidth, h = canvas.clientHeight, dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    drawTicks(s.starts, w, h);
    h -= TICKS;  // the bars sit above the dates
    var nb = R.nb, bw = (w - 2 * PAD) / nb, tot = s.totals, max = 1, inRange = 0;
    if (tot) { for (var i = 0; i < nb; i++) { if (tot[i] > max) { max = tot[i]; } } }
    var xa = PAD + R.a * bw, xz = PAD + (R.z + 1) * bw;
    ctx.fillStyle = "rgba(215, 48, 31, 0.08)";
    ctx.fillRect(xa, 0, xz - xa, h);
    for (var j = 0; j < nb; j++) {
      var inside = j >= R.a && j <= R.z;
      if (tot && inside) { inRange += tot[j]; }
      var bh = tot ? Math.max(tot[j] ? 1 : 0, (h - 4) * tot[j] / max) : 0;
      ctx.fillStyle = inside ? "#d7301f" : "#cccccc";
      ctx.fillRect(PAD + j * bw, h - bh, Math.max(bw - (bw > 3 ? 1 : 0), 0.5), bh);
    }
    ctx.fillStyle = "#999999";
    ctx.fillRect(PAD, h - 1, w - 2 * PAD, 1);
    ctx.fillStyle = "#31333f";
    ctx.fillRect(xa - 1, 0, 2, h);
    ctx.fillRect(xz - 1, 0, 2, h);
    var a = rangeFrom(), z = rangeTo(), what;
    if (!a && !z) { what = "All dates"; } else {
      what = (a ? binLabel(a) : "…") + " – " + (z ? binLabel(R.args.starts[R.z]) : "…");
      if (R.args.unit !== "month" && z) { what = (a ? a : "…") + " – " + z; }
    }
    canvas.setAttribute("aria-valuetext", what);
    stripLabel.textContent = what + (tot ? " · " + numFmt.format(inRange) + " dated mentions" : "") +
      (s.note ? " · " + s.note : " · drag across the bars to choose the dates, double-click for all");
  }

  // The dates under the bars: each year's first bin (each month's when the track spans less than
  // two years), thinned so that labels never overlap.
  function drawTicks(starts, w, h) {
    var nb = starts.length, bw = (w - 2 * PAD) / nb, last = -1e9;
    if (!nb) { return; }
    var byYear = Number(starts[nb - 1].slice(0, 4)) - Number(starts[0].slice(0, 4)) >= 2;
    var cut = byYear ? 4 : 7;
    ctx.font = "10px 'Source Sans Pro', sans-serif";
    ctx.textBaseline = "bottom";
    for (var i = 0; i < nb; i++) {
      var k = starts[i].slice(0, cut);
      if (i > 0 && k === starts[i - 1].slice(0, cut)) { continue; }
      var x = PAD + i * bw, text = k.replace(/^0+(?=\d)/, ""), tw = ctx.measureText(text).width;
      if (x - last < tw + 10 || x + tw > w) { continue; }
      ctx.fillStyle = "#999999";
      ctx.fillRect(x, h - TICKS, 1, 3);
      ctx.fillStyle = "#6b6d76";
      ctx.fillText(text, x + 2, h);
      last = x + tw;
    }
  }

  // Asked for once the map is drawn and the page idle (prefetchCounts) or the user comes to the
  // strip, and again for the counts of other filters;
  // while the app's counts are still loading, asked again after 2, 4, 8 and then every 15 s: each
  // ask is a rerun of the page, which must not keep interrupting a user busy with it (a big store's
  // first count can take a minute).
  function askCounts() {
    R.interested = true;
    var s = R.args, c = s && s.counts;
    if (c) {
      if (R.dataKey !== c.key && R.asked !== c.key) { R.asked = c.key; push({type: "counts"}); }
    } else if (s && s.loading && !R.retry) {
      var wait = R.asked === "loading" ? (R.retryMs = Math.min(15000, (R.retryMs || 1000) * 2)) : 0;
      R.retry = setTimeout(function () { R.retry = null; push({type: "counts"}); }, wait);
      R.asked = "loading";
    }
  }
  // The counts without waiting for the pointer, so that the first drag is already drawn here: once
  // the first map is painted, PREFETCH_MS have passed, the app's run is over (Streamlit's "running"
  // icon is gone; at most PREFETCH_WAIT_MS) and the browser is idle. An event during the run
  // would cut it short and start it again; one after it costs a rerun whose answer (the counts)
  // arrives while the user is still looking at the map.
  var PREFETCH_MS = 600, PREFETCH_WAIT_MS = 6000;
  function appRunning() {
    try {
      return !!window.parent.document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
    } catch (e) { return false; }  // another origin: cannot tell
  }
  function prefetchCounts() {
    if (R.prefetch || !R.args) { return; }
    R.prefetch = true;
    var since = Date.now();
    function idle(fn) {
      if (window.requestIdleCallback) { window.requestIdleCallback(fn, {timeout: 2000}); } else { setTimeout(fn, 0); }
    }
    function go() {
      if (R.interested) { return; }  // the pointer came first
      if (appRunning() && Date.now() - since < PREFETCH_WAIT_MS) { setTimeout(go, 150); return; }
      idle(function () { if (!R.interested && R.args) { askCounts(); } });
    }
    setTimeout(go, PREFETCH_MS);
  }
  // Counts just arrived: say so in the value at once (one cheap rerun), so that the app stops
  // sending them before the user's next change (a slider move would carry them again).
  function tellHave() {
    if (R.told !== R.dataKey) { sendValue(); }
  }
  function countsReady() {
    var c = R.args && R.args.counts;
    return !!(c && R.data && R.dataKey === c.key && R.base);
  }

  // The markers of the range [a, z] (bins) from the counts: the layer's own JSON shape, so
  // mapapp.updateMarkers draws it as it draws the app's (sizes, colours, hollow when undated).
  function rangeLayer(a, z) {
    var s = R.args, d = R.data, base = R.base, F = R.F, rows = base.rows;
    var RAD = s.scale.radius, RECENCY = s.scale.recency;  // markers.BROWSER_SCALES
    var off = d.off, b = d.b, c = d.c, u = d.u, und = !!s.undated, cand = [];
    for (var i = 0; i < rows.length; i++) {
      var n = 0, fb = -1, lb = -1;
      for (var k = off[i], e = off[i + 1]; k < e; k++) {
        var bb = b[k];
        if (bb < a) { continue; }
        if (bb > z) { break; }
        n += c[k];
        if (fb < 0) { fb = bb; }
        lb = bb;
      }
      var all = n + (und ? u[i] : 0);
      if (all > 0) { cand.push([i, all, n, fb, lb]); }
    }
    cand.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
    if (cand.length > s.max) { cand.length = s.max; }
    var nmax = 0, nall = 0, newest = null, out = new Array(cand.length);
    for (var q = 0; q < cand.length; q++) {
      nall = Math.max(nall, cand[q][1]);
      if (!rows[cand[q][0]][F.area]) { nmax = Math.max(nmax, cand[q][1]); }
    }
    if (nmax === 0) { nmax = nall; }
    for (var p = 0; p < cand.length; p++) {
      var cd = cand[p], r = rows[cd[0]].slice();
      r[F.mentions] = cd[1];
      r[F.articles] = Math.min(r[F.articles], cd[1]);  // at most; the app's answer says exactly
      r[F.first_date] = cd[3] >= 0 ? s.starts[cd[3]] : null;
      r[F.last_date] = cd[4] >= 0 ? s.ends[cd[4]] : null;
      r[F.undated] = cd[2] === 0;
      r[F.popup] = null;
      if (!r[F.area]) { r[F.radius] = nmax > 0 ? Math.round((RAD[0] + RAD[1] * Math.sqrt(cd[1] / nmax)) * 10) / 10 : RAD[2]; }
      if (r[F.last_date] && (newest === null || r[F.last_date] > newest)) { newest = r[F.last_date]; }
      out[p] = r;
    }
    if (s.colour === "recency") {  // markers.recency_index
      var top = newest ? Date.parse(newest) : 0;
      for (var t = 0; t < out.length; t++) {
        var last = out[t][F.last_date], ci = RECENCY.length + 1;
        if (last && newest) {
          var age = (top - Date.parse(last)) / DAY_MS;
          ci = RECENCY.length;
          for (var g = 0; g < RECENCY.length; g++) { if (age < RECENCY[g]) { ci = g; break; } }
        }
        out[t][F.colour] = ci;
      }
    }
    return {fields: base.fields, rows: out, clusterOver: base.clusterOver, colours: base.colours};
  }

  function redrawMarkers() {
    R.raf = 0;
    if (!S.map || !S.layer || !R.owned || !countsReady() || P.active) { return; }
    if (R.a === R.shownA && R.z === R.shownZ && R.drawnOwn) { return; }
    var t0 = performance.now(), data = rangeLayer(R.a, R.z), t1 = performance.now();
    applyData(data, t1);
    R.drawnOwn = true;
    R.shownA = R.a;
    R.shownZ = R.z;
    R.draws++;
    var W = S.win, inputAt = R.inputAt, t2 = performance.now(), draws = R.draws, rows = data.rows.length;
    W.requestAnimationFrame(function () {  // painted: benchmarks/app_speed.py and the browser tests read this
      var painted = W.performance.timeOrigin + W.performance.now();
      W.mapappRangeStats = {draws: draws, inputAt: inputAt, paintedAt: painted, ms: painted - inputAt,
                            computeMs: t1 - t0, updateMs: t2 - t1, rows: rows, from: rangeFrom(), to: rangeTo()};
    });
  }
  function scheduleMarkers() {
    if (!R.raf && countsReady()) { R.raf = window.requestAnimationFrame(redrawMarkers); }
  }

  function changed(e, a, z) {
    a = Math.max(0, Math.min(a, R.nb - 1));
    z = Math.max(a, Math.min(z, R.nb - 1));
    if (a === R.a && z === R.z) { return; }
    R.a = a;
    R.z = z;
    R.owned = true;
    dropPreview();  // the strip's range rules
    R.inputAt = performance.timeOrigin + e.timeStamp;
    drawStrip();
    scheduleMarkers();
  }
  function settle() {
    clearTimeout(R.timer);
    R.timer = setTimeout(function () {
      R.timer = null;
      if (R.dragging || !R.owned) { return; }
      R.sentSeq = push({type: "range", from: rangeFrom(), to: rangeTo()});
    }, SETTLE_MS);
  }
  function binAt(x) {
    var rect = canvas.getBoundingClientRect(), bw = (rect.width - 2 * PAD) / R.nb;
    return Math.max(0, Math.min(R.nb - 1, Math.floor((x - rect.left - PAD) / bw)));
  }
  function edgeX(i) { var rect = canvas.getBoundingClientRect(); return rect.left + PAD + i * (rect.width - 2 * PAD) / R.nb; }

  canvas.addEventListener("pointerenter", askCounts);
  canvas.addEventListener("focus", askCounts);
  canvas.addEventListener("pointerdown", function (e) {
    if (!R.args || e.button !== 0) { return; }
    e.preventDefault();
    canvas.focus();
    askCounts();
    if (P.active) { leave(true); }
    try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* synthetic events */ }
    clearTimeout(R.timer);
    R.timer = null;
    R.dragging = true;
    var i = binAt(e.clientX), whole = R.a === 0 && R.z === R.nb - 1;
    if (!whole && Math.abs(e.clientX - edgeX(R.a)) <= 6) { R.mode = "a"; }
    else if (!whole && Math.abs(e.clientX - edgeX(R.z + 1)) <= 6) { R.mode = "z"; }
    else if (!whole && i >= R.a && i <= R.z) { R.mode = "move"; R.grab = i - R.a; }
    else { R.mode = "brush"; R.anchor = i; changed(e, i, i); }
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!R.dragging) { return; }
    var i = binAt(e.clientX);
    if (R.mode === "a") { changed(e, Math.min(i, R.z), R.z); }
    else if (R.mode === "z") { changed(e, R.a, Math.max(i, R.a)); }
    else if (R.mode === "move") {
      var width = R.z - R.a, a = Math.max(0, Math.min(i - R.grab, R.nb - 1 - width));
      changed(e, a, a + width);
    } else { changed(e, Math.min(i, R.anchor), Math.max(i, R.anchor)); }
  });
  function release() { if (R.dragging) { R.dragging = false; settle(); } }
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("dblclick", function (e) { changed(e, 0, R.nb - 1); settle(); });
  canvas.addEventListener("keydown", function (e) {
    var step = e.key === "ArrowLeft" ? -1 : (e.key === "ArrowRight" ? 1 : 0);
    if (!step || !R.args) { return; }
    e.preventDefault();
    askCounts();
    if (e.shiftKey) { changed(e, R.a + step, Math.max(R.z, R.a + step)); } else { changed(e, Math.min(R.a, R.z + step), R.z + step); }
    settle();
  });
  window.addEventListener("resize", drawStrip);

  // --- the sidebar's date slider, drawn here at once ---------------------------------------------
  // The page's date slider is Streamlit's own widget in the parent page (same origin): when the
  // user lets go of it (or presses a key on it), its dates are read from its thumbs and, with the
  // strip's counts held, the range is drawn here at once like a strip drag, to the strip's bins
  // (exact with day bins). The slider's own rerun follows as always; its layer (exact counts and
  // dates) is drawn in place when it comes. Nothing is reported: the slider already tells the app.
  var PREVIEW_MS = 5000;  // no answer with those dates by then (a bound kept from an address): the app's layer again
  function sliderDates(el) {  // [from, to] (null: an end of the track, "no bound"), or null
    var ins = el.querySelectorAll('input[type="range"]'), out = [];
    if (ins.length !== 2) { return null; }
    for (var i = 0; i < 2; i++) {
      var v = ins[i].getAttribute("aria-valuetext") || "";
      if (!/^\d{4}-\d\d-\d\d$/.test(v)) { return null; }  // not the date slider
      var at = Number(ins[i].value), end = Number(i ? ins[i].max : ins[i].min);
      out.push((i ? at >= end : at <= end) ? null : v);
    }
    return out;
  }
  function dropPreview() {  // whether there was a slider move drawn here (now forgotten)
    clearTimeout(R.previewTimer);
    R.previewTimer = null;
    var had = !!R.preview;
    R.preview = null;
    return had;
  }
  function endPreview(answered) {  // answered: the render bringing the app's layer is under way
    if (!dropPreview()) { return; }
    if (R.args && !R.owned) {
      showDates(R.args.from, R.args.to);
      drawStrip();
    }
    R.waiting = true;  // the app's layer, drawn in place (by onRender when answered)
    if (!answered && !R.owned) { R.waiting = false; drawLayer(); }
  }
  function previewSlider(inputAt, el) {
    var d = sliderDates(el), s = R.args;
    if (!d || !s || R.owned || R.dragging || P.active || !S.layer || !countsReady()) { return; }
    var same = d[0] === (s.from || null) && d[1] === (s.to || null);
    if (same && !R.preview) { return; }  // what the app shows already
    R.preview = {from: d[0], to: d[1]};
    clearTimeout(R.previewTimer);
    R.previewTimer = setTimeout(endPreview, PREVIEW_MS);
    showDates(d[0], d[1]);
    drawStrip();
    var t0 = performance.now(), data = rangeLayer(R.a, R.z), t1 = performance.now();
    applyData(data, t1);
    R.drawnOwn = true;
    R.shownA = R.shownZ = -1;
    var W = S.win, t2 = performance.now(), rows = data.rows.length;
    var seq = W.mapappLayerSeq || 0;  // the app's layers drawn so far: the answer comes after
    R.previews = (R.previews || 0) + 1;
    var n = R.previews;
    W.requestAnimationFrame(function () {  // painted: benchmarks/app_speed.py and the browser tests read this
      var painted = W.performance.timeOrigin + W.performance.now();
      W.mapappSliderLayer = data;  // what it drew (the browser tests compare it with the app's layer)
      W.mapappSliderStats = {previews: n, inputAt: inputAt, paintedAt: painted, ms: painted - inputAt,
                             computeMs: t1 - t0, updateMs: t2 - t1, rows: rows, from: d[0], to: d[1], layerSeq: seq};
    });
  }
  function watchSlider() {
    var doc;
    try { doc = window.parent.document; } catch (err) { return; }  // another origin: no preview
    if (!doc || doc === document) { return; }
    function on(e) {  // a listener of this frame on the page: gone with the frame
      if (!S.win) { return; }
      var el = e.target && e.target.closest && e.target.closest('[data-testid="stSidebar"] [data-testid="stSlider"]');
      if (!el || (e.type === "keyup" && !/^(Arrow|Page|Home|End)/.test(e.key))) { return; }
      var at = doc.defaultView.performance.timeOrigin + e.timeStamp;  // the page's clock, not this frame's
      // after the slider's own handlers and Streamlit's rerun request (React commits it in a task
      // of its own: drawn at once, this page's thread would hold that request back ~50 ms)
      window.requestAnimationFrame(function () { setTimeout(function () { previewSlider(at, el); }, 0); });
    }
    doc.addEventListener("pointerup", on, true);
    doc.addEventListener("keyup", on, true);
    window.addEventListener("pagehide", function () {
      doc.removeEventListener("pointerup", on, true);
      doc.removeEventListener("keyup", on, true);
    });
  }
  watchSlider();

  // A render's strip: new bins or counts, the app's range shown when the user has none of their
  // own in flight, and whether the app's marker layer may be drawn (true unless the user's range
  // is newer than what the app has handled).
  function renderStrip(strip, ack) {
    var old = R.args, keep = null;
    if (old && strip && R.owned && (old.unit !== strip.unit || old.starts.length !== strip.starts.length ||
        old.starts[0] !== strip.starts[0])) {
      keep = [rangeFrom(), rangeTo()];  // other bins (months before the counts, days after): the same dates
    }
    R.args = strip;
    stripBox.hidden = !strip;
    if (!strip) { R.owned = false; return true; }
    R.nb = strip.starts.length;
    if (keep) {
      showDates(keep[0], keep[1]);
      R.shownA = R.shownZ = -1;
    }
    var c = strip.counts;
    if (c && c.off) {
      if (R.dataKey !== c.key || !R.base) {
        R.data = c;
        R.dataKey = c.key;
        R.base = strip.base ? JSON.parse(strip.base) : null;
        var f = R.base ? R.base.fields : [];
        R.F = {};
        ["radius", "colour", "popup", "mentions", "articles", "first_date", "last_date", "area", "undated"].forEach(
          function (k) { R.F[k] = f.indexOf(k); });
        if (R.owned) { R.drawnOwn = false; scheduleMarkers(); }
        if (R.base) { tellHave(); }
      }
    }
    if (R.interested && !countsReady()) { askCounts(); }
    if (R.owned && !R.dragging && !R.timer && R.sentSeq && ack >= R.sentSeq) {
      R.owned = false;  // the app has handled the settled range: its answer rules again
      R.sentSeq = 0;
      if (R.drawnOwn) { R.waiting = true; }
    }
    if (R.preview && (strip.from || null) === R.preview.from && (strip.to || null) === R.preview.to) {
      endPreview(true);  // the slider's rerun: onRender draws its layer in place, changed or not
    }
    if (!R.owned && !R.preview) {
      showDates(strip.from, strip.to);
      R.shownA = R.shownZ = -1;
    }
    drawStrip();
    return !R.owned && !R.preview;  // nor while a slider move drawn here waits for its answer
  }
  window.mapappRange = function () {  // tests: the strip's range and whether it holds its counts
    return {from: R.args ? rangeFrom() : null, to: R.args ? rangeTo() : null, a: R.a, z: R.z, nb: R.nb,
            unit: R.args ? R.args.unit : null, counts: countsReady(), owned: R.owned, interested: R.interested,
            preview: R.preview ? [R.preview.from, R.preview.to] : null,
            bars: R.args && R.args.totals ? R.args.totals.filter(function (n) { return n > 0; }).length : 0};
  };

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
    if (!map || map === S.map) { return; }  // told by the page (mapappMapReady), then its load event
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
  // The Folium page calls this once its scripts have run (map.js, at DOMContentLoaded): the markers
  // need not wait for the frame's load event, which waits for the first map tiles. The load event
  // stays as the fallback.
  window.mapappMapReady = function (W) { if (W === frame.contentWindow) { onInnerLoad(); } };
  frame.addEventListener("load", onInnerLoad);

  function onRender(args) {
    var bar = args.playable === false ? 0 : BAR, strip = args.strip || null, sh = strip ? STRIP : 0;
    document.getElementById("play").hidden = !bar;
    if (args.height !== S.height || bar !== S.bar || sh !== S.strip) {
      S.height = args.height;
      S.bar = bar;
      S.strip = sh;
      frame.style.height = args.height + "px";
      send("streamlit:setFrameHeight", {height: args.height + bar + sh});
    }
    if (args.play && args.play.key !== P.key) {
      loadPlay(args.play);
      if (P.active) { drawFrame(); }
    }
    if (args.play && P.want === args.play.unit) { enter(); }
    if (!args.play && P.active && P.want === null) { leave(false); }  // the app stopped it
    S.wantDrawn = !!args.report_drawn;
    if (S.wantDrawn && !S.drawnSent && !S.drawnTimer) { S.drawnTimer = setTimeout(reportDrawn, DRAWN_FALLBACK_MS); }
    S.argsView = args.view || null;
    if (!S.lastSent) { S.lastSent = S.argsView; }
    var ack = Number(args.ack || 0);
    S.pending = S.pending.filter(function (e) { return e.seq > ack; });
    var appRules = renderStrip(strip, ack);
    S.command = args.command || null;
    if (args.html_key !== S.htmlKey) {  // first render, or another base layer: (re)load the page
      if (S.map) { S.lastSent = currentView(); }
      S.htmlKey = args.html_key;
      S.layerKey = args.layer_key;
      S.layerData = args.layer;
      S.map = null;
      R.drawnOwn = false;
      R.owned = false;
      frame.srcdoc = args.html;
      return;
    }
    if (args.layer_key !== S.layerKey) {
      S.layerKey = args.layer_key;
      S.layerData = args.layer;
      R.waiting = true;
    }
    if (R.waiting && appRules) {  // not while the user's own range is newer than the app's
      R.waiting = false;
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
