"""One :class:`~mapapp.models.Article` from raw text and merged metadata.

Its own module because every format ends here: cleaning, the publication date, the caps on
title/outlet/author/URL and the content hash are applied once, the same way for a ``.txt`` file
and a CSV row.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from mapapp import settings
from mapapp.geo import dates
from mapapp.limits import MAX_AUTHOR, MAX_SOURCE, MAX_TITLE, MAX_URL, cut
from mapapp.models import Article, ReadError, content_hash, printable
from mapapp.reading.clean import clean_text, find_source, plain_characters
from mapapp.reading.language import not_english


def _now() -> datetime:
    return datetime.now(timezone.utc)


def build_article(
    art_id: str,
    path: str,
    raw_text: str,
    meta: dict[str, Any],
    errors: list[ReadError],
    where: str,
    clean: bool = True,
) -> Article | None:
    """One article from raw text and metadata (highest priority first: ``meta`` has been merged)."""
    if clean:
        text, found = clean_text(raw_text)
    else:
        text, found = raw_text.strip(), {}
        src = find_source(text)
        if src:
            found["source"] = src
    if not text.strip():
        errors.append(
            ReadError(
                path,
                f"{where}no article text (nothing left after removing markup and site boilerplate)",
                "skip" if where else "fail",  # a record of many, or the file's one article
            )
        )
        return None
    lang = not_english(text)
    if lang is not None:  # stored all the same: said, so few or no places is not taken for a fault
        errors.append(
            ReadError(path, f"{where}not English ({lang}): places are found in English text only; article kept", "note")
        )
    mdate = meta.get("date")
    pub_meta = None
    if mdate not in (None, ""):
        order = settings.get("date_order")
        pub_meta = dates.parse_date_string(mdate, order)
        if pub_meta is None and dates.ambiguous_date(mdate):
            errors.append(
                ReadError(
                    path,
                    f"{where}date {str(mdate)!r} is ambiguous (day or month first? set MAPAPP_DATE_ORDER to dmy "
                    "or mdy); article kept without it",
                    "note",
                )
            )
        elif pub_meta is None:
            errors.append(
                ReadError(
                    path,
                    f"{where}date {str(mdate)[:40]!r} not understood (use YYYY-MM-DD); article kept without it",
                    "note",
                )
            )
    now = _now()
    if pub_meta is not None and pub_meta > now.date():
        errors.append(
            ReadError(path, f"{where}date {pub_meta.isoformat()} is in the future; article kept without it", "note")
        )
        pub_meta = None
    published, how = dates.publication_date(pub_meta, found.get("header", ""), text, now)
    title = meta.get("title") or found.get("title")
    source = meta.get("source") or found.get("source")
    url = meta.get("url")
    author = meta.get("author") or found.get("author")
    # capped here, once: a 2 MB title or outlet would otherwise reach every popup, table and export
    title = cut(printable(plain_characters(str(title))), MAX_TITLE) if title is not None else None
    source = cut(printable(str(source)), MAX_SOURCE) if source is not None else None
    url = printable(str(url)) if url is not None else None
    if url is not None and len(url) > MAX_URL:
        url = None  # a cut URL would lead somewhere else: none rather than a wrong one
    author = cut(printable(str(author)), MAX_AUTHOR) if author is not None else None
    return Article(
        id=printable(art_id),
        path=path,
        text=printable(text),
        title=title,
        published=published,
        published_how=how,
        source=source,
        url=url,
        author=author,
        content_hash=content_hash(text, title, published, source, url, author),
    )


def article_or_errors(
    art_id: str, path: str, raw_text: str, meta: dict[str, Any], where: str = "", clean: bool = True
) -> Iterator[Article | ReadError]:
    """:func:`build_article` as a stream: its problems first, then the article if there is one."""
    errors: list[ReadError] = []
    art = build_article(art_id, path, raw_text, meta, errors, where, clean)
    yield from errors
    if art is not None:
        yield art
