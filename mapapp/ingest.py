"""Streaming, parallel, resumable ingest: files -> Articles -> Mentions -> the store.

* **Streaming.** Files are listed lazily and handed out in small groups; at most a few tasks per
  worker are in flight and results are written in batches, so memory stays flat however large
  the corpus. A big record file (JSON lines, CSV/TSV, a JSON array) is scanned here once
  (:mod:`mapapp.reading.chunks`: record boundaries and hashes, in blocks) and handed out as
  byte-range chunks of whole records that workers read and geoparse themselves, so one huge
  file uses every core and is never held whole, by any process.
* **Every core.** A process pool (or a dask.distributed cluster with ``scheduler=``) reads and
  geoparses; each worker builds its ``Geoparser`` once. Only this (parent) process writes to the
  store, in batched transactions.
* **Resumable.** A file is recorded in ``files`` (size, mtime, content hash) in the same
  transaction as its articles; a chunk of a big file in ``file_chunks`` with its articles.
  Killed at any moment, a re-run skips what was committed (finished files, finished chunks),
  redoes the rest, and since upserts are keyed by article id and content hash, nothing is lost
  or duplicated. An edited big file re-reads only the chunks whose bytes (or first line) changed.
* **Bulk.** An ingest of at least ``bulk_min_articles`` articles (and at least the store's size)
  drops the two wide mention indexes under ``Store.bulk_lock`` and builds them once at its end:
  at a few million mentions, inserting into them row by row cost five times the rest of a write.
* **Reporting in records.** A record left out for a stated reason (no text, a duplicate id, a
  malformed line) is *skipped*: counted, the first :data:`SKIPS_SHOWN` named with their line
  numbers, and the run still succeeds (``--strict`` says otherwise). A file that cannot be read
  (or only in part) *fails*: one line on stderr (``path: reason``), recorded as an error
  (retried and reported again next time), nothing already stored changed; the rest goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import re
import signal
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from mapapp import limits, settings
from mapapp.models import ReadError, plural, printable
from mapapp.reading import folder_scan, iter_files, metadata_fingerprint, open_regular, read_file
from mapapp.reading.chunks import SPLIT_SUFFIXES, Chunk, ChunkChanged, read_chunk, scan
from mapapp.reading.chunks import where as _where
from mapapp.reading.files import BadFile, max_file_bytes
from mapapp.reading.metadata import user_metadata
from mapapp.store import ArticleRows, Store, article_rows, corrections, events

if TYPE_CHECKING:  # for annotations only: importing these here would load them in every process
    from multiprocessing.context import BaseContext
    from types import FrameType

    from distributed import Client

    from mapapp.geo.geocoders import Geocoder
    from mapapp.geo.geoparse import Geoparser, Preferences

CHUNK_FILES = 8  # files per task
PENDING_PER_WORKER = 8  # tasks in flight per worker (bounds memory; enough to keep it busy while the parent writes)
STOP_POLL = 0.25  # seconds between looks for a stop while the workers run (see _SafeStops)
BATCH_ARTICLES = 400  # articles per write transaction
BATCH_SECONDS = 1.0  # ... or this long, whichever comes first
WRITER_CACHE_KIB = 128 * 1024  # SQLite page cache while ingesting: index pages stay in memory

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


SKIPS_SHOWN = 5  # skipped records named one by one on stderr; the rest are counted


@dataclass
class IngestReport:
    """What an ingest did, in the user's units: records (articles) and files."""

    files: int = 0  # files found
    files_skipped: int = 0  # unchanged since a previous ingest: not read again
    files_failed: int = 0  # could not be read, or only in part (``errors`` says why)
    records_read: int = 0  # records met in the files read (stored, unchanged or skipped)
    records_skipped: int = 0  # records left out for a stated reason (no text, duplicate id, ...)
    records_resumed: int = 0  # records of chunks an earlier (interrupted) ingest finished: not read again
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0  # records gone from a file that was ingested before
    files_moved: int = 0  # found at a new path with the same bytes: ids and paths rewritten, not parsed again
    mentions: int = 0  # mentions written (of new and updated articles)
    errors: list[str] = field(default_factory=list)  # files that failed, one line each: "path: reason"
    skipped: list[str] = field(default_factory=list)  # the first SKIPS_SHOWN skipped records: "path: line N: reason"
    notes: int = 0  # records stored with a remark (a date not understood, ...); the first few said on stderr
    ignored: dict[str, int] = field(default_factory=dict)  # files of other types met in folders, by suffix
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.articles_new + self.articles_updated + self.articles_unchanged

    @property
    def stored(self) -> int:
        return self.articles_new + self.articles_updated

    @property
    def ok(self) -> bool:
        """Every file was read (records may have been skipped, each for a stated reason)."""
        return not self.errors

    def summary(self) -> str:
        rate = self.records_read / self.seconds if self.seconds > 0 else 0.0
        more = self.records_skipped - len(self.skipped)
        skipped = f"{self.records_skipped:,} skipped" + (f" ({more:,} of them not named above)" if more > 0 else "")
        parts = [
            f"{plural(self.records_read, 'record')} read: {self.stored:,} stored ({plural(self.articles_new, 'new article')}, "
            f"{self.articles_updated:,} updated), {self.articles_unchanged:,} unchanged, {skipped}",
            f"{plural(self.files, 'file')} ({self.files_skipped:,} already ingested, {self.files_failed:,} failed)",
        ]
        if self.ignored:
            kinds = sorted(self.ignored.items(), key=lambda kv: (-kv[1], kv[0]))
            said = ", ".join(f"{n:,} {suffix}" for suffix, n in kinds[:5]) + (", ..." if len(kinds) > 5 else "")
            parts.append(f"{plural(sum(self.ignored.values()), 'other file')} not read ({said}: not a supported type)")
        if self.notes:
            parts.append(f"{plural(self.notes, 'record')} stored with a remark")
        if self.files_moved:
            parts.append(f"{plural(self.files_moved, 'file')} moved")
        if self.records_resumed:
            parts.append(f"{plural(self.records_resumed, 'record')} in chunks stored before (not read again)")
        if self.articles_removed:
            parts.append(f"{self.articles_removed:,} removed")
        parts.append(f"{plural(self.mentions, 'mention')} in {self.seconds:.1f}s ({rate:.1f} records/s)")
        return "; ".join(parts)


