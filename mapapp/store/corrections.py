"""Corrections that stick: an analyst moves a mention to another place, marks it "not a place",
or sets an article's publication date, and the change survives re-ingest and re-resolution.

* The ``corrections`` table (migration 006) is the truth: who, when, what, keyed by text rather
  than row ids, so an edited article keeps the corrections whose sentence is unchanged:
  ``mention`` scope = article id + sentence hash + name + occurrence of the name in that sentence;
  ``article`` = every mention of the name in the article; ``source`` = in every article of the
  outlet (the "this name in this outlet means this place" preference); ``corpus`` = everywhere.
* The mention rows carry the corrected values (so every reader, the slider's counts and
  snapshots see them without a join per query) with the machine's own values kept beside them in
  ``mentions.machine``; ``apply`` re-derives a row from the machine values and the corrections in
  force, so undoing one restores what the next one down (or the machine) says. The store calls
  ``apply`` whenever it writes an article, which is how a re-ingest keeps them.
* Precedence: the narrowest scope wins (mention > article > source > corpus), then the newest.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, NamedTuple

from mapapp.models import Place

if TYPE_CHECKING:
    from mapapp.geo.gazetteer import Gazetteer
    from mapapp.geo.geoparse import Preferences
    from mapapp.store import Store

ACTIONS = ("move", "not_place", "published")
SCOPES = ("mention", "article", "source", "corpus")
_RANK = {s: i for i, s in enumerate(SCOPES)}  # lower wins
CORRECTED_SCORE = 1.0  # a place an analyst chose is certain: it passes any min_score
PRIOR_SHARPNESS = 1.5  # the resolver's softmax temperature over importance (geo.geoparse._resolve)
PREFERENCE_TAG = "correction"  # a preferred mention's reason ends "(correction ID)"
log = logging.getLogger(__name__)
_DAY = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})")

_COLS = (
    "id, action, scope, article_id, source, name, sentence_hash, occurrence, place_id, value, note, "
    "author, created_at, undone_by, undone_at"
)


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown mention, article or place, bad date); the
    message is one line for the user."""


@dataclass(frozen=True)
class Correction:
    """One row of ``corrections``."""

    id: int
    action: str
    scope: str
    article_id: str | None
    source: str | None
    name: str | None
    sentence_hash: str | None
    occurrence: int | None
    place_id: str | None
    value: str | None
    note: str | None
    author: str
    created_at: str
    undone_by: str | None = None
    undone_at: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    def mark(self) -> str:
        """What exports, popups and snapshots say: ``corrected by NAME on YYYY-MM-DD``."""
        return f"corrected by {self.author} on {self.created_at[:10]}"

    def describe(self) -> str:
        """One line for ``mapapp correct list``."""
        what = {
            "move": f"{self.name!r} -> {self.place_id}",
            "not_place": f"{self.name!r} is not a place",
            "published": f"published {self.value}",
        }[self.action]
        where = {
            "mention": f"in one sentence of {self.article_id}",
            "article": f"in {self.article_id}",
            "source": f"in outlet {self.source!r}",
            "corpus": "everywhere",
        }[self.scope]
        state = f" (undone by {self.undone_by} on {str(self.undone_at)[:10]})" if self.undone_at else ""
        return f"{self.id}\t{what} {where}\t{self.mark()}{state}"


class Candidate(NamedTuple):
    """A place a mention could be moved to."""

    place_id: str
    label: str
    score: float  # resolver/machine: the chance it gave the place here; gazetteer: the prior share
    origin: str  # 'machine' (its own place, now corrected), 'resolver' (an alternative it kept), 'gazetteer'


class MentionKey(NamedTuple):
    """What a mention-scope correction is keyed by (``mention_key``)."""

    article_id: str
    sentence_hash: str
    name: str
    occurrence: int
    source: str | None


