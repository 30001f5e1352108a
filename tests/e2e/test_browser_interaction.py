"""The interaction model in a real browser (issue 12, points 1 to 3): the map reports only what
the user did and never fights the app; no click is lost; choosing a place flies to it; undated
places are on the first screen. A real store of the seeds, ``streamlit run``, headless Chromium
that may only reach localhost."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from browsing import choose, component_frame, map_frame, url, wait_counts, wait_for, wait_settled

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# Every place marker on the map with its screen position in the map's frame (or null when the
# marker is inside a cluster or off screen).
MARKERS_JS = """() => {
  const out = [], seen = new Set(), size = window.map.getSize();
  function visit(layer) {
    if (!layer || seen.has(layer)) return;
    seen.add(layer);
    if (layer.options && layer.options.placeId !== undefined) {
      const t = layer.getTooltip && layer.getTooltip();
      const span = document.createElement('span');
      span.innerHTML = t ? t.getContent() : '';
      const p = window.map.latLngToContainerPoint(layer.getLatLng());
      const shown = !!layer._path && p.x > 30 && p.y > 30 && p.x < size.x - 30 && p.y < size.y - 30;
      out.push({id: layer.options.placeId, text: span.textContent, x: p.x, y: p.y, shown: shown});
      return;
    }
    if (typeof layer.getLayers === 'function') layer.getLayers().forEach(visit);
  }
  Object.values(window.map._layers).forEach(visit);
  return out;
}"""
MAP_STILL_JS = "() => !(window.map._panAnim && window.map._panAnim._inProgress) && !window.map._animatingZoom"
CENTRE_JS = (
    "() => { const c = window.map.getCenter(); return [c.lat.toFixed(5), c.lng.toFixed(5), window.map.getZoom()]; }"
)


@pytest.fixture(scope="module")
def app_url(seed_db, streamlit_server):
    return streamlit_server(seed_db)


def markers(frame) -> list[dict]:
    return frame.evaluate(MARKERS_JS) or []


def click_marker(page, frame, place_id: str) -> None:
    """A real mouse click on a marker, at its position now: once the map has stopped moving (a
    popup's auto-pan slides the markers, and a click during the slide lands beside them)."""
    wait_for(lambda: frame.evaluate(MAP_STILL_JS), 5, "the map to stop moving")
    m = next(m for m in markers(frame) if m["id"] == place_id)
    assert m["shown"], f"{m['text']} is not on screen"
    box = frame.frame_element().bounding_box()
    page.mouse.click(box["x"] + m["x"], box["y"] + m["y"])


def panel_place(page) -> str:
    """The place the side panel lists (its bold heading)."""
    loc = page.locator('[data-testid="stHtml"] b').first
    return loc.inner_text() if loc.count() else ""


def test_a_marker_click_on_a_zoomed_permalink_leaves_the_map_still(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?center=40.4,47.2&zoom=7")
    frame = map_frame(page)
    assert frame.evaluate(CENTRE_JS) == ["40.40000", "47.20000", 7]  # the permalink's view
    shown = [m for m in markers(frame) if m["shown"]]
    target = next(m for m in shown if m["text"].startswith(("Yevlakh", "Tovuz", "Baku", "Ganja")))
    click_marker(page, frame, target["id"])
    frame.locator(".leaflet-popup-content").wait_for(timeout=10_000)
    name = target["text"].split(",")[0].split(" ·")[0]
    wait_for(lambda: name in panel_place(page), what="the side panel to show the place")
    wait_for(lambda: "place=" in url(page), what="the permalink to name the place")
    page.wait_for_timeout(1500)  # the popup's one auto-pan, reported once
    centre, here = frame.evaluate(CENTRE_JS), url(page)
    for _ in range(8):  # several seconds: no back and forth, no rerun moving it
        page.wait_for_timeout(500)
        assert frame.evaluate(CENTRE_JS) == centre
        assert url(page) == here
    assert frame.locator(".leaflet-popup-content").count() == 1  # the popup is still open
    assert name in panel_place(page)


def test_quick_clicks_on_several_markers_are_each_handled(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?center=40.4,47.0&zoom=7")
    frame = map_frame(page)
    # three markers apart from each other, top to bottom (a popup opens above its marker)
    picked: list[dict] = []
    for m in sorted((m for m in markers(frame) if m["shown"]), key=lambda m: m["y"]):
        if all(abs(m["x"] - p["x"]) + abs(m["y"] - p["y"]) > 60 for p in picked):
            picked.append(m)
    assert len(picked) >= 3, picked
    comp = component_frame(page)
    # the markers the clicks really hit (a popup's auto-pan may move the next one under the mouse):
    # the popups they opened, heard on the map itself, which outlives any marker a rerun makes anew
    frame.evaluate(
        """() => { window.__hit = []; window.map.on('popupopen', e => {
             const src = e.popup._source; if (src && src.options.placeId !== undefined) { window.__hit.push(src.options.placeId); } }); }"""
    )
    for m in picked[:3]:  # faster than the app reruns: clicks land during reruns
        # a popup's auto-pan may have slid a picked marker off the map: the next one then
        if next((x for x in markers(frame) if x["id"] == m["id"]), {}).get("shown"):
            click_marker(page, frame, m["id"])
            page.wait_for_timeout(300)
    hit = frame.evaluate("() => window.__hit")
    assert len(hit) >= 2, hit
    last = next(m for m in markers(frame) if m["id"] == hit[-1])
    # every click reached the app and was acknowledged; the last one is the selected place
    wait_for(lambda: comp.evaluate("() => window.mapappPending().length") == 0, what="every event handled")
    name = last["text"].split(",")[0].split(" ·")[0]
    try:
        wait_for(lambda: name in panel_place(page), 40, "the side panel to show the last place")
    except AssertionError:
        raise AssertionError(f"clicked {hit}, the panel shows {panel_place(page)!r}, the address {url(page)}") from None
    # the address names the selected place too (a permalink at all times), and stays so
    want = "place=" + quote(hit[-1], safe="")
    wait_for(lambda: want in url(page), 20, f"the address to name the last place ({want}): {url(page)}")
    page.wait_for_timeout(1500)
    assert want in url(page), url(page)
    assert name in panel_place(page)


def test_choosing_a_place_flies_to_it_and_opens_it(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?center=51.5,-0.1&zoom=6")  # London: far from the Caucasus
    frame = map_frame(page)
    frame.evaluate("() => { window.__sameFrame = 7; }")
    choose(page, "Selected place", "Yevlakh", "Yevlakh")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=15_000)
    assert "Yevlakh" in popup.inner_text()
    # the map moved to Yevlakh (40.62 N, 47.15 E): it is in view, London is far away
    assert frame.evaluate("() => window.map.getBounds().contains([40.618, 47.150])")
    assert not frame.evaluate("() => window.map.getBounds().contains([51.5, -0.1])")
    assert frame.evaluate("() => window.__sameFrame") == 7  # moved, not reloaded
    wait_for(lambda: "Yevlakh" in panel_place(page), what="the side panel")


def test_undated_places_are_on_the_first_screen(app_url, browser_page):
    page = browser_page
    page.goto(app_url)
    frame = map_frame(page)
    assert any(m["text"].startswith("Yevlakh") for m in markers(frame))  # seed 003 has no date
    page.goto(app_url + "/?undated=0")  # an explicit undated=0 still leaves them off
    frame = map_frame(page)
    wait_for(lambda: not any(m["text"].startswith("Yevlakh") for m in markers(frame)), what="Yevlakh to go")


def test_play_steps_a_month_window_through_time_in_the_browser(app_url, browser_page):
    page = browser_page
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append("x")))
    page.goto(app_url + "/?undated=0")
    frame = map_frame(page)
    comp = component_frame(page)
    # the date strip fetches its own counts once the page is idle: let that exchange end first
    wait_counts(comp)
    wait_settled(page)
    comp.locator("#play-unit").select_option("month")
    comp.locator("#play-go").click()
    # the counts arrive once; then each step is drawn here, with no message to the server
    wait_for(lambda: frame.evaluate("() => (window.mapappPlayStats || {}).windows >= 1"), what="the first window")
    comp.locator("#play-go").click()  # pause
    before = len(sent)
    t0 = frame.evaluate("() => window.mapappPlayStats.t")
    for _ in range(3):
        comp.evaluate("() => window.mapappPlayStep()")
    page.wait_for_timeout(300)  # each step's figures are taken once it is painted
    stats = frame.evaluate("() => window.mapappPlayStats")
    assert stats["t"] > t0 and stats["steps"] >= 3, stats  # it stepped (and stops at the last window)
    # (how fast a step is drawn is a benchmark's figure, app_speed.py, not this test's: a CI run beside
    # other work once drew one in 275 ms)
    page.wait_for_timeout(500)
    assert len(sent) == before  # no round trip per step
    label = comp.locator("#play-label").inner_text()
    assert label[:4].isdigit() and "mention" in label, label
    month = label[:7]
    comp.locator("#play-use").click()  # this window becomes the date filter
    wait_for(lambda: f"from={month}-01" in url(page), what=f"{month} in the permalink ({label})")
    assert f"to={month}-" in url(page)


def test_brushing_the_timeline_sets_the_dates(app_url, browser_page):
    page = browser_page
    # a confidence filter: the strip under the map has no bars for it, the chart of months does
    page.goto(app_url + "/?undated=0&min_score=0.01")
    map_frame(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = chart.locator("canvas, svg").first.bounding_box()
    y = box["y"] + box["height"] * 0.45
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, y, steps=8)
    page.mouse.up()
    wait_for(lambda: "from=" in url(page), what="the brushed dates in the permalink")
    lo = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]').first
    # the slider shows the brushed start (its value may arrive a moment after the address)
    wait_for(lambda: lo.get_attribute("aria-valuetext") in url(page), what="the slider to follow the brush")