@dataclass
class FileResult:
    """What a worker sends back for one file read whole (pickled across processes)."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str | None
    status: str  # 'done' | 'same' (content hash as stored: nothing to do) | 'error'
    items: list[ArticleRows] = field(default_factory=list)  # store rows: cheap to pickle
    errors: list[str] = field(default_factory=list)  # the file failed (in part)
    skipped: list[str] = field(default_factory=list)  # records left out, each for a stated reason
    notes: list[str] = field(default_factory=list)  # records kept with a remark

    def __post_init__(self) -> None:
        self.path = printable(self.path)  # the store's key for the file; the real name opens it


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk of a big record file."""

    path: str
    chunk: Chunk
    items: list[ArticleRows] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the chunk failed: it is redone next time
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.path = printable(self.path)

    @property
    def n_records(self) -> int:
        return len(self.items) + len(self.skipped)


def one_line(s: str) -> str:
    """Control characters (newlines in hostile file names or messages) shown escaped, and bytes
    of a file name that is not UTF-8 as ``\\xff`` (:func:`models.printable`)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], printable(s))


class ProgressBar(Protocol):
    """What ingest uses of its progress bar (a ``tqdm``, disabled without ``progress``)."""

    def update(self, n: float = 1) -> bool | None: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None: ...

    def write(self, s: str, file: TextIO | None = None) -> None: ...

    def close(self) -> None: ...


# --- worker side --------------------------------------------------------------------------

_local = threading.local()  # one Geoparser per worker thread (dask workers may run threads)


def make_geoparser(geocoder: Geocoder | None = None) -> Geoparser:
    """A ``Geoparser`` over the cached gazetteer (built there when missing)."""
    from mapapp.geo.geoparse import Geoparser

    return Geoparser(geocoder=geocoder)


def _parser(geocoder: Geocoder | None = None) -> Geoparser:
    """This thread's parser, rebuilt when asked for another geocoder: an in-process ingest with
    the online fallback must not reuse a parser made without it (or with a closed store's)."""
    p = getattr(_local, "parser", None)
    if p is None or getattr(_local, "geocoder", None) is not geocoder:
        p = _local.parser = make_geoparser(geocoder)
        _local.geocoder = geocoder
    return p


def _die_with_parent() -> None:
    """Linux: a pool worker gets SIGKILL when the ingest process dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort, not on every platform
        pass


def _exit_with(pid: int) -> None:
    """End this process when process ``pid`` (the ingest) ends, however it ends.

    A pool worker's parent is the forkserver, so PR_SET_PDEATHSIG alone is not enough: every
    worker holds the forkserver's "alive" pipe open, so a SIGKILLed ingest (the OOM killer) left
    the forkserver waiting for the workers and the workers blocked on a pipe nobody reads, for
    ever. A daemon thread waits on a pidfd of the ingest (Linux >= 5.3; else it polls once a
    second) and exits the worker; then the forkserver sees its pipe close and exits too."""
    try:
        fd: int | None = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is None and not _alive(pid):
        os._exit(1)

    def watch() -> None:
        if fd is not None:
            import select

            select.select([fd], [], [])  # readable once the process has ended
        else:
            while _alive(pid):
                time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="mapapp-ingest-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _init_pool_worker(geocoder: Geocoder | None, ingest_pid: int | None = None) -> None:
    _die_with_parent()  # our parent is the forkserver
    if ingest_pid is not None:
        _exit_with(ingest_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _parser(geocoder)


def _metadata_fingerprint(path: str) -> str:
    """Changes when the user metadata of ``path`` (sidecar, ``metadata.csv`` above) changes."""
    return metadata_fingerprint(path)


def _split_hash(stored: str | None) -> tuple[str | None, str]:
    """A ``files.content_hash`` is ``<sha256 of the bytes>|<metadata fingerprint>``."""
    if not stored:
        return None, ""
    sha, _, fp = stored.partition("|")
    return sha, fp


def _file_hash(path: str, size: int, limited: bool = True) -> str | None:
    limit = max_file_bytes()
    if limited and size > limit:
        return None  # refused by the reader anyway; not worth reading
    h = hashlib.sha256()
    with open_regular(path) as fh:  # a FIFO or device is refused here, never read
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest() + "|" + _metadata_fingerprint(path)


def _budget(budget: float | None) -> float:
    return float(settings.get("file_timeout", budget))


def _allowed(budget: float | None, size: int) -> float:
    """Seconds a file (or batch) of ``size`` bytes may take: ``file_timeout`` per started MB
    beyond the first, so time may grow with size, never faster (0: no limit)."""
    return _budget(budget) * max(1.0, size / 1048576)


def _overran(what: str, budget: float | None, size: int) -> str:
    return one_line(
        f"{what}: took longer than its time budget ({_allowed(budget, size):.0f} s: "
        f"{_budget(budget):g} s per MB, setting file_timeout); skipped"
    )


def process_file(
    path: str, known_hash: str | None, geocoder: Geocoder | None = None, budget: float | None = None
) -> FileResult:
    """Read, clean and geoparse one file. Never raises: failures become ``errors`` lines. A file
    still being read or parsed after ``budget`` seconds (setting ``file_timeout``) is skipped
    with one line; the deadline is checked inside the reader's and the geoparser's loops."""
    size, mtime_ns = _stat(path)
    _parser(geocoder)  # built (the gazetteer opened) outside the file's budget
    try:
        with limits.deadline(_allowed(budget, size)):
            return _process_file(path, known_hash, geocoder)
    except limits.Overrun:
        return FileResult(path, size, mtime_ns, None, "error", errors=[_overran(path, budget, size)])


def _stat(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
        return st.st_size, st.st_mtime_ns
    except OSError:
        return 0, 0


def _sort(res: FileResult | ChunkResult, err: ReadError) -> None:
    """A reader's problem into the result's ``errors``, ``skipped`` or ``notes``."""
    {"fail": res.errors, "skip": res.skipped, "note": res.notes}[err.kind].append(one_line(str(err)))


def _process_file(path: str, known_hash: str | None, geocoder: Geocoder | None = None) -> FileResult:
    try:
        st = os.stat(path)
        chash = _file_hash(path, st.st_size)
    except OSError as exc:
        return FileResult(path, 0, 0, None, "error", errors=[one_line(f"{path}: {exc.strerror or exc}")])
    res = FileResult(path, st.st_size, st.st_mtime_ns, chash, "done")
    if known_hash is not None and chash == known_hash:
        res.status = "same"
        return res
    parser = _parser(geocoder)  # a parser that cannot be built is no file's fault: it raises
    try:
        for rec in read_file(Path(path)):
            if isinstance(rec, ReadError):
                _sort(res, rec)
                continue
            try:
                mentions = parser.mentions(rec)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the corpus
                res.errors.append(one_line(f"{rec.path}: geoparsing failed ({type(exc).__name__}: {exc})"))
                continue
            res.items.append(article_rows(rec, mentions))
    except Exception as exc:  # noqa: BLE001
        res.errors.append(one_line(f"{path}: could not be read ({type(exc).__name__}: {exc})"))
    if res.errors:
        res.status = "error"
    return res


def process_chunk(
    tasks: Sequence[tuple[str, str | None]], geocoder: Geocoder | None = None, budget: float | None = None
) -> list[FileResult]:
    """Whole files, one after the other (a pool or dask task); their folders' metadata tables
    are looked up once for the chunk."""
    with folder_scan():
        return [process_file(p, h, geocoder, budget) for p, h in tasks]


def process_records(
    path: str, chunk: Chunk, geocoder: Geocoder | None = None, budget: float | None = None, head: bool = False
) -> ChunkResult:
    """Read and geoparse one chunk of a big record file (its bytes, checked against the hash
    the scan saw). Never raises; a record over its time budget (``file_timeout`` per started
    MB of its text) is skipped with one line, and the rest of the chunk goes on. ``head``: the file's first chunk, which reports a bad sidecar (once per file)."""
    parser = _parser(geocoder)
    res = ChunkResult(path, chunk)
    p = Path(path)
    shown = res.path
    try:
        meta_errors: list[ReadError] = []
        user = user_metadata(p, meta_errors)
        if head:
            for e in meta_errors:
                res.errors.append(one_line(str(e)))
        for rec in read_chunk(p, shown, chunk, user):  # reading is linear in the chunk
            if isinstance(rec, ReadError):
                _sort(res, rec)
                continue
            size = len(rec.text)
            try:
                with limits.deadline(_allowed(budget, size)):  # each record its own budget
                    res.items.append(article_rows(rec, parser.mentions(rec)))
            except limits.Overrun:  # this record only; the chunk is redone by the next ingest
                res.errors.append(_overran(rec.id, budget, size))
            except Exception as exc:  # noqa: BLE001
                res.errors.append(one_line(f"{rec.id}: geoparsing failed ({type(exc).__name__}: {exc})"))
    except (BadFile, ChunkChanged) as exc:
        res.errors.append(one_line(f"{shown}: {exc}"))
    except OSError as exc:
        res.errors.append(one_line(f"{shown}: could not be read ({exc.strerror or exc})"))
    except Exception as exc:  # noqa: BLE001 - a worker never raises for a file's content
        res.errors.append(one_line(f"{shown}: could not be read ({type(exc).__name__}: {exc})"))
    return res


def run_task(
    task: tuple, geocoder: Geocoder | None = None, budget: float | None = None, preferences: Preferences | None = None
) -> list[FileResult | ChunkResult]:
    """The unit of work of a pool or dask worker: ``("files", [(path, known hash), ...])`` or
    ``("chunk", path, Chunk, is the file's first chunk)``. ``budget``: seconds per file or per
    MB of a chunk (default: setting ``file_timeout``; the parent passes its value so dask
    workers use it too). ``preferences``: the analysts' (issue 14), read once per ingest."""
    parser = _parser(geocoder)
    parser.preferences = dict(preferences or {})  # issue 14 (correct14): for this task only
    try:
        if task[0] == "files":
            return list(process_chunk(task[1], geocoder, budget))
        return [process_records(task[1], task[2], geocoder, budget, task[3])]
    finally:
        parser.preferences = {}


# --- parent side --------------------------------------------------------------------------

SPLIT_BYTES = 64 * 1024  # record files above this are cut into chunks (reading.chunks)


def _workers(workers: int | None) -> int:
    n = int(settings.get("workers", workers))
    if n <= 0:
        try:
            n = len(os.sched_getaffinity(0))
        except AttributeError:
            n = os.cpu_count() or 1
    return max(1, n)


def _list_files(paths: Sequence[Path], ignored: Counter[str] | None = None) -> Iterator[Path | ReadError]:
    yield from iter_files(paths, ignored)


@dataclass
class _Split:
    """A big record file in progress: done when scanned to the end and every chunk written."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str | None = None
    pending: int = 0
    reading: bool = True
    live: dict[int, int] = field(default_factory=dict)  # chunk id -> its first line, for this layout
    errors: list[str] = field(default_factory=list)
    n_articles: int = 0
    n_chunks: int = 0
    queued: bool = False  # its end is in the writer's queue
    bar: ProgressBar | None = None

    def __post_init__(self) -> None:
        self.path = printable(self.path)


class _Writer:
    """Collects worker results and writes them in batched transactions (the only writer)."""

    def __init__(self, store: Store, report: IngestReport, bar: ProgressBar, progress: bool = False) -> None:
        self.store, self.report, self.bar, self.progress = store, report, bar, progress
        self.pending: list[FileResult | ChunkResult | _Split] = []
        self.n_pending = 0
        self.last = time.monotonic()
        self.splits: dict[str, _Split] = {}
        self.t0 = time.monotonic()
        self.bulk = False  # the mention indexes are built at the end (and the events regrouped)

    def add(self, results: Iterable[FileResult | ChunkResult]) -> None:
        for r in results:
            self._lines(r)
            self.pending.append(r)
            if isinstance(r, ChunkResult):
                st = self.splits[r.path]
                st.pending -= 1
                self.n_pending += len(r.items) + 1
                self.bytes_done(r.chunk.size, st)
                self.finish_split(r.path)
                continue
            self.n_pending += len(r.items) + 1
            self.bytes_done(r.size)
        if self.n_pending >= BATCH_ARTICLES or time.monotonic() - self.last > BATCH_SECONDS:
            self.flush()

    def bytes_done(self, n: int, split: _Split | None = None) -> None:
        self.bar.update(n)
        if split is not None and split.bar is not None:
            split.bar.update(n)

    def _lines(self, r: FileResult | ChunkResult) -> None:
        """Say a result's problems: every failure and remark, the first few skipped records."""
        for line in r.errors:
            self._say(line)
        for line in r.notes:
            self.report.notes += 1
            if self.report.notes <= SKIPS_SHOWN:
                _tell(self.bar, line)
        self.skip(r.skipped)

    def skip(self, lines: Iterable[str]) -> None:
        rep = self.report
        for line in lines:
            rep.records_skipped += 1
            if len(rep.skipped) < SKIPS_SHOWN:
                rep.skipped.append(line)
                _tell(self.bar, f"{line} (skipped)" if "skipped" not in line else line)

    def finish_split(self, path: str) -> None:
        st = self.splits.get(path)
        if st is not None and not st.reading and st.pending == 0 and not st.queued:
            st.queued = True
            self.pending.append(st)  # written after its last chunk, in order
            self.n_pending += 1
            if st.bar is not None:
                st.bar.close()

    def _say(self, line: str) -> None:
        self.report.errors.append(line)
        _tell(self.bar, line)

    def _count(self, items: list[ArticleRows], chunk: int | None = None) -> None:
        rep = self.report
        rep.records_read += len(items)
        for rows in items:
            s = self.store.upsert_rows(rows, chunk)
            if s == "new":
                rep.articles_new += 1
            elif s == "updated":
                rep.articles_updated += 1
            else:
                rep.articles_unchanged += 1
            if s != "unchanged":
                rep.mentions += len(rows.mentions)

    def _write_chunk(self, r: ChunkResult) -> None:
        st = self.splits.get(r.path)
        self.report.records_read += len(r.skipped)
        if r.errors or st is None:  # not recorded as finished: redone by the next ingest
            if st is not None:
                st.errors.extend(r.errors)
            self._count(r.items)
            return
        items = r.items
        c = r.chunk
        cid = self.store.add_file_chunk(r.path, c.first, c.sha, r.n_records, 0, "")
        st.live[cid] = c.first
        keep: list[ArticleRows] = []
        moved: list[ArticleRows] = []
        dups: list[str] = []
        for rows in items:
            other = self.store.article_chunk(rows.article.id)
            if other is not None and other != cid and other in st.live:
                key = rows.article.id.rpartition("#")[2]
                if st.live[other] < c.first:  # the earlier record keeps the id
                    self.report.records_read += 1  # read, and skipped (below)
                    dups.append(
                        one_line(f"{r.path}: in the records from {_where(c)} on: duplicate id {key!r} (record skipped)")
                    )
                    continue
                self.store.chunk_lost_article(other)
                where = _where(Chunk(c.kind, 0, 0, st.live[other], ""))
                dups.append(
                    one_line(f"{r.path}: in the records from {where} on: duplicate id {key!r} (record skipped)")
                )
                moved.append(rows)
                continue
            keep.append(rows)
        self._count(keep, cid)
        for rows in moved:
            # the earlier record of an id a later chunk stored first takes its place: the article was
            # counted stored once already (the later record is the one skipped), so only its mentions
            # are counted again
            self.report.records_read += 1
            before = self.store.mention_count(rows.article.id)
            if self.store.upsert_rows(rows, cid) != "unchanged":
                self.report.mentions += len(rows.mentions) - before
        st.n_articles += len(keep) + len(moved)
        skipped = r.skipped + dups
        self.skip(dups)
        self.store.add_file_chunk(
            r.path, c.first, c.sha, r.n_records, len(keep) + len(moved), "\n".join(skipped[:SKIPS_SHOWN])
        )

    def flush(self) -> None:
        if not self.pending:
            return
        with self.store.transaction():
            for r in self.pending:
                if isinstance(r, _Split):
                    self._finish(r)
                    continue
                if isinstance(r, ChunkResult):
                    self._write_chunk(r)
                    continue
                self.report.records_read += len(r.skipped)
                self._count(r.items)
                if r.status == "done":
                    arts = [rows.article for rows in r.items]
                    self.store.drop_file_chunks(r.path)
                    for p in {r.path} | {a.path for a in arts}:
                        self.report.articles_removed += self.store.remove_stale_articles(p, {a.id for a in arts})
                if r.errors:
                    self.report.files_failed += 1
                self.store.record_ingested_file(
                    r.path, r.size, r.mtime_ns, r.content_hash, r.errors, None if r.status == "same" else len(r.items)
                )
        self.pending.clear()
        self.n_pending = 0
        self.last = time.monotonic()
        rep = self.report
        rate = rep.records_read / max(1e-9, time.monotonic() - self.t0)
        self.bar.set_postfix_str(
            f"{rep.records_read:,} records ({rate:.0f}/s), {rep.records_skipped:,} skipped, {rep.mentions:,} mentions",
            refresh=False,
        )

    def _finish(self, st: _Split) -> None:
        """A chunked file's last chunk is written: forget its old chunks and stale records."""
        self.splits.pop(st.path, None)
        if st.errors:
            self.report.files_failed += 1
        elif st.n_chunks == 0:
            st.errors.append(one_line(f"{st.path}: no records"))
            self._say(st.errors[-1])
            self.report.files_failed += 1
        else:
            self.report.articles_removed += self.store.keep_file_chunks(st.path, st.live.keys())
        self.store.record_ingested_file(st.path, st.size, st.mtime_ns, st.content_hash, st.errors, st.n_articles)


class _Planner:
    """Turns the listed files into tasks, lazily: unchanged files are skipped here, small files
    go to workers in chunks of files, big record files are scanned here (one pass: record
    boundaries and hashes) and sent as byte-range chunks, skipping the chunks an earlier ingest
    finished (so one huge file uses every core, is never held whole, and resumes)."""

    def __init__(self, paths: Sequence[Path], store: Store, writer: _Writer) -> None:
        self.paths, self.store, self.writer = paths, store, writer
        self.gone: dict[str, str] | None = None  # sha -> path of stored files no longer on disk

    def _moved(self, p: str, st: os.stat_result) -> str | None:
        """When the new file ``p`` has the bytes of a stored file that is gone from disk, it was
        moved: its articles are re-pointed here (``Store.move_file``) and its stored hash is
        returned, so it is not parsed again. Costs a hash of each new file only while some
        stored files are missing."""
        if self.gone is None:
            self.gone = self.store.gone_files()
        if not self.gone:
            return None
        try:
            chash = _file_hash(p, st.st_size, limited=False)
        except OSError:
            return None
        old = self.gone.pop((chash or "").partition("|")[0], None) if chash else None
        if old is None:
            return None
        prev = self.store.file_record(old)
        self.store.move_file(old, printable(p))
        self.writer.report.files_moved += 1
        # parsed again unless it was stored whole and its metadata is the same (a sidecar's path
        # is part of the hash: a file with one is parsed again, and its articles keep their ids)
        return chash if prev is not None and prev[3] == "done" and prev[2] == chash else None

    def tasks(self) -> Iterator[tuple]:
        chunk: list[tuple[str, str | None]] = []
        rep = self.writer.report
        ignored: Counter[str] = Counter()
        for f in _list_files(self.paths, ignored):
            rep.files += 1
            if isinstance(f, ReadError):  # refused by the listing (a link out of the folder)
                rep.files_failed += 1
                self.writer._say(one_line(str(f)))
                continue
            p = str(Path(f).resolve())
            try:
                st = os.stat(p)
            except OSError:
                chunk.append((p, None))  # the worker reports it
                continue
            rec = self.store.file_record(printable(p))
            known = self._moved(p, st) if rec is None else None
            if rec is not None and rec[3] == "done":
                if (
                    rec[0] == st.st_size
                    and rec[1] == st.st_mtime_ns
                    and _split_hash(rec[2])[1] == _metadata_fingerprint(p)
                ):
                    rep.files_skipped += 1
                    self.writer.bytes_done(st.st_size)
                    continue
                known = rec[2]  # touched: compare content hashes before parsing
            if p.lower().endswith(SPLIT_SUFFIXES) and st.st_size > SPLIT_BYTES:
                if chunk:
                    yield ("files", chunk)
                    chunk = []
                yield from self._split(p, st, known)
                continue
            chunk.append((p, known))
            if len(chunk) >= CHUNK_FILES:
                yield ("files", chunk)
                chunk = []
        rep.ignored = dict(ignored)
        if chunk:
            yield ("files", chunk)

    def _split(self, p: str, st: os.stat_result, known: str | None) -> Iterator[tuple]:
        w = self.writer
        shown = printable(p)
        try:
            sc = scan(Path(p))
        except Exception as exc:  # noqa: BLE001 - the file's problem, said in one line
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            w.add([FileResult(p, st.st_size, st.st_mtime_ns, None, "error", errors=[one_line(f"{shown}: {reason}")])])
            return
        if sc.whole:  # UTF-16, a JSON object: read whole by the ordinary reader
            yield ("files", [(p, known)])
            return
        state = w.splits[shown] = _Split(p, st.st_size, st.st_mtime_ns)
        if w.progress:
            state.bar = _file_bar(Path(p).name, st.st_size)
        done = self.store.file_chunks(shown)
        rep = w.report
        try:
            for c in sc.chunks():
                state.n_chunks += 1
                old = done.get((c.first, c.sha))
                if old is not None and not c.broken and old.stored == old.n_articles:
                    state.live[old.id] = c.first  # finished before (an interrupted or earlier run)
                    state.n_articles += old.n_articles
                    rep.articles_unchanged += old.n_articles
                    rep.records_resumed += old.n_records
                    w.skip(line for line in old.skipped.splitlines() if line)
                    w.bytes_done(c.size, state)
                    continue
                state.pending += 1
                yield ("chunk", p, c, state.n_chunks == 1)
            state.content_hash = (sc.sha or "") + "|" + _metadata_fingerprint(p)
        except Exception as exc:  # noqa: BLE001 - the file's problem, said in one line
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            state.errors.append(one_line(f"{shown}: {reason}"))
            w._say(state.errors[-1])
        finally:
            state.reading = False
            w.finish_split(state.path)


def _file_bar(name: str, size: int) -> ProgressBar:
    from tqdm import tqdm

    return tqdm(
        total=size,
        unit="B",
        unit_scale=True,
        desc=one_line(name)[:30],
        file=sys.stderr,
        position=1,
        leave=False,
        dynamic_ncols=True,
        mininterval=0.5,
    )


def _prepare_gazetteer(bar: ProgressBar | None = None) -> None:
    """Build the gazetteer index once here, before workers would race to build it; a first
    build (about half a minute) says so and shows its steps on the bar (issue 15)."""
    from mapapp.geo.gazetteer import Gazetteer, is_built  # not at the top: the writer needs no gazetteer otherwise

    if bar is None or is_built():
        Gazetteer.open().close()
        return
    bar.write("mapapp: building the gazetteer index (first run only, about half a minute)", file=sys.stderr)
    Gazetteer.open(report=lambda step: bar.set_postfix_str(f"gazetteer: {step}")).close()
    bar.set_postfix_str("")


def _mp_context() -> BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    workers: int | None = None,
    progress: bool = True,
    scheduler: str | Client | None = None,
    geocoder: Geocoder | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; returns counts and the error lines.

    ``workers``: processes (default: setting ``workers``; 0 = one per core; 1 = in this process).
    ``scheduler``: a dask.distributed scheduler address or ``Client``; reading and geoparsing then
    run on the cluster (its workers must see the same paths) and this process writes the store.
    ``geocoder``: optional online fallback (``mapapp.geo.geocoders``); with one, geoparsing runs in
    this process so the geocoder's rate limit and cache hold.
    """
    from tqdm import tqdm

    t0 = time.monotonic()
    budget = _budget(None)
    report = IngestReport()
    roots = [Path(p) for p in paths]
    existing: list[Path] = []
    for p in roots:
        if p.exists():
            existing.append(p)
        else:
            line = one_line(f"{p}: no such file or directory")
            report.errors.append(line)
            print(f"mapapp: {line}", file=sys.stderr)
    total, estimate = _survey(existing)  # a cheap listing pass, for the ETA and bulk mode
    bar = tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        desc="ingest",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
        mininterval=0.5,
    )
    writer = _Writer(store, report, bar, progress)
    prefs = corrections.preferences(store)  # issue 14 (correct14): what the analysts' corrections teach
    tasks = _Planner(existing, store, writer).tasks()
    (cache_size,) = store.execute("PRAGMA cache_size")[0]
    store.execute(f"PRAGMA cache_size = {-WRITER_CACHE_KIB}")
    bulk = contextlib.ExitStack()
    if _bulk_worthwhile(store, estimate) and bulk.enter_context(store.bulk_lock(wait=False)):
        store.defer_indexes()
        bulk.callback(_rebuild_indexes, store, bar)
        writer.bulk = True
    store_failed = False
    try:
        if scheduler is not None:
            _run_dask(scheduler, tasks, writer, geocoder, budget, prefs)
        else:
            n = _workers(workers)
            if total:
                _prepare_gazetteer(bar)
            if geocoder is not None or n == 1:
                for task in tasks:
                    writer.add(run_task(task, geocoder, budget, prefs))
            else:
                _run_pool(n, tasks, writer, budget, prefs)
    except sqlite3.Error as exc:  # the store cannot be written (disk full): stop, say so
        store_failed = True
        raise StoreError(store.path, exc) from None
    finally:
        try:
            if not store_failed:
                writer.flush()  # what was read before an error or Ctrl-C is kept
        except sqlite3.Error as exc:
            store_failed = True
            raise StoreError(store.path, exc) from None
        finally:
            try:
                if store_failed:
                    with contextlib.suppress(sqlite3.Error):  # else the next writer rebuilds them
                        bulk.close()
                else:
                    bulk.close()  # the dropped indexes are rebuilt, whatever happened
            finally:
                store.execute(f"PRAGMA cache_size = {int(cache_size)}")
                bar.close()
    try:
        _update_events(store, bar, regroup=writer.bulk, most=None if scheduler is not None else _workers(workers))
    except sqlite3.Error as exc:
        raise StoreError(store.path, exc) from None
    report.seconds = time.monotonic() - t0
    return report


class StoreError(RuntimeError):
    """The store could not be written (disk full, I/O error). The failed batch was rolled back:
    the store holds what earlier batches committed, consistent, and a re-run completes it."""

    def __init__(self, path: str, exc: sqlite3.Error) -> None:
        msg = str(exc)
        what = "disk full" if "full" in msg.lower() or getattr(exc, "sqlite_errorcode", 0) == 13 else "cannot write"
        super().__init__(
            f"{printable(path)}: {what} ({msg}); the batch being written was rolled back and the "
            "store keeps what was written before it; run the ingest again once it can be written"
        )
        self.disk_full = what == "disk full"


def _survey(paths: Sequence[Path]) -> tuple[int, int]:
    """How many bytes the files hold (the progress bar's total), and about how many articles
    (a record file: one per 2 kB; another file: one)."""
    size = articles_ = 0
    for f in _list_files(paths):
        if isinstance(f, ReadError):
            continue
        try:
            n = f.stat().st_size
        except OSError:
            n = 0
        size += n
        articles_ += max(1, n // 2048) if f.suffix.lower() in SPLIT_SUFFIXES else 1
    return size, articles_


def _bulk_worthwhile(store: Store, estimate: int) -> bool:
    """Rebuilding the indexes costs a sort of every stored mention: worth it when the ingest
    adds at least ``bulk_min_articles`` articles and at least as many as are stored."""
    least = int(settings.get("bulk_min_articles"))
    if least <= 0 or estimate < least:
        return False
    return estimate >= store.article_count()


SAY_EVENTS_FROM = 2000  # articles waiting for their events from which ingest says it groups them


def _update_events(store: Store, bar: ProgressBar, regroup: bool, most: int | None = None) -> None:
    """Issue 14: the events of the articles written, once, after the last batch (issue 15: the
    writer never stops reading results to group events, so no worker waits on it; a killed
    ingest leaves its articles in ``events_dirty`` for the next). When the run wrote at least as
    many articles as were stored before it (a bulk ingest, or a young store), every mention is
    grouped again in one pass in date order (``events.rebuild``: linear in the mentions, bounded
    memory): an incremental update loads the stored reports its articles can link to, which
    costs more than regrouping once they are the larger part. ``most``: the run's workers, which
    bound the regroup's processes too (``--workers 1``: one core; None with a Dask cluster)."""
    waiting = events.pending(store)
    if not waiting:
        return
    t = time.monotonic()
    say = regroup or waiting >= SAY_EVENTS_FROM  # a small ingest says nothing of it
    if not regroup and 2 * waiting < store.article_count():
        if say:
            _tell(bar, f"grouping the events of {waiting:,} articles ...")
        events.update_pending(store)
        return
    if say:
        _tell(bar, "grouping the events (every mention, in date order) ...")
    r = events.rebuild(store, most=most)
    if say:
        procs = f"{r.processes} processes" if r.processes > 1 else "one process"
        _tell(bar, f"{r.events_touched:,} events from {r.mentions:,} mentions in {time.monotonic() - t:.1f}s ({procs})")


def _rebuild_indexes(store: Store, bar: ProgressBar) -> None:
    t = time.monotonic()
    _tell(bar, "building the mention indexes (bulk ingest) ...")
    store.restore_indexes()
    _tell(bar, f"indexes built in {time.monotonic() - t:.1f}s")


def _tell(bar: ProgressBar, line: str) -> None:
    """One line on stderr, above the progress bar."""
    try:
        bar.write(f"mapapp: {line}", file=sys.stderr)
    except Exception:  # noqa: BLE001 - a closed stderr must not stop the ingest
        pass


def _run_pool(n: int, tasks: Iterator[tuple], writer: _Writer, budget: float, prefs: Preferences) -> None:
    with _SafeStops() as stops:
        pool = ProcessPoolExecutor(
            max_workers=n, mp_context=_mp_context(), initializer=_init_pool_worker, initargs=(None, os.getpid())
        )
        pending: set[Future] = set()
        try:
            for task in tasks:
                stops.check()
                pending.add(pool.submit(run_task, task, None, budget, prefs))
                while len(pending) >= n * PENDING_PER_WORKER:
                    pending = _collect(pending, writer, stops)
            while pending:
                pending = _collect(pending, writer, stops)
        except BaseException:
            _stop_pool(pool)  # Ctrl-C, SIGTERM or an error: do not wait for the tasks running
            raise
        pool.shutdown(wait=True)
        stops.check()  # a stop that came while the workers ended still stops


def _collect(pending: set[Future], writer: _Writer, stops: _SafeStops) -> set[Future]:
    """Write the tasks that finished; the ones still running are returned."""
    done, pending = wait(pending, timeout=STOP_POLL, return_when=FIRST_COMPLETED)
    stops.check()
    for fut in done:
        writer.add(fut.result())
    return pending


class _SafeStops:
    """Ctrl-C, SIGTERM and SIGHUP, noted while the pool runs and raised only between calls into
    ``concurrent.futures``. Raised inside one (its ``wait`` takes every future's lock in a
    Python loop), a stop left a future locked; the pool's manager thread then blocked setting
    its result, and the interpreter, which joins that thread at exit, hung after printing the
    one-line message. A second signal more than ``STUCK_S`` after a first not yet acted on
    stops at once (a write that takes long); sooner (Ctrl-C pressed twice) it waits for the
    first. Signals whose handler is not Python's (ignored, or the default that kills) keep it."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    STUCK_S = 2.0

    def __init__(self) -> None:
        self._old: dict[int, Callable[[int, FrameType | None], object]] = {}
        self._pending: int | None = None
        self._pending_at = 0.0
        self._stopping = False

    def __enter__(self) -> _SafeStops:
        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                old = signal.getsignal(sig)
                if callable(old):
                    self._old[sig] = old
                    signal.signal(sig, self._note)
        return self

    def _note(self, signum: int, frame: FrameType | None) -> None:
        if self._pending is None:
            self._pending, self._pending_at = signum, time.monotonic()
        elif not self._stopping and time.monotonic() - self._pending_at > self.STUCK_S:
            self._old[signum](signum, frame)

    def check(self) -> None:
        """Raise what the first signal's own handler raises (KeyboardInterrupt, Stopped)."""
        if self._pending is not None and not self._stopping:
            self._stopping = True  # later signals wait for the pool to stop
            self._old[self._pending](self._pending, None)

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._old.items():
            signal.signal(sig, handler)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop at once: queued tasks cancelled, running ones abandoned (their files are redone by
    the next ingest), workers terminated and reaped."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    results = getattr(pool, "_result_queue", None)  # shutdown() forgets it
    manager = getattr(pool, "_executor_manager_thread", None)  # and this
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(5)
            if p.is_alive():
                p.kill()
                p.join(1)
    # A worker terminated while writing its result leaves half a message in the result pipe;
    # the executor's manager thread then blocks reading the rest, and the interpreter, which
    # joins that thread at exit, never exits. With every worker gone, closing this process's
    # copy of the pipe's write end turns that read into end-of-file (the pool is then "broken"
    # and its thread ends).
    with contextlib.suppress(Exception):
        results._writer.close()  # type: ignore[union-attr]
    # That thread then closes its wake-up pipe, while concurrent.futures' exit hook writes to the
    # same pipe without the pool's lock (CPython 3.11 `_python_exit`): if the interpreter exits
    # between the hook's "closed?" check and its write, the write fails with EBADF and a
    # traceback is printed after the one-line message. Waiting for the thread here makes the hook
    # see the pipe closed.
    if manager is not None:
        manager.join(5)


class Stopped(KeyboardInterrupt):
    """Ingest was asked to stop by a signal (SIGTERM, SIGHUP); ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """While ingesting from the command line, SIGTERM and SIGHUP stop the ingest like Ctrl-C
    does: the batch read so far is written, the workers end, and :class:`Stopped` is raised
    (the CLI exits 128 + the signal number with one line). Python's default for SIGTERM is to
    die on the spot, leaving the workers and the forkserver behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    old = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, h in old.items():
            signal.signal(sig, h)


def _run_dask(
    scheduler: str | Client,
    tasks: Iterator[tuple],
    writer: _Writer,
    geocoder: Geocoder | None,
    budget: float,
    prefs: Preferences | None = None,
) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise RuntimeError("--scheduler needs dask.distributed: pip install 'mapapp[cluster]'") from exc
    own = not isinstance(scheduler, Client)
    client: Client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        n = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()))
        first = [t for _, t in zip(range(n * PENDING_PER_WORKER), tasks)]
        ac = as_completed(client.map(run_task, first, geocoder=geocoder, budget=budget, preferences=prefs, pure=False))
        for fut in ac:
            results = fut.result()
            fut.release()
            nxt = next(tasks, None)
            if nxt is not None:
                ac.add(client.submit(run_task, nxt, geocoder=geocoder, budget=budget, preferences=prefs, pure=False))
            writer.add(results)
    finally:
        if own:
            client.close()


__all__ = [
    "ingest",
    "stop_on_signals",
    "Stopped",
    "StoreError",
    "IngestReport",
    "FileResult",
    "ChunkResult",
    "process_file",
    "run_task",
    "make_geoparser",
]