def default_author() -> str:
    """The OS user (what a correction records when nobody gives a name)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database (a container): still a name
        return os.environ.get("USER") or "unknown"


def writable(store: Store) -> bool:
    """Whether corrections can be made in ``store``: it has the table, and its file and folder
    may be written (``open_store``'s test: a store it opened read-only is not)."""
    if not store.has_corrections or store.path == ":memory:":
        return store.has_corrections
    p = os.path.abspath(os.path.expanduser(store.path))
    for f in (p, os.path.dirname(p)):
        try:
            if not os.access(f, os.W_OK) or os.stat(f).st_mode & 0o222 == 0:
                return False
        except OSError:
            return False
    return True


def sentence_hash(sentence: str) -> str:
    return hashlib.sha256(sentence.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _occurrences(rows: Sequence[tuple[int, str, str]]) -> dict[int, tuple[str, int]]:
    """``{mention_id: (sentence_hash, occurrence)}`` for rows ``(id, name, sentence)`` in text order."""
    seen: dict[tuple[str, str], int] = {}
    out = {}
    for mid, name, sentence in rows:
        h = sentence_hash(sentence)
        k = seen.get((h, name), 0)
        seen[(h, name)] = k + 1
        out[mid] = (h, k)
    return out


def mention_key(store: Store, mention_id: int) -> MentionKey:
    """The text key of a stored mention; ``CorrectionError`` when there is none with that id."""
    with store._lock:
        row = store.conn.execute(
            "SELECT m.article_id, m.name, a.source FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.id = ?",
            (int(mention_id),),
        ).fetchone()
        if row is None:
            raise CorrectionError(f"no mention {mention_id} in the store")
        aid, name, source = row
        rows = store.conn.execute(
            "SELECT id, name, sentence FROM mentions WHERE article_id = ? AND name = ? ORDER BY start, id",
            (aid, name),
        ).fetchall()
    h, k = _occurrences(rows)[int(mention_id)]
    return MentionKey(aid, h, name, k, source)


def _author(author: str | None) -> str:
    a = " ".join(str(author or "").split())[:120]
    return a or default_author()


def _insert(store: Store, **values: object) -> int:
    cols = ", ".join(values)
    marks = ", ".join("?" * len(values))
    with store.transaction() as conn:
        cur = conn.execute(f"INSERT INTO corrections({cols}) VALUES ({marks})", tuple(values.values()))
        return int(cur.lastrowid or 0)


def _key_values(store: Store, mention_id: int, scope: str) -> dict[str, object]:
    if scope not in SCOPES:
        raise CorrectionError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    key = mention_key(store, mention_id)
    out: dict[str, object] = {"scope": scope, "name": key.name}
    if scope == "mention":
        out.update(article_id=key.article_id, sentence_hash=key.sentence_hash, occurrence=key.occurrence)
    elif scope == "article":
        out["article_id"] = key.article_id
    elif scope == "source":
        if not key.source:
            raise CorrectionError(f"mention {mention_id}'s article has no outlet: use scope article or corpus")
        out["source"] = key.source
    return out


def _place_json(p: Place) -> str:
    return json.dumps(
        [p.id, p.name, p.country, float(p.lat), float(p.lon), p.kind, int(p.population or 0), p.admin1, p.source],
        ensure_ascii=False,
    )


def move(
    store: Store,
    mention_id: int,
    place: Place,
    *,
    scope: str = "mention",
    author: str | None = None,
    note: str | None = None,
) -> Correction:
    """Put mention ``mention_id`` (and, by ``scope``, every mention of its name in the article,
    the outlet or the corpus) at ``place``; returns the stored correction."""
    values = _key_values(store, mention_id, scope)
    cid = _insert(
        store,
        action="move",
        place_id=place.id,
        place_json=_place_json(place),
        note=note,
        author=_author(author),
        created_at=_now(),
        **values,
    )
    _apply_for(store, cid)
    return get(store, cid)


def not_a_place(
    store: Store, mention_id: int, *, scope: str = "mention", author: str | None = None, note: str | None = None
) -> Correction:
    """Mark mention ``mention_id`` (or, by ``scope``, every mention of its name) as not a place:
    kept in the store, never mapped."""
    values = _key_values(store, mention_id, scope)
    cid = _insert(store, action="not_place", note=note, author=_author(author), created_at=_now(), **values)
    _apply_for(store, cid)
    return get(store, cid)


def set_published(
    store: Store, article_id: str, day: date | str, *, author: str | None = None, note: str | None = None
) -> Correction:
    """Set an article's publication date. Mentions dated only by the publication date (or not at
    all, for an undated article) take the new date, precision ``published``; dates the text
    states are kept."""
    d = parse_day(day)
    with store._lock:
        if store.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise CorrectionError(f"no article {article_id!r} in the store")
    cid = _insert(
        store,
        action="published",
        scope="article",
        article_id=article_id,
        value=d.isoformat(),
        note=note,
        author=_author(author),
        created_at=_now(),
    )
    _apply_for(store, cid)
    return get(store, cid)


def undo(store: Store, correction_id: int, *, author: str | None = None) -> Correction:
    """Take a correction back (it stays listed, marked undone): the mentions it changed return
    to what the remaining corrections, or the machine, say."""
    c = get(store, correction_id)
    if not c.active:
        raise CorrectionError(f"correction {correction_id} was undone already")
    with store.transaction() as conn:
        conn.execute(
            "UPDATE corrections SET undone_by = ?, undone_at = ? WHERE id = ?", (_author(author), _now(), c.id)
        )
    _apply_for(store, c.id)
    if c.scope in ("source", "corpus") and c.action in ("move", "not_place"):
        from mapapp.store import events

        events.update(store, _rederive(store, c.id))
    return get(store, c.id)


def get(store: Store, correction_id: int) -> Correction:
    with store._lock:
        row = store.conn.execute(f"SELECT {_COLS} FROM corrections WHERE id = ?", (int(correction_id),)).fetchone()
    if row is None:
        raise CorrectionError(f"no correction {correction_id}")
    return Correction(*row)


def corrections(store: Store, *, include_undone: bool = False) -> list[Correction]:
    """The corrections, oldest first (those in force only, unless ``include_undone``)."""
    where = "" if include_undone else "WHERE undone_at IS NULL"
    with store._lock:
        try:
            rows = store.conn.execute(f"SELECT {_COLS} FROM corrections {where} ORDER BY id").fetchall()
        except Exception:  # noqa: BLE001 - a read-only store from before migration 006: none
            return []
    return [Correction(*r) for r in rows]


def recent(store: Store, limit: int, *, include_undone: bool = False) -> tuple[list[Correction], int, int]:
    """The newest ``limit`` corrections (in force only, unless ``include_undone``), newest
    first, with how many there are in force and in all: what the app lists on every run,
    whatever the number of corrections."""
    where = "" if include_undone else "WHERE undone_at IS NULL"
    with store._lock:
        try:
            rows = store.conn.execute(
                f"SELECT {_COLS} FROM corrections {where} ORDER BY id DESC LIMIT ?", (max(0, int(limit)),)
            ).fetchall()
            total, live = store.conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE undone_at IS NULL) FROM corrections"
            ).fetchone()
        except Exception:  # noqa: BLE001 - a read-only store from before migration 006: none
            return [], 0, 0
    return [Correction(*r) for r in rows], int(live or 0), int(total or 0)


