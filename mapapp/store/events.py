"""Events: the mentions of one place (or of a place and the places inside it) whose event dates
agree, grouped across articles and outlets, with the sentences that report them.

How mentions are grouped (on purpose simple enough to explain in a popup):

* **Where.** A mention of a broad place (a country, region or division) in a sentence that also
  names a more specific place of the same country belongs to that specific place's report (the
  event is where it is most precisely placed); demonyms are actors, never events. Places sharing
  a base name in one country form one *family* ("Tovuz" and "Tovuz District"): a place and the
  district of the same name are grouped together.
* **When.** Day-dated mentions join an event of the same day; a month or a year joins an event
  inside it; a mention dated only by its article's publication date joins an event of the 31
  days before it. Undated mentions are grouped only within their own article, never across.
* **What.** Reports in different articles link only when their sentences agree: shared content
  words (a crude stem: the first six letters; stopwords, numbers and the place's own name left
  out), named actors among them, and the kind of event from a transparent lexicon
  (``mapapp/store/eventkinds/*.txt``: a sentence's kind is the one with most entries in it; an
  event's, the most common among its reports). *Normal* agreement (the same day): the same kind and one
  shared word, or three shared words. *Strong* agreement (a month, a year or a publication date
  against a finer date): the same kind and two shared words, or five. Reports in the same
  article with the same date (and precision) link without it.
* **Groups.** An event is a set of linked reports (single link: a report joins every event
  holding a report it links to, merging them, unless the merge would mix two days, months or
  years). Links are symmetric and checked report against report, so the groups do not depend
  on the order articles arrive in (a refused merge aside). Reports are filed by (precision,
  period), so a new report is compared only with the reports whose dates can agree.
* **Incremental.** ``update(store, article_ids)`` removes those articles' mentions from their
  events and links their current mentions to the stored events of their family and date window
  (or new ones); every touched event's place, label, date, kind and counts are recomputed from
  its members. ``rebuild`` runs the same over every article in publication order, in chunks
  (bounded memory).

The label is the sentence of the best-dated, earliest report (cut at a word), not generated text.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import time
import zlib
from array import array
from collections import Counter
from collections.abc import Collection, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import chain, compress, groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from mapapp.store.filters import Filters

if TYPE_CHECKING:  # pandas is imported where a frame is made (a rebuild's processes never need it)
    import pandas as pd

    from mapapp.store import SnapshotRecord, Store

log = logging.getLogger(__name__)
LEXICON_DIR = Path(__file__).resolve().parent / "eventkinds"
KINDS = ("clash", "protest", "meeting", "statement")  # tie order; 'other' when none scores
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "published": 3, "unknown": 4}
PLACE_RANK = {"city": 0, "landmark": 0, "water": 1, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
PUBLISHED_WINDOW_DAYS = 31
LABEL_CHARS = 160
MAX_TERMS = 80
_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(x, ensure_ascii=False), one encoder for all
CHUNK_ARTICLES = 5000  # articles per incremental update
POSTINGS_SCAN = 200  # a report is compared with at most this many latest reports per shared word
CHUNK_ROWS = 20_000  # mentions linked at a time by a rebuild
PARALLEL_MIN_MENTIONS = 100_000  # a rebuild of at least this many runs in two processes (two cores)
# a parallel rebuild's writing process links a share of the families too, this much of what each
# other process links (it also writes every process's links and events): 0.7 gives it 41% of
# them beside one other process, which took as long as its 59% (6,000-record ingest, 2 cores)
PARENT_WEIGHT = 0.7
# a rebuild's open event with more members keeps their sums instead (``_Sums``; most events have
# one or two members, and few reach this)
FOLD_MEMBERS = 32
REBUILD_CACHE_KB = 131_072  # SQLite page cache while a rebuild runs (its writes and index builds)

EVENT_COLUMNS = [
    "event_id",
    "place",
    "place_id",
    "country",
    "lat",
    "lon",
    "place_kind",
    "date",
    "date_precision",
    "label",
    "kind",
    "n_mentions",
    "n_articles",
    "n_sources",
    "first_reported",
    "last_reported",
]
REPORT_COLUMNS = [
    "event_id",
    "mention_id",
    "article_id",
    "path",
    "title",
    "source",
    "url",
    "published",
    "name",
    "sentence",
    "corrected",
]

_WORD_RE = re.compile(r"[^\W\d_]+")
_SUFFIXES = {"district", "province", "region", "county", "rayon", "oblast", "governorate", "municipality", "city"}


def _read_list(name: str) -> list[str]:
    out = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        s = line.split("#", 1)[0].strip().lower()
        if s:
            out.append(s)
    return out


@cache
def kind_lexicon() -> dict[str, frozenset[str]]:
    """``{kind: entries}`` from ``eventkinds/<kind>.txt`` (words and two-word phrases)."""
    return {k: frozenset(_read_list(f"{k}.txt")) for k in KINDS}


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_read_list("stopwords.txt"))


def tokens(text: str) -> list[str]:
    """Lower-case words (letters only), in order; linear in the text."""
    return _WORD_RE.findall(text.lower())


@cache
def _phrase_starts() -> frozenset[str]:
    return frozenset(e.split()[0] for words in kind_lexicon().values() for e in words if " " in e)


def kind_scores(toks: Sequence[str]) -> Counter[str]:
    """Points per kind: one per lexicon entry (word or two-word phrase) found in ``toks``."""
    starts = _phrase_starts()
    grams = set(toks)
    grams.update(f"{a} {b}" for a, b in zip(toks, toks[1:]) if a in starts)
    out: Counter[str] = Counter()
    for k, words in kind_lexicon().items():
        n = len(grams & words)
        if n:
            out[k] = n
    return out


def sentence_kind(toks: Sequence[str]) -> str:
    """``kind_of(kind_scores(toks))`` without the Counter (grouping calls it once per sentence)."""
    starts = _phrase_starts()
    grams = set(toks)
    if not grams.isdisjoint(starts):
        grams.update(f"{a} {b}" for a, b in zip(toks, toks[1:]) if a in starts)
    best, best_n = "other", 0
    for k, words in kind_lexicon().items():  # in KINDS order: the first of equals wins
        n = len(grams & words)
        if n > best_n:
            best, best_n = k, n
    return best


def kind_of(scores: Counter[str]) -> str:
    """The kind with most points (ties in ``KINDS`` order), ``other`` when none scores."""
    best = max(KINDS, key=lambda k: (scores.get(k, 0), -KINDS.index(k)))
    return best if scores.get(best, 0) > 0 else "other"


def stem(word: str) -> str:
    """A crude stem: the first six letters ('Armenian' and 'Armenia' agree, 'attacks' and 'attack')."""
    return word[:6] if len(word) >= 6 else word.rstrip("s") or word


def terms(toks: Sequence[str], exclude: Iterable[str] = ()) -> frozenset[str]:
    """Content-word stems of a sentence: stopwords, short words and ``exclude`` (the place's own
    name) left out."""
    out = {x for x in map(_content_stem, toks) if x}
    if exclude:
        out.difference_update(stem(w) for w in exclude)
    return frozenset(out)


@cache
def _content_stem(word: str) -> str | None:
    return None if len(word) <= 2 or word in stopwords() else stem(word)


@cache
def _own_terms(name: str, place: str) -> frozenset[str]:
    return terms(tokens(name) + tokens(place))


@cache
def family(name: str, country: str | None) -> str:
    """Places of one country sharing a base name ('Tovuz', 'Tovuz District') are one family."""
    words = [w for w in tokens(name) if w not in _SUFFIXES] or tokens(name)
    return f"{country or '-'}|{' '.join(words)}"


def agree_bar(shared: int, same_kind: bool, strong: bool) -> bool:
    """Whether ``shared`` stems (and the same kind or not) meet the bar (``agree``)."""
    need_kind, need_words = (2, 5) if strong else (1, 3)
    return (same_kind and shared >= need_kind) or shared >= need_words


def agree(a: frozenset[str], a_kind: str, b: Iterable[str], b_kind: str, strong: bool) -> int:
    """How well two reports agree (shared stems, +2 for the same kind), or 0 when below the bar
    (normal: same kind and one shared word, or three; strong: same kind and two, or five)."""
    shared = len(a.intersection(b))
    same_kind = a_kind == b_kind and a_kind != "other"
    need_kind, need_words = (2, 5) if strong else (1, 3)
    if (same_kind and shared >= need_kind) or shared >= need_words:
        return shared + (2 if same_kind else 0)
    return 0


# --- records -----------------------------------------------------------------------------------
class _Row(NamedTuple):
    id: int
    article_id: str
    source: str | None
    published: str | None
    place_id: str
    place: str
    country: str | None
    place_kind: str
    date: str | None
    precision: str
    sentence: str
    sentence_start: int
    name: str


class _Report(NamedTuple):
    """One primary mention as the grouping compares it."""

    id: int
    article_id: str
    date: str | None
    precision: str
    terms: Collection[str]  # a frozenset; a tuple once a rebuild files it (a fifth of the memory)
    kind: str


_terms_of = itemgetter(4)  # a _Report's terms


@dataclass(eq=False, slots=True)
class _Ev:
    """An event as grouping sees it: the days, months and years of its reports (what
    ``_consistent`` checks a merge against; tuples, as most events have one of each), not the
    reports themselves."""

    id: int  # negative until written
    family: str
    into: _Ev | None = None  # merged into that event
    days: tuple[str | None, ...] = ()
    months: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    live: int = 0  # its reports still filed (a later report may link to them); rebuild finishes it at 0
    # a rebuild's (``_Grouper(finish=True)``): every member, and per precision rank the earliest
    # primary report (``_attributes``' label order) with its sentence: all its attributes need
    # (or, past ``FOLD_MEMBERS``, their sums: ``_Sums``)
    members: list[_Member] | _Sums | None = None
    labels: dict[int, tuple[str, str, int, str]] | None = None

    def find(self) -> _Ev:
        e = self
        while e.into is not None:
            e = e.into
        return e

    def note(self, m: _Report) -> None:
        """``m`` joined (as ``_consistent`` reads a report's date)."""
        p = m.precision
        if p == "day" and m.date not in self.days:
            self.days += (m.date,)
        if p in ("day", "month") and (x := _month(m.date)) not in self.months:
            self.months += (x,)
        if p in ("day", "month", "year") and (x := _year(m.date)) not in self.years:
            self.years += (x,)

    def can_merge(self, other: _Ev, m: _Report) -> bool:
        """``_consistent`` of this event's reports, ``other``'s and ``m``."""
        one = _Ev(0, "")
        one.note(m)
        return (
            len({*self.days, *other.days, *one.days}) <= 1
            and len({*self.months, *other.months, *one.months}) <= 1
            and len({*self.years, *other.years, *one.years}) <= 1
        )

    def absorb(self, gone: _Ev) -> None:
        self.days = _joined(self.days, gone.days)
        self.months = _joined(self.months, gone.months)
        self.years = _joined(self.years, gone.years)
        gone.days = gone.months = gone.years = ()
        self.live += gone.live
        gone.live = 0
        if gone.members is not None:
            self.members = _joined_members(self.members, gone.members)
            gone.members = None
        if gone.labels is not None:
            labels = self.labels if self.labels is not None else {}
            for rank, c in gone.labels.items():
                if rank not in labels or c < labels[rank]:
                    labels[rank] = c
            self.labels, gone.labels = labels, None

    def keep(self, m: _Member, sentence: str) -> None:
        """``m`` is a member (a rebuild computes the attributes when the event is finished)."""
        ms = self.members
        if ms is None:
            self.members = [m]
        elif isinstance(ms, _Sums):
            ms.add(m)
        else:
            ms.append(m)
            if len(ms) > FOLD_MEMBERS:
                self.members = _Sums.of(ms)
        if m.primary:
            rank = PRECISION_RANK.get(m.precision, 4)
            c = (m.published or "9999", m.article_id, m.mention_id, sentence)
            if self.labels is None:
                self.labels = {rank: c}
            elif rank not in self.labels or c < self.labels[rank]:
                self.labels[rank] = c


def _joined_members(a: list[_Member] | _Sums | None, b: list[_Member] | _Sums) -> list[_Member] | _Sums:
    """The members of two merged events (``_Ev.members``): lists joined (the longer grows),
    folded into sums past ``FOLD_MEMBERS``."""
    if a is None:
        return b
    if isinstance(a, _Sums):
        if isinstance(b, _Sums):
            a.merge(b)
        else:
            a.add_all(b)
        return a
    if isinstance(b, _Sums):
        b.add_all(a)
        return b
    if len(a) < len(b):
        a, b = b, a
    a += b
    return _Sums.of(a) if len(a) > FOLD_MEMBERS else a


def _joined(a: tuple, b: tuple) -> tuple:
    """``a`` and the items of ``b`` it lacks."""
    return a + tuple(x for x in b if x not in a) if b else a


@cache
def _month(d: str | None) -> str:
    return (d or "")[:7]


@cache
def _year(d: str | None) -> str:
    return (d or "")[:4]


@cache
def _iso(o: int) -> str:
    return date.fromordinal(min(max(1, o), date.max.toordinal())).isoformat()


def _key(r: _Report) -> tuple[str, str]:
    """The bucket a report is filed under (its precision and its period)."""
    if r.precision == "unknown" or not r.date:
        return ("unknown", r.article_id)
    return (r.precision, {"month": r.date[:7], "year": r.date[:4]}.get(r.precision, r.date))


def _probe(r: _Report) -> list[tuple[str, str]]:
    """Every bucket holding reports whose dates may agree with ``r`` (``_pair`` decides)."""
    if r.precision == "unknown" or not r.date:
        return [("unknown", r.article_id)]
    return _probe_dated(r.precision, r.date)


@cache
def _probe_dated(precision: str, d: str) -> list[tuple[str, str]]:
    o, w = _ordinal(d), PUBLISHED_WINDOW_DAYS
    r = _Report(0, "", d, precision, frozenset(), "")
    if r.precision == "day":
        return [("day", d), ("month", d[:7]), ("year", d[:4])] + [("published", _iso(o + i)) for i in range(w + 1)]
    if r.precision == "month":
        days = [("day", x) for x in (_iso(o + i) for i in range(31)) if x[:7] == d[:7]]
        return [*days, ("month", d[:7]), ("year", d[:4])] + [("published", _iso(o + i)) for i in range(w + 31)]
    if r.precision == "year":
        y = d[:4]
        days = [("day", x) for x in (_iso(o + i) for i in range(366)) if x[:4] == y]
        return [*days, *(("month", f"{y}-{m:02d}") for m in range(1, 13)), ("year", y)]
    months = sorted(m for m in {_iso(o - i)[:7] for i in range(w + 31)} if _ordinal(m + "-01") >= o - w - 30)
    return (
        [("day", _iso(o - i)) for i in range(w + 1)]
        + [("month", m) for m in months]
        + [("published", _iso(o + i)) for i in (-1, 0, 1)]
    )


@cache
def _probe_set(precision: str, d: str) -> frozenset[tuple[str, str]]:
    return frozenset(_probe_dated(precision, d))


@cache
def _ordinal(d: str | None) -> int:
    return date.fromisoformat(d).toordinal() if d else 0


def _pair(a: _Report, b: _Report) -> bool | None:
    """Whether two reports' dates can agree: None when they cannot, else whether strong text
    agreement is needed (symmetric, so the groups do not depend on the order of ingest)."""
    if a.article_id == b.article_id and a.precision == b.precision and a.date == b.date:
        return False  # same article, same date: joined without text (see _Bucket.links)
    if a.precision == "unknown" or b.precision == "unknown":
        return None
    if PRECISION_RANK.get(a.precision, 4) > PRECISION_RANK.get(b.precision, 4):
        a, b = b, a  # a is the finer
    ad, bd = a.date or "", b.date or ""
    if a.precision == "day":
        if b.precision == "day":
            return False if ad == bd else None
        if b.precision == "month":
            return True if ad[:7] == bd[:7] else None
        if b.precision == "year":
            return True if ad[:4] == bd[:4] else None
        return True if 0 <= _ordinal(bd) - _ordinal(ad) <= PUBLISHED_WINDOW_DAYS else None  # published
    if a.precision == "month":
        if b.precision == "month":
            return False if ad[:7] == bd[:7] else None
        if b.precision == "year":
            return True if ad[:4] == bd[:4] else None
        return True if 0 <= _ordinal(bd) - _ordinal(ad) <= PUBLISHED_WINDOW_DAYS + 30 else None
    if a.precision == "year":
        return False if b.precision == "year" and ad[:4] == bd[:4] else None
    return True if abs(_ordinal(ad) - _ordinal(bd)) <= 1 else None  # both published


def _consistent(members: Iterable[_Report]) -> bool:
    """A merged event keeps one day, one month, one year (a later report cannot chain two
    different days into one event)."""
    days = {m.date for m in members if m.precision == "day"}
    months = {(m.date or "")[:7] for m in members if m.precision in ("day", "month")}
    years = {(m.date or "")[:4] for m in members if m.precision in ("day", "month", "year")}
    return len(days) <= 1 and len(months) <= 1 and len(years) <= 1


@cache
def _bucket_days(precision: str, period: str) -> tuple[int, int]:
    """The first and last day (ordinals) of the dates a bucket ``(precision, period)`` files."""
    if precision == "month":
        lo = _ordinal(period + "-01")
        return lo, _ordinal(_iso(lo + 31)[:7] + "-01") - 1
    if precision == "year":
        return _ordinal(period + "-01-01"), _ordinal(period + "-12-31")
    o = _ordinal(period)
    return o, o


@cache
def _probe_days(precision: str, d: str) -> tuple[tuple[str, int, int], ...]:
    """``_probe_dated`` as ``(precision, first day, last day)`` ranges, consecutive days merged."""
    out: dict[str, list[list[int]]] = {}
    for p, lo, hi in sorted((p, *_bucket_days(p, period)) for p, period in _probe_dated(precision, d)):
        spans = out.setdefault(p, [])
        if spans and lo <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    return tuple((p, lo, hi) for p, spans in out.items() for lo, hi in spans)


def _wanted(reps: Iterable[_Report]) -> list[tuple[str, str, str]]:
    """The stored reports that may link to ``reps``: ``(precision, first date, last date)``
    ranges covering exactly the buckets they probe (``_probe``, which holds exactly the dates
    ``_pair`` accepts), merged. An update reads only these (index ``event_mentions_bucket``), so
    its cost follows the batch, not the density of the dates around it: a day-dated report reads
    the reports of its own day, not of the two months around it."""
    by_p: dict[str, list[tuple[int, int]]] = {}
    for r in reps:
        if r.precision == "unknown" or not r.date:
            continue  # undated reports link only within their own article: nothing stored
        for p, lo, hi in _probe_days(r.precision, r.date):
            by_p.setdefault(p, []).append((lo, hi))
    out = []
    for p, spans in by_p.items():
        merged: list[list[int]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        out += [(p, _iso(lo), _iso(hi)) for lo, hi in merged]
    return out


class UpdateReport(NamedTuple):
    articles: int
    mentions: int
    events_touched: int
    seconds: float
    processes: int = 1  # a rebuild's linking processes (``parts``; 1: this one alone)


_SELECT_ALL = (
    "SELECT m.id, m.article_id, a.source, a.published, m.place_id, p.name, p.country, p.kind, m.event_date, "
    "m.date_precision, m.sentence, m.sentence_start, m.name "
    "FROM mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id WHERE m.demonym = 0"
)
_SELECT_ROWS = _SELECT_ALL + " AND m.article_id IN ({})"
_PLACES = "SELECT id, name, country, kind FROM places"


def has_events(store: Store) -> bool:
    """Whether this store has the events tables (migration 007)."""
    with store._lock:
        return bool(store.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone())


def update(store: Store, article_ids: Iterable[str] | None) -> UpdateReport:
    """Bring the events up to date after ``article_ids`` were written, changed or deleted
    (None: every article, a rebuild). What ingest calls at its end (``update_pending``)."""
    t0 = time.perf_counter()
    if article_ids is None:
        return rebuild(store)
    ids = list(dict.fromkeys(article_ids))
    n = 0
    touched = 0
    for lo in range(0, len(ids), CHUNK_ARTICLES):
        a, b = _update_chunk(store, ids[lo : lo + CHUNK_ARTICLES])
        n, touched = n + a, touched + b
    return UpdateReport(len(ids), n, touched, time.perf_counter() - t0)


def pending(store: Store) -> int:
    """How many written or removed articles wait for their events (``events_dirty``)."""
    with store._lock:
        return int(store.conn.execute("SELECT count(*) FROM events_dirty").fetchone()[0])


def update_pending(store: Store, min_articles: int = 0) -> UpdateReport | None:
    """Update the events of the articles waiting in ``events_dirty`` when there are at least
    ``min_articles`` of them (ingest calls it once, at its end, when it does not regroup
    everything): loading the stored reports a batch can link to costs about the same for 50
    articles as for 5,000, so one update of many articles beats many small ones."""
    if pending(store) < max(1, min_articles):
        return None
    with store._lock:
        ids = [r[0] for r in store.conn.execute("SELECT article_id FROM events_dirty ORDER BY article_id")]
    return update(store, ids)


def rebuild(store: Store, parts: int | None = None, most: int | None = None) -> UpdateReport:
    """Every event made again in one transaction (readers see the old ones until it commits):
    the mentions are read once in event-date order and linked in memory, keeping only the
    reports of the last months (all a new report can link to), so memory stays bounded at
    millions of mentions. An event's attributes are computed once none of its reports is kept
    (no later report can join it), from the members the linking kept (``_Grouper(finish=True)``),
    so nothing is read back by event at the end. The indexes of ``events`` and ``event_mentions``
    are dropped while they fill and made again after (a sort each, instead of millions of
    scattered B-tree inserts).

    Families never link to each other, so on a big store ``parts`` processes (default: 2 when
    there are two cores and ``PARALLEL_MIN_MENTIONS``) each link a share of them (by a hash of
    the family) and compute their events' attributes: this one a smaller share
    (``PARENT_WEIGHT``), since it also writes what every process links, and ``parts - 1`` other
    processes the rest; new events are numbered in the order one process would make them, so
    the events and their ids are the same either way. ``most``: at most this many processes
    (ingest passes its ``--workers``: one worker means one process, this one)."""
    t0 = time.perf_counter()
    n = 0
    with store.transaction() as conn:
        conn.execute("DELETE FROM event_mentions")
        conn.execute("DELETE FROM events")
        conn.execute("DELETE FROM events_dirty")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('events', 'event_mentions') "
            "AND sql IS NOT NULL"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {-REBUILD_CACHE_KB}")
        if parts is None:
            parts = _default_parts(store, conn)
        if most is not None:
            parts = max(1, min(parts, most))
        linked = None
        folded: list[int] = []  # events whose distinct articles are counted at the end (``_Sums``)
        if parts > 1:
            conn.execute("SAVEPOINT parts")
            try:
                linked = _link_in_parts(store, conn, parts, folded)
                conn.execute("RELEASE parts")
            except (OSError, RuntimeError, EOFError) as exc:  # a process could not start or failed
                conn.execute("ROLLBACK TO parts")
                conn.execute("RELEASE parts")
                folded.clear()
                log.warning("events: grouping in one process (%s)", exc)
        if linked is not None:
            n, moves, n_events, last_id = linked
        else:  # this process alone: the same linking, its events written with their ids once finished
            n_events = 0
            alone = _part_messages(conn, None, CHUNK_ROWS)
            while (msg := next(alone)) is not None:
                links, _fresh, k, finished = msg
                _write_links(conn, links, replace=False)
                n += k
                n_events += _insert_finished(conn, finished, folded)
            moves, finished, last_id = next(alone) or ([], [], 0)  # its moves, the events finished last
            n_events += _insert_finished(conn, finished, folded)
        # each event is written once, finished; one merged into another never is (its reports move
        # below) but took an id: the sequence ends where AUTOINCREMENT would have left it
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'events'", (last_id,))
        for _name, sql in indexes:
            conn.execute(sql)
        conn.executemany("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", [(k, g) for g, k in moves])
        _count_articles(conn, folded)
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
    return UpdateReport(n_articles, n, n_events, time.perf_counter() - t0, parts if linked is not None else 1)


@contextmanager
def _no_cycle_gc() -> Iterator[None]:
    """Python's cycle collector off while a rebuild links: it holds hundreds of thousands of
    small objects (reports, members, buckets) that make no reference cycles, and each full
    collection walks all of them (measured: a third of the linking's CPU at 124k mentions).
    Reference counting still frees everything; cycles made meanwhile are collected after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# a rebuild's read: the places' columns come from a dict (read once), so each row is the mention's
# own columns and its article's; the order keeps a sentence's mentions of one date together
_SELECT_REBUILD = (
    "SELECT m.id, m.article_id, a.source, a.published, m.place_id, m.event_date, m.date_precision, m.sentence, "
    "m.sentence_start, m.name FROM mentions m JOIN articles a ON a.id = m.article_id "
    "WHERE m.demonym = 0 AND m.place_id IS NOT NULL ORDER BY m.event_date, m.article_id, m.sentence_start, m.id"
)
_sentence_date = itemgetter(5, 1, 8)  # a raw row's date, article and sentence


def _raw_unit(r: tuple) -> tuple:
    """What a chunk is never cut inside (a raw ``_SELECT_REBUILD`` row's): its date, or for an
    undated mention its article."""
    return (r[5], r[1] if r[5] is None else None)


def _chunks(
    conn,  # noqa: ANN001
    size: int,
    places: dict[str, tuple[str, str | None, str]],
    mine: dict[str, bool] | None = None,
) -> Iterator[tuple[list[_Row], int, str]]:
    """Every mention in event-date order (undated first), in chunks of about ``size`` rows
    (``CHUNK_ROWS``) cut where the date (undated: the article) changes, or, when one date alone
    has ``size`` rows, where its article changes (a chunk holds about ``size`` rows, or one
    article's rows of one date when they are more, whatever the density), so neither a sentence
    nor an article's reports of one date are ever split; each with the rows read and the day to
    ``evict`` before the next ('' after undated reports). The same chunks whoever reads them (the processes
    of a rebuild are given the same ``size``).
    ``places``: each place's name, country and kind (a mention of another place is not read, as
    the join it replaces); ``mine`` (a share of a rebuild, place id: its family is the share's):
    only the mentions of a sentence and date holding one of the share's places are made rows,
    the only ones ``_Grouper.add`` can link (a mention is linked, or absorbed by a finer place of
    its sentence and date, by its own family's share). Equal strings of the rows (outlet, dates,
    precision, place; an article's id within a chunk) are one object: what a rebuild keeps of
    its open events' members takes a pointer per column, not a string per row."""
    cur = conn.cursor()
    cur.execute(_SELECT_REBUILD)
    pending: list[tuple] = []
    same: dict[Any, Any] = {}  # a raw row's column: the same type back
    one = same.setdefault  # few distinct values (outlets, days, places): kept for the whole read
    while True:
        batch = [r for r in cur.fetchmany(min(5000, size)) if r[4] in places]
        if batch:
            pending += batch
        if len(pending) < size and batch:
            continue
        cut = len(pending)
        if batch and pending:
            unit = _raw_unit(pending[-1])
            while cut > 0 and _raw_unit(pending[cut - 1]) == unit:
                cut -= 1
            if cut == 0:  # one date holds the chunk: cut it before its last article
                aid = pending[-1][1]
                cut = len(pending)
                while cut > 0 and pending[cut - 1][1] == aid:
                    cut -= 1
        if cut:
            raw = pending[:cut]
            if mine is not None:
                raw = [r for _k, g in groupby(raw, _sentence_date) for r in _if_mine(list(g), mine)]
            ids: dict[str, str] = {}
            art = ids.setdefault  # an article's rows in this chunk share its id
            rows = [
                _Row(
                    r[0],
                    art(r[1], r[1]),
                    one(r[2], r[2]),
                    one(r[3], r[3]),
                    one(r[4], r[4]),
                    *places[r[4]],
                    one(r[5], r[5]),
                    one(r[6], r[6]),
                    r[7],
                    r[8],
                    r[9],
                )
                for r in raw
            ]
            yield rows, cut, pending[cut - 1][5] or ""
            pending = pending[cut:]
        if not batch:
            break


def _if_mine(group: list[tuple], mine: dict[str, bool]) -> list[tuple]:
    """``group`` (a sentence's mentions of one date) when one of its places is the share's, else none."""
    for r in group:
        if mine[r[4]]:
            return group
    return []


def _family_part(fam: str, parts: int, weight: float) -> int:
    """Which of ``parts`` processes links family ``fam`` (a hash every process agrees on): part 0
    (the writing process) ``weight`` of a share (``PARENT_WEIGHT``), the others one each."""
    x = zlib.crc32(fam.encode("utf-8")) % 4096 * (weight + parts - 1) / 4096
    return 0 if x < weight else min(parts - 1, 1 + int(x - weight))


def _default_parts(store: Store, conn) -> int:  # noqa: ANN001
    if (os.cpu_count() or 1) < 2 or store.path == ":memory:":
        return 1
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        return 1  # the parts read while this transaction writes: only WAL lets them
    top = conn.execute("SELECT max(id) FROM mentions").fetchone()[0] or 0
    return 2 if top >= PARALLEL_MIN_MENTIONS else 1


def _write_finished(conn, rows: list[tuple]) -> int:  # noqa: ANN001
    """Write finished events' attributes (``_Grouper.finished`` rows, ids this store's); empties
    ``rows``, returns how many."""
    conn.executemany(
        "UPDATE events SET place_id=?, date=?, date_precision=?, kind=?, terms=?, n_mentions=?, "
        "n_articles=?, n_sources=?, first_reported=?, last_reported=?, label=? WHERE id=?",
        rows,
    )
    n = len(rows)
    rows.clear()
    return n


def _insert_finished(conn, rows: list[tuple], folded: list[int]) -> int:  # noqa: ANN001
    """Write a rebuild's finished events (``_Grouper.finished`` rows: the attributes, the label,
    the id, the family), each once, with its id; empties ``rows``, returns how many. The ids of
    those whose articles are still to count (``_Sums``) are added to ``folded``."""
    folded += [r[11] for r in rows if r[6] < 0]
    conn.executemany(
        "INSERT INTO events(place_id, date, date_precision, kind, terms, n_mentions, n_articles, n_sources, "
        "first_reported, last_reported, label, id, family) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    n = len(rows)
    rows.clear()
    return n


def _next_event_id(conn) -> int:  # noqa: ANN001
    """The id AUTOINCREMENT would give the next event."""
    return conn.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0), "
        "coalesce((SELECT max(id) FROM events), 0)) + 1"
    ).fetchone()[0]


def _link_in_parts(  # noqa: ANN001
    store: Store, conn, parts: int, folded: list[int]
) -> tuple[int, list[tuple[int, int]], int, int]:
    """Link the families in ``parts`` shares: share 0 in this process (``PARENT_WEIGHT`` of a
    share: it also writes), the others in as many processes (``_part_main``), and write what they
    all link, chunk by chunk: the new events of a chunk get their ids in the order of their first
    reports (as one process would number them), then the links, then the attributes of the events
    they finished (each event written once, finished). Returns the mentions linked, the (merged
    id, into id) moves, the events written and the last id given."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    path = str(Path(store.path).expanduser().resolve())
    pipes, procs = [], []
    size, weight = CHUNK_ROWS, PARENT_WEIGHT  # given to the other processes: all must agree
    here = _part_messages(conn, (0, parts, weight), size)
    try:
        for k in range(1, parts):
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_part_main, args=(path, k, parts, size, weight, send), daemon=True)
            proc.start()
            send.close()
            pipes.append(recv)
            procs.append(proc)
        # each process's ids (1, 2, ...) as this store's: given in the order it numbered them, so
        # an array per process (8 bytes an event, not a dict entry: millions at 1M records)
        ids = [array("q", [0]) for _ in range(parts)]
        nxt = _next_event_id(conn)
        n = n_events = 0

        def finished(k: int, rows: list[tuple]) -> None:
            nonlocal n_events
            got = ids[k]
            n_events += _insert_finished(conn, [(*r[:-2], got[r[-2]], r[-1]) for r in rows], folded)

        while True:
            got = [next(here), *(_receive(p) for p in pipes)]  # this share first: the others link meanwhile
            if any(g is None for g in got):
                break
            for _order, k, local in sorted((order, k, local) for k, g in enumerate(got) for order, local, _f in g[1]):
                if local != len(ids[k]):
                    raise RuntimeError(f"events: process {k} numbered event {local} out of order")
                ids[k].append(nxt)
                nxt += 1
            links = [(r[0], ids[k][r[1]], *r[2:]) for k, g in enumerate(got) for r in g[0]]
            _write_links(conn, links, replace=False)
            n += got[0][2]
            for k, g in enumerate(got):
                finished(k, g[3])
        moves = []
        for k, last in enumerate([next(here), *(_receive(p) for p in pipes)]):
            part_moves, rows, _last = last  # its last local id: numbered above
            moves += [(ids[k][g], ids[k][into]) for g, into in part_moves]
            finished(k, rows)
        for proc in procs:
            proc.join(30)
        return n, moves, n_events, nxt - 1
    finally:
        here.close()
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for p in pipes:
            p.close()


def _receive(pipe):  # noqa: ANN001, ANN202
    msg = pipe.recv()
    if isinstance(msg, tuple) and msg and msg[0] == "error":
        raise RuntimeError(f"events: a grouping process failed: {msg[1]}")
    return msg


def _part_messages(  # noqa: ANN001
    conn, part: tuple[int, int, float] | None, size: int
) -> Generator[tuple | None, None, None]:
    """One share of a parallel rebuild, ``part`` = (share, parts, weight): reads every mention in
    chunks of ``size`` rows (making rows only of the sentences its share can link, ``_chunks``),
    links the families of its share and finishes their events (``_Grouper(finish=True)``); yields
    per chunk (links, new events, rows read, events finished before it), then None, then (its
    moves, the events finished last, the last id it gave). Ids are this share's own; the writer
    numbers them. ``part`` None: every family, by the writer itself (ids given as events are
    made, each event written once finished; no new events to number)."""
    with _no_cycle_gc():
        places = {pid: (name, country, kind) for pid, name, country, kind in conn.execute(_PLACES)}
        grouper = _Grouper(conn, stored=False, defer_moves=True, part=part, finish=True)
        if part is not None:  # every place's share, once
            share, parts, weight = part
            grouper.mine = {p: _family_part(family(v[0], v[1]), parts, weight) == share for p, v in places.items()}
        for rows, n_read, evict in _chunks(conn, size, places, grouper.mine):
            links = grouper.add(rows)
            yield (links, grouper.fresh, n_read, grouper.finished)
            grouper.finished = []
            grouper.evict(evict)
        grouper.finish_all()
    yield None
    yield ([(g, k.find().id) for g, k in grouper.moves or []], grouper.finished, grouper.last_id)


def _part_main(path: str, part: int, parts: int, size: int, weight: float, out) -> None:  # noqa: ANN001
    """Another process of a parallel rebuild: ``_part_messages`` over a read-only connection,
    each message sent to the writer. A thread sends (pickled here), so this process links the
    next chunk while the writer, busy with its own share, has not yet read the last one."""
    import pickle
    import queue
    import sqlite3
    import threading

    todo: queue.Queue[bytes | None] = queue.Queue(maxsize=3)
    failed: list[BaseException] = []

    def send() -> None:
        try:
            while (msg := todo.get()) is not None:
                out.send_bytes(msg)
        except BaseException as exc:  # noqa: BLE001 - the writer is gone: the linking stops
            failed.append(exc)
            while todo.get() is not None:  # never leave it blocked on a full queue
                pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        conn = sqlite3.connect(Path(path).as_uri() + "?mode=ro", uri=True, timeout=60)
        conn.execute("PRAGMA cache_size = -65536")
        for msg in _part_messages(conn, (part, parts, weight), size):
            todo.put(pickle.dumps(msg, pickle.HIGHEST_PROTOCOL))
            if failed:
                raise failed[0]
        conn.close()
    except BaseException as exc:  # noqa: BLE001 - said to the writer, which raises it
        todo.put(pickle.dumps(("error", f"{type(exc).__name__}: {exc}")))
    finally:
        todo.put(None)
        sender.join()
        out.close()


def _primary_order(x: tuple) -> tuple[int, str, str, str, int]:
    """The order a batch's reports are linked in (and its new events numbered in): ties by
    article id, then mention id (whose order within an article is its text order), so the
    order does not depend on the order articles were written in (workers, chunks)."""
    r = x[0]
    return (PRECISION_RANK.get(r.precision, 4), r.date or "", r.published or "", r.article_id, r.id)


def _write_links(conn, links: list[tuple], replace: bool = True) -> None:  # noqa: ANN001
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    conn.executemany(
        f"{verb} INTO event_mentions(mention_id, event_id, article_id, is_primary, family, date, "
        "precision, kind, terms) VALUES (?,?,?,?,?,?,?,?,?)",
        sorted(links),  # in key order: fewer pages touched
    )


def _update_chunk(store: Store, ids: list[str]) -> tuple[int, int]:
    conn = store.conn
    marks = ",".join("?" * len(ids))
    with store.transaction():
        old = {
            r[0]
            for r in conn.execute(f"SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN ({marks})", ids)
        }
        conn.execute(f"DELETE FROM event_mentions WHERE article_id IN ({marks})", ids)
        conn.execute(f"DELETE FROM events_dirty WHERE article_id IN ({marks})", ids)
        rows = [_Row(*r) for r in conn.execute(_SELECT_ROWS.format(marks), ids)]
        grouper = _Grouper(conn, stored=True)
        _write_links(conn, grouper.add(rows))
        _refresh(conn, old | grouper.touched)
    return len(rows), len(old | grouper.touched)


class _Bucket:
    """The reports of one family and (precision, period), with postings by stem (report numbers)
    and the first report of each article and date, so a new report meets only those sharing a
    word with it (at most the ``POSTINGS_SCAN`` latest per word) or its article: linear in the
    reports. Shared words are counted in C (``Counter`` over the postings' numbers). Most
    buckets hold a report or two: the postings are made only once a bucket holds ``SMALL``
    (before, each report is compared directly, which gives the same counts: ``SMALL`` is below
    ``POSTINGS_SCAN``; a rebuild's ``_SmallPostings`` may count a family's small day buckets).
    A rebuild drops the reports no later one can meet (``trim``), so what a bucket holds is bounded by its words, not by how many reports its day or month has."""

    __slots__ = ("by_term", "by_unit", "reps", "evs", "precision", "cap", "serial")
    SMALL = 16  # below 2**_SmallPostings.BITS

    def __init__(self, precision: str) -> None:
        self.by_term: dict[str, list[int]] | None = None
        self.by_unit: dict[tuple[str, str, str | None], int] = {}
        self.reps: list[_Report] = []
        self.evs: list[_Ev] = []
        self.precision = precision  # every report filed here has it (``_key``)
        self.cap = 4 * POSTINGS_SCAN  # reports held before ``trim`` next looks for unreachable ones
        self.serial = -1  # its number in its family's ``_SmallPostings`` while that counts for it

    def add(self, e: _Ev, m: _Report) -> None:
        i = len(self.reps)
        self.reps.append(m)
        self.evs.append(e)
        self.by_unit.setdefault((m.article_id, m.precision, m.date), i)
        by_term = self.by_term
        if by_term is None:
            if i + 1 < self.SMALL:
                return
            by_term = self.by_term = {}
            todo: Iterable[tuple[int, _Report]] = enumerate(self.reps)
        else:
            todo = ((i, m),)
        for j, r in todo:
            for t in r.terms:
                p = by_term.get(t)
                if p is None:
                    by_term[t] = [j]
                else:
                    p.append(j)

    def trim(self) -> list[_Ev]:
        """A rebuild's chunk is linked: forget what no later report can meet, and return the
        events of the reports dropped (``_Grouper._release``). ``by_unit`` (a chunk holds every
        report of its dates: none of a later chunk has the same article and date), and once the
        bucket holds ``cap`` reports, the reports in none of their words' ``POSTINGS_SCAN``
        latest (``_shared`` never reads past them): the same links as keeping them. The next
        look is at twice the reports kept, so trimming stays linear in the reports filed."""
        self.by_unit.clear()
        by_term = self.by_term
        if by_term is None or len(self.reps) < self.cap:
            return []
        for p in by_term.values():
            if len(p) > POSTINGS_SCAN:
                del p[:-POSTINGS_SCAN]
        live = sorted(set(chain.from_iterable(by_term.values())))
        if len(live) == len(self.reps):
            self.cap = 2 * len(live)
            return []
        reps, evs = self.reps, self.evs
        new = dict(zip(live, range(len(live))))
        kept = set(live)
        gone = [e for i, e in enumerate(evs) if i not in kept]
        for t, p in by_term.items():
            by_term[t] = [new[i] for i in p]
        self.reps, self.evs = [reps[i] for i in live], [evs[i] for i in live]
        self.cap = max(4 * POSTINGS_SCAN, 2 * len(live))
        return gone

    def _shared(self, a: _Report) -> Iterable[tuple[int, int]]:
        """``(report number, stems shared with a)`` for the reports sharing at least one."""
        by_term = self.by_term
        if by_term is None:  # each report's shared stems counted in C, those sharing none left out
            ns = list(map(len, map(frozenset(a.terms).intersection, map(_terms_of, self.reps))))
            return list(compress(enumerate(ns), ns))
        return Counter(chain.from_iterable(by_term[t][-POSTINGS_SCAN:] for t in a.terms if t in by_term)).items()

    def links(self, a: _Report, shared: Iterable[tuple[int, int]] | None = None) -> Iterator[tuple[int, _Ev]]:
        """``(score, event)`` for each report here that ``a`` links to: a report of the same
        article and date (100; then nothing else is compared), else shared stems plus 2 for
        the same kind, when ``agree``'s bar is met. The probes hold exactly the dates ``_pair``
        accepts (tests/test_events.py checks), so only the strength is left: strong unless
        both are the same day, month or year. ``shared``: ``_shared(a)`` when already counted
        (``_SmallPostings``)."""
        same = self.by_unit.get((a.article_id, a.precision, a.date))
        if same is not None:
            yield 100, self.evs[same]
            return
        if a.precision == "unknown":
            return
        if shared is None:
            shared = self._shared(a)
        if not shared:
            return
        reps, evs = self.reps, self.evs
        kind = a.kind if a.kind != "other" else None
        if self.precision == "unknown":  # an article's undated reports: precisions may differ
            for i, n in shared:
                m = reps[i]
                strong = a.precision != m.precision or a.precision == "published"
                if agree_bar(n, m.kind == kind, strong):
                    yield n + (2 if m.kind == kind else 0), evs[i]
            return
        strong = a.precision != self.precision or a.precision == "published"
        need_kind, need_words = (2, 5) if strong else (1, 3)
        for i, n in shared:
            if n >= need_words:
                yield n + (2 if reps[i].kind == kind else 0), evs[i]
            elif n >= need_kind and kind is not None and reps[i].kind == kind:
                yield n + 2, evs[i]


class _SmallPostings:
    """A rebuild's postings by stem over the small day buckets (no postings of their own) of
    one family: a report dated by its publication probes every day bucket of its family's last
    ``PUBLISHED_WINDOW_DAYS`` days, and comparing it with each of their reports was most of a
    rebuild's time at a million articles' density. Here one count over the postings of its
    stems gives, per small bucket probed, what ``_Bucket._shared`` would (a small bucket's
    reports are all compared: no ``POSTINGS_SCAN`` limit to keep). A posting is the bucket's
    serial and the report's number in it (``serial << BITS | number``); postings of buckets
    gone (evicted, or grown to postings of their own) are left in place, skipped, and dropped
    once they are a fifth of all (linear)."""

    __slots__ = ("by_term", "buckets", "next", "postings", "live")
    BITS = 4
    FAMILY_BUCKETS: ClassVar[int] = 16  # a family gets postings once it has this many buckets (most have one or two)
    PROBED = 8  # a report's small buckets are counted here when it probes at least this many

    def __init__(self, idx: dict[tuple[str, str], _Bucket]) -> None:
        self.by_term: dict[str, list[int]] = {}
        self.buckets: dict[int, _Bucket] = {}  # serial: the small buckets counted here
        self.next = 0
        self.postings = self.live = 0
        for b in idx.values():
            if b.by_term is None and b.precision == "day":
                self.register(b)

    def register(self, b: _Bucket) -> None:
        b.serial, self.next = self.next, self.next + 1
        self.buckets[b.serial] = b
        for i, r in enumerate(b.reps):
            self.post(b.serial << self.BITS | i, r.terms)

    def post(self, code: int, ts: Iterable[str]) -> None:
        by_term = self.by_term
        for t in ts:
            p = by_term.get(t)
            if p is None:
                by_term[t] = [code]
            else:
                p.append(code)
            self.postings += 1
            self.live += 1

    def filed(self, b: _Bucket) -> None:
        """``b`` (counted here) was given a report."""
        if b.by_term is not None:  # grown to postings of its own (the report just given not posted)
            self.drop(b, len(b.reps) - 1)
        else:
            r = b.reps[-1]
            self.post(b.serial << self.BITS | (len(b.reps) - 1), r.terms)

    def drop(self, b: _Bucket, posted: int | None = None) -> None:
        """``b`` is no longer counted here (evicted, or grown; ``posted``: its reports posted)."""
        if self.buckets.pop(b.serial, None) is None:
            return
        b.serial = -1
        self.live -= sum(map(len, map(_terms_of, b.reps[:posted])))
        if self.postings > self.live + self.live // 4 + 256:  # a fifth gone: keep only the buckets counted
            self.by_term, self.postings, self.live = {}, 0, 0
            for s, kept in self.buckets.items():
                for i, r in enumerate(kept.reps):
                    self.post(s << self.BITS | i, r.terms)

    def shared(self, a: _Report, buckets: list[_Bucket]) -> dict[int, list[tuple[int, int]]]:
        """Per serial of ``buckets``: ``(report number, stems shared with a)`` for the reports
        sharing at least one (``_Bucket._shared``)."""
        by_term, bits, mask = self.by_term, self.BITS, (1 << self.BITS) - 1
        want = {b.serial for b in buckets}
        out: dict[int, list[tuple[int, int]]] = {}
        counted = Counter(chain.from_iterable(by_term[t] for t in a.terms if t in by_term))
        for code, n in counted.items():
            s = code >> bits
            if s in want:
                got = out.get(s)
                if got is None:
                    out[s] = [(code & mask, n)]
                else:
                    got.append((code & mask, n))
        return out


def _file(idx: dict[tuple[str, str], _Bucket], e: _Ev, m: _Report, small: _SmallPostings | None = None) -> _Bucket:
    k = _key(m)
    b = idx.get(k)
    if b is None:
        b = idx[k] = _Bucket(k[0])
        if small is not None and k[0] == "day":
            small.register(b)  # empty: ``filed`` posts the report
    b.add(e, m)
    e.live += 1
    if small is not None and b.serial >= 0:
        small.filed(b)
    return b


class _Grouper:
    """Links reports to events: a report joins the events holding a report it links to (single
    link: the groups are the connected reports, whatever the order they arrive in), merging
    them when it links several (unless that would mix two days). Reports are filed by family
    and (precision, period); ``stored`` loads the stored reports a batch can link to first."""

    def __init__(  # noqa: ANN001
        self,
        conn,
        *,
        stored: bool,
        defer_moves: bool = False,
        part: tuple[int, int, float] | None = None,
        finish: bool = False,
    ) -> None:
        self.conn, self.stored = conn, stored
        # a rebuild: each event keeps its members, and once none of its reports is filed any more
        # (``evict``, ``finish_all``) no report can join it: its attributes are final, computed here
        # (``_attributes``) into ``finished`` (the rows ``_insert_finished`` writes)
        self.finish = finish
        self.finished: list[tuple] = []
        # a rebuild's share of the families, (share, parts, weight) (``_part_messages``): only those
        # are linked, nothing is written, new events are numbered here and their first reports'
        # order kept for the writer
        self.part = part
        self.mine: dict[str, bool] | None = None if part is None else {}  # place id: its family is this share's
        self.next_local = 1
        self.last_id = 0  # a one-process rebuild's last id given (it writes its events once finished)
        self.fresh: list[tuple[tuple[int, str, str, str, int], int, str]] = []  # (order, local id, family)
        self.index: dict[str, dict[tuple[str, str], _Bucket]] = {}
        self.small: dict[str, _SmallPostings] = {}  # a rebuild's families with many buckets
        self.touched: set[int] = set()  # an update's events to refresh (a rebuild finishes its own: none kept)
        self.new_id = -1
        # rebuild: stored events merged into others, (merged id, into), applied by ``rebuild``
        # once the event_mentions indexes are back (one UPDATE per merge would need them)
        self.moves: list[tuple[int, _Ev]] | None = [] if defer_moves else None

    def evict(self, day: str) -> None:
        """Forget the reports no report dated ``day`` or later can link to (rebuild), and the
        undated ones whatever ``day`` (after a chunk: they link only within their article, whose
        undated reports a chunk holds all of); ``day`` '' (a chunk of undated reports): those
        alone. Undated reports come first, and before they were kept until the first dated chunk:
        a corpus with many undated articles held every one of them at once (1.1 GB at 600,000)."""
        cut: dict[str, str] = {}
        if day:
            o = _ordinal(day)
            cut = {
                "day": _iso(o - PUBLISHED_WINDOW_DAYS - 2),
                "published": _iso(o - 2),
                "month": _iso(o - 95)[:7],
                "year": _iso(o - 400)[:4],
            }
        for fam, idx in self.index.items():
            sp = self.small.get(fam)
            for k in [k for k in idx if k[0] == "unknown" or k[1] < cut.get(k[0], "")]:
                b = idx.pop(k)
                if sp is not None:
                    sp.drop(b)
                if self.finish:
                    self._retire(b)
            if sp is not None and not sp.buckets:
                del self.small[fam]

    def finish_all(self) -> None:
        """The end of a rebuild: every event left is finished."""
        for idx in self.index.values():
            for b in idx.values():
                if self.finish:
                    self._retire(b)
        self.index.clear()
        self.small.clear()

    def _retire(self, b: _Bucket) -> None:
        """``b``'s reports are no longer filed: an event without any filed report is finished."""
        self._release(b.evs)

    def _release(self, evs: Iterable[_Ev]) -> None:
        """Reports of ``evs`` (one each) are no longer filed: an event left without any is finished."""
        for e0 in evs:
            e = e0.find()
            e.live -= 1
            if e.live == 0 and e.members is not None:
                ms = e.members
                attrs = ms.attributes() if isinstance(ms, _Sums) else _attributes(ms)[0]
                label = (e.labels or {})[PRECISION_RANK.get(attrs[2], 4)]  # mention _mid: the same order
                self.finished.append((*attrs, _clip(label[3]), e.id, e.family))
                e.members = e.labels = None

    def add(self, rows: list[_Row]) -> list[tuple]:
        """Link ``rows`` (whole sentences), write the new events; returns the event_mentions rows."""
        conn = self.conn
        by_sentence: dict[tuple[str, int, str], list[_Row]] = {}
        for r in rows:
            by_sentence.setdefault((r.article_id, r.sentence_start, r.sentence), []).append(r)
        primary: list[tuple[_Row, _Report, str]] = []  # (mention, its report, its family)
        absorbed: list[tuple[_Row, _Row]] = []  # (broad mention, the specific one it belongs to)
        mine = self.mine
        share, parts, weight = self.part or (0, 1, 1.0)
        for rs in by_sentence.values():
            if mine is not None:  # a share of a rebuild: a sentence without its families is not its
                hit = False
                for r in rs:
                    got = mine.get(r.place_id)
                    if got is None:
                        got = mine[r.place_id] = _family_part(family(r.place, r.country), parts, weight) == share
                    hit = hit or got
                if not hit:
                    continue
            prim: list[_Row] = []
            if len(rs) == 1:  # most sentences: one mention, no finer place beside it
                r = rs[0]
                if mine is None or mine[r.place_id]:
                    prim.append(r)
            for r in rs if len(rs) > 1 else ():
                rank = PLACE_RANK.get(r.place_kind, 0)
                finer = [
                    o
                    for o in rs
                    if o.country
                    and o.country == r.country
                    and PLACE_RANK.get(o.place_kind, 0) < rank
                    and o.date == r.date
                ]
                if finer:
                    f = min(finer, key=lambda o: (PLACE_RANK.get(o.place_kind, 0), o.id))  # a primary one
                    if mine is None or mine[f.place_id]:
                        absorbed.append((r, f))
                elif mine is None or mine[r.place_id]:
                    prim.append(r)
            if not prim:
                continue
            toks = tokens(prim[0].sentence)
            sent_terms, sent_kind = terms(toks), sentence_kind(toks)
            for r in prim:
                own = _own_terms(r.name, r.place)  # the place's own name is not agreement
                rep = _Report(r.id, r.article_id, r.date, r.precision, sent_terms - own, sent_kind)
                primary.append((r, rep, family(r.place, r.country)))
        primary.sort(key=_primary_order)
        if self.stored:  # the stored reports this batch can link to, one query per family
            fams: dict[str, list[_Report]] = {}
            for _r, rep, fam in primary:
                fams.setdefault(fam, []).append(rep)
            for fam, reps in fams.items():
                idx = self.index.setdefault(fam, {})
                for e, members in _stored(conn, fam, _wanted(reps)):
                    for m in members:
                        e.note(m)
                        _file(idx, e, m)
        assigned: dict[int, _Ev] = {}
        created: list[_Ev] = []
        firsts: dict[int, tuple[int, str, str, str, int]] = {}
        merged_away: list[tuple[_Ev, _Ev]] = []  # (event merged, into event)
        index = self.index
        finish = self.finish
        filed: dict[int, _Bucket] = {}  # a rebuild's buckets given reports (trimmed at the end)
        smalls = self.small
        for r, rep, fam in primary:
            idx = index.setdefault(fam, {})
            best: dict[int, tuple[int, _Ev]] = {}  # by event object: the strongest link to it
            sp = smalls.get(fam) if finish else None
            if sp is None and finish and len(idx) >= _SmallPostings.FAMILY_BUCKETS:
                sp = smalls[fam] = _SmallPostings(idx)
            small: list[_Bucket] = []  # probed buckets counted by ``sp``
            if not idx:
                keys: Iterable[tuple[str, str]] = ()
            elif rep.precision == "unknown" or not rep.date:
                keys = [("unknown", rep.article_id)]
            else:  # the buckets both probed and present (few: most families are small)
                keys = idx.keys() & _probe_set(rep.precision, rep.date)
            for k in keys:
                b = idx.get(k)
                if b is not None:
                    if b.serial >= 0:
                        small.append(b)
                        continue
                    for score, e0 in b.links(rep):
                        e = e0 if e0.into is None else e0.find()
                        if score > best.get(id(e), (0, e))[0]:
                            best[id(e)] = (score, e)
            if small and sp is not None:
                # a few buckets: compared directly (the family's postings hold all its day buckets')
                counted = sp.shared(rep, small) if len(small) >= sp.PROBED else None
                for b in small:
                    pre = None if counted is None else counted.get(b.serial, ())
                    for score, e0 in b.links(rep, pre):
                        e = e0 if e0.into is None else e0.find()
                        if score > best.get(id(e), (0, e))[0]:
                            best[id(e)] = (score, e)
            if not best:
                chosen = _Ev(self.new_id, fam)
                self.new_id -= 1
                created.append(chosen)
                if self.mine is not None:
                    firsts[id(chosen)] = _primary_order((r,))
            else:
                linked = sorted(best.values(), key=lambda x: (-x[0], x[1].id < 0, abs(x[1].id)))
                chosen = linked[0][1]
                for _score, other in linked[1:]:
                    if not chosen.can_merge(other, rep):
                        continue
                    keep, gone = (chosen, other) if (chosen.id > 0 or other.id < 0) else (other, chosen)
                    if keep.id > 0 and gone.id > 0 and gone.id < keep.id:
                        keep, gone = gone, keep  # the oldest stored id survives
                    keep.absorb(gone)
                    gone.into = keep
                    merged_away.append((gone, keep))
                    chosen = keep
            chosen.note(rep)
            if finish:  # a rebuild holds a bucket's reports for weeks: their terms as a tuple
                b = _file(
                    idx,
                    chosen,
                    _Report(rep.id, rep.article_id, rep.date, rep.precision, tuple(rep.terms), rep.kind),
                    sp,
                )
                filed[id(b)] = b
            else:
                _file(idx, chosen, rep)
            assigned[r.id] = chosen
        # write the new events (attributes are filled by _refresh)
        fresh = [e for e in created if e.into is None]
        if self.mine is not None:  # a part of a rebuild: numbered here, written by the parent
            self.fresh = []
            for e in fresh:
                e.id, self.next_local = self.next_local, self.next_local + 1
                self.fresh.append((firsts[id(e)], e.id, e.family))
        elif fresh and self.finish:  # a rebuild: numbered here, written once finished (``_insert_finished``)
            nxt = self.last_id + 1 if self.last_id else _next_event_id(conn)
            for i, e in enumerate(fresh):
                e.id = nxt + i
            self.last_id = nxt + len(fresh) - 1
        elif fresh:  # the ids AUTOINCREMENT would give them, in the order they were made
            nxt = _next_event_id(conn)
            for i, e in enumerate(fresh):
                e.id = nxt + i
            conn.executemany(
                "INSERT INTO events(id, family, place_id, date_precision, label, kind) "
                "VALUES (?, ?, '', 'unknown', '', '')",
                [(e.id, e.family) for e in fresh],
            )
        for gone, keep in merged_away:
            if gone.id > 0:  # a stored event merged into another: its other reports follow
                if self.moves is not None:
                    self.moves.append((gone.id, keep))
                else:
                    conn.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", (keep.find().id, gone.id))
                if not finish:
                    self.touched.add(gone.id)  # refreshed: now empty, so deleted
        final = {mid: e.find() for mid, e in assigned.items()}
        if not finish:
            self.touched.update(e.id for e in final.values())
        links = []
        for r, rep, _fam in primary:
            e = final[r.id]
            t = " ".join(sorted(rep.terms))
            links.append((r.id, e.id, r.article_id, 1, e.family, rep.date, rep.precision, rep.kind, t))
            if finish:  # the columns _refresh reads back (event_mentions, mentions, places, articles)
                src = (r.id, r.article_id, r.source, r.published, r.place_id, r.place_kind)
                e.keep(_Member(1, *src, rep.date, rep.precision, rep.kind, t), r.sentence)
        for r, f in absorbed:
            into = final.get(f.id)
            if into is None:
                continue
            links.append((r.id, into.id, r.article_id, 0, into.family, r.date, r.precision, "other", ""))
            if finish:
                src = (r.id, r.article_id, r.source, r.published, r.place_id, r.place_kind)
                into.keep(_Member(0, *src, r.date, r.precision, "other", ""), r.sentence)
        for b in filed.values():  # after the members are kept: an event may finish here
            self._release(b.trim())
        return links


def _stored(conn, fam: str, wanted: list[tuple[str, str, str]]) -> list[tuple[_Ev, list[_Report]]]:  # noqa: ANN001
    """The stored primary reports of family ``fam`` in the ``wanted`` buckets (``_wanted``), by
    event. One indexed range per statement: SQLite answers ``range OR range OR ...`` by scanning
    the whole family (0.7 s against 0.06 s for 90 days of a dense family)."""
    evs: dict[int, tuple[_Ev, list[_Report]]] = {}
    sql = (
        "SELECT event_id, mention_id, article_id, date, precision, kind, terms FROM event_mentions "
        "WHERE family = ? AND is_primary = 1 AND precision = ? AND date BETWEEN ? AND ? "
        "ORDER BY date, article_id, mention_id"  # the order a rebuild files them in, whatever the write order
    )
    for p, lo, hi in wanted:
        for eid, mid, aid, d, prec, kind, t in conn.execute(sql, (fam, p, lo, hi)):
            rep = _Report(mid, aid, d, prec, frozenset(t.split()), kind)
            got = evs.get(eid)
            if got is None:
                got = evs[eid] = (_Ev(eid, fam), [])
            got[1].append(rep)
    return list(evs.values())


class _Member(NamedTuple):
    primary: int
    mention_id: int
    article_id: str
    source: str | None
    published: str | None
    place_id: str
    place_kind: str
    date: str | None
    precision: str
    kind: str
    terms: str


def _refresh(conn, event_ids: Iterable[int]) -> None:  # noqa: ANN001
    """Recompute each event's place, date, label, kind, terms and counts from its members;
    delete the events left without any."""
    ids = sorted(event_ids)
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        members: dict[int, list[_Member]] = {i: [] for i in chunk}
        for row in conn.execute(
            "SELECT em.event_id, em.is_primary, em.mention_id, em.article_id, a.source, a.published, m.place_id, "
            "p.kind, em.date, em.precision, em.kind, em.terms "
            "FROM event_mentions em JOIN mentions m ON m.id = em.mention_id JOIN places p ON p.id = m.place_id "
            f"JOIN articles a ON a.id = m.article_id WHERE em.event_id IN ({marks})",
            chunk,
        ):
            members[row[0]].append(_Member(*row[1:]))
        gone = [i for i, ms in members.items() if not any(m.primary for m in ms)]
        if gone:
            q = ",".join("?" * len(gone))
            conn.execute(f"DELETE FROM event_mentions WHERE event_id IN ({q})", gone)
            conn.execute(f"DELETE FROM events WHERE id IN ({q})", gone)
        done = [(eid, *_attributes(ms)) for eid, ms in members.items() if eid not in gone]
        labels = dict(
            conn.execute(
                f"SELECT id, sentence FROM mentions WHERE id IN ({','.join('?' * len(done))})", [d[2] for d in done]
            ).fetchall()
        )
        _write_finished(conn, [(*attrs, _clip(labels.get(mid, "")), eid) for eid, attrs, mid in done])


def _attributes(ms: list[_Member]) -> tuple[tuple, int]:
    """An event's columns from its members, and the mention whose sentence labels it."""
    if len(ms) == 1 and ms[0].primary:  # most events: one report (the same columns, sooner)
        m = ms[0]
        return (
            m.place_id,
            m.date,
            m.precision,
            m.kind,
            _ones(m.terms),
            1,
            1,
            1,
            m.published,
            m.published,
        ), m.mention_id
    sums = _Sums.of(ms)
    best = (m for m in ms if m.primary and PRECISION_RANK.get(m.precision, 4) == sums.rank)
    lab = min(best, key=lambda m: (m.published or "9999", m.article_id, m.mention_id))  # not the write order
    arts = {m.article_id: m.source for m in ms}
    return sums.attributes(len(arts), len({src or f"#{aid}" for aid, src in arts.items()})), lab.mention_id


class _Sums:
    """What an event's columns are made of (``_attributes``), summed as its members join (the
    same columns, whatever the order); a rebuild keeps them instead of the members past
    ``FOLD_MEMBERS``: a dense corpus keeps some events open for the whole
    run (a year's event whose reports keep linking), and keeping each of their members made a
    rebuild's memory grow with the length of the run (at a million's density half the members
    read were held). The counts of distinct articles and outlets would need every article id: they
    are written as -1 and counted from the stored links at the end (``_count_articles``)."""

    __slots__ = ("n", "rank", "precision", "dates", "places", "kinds", "terms", "first", "last")

    def __init__(self) -> None:
        self.n = 0
        self.rank = 5  # the best precision rank of the primary members (5: none yet)
        self.precision = ""
        self.dates: Counter[str | None] = Counter()  # the dates of the primary members at that rank
        self.places: Counter[tuple[int, str]] = Counter()
        self.kinds: Counter[str] = Counter()
        self.terms: Counter[str] = Counter()
        self.first: str | None = None
        self.last: str | None = None

    @classmethod
    def of(cls, ms: Iterable[_Member]) -> _Sums:
        sums = cls()
        sums.add_all(ms)
        return sums

    def add_all(self, ms: Iterable[_Member]) -> None:
        for m in ms:
            self.add(m)

    def add(self, m: _Member) -> None:
        self.n += 1
        if m.published:
            if self.first is None or m.published < self.first:
                self.first = m.published
            if self.last is None or m.published > self.last:
                self.last = m.published
        if not m.primary:
            return
        rank = PRECISION_RANK.get(m.precision, 4)
        if rank < self.rank:
            self.rank, self.precision, self.dates = rank, m.precision, Counter()
        if rank == self.rank:
            self.dates[m.date] += 1
        self.places[PLACE_RANK.get(m.place_kind, 0), m.place_id] += 1
        if m.kind != "other":
            self.kinds[m.kind] += 1
        self.terms.update(m.terms.split())

    def merge(self, o: _Sums) -> None:
        self.n += o.n
        if o.first is not None and (self.first is None or o.first < self.first):
            self.first = o.first
        if o.last is not None and (self.last is None or o.last > self.last):
            self.last = o.last
        if o.rank < self.rank:
            self.rank, self.precision, self.dates = o.rank, o.precision, o.dates
        elif o.rank == self.rank:
            self.dates.update(o.dates)
        self.places.update(o.places)
        self.kinds.update(o.kinds)
        self.terms.update(o.terms)

    def attributes(self, n_articles: int = -1, n_sources: int = -1) -> tuple:
        """An event's columns (``_attributes``); a rebuild's big event leaves its distinct articles
        and outlets -1 (``_count_articles``). Ties by value, never by the order members came in."""
        dates, places, kinds = self.dates, self.places, self.kinds
        return (
            min(places, key=lambda x: (-places[x], x[0], x[1]))[1],  # most reported, then most specific
            min(dates, key=lambda x: (-dates[x], x or "")) if dates else None,
            self.precision,
            min(kinds, key=lambda k: (-kinds[k], KINDS.index(k))) if kinds else "other",
            _json(dict(sorted(self.terms.items(), key=_by_count)[:MAX_TERMS])),  # equal counts by stem
            self.n,
            n_articles,
            n_sources,
            self.first,
            self.last,
        )


def _count_articles(conn, event_ids: list[int]) -> None:  # noqa: ANN001
    """The distinct articles and outlets of events written with -1 (``_Sums``), from their
    links (the index on ``event_mentions(event_id)`` made again, the moves applied): an outlet
    is the article's source, or the article itself when it has none (``_attributes``)."""
    for lo in range(0, len(event_ids), 500):
        chunk = event_ids[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT em.event_id, count(DISTINCT em.article_id), "
            "count(DISTINCT coalesce(nullif(a.source, ''), '#' || a.id)) "
            "FROM event_mentions em JOIN articles a ON a.id = em.article_id "
            f"WHERE em.event_id IN ({marks}) GROUP BY em.event_id",
            chunk,
        ).fetchall()
        conn.executemany(
            "UPDATE events SET n_articles = ?, n_sources = ? WHERE id = ?", [(a, s, e) for e, a, s in rows]
        )


def _ones(terms: str) -> str:
    """``_json`` of ``{stem: 1}`` for the first ``MAX_TERMS`` of a report's distinct stems
    (space-separated), written directly: stems are letters, which JSON never escapes."""
    stems = terms.split()[:MAX_TERMS]
    return '{"' + '": 1, "'.join(stems) + '": 1}' if stems else "{}"


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _clip(sentence: str, n: int = LABEL_CHARS) -> str:
    s = " ".join(sentence.split())
    if len(s) <= n:
        return s
    cut = s[:n].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# --- reading -----------------------------------------------------------------------------------
def _member_filtered(f: Filters) -> bool:
    """Whether ``f`` (dates aside) keeps fewer events than all: every event member is a mapped
    mention that is not a demonym, so only outlets, countries, places, a search and a minimum
    confidence filter events."""
    return bool(f.sources or f.countries or f.places or f.text or f.min_score > 0)


def _filter_sql(store: Store, filters: Filters | None) -> tuple[str, list]:
    """Events with a member mention passing ``filters`` (minus dates), dated by the event. The
    member subquery is left out when the filters keep every member (the common case: no scan of
    ``event_mentions``)."""
    f = filters if filters is not None else Filters()
    clauses, params = ["1 = 1"], []
    if _member_filtered(f):
        member = f.replace(date_from=None, date_to=None, include_undated=True)
        where, mparams = member.to_sql(fts=store.has_fts)
        clauses = [
            f"e.id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id WHERE {where})"
        ]
        params = list(mparams)
    if f.date_from is not None or f.date_to is not None:
        lo = f.date_from.isoformat() if f.date_from else "0000-01-01"
        hi = f.date_to.isoformat() if f.date_to else "9999-12-31"
        rng = "e.date BETWEEN ? AND ?"
        clauses.append(f"({rng} OR e.date IS NULL)" if f.include_undated else rng)
        params = [*params, lo, hi]
    elif not f.include_undated:
        clauses.append("e.date IS NOT NULL")
    return " AND ".join(clauses), list(params)


#: ``events(order=...)``: newest first (what the CLI writes), or the most sourced first (what
#: the map draws when it cannot draw them all).
ORDERS = {
    "date": "e.date IS NULL, e.date DESC, e.n_sources DESC, e.id",
    "sources": "e.n_sources DESC, e.n_articles DESC, e.date IS NULL, e.date DESC, e.id",
}


def events(
    store: Store, filters: Filters | None = None, limit: int | None = None, offset: int = 0, order: str = "date"
) -> pd.DataFrame:
    """One row per event passing ``filters`` (``EVENT_COLUMNS``), newest first, then most sourced
    (``order="sources"``: most sourced first, then newest)."""
    from mapapp.store import rows_frame

    where, params = _filter_sql(store, filters)
    sql = (
        "SELECT e.id, p.name, e.place_id, p.country, p.lat, p.lon, p.kind, e.date, e.date_precision, e.label, "
        "e.kind, e.n_mentions, e.n_articles, e.n_sources, e.first_reported, e.last_reported "
        f"FROM events e JOIN places p ON p.id = e.place_id WHERE {where} "
        f"ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?"
    )
    with store._lock:
        rows = store.conn.execute(sql, [*params, -1 if limit is None else int(limit), int(offset)]).fetchall()
    df = rows_frame(rows, EVENT_COLUMNS)
    for c in ("event_id", "n_mentions", "n_articles", "n_sources"):
        df[c] = df[c].astype("int64")
    return df


def by_ids(store: Store, event_ids: Sequence[int]) -> pd.DataFrame:
    """The events with these ids (``EVENT_COLUMNS``; gone ones left out), in the order given."""
    from mapapp.store import rows_frame

    ids = [int(i) for i in event_ids][:500]
    if not ids:
        return rows_frame([], EVENT_COLUMNS)
    with store._lock:
        rows = store.conn.execute(
            "SELECT e.id, p.name, e.place_id, p.country, p.lat, p.lon, p.kind, e.date, e.date_precision, e.label, "
            "e.kind, e.n_mentions, e.n_articles, e.n_sources, e.first_reported, e.last_reported "
            f"FROM events e JOIN places p ON p.id = e.place_id WHERE e.id IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
    order = {i: k for k, i in enumerate(ids)}
    df = rows_frame(sorted(rows, key=lambda r: order[r[0]]), EVENT_COLUMNS)
    for c in ("event_id", "n_mentions", "n_articles", "n_sources"):
        df[c] = df[c].astype("int64")
    return df


def count(store: Store, filters: Filters | None = None) -> int:
    """How many events pass ``filters``."""
    where, params = _filter_sql(store, filters)
    with store._lock:
        return int(store.conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0])


TIMELINE_COLUMNS = ["month", "events"]


def timeline(store: Store, filters: Filters | None = None) -> pd.DataFrame:
    """Dated events per month of their date (``YYYY-MM``, ``TIMELINE_COLUMNS``) passing ``filters``."""
    import pandas as pd

    where, params = _filter_sql(store, filters)
    with store._lock:
        rows = store.conn.execute(
            f"SELECT substr(e.date, 1, 7) AS month, count(*) FROM events e WHERE {where} AND e.date IS NOT NULL "
            "GROUP BY month ORDER BY month",
            params,
        ).fetchall()
    df = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    df["events"] = df["events"].astype("int64")
    return df


def reports(store: Store, event_ids: Sequence[int], per_event: int | None = None) -> pd.DataFrame:
    """The source sentences of events (``REPORT_COLUMNS``), by event, then oldest report first;
    ``per_event``: at most that many of each (what popups show: an event may hold thousands)."""
    from mapapp.store import rows_frame

    sql = (
        "SELECT em.event_id, m.id, m.article_id, a.path, a.title, a.source, a.url, a.published, m.name, "
        "m.sentence, (SELECT 'corrected by ' || c.author || ' on ' || substr(c.created_at, 1, 10) "
        "FROM corrections c WHERE c.id = m.correction_id) "
        "FROM event_mentions em JOIN mentions m ON m.id = em.mention_id "
        "JOIN articles a ON a.id = m.article_id WHERE em.event_id IN ({}) AND em.is_primary = 1 "
        "ORDER BY em.event_id, a.published IS NULL, a.published, m.article_id, m.start"
    )
    out: list[tuple] = []
    ids = [int(i) for i in event_ids]
    if per_event is not None:
        with store._lock:
            for i in ids:
                out += store.conn.execute(sql.format("?") + " LIMIT ?", (i, int(per_event))).fetchall()
        ids = []
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        with store._lock:
            out += store.conn.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    df = rows_frame(out, REPORT_COLUMNS)
    df["event_id"] = df["event_id"].astype("int64")
    return df


def event_of(store: Store, mention_id: int) -> int | None:
    """The event a mention belongs to, or None."""
    with store._lock:
        row = store.conn.execute(
            "SELECT event_id FROM event_mentions WHERE mention_id = ?", (int(mention_id),)
        ).fetchone()
    return int(row[0]) if row else None


# --- frozen snapshots of events (migration 008) ----------------------------------------------
def has_snapshot_tables(store: Store) -> bool:
    """Whether this store can freeze events (migration 008)."""
    with store._lock:
        return bool(
            store.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='snapshot_events'").fetchone()
        )


def insert_snapshot(
    store: Store,
    record: SnapshotRecord,
    event_rows: Sequence[Sequence[object]],
    report_rows: Sequence[Sequence[object]],
) -> bool:
    """Store a snapshot's record with its frozen event rows (``EVENT_COLUMNS`` values, in order)
    and report rows (``REPORT_COLUMNS``) in one transaction; False, with nothing written, when
    the id is taken."""
    ecols = ", ".join(EVENT_COLUMNS)
    rcols = ", ".join(REPORT_COLUMNS)
    with store.transaction() as conn:
        if not store.insert_snapshot(record, []):
            return False
        conn.executemany(
            f"INSERT INTO snapshot_events(snapshot_id, seq, {ecols}) VALUES ({','.join('?' * (len(EVENT_COLUMNS) + 2))})",
            [(record.id, i, *r) for i, r in enumerate(event_rows)],
        )
        conn.executemany(
            f"INSERT INTO snapshot_event_reports(snapshot_id, seq, {rcols}) "
            f"VALUES ({','.join('?' * (len(REPORT_COLUMNS) + 2))})",
            [(record.id, i, *r) for i, r in enumerate(report_rows)],
        )
    return True


def snapshot_events(store: Store, snapshot_id: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """A snapshot's frozen ``(events, reports)`` frames in their saved order, or None when it
    froze mentions (or the store predates migration 008)."""
    import pandas as pd

    from mapapp.store import rows_frame

    if not has_snapshot_tables(store):
        return None
    with store._lock:
        evs = store.conn.execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM snapshot_events WHERE snapshot_id = ? ORDER BY seq",
            (snapshot_id,),
        ).fetchall()
        if not evs:
            return None
        reps = store.conn.execute(
            f"SELECT {', '.join(REPORT_COLUMNS)} FROM snapshot_event_reports WHERE snapshot_id = ? ORDER BY seq",
            (snapshot_id,),
        ).fetchall()
    edf, rdf = rows_frame(evs, EVENT_COLUMNS), rows_frame(reps, REPORT_COLUMNS)
    for c in ("event_id", "n_mentions", "n_articles", "n_sources"):
        edf[c] = pd.to_numeric(edf[c], errors="coerce").fillna(0).astype("int64")
    rdf["event_id"] = pd.to_numeric(rdf["event_id"], errors="coerce").fillna(0).astype("int64")
    return edf, rdf


__all__ = [
    "EVENT_COLUMNS",
    "TIMELINE_COLUMNS",
    "ORDERS",
    "count",
    "by_ids",
    "timeline",
    "insert_snapshot",
    "snapshot_events",
    "has_snapshot_tables",
    "REPORT_COLUMNS",
    "KINDS",
    "UpdateReport",
    "agree",
    "event_of",
    "events",
    "family",
    "has_events",
    "pending",
    "update_pending",
    "kind_lexicon",
    "kind_of",
    "kind_scores",
    "rebuild",
    "reports",
    "stem",
    "terms",
    "tokens",
    "update",
]
