"""Sharing in real headless Chromium (every request off localhost / file: is aborted):

* a permalink copied from the app's sharing panel, opened in a fresh browser context, shows the
  same markers as the page it came from;
* a saved snapshot (``?snapshot=ID``) still shows its markers after new articles are ingested,
  while the live page shows the new place;
* the standalone HTML opened from ``file://`` draws the expected markers, fetches no script or
  stylesheet from anywhere, and hostile article text never fires a dialog;
* ``mapapp snapshot --png`` writes a PNG of the asked size that is not blank (markers drawn).

One Streamlit server for the module (``streamlit_server`` from tests/e2e/conftest.py).
"""

from __future__ import annotations

import dataclasses
import json
import struct
import time
import zlib
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from mapapp import cli
from mapapp.models import Article
from mapapp.store import Store
from mapapp.store.filters import Filters
from mapapp.web import png, snapshots, standalone
from mapapp.web.view import View

from factories import BAKU, GANJA, SHUSHA, TBILISI, YEREVAN
from factories import mention as _mention

pytestmark = pytest.mark.browser


HOSTILE = {
    "title": "<script>alert('title')</script><img src=x onerror=alert('title-img')>",
    "source": "<img src=x onerror=alert('source')>",
    "url": "javascript:alert('url')",
    "text": "Crowds in Baku chanted <script>alert('text')</script> `${alert('tpl')}` <svg onload=alert('svg')>.",
}

# Place ids of every place marker on the Leaflet map of a frame (clustered or not).
PLACE_IDS_JS = """() => {
  const map = window.mapappMap;
  if (!map || typeof L === 'undefined') { return null; }
  const seen = new Set(), ids = [];
  const visit = (l) => {
    if (l.options && l.options.placeId !== undefined) {
      const k = L.stamp(l);
      if (!seen.has(k)) { seen.add(k); ids.push(String(l.options.placeId)); }
      return;
    }
    if (typeof l.getLayers === 'function') { l.getLayers().forEach(visit); }
  };
  map.eachLayer(visit);
  return ids.sort();
}"""


def _article(aid, text, *, published=date(2020, 7, 29), source="Trend", title=None, url=None):
    return Article(
        id=aid,
        path=f"/corpus/{aid}.txt",
        text=text,
        title=title or f"Title {aid}",
        published=published,
        published_how="header",
        source=source,
        url=url or f"https://example.org/{aid}",
        content_hash=f"h-{aid}-{len(text)}",
    )


def _add(store, aid, text, places, when, **kw):
    a = _article(aid, text, **kw)
    store.upsert_article(a, [_mention(a, p.name, p, when) for p in places])


@pytest.fixture(scope="module")
def app_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("share-app") / "store.sqlite"
    with Store(path) as s:
        _add(s, "a1", "Protesters gathered in Baku and Ganja.", [BAKU, GANJA], date(2020, 7, 27))
        _add(s, "a2", "A delegation flew from Tbilisi to Baku.", [TBILISI, BAKU], date(2020, 7, 30), source="Azernews")
        _add(s, "a3", "Talks in Yerevan.", [YEREVAN], date(2020, 7, 31), source="APA")
    return path


@pytest.fixture(scope="module")
def app_url(streamlit_server, browser, app_db) -> str:  # browser first: skips cleanly without Chromium
    return streamlit_server(app_db)


def wait_place_ids(page, timeout: float = 60.0, not_empty: bool = True) -> list[str]:
    """The place ids of the markers on the page's map (in whichever frame holds it), once they
    have been the same for a second."""
    deadline = time.monotonic() + timeout
    last, stable = None, 0
    while time.monotonic() < deadline:
        found = None
        for fr in page.frames:
            try:
                ids = fr.evaluate(PLACE_IDS_JS)
            except Exception:  # noqa: BLE001 - frame detached / not ready
                continue
            if ids is not None and (ids or found is None):
                found = ids
        if found is not None and (found or not not_empty) and found == last:
            stable += 1
            if stable >= 3:
                return found
        else:
            stable = 0
        last = found
        time.sleep(0.35)
    raise AssertionError(f"the map's markers did not settle within {timeout}s (last seen: {last})")


