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
(the round trips below were), and a reverse proxy compresses it for a network.

Streamlit's HTTP replies also waited ~40 ms each on a kept-alive connection (every request after a
connection's first: the browser fetches ~130 chunks over 6 connections, and the first visit spent
~1 s in that): Streamlit binds its listening socket with ``socket.socket(family)``, whose
protocol number is 0, and asyncio turns Nagle's algorithm off only for sockets whose protocol is
``IPPROTO_TCP``; so each small reply waited for the browser's delayed ACK. ``tcp_nodelay()``
(called on import, before the first connection is accepted) turns it off for those sockets too.

The page's first screen then needed ~60 more of Streamlit's chunks (the sidebar's widgets, the map
component's ``ComponentInstance``), each asked for only when the script's first run drew that
element: ~1 s after navigation, when the server is busy with that run, queued behind one another
on the browser's 6 connections, so the map's frame started ~0.7 s after its chunk was asked for.
``PagePreload`` names them in Streamlit's page as ``<link rel="modulepreload">`` (the map's first,
then the widgets, each with the chunks it imports), so they are fetched with Streamlit's own bundle
while the server is idle. Chunk names carry a content hash: they are read from Streamlit's
installed bundle at start; a name that is missing is left out (only the preload is lost).

``streamlit run mapapp/ui/server.py`` finds ``app`` below (Streamlit's supported way to add
middleware); the arguments after ``--`` reach the script as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import mimetypes
import os
import re
import socket
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


#: The chunks of Streamlit's front end the page's first screen draws (Streamlit's names, without
#: their hash), in the order they are wanted: the map's frame, then the sidebar's and page's widgets.
#: ``DataFrame`` (1.3 MB with Arrow, below the map) is left to load when it is drawn.
FIRST_SCREEN = (
    "ComponentInstance",
    "Html",
    "Slider",
    "Checkbox",
    "Multiselect",
    "Radio",
    "Selectbox",
    "TextInput",
    "NumberInput",
)
_IMPORT = re.compile(rb'(?:from|import)\s*"\./([\w.-]+\.js)"')  # a chunk's static imports
_NOT_PAGES = ("static", "media", "component", "_stcore")  # files and endpoints: never held back
_SHELL = b'<script type="module" crossorigin src="./static/js/'  # Streamlit's page, as it loads its bundle


def first_screen_chunks(js_dir: Path, names: tuple[str, ...] = FIRST_SCREEN) -> list[str]:
    """The file names, under Streamlit's ``static/js``, of the chunks ``names`` and those they
    import (depth first, each once, the named chunk before its imports); [] without the folder."""
    try:
        files = sorted(os.listdir(js_dir))
    except OSError:
        return []
    present = set(files)
    out: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        stack = [name]
        while stack:
            f = stack.pop()
            if f in seen or f not in present:
                continue
            seen.add(f)
            out.append(f)
            try:
                body = (js_dir / f).read_bytes()
            except OSError:
                continue
            stack.extend(reversed([m.decode() for m in _IMPORT.findall(body)]))

    for n in names:
        for f in files:  # "Slider.WU6er_Bo.js": the name, one dot, the hash
            if f.startswith(n + ".") and f.endswith(".js") and f.count(".") == 2:
                add(f)
    return out


def streamlit_js_dir() -> Path:
    return Path(st.__file__).resolve().parent / "static" / "static" / "js"


class PagePreload:
    """ASGI middleware adding ``<link rel="modulepreload">`` for ``chunks`` to Streamlit's page
    (see the module docstring). Only a plain (not compressed) HTML answer holding Streamlit's
    bundle tag is changed, and a chunk the page already names is not named twice."""

    def __init__(self, app: ASGIApp, chunks: list[str] | None = None) -> None:
        self.app = app
        self.chunks = first_screen_chunks(streamlit_js_dir()) if chunks is None else chunks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope.get("type") != "http"
            or scope.get("method") != "GET"
            or not self.chunks
            or any(f"/{d}/" in path for d in _NOT_PAGES)
        ):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        parts: list[bytes] = []

        async def wrapped(msg: Message) -> None:
            nonlocal start
            if msg["type"] == "http.response.start":
                h = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in msg.get("headers", [])}
                if (
                    msg.get("status") == 200
                    and h.get("content-type", "").startswith("text/html")
                    and ("content-encoding" not in h)
                ):
                    start = msg  # held until the whole page is here
                    return
            elif msg["type"] == "http.response.body" and start is not None:
                parts.append(msg.get("body", b""))
                if msg.get("more_body"):
                    return
                body = self.inject(b"".join(parts))
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(msg)

        await self.app(scope, receive, wrapped)

    def inject(self, page: bytes) -> bytes:
        at = page.find(_SHELL)
        end = page.find(b"</head>", at)
        if at < 0 or end < 0:
            return page
        links = b"".join(
            b'<link rel="modulepreload" crossorigin href="./static/js/' + f.encode() + b'">\n'
            for f in self.chunks
            if b"/static/js/" + f.encode() + b'"' not in page
        )
        return page[:end] + links + page[end:]


def tcp_nodelay() -> bool:
    """Make asyncio set ``TCP_NODELAY`` on every TCP stream socket it wraps in a transport, also
    those with protocol number 0 (Streamlit's listening socket and so every connection it accepts:
    see the module docstring). asyncio's own check (``base_events._set_nodelay``) asks for
    ``proto == IPPROTO_TCP`` only to leave other stream protocols (SCTP) alone; 0 on an INET
    stream socket is TCP. False when this Python has no such hook (then nothing changes)."""
    from asyncio import base_events

    original = getattr(base_events, "_set_nodelay", None)
    if original is None:
        return False
    if getattr(original, "mapapp", False):
        return True

    def set_nodelay(sock: socket.socket) -> None:
        original(sock)
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM and sock.proto == 0:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    set_nodelay.mapapp = True  # type: ignore[attr-defined]
    base_events._set_nodelay = set_nodelay  # type: ignore[attr-defined]
    return True


tcp_nodelay()
app = st.App(SCRIPT, middleware=[Middleware(StaticCache), Middleware(PagePreload)])
