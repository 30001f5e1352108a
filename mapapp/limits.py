"""What one input may cost: the size limits of stored fields and the per-file time budget.

The one home of these numbers (README "Limits" lists them). Sizes are cut when an article is
read, so nothing downstream (store, app, exports) ever meets a 2 MB title.

The time budget is **cooperative**: :func:`deadline` sets a deadline for the current thread and
the long loops (reading records, HTML tags, tokens, mentions, date expressions) call
:func:`check`, which raises :class:`Overrun` once it has passed. A signal (``SIGALRM``) would
interrupt any code, but only in a process's main thread: dask runs tasks in worker threads, and
the in-process ingest (``--workers 1``) must not have its own alarms. A check costs a clock read.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

MAX_TITLE = 300  # characters; longer titles are cut with an ellipsis
MAX_SOURCE = 120  # outlet
MAX_AUTHOR = 120
MAX_URL = 2000  # a longer URL is dropped (a cut URL would point elsewhere)
MAX_SENTENCE = 600  # a mention's sentence; longer "sentences" are split (dates.sentence_bounds)
ELLIPSIS = "…"


def cut(value: str | None, limit: int) -> str | None:
    """``value`` cut to ``limit`` characters, the last one an ellipsis when it was longer."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + ELLIPSIS


class Overrun(BaseException):
    """The current file's time budget is spent. A ``BaseException``: the never-raise guards
    (``except Exception``) of the reader and the geoparser must let it through to ingest."""


class _Deadline(threading.local):
    at: float | None = None  # a class default: a thread that never set one reads it without a miss


_local = _Deadline()


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` (``None`` or <= 0: no budget); nested blocks
    keep the earlier deadline."""
    outer = _local.at
    at = time.monotonic() + seconds if seconds and seconds > 0 else None
    if outer is not None and (at is None or outer < at):
        at = outer
    _local.at = at
    try:
        yield
    finally:
        _local.at = outer


def check() -> None:
    """Raise :class:`Overrun` when this thread's deadline has passed."""
    at = _local.at
    if at is not None and time.monotonic() > at:
        raise Overrun()
