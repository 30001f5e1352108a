"""PNG of a map page: headless Chromium (Playwright driving the system browser: setting
``browser`` / ``MAPAPP_BROWSER``, else ``chromium`` on PATH) with every request that is not
``file:``/``data:`` or localhost aborted. ``BrowserUnavailable`` says how to fix a missing piece.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mapapp import settings
from mapapp.outfile import write_output

if TYPE_CHECKING:
    from playwright.sync_api import Route

#: Chromium flags for PNG rendering (no GPU, no background traffic, no first-run UI).
BROWSER_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
)
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class BrowserUnavailable(RuntimeError):
    """No Chromium (or no Playwright) to render PNGs with; the message says how to fix it."""


# --- PNG ----------------------------------------------------------------------------------
def find_browser(browser: str | None = None) -> str:
    """The Chromium executable: ``browser``, else setting ``browser`` (``MAPAPP_BROWSER``), else
    the first of ``chromium``, ``chromium-browser``, ``google-chrome``… on PATH."""
    wanted = browser or settings.get("browser")
    if wanted:
        found = shutil.which(wanted)
        if found:
            return found
        p = Path(wanted).expanduser()
        if p.is_file() and os.access(p, os.X_OK):
            return str(p)
        raise BrowserUnavailable(
            f"The browser {wanted!r} (setting 'browser' / MAPAPP_BROWSER) is not an executable file. "
            "Set MAPAPP_BROWSER to the path of a Chromium or Chrome executable."
        )
    for name in BROWSER_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserUnavailable(
        "PNG snapshots need Chromium and none was found on PATH. Install it (e.g. "
        "'apt install chromium') or set MAPAPP_BROWSER to a Chromium/Chrome executable."
    )


def missing(browser: str | None = None) -> str | None:
    """What stops PNG rendering, as advice for whoever runs mapapp (no server path in it), or
    None when nothing does. Playwright is checked first: it is what a bare install lacks."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package Playwright is not installed (pip install playwright)"
    try:
        find_browser(browser)
    except BrowserUnavailable:
        if browser or settings.get("browser"):
            return "the browser set in MAPAPP_BROWSER is not an executable file"
        return "no Chromium was found on the server (apt-get install chromium, or set MAPAPP_BROWSER)"
    return None


def browser_available(browser: str | None = None) -> bool:
    return missing(browser) is None


def is_local_url(url: str) -> bool:
    """True for ``file:``, ``data:``, ``blob:``, ``about:`` and loopback http(s)/ws(s) URLs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in ("file", "data", "blob", "about"):
        return True
    if scheme in ("http", "https", "ws", "wss"):
        host = (parts.hostname or "").lower()
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return False


def _route_local_only(route: Route) -> None:
    if is_local_url(route.request.url):
        route.continue_()
    else:
        route.abort()


def _render(html: str, out: Path, width: int, height: int, exe: str, timeout_s: float) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    ms = int(timeout_s * 1000)
    with tempfile.TemporaryDirectory(prefix="mapapp-png-") as tmp:
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as pw:
            try:
                b = pw.chromium.launch(executable_path=exe, headless=True, args=list(BROWSER_ARGS), timeout=ms)
            except PlaywrightError as exc:
                raise BrowserUnavailable(f"Could not start the browser {exe}: {str(exc).splitlines()[0]}") from None
            try:
                ctx = b.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                ctx.route("**/*", _route_local_only)
                page = ctx.new_page()
                page.goto(page_file.as_uri(), wait_until="load", timeout=ms)
                page.wait_for_function(
                    "window.mapappReady === true || (window.mapappReady === undefined && "
                    "document.readyState === 'complete')",
                    timeout=ms,
                )
                png = page.screenshot(type="png", timeout=ms)
            finally:
                b.close()
    write_output(out, png)  # never a half-written PNG under the real name; links and modes kept


def render_png(
    html: str,
    path: str | os.PathLike,
    width: int = 1200,
    height: int = 800,
    browser: str | None = None,
    *,
    timeout: float = 60.0,
) -> Path:
    """Render ``html`` (e.g. ``standalone_html``) to a ``width`` x ``height`` PNG at ``path``
    in headless Chromium; only ``file:``/``data:``/localhost requests are let through.
    Raises ``BrowserUnavailable`` when there is no browser (or Playwright) to use."""
    width, height = int(width), int(height)
    if not (100 <= width <= 8000 and 100 <= height <= 8000):
        raise ValueError(f"PNG size {width}x{height}: width and height must be between 100 and 8000")
    exe = find_browser(browser)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise BrowserUnavailable(
            "PNG snapshots need the Python package 'playwright' (pip install playwright)."
        ) from None
    out = Path(os.path.abspath(Path(path).expanduser()))  # links resolved by write_output, not here
    Path(os.path.realpath(out)).parent.mkdir(parents=True, exist_ok=True)
    try:
        asyncio.get_running_loop()
        in_loop = True
    except RuntimeError:
        in_loop = False
    if in_loop:  # Playwright's sync API refuses to run inside an event loop: use a thread
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(_render, html, out, width, height, exe, timeout).result()
    else:
        _render(html, out, width, height, exe, timeout)
    return out


def png_bytes(html: str, width: int = 1200, height: int = 800, browser: str | None = None) -> bytes:
    """``render_png`` into memory (for download buttons)."""
    with tempfile.TemporaryDirectory(prefix="mapapp-png-") as tmp:
        p = render_png(html, Path(tmp) / "map.png", width, height, browser)
        return p.read_bytes()
