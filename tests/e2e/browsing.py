"""What the browser tests share besides fixtures: waiting for what a user would wait for."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(cond: Callable[[], T], timeout: float = 30.0, what: str = "condition") -> T:
    """``cond()`` once it is truthy; frames come and go while Streamlit renders, so an error in
    ``cond`` counts as not yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            v = cond()
        except Exception:  # noqa: BLE001
            v = None
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def choose(page, label: str, typed: str, option: str, tries: int = 3) -> None:
    """Pick ``option`` in the select box labelled ``label`` by typing ``typed`` into it, as a
    user does: a rerun arriving meanwhile (the map reporting the end of a fly) may redraw the box
    and close its list, and a user then opens it again."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label)
    box.wait_for(timeout=15_000)
    for attempt in range(tries):
        try:
            box.click()
            page.keyboard.type(typed)
            page.locator('[role="option"]', has_text=option).first.click(timeout=8_000)
            return
        except Exception:  # noqa: BLE001
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")


def wait_settled(page, quiet: float = 1.5, timeout: float = 30.0) -> None:
    """Until the address has stayed the same for ``quiet`` seconds: the map has ended any fly it
    was asked for and reported where it stopped (or had nothing to report)."""
    deadline = time.monotonic() + timeout
    last, since = page.url, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = page.url
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
    raise AssertionError(f"the address kept changing for {timeout} s: {last}")


# the strip's per-marker counts: while they load the component asks again after 2, 4, 8 and then every
# 15 s (mapcomponent.js, askCounts), so on a loaded machine they may come 15 s after they are ready
COUNTS_WAIT = 60.0


def wait_counts(comp) -> None:
    """Wait (up to ``COUNTS_WAIT``) until the date strip in the component frame ``comp`` has its counts."""
    wait_for(lambda: comp.evaluate("() => window.mapappRange().counts"), timeout=COUNTS_WAIT, what="the strip's counts")


MAP_READY_JS = "() => !!(window.map && document.querySelector('path.leaflet-interactive'))"


def map_frame(page, timeout: float = 40.0, ready: str = MAP_READY_JS):
    """The frame of the Leaflet map once ``ready`` holds there (by default: its markers are drawn)."""

    def find():
        for f in page.frames:
            try:
                if f.evaluate(ready):
                    return f
            except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                pass
        return None

    return wait_for(find, timeout, "the map to draw its markers")


def url(page) -> str:
    """The address bar now (``page.url`` is only refreshed while Playwright is called)."""
    return page.evaluate("() => location.href")


def component_frame(page, timeout: float = 30.0):
    """The map component's own frame (which holds the events not yet acknowledged)."""
    return wait_for(lambda: next((f for f in page.frames if "mapapp_map" in f.url), None), timeout, "the map component")
