"""Shared browser fixtures: a real ``streamlit run`` server on a free port and real headless
Chromium (Debian's, driven by Playwright) that may only talk to localhost.

Helpers (stable names, reused by other browser tests):

* ``launch_browser()`` - context manager yielding a Playwright ``Browser`` (Chromium from
  ``MAPAPP_BROWSER`` or ``/usr/bin/chromium``; Playwright's own download is never used).
* ``start_streamlit(db_path)`` - context manager: runs the app (the command ``mapapp serve``
  runs) on a free port against ``db_path`` and yields its base URL once it answers.
* ``block_external(page)`` - aborts every request not to localhost/127.0.0.1; returns the list
  the blocked URLs are appended to.

Fixtures: ``browser`` (module), ``streamlit_server`` (module; a factory ``db_path -> base_url``,
one server per db path per module), ``browser_page`` (function; a fresh page with external
requests blocked; a screenshot lands in ``test-artifacts/`` when the test fails).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mapapp.web.png import BROWSER_ARGS

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
CHROMIUM_ARGS = list(BROWSER_ARGS)  # the PNG renderer's flags


def browser_executable() -> str | None:
    exe = os.environ.get("MAPAPP_BROWSER") or "/usr/bin/chromium"
    if os.path.isfile(exe) and os.access(exe, os.X_OK):
        return exe
    return shutil.which(exe)


@contextlib.contextmanager
def launch_browser() -> Iterator[object]:
    """Headless Chromium through Playwright (skips the test when it is missing)."""
    exe = browser_executable()
    if exe is None:
        pytest.skip("no Chromium (set MAPAPP_BROWSER or apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def block_external(page) -> list[str]:
    """Abort every request whose host is not local; returns the (live) list of blocked URLs."""
    blocked: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or (parts.hostname or "") in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", handle)
    page.blocked_urls = blocked  # type: ignore[attr-defined]
    return blocked


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - localhost only
            return r.status == 200
    except Exception:  # noqa: BLE001
        return False


@contextlib.contextmanager
def start_streamlit(
    db_path: str | os.PathLike[str], *, timeout: float = 90.0, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run the app with ``streamlit run`` (exactly ``mapapp serve``'s command line) on a free
    port; yields ``http://127.0.0.1:PORT``; stops the server afterwards."""
    from mapapp.cli import serve_command

    port = free_port()
    cmd = serve_command(str(Path(db_path).resolve()), port, "127.0.0.1")
    run_env = dict(os.environ)
    run_env.update(
        {"MAPAPP_ONLINE_GEOCODER": "off", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"}
    )
    run_env.update(env or {})
    log = tempfile.NamedTemporaryFile(prefix="mapapp-streamlit-", suffix=".log", delete=False)
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=run_env, cwd=str(REPO))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not _answers(base + "/_stcore/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                tail = Path(log.name).read_text(errors="replace")[-3000:]
                raise RuntimeError(f"streamlit did not start (exit {proc.poll()}):\n{tail}")
            time.sleep(0.25)
        yield base
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        with contextlib.suppress(OSError):
            os.unlink(log.name)


# --- fixtures -------------------------------------------------------------------------------
@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture(scope="module")
def browser():
    with launch_browser() as b:
        yield b


@pytest.fixture(scope="module")
def streamlit_server() -> Iterator[Callable[[str | os.PathLike[str]], str]]:
    """Factory ``streamlit_server(db_path) -> base_url``: one server per db path per module."""
    stack = contextlib.ExitStack()
    servers: dict[str, str] = {}

    def get(db_path) -> str:
        key = str(Path(db_path).resolve())
        if key not in servers:
            servers[key] = stack.enter_context(start_streamlit(key))
        return servers[key]

    with stack:
        yield get


@pytest.fixture()
def browser_page(browser, request):
    """A fresh page (1400x1000) that can only reach localhost; screenshot on failure."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    block_external(page)
    yield page
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.nodeid)[-150:]
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


__all__ = ["launch_browser", "start_streamlit", "block_external", "free_port", "browser_executable"]


# --- a store of the seed articles -------------------------------------------------------------
HOSTILE_TEXT = (
    "Hostile test article\n\n"
    "Protesters <script>window.__pwned=1</script> gathered in Baku on 3 March 2021 "
    '<img src=x onerror="window.__pwned=2"> shouting \'it`s over\' and "enough".\n'
)


def ingest_available() -> bool:
    try:
        import mapapp.geo.geoparse  # noqa: F401
        import mapapp.ingest  # noqa: F401
    except ImportError:
        return False
    return True


def build_seed_store(db_path, seeds_dir, extra_dirs=()) -> str:
    """A real store of the seed articles (plus ``extra_dirs``) made by the real ingest; while
    the geoparser is not there yet, hand-made records of the same seeds via the store API."""
    from mapapp.store import Store

    db_path = str(db_path)
    with Store(db_path) as store:
        if ingest_available():
            from mapapp.ingest import ingest

            report = ingest([str(seeds_dir), *map(str, extra_dirs)], store, workers=1, progress=False)
            assert report.articles >= 5, report.summary()
        else:
            _hand_made_seeds(store, hostile=bool(extra_dirs))
    return db_path


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> str:
    """A store of the seeds plus one hostile article (``<script>``, ``<img onerror>``, quotes)."""
    root = tmp_path_factory.mktemp("seed-db")
    seeds = root / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "hostile.txt").write_text(" date 2021-03-03 By <b>Evil</b>\n\n" + HOSTILE_TEXT, encoding="utf-8")
    return build_seed_store(root / "store.sqlite", seeds, [hostile])


def _hand_made_seeds(store, hostile: bool = False) -> None:
    from datetime import date

    from mapapp.models import Article, Mention, Place

    P = {
        "london": Place("gn:2643743", "London", 51.50853, -0.12574, "city", "GB", 8_961_989),
        "tovuz": Place("gn:585170", "Tovuz", 40.99, 45.63, "admin2", "AZ", 15_000),
        "moscow": Place("gn:524901", "Moscow", 55.75222, 37.61556, "city", "RU", 10_381_222),
        "nl": Place("gn:2750405", "Netherlands", 52.25, 5.75, "country", "NL"),
        "belgium": Place("gn:2802361", "Belgium", 50.75, 4.5, "country", "BE"),
        "yevlakh": Place("gn:584791", "Yevlakh", 40.61832, 47.15014, "city", "AZ", 50_000),
        "baku": Place("gn:587084", "Baku", 40.37767, 49.89201, "city", "AZ", 2_000_000),
        "khojaly": Place("gn:148618", "Khojaly", 39.90, 46.79, "city", "AZ", 7_000),
    }

    def art(aid, text, published, source, url):
        return Article(
            id=aid,
            path=f"seeds/{aid}.txt",
            text=text,
            title=text.split("\n")[0][:80],
            published=published,
            published_how="header" if published else None,
            source=source,
            url=url,
        )

    def men(a, name, place, when, prec="day"):
        i = a.text.index(name)
        return Mention(
            article_id=a.id,
            start=i,
            end=i + len(name),
            name=name,
            place=place,
            score=0.9,
            sentence=a.text.split("\n")[-1] if "\n" in a.text else a.text,
            sentence_start=0,
            event_date=when,
            date_precision=prec,
        )

    a0 = art(
        "000",
        "Diaspora meeting in Moscow\nAfter attacks on Tovuz district, a meeting was held in Moscow.",
        date(2020, 7, 29),
        "Trend",
        "https://trend.az/a0",
    )
    a2 = art(
        "002",
        "Rally in the Netherlands\nAzerbaijani diaspora in the Netherlands and Belgium staged a rally.",
        date(2020, 12, 6),
        None,
        "javascript:alert(1)",
    )
    a3 = art(
        "003",
        "Meeting in Yevlakh\nA meeting in Yevlakh follows the talks in Khojaly and Baku.",
        date(2023, 3, 20),
        "Azernews",
        "https://azernews.az/a3",
    )
    a4 = art(
        "004",
        "London rally\nThe community held a rally in London; Tovuz was shelled on 12 July.",
        date(2020, 7, 29),
        None,
        None,
    )
    store.upsert_article(
        a0,
        [
            men(a0, "Tovuz", P["tovuz"], date(2020, 7, 12)),
            men(a0, "Moscow", P["moscow"], date(2020, 7, 29), "published"),
        ],
    )
    store.upsert_article(
        a2,
        [
            men(a2, "Netherlands", P["nl"], date(2020, 12, 6), "published"),
            men(a2, "Belgium", P["belgium"], date(2020, 12, 6), "published"),
        ],
    )
    store.upsert_article(
        a3,
        [
            men(a3, "Yevlakh", P["yevlakh"], date(2023, 3, 20), "published"),
            men(a3, "Khojaly", P["khojaly"], date(2023, 3, 1)),
            men(a3, "Baku", P["baku"], date(2023, 4, 1), "month"),
        ],
    )
    store.upsert_article(
        a4, [men(a4, "London", P["london"], date(2020, 7, 28)), men(a4, "Tovuz", P["tovuz"], date(2020, 7, 12))]
    )
    if hostile:
        h = art("hostile", HOSTILE_TEXT.strip(), date(2021, 3, 3), "<b>Evil</b> outlet", "javascript:alert(1)")
        store.upsert_article(h, [men(h, "Baku", P["baku"], date(2021, 3, 3))])
