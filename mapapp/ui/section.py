"""One part of the app's page, shared by the mentions page (``ui.app``) and Events mode."""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Iterator

import streamlit as st


@contextlib.contextmanager
def section(what: str) -> Iterator[None]:
    """One part of the page, in a container of its own. A failure in it becomes one short message
    in its place (the traceback goes to the server's log only), so no page shows a traceback or a
    server path and the other parts still draw. ``st.rerun``/``st.stop`` pass through (not
    ``Exception``s). Being one element whatever it holds (nothing yet, a chart once the map has
    drawn, an error) keeps the parts after it in their places: Streamlit remounts an element whose
    place changed, so an expander below (Share) would close under the user."""
    with st.container():
        try:
            yield
        except Exception:  # noqa: BLE001 - shown as one line; details in the log
            traceback.print_exc(file=sys.stderr)
            st.error(f"{what} could not be shown (an internal error; the server's log has the details).")
