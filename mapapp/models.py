"""Records shared by every layer. Plain dataclasses so they pickle across processes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# Place kinds, coarse on purpose: the map legend and the resolver both key on them.
PLACE_KINDS = (
    "city",  # populated place (GeoNames P)
    "admin1",  # first-level division (state, province, Azerbaijani economic region)
    "admin2",  # district, county, rayon
    "country",
    "region",  # historical / cultural / disputed regions (Karabakh, South Caucasus)
    "continent",
    "water",  # seas, rivers, lakes
    "landmark",  # other named features
)

# How an event date was found; ordered from most to least specific.
DATE_PRECISIONS = ("day", "month", "year", "published", "unknown")
ReadErrorKind = Literal["fail", "skip", "note"]


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. ``id`` is stable across rebuilds: 'gn:<geonameid>' or 'cur:<slug>'."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str | None = None  # ISO 3166-1 alpha-2, None for seas/continents/multi-country regions
    population: int = 0
    admin1: str | None = None  # human-readable first-level division, for disambiguation in popups
    source: str = "geonames"


@dataclass(slots=True)
class Toponym:
    """One place mention found in a text; offsets index the text that was parsed."""

    start: int
    end: int
    name: str  # exactly text[start:end]
    place: Place | None  # None when recognised but not resolved
    score: float  # confidence in [0, 1] of the resolution (or recognition when unresolved)
    demonym: bool = False  # "Azerbaijani protesters" -> Azerbaijan
    alternatives: list[tuple[str, str, float]] = field(default_factory=list)  # (place id, label, score) it beat
    reason: str = ""  # short why: "population", "country context", "district cue", ...


@dataclass(slots=True)
class Article:
    """A cleaned article. Mention offsets index ``text``, never the raw file."""

    id: str  # stable across runs: content-independent (path-based or the record's own id)
    path: str  # file it came from (display / error messages)
    text: str
    title: str | None = None
    published: date | None = None
    published_how: str | None = None  # 'metadata' | 'header' | 'inferred' | None (unknown)
    source: str | None = None  # outlet, e.g. "Trend", "Azernews"
    url: str | None = None
    author: str | None = None
    content_hash: str = ""  # hash of text + metadata; a changed hash replaces the article's mentions


@dataclass(slots=True)
class Mention:
    """A toponym placed in its article, sentence and time. What the store and the map hold."""

    article_id: str
    start: int
    end: int
    name: str
    place: Place | None
    score: float
    sentence: str  # the sentence the mention stands in (cleaned text, not HTML)
    sentence_start: int  # offset of ``sentence`` in the article text
    event_date: date | None
    date_precision: str  # one of DATE_PRECISIONS
    demonym: bool = False
    alternatives: list[tuple[str, str, float]] = field(default_factory=list)
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file (or a record in it) that could not be read: shown as one line, never raised.
    ``kind`` says what it costs, so ingest can count it without reading the wording: ``"fail"``
    (the file, or the rest of it, was not read: it is read again next time), ``"skip"`` (one
    record left out for a stated reason) or ``"note"`` (the article was kept, with a remark)."""

    path: str
    reason: str
    kind: ReadErrorKind = "fail"

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(self.path))  # (a frozen dataclass)
        object.__setattr__(self, "reason", printable(self.reason))

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def content_hash(
    text: str, title: str | None, published: date | None, source: str | None, url: str | None, author: str | None
) -> str:
    """The one article hash: SHA-256 of the cleaned text and the metadata. Ids do not depend on
    content; this does, so an edited file keeps its id and gets a new hash (and new mentions)."""
    h = hashlib.sha256()
    for part in (text, title, published.isoformat() if published else None, source, url, author):
        h.update(b"\x1f")
        h.update((part or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def article_hash(article: Article) -> str:
    """``article.content_hash``, or :func:`content_hash` of its text and metadata when it was
    built without one (an Article made by hand rather than read from a file)."""
    return article.content_hash or content_hash(
        article.text, article.title, article.published, article.source, article.url, article.author
    )


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1 ("1 file", "2,000 files")."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def printable(s: str) -> str:
    """``s`` as text that can be encoded, stored and printed: a file name that is not UTF-8
    (``caf\\xe9.txt``, which Python holds as a lone surrogate) keeps its bytes as ``\\xe9``;
    other lone surrogates (``"\\ud800"`` in a JSON string) become ``\\ud800``. Unchanged when
    ``s`` is valid already (the usual case: one failed-free encode)."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        pass
    try:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return s.encode("utf-8", "backslashreplace").decode("utf-8")


def real_path(shown: str) -> str:
    """The file name :func:`printable` made ``shown`` from (``\\xff`` back to the byte it
    stands for), to find a stored path on disk again."""
    if "\\x" not in shown:
        return shown
    import re

    return re.sub(r"\\x([89a-f][0-9a-f])", lambda m: chr(0xDC00 + int(m.group(1), 16)), shown)
