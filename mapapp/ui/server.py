"""What ``mapapp serve`` runs: the Streamlit app (``mapapp/app.py``) as Streamlit's own ASGI
``st.App``, with one middleware in front of it for our static files.

Why: Streamlit serves ``/app/static`` (Leaflet, markercluster, the map's JS and CSS, the offline
base map) with no ``Cache-Control`` and answers every revalidation with the whole file (no 304),
gzipping it again on each request (the 3.3 MB base map cost ~0.13 s of server time a visit). So a
returning visitor fetched and compiled everything again. ``StaticCache`` serves those files
itself: each compressed once and kept (per file version), a strong ``ETag`` and a 304 for a
browser that has it, and a year's ``immutable`` caching for the content-versioned URLs the map
uses (``web.assets.static_url``: ``?v=<hash of the bytes>``, so a changed file is a new URL).
Anything else passes through to Streamlit untouched. Streamlit's own bundle (``/static/*``, ~7 MB
of content-hashed JavaScript, already ``immutable``) stays uncompressed as Streamlit chooses:
gzipping it here once per process was tried, and the first visit after a start waited ~20 s at a
load average of 7 while ~150 files were compressed; on this machine the bytes were never the cost
(compiling them is), and a reverse proxy compresses it for a network.

``streamlit run mapapp/ui/server.py`` finds ``app`` below (Streamlit's supported way to add
middleware); the arguments after ``--`` reach the script as before.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import mimetypes
import os
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any, NamedTuple

import streamlit as st
from starlette.middleware import Middleware

from mapapp.web.assets import STATIC_DIR, STATIC_URL

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SCRIPT = Path(__file__).resolve().parent.parent / "app.py"
PREFIX = STATIC_URL + "/"  # "/app/static/": our files
YEAR = "public, max-age=31536000, immutable"  # a versioned URL: its bytes never change
REVALIDATE = "no-cache"  # an unversioned one: kept, but asked about (a 304) before each use
COMPRESSIBLE = (".js", ".css", ".json", ".html", ".svg", ".txt", ".md")
MAX_KEPT = 64 * 1024 * 1024  # bytes of files (and their gzipped copies) kept in memory


class Entry(NamedTuple):
    stamp: tuple[int, int]  # (mtime_ns, size): the file version this was made from
    body: bytes
    gz: bytes | None
    etag: str
    ctype: str


class StaticCache:
    """ASGI middleware serving ``/app/static/*`` from memory with caching headers (see the module
    docstring); every other request, and any path it does not hold, goes to ``app``."""

    def __init__(self, app: ASGIApp, root: Path = STATIC_DIR) -> None:
        self.app = app
        self.root = os.path.realpath(root)
        self.kept: dict[str, Entry] = {}
        self.lock = threading.Lock()

    def entry(self, rel: str, root: str) -> Entry | None:
        """The file at ``rel`` under ``root``, or None (outside it, missing, a folder)."""
        if not rel or "\x00" in rel or "\\" in rel or any(p in ("", ".", "..") for p in rel.split("/")):
            return None
        path = os.path.realpath(os.path.join(root, rel))
        if not path.startswith(root + os.sep):
            return None
        try:
            s = os.stat(path)
        except OSError:
            return None
        if not os.path.isfile(path) or s.st_size > MAX_KEPT // 4:
            return None
        stamp = (s.st_mtime_ns, s.st_size)
        e = self.kept.get(path)
        if e is not None and e.stamp == stamp:
            return e
        try:
            body = Path(path).read_bytes()
        except OSError:
            return None
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        gz = gzip.compress(body, 6, mtime=0) if path.endswith(COMPRESSIBLE) and len(body) > 1024 else None
        e = Entry(stamp, body, gz, '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"', ctype)
        with self.lock:
            if sum(len(x.body) + len(x.gz or b"") for x in self.kept.values()) > MAX_KEPT:
                self.kept.clear()
            self.kept[path] = e
        return e

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        e, cache = None, REVALIDATE
        at = path.find(PREFIX)
        if at >= 0 and scope.get("method") in ("GET", "HEAD"):
            # a file is read and gzipped once (the base map: ~0.1 s): off the event loop
            e = await asyncio.to_thread(self.entry, path[at + len(PREFIX) :], self.root)  # ASGI paths are decoded
            if scope.get("query_string", b"").startswith(b"v="):
                cache = YEAR
        if e is None:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        out = [
            (b"cache-control", cache.encode()),
            (b"etag", e.etag.encode()),
            (b"vary", b"Accept-Encoding"),
            (b"access-control-allow-origin", b"*"),
            (b"x-content-type-options", b"nosniff"),
        ]
        if e.etag in [t.strip() for t in headers.get("if-none-match", "").split(",")]:
            await send({"type": "http.response.start", "status": 304, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        body = e.body
        if e.gz is not None and "gzip" in headers.get("accept-encoding", ""):
            body = e.gz
            out.append((b"content-encoding", b"gzip"))
        out += [(b"content-type", e.ctype.encode()), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


app = st.App(SCRIPT, middleware=[Middleware(StaticCache)])