EXPORT_FIELDS = (
    "id",
    "action",
    "scope",
    "article_id",
    "source",
    "name",
    "sentence_hash",
    "occurrence",
    "place_id",
    "value",
    "note",
    "author",
    "created_at",
    "undone_by",
    "undone_at",
)


def export_rows(store: Store, *, include_undone: bool = True) -> list[dict[str, object]]:
    """Every correction as a dict of ``EXPORT_FIELDS`` (what ``mapapp correct export`` writes)."""
    return [{f: getattr(c, f) for f in EXPORT_FIELDS} for c in corrections(store, include_undone=include_undone)]


def place_label(p: Place) -> str:
    """``London, Ontario, CA (city, 346,765 people)``: a place told apart from its namesakes."""
    head = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
    pop = f", {int(p.population):,} people" if p.population else ""
    return f"{head} ({p.kind}{pop})"


def _priors(gazetteer: Gazetteer, name: str) -> dict[str, float]:
    """``{place id: share}``: how likely each place called ``name`` is before any context (the
    gazetteer's importance, as the resolver weighs it: a softmax at its temperature)."""
    from mapapp.geo.gazetteer import DEMONYM, normalize

    cands = [c for c in gazetteer.candidates(normalize(name or "")) if not c.flags & DEMONYM]
    if not cands:
        return {}
    top = max(c.importance for c in cands)
    w = {c.place.id: math.exp(max(-30.0, c.importance - top) * PRIOR_SHARPNESS) for c in cands}
    z = sum(w.values())
    return {k: v / z for k, v in w.items()}


