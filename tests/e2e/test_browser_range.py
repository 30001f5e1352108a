"""The date strip under the map in a real browser (issue 12): a range dragged across it is drawn
at once from the per-marker counts the map holds, the app hears only the settled range (the
sidebar's slider and the address follow it, a reload keeps it) and its rerun never brings the
old markers back; with a filter the counts cannot express the strip still sets the dates, through
the app. A small store made here, ``streamlit run``, headless Chromium that may only reach
localhost."""

from __future__ import annotations

import time
from datetime import date

import pytest
from browsing import component_frame, map_frame, url, wait_counts, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# the place ids of the markers on the map (clustered ones too), and whether each is hollow
MARKER_IDS_JS = """() => {
  const out = {}, seen = new Set();
  function visit(layer) {
    if (!layer || seen.has(layer)) return;
    seen.add(layer);
    if (layer.options && layer.options.placeId !== undefined) {
      out[layer.options.placeId] = layer.options.fillColor === '#ffffff' ? 'hollow' : 'filled';
      return;
    }
    if (typeof layer.getLayers === 'function') layer.getLayers().forEach(visit);
  }
  Object.values(window.map._layers).forEach(visit);
  return out;
}"""
# the radius of each place's marker
MARKER_RADII_JS = MARKER_IDS_JS.replace(
    "layer.options.fillColor === '#ffffff' ? 'hollow' : 'filled'", "layer.options.radius"
)
BAKU, YEREVAN, GANJA, TBILISI = "gn:587084", "gn:616052", "gn:586523", "gn:611717"


@pytest.fixture(scope="module")
def range_db(tmp_path_factory) -> str:
    """Baku in January and February 2020, Yerevan from May to July, Ganja in November and
    December, Tbilisi undated: each part of the year has its own place."""
    from mapapp.store import Store

    from factories import BAKU as baku
    from factories import GANJA as ganja
    from factories import TBILISI as tbilisi
    from factories import YEREVAN as yerevan
    from factories import article, mention

    db = str(tmp_path_factory.mktemp("range") / "range.sqlite")
    with Store(db) as s:
        n = 0
        for place, months in ((baku, (1, 2)), (yerevan, (5, 6, 7)), (ganja, (11, 12))):
            for m in months:
                for day in (3, 14, 25):
                    n += 1
                    a = article(f"a{n}", f"Talks in {place.name} went on.", published=date(2020, m, day))
                    s.upsert_article(a, [mention(a, place.name, place, date(2020, m, day))])
        u = article("undated", "Rally in Tbilisi.", published=None)
        s.upsert_article(u, [mention(u, "Tbilisi", tbilisi, None, "unknown")])
    return db


@pytest.fixture(scope="module")
def range_url(range_db, streamlit_server):
    return streamlit_server(range_db)


def drag(page, comp, a: float, z: float) -> None:
    """Drag across the strip from ``a`` to ``z`` (shares of its width), as a user does."""
    box = comp.locator("#strip-bars").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * a, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * z, y, steps=6)
    page.mouse.up()


def slider_start(page) -> str:
    s = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]').first
    return s.get_attribute("aria-valuetext") or ""


def sent_before_paint(frame, comp, last: int) -> list[int]:
    """The events queued after ``last`` (a seq) that the component sent before the dragged range was
    painted: none when the range is drawn in the browser first. A seq is its ms clock times 1000;
    on a loaded machine the range may settle and be sent before the test looks, but never earlier."""
    painted = frame.evaluate("() => window.mapappRangeStats.paintedAt")
    seqs = comp.evaluate(f"() => window.mapappPending().filter((e) => e.seq > {last}).map((e) => e.seq)")
    return [q for q in seqs if q / 1000 < painted - 5]  # 5 ms for the two frames' clocks


