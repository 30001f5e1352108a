"""The SQLite store: articles, places, mentions, ingested files and the geocode cache.

* WAL journal, foreign keys, a busy timeout: the app reads while an ingest writes.
* Numbered migrations ``mapapp/store/migrations/NNN_*.sql`` applied in order, each in one transaction,
  recorded in ``schema_migrations``.
* Every filter and aggregation runs in SQL (parameterised; indexes on the filtered columns),
  so a million mentions stay interactive: Python only sees the rows it returns.
* This package is the only home of the app's SQL: the filters' WHERE clause comes from
  ``Filters.to_sql()``, and the app, the CLI, ingest and sharing read and write through the public
  methods below (excerpts of many places, the timeline, pages of mentions, snapshots, ingest's
  file records), so a schema change is made here and nowhere else.

The frames' columns are fixed by docs/ARCHITECTURE.md (``QUERY_COLUMNS``, ``PLACES_COLUMNS``,
``TIMELINE_COLUMNS``); rows handed out one at a time are named tuples (``FileRecord``,
``CachedAnswer``, ``SnapshotRecord``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from mapapp.models import Article, Mention, article_hash
from mapapp.store.filters import Filters, SqlWhere, fts_phrase

if TYPE_CHECKING:  # pandas is imported where a frame is made: ingest and its processes never need it
    import pandas as pd

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_RE = re.compile(r"^(\d{3})_[A-Za-z0-9_\-]+\.sql$")

QUERY_COLUMNS = [
    "mention_id",
    "article_id",
    "name",
    "place_id",
    "place",
    "country",
    "lat",
    "lon",
    "kind",
    "score",
    "demonym",
    "start",
    "end",
    "sentence",
    "event_date",
    "date_precision",
    "published",
    "title",
    "source",
    "url",
    "path",
    "corrected",
]
PLACES_COLUMNS = [
    "place_id",
    "place",
    "country",
    "lat",
    "lon",
    "kind",
    "n_mentions",
    "n_articles",
    "first_date",
    "last_date",
]
TIMELINE_COLUMNS = ["month", "mentions"]
SNAPSHOT_COLUMNS = ["id", "created_at", "title", "n_mentions", "n_places"]

_QUERY_EXPRS = (
    "m.id",
    "m.article_id",
    "m.name",
    "m.place_id",
    "p.name",
    "p.country",
    "p.lat",
    "p.lon",
    "p.kind",
    "m.score",
    "m.demonym",
    "m.start",
    'm."end"',
    "m.sentence",
    "m.event_date",
    "m.date_precision",
    "a.published",
    "a.title",
    "a.source",
    "a.url",
    "a.path",
    # issue 14: "corrected by NAME on YYYY-MM-DD" when a correction is in force (store.corrections)
    "(SELECT 'corrected by ' || c.author || ' on ' || substr(c.created_at, 1, 10) FROM corrections c "
    "WHERE c.id = m.correction_id)",
)  # one per QUERY_COLUMNS entry


def query_select(text_limits: dict[str, int] | None = None, *, corrections: bool = True) -> str:
    """``SELECT <QUERY_COLUMNS> FROM mentions m JOIN places p JOIN articles a`` (append a WHERE).

    ``text_limits`` (column -> characters) reads at most one more character than the limit of
    those columns (``substr`` in SQL), so a caller that cuts them (the app) never loads a stored
    2 MB title once per mention: memory stays bounded whatever one record holds, and the extra
    character still tells the caller a value was cut."""
    limits = text_limits or {}
    exprs = _QUERY_EXPRS if corrections else (*_QUERY_EXPRS[:-1], "NULL")  # a read-only store before migration 006
    cols = [f"substr({e}, 1, {int(limits[c]) + 1})" if c in limits else e for c, e in zip(QUERY_COLUMNS, exprs)]
    return (
        "SELECT " + ", ".join(cols) + "\nFROM mentions m\nJOIN places p ON p.id = m.place_id\n"
        "JOIN articles a ON a.id = m.article_id\n"
    )


_QUERY_SELECT = query_select()
_NEWEST_FIRST = "ORDER BY m.event_date DESC, m.id DESC"  # SQLite sorts NULL (undated) last in DESC

_INT_COLS = ("mention_id", "start", "end", "n_mentions", "n_articles")
_FLOAT_COLS = ("lat", "lon", "score")


def typed_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Give the columns of ``QUERY_COLUMNS`` / ``PLACES_COLUMNS`` that ``df`` has the dtypes
    ``Store.query`` and ``Store.places`` return (in place; returns ``df``): counts and offsets
    int64, coordinates and scores float64, ``demonym`` bool; text stays object with None (never
    NaN). Values read back from elsewhere (a snapshot's rows) may be strings or missing: an
    integer column with a missing or non-numeric value becomes float64 with NaN, never an error."""
    import pandas as pd

    for c in _INT_COLS + _FLOAT_COLS:
        if c in df:
            dtype = "int64" if c in _INT_COLS else "float64"
            try:
                df[c] = df[c].astype(dtype)  # the fast path: every value is a number
            except (TypeError, ValueError):
                num = pd.to_numeric(df[c], errors="coerce")
                df[c] = num if dtype == "int64" and num.isna().any() else num.astype(dtype)
    if "demonym" in df:
        df["demonym"] = df["demonym"].astype(bool)  # None -> False
    return df