def search(gazetteer: Gazetteer, name: str, limit: int = 10) -> list[Candidate]:
    """The gazetteer's places called ``name`` (any spelling), most likely first, each with its
    prior share (``_priors``): the side panel's search box. An empty name finds nothing."""
    name = " ".join(str(name or "").split())[:200]
    if not name:
        return []
    priors = _priors(gazetteer, name)
    out = [Candidate(p.id, place_label(p), priors.get(p.id, 0.0), "gazetteer") for p in gazetteer.lookup(name)]
    return sorted(out, key=lambda c: -c.score)[: max(0, int(limit))]


def candidates(store: Store, mention_id: int, gazetteer: Gazetteer | None = None, limit: int = 10) -> list[Candidate]:
    """Where mention ``mention_id`` could go: the alternatives the resolver kept (best first,
    scored with the chance it gave them in this article), the machine's own place when the
    mention is corrected (its confidence), then the gazetteer's other entries for its name
    (scored with their prior share). With a gazetteer, labels tell namesakes apart."""
    with store._lock:
        row = store.conn.execute(
            "SELECT name, place_id, alternatives, machine FROM mentions WHERE id = ?", (int(mention_id),)
        ).fetchone()
    if row is None:
        raise CorrectionError(f"no mention {mention_id} in the store")
    name, place_id, alts, machine = row
    out: dict[str, Candidate] = {}
    if machine:
        m = json.loads(machine)
        mp = m.get("place_id")
        if mp and mp != place_id:
            out[mp] = Candidate(mp, mp, float(m.get("score") or 0.0), "machine")
    try:
        for a in json.loads(alts or "[]"):
            if len(a) >= 3 and a[0] != place_id:
                out.setdefault(str(a[0]), Candidate(str(a[0]), str(a[1]), float(a[2]), "resolver"))
    except (ValueError, TypeError):
        pass
    if gazetteer is not None:
        for pid, c in list(out.items()):
            p = gazetteer.get(pid)
            if p is not None:
                out[pid] = c._replace(label=place_label(p))
        for c in search(gazetteer, name, limit=max(0, int(limit)) + len(out) + 1):
            if c.place_id != place_id and c.place_id not in out:
                out[c.place_id] = c
    order = {"machine": 0, "resolver": 1, "gazetteer": 2}
    return sorted(out.values(), key=lambda c: (order.get(c.origin, 3), -c.score))[: max(0, int(limit))]


class Unplaced(NamedTuple):
    """A mention stored without a place, with the resolver's guess (when it had one)."""

    mention_id: int
    name: str
    article_id: str
    reason: str  # 'too unsure to map' (a guess under the setting map_floor), 'unresolved', ...
    guess: str  # the label of its best alternative, or ''
    score: float


def unplaced(store: Store, limit: int = 50) -> list[Unplaced]:
    """Mentions ingest stored without a place and no analyst has corrected, likeliest guesses
    first: the guesses a story weighed against are kept, not drawn, and this is where an analyst
    finds them to place them (``move``) or dismiss them (``not_a_place``)."""
    with store._lock:
        rows = store.conn.execute(
            "SELECT id, name, article_id, reason, alternatives, score FROM mentions "
            "WHERE place_id IS NULL AND demonym = 0 AND correction_id IS NULL ORDER BY score DESC, id LIMIT ?",
            (max(0, int(limit)),),
        ).fetchall()
    out = []
    for mid, name, article_id, reason, alts, score in rows:
        try:
            first = json.loads(alts or "[]")[:1]
            guess = str(first[0][1]) if first and len(first[0]) >= 2 else ""
        except (ValueError, TypeError, IndexError, KeyError):
            guess = ""
        out.append(Unplaced(int(mid), str(name), str(article_id), str(reason), guess, float(score)))
    return out