@pytest.fixture(scope="module")
def snapshot_url(seed_db, streamlit_server, tmp_path_factory):
    """A copy of the seeds with a frozen snapshot of December 2020, titled, and its address."""
    import shutil
    from datetime import date

    from mapapp.store import Store
    from mapapp.store.filters import Filters
    from mapapp.web import snapshots
    from mapapp.web.view import View

    db = str(tmp_path_factory.mktemp("snap") / "snap.sqlite")
    shutil.copy(seed_db, db)
    with Store(db) as s:
        view = View(filters=Filters(date_from=date(2020, 12, 1), include_undated=False), center=(45.0, 20.0), zoom=4)
        rows = s.query(view.filters)
        sid = snapshots.save_snapshot(s, view, rows, "Talks <b>in</b> December")
    return streamlit_server(db) + "/?snapshot=" + sid, set(rows["place_id"].dropna())


def test_a_frozen_snapshot_is_the_same_map_and_its_clicks_fill_the_side_panel(snapshot_url, browser_page):
    page = browser_page
    address, frozen = snapshot_url
    page.goto(address)
    frame = map_frame(page)
    frame.evaluate("() => { window.__sameFrame = 3; }")
    comp = component_frame(page)
    assert not comp.locator("#play").is_visible()  # nothing to play through in a frozen frame
    # its saved title on the map, as text
    assert frame.locator(".mapapp-title").inner_text() == "Talks <b>in</b> December"
    ms = markers(frame)
    assert {m["id"] for m in ms} == frozen  # the frozen places, not the store's
    # the snapshot's saved view, and the map stays there: no rerun moves it
    assert frame.evaluate(CENTRE_JS) == ["45.00000", "20.00000", 4]
    target = next(m for m in ms if m["shown"])  # one drawn on its own (not inside a cluster)
    click_marker(page, frame, target["id"])
    name = target["text"].split(" ·")[0].split(" (")[0]
    wait_for(lambda: name in panel_place(page), what=f"{name} in the side panel")
    wait_for(lambda: comp.evaluate("() => window.mapappPending().length") == 0, what="the click handled")
    assert "snapshot=" in url(page) and "place=" not in url(page)  # the address stays the snapshot's
    # still (the popup may have panned the map into view once; nothing pans it back)
    page.wait_for_timeout(800)
    still = frame.evaluate(CENTRE_JS)
    page.wait_for_timeout(1500)
    assert frame.evaluate(CENTRE_JS) == still
    assert frame.evaluate("() => window.__sameFrame") == 3  # the map was not reloaded


