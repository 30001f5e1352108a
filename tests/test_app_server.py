"""``mapapp serve``'s static-file middleware (``mapapp.ui.server.StaticCache``), driven as ASGI."""

from __future__ import annotations

import asyncio
import gzip
import os
import re

from mapapp.ui.server import PagePreload, StaticCache, first_screen_chunks, streamlit_js_dir


def call(mw: StaticCache, path: str, query: bytes = b"", headers: dict[str, str] | None = None):
    """One GET through ``mw``: (status, headers, body)."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(msg):
        sent.append(msg)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query,
        "headers": [(k.encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    asyncio.run(mw(scope, receive, send))
    start = sent[0]
    return (
        start["status"],
        {k.decode(): v.decode() for k, v in start["headers"]},
        b"".join(m.get("body", b"") for m in sent[1:]),
    )


def test_static_files_are_gzipped_once_revalidated_and_versioned_ones_kept_a_year(tmp_path):
    root = tmp_path / "static"
    (root / "mapapp").mkdir(parents=True)
    js = b"var mapapp = {};\n" * 200
    (root / "mapapp" / "map.js").write_bytes(js)
    (tmp_path / "secret.txt").write_text("no")
    os.symlink(tmp_path / "secret.txt", root / "link.txt")

    async def inner(scope, receive, send):  # Streamlit, for everything the middleware leaves
        await send({"type": "http.response.start", "status": 418, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})

    mw = StaticCache(inner, root)
    status, h, body = call(mw, "/app/static/mapapp/map.js", b"v=1a2b", {"accept-encoding": "gzip, br"})
    assert status == 200 and h["content-encoding"] == "gzip" and gzip.decompress(body) == js
    assert h["cache-control"] == "public, max-age=31536000, immutable" and h["content-type"].startswith(
        "text/javascript"
    )
    assert int(h["content-length"]) == len(body) < len(js) / 5
    # without a version the browser keeps it but asks first; what it has is a 304 with no body
    status, h2, body = call(mw, "/app/static/mapapp/map.js")
    assert status == 200 and h2["cache-control"] == "no-cache" and body == js and "content-encoding" not in h2
    status, h3, body = call(mw, "/app/static/mapapp/map.js", headers={"if-none-match": h["etag"]})
    assert (status, body) == (304, b"") and h3["etag"] == h["etag"]
    # a changed file is a new version: a new ETag
    (root / "mapapp" / "map.js").write_bytes(js + b"//\n")
    assert call(mw, "/app/static/mapapp/map.js", headers={"if-none-match": h["etag"]})[0] == 200
    # nothing outside the folders; what the middleware does not hold goes to Streamlit
    for path in ("/app/static/../secret.txt", "/app/static/%2e%2e/secret.txt", "/app/static/link.txt",
                 "/app/static/mapapp", "/app/static/none.js", "/static/js/index.js", "/", "/_stcore/health"):  # fmt: skip
        assert call(mw, path)[0] == 418, path


def html_app(page: bytes, headers: list[tuple[bytes, bytes]] | None = None, parts: int = 1):
    """An ASGI app answering every GET with ``page`` (as Streamlit sends its page, in ``parts``)."""

    async def app(scope, receive, send):
        h = (
            headers
            if headers is not None
            else [(b"content-type", b"text/html"), (b"content-length", b"%d" % len(page))]
        )
        await send({"type": "http.response.start", "status": 200, "headers": h})
        step = -(-len(page) // parts)
        for i in range(parts):
            await send(
                {"type": "http.response.body", "body": page[i * step : (i + 1) * step], "more_body": i < parts - 1}
            )

    return app


SHELL = (
    b'<html><head><script type="module" crossorigin src="./static/js/index.A1.js"></script>\n'
    b'<link rel="modulepreload" crossorigin href="./static/js/react.B2.js">\n</head><body></body></html>'
)


def test_the_page_preloads_the_first_screens_chunks_each_once_in_order():
    mw = PagePreload(html_app(SHELL, parts=3), ["ComponentInstance.C3.js", "react.B2.js", "Slider.D4.js"])
    status, h, body = call(mw, "/")
    links = re.findall(rb'<link rel="modulepreload" crossorigin href="\./static/js/([^"]+)">', body)
    assert status == 200 and links == [b"react.B2.js", b"ComponentInstance.C3.js", b"Slider.D4.js"]
    assert body.index(b"Slider.D4.js") < body.index(b"</head>") and int(h["content-length"]) == len(body)
    # a compressed page, another HTML page, and anything else pass unchanged
    gz = gzip.compress(SHELL)
    enc = [(b"content-type", b"text/html"), (b"content-encoding", b"gzip")]
    assert call(PagePreload(html_app(gz, enc), ["Slider.D4.js"]), "/")[2] == gz
    assert call(PagePreload(html_app(b"<html><head></head></html>"), ["Slider.D4.js"]), "/x")[2].count(b"Slider") == 0
    for path in ("/media/abc.html", "/component/x/index.html"):  # files are passed on as they come
        assert call(PagePreload(html_app(SHELL), ["Slider.D4.js"]), path)[2] == SHELL
    js = [(b"content-type", b"text/javascript")]
    assert call(PagePreload(html_app(SHELL, js), ["Slider.D4.js"]), "/static/js/a.js")[2] == SHELL


def test_first_screen_chunks_are_read_from_the_bundle_with_their_imports(tmp_path):
    js = tmp_path / "js"
    js.mkdir()
    (js / "ComponentInstance.Ab_1.js").write_text('import{a as b}from"./urls.Q.js";import"./side.R.js";')
    (js / "urls.Q.js").write_text('import{c}from"./index.Z.js";')
    (js / "side.R.js").write_text("")
    (js / "index.Z.js").write_text('import{x}from"./urls.Q.js";')  # a cycle is followed once
    (js / "Slider.S.js").write_text('import{c}from"./gone.G.js";')  # a missing import is left out
    (js / "Slider.S.js.map").write_text("")
    (js / "SliderRange.T.js").write_text("")  # another name that starts alike
    got = first_screen_chunks(js, ("ComponentInstance", "Slider", "DataFrame"))
    assert got == ["ComponentInstance.Ab_1.js", "urls.Q.js", "index.Z.js", "side.R.js", "Slider.S.js"]
    assert first_screen_chunks(tmp_path / "none") == []
    # the installed Streamlit has the map component's chunk (else the map would wait for it again)
    assert any(f.startswith("ComponentInstance.") for f in first_screen_chunks(streamlit_js_dir()))
