"""Security and robustness of the served app, through a real ``streamlit run`` (the command
``mapapp serve`` runs) and real headless Chromium:

* a request whose Host header names another site (DNS rebinding) gets no app session;
* a store holding dates from 1602 to 9999 opens, with no traceback or server path on the page;
* Markdown in a file name or title never becomes an image or a link (nothing fetched from it);
* one huge record does not swamp the page;
* the "Standalone HTML" download never evaluates template syntax from a search or a title.
"""

from __future__ import annotations

import base64
import os
import socket
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from mapapp.models import Article, Mention, Place
from mapapp.store import Store

from factories import BAKU, LONDON, TOVUZ
from test_browser_share import download_from, open_share_panel, wait_idle  # tests/e2e is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser

ATTACKER = "attacker.example"
MD_FILE = f"![y](https:{ATTACKER}?leak=1).txt"
MD_TITLE = f"Read [this](https://{ATTACKER}/t?leak=2) ![i](https://{ATTACKER}/i.png?leak=3)"
BIG_TITLE = "T" * 2_000_000
BIG_SOURCE = "S" * 1_000_000


def _add(s: Store, aid: str, text: str, place: Place, when: date, **kw) -> None:
    a = Article(
        id=aid,
        path=kw.pop("path", f"/corpus/{aid}.txt"),
        text=text,
        title=kw.pop("title", f"Title {aid}"),
        published=kw.pop("published", date(2020, 7, 29)),
        published_how="header",
        source=kw.pop("source", "Trend"),
        url=None,
        content_hash=f"h-{aid}",
    )
    i = text.index(place.name)
    s.upsert_article(
        a,
        [
            Mention(
                article_id=aid,
                start=i,
                end=i + len(place.name),
                name=place.name,
                place=place,
                score=0.9,
                sentence=kw.pop("sentence", text),
                sentence_start=0,
                event_date=when,
                date_precision="day",
            )
        ],
    )


@pytest.fixture(scope="module")
def sec_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sec-app") / "store.sqlite"
    with Store(path) as s:
        _add(s, "old", "In 1602 London burned.", LONDON, date(1602, 5, 1))
        _add(s, "far", "Baku in the far future.", BAKU, date(9999, 12, 31))
        _add(
            s,
            "md",
            "Shelling near Tovuz.",
            TOVUZ,
            date(2020, 7, 12),
            path=f"/corpus/{MD_FILE}",
            title=MD_TITLE,
            source=f"[outlet](https://{ATTACKER}/s?leak=4)",
        )
        _add(s, "tpl", "Protest zqx jwv in Baku.", BAKU, date(2020, 7, 20))  # what the template search finds
    return path


@pytest.fixture(scope="module")
def sec_url(streamlit_server, browser, sec_db) -> str:  # browser first: skips cleanly without Chromium
    return streamlit_server(sec_db)


def _handshake(base: str, host: str, origin: str) -> str:
    """The status line of a WebSocket upgrade to Streamlit's session endpoint."""
    parts = urlsplit(base)
    key = base64.b64encode(os.urandom(16)).decode()
    req = (
        f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(req.encode())
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    return data.split(b"\r\n", 1)[0].decode(errors="replace")


def test_a_foreign_host_header_gets_no_session(sec_url):
    port = urlsplit(sec_url).port
    ok = _handshake(sec_url, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}")
    assert " 101 " in ok, ok
    # a page on attacker.example whose name now resolves to 127.0.0.1 (DNS rebinding)
    refused = _handshake(sec_url, f"{ATTACKER}:{port}", f"http://{ATTACKER}:{port}")
    assert " 101 " not in refused and refused.startswith("HTTP/1.1 4"), refused


def _page_text(page) -> str:
    return page.evaluate("() => document.body.innerText")


def test_far_dates_and_markdown_names_in_the_browser(sec_url, browser_page, sec_db):
    page = browser_page
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if ATTACKER in r.url else None)
    page.goto(sec_url + "/?place=" + quote(TOVUZ.id), wait_until="domcontentloaded")
    page.get_by_text("mentions of 3 places").wait_for(timeout=60_000)
    wait_idle(page)
    # the whole-article expander of the Markdown-named file: open it to show its "File:" line
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Read the whole article").first.click()
    page.get_by_text("File:").first.wait_for(timeout=20_000)
    wait_idle(page)
    text = _page_text(page)
    assert "Traceback" not in text and str(Path(sec_db).parent) not in text
    assert "1602-05-01" in text and "9999-12-31" in text
    dom = page.content()
    assert page.locator(f'img[src*="{ATTACKER}"]').count() == 0
    assert page.locator(f'a[href*="{ATTACKER}"]').count() == 0
    assert fetched == []
    assert "leak=1" in text  # the file name is shown, as text
    assert ATTACKER in dom


