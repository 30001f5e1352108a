"""Events in the app as a user sees them (issue 14): a real store of the seeds, ``streamlit run``,
headless Chromium that may only reach localhost. Switch to Events, find the Tovuz event with two
sources, open its popup and read both reports; the side panel and the permalink follow."""

from __future__ import annotations

import pytest
from browsing import component_frame, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every event marker (``ev:<id>``) with its tooltip text, whether it is drawn on screen, and where
# a user would click to reach it: the marker itself, or the cluster holding it.
EVENTS_JS = """() => {
  const out = [], seen = new Set(), size = window.map.getSize();
  function visit(layer, cluster) {
    if (!layer || seen.has(layer)) return;
    seen.add(layer);
    if (typeof layer.getVisibleParent === 'function') cluster = layer;
    if (layer.options && typeof layer.options.placeId === 'string' && layer.options.placeId.startsWith('ev:')) {
      const t = layer.getTooltip && layer.getTooltip();
      const span = document.createElement('span');
      span.innerHTML = t ? t.getContent() : '';
      // a circle marker has no icon: drawn, it has a path on the map; else the cluster icon holds it
      const own = !!(layer._path && layer._map);
      const parent = own || !cluster ? layer : cluster.getVisibleParent(layer);
      const at = parent ? window.map.latLngToContainerPoint(parent.getLatLng()) : {x: -1, y: -1};
      const inside = at.x > 20 && at.y > 20 && at.x < size.x - 20 && at.y < size.y - 20;
      out.push({id: layer.options.placeId, text: span.textContent, own: own,
                x: at.x, y: at.y, inside: inside});
      return;
    }
    if (typeof layer.getLayers === 'function') layer.getLayers().forEach(l => visit(l, cluster));
  }
  Object.values(window.map._layers).forEach(l => visit(l, null));
  return out;
}"""


@pytest.fixture(scope="module")
def app_url(seed_db, streamlit_server):
    return streamlit_server(seed_db)


def event_frame(page, timeout: float = 60.0):
    """The map's frame once it draws event markers."""

    def find():
        for f in page.frames:
            try:
                if f.evaluate("() => !!window.map") and f.evaluate(EVENTS_JS):
                    return f
            except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                pass
        return None

    return wait_for(find, timeout, "the map to draw event markers")


def test_switch_to_events_find_the_tovuz_event_with_two_sources_and_read_both_reports(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?center=40.9,45.7&zoom=8")  # the Tovuz district, north-west Azerbaijan
    page.get_by_text("mentions of").first.wait_for(timeout=60_000)  # the Mentions page first
    page.locator('[data-testid="stSidebar"]').get_by_text("Events", exact=True).click()
    page.get_by_text("Selected event").first.wait_for(timeout=60_000)
    frame = event_frame(page)
    box = frame.frame_element().bounding_box()

    def tovuz():
        ms = [m for m in frame.evaluate(EVENTS_JS) if m["text"].startswith("Tovuz") and "2 sources" in m["text"]]
        return ms[0] if len(ms) == 1 else None

    target = wait_for(tovuz, what="one Tovuz event with two sources")
    assert "2020-07-12" in target["text"] and "clash" in target["text"]
    for _ in range(8):  # click its cluster until the marker itself is drawn (a user's way in)
        target = tovuz()
        if target["own"]:
            break
        assert target["inside"], target
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        page.wait_for_timeout(900)
    assert target["own"] and target["inside"], target
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=15_000)
    text = popup.inner_text()
    assert "2 articles from 2 outlets" in text and "armed clash or attack" in text
    assert popup.locator(".mapapp-excerpt").count() == 2  # both reports
    assert "Trend" in text and "no outlet" in text  # seed 000's outlet; seed 004 names none
    assert "Armenian forces conducted an unprovoked attack" in text
    # the click selected the event: the side panel lists its reports, the address is a permalink
    wait_for(lambda: target["id"].replace(":", "%3A") in page.evaluate("() => location.href"), what="the permalink")
    here = page.evaluate("() => location.href")
    assert "mode=events" in here
    panel = page.locator('[data-testid="stHtml"]').filter(has_text="unprovoked attack")
    wait_for(lambda: panel.count() > 0, what="the side panel to show the event")
    assert panel.first.locator(".mapapp-excerpt").count() == 2
    # the permalink reopens Events mode on the same event (in the side panel) and map view
    page.goto(here)
    event_frame(page)
    panel = page.locator('[data-testid="stHtml"]').filter(has_text="unprovoked attack")
    wait_for(lambda: panel.count() > 0, what="the side panel to show the event again")
    assert panel.first.locator(".mapapp-excerpt").count() == 2


