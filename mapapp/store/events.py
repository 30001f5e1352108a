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
  (``mapapp/store/eventkinds/*.txt``). *Normal* agreement (the same day): the same kind and one
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


class _Report(NamedTuple):
    """One primary mention as the grouping compares it."""

    id: int
    article_id: str
    date: str | None
    precision: str
    terms: frozenset[str]
    kind: str


@dataclass(eq=False)
class _Ev:
    id: int  # negative until written
    family: str
    members: list[_Report] = field(default_factory=list)
    into: _Ev | None = None  # merged into that event

    def find(self) -> _Ev:
        e = self
        while e.into is not None:
            e = e.into
        return e


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
    d, o, w = r.date, _ordinal(r.date), PUBLISHED_WINDOW_DAYS
    if r.precision == "day":
        return [("day", d), ("month", d[:7]), ("year", d[:4])] + [("published", _iso(o + i)) for i in range(w + 1)]
    if r.precision == "month":
        days = [("day", x) for x in (_iso(o + i) for i in range(31)) if x[:7] == d[:7]]
        return [*days, ("month", d[:7]), ("year", d[:4])] + [("published", _iso(o + i)) for i in range(w + 31)]
    if r.precision == "year":
        y = d[:4]
        days = [("day", x) for x in (_iso(o + i) for i in range(366)) if x[:4] == y]
        return [*days, *(("month", f"{y}-{m:02d}") for m in range(1, 13)), ("year", y)]
    months = sorted({_iso(o - i)[:7] for i in range(w + 31)})
    return (
        [("day", _iso(o - i)) for i in range(w + 1)]
        + [("month", m) for m in months]
        + [("published", _iso(o + i)) for i in (-1, 0, 1)]
    )


def _ordinal(d: str | None) -> int:
    return date.fromisoformat(d).toordinal() if d else 0


def _pair(a: _Report, b: _Report) -> bool | None:
    """Whether two reports' dates can agree: None when they cannot, else whether strong text
    agreement is needed (symmetric, so the groups do not depend on the order of ingest)."""
    if a.article_id == b.article_id and a.precision == b.precision and a.date == b.date:
        return False  # same article, same date: joined without text (see _joins)
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


def _joins(a: _Report, b: _Report) -> int:
    """How strongly report ``a`` links to ``b`` (0: no link): dates first, then the text."""
    strong = _pair(a, b)
    if strong is None:
        return 0
    if a.article_id == b.article_id and a.precision == b.precision and a.date == b.date:
        return 100
    return agree(a.terms, a.kind, b.terms, b.kind, strong)


def _consistent(members: Iterable[_Report]) -> bool:
    """A merged event keeps one day, one month, one year (a later report cannot chain two
    different days into one event)."""
    days = {m.date for m in members if m.precision == "day"}
    months = {(m.date or "")[:7] for m in members if m.precision in ("day", "month")}
    years = {(m.date or "")[:4] for m in members if m.precision in ("day", "month", "year")}
    return len(days) <= 1 and len(months) <= 1 and len(years) <= 1


def _window(m: _Row) -> tuple[str, str] | None:
    """The event dates a mention may join (for loading stored candidates)."""
    if m.date is None or m.precision == "unknown":
        return None
    o = _ordinal(m.date)
    lo, hi = o - PUBLISHED_WINDOW_DAYS - 1, o + PUBLISHED_WINDOW_DAYS + 1
    if m.precision == "month":
        lo, hi = o, o + 62
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
    """Each row to an event: a report joins the events holding a report it links to (single
    link: the groups are the connected reports, whatever the order they arrive in), merging
    them when it links several (unless that would mix two days). Returns ``(links, touched)``."""
    by_sentence: dict[tuple[str, int], list[_Row]] = {}
    for r in rows:
        by_sentence.setdefault((r.article_id, r.sentence_start), []).append(r)
    primary: list[tuple[_Row, _Report]] = []
    absorbed: list[tuple[_Row, _Row]] = []  # (broad mention, the specific one it belongs to)
    for rs in by_sentence.values():
        toks = tokens(rs[0].sentence)
        sent_terms, sent_kind = terms(toks), kind_of(kind_scores(toks))
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
                own = terms(tokens(r.name) + tokens(r.place))  # the place's own name is not agreement
                primary.append((r, _Report(r.id, r.article_id, r.date, r.precision, sent_terms - own, sent_kind)))
    primary.sort(key=lambda x: (PRECISION_RANK.get(x[0].precision, 4), x[0].date or "", x[0].published or "", x[0].id))
    # stored candidates, one query per family over the dates this batch can reach
    fams: dict[str, list[_Row]] = {}
    for r, _rep in primary:
        fams.setdefault(family(r.place, r.country), []).append(r)
    events: dict[str, list[_Ev]] = {}
    for fam, rs in fams.items():
        wins = [w for w in (_window(r) for r in rs) if w]
        events[fam] = _stored(conn, fam, min(w[0] for w in wins), max(w[1] for w in wins)) if wins else []
    index: dict[str, dict[tuple[str, str], list[tuple[_Ev, _Report]]]] = {}
    for fam, evs in events.items():
        idx = index.setdefault(fam, {})
        for e in evs:
            for m in e.members:
                idx.setdefault(_key(m), []).append((e, m))
    assigned: dict[int, _Ev] = {}
    merged_away: list[tuple[int, int]] = []  # (stored event merged, into event)
    new_id = -1
    for r, rep in primary:
        fam = family(r.place, r.country)
        idx = index[fam]
        best: dict[int, tuple[int, _Ev]] = {}  # by event object id: the strongest link to it
        for k in _probe(rep):
            for e0, m in idx.get(k, ()):
                score = _joins(rep, m)
                if score:
                    e = e0.find()
                    if score > best.get(id(e), (0, e))[0]:
                        best[id(e)] = (score, e)
        if not best:
            chosen = _Ev(new_id, fam)
            new_id -= 1
            events[fam].append(chosen)
        else:
            linked = sorted(best.values(), key=lambda x: (-x[0], x[1].id < 0, abs(x[1].id)))
            chosen = linked[0][1]
            for _score, other in linked[1:]:
                if not _consistent([*chosen.members, *other.members, rep]):
                    continue
                keep, gone = (chosen, other) if (chosen.id > 0 or other.id < 0) else (other, chosen)
                if keep.id > 0 and gone.id > 0 and gone.id < keep.id:
                    keep, gone = gone, keep  # the oldest stored id survives
                keep.members += gone.members
                gone.members = []
                gone.into = keep
                if gone.id > 0:
                    merged_away.append((gone.id, keep.id))
                chosen = keep
        chosen.members.append(rep)
        idx.setdefault(_key(rep), []).append((chosen, rep))
        assigned[r.id] = chosen
    assigned = {mid: e.find() for mid, e in assigned.items()}
    events = {fam: [e for e in evs if e.into is None] for fam, evs in events.items()}
    # write the new events (attributes are filled by _refresh)
    for evs in events.values():
        for e in evs:
            if e.id < 0:
                cur = conn.execute(
                    "INSERT INTO events(family, place_id, date_precision, label, kind) VALUES (?, '', 'unknown', '', '')",
                    (e.family,),
                )
                e.id = int(cur.lastrowid or 0)
    touched = {e.id for e in assigned.values()}
    for gone_id, keep_id in merged_away:
        conn.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", (keep_id, gone_id))
        touched.add(gone_id)  # refreshed: now empty, so deleted
    links = [(r.id, assigned[r.id].id, r.article_id, 1) for r, _rep in primary]
    links += [(r.id, assigned[f.id].id, r.article_id, 0) for r, f in absorbed if f.id in assigned]
    return links, touched


def _stored(conn, fam: str, lo: str, hi: str) -> list[_Ev]:  # noqa: ANN001
    """The stored events of family ``fam`` dated in ``[lo, hi]``, with their primary reports."""
    evs: dict[int, _Ev] = {}
    for row in conn.execute(
        "SELECT e.id, m.id, m.article_id, m.event_date, m.date_precision, m.sentence, m.name, p.name "
        "FROM events e JOIN event_mentions em ON em.event_id = e.id AND em.is_primary = 1 "
        "JOIN mentions m ON m.id = em.mention_id JOIN places p ON p.id = m.place_id "
        "WHERE e.family = ? AND e.date BETWEEN ? AND ?",
        (fam, lo, hi),
    ):
        eid, mid, aid, d, prec, sentence, name, place = row
        toks = tokens(sentence)
        rep = _Report(mid, aid, d, prec, terms(toks) - terms(tokens(name) + tokens(place)), kind_of(kind_scores(toks)))
        evs.setdefault(eid, _Ev(eid, fam)).members.append(rep)
    return list(evs.values())


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
