"""How fast the app draws and updates: ``python benchmarks/app_speed.py N [--db PATH] [--compare DIR]``.

Builds (or reuses) a store of N synthetic mentions (written directly in SQL: 5 per article,
5,000 places with a Zipf-like popularity, event dates over five years, 10% undated, realistic
sentence and title lengths), starts the app with ``streamlit run`` exactly as ``mapapp serve``
does, and measures in headless Chromium (external requests blocked):

* first draw: from navigation to the markers on the map, for a first visit (empty browser cache:
  Streamlit's ~10 MB of JavaScript is fetched and compiled) and for a returning visitor (the
  browser has Streamlit's immutable assets cached, as it keeps them for a year);
* update: from releasing the date slider (dragged to another start date) to the new marker
  layer drawn on the map, in the same map frame (median and max over a few moves), on the
  page's own clock (the release's ``pointerup`` to the frame after the markers were updated);
  also as Playwright sees it, which adds its own calls' round trips; and (map components that
  do it) the slider's range drawn at once in the browser from the strip's counts, before that
  answer;
* bytes per update: every WebSocket frame and HTTP response the browser received for one update;
* the date strip under the map (this checkout's map component): the per-marker counts asked for
  once (time and bytes), then ``--moves`` ranges dragged across it, each timed on the page's
  clock from the last pointer move to the markers painted (drawn in the browser: no round trip),
  and the settled range's round trip (the app's rerun, its layer drawn in place) after letting go;
* play (the map component's play bar): from pressing play to the first window on the map (one
  round trip: the per-window counts arrive once), their bytes, and the time each step takes in
  the browser (drawn there: no round trip), for month and week windows.

``--layer`` measures only the server's part of a slider move (no browser): the marker layer as
the maps built whole make it (``marker_rows`` + ``PlaceMarkers``, through the encoder since issue
12's fourth round) against ``markers.LayerEncoder`` alone, alternated.

``--compare DIR`` also measures the app of another checkout (e.g. ``/work/main``) against the same
store, alternating old and new ``--rounds`` times, so both see the same machine load.

Targets: first draw < 2 s (first visit) and < 1.5 s (returning), update and play step < 0.2 s,
< 2 MB per update at a million mentions.
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic_store import build  # noqa: E402

from mapapp.cli import serve_command  # noqa: E402
from mapapp.web.png import BROWSER_ARGS  # noqa: E402

# The PNG renderer's flags, and: external hosts (map tiles) fail to resolve: no network, and unlike
# request interception this keeps the browser's HTTP cache working
CHROMIUM_ARGS = [*BROWSER_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(db: str, checkout: str | None = None) -> tuple[subprocess.Popen, str]:
    """``mapapp serve``'s command line; ``checkout``: run that checkout's app instead."""
    port = free_port()
    log = open(os.path.join(tempfile.gettempdir(), f"mapapp-bench-{port}.log"), "w")
    cmd, env = serve_command(db, port, "127.0.0.1"), dict(os.environ)
    if checkout:  # that checkout's package first, not the installed (editable) one
        root = str(Path(checkout).resolve())
        # what ``mapapp serve`` runs there: ui/server.py (Streamlit's ASGI app with our static files'
        # caching in front) where the checkout has it, its app.py in older ones
        server = Path(root) / "mapapp" / "ui" / "server.py"
        cmd[4] = str(server if server.exists() else Path(root) / "mapapp" / "app.py")
        boot = (
            "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
            f"sys.path.insert(0, {root!r}); from streamlit.web.cli import main; "
            f"sys.argv = ['streamlit'] + {cmd[3:]!r}; main()"
        )
        cmd = [sys.executable, "-c", boot]
        env["PYTHONPATH"] = root
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except Exception:  # noqa: BLE001
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.25)
    proc.terminate()
    raise SystemExit(f"the app did not start; see {log.name}")


MARKERS_READY = """() => !!(window.map && document.querySelector('.leaflet-marker-icon, path.leaflet-interactive'))"""
# a marker layer swapped in: the map component counts its layers; streamlit-folium (older
# checkouts) keeps them in window.feature_group
MARK_LAYER = """() => { window.__mark = window.mapappLayerSeq || 0;
  (window.feature_group || []).forEach(l => { l.__old = true; }); }"""
NEW_LAYER = """() => (window.mapappLayerSeq || 0) > window.__mark || !!(window.feature_group &&
  window.feature_group.length && !window.feature_group[window.feature_group.length - 1].__old)"""


# the moment the user lets go of the slider, on the page's clock (comparable across its frames)
RELEASE_CLOCK = """if (window === window.top) { document.addEventListener('pointerup', () => {
  window.__released = performance.timeOrigin + performance.now(); }, true); }"""


def map_frame(page, timeout=120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for f in page.frames:
            try:
                if f.evaluate(MARKERS_READY):
                    return f
            except Exception:  # noqa: BLE001
                pass
        time.sleep(0.02)
    raise SystemExit("the map never drew its markers")


class Traffic:
    """Bytes the page received (WebSocket frames + HTTP bodies) via the DevTools protocol."""

    def __init__(self, page) -> None:
        self.bytes = 0
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", self._ws)
        cdp.on("Network.dataReceived", self._data)

    def _ws(self, ev) -> None:
        r = ev.get("response", {})
        data = r.get("payloadData", "")
        self.bytes += len(base64.b64decode(data)) if r.get("opcode") == 2 else len(data.encode())

    def _data(self, ev) -> None:
        # bytes on the wire only: a response from the browser's cache has encodedDataLength 0
        # (counting its dataLength, as this did, made a returning visit look like 8 MB)
        self.bytes += int(ev.get("encodedDataLength") or 0)


def move_slider(page, frac: float) -> float:
    """Drag the start thumb of the date slider to ``frac`` of the track, as a user does."""
    s = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first
    thumb = s.locator('[data-testid="stSliderThumbValue"]').first.locator("xpath=..")
    a = thumb.bounding_box()
    track = thumb.locator("xpath=..").bounding_box()
    x0, y = a["x"] + a["width"] / 2, a["y"] + a["height"] / 2
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * frac, y, steps=5)
    t = time.perf_counter()
    page.mouse.up()
    return t  # the moment the user lets go: the update is timed from here


def measure(base: str, browser_exe: str, moves: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_exe, headless=True, args=CHROMIUM_ARGS)
        # warm the server's caches once (its first run after start reads the store cold)
        warm = browser.new_context(viewport={"width": 1400, "height": 1000})
        wp = warm.new_page()
        wp.goto(base)
        map_frame(wp)
        time.sleep(2.0)
        warm.close()
        # a first visit: an empty browser cache
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(RELEASE_CLOCK)
        page = context.new_page()
        traffic = Traffic(page)
        t0 = time.perf_counter()
        page.goto(base)
        cold = map_frame(page)
        out["cold_draw_s"] = time.perf_counter() - t0
        out["cold_draw_bytes"] = traffic.bytes
        # the same on the page's clock: navigation to the first markers painted (Playwright's own
        # polling waits behind whatever the page runs next, e.g. what waited for the map)
        cold.wait_for_function("() => !!window.mapappDrawStats", timeout=10_000)
        ds = cold.evaluate("() => window.mapappDrawStats")
        nav = page.evaluate("() => performance.timeOrigin")
        out["cold_painted_s"] = (ds["at"] + ds["parseMs"] + ds["buildMs"] + ds["addMs"] + ds["paintMs"] - nav) / 1000
        # a returning visitor: same browser cache, a new page load
        page.goto("about:blank")
        time.sleep(1.0)
        b0 = traffic.bytes
        t0 = time.perf_counter()
        page.goto(base)
        page.wait_for_selector('[data-testid="stSlider"]', timeout=120_000)
        out["shell_s"] = time.perf_counter() - t0  # Streamlit's own page, before the map component
        frame = map_frame(page)
        out["first_draw_s"] = time.perf_counter() - t0
        out["first_draw_bytes"] = traffic.bytes - b0
        # where the returning visit's time goes, on the page's clock (map components that time it)
        frame.wait_for_function("() => !!window.mapappDrawStats", timeout=10_000)
        ds = frame.evaluate("() => window.mapappDrawStats")
        nav = page.evaluate("() => performance.timeOrigin")
        out["first_layer_at_s"] = (ds["at"] - nav) / 1000  # navigation to the first layer's data in hand
        out["first_layer_ms"] = ds["parseMs"] + ds["buildMs"] + ds["addMs"] + ds["paintMs"]
        comp0 = next((f for f in page.frames if "mapapp_map" in f.url), None)
        if comp0 is not None:  # the component's frame made, the Folium page's frame made and loaded
            out["first_component_at_s"] = (comp0.evaluate("() => performance.timeOrigin") - nav) / 1000
            out["first_inner_at_s"] = (frame.evaluate("() => performance.timeOrigin") - nav) / 1000
            out["first_inner_loaded_s"] = (frame.evaluate("() => performance.timing.loadEventEnd") - nav) / 1000
        # the date strip's counts, fetched by themselves once the map is drawn (this round's component)
        comp = next((f for f in page.frames if "mapapp_map" in f.url), None)
        if comp is not None and "interested" in (
            comp.evaluate("() => window.mapappRange && window.mapappRange()") or {}
        ):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not comp.evaluate("() => window.mapappRange().counts"):
                time.sleep(0.02)
            out["strip_ready_s"] = time.perf_counter() - t0
            time.sleep(1.0)
            out["strip_ready_bytes"] = traffic.bytes - b0 - out["first_draw_bytes"]
        frame.evaluate("() => { window.__same = 1; }")
        times, sizes, in_browser, in_page, preview = [], [], [], [], []
        for i in range(moves):
            time.sleep(1.0)  # let the previous update settle
            frame.evaluate(MARK_LAYER)
            before = traffic.bytes
            t = move_slider(page, (0.5, 0.3, 0.6, 0.2)[i % 4])
            frame.wait_for_function(NEW_LAYER, timeout=120_000, polling=10)
            times.append(time.perf_counter() - t)
            time.sleep(1.0)  # count everything the update sent, including the tail
            sizes.append(traffic.bytes - before)
            # the browser's own part: parse, update the markers, paint (checkouts that time it)
            ds = frame.evaluate("() => window.mapappDrawStats || null")
            if ds:
                drawn = ds["parseMs"] + ds["buildMs"] + ds["addMs"] + ds["paintMs"]
                in_browser.append(drawn)
                # from the release to the new markers drawn, both on the page's own clock: what a
                # user waits, without this harness's calls into the browser (tens of ms each)
                released = page.evaluate("() => window.__released || null")
                if released and ds["at"] > released:
                    in_page.append((ds["at"] + drawn - released) / 1000)
                # the slider's range drawn at once from the strip's counts (this round's component)
                ss = frame.evaluate("() => window.mapappSliderStats || null")
                if released and ss and ss["paintedAt"] > released:
                    preview.append((ss["paintedAt"] - released) / 1000)
        assert frame.evaluate("() => window.__same") == 1, "the map frame was reloaded"
        out["update_s_median"] = statistics.median(times)
        out["update_s_max"] = max(times)
        out["update_bytes_median"] = statistics.median(sizes)
        if in_browser:
            out["update_browser_ms_median"] = statistics.median(in_browser)
        if preview:
            out["update_preview_s_median"] = statistics.median(preview)
            out["update_preview_s_max"] = max(preview)
        if in_page:
            out["update_page_s_median"] = statistics.median(in_page)
            out["update_page_s_max"] = max(in_page)
        comp = next((f for f in page.frames if "mapapp_map" in f.url), None)
        if comp is not None and comp.evaluate("() => !!window.mapappRange"):
            out.update(measure_strip(page, frame, comp, traffic, moves))
        if comp is not None:
            for unit in ("month", "week"):
                out.update(measure_play(page, frame, comp, traffic, unit))
        browser.close()
    return out


STRIP_RELEASE = """() => { if (!window.__stripClock) { window.__stripClock = 1;
  document.addEventListener('pointerup', () => { window.__released = performance.timeOrigin + performance.now(); }, true); } }"""


def measure_strip(page, frame, comp, traffic: Traffic, moves: int) -> dict[str, float]:
    """Ranges dragged across the date strip: the counts asked for once (hovering the strip),
    then each drag's redraw in the browser (the last pointer move to the markers painted, on
    the page's clock: ``mapappRangeStats``) and the settled range's round trip (letting go to
    the app's layer drawn)."""
    strip = comp.locator("#strip-bars")
    strip.scroll_into_view_if_needed()
    comp.evaluate(STRIP_RELEASE)
    before = traffic.bytes
    t0 = time.perf_counter()
    strip.hover()
    deadline = time.monotonic() + 120
    while not comp.evaluate("() => window.mapappRange().counts"):
        if time.monotonic() > deadline:
            return {}
        time.sleep(0.02)
    first = time.perf_counter() - t0
    time.sleep(1.0)
    size = traffic.bytes - before
    box = strip.bounding_box()
    y = box["y"] + box["height"] / 2
    # every date first (a double-click): the slider's moves above left a range a press could land in
    page.mouse.dblclick(box["x"] + box["width"] / 2, y)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = comp.evaluate("() => window.mapappRange()")
        if not r["owned"] and r["from"] is None and r["to"] is None:
            break
        time.sleep(0.05)
    drawn, settled, sizes, rows, update_ms = [], [], [], [], []
    # each press lands outside the range before it (a press inside would move that range instead)
    spans = ((0.55, 0.9), (0.05, 0.45), (0.6, 0.95), (0.1, 0.5), (0.7, 0.85), (0.2, 0.4))
    for i in range(moves):
        time.sleep(1.0)
        frame.evaluate(MARK_LAYER)
        draws = (frame.evaluate("() => window.mapappRangeStats") or {}).get("draws", 0)
        b0 = traffic.bytes
        a, z = spans[i % len(spans)]
        page.mouse.move(box["x"] + box["width"] * a, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * z, y, steps=6)
        page.mouse.up()
        frame.wait_for_function(f"() => (window.mapappRangeStats || {{}}).draws > {draws}", timeout=60_000, polling=10)
        time.sleep(0.1)  # the last move's draw
        st = frame.evaluate("() => window.mapappRangeStats")
        drawn.append(st["ms"] / 1000)
        rows.append(st["rows"])
        update_ms.append(st["computeMs"] + st["updateMs"])
        frame.wait_for_function(NEW_LAYER, timeout=120_000, polling=10)  # the app's answer, drawn
        released = comp.evaluate("() => window.__released || null")
        frame.wait_for_function(  # its figures are taken once it is painted
            f"() => (window.mapappDrawStats || {{}}).at > {released or 0}", timeout=10_000, polling=10
        )
        ds = frame.evaluate("() => window.mapappDrawStats")
        if ds and released:
            settled.append((ds["at"] + ds["parseMs"] + ds["buildMs"] + ds["addMs"] + ds["paintMs"] - released) / 1000)
        time.sleep(1.0)
        sizes.append(traffic.bytes - b0)
    out = {
        "strip_counts_s": first,
        "strip_counts_bytes": size,
        "strip_draw_s_median": statistics.median(drawn),
        "strip_draw_s_max": max(drawn),
        "strip_rows": statistics.median(rows),
        "strip_bytes_median": statistics.median(sizes),
        "strip_script_ms_median": statistics.median(update_ms),
    }
    if settled:
        out["strip_settled_s_median"] = statistics.median(settled)
    return out


def measure_play(page, frame, comp, traffic: Traffic, unit: str, steps: int = 20) -> dict[str, float]:
    """Press play with ``unit`` windows: time and bytes to the first window, then ``steps`` steps
    timed in the browser (``mapappPlayStats``) and from here (each a call into the page)."""
    comp.evaluate("() => { const b = document.getElementById('play-stop'); if (!b.hidden) b.click(); }")
    time.sleep(1.0)
    frame.evaluate("() => { window.mapappPlayStats = undefined; }")
    before = traffic.bytes
    t0 = time.perf_counter()
    comp.evaluate("(u) => window.mapappPlay(u)", unit)
    frame.wait_for_function(
        "() => window.mapappPlayStats && window.mapappPlayStats.windows >= 1", timeout=120_000, polling=10
    )
    first = time.perf_counter() - t0
    time.sleep(1.0)
    size = traffic.bytes - before
    comp.evaluate(
        "() => { const b = document.getElementById('play-go'); if (b.textContent.includes('Pause')) b.click(); }"
    )
    walls = []
    for _ in range(steps):
        t = time.perf_counter()
        comp.evaluate("() => window.mapappPlayStep()")
        walls.append(time.perf_counter() - t)
    time.sleep(0.5)  # the last step's figures are taken once it is painted
    st = frame.evaluate("() => window.mapappPlayStats")
    return {
        f"play_{unit}_first_s": first,
        f"play_{unit}_bytes": size,
        f"play_{unit}_step_ms_mean": st["meanMs"],
        f"play_{unit}_step_ms_max": st["maxMs"],
        f"play_{unit}_first_window_ms": st["firstMs"],
        f"play_{unit}_step_wall_s_max": max(walls),
        f"play_{unit}_markers": st["shown"],
    }


def layer_only(db: str, moves: int) -> None:
    """The server's part of a slider move without a browser: the per-place counts from memory,
    then the marker layer's JSON made as the maps built whole make it (``marker_rows`` +
    ``PlaceMarkers``; since issue 12's fourth round ``marker_rows`` reads back what
    ``LayerEncoder`` wrote) and by ``LayerEncoder`` alone, alternated, for ``moves`` start dates (the outputs are checked equal)."""
    from datetime import date, timedelta

    from mapapp.store import Store, placecounts
    from mapapp.store.filters import Filters
    from mapapp.web import markers

    scores = Store(db).best_scores()
    counts = placecounts.PlaceCounts.load(db)
    enc = markers.LayerEncoder(scores)
    pf, old, new = [], [], []
    size = 0
    for i in range(moves):
        f = Filters(date_from=date(2019, 1, 1) + timedelta(days=37 * i), include_undated=True)
        t = time.perf_counter()
        df = counts.places_for(f)
        pf.append(time.perf_counter() - t)
        t = time.perf_counter()
        a = markers.PlaceMarkers(markers.marker_rows(df, None, popup_excerpts=0, best_scores=scores)).data_js
        old.append(time.perf_counter() - t)
        t = time.perf_counter()
        b = enc.encode(df, None, popup_excerpts=0).data_js
        new.append(time.perf_counter() - t)
        assert a == b, "LayerEncoder differs from marker_rows + PlaceMarkers"
        size = len(b)
    ms = lambda xs: f"{statistics.median(xs) * 1000:.0f} ms median, {max(xs) * 1000:.0f} max"  # noqa: E731
    print(f"per-place counts from memory {ms(pf)}")
    print(
        f"marker layer, marker_rows + PlaceMarkers {ms(old)}; LayerEncoder {ms(new)} (the first call encodes every place); {size / 1e3:.0f} kB"
    )


def report(label: str, n: int, res: dict[str, float]) -> None:
    print(f"== {label}: {n:,} mentions")
    print(
        f"first draw          {res['first_draw_s']:.2f} s (target < 1.5 s), {res['first_draw_bytes'] / 1e6:.2f} MB "
        f"(Streamlit's page with the sidebar alone: {res['shell_s']:.2f} s)"
    )
    print(
        f"  first visit ever  {res['cold_draw_s']:.2f} s, {res['cold_draw_bytes'] / 1e6:.2f} MB "
        "(empty browser cache; target < 2 s)"
        + (
            f"; the map painted {res['cold_painted_s']:.2f} s after navigation on the page's clock"
            if "cold_painted_s" in res
            else ""
        )
    )
    if "first_layer_at_s" in res:
        print(
            f"  of which          {res['first_layer_at_s']:.2f} s from navigation to the map's first layer in hand, "
            f"{res['first_layer_ms']:.0f} ms drawing it (parse, markers and clusters, paint): the map painted "
            f"{res['first_layer_at_s'] + res['first_layer_ms'] / 1000:.2f} s after navigation on the page's clock"
        )
    if "first_inner_at_s" in res:
        print(
            f"  the map's frames  component's frame at {res['first_component_at_s']:.2f} s, the Folium page's "
            f"at {res['first_inner_at_s']:.2f} s, loaded at {res['first_inner_loaded_s']:.2f} s"
        )
    if "strip_ready_s" in res:
        print(
            f"  strip's counts    held {res['strip_ready_s']:.2f} s after navigation, fetched by themselves once the "
            f"map was drawn, {res['strip_ready_bytes'] / 1e6:.2f} MB"
        )
    if "update_page_s_median" in res:
        print(
            f"update (median/max) {res['update_page_s_median']:.3f} / {res['update_page_s_max']:.3f} s "
            "(target < 0.2 s; from releasing the slider to the new markers drawn, on the page's clock)"
        )
    if "update_preview_s_median" in res:
        print(
            f"  drawn at once     {res['update_preview_s_median']:.3f} / {res['update_preview_s_max']:.3f} s "
            "(the slider's range from the strip's counts, before the app's answer above, on the page's clock)"
        )
    print(
        f"  with the harness  {res['update_s_median']:.2f} / {res['update_s_max']:.2f} s "
        "(Playwright's release and polling calls included)"
    )
    if "update_browser_ms_median" in res:
        print(f"  in the browser    {res['update_browser_ms_median']:.0f} ms median (parse, markers, paint)")
    print(f"bytes per update    {res['update_bytes_median'] / 1e6:.2f} MB (target < 2 MB)")
    if "strip_draw_s_median" in res:
        print(
            f"date strip (median/max) {res['strip_draw_s_median']:.3f} / {res['strip_draw_s_max']:.3f} s "
            f"(target < 0.2 s; a range dragged under the map, from the last pointer move to the "
            f"{res['strip_rows']:.0f} markers painted, in the browser; of it {res['strip_script_ms_median']:.0f} ms "
            "summing the counts and updating the markers); its counts once: "
            f"{res['strip_counts_s']:.2f} s, {res['strip_counts_bytes'] / 1e6:.2f} MB"
        )
        if "strip_settled_s_median" in res:
            print(
                f"  settled range     {res['strip_settled_s_median']:.2f} s from letting go to the app's layer "
                f"drawn in place (0.35 s of it the pause before the range is reported), {res['strip_bytes_median'] / 1e6:.2f} MB"
            )
    for unit in ("month", "week"):
        if f"play_{unit}_first_s" in res:
            print(
                f"play by {unit:<5}       first window {res[f'play_{unit}_first_s']:.2f} s, "
                f"{res[f'play_{unit}_bytes'] / 1e6:.2f} MB; a step {res[f'play_{unit}_step_ms_mean']:.1f} ms mean, "
                f"{res[f'play_{unit}_step_ms_max']:.1f} ms max in the browser, until painted "
                f"(the first window, which makes the circles: {res[f'play_{unit}_first_window_ms']:.0f} ms) "
                f"({res[f'play_{unit}_step_wall_s_max']:.3f} s max with the test harness's call; target < 0.2 s; "
                f"last window {res[f'play_{unit}_markers']:.0f} markers)"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of mentions")
    ap.add_argument("--db", default=None, help="store to build or reuse (default: a temporary file)")
    ap.add_argument("--moves", type=int, default=3, help="slider moves measured")
    ap.add_argument("--compare", default=None, help="another checkout whose app is measured too (old vs new)")
    ap.add_argument("--rounds", type=int, default=1, help="with --compare: old/new pairs, alternating")
    ap.add_argument("--layer", action="store_true", help="only the server's part of a slider move, no browser")
    args = ap.parse_args()
    exe = os.environ.get("MAPAPP_BROWSER") or "/usr/bin/chromium"
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = os.path.join(tmp.name, "bench.sqlite")
    build(args.db, args.n)
    if args.layer:
        layer_only(args.db, max(args.moves, 5))
        return
    runs = [("this checkout", None)]
    if args.compare:
        runs = [(f"{args.compare} (old)", args.compare), ("this checkout (new)", None)] * max(1, args.rounds)
    for label, checkout in runs:
        proc, base = start_app(os.path.abspath(args.db), checkout)
        try:
            res = measure(base, exe, args.moves)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        report(label, args.n, res)


if __name__ == "__main__":
    main()
