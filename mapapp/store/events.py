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
* **What.** Reports in different articles join only when their sentences agree: shared content
  words (a crude stem: the first six letters; stopwords, numbers and the place's own name left
  out), named actors among them, and the kind of event from a transparent lexicon
  (``mapapp/store/eventkinds/*.txt``). *Normal* agreement (same day): the same kind and one
  shared word, or three shared words. *Strong* agreement (a month, a year or a publication date
  against a finer date): the same kind and two shared words, or five. Mentions in the same
  article join without it.
* **Incremental.** ``update(store, article_ids)`` removes those articles' mentions from their
  events and assigns their current mentions to the events in their family and date window (or
  new ones); every touched event's label, date, kind and counts are recomputed from its members.
  ``rebuild`` runs the same over every article in publication order, in chunks (bounded memory).
  An incremental result can differ from a rebuild in rare order-dependent cases.

The label is the sentence of the best-dated, earliest report (cut at a word), not generated text.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from mapapp.store.filters import Filters

if TYPE_CHECKING:
    from mapapp.store import Store

LEXICON_DIR = Path(__file__).resolve().parent / "eventkinds"
KINDS = ("clash", "protest", "meeting", "statement")  # tie order; 'other' when none scores
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "published": 3, "unknown": 4}
PLACE_RANK = {"city": 0, "landmark": 0, "water": 1, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
PUBLISHED_WINDOW_DAYS = 31
LABEL_CHARS = 160
MAX_TERMS = 80
CHUNK_ARTICLES = 2000

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


def kind_scores(toks: Sequence[str]) -> Counter[str]:
    """Points per kind: one per lexicon entry (word or two-word phrase) found in ``toks``."""
    grams = set(toks) | {f"{a} {b}" for a, b in zip(toks, toks[1:])}
    out: Counter[str] = Counter()
    for k, words in kind_lexicon().items():
        n = len(grams & words)
        if n:
            out[k] = n
    return out


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
    stop = stopwords()
    skip = {stem(w) for w in exclude}
    return frozenset(s for w in toks if len(w) > 2 and w not in stop for s in (stem(w),) if s not in skip)


def family(name: str, country: str | None) -> str:
    """Places of one country sharing a base name ('Tovuz', 'Tovuz District') are one family."""
    words = [w for w in tokens(name) if w not in _SUFFIXES] or tokens(name)
    return f"{country or '-'}|{' '.join(words)}"


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


@dataclass
class _Ev:
    id: int  # negative until written
    family: str
    date: str | None
    precision: str
    kind: str
    terms: Counter[str]
    articles: set[str] = field(default_factory=set)  # articles of this batch in it

    def add(self, t: frozenset[str], article_id: str) -> None:
        self.terms.update(t)
        self.articles.add(article_id)


def _ordinal(d: str | None) -> int:
    return date.fromisoformat(d).toordinal() if d else 0


def _level(m: _Row, e: _Ev) -> bool | None:
    """None when the dates cannot agree; else whether strong agreement is needed."""
    if m.precision == "unknown" or e.precision == "unknown":
        return False if (m.precision == e.precision and m.article_id in e.articles) else None
    md, ed = m.date or "", e.date or ""
    if m.precision == "day":
        if e.precision == "day":
            return False if ed == md else None
        if e.precision == "published":
            return True if 0 <= _ordinal(ed) - _ordinal(md) <= PUBLISHED_WINDOW_DAYS else None
        if e.precision == "month":
            return True if ed[:7] == md[:7] else None
        return None
    if m.precision == "month":
        if e.precision in ("day", "month") and ed[:7] == md[:7]:
            return e.precision == "day"
        return None
    if m.precision == "year":
        if ed[:4] == md[:4] and e.precision != "published":
            return e.precision != "year"
        return None
    # published: the report came out on md; what it tells happened in the days before
    gap = _ordinal(md) - _ordinal(ed)
    if e.precision in ("day", "month") and 0 <= gap <= PUBLISHED_WINDOW_DAYS:
        return True
    if e.precision == "published" and abs(gap) <= 1:
        return True
    return None


def _window(m: _Row) -> tuple[str, str] | None:
    """The event dates a mention may join (for loading stored candidates)."""
    if m.date is None or m.precision == "unknown":
        return None
    o = _ordinal(m.date)
    lo, hi = o - PUBLISHED_WINDOW_DAYS - 1, o + PUBLISHED_WINDOW_DAYS + 1
    if m.precision == "month":
        lo, hi = o, o + 31
    elif m.precision == "year":
        lo, hi = o, o + 366
    return date.fromordinal(max(1, lo)).isoformat(), date.fromordinal(min(hi, date.max.toordinal())).isoformat()


class UpdateReport(NamedTuple):
    articles: int
    mentions: int
    events_touched: int
    seconds: float


_SELECT_ROWS = (
    "SELECT m.id, m.article_id, a.source, a.published, m.place_id, p.name, p.country, p.kind, m.event_date, "
    "m.date_precision, m.sentence, m.sentence_start, m.name FROM mentions m JOIN places p ON p.id = m.place_id "
    "JOIN articles a ON a.id = m.article_id WHERE m.demonym = 0 AND m.article_id IN ({})"
)


def has_events(store: Store) -> bool:
    """Whether this store has the events tables (migration 007)."""
    with store._lock:
        return bool(store.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='events'").fetchone())


def update(store: Store, article_ids: Iterable[str] | None) -> UpdateReport:
    """Bring the events up to date after ``article_ids`` were written, changed or deleted
    (None: every article, a rebuild). What ingest calls after each batch it stores."""
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


def rebuild(store: Store) -> UpdateReport:
    """Every event made again, article by article in publication order (chunks of
    ``CHUNK_ARTICLES``, so memory stays bounded at millions of mentions)."""
    t0 = time.perf_counter()
    with store.transaction() as conn:
        conn.execute("DELETE FROM event_mentions")
        conn.execute("DELETE FROM events")
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY published IS NULL, published, n")]
    n = touched = 0
    for lo in range(0, len(ids), CHUNK_ARTICLES):
        a, b = _update_chunk(store, ids[lo : lo + CHUNK_ARTICLES])
        n, touched = n + a, touched + b
    return UpdateReport(len(ids), n, touched, time.perf_counter() - t0)


def _update_chunk(store: Store, ids: list[str]) -> tuple[int, int]:
    conn = store.conn
    marks = ",".join("?" * len(ids))
    with store.transaction():
        old = {
            r[0]
            for r in conn.execute(f"SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN ({marks})", ids)
        }
        conn.execute(f"DELETE FROM event_mentions WHERE article_id IN ({marks})", ids)
        rows = [_Row(*r) for r in conn.execute(_SELECT_ROWS.format(marks), ids)]
        links, touched = _assign(conn, rows)
        conn.executemany(
            "INSERT OR REPLACE INTO event_mentions(mention_id, event_id, article_id, is_primary) VALUES (?,?,?,?)",
            links,
        )
        _refresh(conn, old | touched)
    return len(rows), len(old | touched)


def _assign(conn, rows: list[_Row]) -> tuple[list[tuple[int, int, str, int]], set[int]]:  # noqa: ANN001
    """Each row to an event (a stored one or a new one): ``(links, touched event ids)``."""
    by_sentence: dict[tuple[str, int], list[_Row]] = {}
    for r in rows:
        by_sentence.setdefault((r.article_id, r.sentence_start), []).append(r)
    primary: list[_Row] = []
    absorbed: list[tuple[_Row, _Row]] = []  # (broad mention, the specific one it belongs to)
    sent_info: dict[tuple[str, int], tuple[frozenset[str], str]] = {}
    for key, rs in by_sentence.items():
        toks = tokens(rs[0].sentence)
        sent_info[key] = (terms(toks), kind_of(kind_scores(toks)))
        for r in rs:
            rank = PLACE_RANK.get(r.place_kind, 0)
            finer = [
                o
                for o in rs
                if o.country and o.country == r.country and PLACE_RANK.get(o.place_kind, 0) < rank and o.date == r.date
            ]
            if finer:
                absorbed.append((r, min(finer, key=lambda o: (PLACE_RANK.get(o.place_kind, 0), o.id))))
            else:
                primary.append(r)
    primary.sort(key=lambda r: (PRECISION_RANK.get(r.precision, 4), r.date or "", r.published or "", r.id))
    # stored candidates, one query per family over the dates this batch can reach
    fams: dict[str, list[_Row]] = {}
    for r in primary:
        fams.setdefault(family(r.place, r.country), []).append(r)
    events: dict[str, list[_Ev]] = {}
    for fam, rs in fams.items():
        wins = [w for w in (_window(r) for r in rs) if w]
        evs: list[_Ev] = []
        if wins:
            lo, hi = min(w[0] for w in wins), max(w[1] for w in wins)
            for eid, d, prec, kind, tjson in conn.execute(
                "SELECT id, date, date_precision, kind, terms FROM events WHERE family = ? AND date BETWEEN ? AND ?",
                (fam, lo, hi),
            ):
                evs.append(_Ev(eid, fam, d, prec, kind, Counter(json.loads(tjson or "{}"))))
        events[fam] = evs
    assigned: dict[int, _Ev] = {}
    new_id = -1
    for r in primary:
        fam = family(r.place, r.country)
        t, k = sent_info[(r.article_id, r.sentence_start)]
        t = t - terms(tokens(r.name) + tokens(r.place))  # the place's own name is not agreement
        best: tuple[int, int] | None = None
        chosen: _Ev | None = None
        for e in events[fam]:
            strong = _level(r, e)
            if strong is None:
                continue
            if r.article_id in e.articles:
                score = 100
            else:
                score = agree(t, k, e.terms, e.kind, strong)
                if not score:
                    continue
            if best is None or (score, -abs(e.id)) > best:
                best, chosen = (score, -abs(e.id)), e
        if chosen is None:
            chosen = _Ev(new_id, fam, r.date, r.precision, k, Counter())
            new_id -= 1
            events[fam].append(chosen)
        chosen.add(t, r.article_id)
        assigned[r.id] = chosen
    # write the new events (attributes are filled by _refresh)
    real: dict[int, int] = {}
    for evs in events.values():
        for e in evs:
            if e.id < 0:
                cur = conn.execute(
                    "INSERT INTO events(family, place_id, date, date_precision, label, kind, terms) "
                    "VALUES (?, '', ?, ?, '', ?, '{}')",
                    (e.family, e.date, e.precision, e.kind),
                )
                real[e.id] = int(cur.lastrowid or 0)
                e.id = real[e.id]
    links = [(r.id, assigned[r.id].id, r.article_id, 1) for r in primary]
    links += [(r.id, assigned[f.id].id, r.article_id, 0) for r, f in absorbed if f.id in assigned]
    return links, {e.id for e in assigned.values()}


def _refresh(conn, event_ids: Iterable[int]) -> None:  # noqa: ANN001
    """Recompute each event's place, date, label, kind, terms and counts from its members;
    delete the events left without any."""
    ids = sorted(event_ids)
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        members: dict[int, list[tuple]] = {i: [] for i in chunk}
        for row in conn.execute(
            "SELECT em.event_id, em.is_primary, m.id, m.article_id, a.source, a.published, m.place_id, p.kind, "
            "m.event_date, m.date_precision, m.sentence, m.sentence_start, p.name, m.name "
            "FROM event_mentions em JOIN mentions m ON m.id = em.mention_id JOIN places p ON p.id = m.place_id "
            f"JOIN articles a ON a.id = m.article_id WHERE em.event_id IN ({marks})",
            chunk,
        ):
            members[row[0]].append(row[1:])
        gone = [i for i, ms in members.items() if not any(m[0] for m in ms)]
        if gone:
            q = ",".join("?" * len(gone))
            conn.execute(f"DELETE FROM event_mentions WHERE event_id IN ({q})", gone)
            conn.execute(f"DELETE FROM events WHERE id IN ({q})", gone)
        for eid, ms in members.items():
            if eid in gone:
                continue
            conn.execute(
                "UPDATE events SET place_id=?, date=?, date_precision=?, label=?, kind=?, terms=?, n_mentions=?, "
                "n_articles=?, n_sources=?, first_reported=?, last_reported=? WHERE id=?",
                (*_attributes(ms), eid),
            )


def _attributes(ms: list[tuple]) -> tuple:
    prim = [m for m in ms if m[0]]
    best_prec = min(PRECISION_RANK.get(m[8], 4) for m in prim)
    at = [m for m in prim if PRECISION_RANK.get(m[8], 4) == best_prec]
    dates = Counter(m[7] for m in at)
    d = min(dates, key=lambda x: (-dates[x], x or "")) if dates else None
    places = Counter((PLACE_RANK.get(m[6], 0), m[5]) for m in prim)
    place_id = min(places, key=lambda x: (-places[x], x[0], x[1]))[1]  # most reported, then most specific
    lab = min(at, key=lambda m: (m[4] or "9999", m[1]))
    label = _clip(lab[9])
    sentences = {(m[2], m[10]): m for m in ms}
    kinds: Counter[str] = Counter()
    tcount: Counter[str] = Counter()
    for m in sentences.values():
        toks = tokens(m[9])
        kinds.update(kind_scores(toks))
        if m[0]:
            tcount.update(terms(toks, tokens(m[11]) + tokens(m[12])))
    arts = {m[2]: m for m in ms}
    sources = {m[3] or f"#{aid}" for aid, m in arts.items()}
    pubs = [m[4] for m in arts.values() if m[4]]
    top = dict(tcount.most_common(MAX_TERMS))
    return (
        place_id,
        d,
        at[0][8] if d is not None or best_prec == 4 else "unknown",
        label,
        kind_of(kinds),
        json.dumps(top, ensure_ascii=False),
        len(ms),
        len(arts),
        len(sources),
        min(pubs) if pubs else None,
        max(pubs) if pubs else None,
    )


def _clip(sentence: str, n: int = LABEL_CHARS) -> str:
    s = " ".join(sentence.split())
    if len(s) <= n:
        return s
    cut = s[:n].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# --- reading -----------------------------------------------------------------------------------
def _filter_sql(store: Store, filters: Filters | None) -> tuple[str, list]:
    """Events with a member mention passing ``filters`` (minus dates), dated by the event."""
    f = filters if filters is not None else Filters()
    member = f.replace(date_from=None, date_to=None, include_undated=True)
    where, params = member.to_sql(fts=store.has_fts)
    clauses = [
        f"e.id IN (SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id WHERE {where})"
    ]
    if f.date_from is not None or f.date_to is not None:
        lo = f.date_from.isoformat() if f.date_from else "0000-01-01"
        hi = f.date_to.isoformat() if f.date_to else "9999-12-31"
        rng = "e.date BETWEEN ? AND ?"
        clauses.append(f"({rng} OR e.date IS NULL)" if f.include_undated else rng)
        params = [*params, lo, hi]
    elif not f.include_undated:
        clauses.append("e.date IS NOT NULL")
    return " AND ".join(clauses), list(params)


def events(store: Store, filters: Filters | None = None, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """One row per event passing ``filters`` (``EVENT_COLUMNS``), newest first, then most sourced."""
    from mapapp.store import rows_frame

    where, params = _filter_sql(store, filters)
    sql = (
        "SELECT e.id, p.name, e.place_id, p.country, p.lat, p.lon, p.kind, e.date, e.date_precision, e.label, "
        "e.kind, e.n_mentions, e.n_articles, e.n_sources, e.first_reported, e.last_reported "
        f"FROM events e JOIN places p ON p.id = e.place_id WHERE {where} "
        "ORDER BY e.date IS NULL, e.date DESC, e.n_sources DESC, e.id LIMIT ? OFFSET ?"
    )
    with store._lock:
        rows = store.conn.execute(sql, [*params, -1 if limit is None else int(limit), int(offset)]).fetchall()
    df = rows_frame(rows, EVENT_COLUMNS)
    for c in ("event_id", "n_mentions", "n_articles", "n_sources"):
        df[c] = df[c].astype("int64")
    return df


def reports(store: Store, event_ids: Sequence[int]) -> pd.DataFrame:
    """The source sentences of events (``REPORT_COLUMNS``), by event, then oldest report first."""
    from mapapp.store import rows_frame

    out: list[tuple] = []
    ids = [int(i) for i in event_ids]
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        with store._lock:
            out += store.conn.execute(
                "SELECT em.event_id, m.id, m.article_id, a.path, a.title, a.source, a.url, a.published, m.name, "
                "m.sentence, (SELECT 'corrected by ' || c.author || ' on ' || substr(c.created_at, 1, 10) "
                "FROM corrections c WHERE c.id = m.correction_id) "
                "FROM event_mentions em JOIN mentions m ON m.id = em.mention_id "
                f"JOIN articles a ON a.id = m.article_id WHERE em.event_id IN ({marks}) AND em.is_primary = 1 "
                "ORDER BY em.event_id, a.published IS NULL, a.published, m.article_id, m.start",
                chunk,
            ).fetchall()
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


__all__ = [
    "EVENT_COLUMNS",
    "REPORT_COLUMNS",
    "KINDS",
    "UpdateReport",
    "agree",
    "event_of",
    "events",
    "family",
    "has_events",
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
