"""The map's look in the app itself (issue 12): a real store of the seeds, ``streamlit run``, and
headless Chromium that may only reach localhost (so tiles fail and the offline map shows)."""

from __future__ import annotations

import browsing
import pytest
from browsing import url, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every place marker in the map frame: drawn on its own or inside a cluster, whether the page
# shows that marker at its centre, its pane and its width on the screen.
MARKERS_JS = """() => {
  const out = [], seen = new Set();
  (function visit(ls) { ls.forEach(l => {
    if (seen.has(l)) { return; }
    seen.add(l);
    if (l.options && l.options.placeId !== undefined) {
      const drawn = !!(l._path && l._map);
      let hit = false, w = 0;
      if (drawn) {
        const r = l._path.getBoundingClientRect();
        w = r.width;
        const inside = r.x >= 0 && r.y >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
        hit = !inside || document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === l._path;
      }
      out.push({id: String(l.options.placeId), drawn, hit, w, area: l.options.pane === 'mapapp-areas'});
    } else if (typeof l.getLayers === 'function') { visit(l.getLayers()); }
  }); })(Object.values(window.map._layers));
  return out;
}"""


@pytest.fixture(scope="module")
def app_url(seed_db, streamlit_server):
    return streamlit_server(seed_db)


def map_frame(page):
    return browsing.map_frame(page, 60.0, "() => !!(window.map && window.mapappLabels && window.mapappLabels() > 0)")


def test_first_screen_every_marker_reachable_and_areas_small(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?undated=1")
    frame = map_frame(page)
    ms = wait_for(lambda: frame.evaluate(MARKERS_JS), what="the markers")
    assert len(ms) >= 10
    areas = [m for m in ms if m["area"]]
    assert areas and all(m["w"] <= 22 for m in areas if m["drawn"])  # rings, not discs
    # each town (any point) drawn on its own shows at its centre, over the areas' rings; the others
    # are inside a cluster icon (areas lie under the towns: they are reached by zooming in)
    points = [m for m in ms if not m["area"]]
    assert all(m["hit"] for m in points if m["drawn"]), [m for m in points if m["drawn"] and not m["hit"]]
    clustered = [m for m in points if not m["drawn"]]
    if clustered:
        assert frame.locator(".marker-cluster").count() > 0


def test_marker_colour_by_recency_from_the_sidebar(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?undated=1")
    frame = map_frame(page)
    title = ".mapapp-legend .mapapp-colour-title"
    assert frame.locator(title).text_content() == "Colour: kind of place"
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Last mentioned").click()
    wait_for(
        lambda: frame.locator(title).text_content() == "Colour: last mentioned", what="the legend to follow the colour"
    )
    assert "within a week of" in frame.locator(".mapapp-legend .mapapp-colours").text_content()
    # the address bar is a permalink at once (``page.url`` lags Streamlit's pushState: read the page's)
    wait_for(lambda: "colour=recency" in url(page), what="the colour in the address bar")
    # a reload of that address opens with the same colours, and the sidebar says so
    page.reload()
    frame = map_frame(page)
    wait_for(lambda: frame.locator(title).text_content() == "Colour: last mentioned", what="the colours after a reload")
    assert sidebar.get_by_role("radio", name="Last mentioned").is_checked()
    # back to kinds: the address drops the parameter (kind is the default)
    sidebar.get_by_text("Kind of place").click()
    wait_for(lambda: "colour=" not in url(page), what="the default colour to leave the address")
    wait_for(lambda: frame.locator(title).text_content() == "Colour: kind of place", what="the kinds legend again")
    # a permalink with colour=recency opens with the same colours
    page.goto(app_url + "/?undated=1&colour=recency")
    frame = map_frame(page)
    wait_for(lambda: frame.locator(title).text_content() == "Colour: last mentioned", what="the permalink's colours")


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_the_map_has_room_beside_the_side_panel(app_url, browser, width, height):
    """At 1280 px with the sidebar open the map takes most of the page (it was 484 px) and the side
    panel keeps at least its old width; on a phone the map spans the screen, the panel under it."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
        page.goto(app_url)
        map_frame(page)
        sizes = page.evaluate(
            """() => { const f = [...document.querySelectorAll('iframe')].find(x => x.src.includes('mapapp_map'));
                 const p = [...document.querySelectorAll('[data-testid="stSelectbox"]')].find(x => x.innerText.includes('Selected place'));
                 const a = f.getBoundingClientRect(), b = p.getBoundingClientRect();
                 return {map: a.width, mapLeft: a.left, panel: b.width, panelTop: b.top, mapBottom: a.bottom}; }"""
        )
        if width >= 1000:
            assert sizes["map"] >= 560, sizes
            assert sizes["panel"] >= 320, sizes
        else:
            assert sizes["map"] >= width - 40, sizes
            assert sizes["panelTop"] >= sizes["mapBottom"], sizes  # stacked under the map
    finally:
        context.close()
