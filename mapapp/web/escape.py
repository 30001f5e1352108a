"""The one home of escaping: stored and typed text made safe, and bounded, for a page.

* ``esc``: any value as HTML text; ``md_escape``: as Markdown that shows exactly its text
  (Streamlit's captions, warnings, expander labels); ``js_json``: data as JSON that is inert
  inside ``<script>``, an attribute, ``eval`` and streamlit-folium's renaming;
* ``safe_url``: a URL becomes a link only when its scheme is http or https;
* ``RawHTML``: markup handed to a Folium page as data, never compiled as a template;
* ``clip``/``clip_frame``: long text cut to ``CLIP_CHARS`` per column, so what the app sends or
  caches per row is bounded whatever a stored record holds.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from branca.element import Element
from jinja2 import Template

from mapapp.limits import MAX_SOURCE, MAX_TITLE, cut

# Characters of each text column the app sends or caches per row (``clip_frame``), and popups
# and panels show: a stored record with a 2 MB title or a 1 MB outlet costs a few hundred bytes.
CLIP_CHARS = {
    "title": MAX_TITLE,
    "source": MAX_SOURCE,
    "url": 500,
    "path": 300,
    "name": 120,
    "place": 120,
    "sentence": 2000,
    "country": 16,
    "kind": 32,
}

_URL_OK = re.compile(r"^https?://[^\s\"'<>`\\]+$", re.IGNORECASE)


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def safe_url(url: object) -> str | None:
    """``url`` when it is a plain http(s) URL (to be put in an attribute after escaping); else None."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if not u or len(u) > 2000 or not _URL_OK.match(u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u


def esc(v: object) -> str:
    """Any value as escaped HTML text (None/NaN as empty)."""
    if _missing(v):
        return ""
    return html.escape(str(v), quote=True).replace("`", "&#x60;")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^%@/\"'])")
_MD_SPACE = re.compile(r"\s+")
# Where Streamlit's Markdown would start an autolink (``https://x``, ``www.x``, ``a@b.c``,
# ``mailto:``/``xmpp:``) even when every character is escaped.
_MD_AUTOLINK = re.compile(r"(?i)(:(?=/)|\bwww(?=\.)|@|\b(?:mailto|xmpp)(?=:))")


def md_escape(v: object, limit: int = 300) -> str:
    """Any value as Markdown that shows exactly its text (for st.caption, st.warning, expander
    labels... which render Markdown): every Markdown character backslash-escaped, so ``![y](url)``
    or ``[x](url)`` is never an image fetched or a link, ``https://`` and ``www.`` never become
    autolinks, ``:red[...]`` and ``$...$`` never colour or typeset; line breaks become spaces;
    cut to ``limit`` characters (the rest is "…"). Autolinks are broken by an invisible word
    joiner (U+2060) after ``:``/``www``/``@``: the text reads the same, no link is made."""
    s = "" if _missing(v) else str(v)
    s = cut(_MD_SPACE.sub(" ", s[: limit * 2]).strip(), limit) or ""
    s = _MD_AUTOLINK.sub("\\1\u2060", s)  # an invisible word joiner: no autolink (escapes do not stop them)
    return _MD_SPECIAL.sub(r"\\\1", s)


_JS_INERT = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "'": "\\u0027",
        "`": "\\u0060",
        "{": "\\u007b",
        "}": "\\u007d",
        "_": "\\u005f",
    }
)
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def js_json(value: object) -> str:
    """JSON that is inert anywhere in a page: inside ``<script>``, an HTML attribute, ``eval``,
    Jinja and streamlit-folium's renaming of ``_xxx`` names. Inside every string ``< > & ' `` `
    ``{ } _`` are ``\\u`` escapes; outside strings JSON holds none of them but its own braces."""
    s = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return _JSON_STRING.sub(lambda m: m.group(0).translate(_JS_INERT), s)


class RawHTML(Element):
    """Markup passed to the page as data: rendered verbatim, never compiled.

    ``folium.Element(s)`` compiles ``s`` as a Jinja2 template, so text from a user or an article
    inside it would run (``{{ 7*7 }}``, or worse). Everything built from such text goes through
    this element instead; its template is fixed and only outputs the string."""

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "RawHTML"
        self.markup = str(markup)


def clip(v: Any, limit: int) -> Any:
    """A long string cut to ``limit`` characters (plus "…"); anything else unchanged. What the app
    sends per page is bounded whatever a stored record holds."""
    return cut(v, limit) if isinstance(v, str) else v


def clip_frame(df: pd.DataFrame, limits: Mapping[str, int] | None = None) -> pd.DataFrame:
    """``df`` with every string in the ``limits`` columns (default ``CLIP_CHARS``) cut by ``clip``;
    the same frame when nothing is long (the common case costs one length per cell)."""
    limits = CLIP_CHARS if limits is None else limits
    out = df
    for col, n in limits.items():
        if col not in df.columns or df[col].dtype != object or df.empty:
            continue
        lens = df[col].map(lambda v: len(v) if isinstance(v, str) else 0)
        mask = lens > n
        if mask.any():
            if out is df:
                out = df.copy()
            out.loc[mask, col] = out.loc[mask, col].map(lambda v, n=n: clip(v, n))
    return out


__all__ = ["esc", "md_escape", "js_json", "safe_url", "RawHTML", "clip", "clip_frame", "CLIP_CHARS"]
