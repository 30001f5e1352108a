"""``mapapp serve``'s HTTP as a browser meets it on a first visit (a real ``streamlit run``, no
browser needed): replies on a kept-alive connection come at once, and Streamlit's page names the
first screen's chunks so they load with its bundle (``mapapp.ui.server``)."""

from __future__ import annotations

import http.client
import re
import statistics
import time
from urllib.parse import urlsplit

from conftest import start_streamlit


def test_kept_alive_replies_do_not_wait_for_the_browsers_ack_and_the_page_preloads_the_map(tmp_path):
    with start_streamlit(tmp_path / "none.sqlite") as base:
        u = urlsplit(base)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        page = b""
        took = []
        for i in range(12):  # one connection, as the browser reuses its six
            t = time.perf_counter()
            conn.request("GET", "/" if i == 0 else "/_stcore/health")
            r = conn.getresponse()
            body = r.read()
            took.append(time.perf_counter() - t)
            assert r.status == 200
            page = page or body
        # with Nagle's algorithm on, each reply after the first waited ~40 ms (the delayed ACK)
        assert statistics.median(took[1:]) < 0.02, [round(t * 1000) for t in took]
        chunks = re.findall(rb'rel="modulepreload" crossorigin href="\./static/js/([^"]+)"', page)
        assert any(c.startswith(b"ComponentInstance.") for c in chunks), chunks
        assert len(chunks) == len(set(chunks))  # each once
        for c in (b"ComponentInstance.", b"Slider."):  # and served
            name = next(x for x in chunks if x.startswith(c)).decode()
            conn.request("GET", "/static/js/" + name)
            r = conn.getresponse()
            assert r.status == 200 and b"import" in r.read()