def test_the_standalone_page_of_events_draws_them_from_file_with_no_network(browser, seed_db, tmp_path):
    from mapapp.store import Store
    from mapapp.store import events as ev
    from mapapp.store.filters import Filters
    from mapapp.web import eventmarkers, png
    from mapapp.web.view import View

    with Store(seed_db) as s:
        df = ev.events(s, Filters(include_undated=True), order="sources")
        reps = ev.reports(s, df["event_id"].tolist())
    path = tmp_path / "events.html"
    path.write_text(eventmarkers.standalone_events_html(df, reps, View(mode="events"), "Events <b>"), "utf-8")
    ctx = browser.new_context(viewport={"width": 1000, "height": 700})
    page = ctx.new_page()
    external: list[str] = []

    def route(r):
        if png.is_local_url(r.request.url):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("window.mapappReady === true", timeout=30_000)
        ids = page.evaluate("window.mapappPlaceIds()")
        assert sorted(ids) == sorted(f"ev:{i}" for i in df["event_id"])
        assert page.locator("#mapapp-share-head").inner_text().startswith("Events <b>")
        assert [u for u in external if not u.startswith("https://tile.openstreetmap.org/")] == []
    finally:
        ctx.close()


def test_play_steps_through_the_events_in_the_browser(app_url, browser_page):
    page = browser_page
    page.goto(app_url + "/?mode=events&undated=0")
    frame = event_frame(page)
    comp = component_frame(page)
    comp.locator("#play-unit").select_option("month")
    comp.locator("#play-go").click()
    wait_for(lambda: frame.evaluate("() => (window.mapappPlayStats || {}).windows >= 1"), what="the first window")
    comp.locator("#play-go").click()  # pause
    stats = frame.evaluate("() => window.mapappPlayStats")
    assert stats["shown"] >= 1  # the events dated in the first month with any
    label = comp.locator("#play-label").inner_text()
    assert label.startswith("2020-07") or label[:4].isdigit(), label


@pytest.fixture(scope="module")
def events_snapshot_url(seed_db, streamlit_server, tmp_path_factory):
    """A copy of the seeds with a frozen snapshot of their events, and its address."""
    import shutil

    from mapapp.store import Store
    from mapapp.store import events as ev
    from mapapp.store.filters import Filters
    from mapapp.web import snapshots
    from mapapp.web.view import View

    db = str(tmp_path_factory.mktemp("evsnap") / "evsnap.sqlite")
    shutil.copy(seed_db, db)
    with Store(db) as s:
        ev.update_pending(s)
        df = ev.events(s, Filters(include_undated=True))
        sid = snapshots.save_event_snapshot(s, View(mode="events"), df, ev.reports(s, df["event_id"].tolist()), "then")
    return streamlit_server(db) + "/?snapshot=" + sid


def test_a_frozen_snapshot_of_events_is_drawn_on_the_map_and_its_clicks_fill_the_side_panel(
    events_snapshot_url, browser_page
):
    page = browser_page
    page.goto(events_snapshot_url)
    page.get_by_text("of events, saved").first.wait_for(timeout=60_000)
    frame = event_frame(page)
    box = frame.frame_element().bounding_box()
    for _ in range(10):  # zoom into clusters until an event marker itself is drawn, then click it
        ms = [m for m in frame.evaluate(EVENTS_JS) if m["inside"]]
        assert ms, "no event inside the map"
        own = [m for m in ms if m["own"]]
        target = own[0] if own else ms[0]
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        page.wait_for_timeout(900)
        if own:
            break
    assert target["own"], target
    frame.locator(".leaflet-popup-content").wait_for(timeout=15_000)
    name = target["text"].split(" ·")[0].split(",")[0]
    panel = page.locator('[data-testid="stHtml"]').filter(has_text=name)
    wait_for(lambda: panel.count() > 0, what="the side panel to show the clicked event")
    assert "snapshot=" in page.evaluate("() => location.href")  # the address stays the snapshot's
