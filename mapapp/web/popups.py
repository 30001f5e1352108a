"""The HTML of places and mentions: a place's popup and the excerpt blocks that the popups and
the app's side panel both show (styled by ``static/mapapp/map.css``). Every string from an
article is escaped here (``escape.esc``); URLs become links only when their scheme is http(s).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from mapapp.models import plural
from mapapp.web.escape import CLIP_CHARS, clip, esc, safe_url

MAX_SENTENCE = 420  # characters of a sentence shown around the mention

Row = Mapping[str, Any]  # one row of a store frame (``Store.query`` / ``Store.places`` columns)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """``df.to_dict("records")`` without pandas' per-call overhead (hot in marker building)."""
    cols = list(df.columns)
    return [dict(zip(cols, vals)) for vals in zip(*(df[c].tolist() for c in cols))]


def distinct_sentences(rows: Iterable[Row]) -> list[Row]:
    """One row per (article, sentence): a sentence naming the place three times is one excerpt
    (``highlight`` marks every occurrence anyway)."""
    seen, out = set(), []
    for r in rows:
        key = (r.get("article_id"), r.get("sentence"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def highlight(sentence: object, name: object, limit: int = MAX_SENTENCE) -> str:
    """The sentence as escaped HTML with every occurrence of ``name`` in ``<mark>``; long
    sentences are cut around the first occurrence."""
    s = "" if sentence is None else str(sentence)
    n = "" if name is None else str(name)
    if len(s) > limit:
        i = s.find(n) if n else -1
        lo = max(0, (i if i >= 0 else 0) - limit // 3)
        hi = min(len(s), lo + limit)
        s = ("…" if lo > 0 else "") + s[lo:hi] + ("…" if hi < len(s) else "")
    if not n:
        return esc(s)
    parts = s.split(n)
    return f"<mark>{esc(n)}</mark>".join(esc(p) for p in parts)


def _date_label(row: Row) -> str:
    d = row.get("event_date")
    prec = row.get("date_precision") or "unknown"
    if not d or (isinstance(d, float) and math.isnan(d)):
        return "undated"
    d = str(d)
    if prec == "month":
        d = d[:7]
    elif prec == "year":
        d = d[:4]
    return f"{d} ({prec})"


def _text(value: object) -> str | None:
    """A cell as text to show, or None for nothing to show (None, NaN from a frame, blanks)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    s = str(value)
    return s if s.strip() else None


def excerpt_html(row: Row) -> str:
    """One mention as an escaped HTML block: date (+ precision), outlet, title, the sentence
    with the place name highlighted, and a link only for http(s) URLs. A missing outlet or title
    leaves no trace (no stray separator, no empty line)."""
    bits = [f'<div class="mapapp-excerpt"><span class="mapapp-date">{esc(_date_label(row))}</span>']
    source, title = _text(row.get("source")), _text(row.get("title"))
    if source:
        bits.append(f' · <span class="mapapp-source">{esc(clip(source, CLIP_CHARS["source"]))}</span>')
    if title:
        bits.append(f'<br><b class="mapapp-headline">{esc(clip(title, CLIP_CHARS["title"]))}</b>')
    bits.append(f'<br><span class="mapapp-sentence">{highlight(row.get("sentence"), row.get("name"))}</span>')
    mark = _text(row.get("corrected"))  # issue 14: "corrected by NAME on DATE"
    if mark:
        bits.append(f'<br><i class="mapapp-corrected">{esc(clip(mark, 200))}</i>')
    url = safe_url(row.get("url"))
    if url:
        bits.append(f'<br><a href="{esc(url)}" target="_blank" rel="noopener noreferrer">open the article</a>')
    bits.append("</div>")
    return "".join(bits)


def place_label(row: Row) -> str:
    """``Baku (AZ)``: plain text (escape before use)."""
    name = clip(str(row.get("place") or row.get("place_id") or "?"), CLIP_CHARS["place"])
    c = clip(row.get("country"), CLIP_CHARS["country"])
    return f"{name} ({c})" if isinstance(c, str) and c else name


def popup_html(place: Row, excerpts: pd.DataFrame | Iterable[Row] | None) -> str:
    """A place's popup: name, counts, dates and its newest excerpts (all escaped)."""
    n = int(place.get("n_mentions") or 0)
    na = int(place.get("n_articles") or 0)
    out = [
        f'<div class="mapapp-popup"><b>{esc(place_label(place))}</b>'
        f"<br>{esc(plural(n, 'mention'))} in {esc(plural(na, 'article'))}"
    ]
    fd, ld = place.get("first_date"), place.get("last_date")
    if isinstance(fd, str) and fd:
        out.append(f"<br>{esc(fd)}" + (f" – {esc(ld)}" if isinstance(ld, str) and ld and ld != fd else ""))
    given = records(excerpts) if isinstance(excerpts, pd.DataFrame) else list(excerpts or ())
    if given:
        out.append("<hr>")
        out.extend(excerpt_html(r) for r in distinct_sentences(given))
        if n > len(given):
            out.append(f"<i>The newest shown; the side panel lists all {n:,}.</i>")
    else:
        out.append("<br><i>Click to list its mentions in the side panel.</i>")
    out.append("</div>")
    return "".join(out)


__all__ = ["excerpt_html", "popup_html", "highlight", "place_label", "distinct_sentences", "records"]