def rows_frame(rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows read from SQL as the typed frame every reader gets (``typed_frame``)."""
    import pandas as pd

    return typed_frame(pd.DataFrame(list(rows), columns=list(columns), dtype=object))


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


class ArticleRow(NamedTuple):
    """An ``articles`` row as ``article_rows`` makes it (the columns of its INSERT, in order)."""

    path: str
    title: str | None
    source: str | None
    url: str | None
    author: str | None
    published: str | None
    published_how: str | None
    text: str
    content_hash: str
    id: str


class ArticleRows(NamedTuple):
    """What storing one article writes (``Store.upsert_rows``): its row, its mention rows and the
    rows of the places they resolve to (plain tuples in the column order of their INSERTs)."""

    article: ArticleRow
    mentions: list[tuple]
    places: tuple[tuple, ...]


_json_list = json.JSONEncoder(ensure_ascii=False).encode


def article_rows(article: Article, mentions: Iterable[Mention]) -> ArticleRows:
    """What storing ``article`` writes, as tuples (named for the article, plain for its many
    mention and place rows). Ingest workers build these so the single writer process neither
    unpickles dataclasses nor formats rows: it only runs the statements."""
    aid = article.id
    art = ArticleRow(
        article.path,
        article.title,
        article.source,
        article.url,
        article.author,
        _iso(article.published),
        article.published_how,
        article.text,
        article_hash(article),
        aid,
    )
    rows = []
    places: dict[str, tuple] = {}  # by id, in order of first mention; the last mention's version wins
    for m in mentions:
        p = m.place
        if p is not None:
            places[p.id] = (
                p.id,
                p.name,
                p.country,
                float(p.lat),
                float(p.lon),
                p.kind,
                int(p.population or 0),
                p.admin1,
                p.source,
            )
        d = m.event_date
        rows.append(
            (
                aid,
                m.start,
                m.end,
                m.name,
                p.id if p is not None else None,
                float(m.score),
                int(bool(m.demonym)),
                m.sentence,
                m.sentence_start,
                d.isoformat() if d is not None else None,
                m.date_precision,
                _json_list(m.alternatives) if m.alternatives else "[]",
                m.reason or "",
            )
        )
    return ArticleRows(art, rows, tuple(places.values()))


class FileRecord(NamedTuple):
    """What the store knows of an ingested file (``Store.file_record``)."""

    size: int
    mtime_ns: int
    content_hash: str | None
    status: str


class ChunkRecord(NamedTuple):
    """A finished chunk of a big record file (``Store.file_chunks``)."""

    id: int
    n_records: int
    n_articles: int
    skipped: str  # its skipped-record lines, newline-separated
    stored: int  # its articles in the store now


class CachedAnswer(NamedTuple):
    """A geocode cache hit: the place as JSON, or None for a cached "not found"."""

    place_json: str | None


class SnapshotRecord(NamedTuple):
    """One row of ``snapshots`` (migration 003): a frozen view, without its mention rows."""

    id: str
    created_at: str
    title: str | None
    n_mentions: int
    n_places: int
    view_json: str


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    out = []
    for p in sorted(directory.glob("*.sql")):
        m = _MIGRATION_RE.match(p.name)
        if m:
            out.append(Migration(int(m.group(1)), p.stem, p))
    versions = [m.version for m in out]
    if len(versions) != len(set(versions)):
        raise RuntimeError(f"two migrations share a number in {directory}")
    return out


def _statements(sql: str) -> Iterator[str]:
    """Split a script into complete statements (``CREATE TRIGGER … END;`` stays whole)."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            stmt = buf.strip()
            buf = ""
            if stmt and not all(ln.strip().startswith("--") or not ln.strip() for ln in stmt.splitlines()):
                yield stmt
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buf.strip()[:80]!r}")