def test_a_range_dragged_on_the_strip_is_drawn_at_once_and_the_app_follows_it(range_url, browser_page):
    page = browser_page
    page.goto(range_url)
    frame = map_frame(page)
    comp = component_frame(page)
    assert set(frame.evaluate(MARKER_IDS_JS)) == {BAKU, YEREVAN, GANJA, TBILISI}
    comp.locator("#strip-bars").hover()  # the counts are asked for once the pointer comes
    wait_counts(comp)
    frame.evaluate("() => { window.__same = 1; window.__seq = window.mapappLayerSeq; }")
    last = comp.evaluate("() => Math.max(0, ...window.mapappPending().map((e) => e.seq))")

    drag(page, comp, 0.35, 0.62)  # the middle of the year: Yerevan's months
    wait_for(lambda: frame.evaluate("() => !!window.mapappRangeStats"), what="the range drawn")
    shown = frame.evaluate(MARKER_IDS_JS)
    # drawn in the browser before the app is told: no new layer from the app, no event sent first
    assert frame.evaluate("() => window.mapappLayerSeq === window.__seq")
    assert sent_before_paint(frame, comp, last) == []
    assert shown == {YEREVAN: "filled", TBILISI: "hollow"}, shown  # undated: in whatever the dates
    rng = comp.evaluate("() => window.mapappRange()")
    assert rng["from"] and rng["to"] and rng["from"] < "2020-07-01" and rng["to"] >= "2020-06-01", rng

    # the settled range reaches the app: the address and the slider follow; through that rerun
    # the markers never go back to another range
    seen = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        seen.append(frozenset(frame.evaluate(MARKER_IDS_JS)))
        if f"from={rng['from']}" in url(page) and f"to={rng['to']}" in url(page) and slider_start(page) == rng["from"]:
            if frame.evaluate("() => window.mapappLayerSeq > window.__seq"):  # the app's layer, drawn
                break
        time.sleep(0.05)
    else:
        raise AssertionError(f"the app did not follow the strip: {url(page)} {slider_start(page)}")
    for _ in range(20):
        seen.append(frozenset(frame.evaluate(MARKER_IDS_JS)))
        time.sleep(0.05)
    assert set(seen) == {frozenset({YEREVAN, TBILISI})}, seen
    assert comp.evaluate("() => window.mapappRange()")["from"] == rng["from"]
    assert frame.evaluate("() => window.__same") == 1  # the map was not reloaded
    # the strip, with its bars, is the page's one timeline: no second chart under the map
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0

    # a reload of the address keeps the range: the map, the strip and the slider
    page.goto(url(page))
    frame = map_frame(page)
    comp = component_frame(page)
    assert set(frame.evaluate(MARKER_IDS_JS)) == {YEREVAN, TBILISI}
    wait_for(lambda: comp.evaluate("() => window.mapappRange()")["from"] == rng["from"], what="the strip's range")
    assert slider_start(page) == rng["from"]

    # a double-click takes every date again: the address loses its dates
    box = comp.locator("#strip-bars").bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_for(lambda: set(frame.evaluate(MARKER_IDS_JS)) == {BAKU, YEREVAN, GANJA, TBILISI}, what="every marker")
    wait_for(lambda: "from=" not in url(page) and "to=" not in url(page), what="the dates gone from the address")


def test_the_first_screen_has_the_strips_bars_and_the_first_drag_needs_no_server(range_url, browser_page):
    """The strip shows its bars on the first screen, and once the map is drawn and the page idle
    it holds its counts without the pointer coming near it: the first drag is drawn here."""
    page = browser_page
    page.goto(range_url)
    frame = map_frame(page)
    comp = component_frame(page)
    label = comp.locator("#strip-label")
    wait_for(lambda: "dated mentions" in label.inner_text(), what="the strip's bars and their count")
    assert comp.evaluate("() => window.mapappRange().bars") > 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0  # the strip is the timeline
    # the pointer never came to the strip: the counts come by themselves
    wait_counts(comp)
    assert "18 dated mentions" in label.inner_text()  # on the slider's track (its dense part)
    # the app hears that they are here (no event waits), and does not send them again
    wait_for(lambda: comp.evaluate("() => window.mapappPending().length") == 0, what="the events handled")
    frame.evaluate("() => { window.__seq = window.mapappLayerSeq; }")
    drag(page, comp, 0.7, 0.98)  # the end of the year: Ganja's months
    wait_for(lambda: frame.evaluate("() => !!window.mapappRangeStats"), what="the range drawn")
    # drawn here: no layer from the app, no event sent before the paint (the range settles 350 ms after)
    assert frame.evaluate("() => window.mapappLayerSeq === window.__seq")
    assert sent_before_paint(frame, comp, 0) == []
    assert frame.evaluate(MARKER_IDS_JS) == {GANJA: "filled", TBILISI: "hollow"}
    wait_for(lambda: "from=" in url(page), what="the settled range in the address")


def test_with_a_search_the_strip_sets_the_dates_through_the_app(range_url, browser_page):
    page = browser_page
    page.goto(range_url + "/?q=Talks")  # the counts do not hold a text search
    frame = map_frame(page)
    comp = component_frame(page)
    assert set(frame.evaluate(MARKER_IDS_JS)) == {BAKU, YEREVAN, GANJA}
    label = comp.locator("#strip-label")
    wait_for(lambda: "once you let go" in label.inner_text(), what="the strip saying how it works now")
    drag(page, comp, 0.7, 0.98)  # the end of the year: Ganja's months
    wait_for(lambda: "from=" in url(page), what="the range in the address")
    wait_for(lambda: set(frame.evaluate(MARKER_IDS_JS)) == {GANJA}, what="the app's markers for the range")
    assert not frame.evaluate("() => !!window.mapappRangeStats")  # nothing was drawn from counts
    # the strip has no bars to show for a search: the page's chart of mentions per month does (it
    # loads its part of Streamlit's front end after the map's first draw: waited for, not assumed)
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    wait_for(lambda: chart.count() == 1, what="the chart of mentions per month")
    assert "q=Talks" in url(page)


