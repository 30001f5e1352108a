"""HTML pages to body text and metadata (title, date, source, url, author, JSON-LD).

Its own module because a page's structure (skipped navigation, ``<article>`` over ``<body>``,
metas and schema.org JSON-LD) is a concern apart from cleaning plain text.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Any

from mapapp.geo import dates
from mapapp.limits import check

_SKIP_TAGS = {
    "script",
    "style",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "noscript",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "figure",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dd",
    "dt",
    "dl",
    "hr",
    "title",
    "body",
    "figcaption",
}
# Parts of a page inside the story's own element that are not the story: related and recommended
# links, comments, share bars, newsletters, adverts, sidebars, breadcrumbs, cookie banners (not a
# "paywall" element: some sites keep the story itself in one). Known
# by the role or the class and id words every CMS uses ("related-articles", "most-read"); their
# place names are other stories'. Skipped softly: a page whose text is all inside such an element
# (a site that calls its story "promo") is read whole.
_BOILER_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "menubar"}
)
_BOILER_WORDS = frozenset(
    "related recommended recommendations comment comments share sharing social newsletter subscribe "
    "subscription promo advert advertisement advertising ad ads adslot sponsor sponsored sidebar breadcrumb "
    "breadcrumbs cookie cookies consent popup modal navbar menu trending mostread readmore morestories "
    "alsoread youmayalsolike outbrain taboola signup".split()
)
_CLASS_WORD = re.compile(r"[a-z]+")
SOFT_MIN = 200  # characters of story left once the soft skips are made, else the page is read whole


def _boilerplate(a: dict[str, str]) -> bool:
    if a.get("role", "").strip().lower() in _BOILER_ROLES or a.get("aria-hidden", "").strip().lower() == "true":
        return True
    names = f"{a.get('class', '')} {a.get('id', '')}".lower()
    if not names.strip():
        return False
    for token in names.split():
        if token.replace("-", "").replace("_", "") in _BOILER_WORDS:
            return True
        # a part of a token ("related-articles", "c-share-bar"), if long enough to mean itself: "ad"
        # or "menu" inside "c-ad-free-article" or "menu-of-the-day" is no advert nor menu
        if any(len(w) >= 5 and w in _BOILER_WORDS for w in _CLASS_WORD.findall(token)):
            return True
    return False


_VOID = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr", "param"}


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.body: list[str] = []  # the text outside every skipped element
        self.article: list[str] = []
        self.body_all: list[str] = []  # the same with the soft skips read (see _boilerplate)
        self.article_all: list[str] = []
        self.soft = 0
        self.soft_saved: list[int] = []
        self.stack: list[str] = []
        self.open: dict[str, int] = {}  # tag -> how many are on the stack
        self.skip = 0
        self.in_title = False
        self.in_h1 = 0
        self.in_article = 0
        self.time_dt: str | None = None
        self.ld: list[str] = []
        self.in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        check()  # the per-file time budget (limits.deadline)
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.meta.setdefault("canonical", a["href"].strip())
            return
        if tag == "time" and a.get("datetime") and self.time_dt is None:
            self.time_dt = a["datetime"].strip()
        if tag in _VOID:
            if tag == "br" and not self.skip:
                self._emit("\n")
            return
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self.in_ld = True
            self.ld.append("")
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in _SKIP_TAGS or "hidden" in a or "display:none" in a.get("style", "").replace(" ", ""):
            self.skip += 1
            self.stack[-1] = "\x00" + tag
            return
        if _boilerplate(a):
            self.soft += 1
            self.stack[-1] = "\x01" + tag
        elif self.soft and tag in ("article", "main"):  # the story inside a "layout-with-sidebar" wrapper
            self.soft_saved.append(self.soft)
            self.soft = 0
            self.stack[-1] = "\x02" + tag
        if tag == "h1" and self.skip:
            self.in_h1 += 1  # a title inside a skipped <header> still names the article
            return
        if tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1 += 1
        elif tag == "article":
            self.in_article += 1
        if tag in _BLOCK_TAGS and not self.skip:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open.get(tag):
            return  # a stray end tag: no scan of the stack (40,000 of them cost minutes)
        # pop to the matching tag (tolerate unclosed tags); each pushed tag is popped once
        for i in range(len(self.stack) - 1, -1, -1):
            t = self.stack[i]
            if t.lstrip("\x00\x01\x02") == tag:
                for closed in self.stack[i:]:
                    self.open[closed.lstrip("\x00\x01\x02")] -= 1
                    self._close(closed)
                del self.stack[i:]
                break

    def _close(self, t: str) -> None:
        if t.startswith("\x00"):
            self.skip = max(0, self.skip - 1)
            if t == "\x00script":
                self.in_ld = False
            return
        if t.startswith("\x01"):
            self._close(t[1:])  # closed while still soft: its last break stays with what it ends
            self.soft = max(0, self.soft - 1)
            return
        if t.startswith("\x02"):
            self._close(t[1:])
            self.soft = self.soft_saved.pop() if self.soft_saved else 0
            return
        if t == "title":
            self.in_title = False
        elif t == "h1":
            self.in_h1 = max(0, self.in_h1 - 1)
        elif t == "article":
            self.in_article = max(0, self.in_article - 1)
        if t in _BLOCK_TAGS and not self.skip:
            self._emit("\n\n")

    def _emit(self, s: str) -> None:
        self.body_all.append(s)
        if self.in_article:
            self.article_all.append(s)
        if self.soft:
            return
        self.body.append(s)
        if self.in_article:
            self.article.append(s)

    def handle_data(self, data: str) -> None:
        if self.in_ld:
            self.ld[-1] += data
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_h1:
            self.h1_parts.append(data)
        if self.skip:
            return
        self._emit(data)


def _norm_ws(parts: list[str]) -> str:
    s = "".join(parts)
    s = re.sub(r"[ \t\f\v\u00a0]+", " ", s)
    s = re.sub(r" *\n *", "\n", s)
    s = re.sub(r"\n{3,}", "\n\n", s)
    return s.strip()


def _story(article: list[str], body: list[str]) -> str:
    """The ``<article>``'s text when it has some, else the body's."""
    text = _norm_ws(article) if article else ""
    return text if len(text) > 80 else _norm_ws(body)


def parse_html(text: str) -> tuple[str, dict[str, Any]]:
    p = _HTMLText()
    try:
        p.feed(text)
        p.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; be sure anyway
        pass
    body = _story(p.article, p.body)
    if len(body) < SOFT_MIN:  # everything was inside a soft skip: the page read whole
        body = _story(p.article_all, p.body_all)
    m = p.meta
    meta: dict[str, Any] = {}
    title = m.get("og:title") or _norm_ws(p.h1_parts) or _norm_ws(p.title_parts)
    if title:
        meta["title"] = " ".join(html.unescape(title).split())
    for k in (
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "sailthru.date",
        "og:published_time",
        "parsely-pub-date",
    ):
        if m.get(k) and dates.parse_date_string(m[k], "dmy"):  # a date at all: build reads its order
            meta["date"] = m[k]
            break
    else:
        if p.time_dt and dates.parse_date_string(p.time_dt, "dmy"):
            meta["date"] = p.time_dt
    if m.get("og:site_name"):
        meta["source"] = m["og:site_name"]
    url = m.get("canonical") or m.get("og:url")
    if url:
        meta["url"] = url
    if m.get("author") and not m["author"].lower().startswith("http"):
        meta["author"] = m["author"]
    for k, v in _json_ld(p.ld).items():
        meta.setdefault(k, v)
    return body, meta


_LD_TYPES = {"newsarticle", "article", "reportagenews", "blogposting", "analysisnewsarticle", "webpage", "report"}


def _ld_name(v: Any) -> str | None:
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, dict):
        return _ld_name(v.get("name"))
    if isinstance(v, list):
        names = [n for n in (_ld_name(x) for x in v[:5]) if n]
        return ", ".join(names) or None
    return None


def _json_ld(blocks: list[str]) -> dict[str, Any]:
    """title/date/source/url/author from schema.org JSON-LD (NewsArticle and kin)."""
    out: dict[str, Any] = {}
    for raw in blocks:
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, RecursionError, ValueError):
            continue
        items = obj if isinstance(obj, list) else [obj]
        flat: list[dict] = []
        for it in items:
            if isinstance(it, dict):
                flat.append(it)
                if isinstance(it.get("@graph"), list):
                    flat.extend(x for x in it["@graph"] if isinstance(x, dict))
        for it in flat:
            types = it.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            if not {str(t).lower() for t in types} & _LD_TYPES:
                continue
            if isinstance(it.get("headline"), str):
                out.setdefault("title", " ".join(html.unescape(it["headline"]).split()))
            d = it.get("datePublished") or it.get("dateCreated")
            if isinstance(d, str) and dates.parse_date_string(d, "dmy"):
                out.setdefault("date", d)
            src = _ld_name(it.get("publisher"))
            if src:
                out.setdefault("source", src)
            au = _ld_name(it.get("author"))
            if au and not au.lower().startswith("http"):
                out.setdefault("author", au)
            u = it.get("url") or (it.get("mainEntityOfPage") if isinstance(it.get("mainEntityOfPage"), str) else None)
            if isinstance(u, str) and u.startswith(("http://", "https://")):
                out.setdefault("url", u)
    return out


# A closing tag of an element a news body is written with, a line/paragraph break, an image, a
# script or a link: a text field that holds one is an HTML fragment (a CMS export's "content", an
# RSS description). A bare "<" in prose ("a<b and c>d") is none of these. Bounded: linear.
_MARKUP = re.compile(
    r"</(?:p|div|span|a|b|i|u|em|strong|li|ul|ol|h[1-6]|blockquote|table|tr|td|th|figure|figcaption|section"
    r"|article|font|sup|sub|small|cite|q|script|style|iframe|noscript|svg)\s*>|<(?:br|p|hr)\s*/?>"
    r"|<(?:img|iframe|script|style|svg|a\s+href)\b[^<>]{0,2000}>",
    re.I,
)
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,9}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def fragment_text(text: str) -> str:
    """A record's text field as the text a reader sees: an HTML fragment's tags and scripts gone and
    its paragraphs kept apart, character references ("&nbsp;", "&#8217;") read; plain text as it is
    ("AT&T" and "a<b" stay)."""
    if _MARKUP.search(text):
        return parse_html(text)[0]
    if "&" in text:
        return _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return text