def parse_day(text: object) -> date:
    """A day typed as ``YYYY-MM-DD`` (a year of 1 to 4 digits: ``1-01-01`` and ``9999-12-31``
    are days too); ``CorrectionError`` naming what was typed otherwise."""
    if isinstance(text, date):
        return text
    s = str(text or "").strip()
    m = _DAY.fullmatch(s)
    try:
        if m is None:
            raise ValueError
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise CorrectionError(f"not a date (YYYY-MM-DD, years 1 to 9999): {s[:40]!r}") from None


# --- applying them ---------------------------------------------------------------------------
def _affected_articles(store: Store, c: Correction) -> list[str]:
    """The articles whose mentions correction ``c`` may change."""
    if c.scope in ("mention", "article") or c.action == "published":
        return [c.article_id] if c.article_id else []
    with store._lock:
        if c.scope == "source":
            rows = store.conn.execute(
                "SELECT DISTINCT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id "
                "WHERE m.name = ? AND a.source = ?",
                (c.name, c.source),
            ).fetchall()
        else:  # corpus: one scan of the mentions' names (an analyst's action, not per query)
            rows = store.conn.execute("SELECT DISTINCT article_id FROM mentions WHERE name = ?", (c.name,)).fetchall()
    return [r[0] for r in rows]


def _apply_for(store: Store, correction_id: int) -> None:
    """Apply after correction ``correction_id`` was made or undone, then update the events of
    the articles it touched."""
    ids = _affected_articles(store, get(store, correction_id))
    with store.transaction():
        for aid in ids:
            apply(store, aid)
    from mapapp.store import events  # the events follow the corrected places and dates

    events.update(store, ids)


def _machine_row(row: tuple) -> tuple[str | None, float, str | None, str]:
    """The machine's (place_id, score, event_date, date_precision) of a mention row."""
    _mid, _name, _sentence, place_id, score, event_date, precision, _cid, machine = row
    if machine:
        m = json.loads(machine)
        return m["place_id"], float(m["score"]), m["event_date"], m["date_precision"]
    return place_id, float(score), event_date, precision


