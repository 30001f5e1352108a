"""The app end to end: a real store of the seeds, ``streamlit run`` on a free port, headless
Chromium that may only reach localhost (a screenshot lands in test-artifacts/ on failure)."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from browsing import component_frame, map_frame, url, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# Every place marker on the map (clustered or not): its tooltip text and place id.
MARKERS_JS = """() => {
  const out = [];
  const seen = new Set();
  function visit(layer) {
    if (!layer || seen.has(layer)) return;
    seen.add(layer);
    if (layer.options && layer.options.placeId !== undefined) {
      const t = layer.getTooltip && layer.getTooltip();
      const span = document.createElement('span');
      span.innerHTML = t ? t.getContent() : '';
      out.push({id: layer.options.placeId, text: span.textContent});
      return;
    }
    if (typeof layer.getLayers === 'function') layer.getLayers().forEach(visit);
  }
  if (!window.map) return null;
  Object.values(window.map._layers).forEach(visit);
  return out;
}"""


@pytest.fixture(scope="module")
def app_url(seed_db, streamlit_server):
    return streamlit_server(seed_db)


def markers(frame) -> list[dict]:
    return frame.evaluate(MARKERS_JS) or []


def names(frame) -> str:
    return " | ".join(m["text"] for m in markers(frame))


SLIDER = '[data-testid="stSidebar"] [data-testid="stSlider"]'


def _day(us: str) -> date:
    return date(1970, 1, 1) + timedelta(microseconds=int(us))


def slider_bounds(page) -> tuple[date, date]:
    start = page.locator(SLIDER).first.locator('input[type="range"]').first
    return _day(start.get_attribute("min")), _day(start.get_attribute("max"))


def slider_start(page) -> date:
    start = page.locator(SLIDER).first.locator('input[type="range"]').first
    return date.fromisoformat(start.get_attribute("aria-valuetext"))


def move_slider_start(page, target: date, ok: tuple[date, date]) -> None:
    """Drag the slider's start thumb to ``target`` with the mouse (then nudge it with the arrow
    keys into ``ok``): what a user does."""
    lo, hi = slider_bounds(page)
    s = page.locator(SLIDER).first
    thumbs = s.locator('[data-testid="stSliderThumbValue"]').locator("xpath=..")
    a, b = thumbs.nth(0).bounding_box(), thumbs.nth(1).bounding_box()
    x0, x1 = a["x"] + a["width"] / 2, b["x"] + b["width"] / 2
    y = a["y"] + a["height"] / 2
    x = x0 + (x1 - x0) * (target - lo).days / max(1, (hi - lo).days)
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move(x, y, steps=10)
    page.mouse.up()
    wait_for(lambda: slider_start(page) != lo, what="the slider to move")
    start = s.locator('input[type="range"]').first
    for _ in range(60):
        cur = slider_start(page)
        if ok[0] <= cur <= ok[1]:
            return
        start.focus()
        page.keyboard.press("ArrowRight" if cur < ok[0] else "ArrowLeft")
        time.sleep(0.3)
    raise AssertionError(f"could not set the slider into {ok} (at {slider_start(page)})")


def test_markers_are_drawn_from_local_assets_only(app_url, browser_page):
    page = browser_page
    page.goto(app_url)
    frame = map_frame(page)
    found = names(frame)
    for place in ("London", "Tovuz", "Netherlands", "Baku"):
        assert place in found, found
    # Leaflet, the cluster plugin and the outlines came from the app; only map tiles were refused,
    # and the map switched to the offline outlines by itself.
    assert page.blocked_urls and all("tile.openstreetmap.org" in u for u in page.blocked_urls), page.blocked_urls
    wait_for(
        lambda: frame.evaluate("() => window.mapappBase && window.mapappBase()") == "offline",
        what="the offline base layer",
    )
    wait_for(
        lambda: frame.locator("path.leaflet-interactive").count() > len(markers(frame)), what="the country outlines"
    )
    assert "GeoNames" in frame.locator(".leaflet-control-attribution").inner_text()
    if not frame.locator(".mapapp-legend details").evaluate("d => d.open"):  # folded on a narrow map
        frame.locator(".mapapp-legend summary").click()
    legend = frame.locator(".mapapp-legend").inner_text()
    assert "GeoNames (CC BY 4.0)" in legend and "OpenStreetMap contributors" in legend
    # an app, not a notebook: no "Deploy" button in Streamlit's toolbar (``client.toolbarMode minimal``)
    assert page.get_by_text("Deploy", exact=True).count() == 0


# when the table of mentions first shows, on the page's clock (comparable with the map frame's)
TABLE_CLOCK = """if (window === window.top) { new MutationObserver(() => {
  if (!window.__tableAt && document.querySelector('[data-testid="stDataFrame"]')) {
    window.__tableAt = performance.timeOrigin + performance.now(); } }).observe(document, {subtree: true, childList: true}); }"""


def test_the_table_of_mentions_shows_after_the_map_has_drawn_its_markers(app_url, browser_page):
    # issue 12: the table's part of Streamlit's front end (1.3 MB) no longer delays the first map
    page = browser_page
    page.add_init_script(TABLE_CLOCK)
    page.goto(app_url)
    frame = map_frame(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    ds = frame.evaluate("() => window.mapappDrawStats")
    added = ds["at"] + ds["parseMs"] + ds["buildMs"] + ds["addMs"]  # the first markers on the map
    assert page.evaluate("() => window.__tableAt") > added
    # nor was its JavaScript asked for before (with the table on the first screen it is, at once)
    asked = page.evaluate(
        """() => performance.getEntriesByType('resource').filter(e => /\\/DataFrame\\.[^/]*\\.js$/.test(e.name))
          .map(e => performance.timeOrigin + e.startTime)"""
    )
    assert asked and min(asked) > added, (asked, added)
    assert page.get_by_text("appears once the map has drawn").count() == 0
    # the first markers are all there; the table lists the mentions
    assert all(p in names(frame) for p in ("London", "Tovuz", "Netherlands", "Baku"))


def test_slider_to_december_2020_updates_only_the_marker_layer(app_url, browser_page):
    page = browser_page
    page.goto(app_url)
    frame = map_frame(page)
    frame.evaluate("() => { window.__sameFrame = 42; }")
    before = names(frame)
    assert "London" in before and "Tovuz" in before
    move_slider_start(page, date(2020, 12, 3), (date(2020, 12, 1), date(2020, 12, 6)))
    wait_for(lambda: "London" not in names(frame), what="London to leave the map")
    after = names(frame)
    assert "Tovuz" not in after and "Netherlands" in after, after
    # the map may follow before the app does (drawn from the strip's counts); the permalink follows,
    # and the app's own layer then keeps the same places
    wait_for(lambda: "from=2020-12-0" in url(page), what="the permalink to follow")
    comp = component_frame(page)
    wait_for(lambda: comp.evaluate("() => window.mapappRange().preview === null"), what="the app's answer drawn")
    final = names(frame)
    assert "London" not in final and "Tovuz" not in final and "Netherlands" in final, final
    assert frame.evaluate("() => window.__sameFrame") == 42  # the map frame was not reloaded


def test_clicking_a_marker_shows_its_excerpt(app_url, browser_page):
    page = browser_page
    page.goto(app_url)
    frame = map_frame(page)
    nl = next(m for m in markers(frame) if "Netherlands" in m["text"])
    centre = """(id) => { let p = null; Object.values(window.map._layers).forEach(l => {
             if (l.options && l.options.placeId === id) {
               window.map.setView(l.getLatLng(), 8, {animate: false});  // alone on screen
               l.bringToFront();
               p = window.map.latLngToContainerPoint(l.getLatLng()); } });
           return p && {x: p.x, y: p.y}; }"""
    point = frame.evaluate(centre, nl["id"])
    assert point, "the Netherlands marker is not on screen"
    page.wait_for_timeout(1500)  # moving the map is reported to the app: one rerun, no reload
    point = frame.evaluate(centre, nl["id"])
    box = frame.frame_element().bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])  # one click is enough
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert "Netherlands" in popup.inner_text() and "rally" in popup.inner_text()
    # the click also selects the place: the side panel lists its excerpts
    wait_for(lambda: page.locator(".mapapp-excerpt mark", has_text="Netherlands").count() > 0, what="the side panel")
    assert "place=" in page.url


def test_hostile_article_text_shows_as_text(app_url, browser_page):
    page = browser_page
    page.goto(app_url)
    baku = next(m for m in markers(map_frame(page)) if m["text"].startswith("Baku"))
    page.goto(app_url + "/?undated=1&place=" + baku["id"])
    frame = map_frame(page)
    wait_for(lambda: page.locator(".mapapp-excerpt").count() > 0, what="the side panel")
    panel = " ".join(page.locator(".mapapp-excerpt").all_inner_texts())
    assert "<script>window.__pwned=1</script>" in panel
    assert '<img src=x onerror="window.__pwned=2">' in panel
    assert page.evaluate("() => window.__pwned") is None
    assert frame.evaluate("() => window.__pwned") is None
    # the same text in the marker's popup
    # every place marker, clustered or not (clusters hold the markers they draw as one)
    popups = frame.evaluate(
        """() => { const out = new Set();
                   (function visit(ls) { ls.forEach(l => {
                     if (l.getPopup && l.getPopup() && l.options.placeId) { out.add(l.getPopup().getContent()); }
                     else if (typeof l.getLayers === 'function') { visit(l.getLayers()); } }); })(
                   Object.values(window.map._layers));
                   return Array.from(out).join(' '); }"""
    )
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in popups
    assert "<script>" not in popups and "<img" not in popups
    assert page.locator('.mapapp-excerpt a[href^="javascript"]').count() == 0