# Template syntax whose evaluation would be unmistakable (plain "AB" occurs in minified scripts).
SEARCH = "{{ 'zqx' ~ 'jwv' }}"
TITLE = "{{ 'QQQ' ~ 'RRR' }} {% if true %}EVALUATED{% endif %} {{ config }}"


def test_standalone_html_download_never_evaluates_template_syntax(sec_url, browser_page):
    page = browser_page
    page.goto(sec_url + "/?q=" + quote(SEARCH), wait_until="domcontentloaded")
    page.get_by_text("1 mention of 1 place").wait_for(timeout=60_000)  # the search found the article
    wait_idle(page)
    open_share_panel(page)
    panel = page.get_by_test_id("stExpanderDetails")
    box = panel.get_by_label("Snapshot title")
    box.fill(TITLE)
    box.press("Enter")
    wait_idle(page)
    # the map's first draw (a rerun that adds the timeline) leaves the open panel open
    assert panel.get_by_role("button", name="Save snapshot").is_visible()
    html = download_from(page, panel, "Standalone HTML").decode("utf-8")
    assert "Baku" in html
    for evaluated in ("zqxjwv", "QQQRRR", "&lt;Config", "<Config"):
        assert evaluated not in html, evaluated
    # both are shown as the text typed: escaped for HTML, never run as a template
    assert "Search: “{{ &#x27;zqx&#x27; ~ &#x27;jwv&#x27; }}”" in html
    assert "<h1>{{ &#x27;QQQ&#x27; ~ &#x27;RRR&#x27; }} {% if true %}EVALUATED{% endif %} {{ config }}</h1>" in html


@pytest.fixture(scope="module")
def huge_db(tmp_path_factory) -> Path:
    """A record written straight to the store, as old stores may hold: 2 MB title, 1 MB outlet."""
    path = tmp_path_factory.mktemp("sec-huge") / "store.sqlite"
    with Store(path) as s:
        _add(
            s,
            "huge",
            "Shelling near Tovuz " + "x" * 500_000,
            TOVUZ,
            date(2020, 7, 12),
            title=BIG_TITLE,
            source=BIG_SOURCE,
        )
        _add(s, "ok", "Protest in Baku.", BAKU, date(2020, 7, 13))
    return path


def test_a_huge_record_sends_little_to_the_browser(streamlit_server, browser, huge_db, browser_page):
    url = streamlit_server(huge_db)
    page = browser_page
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    page.goto(url + "/?place=" + quote(TOVUZ.id), wait_until="domcontentloaded")
    page.get_by_text("2 mentions of 2 places").wait_for(timeout=60_000)
    wait_idle(page)
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Read the whole article").first.click()
    wait_idle(page)
    total = sum(received)
    assert 0 < total < 2_000_000, total  # the record alone is 3.5 MB; before the caps a page sent 13+ MB
    text = _page_text(page)
    assert "T" * 200 in text and "T" * 400 not in text


def test_serve_flags_hide_an_uncaught_error_in_the_browser(browser, tmp_path, monkeypatch):
    """The flags ``mapapp serve`` passes (``client.showErrorDetails none``) make Streamlit 1.67
    hide an uncaught exception's type, message (a server path here) and traceback."""
    import subprocess

    from conftest import _answers, free_port

    from mapapp.cli import serve_command

    script = tmp_path / "boom.py"
    script.write_text("raise RuntimeError('/srv/secret/store.sqlite is broken')\n")
    port = free_port()
    cmd = serve_command(str(tmp_path / "unused.sqlite"), port, "127.0.0.1")
    cmd[4] = str(script)  # the same flags, another script
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while not _answers(base + "/_stcore/health"):
            assert proc.poll() is None and time.monotonic() < deadline, "streamlit did not start"
            time.sleep(0.25)
        page = browser.new_page()
        try:
            page.goto(base, wait_until="domcontentloaded")
            page.locator('[data-testid="stException"], [data-testid="stAlert"]').first.wait_for(timeout=30_000)
            page.wait_for_timeout(500)
            text = _page_text(page)
            assert "secret" not in text and "Traceback" not in text and "RuntimeError" not in text, text
        finally:
            page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