def apply(store: Store, article_id: str, *, fresh: bool = False) -> int:
    """Make the stored mentions (and publication date) of ``article_id`` what the machine's
    values and the corrections in force say; returns how many mention rows changed. ``fresh``:
    the rows were just written by ingest (the article's ``published`` is the machine's). Runs in
    the caller's transaction when there is one. Cheap when there are no corrections at all."""
    conn = store.conn
    with store.transaction():
        if conn.execute("SELECT 1 FROM corrections LIMIT 1").fetchone() is None:
            return 0
        art = conn.execute(
            "SELECT source, published, published_how, published_correction_id, machine_published "
            "FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if art is None:
            return 0
        source, published, how, pub_cid, machine_pub = art
        if fresh or pub_cid is None:
            machine_pub = json.dumps([published, how])
        found = conn.execute(
            f"SELECT {_COLS} FROM corrections WHERE undone_at IS NULL AND ("
            "article_id = ? OR (scope = 'source' AND source = ? AND name IN "
            "(SELECT name FROM mentions WHERE article_id = ?)) OR (scope = 'corpus' AND name IN "
            "(SELECT name FROM mentions WHERE article_id = ?))) ORDER BY id",
            (article_id, source, article_id, article_id),
        ).fetchall()
        found_c = [Correction(*r) for r in found]
        pub = [c for c in found_c if c.action == "published"]
        if pub:
            p = pub[-1]
            conn.execute(
                "UPDATE articles SET published = ?, published_how = 'corrected', published_correction_id = ?, "
                "machine_published = ? WHERE id = ?",
                (p.value, p.id, machine_pub, article_id),
            )
        elif pub_cid is not None and not fresh:
            old_pub, old_how = json.loads(machine_pub or "[null, null]")
            conn.execute(
                "UPDATE articles SET published = ?, published_how = ?, published_correction_id = NULL, "
                "machine_published = NULL WHERE id = ?",
                (old_pub, old_how, article_id),
            )
        elif fresh:
            conn.execute(
                "UPDATE articles SET published_correction_id = NULL, machine_published = NULL WHERE id = ?",
                (article_id,),
            )
        place_cs = [c for c in found_c if c.action in ("move", "not_place")]
        rows = conn.execute(
            "SELECT id, name, sentence, place_id, score, event_date, date_precision, correction_id, machine "
            "FROM mentions WHERE article_id = ? ORDER BY start, id",
            (article_id,),
        ).fetchall()
        keys = _occurrences([(r[0], r[1], r[2]) for r in rows]) if any(c.scope == "mention" for c in place_cs) else {}
        changed = 0
        for row in rows:
            mid, name = row[0], row[1]
            m_place, m_score, m_date, m_prec = _machine_row(row)
            place_id, score, event_date, precision, cid = m_place, m_score, m_date, m_prec, None
            if pub and m_prec in ("published", "unknown"):
                event_date, precision, cid = pub[-1].value, "published", pub[-1].id
            best = _winner(place_cs, name, source, keys.get(mid))
            if best is not None:
                cid = best.id
                if best.action == "move":
                    place_id, score = best.place_id, CORRECTED_SCORE
                    _ensure_place(store, best.id)
                else:
                    place_id = None
            new = (place_id, score, event_date, precision, cid)
            if new == (row[3], float(row[4]), row[5], row[6], row[7]):
                continue
            machine = (
                None
                if cid is None
                else json.dumps({"place_id": m_place, "score": m_score, "event_date": m_date, "date_precision": m_prec})
            )
            conn.execute(
                "UPDATE mentions SET place_id = ?, score = ?, event_date = ?, date_precision = ?, "
                "correction_id = ?, machine = ? WHERE id = ?",
                (*new, machine, mid),
            )
            changed += 1
    return changed


def _winner(cs: Iterable[Correction], name: str, source: str | None, key: tuple[str, int] | None) -> Correction | None:
    best: Correction | None = None
    for c in cs:
        if c.name != name:
            continue
        if c.scope == "mention" and (key is None or (c.sentence_hash, c.occurrence) != key):
            continue
        if c.scope == "source" and c.source != source:
            continue
        if best is None or (_RANK[c.scope], -c.id) < (_RANK[best.scope], -best.id):
            best = c
    return best


def _ensure_place(store: Store, correction_id: int) -> None:
    """Write the place a 'move' points at (it may never have been resolved by the machine)."""
    row = store.conn.execute("SELECT place_json FROM corrections WHERE id = ?", (correction_id,)).fetchone()
    if row and row[0]:
        store.conn.execute(
            "INSERT OR IGNORE INTO places(id, name, country, lat, lon, kind, population, admin1, source) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            tuple(json.loads(row[0])),
        )


# --- preferences: what the geoparser learns from the corrections ----------------------------
def preferences(store: Store) -> Preferences:
    """What the geoparser should prefer (``Geoparser(preferences=...)``), derived from the
    outlet- and corpus-wide moves and "not a place" corrections in force (a narrower correction
    is an exception, not a rule): ``(outlet or "", name key) -> (place or None, reason)``, the
    newest winning. One query over the corrections: ingest reads it once and hands it to its
    workers with each task. The corrections stay the record: undoing one re-derives the
    articles its preference chose for (``undo``)."""
    from mapapp.geo.gazetteer import normalize

    out: Preferences = {}
    with store._lock:
        try:
            rows = store.conn.execute(
                "SELECT id, action, scope, source, name, place_json FROM corrections WHERE undone_at IS NULL "
                "AND action IN ('move', 'not_place') AND scope IN ('source', 'corpus') ORDER BY id"
            ).fetchall()
        except Exception:  # noqa: BLE001 - a read-only store from before migration 006: none
            return out
    for cid, action, scope, source, name, place_json in rows:
        where = f"in {source}" if scope == "source" else "everywhere"
        place = None
        if action == "move" and place_json:
            pid, pname, country, lat, lon, kind, pop, admin1, psource = json.loads(place_json)
            place = Place(pid, pname, lat, lon, kind, country, pop, admin1, psource)
        what = f"means {place_label(place)}" if place is not None else "is not a place"
        reason = f"analysts' preference: {clip_name(name)!r} {where} {what} ({PREFERENCE_TAG} {cid})"
        out[((source or "") if scope == "source" else "", normalize(name or ""))] = (place, reason)
    return out


def clip_name(name: str | None, n: int = 60) -> str:
    s = str(name or "")
    return s if len(s) <= n else s[: n - 1] + "…"


def _rederive(store: Store, correction_id: int) -> list[str]:
    """Geoparse again, with the preferences now in force, the articles whose mentions a
    preference of correction ``correction_id`` chose (their stored text; the machine's own
    publication date), so undoing it gives them what the geoparser says without it."""
    with store._lock:
        ids = [
            r[0]
            for r in store.conn.execute(
                "SELECT DISTINCT article_id FROM mentions WHERE reason LIKE ?",
                (f"%({PREFERENCE_TAG} {int(correction_id)})",),
            )
        ]
    if not ids:
        return []
    from mapapp.geo.gazetteer import is_built

    if not is_built():  # building it takes minutes: not inside an undo (the next ingest of a changed file redoes them)
        log.warning("no gazetteer built: %d article(s) keep correction %s's preference", len(ids), correction_id)
        return []
    from mapapp.geo.geoparse import Geoparser
    from mapapp.models import Article

    parser = Geoparser(preferences=preferences(store))
    for aid in ids:
        a = store.article(aid)
        if a is None:
            continue
        with store._lock:
            pub_cid, machine_pub = store.conn.execute(
                "SELECT published_correction_id, machine_published FROM articles WHERE id = ?", (aid,)
            ).fetchone()
        pub, how = (
            json.loads(machine_pub) if pub_cid is not None and machine_pub else (a["published"], a["published_how"])
        )
        art = Article(
            id=aid,
            path=a["path"],
            text=a["text"] or "",
            title=a["title"],
            published=date.fromisoformat(pub) if pub else None,
            published_how=how,
            source=a["source"],
            url=a["url"],
            author=a["author"],
            content_hash=a["content_hash"],
        )
        mentions = parser.mentions(art)
        with store.transaction() as conn:
            conn.execute("UPDATE articles SET content_hash = '' WHERE id = ?", (aid,))  # else "unchanged"
            store.upsert_article(art, mentions)
    return ids


def place_of(store: Store, place_id: str, gazetteer: Gazetteer | None = None) -> Place:
    """A place by id: from the gazetteer when given, else from the store's places."""
    if gazetteer is not None:
        p = gazetteer.get(place_id)
        if p is not None:
            return p
    with store._lock:
        row = store.conn.execute(
            "SELECT id, name, lat, lon, kind, country, population, admin1, source FROM places WHERE id = ?",
            (place_id,),
        ).fetchone()
    if row is None:
        raise CorrectionError(f"no place {place_id!r} in the gazetteer or the store")
    return Place(*row)


__all__ = [
    "ACTIONS",
    "SCOPES",
    "Candidate",
    "Correction",
    "CorrectionError",
    "MentionKey",
    "apply",
    "candidates",
    "corrections",
    "default_author",
    "export_rows",
    "get",
    "mention_key",
    "move",
    "not_a_place",
    "parse_day",
    "place_label",
    "place_of",
    "preferences",
    "recent",
    "search",
    "sentence_hash",
    "set_published",
    "undo",
    "writable",
]
