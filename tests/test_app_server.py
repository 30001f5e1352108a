"""``mapapp serve``'s static-file middleware (``mapapp.ui.server.StaticCache``), driven as ASGI."""

from __future__ import annotations

import asyncio
import gzip
import os

from mapapp.ui.server import StaticCache


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