def test_a_filter_change_updates_the_markers_in_place(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?center=40.4,47.0&zoom=7")
    frame = map_frame(page)
    frame.evaluate("() => { window.__sameFrame = 5; }")
    ms = markers(frame)
    assert any(m["text"].startswith("Yevlakh") for m in ms)  # undated: on by default
    # tag every marker object; open the popup of a dated place by clicking it
    frame.evaluate(
        """() => { (function visit(ls) { ls.forEach(l => {
             if (l.options && l.options.placeId !== undefined) { l.__tag = 1; }
             else if (typeof l.getLayers === 'function') { visit(l.getLayers()); } }); })(
           Object.values(window.map._layers)); }"""
    )
    target = next(m for m in ms if m["shown"] and "date unknown" not in m["text"])
    click_marker(page, frame, target["id"])
    frame.locator(".leaflet-popup-content").wait_for(timeout=15_000)
    name = target["text"].split(" ·")[0].split(" (")[0]
    comp = component_frame(page)
    wait_for(lambda: comp.evaluate("() => window.mapappPending().length") == 0, 40, what="the click handled")
    page.locator('[data-testid="stSidebar"]').get_by_text("Include undated mentions").click()
    wait_for(lambda: not any(m["text"].startswith("Yevlakh") for m in markers(frame)), 40, what="Yevlakh to go")
    # the places still there kept their marker objects (updated, not made again), the popup stays open
    left = frame.evaluate(
        """() => { const out = []; (function visit(ls) { ls.forEach(l => {
             if (l.options && l.options.placeId !== undefined) { out.push(l.__tag === 1); }
             else if (typeof l.getLayers === 'function') { visit(l.getLayers()); } }); })(
           Object.values(window.map._layers)); return out; }"""
    )
    assert left and all(left)
    assert name in frame.locator(".leaflet-popup-content").inner_text()
    assert frame.evaluate("() => window.__sameFrame") == 5


def test_the_markers_do_not_wait_for_the_map_tiles(app_url, browser_page):
    """Tiles that are slow to come (here: never answered) hold back the map frame's load event;
    the markers are drawn as soon as the map exists."""
    page = browser_page
    hung = []
    page.route("https://tile.openstreetmap.org/**", lambda route: hung.append(route.request.url))  # no answer
    page.goto(app_url)
    frame = map_frame(page)
    assert hung, "the map asked for no tiles"
    assert frame.evaluate("() => document.readyState") != "complete"  # its load event has not come
    found = [m["id"] for m in markers(frame)]
    assert len(found) >= 3, found
    assert frame.evaluate("() => window.mapappBase()") == "osm"  # still waiting for its tiles