def _has_fts5(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp._fts5_probe")
        return True
    except sqlite3.OperationalError:
        return False


SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreUnusable(Exception):
    """A store that cannot be used as asked; ``str()`` is one line naming the store and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot use the store {path}: {reason}")
        self.path, self.reason = path, reason


def _connect_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``). A WAL store in a folder nobody may write cannot get
    its ``-shm`` file: then it is opened ``immutable`` (the folder cannot be written, so nobody
    is writing it either)."""
    uri = path.as_uri()
    kw: dict[str, Any] = {"uri": True, "timeout": timeout, "isolation_level": None, "check_same_thread": False}
    conn = sqlite3.connect(uri + "?mode=ro", **kw)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if not os.access(path.parent, os.W_OK) or _no_write_bits(path.parent):
            return sqlite3.connect(uri + "?immutable=1", **kw)
        raise


def _no_write_bits(path: str | Path) -> bool:
    """True when nobody is meant to write ``path`` (``chmod a-w``): respected even by root,
    for whom ``os.access`` always says yes."""
    try:
        return os.stat(path).st_mode & 0o222 == 0
    except OSError:
        return False


def known_schema() -> int:
    """The newest schema version this code knows (its last migration)."""
    return max((m.version for m in migrations()), default=0)


def open_store(path: str | os.PathLike[str], *, write: bool = False, create: bool = False) -> Store:
    """Open the store at ``path`` for a command or the app, or raise ``StoreUnusable`` with one
    clear reason: no store there, a directory, not an SQLite file (garbage, truncated), written by
    a newer mapapp (schema above ``known_schema()``), or read-only when ``write`` is asked.

    Without ``write``, a store whose file or folder cannot be written (``chmod a-w`` counts, even
    for root) is opened read-only, so ``serve``, ``export`` and ``snapshot`` work on it;
    with ``create`` a missing store is created (and migrated)."""
    p = os.path.abspath(os.path.expanduser(os.fspath(path)))
    folder = os.path.dirname(p)
    if os.path.isdir(p):
        raise StoreUnusable(p, "it is a directory, not an SQLite file")
    if not os.path.exists(p):
        if not create:
            raise StoreUnusable(p, "there is no store there (run mapapp ingest first)")
        if os.path.isdir(folder) and (not os.access(folder, os.W_OK) or _no_write_bits(folder)):
            raise StoreUnusable(p, f"the folder {folder} is read-only")
    else:
        if not os.path.isfile(p):
            raise StoreUnusable(p, "it is not a regular file")
        try:
            with open(p, "rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise StoreUnusable(p, f"it cannot be read ({exc.strerror or exc})") from None
        if head and head != SQLITE_MAGIC:
            raise StoreUnusable(p, "it is not an SQLite database (corrupt, or another kind of file)")
        if not head and not (write or create):
            raise StoreUnusable(p, "the file is empty (run mapapp ingest first)")
    readonly = os.path.exists(p) and (
        not os.access(p, os.W_OK) or not os.access(folder, os.W_OK) or _no_write_bits(p) or _no_write_bits(folder)
    )
    if readonly and write:
        raise StoreUnusable(p, "it is read-only (the file or its folder cannot be written)")
    store: Store | None = None
    try:
        if readonly:
            store = Store(p, readonly=True)
        else:
            probe = sqlite3.connect(p, timeout=30)  # the schema check before Store migrates anything
            try:
                newer = _newer_schema(probe)
            finally:
                probe.close()
            if newer:
                raise StoreUnusable(p, newer)
            store = Store(p)
        if readonly:
            newer = _newer_schema(store.conn)
            if newer:
                raise StoreUnusable(p, newer)
            if store.schema_version() == 0:
                raise StoreUnusable(p, "it holds no mapapp tables (run mapapp ingest first)")
        return store
    except StoreUnusable:
        if store is not None:
            store.conn.close()
        raise
    except sqlite3.DatabaseError as exc:
        if store is not None:
            store.conn.close()
        raise StoreUnusable(p, f"SQLite says: {exc} (corrupt, or not a mapapp store)") from None
    except OSError as exc:
        raise StoreUnusable(p, exc.strerror or str(exc)) from None


def _newer_schema(conn: sqlite3.Connection) -> str | None:
    """Why this code must not touch the store behind ``conn`` (a newer schema), or None."""
    try:
        row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    except sqlite3.OperationalError:  # no such table: a new or pre-migration store
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # garbage raises here
        return None
    have, know = int(row[0] or 0), known_schema()
    if have > know:
        return f"it was written by a newer mapapp (schema version {have}; this one knows up to {know}): upgrade mapapp"
    return None


def _on_disk(path: str) -> bool:
    """Whether a stored file path (:func:`models.printable` form) names something on disk."""
    from mapapp.models import real_path

    return os.path.lexists(path) or os.path.lexists(real_path(path))


class Store:
    """One SQLite file. Safe to share between threads (one connection behind a lock); open one
    ``Store`` per process. ``Store(":memory:")`` works for experiments."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, readonly: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not readonly:
            Path(self.path).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        if readonly:
            conn = _connect_readonly(Path(self.path).expanduser().resolve(), timeout)
        else:
            conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self.conn = conn
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
            if self.deferred_indexes():
                with self.bulk_lock(wait=False) as free:
                    if free:  # the bulk ingest that dropped them is gone (killed): rebuild now
                        self.restore_indexes()
        self.has_corrections = bool(  # issue 14 (migration 006); False only in an old read-only store
            conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='corrections'").fetchone()
        )
        self.has_fts = bool(
            conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='articles_fts'").fetchone()
        )
        self._known_places: dict[str, tuple] = {}

    # --- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            try:
                if not self.conn.in_transaction:
                    self.conn.execute("PRAGMA analysis_limit = 1000")  # bounded cost on big stores
                    self.conn.execute("PRAGMA optimize")  # keeps the planner's statistics fresh
            except sqlite3.Error:
                pass
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on error); nests as a no-op."""
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                # the place rows written in it are gone: a retry must write them again (it
                # failed with "FOREIGN KEY constraint failed" after a full disk)
                self._known_places.clear()
                if self.conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] | dict = ()) -> list[tuple]:
        """Run one parameterised statement and return its rows (for tests, benchmarks and
        pragmas; the app's own reads and writes are the methods below)."""
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    # --- migrations -----------------------------------------------------------------------
    def schema_version(self) -> int:
        with self._lock:
            try:
                row = self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
            except sqlite3.OperationalError:
                return 0
        return int(row[0] or 0)

    def applied_migrations(self) -> list[tuple[int, str, str, str]]:
        with self._lock:
            return self.conn.execute(
                "SELECT version, name, applied_at, note FROM schema_migrations ORDER BY version"
            ).fetchall()

    def migrate(self) -> list[int]:
        """Apply the pending migrations in order; returns the versions applied now."""
        wanted = migrations()
        with self._lock:
            conn = self.conn
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at TEXT NOT NULL, note TEXT)"
            )
            done = {v for (v,) in conn.execute("SELECT version FROM schema_migrations")}
            if all(m.version in done for m in wanted):
                return []  # the common case takes no write lock: readers never wait here
            applied = []
            fts5 = _has_fts5(conn)
            with self.transaction():
                done = {v for (v,) in conn.execute("SELECT version FROM schema_migrations")}
                for m in wanted:
                    if m.version in done:
                        continue
                    sql = m.path.read_text(encoding="utf-8")
                    note = None
                    if "fts5" in sql.lower() and not fts5:
                        note = "skipped: this SQLite has no FTS5 (text search scans instead)"
                    else:
                        for stmt in _statements(sql):
                            conn.execute(stmt)
                    conn.execute(
                        "INSERT INTO schema_migrations(version, name, applied_at, note) VALUES (?,?,?,?)",
                        (m.version, m.name, _now(), note),
                    )
                    applied.append(m.version)
            return applied

    # --- writing --------------------------------------------------------------------------
    def upsert_article(self, article: Article, mentions: Iterable[Mention]) -> str:
        """Store an article and its mentions in one transaction.

        Returns ``'new'``, ``'updated'`` (content hash changed: mentions replaced) or
        ``'unchanged'`` (same content hash: nothing is written at all).
        """
        with self.transaction():
            return self._upsert(article, mentions)

    def upsert_many(self, items: Iterable[tuple[Article, Iterable[Mention]]]) -> list[str]:
        """Several ``upsert_article`` calls in one transaction (what ingest batches)."""
        with self.transaction():
            return [self._upsert(a, ms) for a, ms in items]

    def upsert_rows(self, rows: ArticleRows, chunk: int | None = None) -> str:
        """``upsert_article`` of rows made by ``article_rows`` (ingest workers make them), in the
        caller's transaction when there is one (ingest batches many). ``chunk``: the
        ``file_chunks`` id of the record's chunk (set even when the article is unchanged)."""
        with self.transaction():
            status = self._upsert_rows(rows)
            if chunk is not None:
                self.conn.execute("UPDATE articles SET chunk = ? WHERE id = ?", (chunk, rows.article.id))
            return status

    def _upsert(self, article: Article, mentions: Iterable[Mention]) -> str:
        return self._upsert_rows(article_rows(article, mentions))

    def _upsert_rows(self, rows: ArticleRows) -> str:
        art, mention_rows, place_rows = rows
        conn = self.conn
        row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (art.id,)).fetchone()
        if row is not None and row[0] == art.content_hash:
            return "unchanged"
        if row is None:
            conn.execute(
                "INSERT INTO articles(path, title, source, url, author, published, published_how, "
                "text, content_hash, id, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                art + (_now(),),
            )
            status = "new"
        else:
            conn.execute(
                "UPDATE articles SET path=?, title=?, source=?, url=?, author=?, published=?, "
                "published_how=?, text=?, content_hash=?, ingested_at=? WHERE id=?",
                art[:9] + (_now(), art.id),
            )
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (art.id,))
            status = "updated"
        for p in place_rows:
            self._put_place(p)
        conn.executemany(
            'INSERT INTO mentions(article_id, start, "end", name, place_id, score, demonym, sentence, '
            "sentence_start, event_date, date_precision, alternatives, reason) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            mention_rows,
        )
        from mapapp.store import corrections  # issue 14: corrections in force survive a re-ingest

        corrections.apply(self, art.id, fresh=True)
        conn.execute("INSERT OR IGNORE INTO events_dirty(article_id) VALUES (?)", (art.id,))  # issue 14
        return status

    def _put_place(self, row: tuple) -> None:
        """Insert or refresh a place row (``article_rows``), skipping the ones written as is."""
        if self._known_places.get(row[0]) == row:
            return
        self.conn.execute(
            "INSERT INTO places(id, name, country, lat, lon, kind, population, admin1, source) "
            "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name, "
            "country=excluded.country, lat=excluded.lat, lon=excluded.lon, kind=excluded.kind, "
            "population=excluded.population, admin1=excluded.admin1, source=excluded.source",
            row,
        )
        if len(self._known_places) > 200_000:
            self._known_places.clear()
        self._known_places[row[0]] = row

    # --- bulk loading -----------------------------------------------------------------------
    # The two wide covering indexes on mentions make the slider fast but cost most of a write
    # (five times the rest at a few million mentions): a big ingest drops them and builds them
    # once at its end, from a sort, which is far cheaper than millions of random inserts.
    BULK_INDEXES = ("mentions_date", "mentions_place")

    def deferred_indexes(self) -> list[str]:
        """Indexes a bulk ingest dropped and that are not rebuilt yet."""
        with self._lock:
            try:
                return [n for (n,) in self.conn.execute("SELECT name FROM deferred_indexes ORDER BY name")]
            except sqlite3.OperationalError:  # a read-only store from before migration 004
                return []

    def defer_indexes(self, names: Sequence[str] = BULK_INDEXES) -> list[str]:
        """Drop ``names``, remembering how to recreate them (one transaction: a kill at any point
        leaves either the index or its recipe)."""
        done = []
        with self.transaction() as conn:
            for name in names:
                row = conn.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
                ).fetchone()
                if row is None or not row[0]:
                    continue
                conn.execute("INSERT OR REPLACE INTO deferred_indexes(name, sql) VALUES (?, ?)", (name, row[0]))
                conn.execute(f'DROP INDEX "{name}"')
                done.append(name)
        return done

    def restore_indexes(self) -> list[str]:
        """Recreate every deferred index (each with its recipe's removal, in one transaction)."""
        done = []
        with self._lock:
            rows = self.conn.execute("SELECT name, sql FROM deferred_indexes ORDER BY name").fetchall()
        for name, sql in rows:
            with self.transaction() as conn:
                if (
                    conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()
                    is None
                ):
                    conn.execute(sql)
                conn.execute("DELETE FROM deferred_indexes WHERE name = ?", (name,))
            done.append(name)
        return done

    @contextlib.contextmanager
    def bulk_lock(self, wait: bool = True) -> Iterator[bool]:
        """An advisory lock on ``<store>-bulk.lock`` held by a bulk ingest while its indexes are
        dropped; yields whether it was acquired (without ``wait``, False when someone holds it).
        Where ``fcntl`` is missing (Windows), yields False: no bulk mode there."""
        try:
            import fcntl
        except ImportError:
            yield False
            return
        if self.path == ":memory:":
            yield False
            return
        with open(str(Path(self.path).expanduser().resolve()) + "-bulk.lock", "a+b") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def remove_stale_articles(self, path: str, keep: set[str]) -> int:
        """Delete the articles of file ``path`` whose ids are not in ``keep`` (records that
        disappeared from a re-ingested file), with their mentions; returns how many."""
        with self.transaction() as conn:
            stale = [i for (i,) in conn.execute("SELECT id FROM articles WHERE path = ?", (path,)) if i not in keep]
            for i in stale:
                conn.execute("DELETE FROM articles WHERE id = ?", (i,))
            conn.executemany("INSERT OR IGNORE INTO events_dirty(article_id) VALUES (?)", [(i,) for i in stale])
        return len(stale)

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash stored for an article, or None when it is not stored."""
        with self._lock:
            row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def article_count(self) -> int:
        """How many articles are stored."""
        with self._lock:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def sample_texts(self, limit: int = 50, chars: int = 5000) -> list[str]:
        """The first ``chars`` characters of at most ``limit`` stored articles, the first stored:
        enough to tell why a store holds articles and no place (a corpus in another language)."""
        with self._lock:
            return [
                r[0]
                for r in self.conn.execute("SELECT substr(text, 1, ?) FROM articles ORDER BY n LIMIT ?", (chars, limit))
            ]

    def delete_articles(self, ids: Iterable[str]) -> int:
        """Delete articles (their mentions go with them)."""
        n = 0
        with self.transaction():
            for i in ids:
                n += self.conn.execute("DELETE FROM articles WHERE id = ?", (i,)).rowcount
                self.conn.execute("INSERT OR IGNORE INTO events_dirty(article_id) VALUES (?)", (i,))  # issue 14
        return n

    # --- chunks of big record files (migration 005) ----------------------------------------
    def file_chunks(self, path: str) -> dict[tuple[int, str], ChunkRecord]:
        """The finished chunks of ``path`` by ``(first, sha)``, each with the number of its
        articles still stored (a chunk whose articles are not all there is not finished)."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT c.id, c.first, c.sha, c.n_records, c.n_articles, c.skipped, "
                "(SELECT count(*) FROM articles a WHERE a.chunk = c.id) "
                "FROM file_chunks c WHERE c.path = ?",
                (path,),
            ).fetchall()
        return {(r[1], r[2]): ChunkRecord(r[0], r[3], r[4], r[5], r[6]) for r in rows}

    def add_file_chunk(self, path: str, first: int, sha: str, n_records: int, n_articles: int, skipped: str) -> int:
        """Record a finished chunk (in the caller's transaction, with its articles); its id."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO file_chunks(path, first, sha, n_records, n_articles, skipped) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(path, first, sha) DO UPDATE SET n_records=excluded.n_records, "
                "n_articles=excluded.n_articles, skipped=excluded.skipped",
                (path, first, sha, n_records, n_articles, skipped),
            )
            return int(
                conn.execute(
                    "SELECT id FROM file_chunks WHERE path = ? AND first = ? AND sha = ?", (path, first, sha)
                ).fetchone()[0]
            )

    def article_chunk(self, article_id: str) -> int | None:
        """The chunk a stored article came from (None: not stored, or read whole)."""
        with self._lock:
            row = self.conn.execute("SELECT chunk FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def mention_count(self, article_id: str) -> int:
        """How many mentions an article has stored (0: none, or no such article)."""
        with self._lock:
            return int(
                self.conn.execute("SELECT count(*) FROM mentions WHERE article_id = ?", (article_id,)).fetchone()[0]
            )

    def chunk_lost_article(self, chunk: int) -> None:
        """An article of ``chunk`` went to another chunk (a duplicate id kept there)."""
        with self.transaction() as conn:
            conn.execute("UPDATE file_chunks SET n_articles = max(0, n_articles - 1) WHERE id = ?", (chunk,))

    def keep_file_chunks(self, path: str, live: Iterable[int]) -> int:
        """A chunked file is finished: its chunks other than ``live`` are forgotten and its
        articles from no live chunk (records edited away or removed) are deleted; how many."""
        with self.transaction() as conn:
            conn.execute(
                "DELETE FROM file_chunks WHERE path = ? AND id NOT IN (SELECT value FROM json_each(?))",
                (path, json.dumps(sorted(live))),
            )
            gone = "WHERE path = ? AND (chunk IS NULL OR chunk NOT IN (SELECT id FROM file_chunks WHERE path = ?))"
            conn.execute(  # issue 14: their events are updated next
                f"INSERT OR IGNORE INTO events_dirty(article_id) SELECT id FROM articles {gone}", (path, path)
            )
            return conn.execute(f"DELETE FROM articles {gone}", (path, path)).rowcount

    def drop_file_chunks(self, path: str) -> None:
        """``path`` was read whole this time: its chunk records no longer describe it."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM file_chunks WHERE path = ?", (path,))
            conn.execute("UPDATE articles SET chunk = NULL WHERE path = ? AND chunk IS NOT NULL", (path,))

    # --- files (resumable ingest) ---------------------------------------------------------
    def file_record(self, path: str) -> FileRecord | None:
        """``(size, mtime_ns, content_hash, status)`` of an ingested file, or None."""
        with self._lock:
            row = self.conn.execute(
                "SELECT size, mtime_ns, content_hash, status FROM files WHERE path = ?", (path,)
            ).fetchone()
        return FileRecord(*row) if row else None

    def record_file(
        self,
        path: str,
        size: int,
        mtime_ns: int,
        content_hash: str | None,
        status: str,
        error: str | None = None,
        n_articles: int = 0,
    ) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO files(path, size, mtime_ns, content_hash, status, error, n_articles, ingested_at) "
                "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET size=excluded.size, "
                "mtime_ns=excluded.mtime_ns, content_hash=excluded.content_hash, status=excluded.status, "
                "error=excluded.error, n_articles=excluded.n_articles, ingested_at=excluded.ingested_at",
                (path, size, mtime_ns, content_hash, status, error, n_articles, _now()),
            )

    def record_ingested_file(
        self,
        path: str,
        size: int,
        mtime_ns: int,
        content_hash: str | None,
        errors: Sequence[str],
        n_articles: int | None,
    ) -> None:
        """What ingest writes once a file is done: status ``error`` (the first 2000 characters of
        the ``errors`` lines) or ``done``; ``n_articles`` None keeps the count already stored."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO files(path, size, mtime_ns, content_hash, status, error, n_articles, ingested_at) "
                "VALUES (?,?,?,?,?,?,?,datetime('now')) ON CONFLICT(path) DO UPDATE SET size=excluded.size, "
                "mtime_ns=excluded.mtime_ns, content_hash=excluded.content_hash, status=excluded.status, "
                "error=excluded.error, n_articles=coalesce(?, files.n_articles), ingested_at=excluded.ingested_at",
                (
                    path,
                    size,
                    mtime_ns,
                    content_hash,
                    "error" if errors else "done",
                    "\n".join(errors)[:2000] or None,
                    n_articles or 0,
                    n_articles,
                ),
            )

    def gone_files(self) -> dict[str, str]:
        """``{sha256 of the bytes: path}`` of the ingested files no longer on disk (moved or
        deleted): what ingest recognises moved files by."""
        with self._lock:
            rows = self.conn.execute("SELECT path, content_hash FROM files").fetchall()
        return {(h or "").partition("|")[0] or p: p for p, h in rows if not _on_disk(p)}

    def move_file(self, old: str, new: str) -> int:
        """The articles of file ``old`` now come from ``new`` (the same bytes, moved): their ids
        and paths are rewritten in place, so nothing is parsed again or stored twice and mention
        ids (and so frozen snapshots and links) stay. Returns the number of articles moved."""
        with self.transaction() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")  # mentions follow in the same transaction
            ids = [i for (i,) in conn.execute("SELECT id FROM articles WHERE path = ?", (old,))]
            for i in ids:
                nid = new + i[len(old) :] if i.startswith(old) else i
                if nid != i and conn.execute("SELECT 1 FROM articles WHERE id = ?", (nid,)).fetchone():
                    conn.execute("DELETE FROM articles WHERE id = ?", (nid,))  # a stale copy at the new place
                conn.execute("UPDATE articles SET id = ?, path = ? WHERE id = ?", (nid, new, i))
                conn.execute("UPDATE mentions SET article_id = ? WHERE article_id = ?", (nid, i))
                conn.execute("UPDATE event_mentions SET article_id = ? WHERE article_id = ?", (nid, i))  # issue 14
            conn.execute("DELETE FROM files WHERE path = ?", (new,))
            conn.execute("UPDATE files SET path = ? WHERE path = ?", (new, old))
            conn.execute("DELETE FROM file_chunks WHERE path = ?", (new,))
            conn.execute("UPDATE file_chunks SET path = ? WHERE path = ?", (new, old))
        return len(ids)

    def prune(self) -> tuple[int, int]:
        """Forget the files that are gone from disk and their articles (with their mentions).
        Returns ``(files, articles)`` removed."""
        with self._lock:
            gone = [p for (p,) in self.conn.execute("SELECT path FROM files").fetchall() if not _on_disk(p)]
        n_articles = 0
        with self.transaction() as conn:
            for p in gone:
                conn.execute(  # issue 14: their events are updated next
                    "INSERT OR IGNORE INTO events_dirty(article_id) SELECT id FROM articles WHERE path = ?", (p,)
                )
                n_articles += conn.execute("DELETE FROM articles WHERE path = ?", (p,)).rowcount
                conn.execute("DELETE FROM files WHERE path = ?", (p,))
                conn.execute("DELETE FROM file_chunks WHERE path = ?", (p,))
        return len(gone), n_articles

    # --- geocode cache --------------------------------------------------------------------
    def geocode_cache_get(self, query: str) -> CachedAnswer | None:
        """``(place_json,)`` when ``query`` was asked before (``(None,)``: not found), else None."""
        with self._lock:
            row = self.conn.execute("SELECT place_json FROM geocode_cache WHERE query = ?", (query,)).fetchone()
        return CachedAnswer(row[0]) if row else None

    def geocode_cache_put(self, query: str, place_json: str | None) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO geocode_cache(query, place_json, fetched_at) VALUES (?,?,?)",
                (query, place_json, _now()),
            )

    # --- frozen snapshots (migration 003) ---------------------------------------------------
    def insert_snapshot(self, record: SnapshotRecord, rows: Sequence[Sequence[Any]]) -> bool:
        """Store a snapshot and its frozen rows (each one value per ``QUERY_COLUMNS`` entry, in
        order; kept in this order) in one transaction. False, with nothing written, when the id
        is taken."""
        cols = ", ".join(f'"{c}"' for c in QUERY_COLUMNS)
        marks = ",".join("?" * (len(QUERY_COLUMNS) + 2))
        try:
            with self.transaction() as conn:
                conn.execute(
                    "INSERT INTO snapshots(id, created_at, title, view_json, n_mentions, n_places) "
                    "VALUES (?,?,?,?,?,?)",
                    (record.id, record.created_at, record.title, record.view_json, record.n_mentions, record.n_places),
                )
                conn.executemany(
                    f"INSERT INTO snapshot_mentions(snapshot_id, seq, {cols}) VALUES ({marks})",
                    [(record.id, i, *r) for i, r in enumerate(rows)],
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def snapshot(self, snapshot_id: str) -> SnapshotRecord | None:
        """One snapshot's record, or None."""
        with self._lock:
            row = self.conn.execute(
                "SELECT id, created_at, title, n_mentions, n_places, view_json FROM snapshots WHERE id = ?",
                (snapshot_id,),
            ).fetchone()
        return SnapshotRecord(*row) if row else None

    def snapshot_rows(self, snapshot_id: str) -> pd.DataFrame:
        """A snapshot's frozen mention rows in their saved order, as ``query`` returns them
        (``QUERY_COLUMNS`` and their dtypes); empty for an unknown id."""
        cols = ", ".join(f'"{c}"' if c != "corrected" or self.has_corrections else "NULL" for c in QUERY_COLUMNS)
        return self._frame(
            f"SELECT {cols} FROM snapshot_mentions WHERE snapshot_id = ? ORDER BY seq", (snapshot_id,), QUERY_COLUMNS
        )

    def snapshots(self) -> list[SnapshotRecord]:
        """Every snapshot's record, newest first."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT id, created_at, title, n_mentions, n_places, view_json FROM snapshots "
                "ORDER BY created_at DESC, rowid DESC"
            ).fetchall()
        return [SnapshotRecord(*r) for r in rows]

    def delete_snapshot(self, snapshot_id: str) -> bool:
        """Delete a snapshot and its rows; False when there was none with that id."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM snapshot_mentions WHERE snapshot_id = ?", (snapshot_id,))
            return conn.execute("DELETE FROM snapshots WHERE id = ?", (snapshot_id,)).rowcount > 0

    # --- reading --------------------------------------------------------------------------
    def _filter_sql(
        self, f: Filters | None, *, undated_ok: bool = True, part: Literal["dated", "undated"] | None = None
    ) -> SqlWhere:
        """``Filters.to_sql`` for this store (default ``Filters()``; FTS when it has the index)."""
        return (f if f is not None else Filters()).to_sql(fts=self.has_fts, undated_ok=undated_ok, part=part)

    def _frame(self, sql: str, params: Sequence[Any], columns: list[str]) -> pd.DataFrame:
        """The rows of ``sql`` as a typed frame (``typed_frame``)."""
        with self._lock:
            rows = self.conn.execute(sql, params).fetchall()
        return rows_frame(rows, columns)

    def _page(
        self,
        filters: Filters | None,
        limit: int | None,
        offset: int,
        extra: str = "",
        extra_params: Sequence[Any] = (),
        text_limits: dict[str, int] | None = None,
    ) -> pd.DataFrame:
        """Rows newest first. The page's mention ids are chosen on the covering date index
        first (dated and undated sides as two ordered scans), then only those rows are read."""
        f = filters if filters is not None else Filters()
        limit_, offset_ = _limit(limit), max(0, int(offset))
        if f.include_undated:
            k = -1 if limit_ < 0 else limit_ + offset_
            w1, p1 = self._filter_sql(f, part="dated")
            w2, p2 = self._filter_sql(f, part="undated")
            ids = (
                f"SELECT id FROM (SELECT id, d FROM (SELECT m.id AS id, m.event_date AS d FROM mentions m "
                f"WHERE {extra}{w1} ORDER BY m.event_date DESC, m.id DESC LIMIT {k}) "
                f"UNION ALL SELECT id, d FROM (SELECT m.id AS id, NULL AS d FROM mentions m "
                f"WHERE {extra}{w2} ORDER BY m.id DESC LIMIT {k})) "
                f"ORDER BY d DESC, id DESC LIMIT ? OFFSET ?"
            )
            params = list(extra_params) + p1 + list(extra_params) + p2 + [limit_, offset_]
        else:
            w, p = self._filter_sql(f)
            ids = f"SELECT m.id FROM mentions m WHERE {extra}{w} {_NEWEST_FIRST} LIMIT ? OFFSET ?"
            params = list(extra_params) + p + [limit_, offset_]
        sql = f"{query_select(text_limits, corrections=self.has_corrections)} WHERE m.id IN ({ids}) {_NEWEST_FIRST}"
        return self._frame(sql, params, QUERY_COLUMNS)

    def query(
        self,
        filters: Filters | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        text_limits: dict[str, int] | None = None,
    ) -> pd.DataFrame:
        """One row per mapped mention passing ``filters``, newest event first, undated last
        (``QUERY_COLUMNS``); ``limit``/``offset`` page through them; ``text_limits`` see
        ``query_select``."""
        return self._page(filters, limit, offset, text_limits=text_limits)

    def excerpts(
        self,
        place_id: str,
        filters: Filters | None = None,
        limit: int | None = 5,
        offset: int = 0,
        *,
        text_limits: dict[str, int] | None = None,
    ) -> pd.DataFrame:
        """The mentions of one place passing ``filters`` (same columns as ``query``), newest first."""
        return self._page(filters, limit, offset, "m.place_id = ? AND ", [place_id], text_limits=text_limits)

    def excerpts_many(
        self,
        place_ids: Sequence[str],
        filters: Filters | None = None,
        limit: int = 5,
        *,
        text_limits: dict[str, int] | None = None,
    ) -> pd.DataFrame:
        """The ``limit`` newest mentions of each of ``place_ids`` passing ``filters`` (columns of
        ``query``), ordered by place then newest first, in a few statements (one indexed
        ``LIMIT`` subquery per place) instead of one ``excerpts`` call each: the popups of the
        most mentioned places cost tens of milliseconds, not a second."""
        if not place_ids or limit <= 0:
            return rows_frame([], QUERY_COLUMNS)
        where, params = self._filter_sql(filters)
        per = max(1, min(100, 900 // (1 + len(params))))  # under SQLite's variable and compound limits
        select = query_select(text_limits, corrections=self.has_corrections)
        rows: list[tuple] = []
        for lo in range(0, len(place_ids), per):
            chunk = place_ids[lo : lo + per]
            subs, args = [], []
            for pid in chunk:
                subs.append(
                    f"SELECT id FROM (SELECT m.id AS id FROM mentions m WHERE m.place_id = ? AND {where} "
                    f"{_NEWEST_FIRST} LIMIT {int(limit)})"
                )
                args += [pid, *params]
            with self._lock:
                rows += self.conn.execute(
                    f"{select} WHERE m.id IN ({' UNION ALL '.join(subs)}) "
                    "ORDER BY m.place_id, m.event_date IS NULL, m.event_date DESC, m.id DESC",
                    args,
                ).fetchall()
        return rows_frame(rows, QUERY_COLUMNS)

    def timeline(self, filters: Filters | None = None) -> pd.DataFrame:
        """Mapped mentions per month (``TIMELINE_COLUMNS``: ``month`` as ``YYYY-MM``, ``mentions``),
        oldest first, passing ``filters`` minus its dates and undated mentions (so a chart shows
        the slider's whole range)."""
        import pandas as pd

        f = (filters if filters is not None else Filters()).replace(date_from=None, date_to=None, include_undated=False)
        where, params = self._filter_sql(f)
        with self._lock:
            rows = self.conn.execute(
                f"SELECT substr(m.event_date, 1, 7) AS month, count(*) FROM mentions m WHERE {where} "
                "GROUP BY month ORDER BY month",
                params,
            ).fetchall()
        return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)

    def resolution(self, place_id: str, filters: Filters | None = None, limit: int = 5) -> pd.DataFrame:
        """Why a place's marker is where it is: for each spelling that resolved to it, the
        resolver's reason, its mean confidence and the alternatives it beat (most frequent first)."""
        import pandas as pd

        where, params = self._filter_sql(filters)
        sql = f"""
        SELECT m.name, m.reason, m.alternatives, avg(m.score) AS score, count(*) AS n
        FROM mentions m WHERE m.place_id = ? AND {where}
        GROUP BY m.name, m.reason, m.alternatives ORDER BY n DESC, m.name LIMIT ?
        """
        with self._lock:
            rows = self.conn.execute(sql, [place_id, *params, int(limit)]).fetchall()
        out = []
        for name, reason, alts, score, n in rows:
            try:
                beaten = [(str(a[1]), float(a[2])) for a in json.loads(alts or "[]") if len(a) >= 3]
            except (ValueError, TypeError, IndexError):
                beaten = []
            out.append(
                {"name": name, "reason": reason or "", "score": float(score or 0), "n": int(n), "alternatives": beaten}
            )
        return pd.DataFrame(out, columns=["name", "reason", "score", "n", "alternatives"])

    def places(self, filters: Filters | None = None) -> pd.DataFrame:
        """One row per place with at least one mention passing ``filters`` (``PLACES_COLUMNS``),
        most mentioned first; counted in SQL."""
        where, params = self._filter_sql(filters)
        sql = f"""
        SELECT p.id, p.name, p.country, p.lat, p.lon, p.kind,
               g.n_mentions, g.n_articles, g.first_date, g.last_date
        FROM (SELECT m.place_id AS place_id, count(*) AS n_mentions,
                     count(DISTINCT m.article_id) AS n_articles,
                     min(m.event_date) AS first_date, max(m.event_date) AS last_date
              FROM mentions m WHERE {where} GROUP BY m.place_id) g
        JOIN places p ON p.id = g.place_id
        ORDER BY g.n_mentions DESC, p.name, p.id
        """
        return self._frame(sql, params, PLACES_COLUMNS)

    def best_scores(self) -> dict[str, float]:
        """Each mapped place's best resolution confidence over all its mentions: the map draws a
        place whose best is low as uncertain (one scan; callers cache it per store version)."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT place_id, max(score) FROM mentions WHERE place_id IS NOT NULL GROUP BY place_id"
            ).fetchall()
        return {str(pid): float(best) for pid, best in rows if best is not None}

    def count(self, filters: Filters | None = None) -> int:
        """How many mapped mentions pass ``filters``."""
        where, params = self._filter_sql(filters)
        with self._lock:
            return int(self.conn.execute(f"SELECT count(*) FROM mentions m WHERE {where}", params).fetchone()[0])

    def date_span(self, filters: Filters | None = None) -> tuple[date | None, date | None]:
        """First and last event date of the mapped mentions (passing ``filters`` minus its
        dates when given); ``(None, None)`` for an empty store."""
        f = filters.replace(date_from=None, date_to=None) if filters is not None else Filters(include_demonyms=True)
        where, params = self._filter_sql(f, undated_ok=False)
        with self._lock:
            lo, hi = self.conn.execute(
                f"SELECT min(m.event_date), max(m.event_date) FROM mentions m WHERE {where}", params
            ).fetchone()
        return (date.fromisoformat(lo) if lo else None, date.fromisoformat(hi) if hi else None)

    def facets(self, filters: Filters | None = None) -> dict[str, pd.DataFrame]:
        """Choices for the sidebar, with mention counts, most frequent first:
        ``{'sources': [source, n_mentions], 'countries': [country, n_mentions],
        'places': [place_id, place, country, n_mentions]}``. Counted over the mapped mentions
        passing ``filters`` (default: all of them, demonyms included, dated or not)."""
        import pandas as pd

        f = filters if filters is not None else Filters(include_undated=True, include_demonyms=True)
        where, params = self._filter_sql(f)
        out = {}
        with self._lock:
            out["sources"] = pd.DataFrame(
                self.conn.execute(
                    f"SELECT a.source, sum(g.n) AS n FROM (SELECT m.article_id, count(*) AS n FROM mentions m "
                    f"WHERE {where} GROUP BY m.article_id) g JOIN articles a ON a.id = g.article_id "
                    f"WHERE a.source IS NOT NULL GROUP BY a.source ORDER BY n DESC, a.source",
                    params,
                ).fetchall(),
                columns=["source", "n_mentions"],
                dtype=object,
            )
            places = pd.DataFrame(
                self.conn.execute(
                    f"SELECT p.id, p.name, p.country, g.n FROM (SELECT m.place_id, count(*) AS n "
                    f"FROM mentions m WHERE {where} GROUP BY m.place_id) g JOIN places p ON p.id = g.place_id "
                    f"ORDER BY g.n DESC, p.name",
                    params,
                ).fetchall(),
                columns=["place_id", "place", "country", "n_mentions"],
                dtype=object,
            )
        countries = (
            places.dropna(subset=["country"])
            .groupby("country", as_index=False)["n_mentions"]
            .sum()
            .sort_values(["n_mentions", "country"], ascending=[False, True], ignore_index=True)
        )  # places is one row per place: small, this is not per-mention work
        out["countries"] = countries[["country", "n_mentions"]]
        out["places"] = places
        for k in out:
            out[k]["n_mentions"] = out[k]["n_mentions"].astype("int64")
        return out

    def stats(self) -> dict[str, int]:
        """Row counts (articles, mentions, mapped mentions, places, files)."""
        with self._lock:
            c = self.conn
            return {
                "articles": c.execute("SELECT count(*) FROM articles").fetchone()[0],
                "mentions": c.execute("SELECT count(*) FROM mentions").fetchone()[0],
                "mapped": c.execute("SELECT count(*) FROM mentions WHERE place_id IS NOT NULL").fetchone()[0],
                "places": c.execute("SELECT count(*) FROM places").fetchone()[0],
                "files": c.execute("SELECT count(*) FROM files").fetchone()[0],
            }

    def version(self) -> tuple:
        """Changes whenever the stored data does (a cheap cache key for the app)."""
        with self._lock:
            return tuple(
                self.conn.execute(
                    "SELECT (SELECT count(*) FROM articles), (SELECT max(ingested_at) FROM articles), "
                    "(SELECT max(id) FROM mentions), (SELECT count(*) FROM mentions)"
                ).fetchone()
            )

    def article(self, article_id: str, text_limit: int | None = None) -> dict[str, Any] | None:
        """One stored article as a dict (the text included, and its length ``text_length``), or
        None. ``text_limit`` reads at most that many characters of the text and of the other
        text fields (the app shows a part, whatever size was stored)."""
        cols = (
            "id",
            "path",
            "title",
            "source",
            "url",
            "author",
            "published",
            "published_how",
            "text",
            "content_hash",
            "ingested_at",
        )
        n = int(text_limit) if text_limit is not None else None
        sel = ", ".join(
            f"substr({c}, 1, {n}) AS {c}" if n is not None and c not in ("id", "published") else c for c in cols
        )
        with self._lock:
            cur = self.conn.execute(
                f"SELECT {sel}, length(text) AS text_length FROM articles WHERE id = ?", (article_id,)
            )
            row = cur.fetchone()
            return dict(zip([d[0] for d in cur.description], row)) if row else None


def _limit(limit: int | None) -> int:
    return -1 if limit is None else max(0, int(limit))


__all__ = [
    "Store",
    "StoreUnusable",
    "query_select",
    "open_store",
    "known_schema",
    "QUERY_COLUMNS",
    "PLACES_COLUMNS",
    "TIMELINE_COLUMNS",
    "SNAPSHOT_COLUMNS",
    "ArticleRow",
    "ArticleRows",
    "article_rows",
    "FileRecord",
    "CachedAnswer",
    "SnapshotRecord",
    "typed_frame",
    "rows_frame",
    "migrations",
    "article_hash",
    "fts_phrase",
]