def wait_idle(page, timeout: float = 30.0) -> None:
    """Until Streamlit has finished running the script (its status widget says 'Running')."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        running = page.locator('[data-testid="stStatusWidget"]').filter(has_text="Running").count()
        quiet = 0 if running else quiet + 1
        page.wait_for_timeout(250)


def open_share_panel(page, timeout: float = 40.0) -> None:
    """Open the Share expander as a user would: click it, and click again if a rerun (the map
    reporting its first draw) redrew the page before the panel opened; never click an open one."""
    summary = page.locator('[data-testid="stExpander"] summary').filter(has_text="Share").first
    button = page.get_by_role("button", name="Save snapshot")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not button.is_visible() and summary.locator("xpath=..").get_attribute("open") is None:
            summary.click()
        try:
            button.wait_for(timeout=8_000)
            return
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            continue
    button.wait_for(timeout=1_000)


def code_text(page, contains: str, timeout: float = 30.0) -> str:
    loc = page.locator("code").filter(has_text=contains).first
    loc.wait_for(timeout=timeout * 1000)
    return loc.inner_text().strip()


def fresh_page(browser):
    """A page in a new browser context (no shared cookies or storage) that may only reach
    localhost; ``page.blocked_urls`` lists what was aborted."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    blocked: list[str] = []

    def route(r):
        if png.is_local_url(r.request.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page.blocked_urls = blocked
    return ctx, page


def test_permalink_reopens_the_same_markers(browser, browser_page, app_url, app_db):
    page = browser_page
    page.goto(app_url + "/?countries=AZ&from=2020-07-28", wait_until="domcontentloaded")
    ids = wait_place_ids(page)
    with Store(app_db) as s:
        expected = sorted(s.places(Filters(countries=("AZ",), date_from=date(2020, 7, 28)))["place_id"])
    assert ids == expected == ["gn:587084"]  # only Baku (Ganja is before the 28th, Tbilisi not AZ)

    open_share_panel(page)
    link = code_text(page, "countries=AZ")
    parts = urlsplit(link)
    assert parts.netloc == urlsplit(app_url).netloc
    assert parse_qs(parts.query)["from"] == ["2020-07-28"]

    ctx, other = fresh_page(browser)
    try:
        other.goto(link, wait_until="domcontentloaded")
        assert wait_place_ids(other) == ids
        assert other.blocked_urls == [] or all("tile.openstreetmap.org" in u for u in other.blocked_urls)
    finally:
        ctx.close()


def test_saved_snapshot_keeps_its_markers_after_new_articles(browser, browser_page, app_url, app_db):
    page = browser_page
    page.goto(app_url + "/?countries=AZ", wait_until="domcontentloaded")
    before = wait_place_ids(page)
    assert SHUSHA.id not in before and BAKU.id in before

    open_share_panel(page)
    title = page.get_by_label("Snapshot title")
    title.fill("AZ <b>before</b>")
    title.press("Enter")
    time.sleep(1.0)
    page.get_by_role("button", name="Save snapshot").click()
    link = code_text(page, "?snapshot=", timeout=60)
    sid = parse_qs(urlsplit(link).query)["snapshot"][0]
    assert snapshots.valid_id(sid)
    with Store(app_db) as s:
        info = snapshots.snapshot_info(s, sid)
        assert info["title"] == "AZ <b>before</b>"
        # new articles arrive (a new AZ place) and an existing one is rewritten
        _add(s, "a9", "Fresh news from Shusha.", [SHUSHA], date(2020, 8, 2), source="Report")
        _add(s, "a1", "Rewritten: only Ganja now.", [GANJA], date(2020, 7, 27))

    ctx, other = fresh_page(browser)
    try:
        other.goto(link, wait_until="domcontentloaded")
        other.get_by_text(f"Frozen snapshot {sid}").first.wait_for(timeout=60_000)
        assert wait_place_ids(other) == before
        # the live page does see the new place: the snapshot really is frozen, not stale
        other.goto(app_url + "/?countries=AZ", wait_until="domcontentloaded")
        deadline = time.monotonic() + 60
        live = wait_place_ids(other)
        while SHUSHA.id not in live and time.monotonic() < deadline:
            time.sleep(1)
            live = wait_place_ids(other)
        assert SHUSHA.id in live
    finally:
        ctx.close()


def download_from(page, panel, label: str) -> bytes:
    """Click a download button of the sharing panel and return the file. A click that lands while
    the app reruns (it does once after the map reports its view) is lost with the button it hit:
    wait for the app to be idle, and click again if needed."""
    for _attempt in range(3):
        wait_idle(page)
        try:
            with page.expect_download(timeout=20_000) as dl:
                panel.get_by_role("button", name=label, exact=True).click()
            return Path(dl.value.path()).read_bytes()
        except Exception:  # noqa: BLE001 - playwright's TimeoutError
            continue
    with page.expect_download(timeout=20_000) as dl:
        panel.get_by_role("button", name=label, exact=True).click()
    return Path(dl.value.path()).read_bytes()


def test_share_panel_downloads_html_csv_geojson_and_png(browser_page, app_url, tmp_path):
    page = browser_page
    page.goto(app_url + "/?countries=GE", wait_until="domcontentloaded")
    assert wait_place_ids(page) == [TBILISI.id]
    open_share_panel(page)
    panel = page.get_by_test_id("stExpanderDetails")

    def download(label: str) -> bytes:
        return download_from(page, panel, label)

    html = download("Standalone HTML").decode("utf-8")
    assert "Countries: GE" in html and TBILISI.id in html and BAKU.id not in html
    assert '<script src="http' not in html and "GeoNames" in html
    csv_text = download("CSV").decode("utf-8")
    assert TBILISI.id in csv_text and BAKU.id not in csv_text
    gj = json.loads(download("GeoJSON"))
    assert {f["properties"]["place_id"] for f in gj["features"]} == {TBILISI.id}

    wait_idle(page)
    panel.get_by_role("button", name="Render PNG").click()
    panel.get_by_role("button", name="PNG", exact=True).wait_for(timeout=90_000)
    png = tmp_path / "panel.png"
    png.write_bytes(download("PNG"))
    w, h, colours = _png_info(png)
    assert (w, h) == (1200, 800) and len(colours) > 30


def _hostile_html(tmp_path) -> tuple[str, list[str]]:
    with Store(tmp_path / "hostile.sqlite") as s:
        _add(
            s,
            "evil",
            HOSTILE["text"],
            [BAKU],
            date(2020, 7, 27),
            title=HOSTILE["title"],
            source=HOSTILE["source"],
            url=HOSTILE["url"],
        )
        _add(s, "ok", "Talks in Tbilisi and Yerevan.", [TBILISI, YEREVAN], date(2020, 7, 28))
        f = Filters()
        places = s.places(f)
        html = standalone.standalone_html(places, s.query(f), View(filters=f), "<script>alert('page')</script>")
    return html, sorted(places["place_id"])


def test_standalone_html_from_file_draws_markers_and_stays_inert(browser, tmp_path):
    html, expected = _hostile_html(tmp_path)
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")

    ctx = browser.new_context(viewport={"width": 1000, "height": 700})
    page = ctx.new_page()
    dialogs, external = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        if png.is_local_url(r.request.url):
            r.continue_()
        else:
            external.append((r.request.resource_type, r.request.url))
            r.abort()

    ctx.route("**/*", route)
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("window.mapappReady === true", timeout=30_000)
        assert page.evaluate("window.mapappPlaceIds()") == expected
        assert page.evaluate("window.mapappTimedOut") is False
        assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() >= len(expected)
        # tiles are blocked, so the map fell back to the offline outlines: markers stay on top
        assert page.evaluate("window.mapappBase()") == "offline"
        on_top = page.evaluate("""() => {
          const out = [], seen = new Set();
          window.mapappMap.eachLayer(function visit(l) {
            if (l.options && l.options.placeId !== undefined) {
              if (seen.has(L.stamp(l))) { return; }
              seen.add(L.stamp(l));
              const r = l._path.getBoundingClientRect();
              out.push(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === l._path);
              return;
            }
            if (typeof l.getLayers === 'function') { l.getLayers().forEach(visit); }
          });
          return out;
        }""")
        assert on_top == [True] * len(expected)
        assert page.locator("#mapapp-share-head").inner_text().startswith("<script>alert('page')</script>")
        assert "GeoNames" in page.locator("#mapapp-share-foot").inner_text()

        # open every popup and tooltip: hostile text is shown as text, nothing runs
        texts = page.evaluate("""() => {
          const out = [];
          window.mapappMap.eachLayer(function visit(l) {
            if (l.options && l.options.placeId !== undefined) {
              l.openTooltip(); l.openPopup();
              const p = document.querySelector('.leaflet-popup-content');
              out.push(p ? p.innerText : '');
              return;
            }
            if (typeof l.getLayers === 'function') { l.getLayers().forEach(visit); }
          });
          return out;
        }""")
        page.wait_for_timeout(500)
        joined = "\n".join(texts)
        assert HOSTILE["title"] in joined and HOSTILE["source"] in joined
        assert "<script>alert('text')</script>" in joined
        assert page.locator("svg[onload], [onerror]").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.locator("img[src='x']").count() == 0
        assert dialogs == []
        # no script, stylesheet or font from anywhere but the file itself (tiles may be tried)
        assert [u for (kind, u) in external if kind != "image"] == []
    finally:
        ctx.close()


def _png_info(path: Path) -> tuple[int, int, set[tuple[int, ...]]]:
    """Width, height and the set of colours of an 8-bit RGB/RGBA PNG (a tiny stdlib decoder)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, ctype, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours: set[tuple[int, ...]] = set()
    i = 0
    for _y in range(height):
        f, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp * 3):  # every third pixel is plenty
            colours.add(tuple(line[x : x + 3]))
        prev = line
    return width, height, colours


def test_cli_png_has_the_asked_size_and_shows_the_markers(browser, app_db, tmp_path, capsys):
    # ``browser`` (the fixture) only makes this skip cleanly when there is no Chromium.
    out = tmp_path / "map.png"
    html_out = tmp_path / "map.html"
    rc = cli.main(
        [
            "snapshot",
            "make",
            "--db",
            str(app_db),
            "--png",
            str(out),
            "--width",
            "640",
            "--height",
            "420",
            "-o",
            str(html_out),
            "--title",
            "PNG test",
        ]
    )
    assert rc == 0, capsys.readouterr().err
    w, h, colours = _png_info(out)
    assert (w, h) == (640, 420)
    assert len(colours) > 30  # not a blank page
    # marker fill (#d7301f at 0.7 opacity over the map) shows somewhere
    assert any(r > 170 and g < 140 and b < 130 for (r, g, b) in colours)
    assert "PNG test" in html_out.read_text(encoding="utf-8")


def test_on_a_phone_popups_fit_and_the_legend_is_folded(browser, tmp_path):
    """390 px wide (a phone): the legend starts folded and opens on a tap; a popup with a long
    excerpt stays inside the map; an article without outlet or title leaves no stray marks."""
    with Store(tmp_path / "phone.sqlite") as s:
        long = "Protesters gathered in Baku " + "and marched on " * 40 + "the square."
        a = dataclasses.replace(_article("long", long, source=None), title=None)  # neither outlet nor title
        s.upsert_article(a, [_mention(a, "Baku", BAKU, date(2020, 7, 27))])
        f = Filters()
        html = standalone.standalone_html(s.places(f), s.query(f), View(filters=f), "Phone")
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 390, "height": 760})
    ctx.route("**/*", lambda r: r.continue_() if png.is_local_url(r.request.url) else r.abort())
    page = ctx.new_page()
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("window.mapappReady === true", timeout=30_000)
        legend = page.locator(".mapapp-legend details")
        assert legend.evaluate("d => d.open") is False
        page.locator(".mapapp-legend summary").click()
        assert legend.evaluate("d => d.open") is True
        # a block, so that the page returns nothing: eachLayer returns the map, which Playwright
        # would serialise (37 s of this test's 40 before)
        page.evaluate("""() => { window.mapappMap.eachLayer(function visit(l) {
            if (l.options && l.options.placeId !== undefined) { l.openPopup(); return; }
            if (typeof l.getLayers === 'function') { l.getLayers().forEach(visit); }
        }); }""")
        popup = page.locator(".leaflet-popup-content-wrapper")
        popup.wait_for(timeout=10_000)
        width = popup.evaluate("e => e.getBoundingClientRect().width")
        map_width = page.evaluate("window.mapappMap.getSize().x")
        assert 0 < width <= map_width - 20, (width, map_width)
        text = page.locator(".mapapp-popup").inner_text()
        assert "·" not in text and "None" not in text and "nan" not in text
        assert page.locator(".mapapp-popup .mapapp-headline").count() == 0
    finally:
        ctx.close()