def test_the_apps_answer_to_a_settled_range_does_not_fight_the_next_drag(range_url, browser_page):
    page = browser_page
    page.goto(range_url)
    frame = map_frame(page)
    comp = component_frame(page)
    comp.locator("#strip-bars").hover()
    wait_counts(comp)
    sent = comp.evaluate("() => window.mapappPending().length")
    drag(page, comp, 0.35, 0.62)  # Yerevan's months, settled and sent to the app...
    box = comp.locator("#strip-bars").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.8, y)
    comp.wait_for_function(f"() => window.mapappPending().length > {sent}", polling="raf", timeout=10_000)
    page.mouse.down()  # ...while the user drags again, at once: Ganja's months
    page.mouse.move(box["x"] + box["width"] * 0.98, y, steps=4)
    # the app handles the first range (its event acknowledged, its layer sent) meanwhile
    wait_for(lambda: comp.evaluate("() => window.mapappPending().length") == 0, what="the first range handled")
    page.wait_for_timeout(300)
    assert set(frame.evaluate(MARKER_IDS_JS)) == {GANJA, TBILISI}  # still the range being dragged
    page.mouse.up()
    to = comp.evaluate("() => window.mapappRange()")
    wait_for(lambda: to["from"] and f"from={to['from']}" in url(page), what="the second range in the address")
    wait_for(lambda: frame.evaluate("() => window.mapappLayerSeq") >= 2, what="the app's layer")
    page.wait_for_timeout(500)
    assert set(frame.evaluate(MARKER_IDS_JS)) == {GANJA, TBILISI}


def test_a_sidebar_slider_move_is_drawn_at_once_and_the_apps_answer_agrees(range_url, browser_page):
    """Letting go of the sidebar's date slider draws its range from the strip's counts at once
    (no round trip); the slider's rerun then brings the app's own layer, drawn in place, with the
    same markers."""
    page = browser_page
    page.goto(range_url)
    frame = map_frame(page)
    comp = component_frame(page)
    wait_counts(comp)
    wait_for(lambda: comp.evaluate("() => window.mapappPending().length") == 0, what="the events handled")
    frame.evaluate("() => { window.__same = 1; window.__seq = window.mapappLayerSeq; }")
    thumb = page.locator('[data-testid="stSidebar"] [data-testid="stSliderThumbValue"]').first.locator("xpath=..")
    a = thumb.bounding_box()
    track = thumb.locator("xpath=..").bounding_box()
    y = a["y"] + a["height"] / 2
    page.mouse.move(a["x"] + a["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.75, y, steps=5)
    page.mouse.up()
    start = slider_start(page)
    assert "2020-07-26" <= start < "2020-11-03", start  # after Yerevan's months, before Ganja's
    stats = wait_for(lambda: frame.evaluate("() => window.mapappSliderStats"), what="the slider's range drawn")
    # drawn here before the app's answer: Ganja, and Tbilisi (undated: in whatever the dates)
    assert stats["layerSeq"] == frame.evaluate("() => window.__seq"), stats
    assert stats["rows"] == 2 and stats["from"] == start and stats["to"] is None, stats
    rng = comp.evaluate("() => window.mapappRange()")
    assert rng["from"] and rng["from"] <= start and rng["to"] is None, rng  # the strip shows it too
    # the sizes the browser gave the range it drew itself
    layer = frame.evaluate("() => window.mapappSliderLayer")
    drawn_here = {r[layer["fields"].index("place_id")]: r[layer["fields"].index("radius")] for r in layer["rows"]}
    # the slider's rerun: the app's layer, drawn in place, the same markers and sizes; the preview is over
    wait_for(lambda: frame.evaluate("() => window.mapappLayerSeq > window.__seq"), what="the app's layer")
    wait_for(lambda: comp.evaluate("() => window.mapappRange().preview") is None, what="the preview ended")
    assert frame.evaluate(MARKER_IDS_JS) == {GANJA: "filled", TBILISI: "hollow"}
    assert frame.evaluate(MARKER_RADII_JS) == drawn_here, drawn_here
    assert drawn_here[GANJA] > drawn_here[TBILISI], drawn_here  # six mentions against one
    assert f"from={start}" in url(page)
    assert frame.evaluate("() => window.__same") == 1  # the map was not reloaded
