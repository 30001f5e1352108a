"""Streaming, parallel, resumable ingest: files -> Articles -> Mentions -> the store.

* **Streaming.** Files are listed lazily and handed out in small chunks; at most a few chunks per
  worker are in flight and results are written in batches, so memory stays flat however large
  the corpus. A large multi-record file (JSON lines, CSV, JSON) is read here record by record
  and geoparsed by the workers in batches, so even one huge file uses every core and is never
  held whole; an interrupted one is finished without parsing its stored records again.
* **Every core.** A process pool (or a dask.distributed cluster with ``scheduler=``) reads and
  geoparses; each worker builds its ``Geoparser`` once. Only this (parent) process writes to the
  store, in batched transactions.
* **Resumable.** A file is recorded in ``files`` (size, mtime, content hash) in the same
  transaction as its articles. Killed at any moment, a re-run skips what was committed, redoes the
  rest, and since upserts are keyed by article id and content hash, nothing is lost or duplicated.
* **Bulk.** An ingest of at least ``bulk_min_articles`` articles (and at least the store's size)
  drops the two wide mention indexes under ``Store.bulk_lock`` and builds them once at its end:
  at a few million mentions, inserting into them row by row cost five times the rest of a write.
* **Bad files** give one line on stderr (``path: reason``), are recorded as errors (retried and
  reported again next time) and change nothing already stored; the rest goes on.
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
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from mapapp import limits, settings
from mapapp.models import Article, ReadError, article_hash, printable
from mapapp.reading import folder_scan, iter_files, metadata_fingerprint, open_regular, read_file
from mapapp.store import ArticleRows, Store, article_rows, events

if TYPE_CHECKING:  # for annotations only: importing these here would load them in every process
    from multiprocessing.context import BaseContext
    from types import FrameType

    from distributed import Client

    from mapapp.geo.geocoders import Geocoder
    from mapapp.geo.geoparse import Geoparser

CHUNK_FILES = 8  # files per task
PENDING_PER_WORKER = 8  # tasks in flight per worker (bounds memory; enough to keep it busy while the parent writes)
BATCH_ARTICLES = 400  # articles per write transaction
BATCH_SECONDS = 1.0  # ... or this long, whichever comes first
WRITER_CACHE_KIB = 128 * 1024  # SQLite page cache while ingesting: index pages stay in memory

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class IngestReport:
    files: int = 0  # files found
    files_skipped: int = 0  # unchanged since a previous ingest: not read again
    files_failed: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0  # records gone from a file that was ingested before
    files_moved: int = 0  # found at a new path with the same bytes: ids and paths rewritten, not parsed again
    mentions: int = 0  # mentions written (of new and updated articles)
    errors: list[str] = field(default_factory=list)  # one line each: "path: reason"
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.articles_new + self.articles_updated + self.articles_unchanged

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.files} files ({self.files_skipped} already ingested, {self.files_failed} failed), "
            f"{self.articles_new} new articles, {self.articles_updated} updated, "
            f"{self.articles_unchanged} unchanged, {self.articles_removed} removed, "
            f"{self.mentions} mentions, {len(self.errors)} errors{f', {self.files_moved} files moved' if self.files_moved else ''} in {self.seconds:.1f}s "
            f"({rate:.1f} articles/s)"
        )


@dataclass
class FileResult:
    """What a worker sends back for one file (pickled across processes)."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str | None
    status: str  # 'done' | 'same' (content hash as stored: nothing to do) | 'error'
    items: list[ArticleRows] = field(default_factory=list)  # store rows: cheap to pickle
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.path = printable(self.path)  # the store's key for the file; the real name opens it


def one_line(s: str) -> str:
    """Control characters (newlines in hostile file names or messages) shown escaped, and bytes
    of a file name that is not UTF-8 as ``\\xff`` (:func:`models.printable`)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], printable(s))


class ProgressBar(Protocol):
    """What ingest uses of its progress bar (a ``tqdm``, disabled without ``progress``)."""

    def update(self, n: float = 1) -> bool | None: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None: ...

    def write(self, s: str, file: TextIO | None = None) -> None: ...


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


def _file_hash(path: str, size: int) -> str | None:
    limit = float(settings.get("max_file_mb")) * 1024 * 1024
    if size > limit:
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
                res.errors.append(one_line(str(rec)))
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


@dataclass
class BatchResult:
    """Geoparsed records of a large multi-record file (read by the parent, parsed by a worker)."""

    path: str
    items: list[ArticleRows] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.path = printable(self.path)


def geoparse_batch(
    path: str, records: Sequence[Article], geocoder: Geocoder | None = None, budget: float | None = None
) -> BatchResult:
    """Geoparse a batch of records; a batch over ``budget`` seconds is skipped whole (one line)."""
    parser = _parser(geocoder)
    res = BatchResult(path)
    size = sum(len(r.text) for r in records)
    try:
        with limits.deadline(_allowed(budget, size)):
            for rec in records:
                try:
                    res.items.append(article_rows(rec, parser.mentions(rec)))
                except Exception as exc:  # noqa: BLE001
                    res.errors.append(one_line(f"{rec.id}: geoparsing failed ({type(exc).__name__}: {exc})"))
    except limits.Overrun:
        res.items.clear()
        first, last = records[0].id.rpartition("#")[2], records[-1].id.rpartition("#")[2]
        res.errors.append(_overran(f"{path}: records {first}..{last}", budget, size))
    return res


def run_task(
    task: tuple, geocoder: Geocoder | None = None, budget: float | None = None
) -> list[FileResult | BatchResult]:
    """The unit of work of a pool or dask worker: ``("files", [(path, known hash), ...])`` or
    ``("records", path, [Article, ...])``. ``budget``: seconds per file or record batch
    (default: setting ``file_timeout``; the parent passes its value so dask workers use it too)."""
    if task[0] == "files":
        return list(process_chunk(task[1], geocoder, budget))
    return [geoparse_batch(task[1], task[2], geocoder, budget)]


# --- parent side --------------------------------------------------------------------------

SPLIT_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".json")
SPLIT_BYTES = 64 * 1024  # multi-record files above this are read here and parsed in batches
BATCH_RECORDS = 16


def _workers(workers: int | None) -> int:
    n = int(settings.get("workers", workers))
    if n <= 0:
        try:
            n = len(os.sched_getaffinity(0))
        except AttributeError:
            n = os.cpu_count() or 1
    return max(1, n)


def _list_files(paths: Sequence[Path]) -> Iterator[Path | ReadError]:
    yield from iter_files(paths)


@dataclass
class _Split:
    """A large multi-record file in progress: done when read to the end and every batch written."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str | None
    pending: int = 0
    reading: bool = True
    ids: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    n_items: int = 0

    def __post_init__(self) -> None:
        self.path = printable(self.path)


class _Writer:
    """Collects worker results and writes them in batched transactions (the only writer)."""

    def __init__(self, store: Store, report: IngestReport, bar: ProgressBar) -> None:
        self.store, self.report, self.bar = store, report, bar
        self.pending: list[FileResult | BatchResult | _Split] = []
        self.n_pending = 0
        self.last = time.monotonic()
        self.splits: dict[str, _Split] = {}

    def add(self, results: Iterable[FileResult | BatchResult]) -> None:
        for r in results:
            if isinstance(r, BatchResult):
                st = self.splits[r.path]
                for line in r.errors:
                    st.errors.append(line)
                    self._say(line)
                self.pending.append(r)
                self.n_pending += len(r.items)
                st.pending -= 1
                st.n_items += len(r.items)
                self.finish_split(r.path)
                continue
            for line in r.errors:
                self._say(line)
            self.pending.append(r)
            self.n_pending += len(r.items) + 1
            self.bar.update(1)
        if self.n_pending >= BATCH_ARTICLES or time.monotonic() - self.last > BATCH_SECONDS:
            self.flush()

    def finish_split(self, path: str) -> None:
        st = self.splits.get(path)
        if st is not None and not st.reading and st.pending == 0:
            del self.splits[path]
            self.pending.append(st)  # written after its last batch, in order
            self.n_pending += 1
            self.bar.update(1)

    def _say(self, line: str) -> None:
        self.report.errors.append(line)
        _tell(self.bar, line)

    def _count(self, items: list[ArticleRows]) -> None:
        rep = self.report
        for rows in items:
            s = self.store.upsert_rows(rows)
            if s == "new":
                rep.articles_new += 1
            elif s == "updated":
                rep.articles_updated += 1
            else:
                rep.articles_unchanged += 1
            if s != "unchanged":
                rep.mentions += len(rows.mentions)

    def _remove_stale(self, conn: sqlite3.Connection, paths: set[str], keep: set[str]) -> None:
        """Records that disappeared from a re-ingested file go, with their mentions."""
        for p in paths:
            self.report.articles_removed += self.store.remove_stale_articles(p, keep)

    def _record(
        self,
        conn: sqlite3.Connection,
        path: str,
        size: int,
        mtime_ns: int,
        chash: str | None,
        errors: list[str],
        n_articles: int | None,
    ) -> None:
        if errors:
            self.report.files_failed += 1
        self.store.record_ingested_file(path, size, mtime_ns, chash, errors, n_articles)

    def flush(self) -> None:
        if not self.pending:
            return
        with self.store.transaction() as conn:
            for r in self.pending:
                if isinstance(r, _Split):
                    if not r.errors:
                        self._remove_stale(conn, {r.path}, r.ids)
                    self._record(conn, r.path, r.size, r.mtime_ns, r.content_hash, r.errors, len(r.ids))
                    continue
                self._count(r.items)
                if isinstance(r, BatchResult):
                    continue
                if r.status == "done":
                    arts = [rows.article for rows in r.items]
                    self._remove_stale(conn, {r.path} | {a.path for a in arts}, {a.id for a in arts})
                self._record(
                    conn,
                    r.path,
                    r.size,
                    r.mtime_ns,
                    r.content_hash,
                    r.errors,
                    None if r.status == "same" else len(r.items),
                )
        events.update_pending(self.store, events.UPDATE_EVERY)  # issue 14: events follow the batches
        self.pending.clear()
        self.n_pending = 0
        self.last = time.monotonic()
        rep = self.report
        self.bar.set_postfix_str(f"{rep.articles} articles, {rep.mentions} mentions", refresh=False)


class _Planner:
    """Turns the listed files into tasks, lazily: unchanged files are skipped here, small files
    go to workers in chunks, large multi-record files are read here and sent as record batches
    (so one huge JSON lines file still uses every core and never sits in memory whole)."""

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
            chash = _file_hash(p, st.st_size)
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
        for f in _list_files(self.paths):
            rep.files += 1
            if isinstance(f, ReadError):  # refused by the listing (a link out of the folder)
                rep.files_failed += 1
                self.writer._say(one_line(str(f)))
                self.writer.bar.update(1)
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
                    self.writer.bar.update(1)
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
        if chunk:
            yield ("files", chunk)

    def _split(self, p: str, st: os.stat_result, known: str | None) -> Iterator[tuple]:
        w = self.writer
        try:
            chash = _file_hash(p, st.st_size)
        except OSError as exc:
            w.add(
                [
                    FileResult(
                        p, st.st_size, st.st_mtime_ns, None, "error", errors=[one_line(f"{p}: {exc.strerror or exc}")]
                    )
                ]
            )
            return
        if known is not None and chash == known:
            w.add([FileResult(p, st.st_size, st.st_mtime_ns, chash, "same")])
            return
        state = w.splits[printable(p)] = _Split(p, st.st_size, st.st_mtime_ns, chash)
        batch: list[Article] = []
        try:
            for rec in read_file(Path(p)):
                if isinstance(rec, ReadError):
                    line = one_line(str(rec))
                    state.errors.append(line)
                    w._say(line)
                    continue
                state.ids.add(rec.id)
                stored = self.store.stored_hash(rec.id)
                if stored is not None and stored == article_hash(rec):
                    w.report.articles_unchanged += 1  # stored by an interrupted run: not parsed again
                    continue
                batch.append(rec)
                if len(batch) >= BATCH_RECORDS:
                    state.pending += 1
                    yield ("records", p, batch)
                    batch = []
            if batch:
                state.pending += 1
                yield ("records", p, batch)
        finally:
            state.reading = False
            w.finish_split(state.path)


def _prepare_gazetteer() -> None:
    """Build the gazetteer index once here, before workers would race to build it."""
    from mapapp.geo.gazetteer import Gazetteer  # here, not at the top: the writer process needs no gazetteer otherwise

    Gazetteer.open().close()


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
        unit="file",
        desc="ingest",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
        mininterval=0.5,
    )
    writer = _Writer(store, report, bar)
    tasks = _Planner(existing, store, writer).tasks()
    (cache_size,) = store.execute("PRAGMA cache_size")[0]
    store.execute(f"PRAGMA cache_size = {-WRITER_CACHE_KIB}")
    bulk = contextlib.ExitStack()
    if _bulk_worthwhile(store, estimate) and bulk.enter_context(store.bulk_lock(wait=False)):
        store.defer_indexes()
        bulk.callback(_rebuild_indexes, store, bar)
    store_failed = False
    try:
        if scheduler is not None:
            _run_dask(scheduler, tasks, writer, geocoder, budget)
        else:
            n = _workers(workers)
            if geocoder is not None or n == 1 or total <= 1:
                for task in tasks:
                    writer.add(run_task(task, geocoder, budget))
            else:
                _prepare_gazetteer()
                _run_pool(n, tasks, writer, budget)
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
        events.update_pending(store)  # issue 14: the events of the last batches' articles
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
    """How many files, and about how many articles they hold (a multi-record file: one per 4 kB;
    a file over ``max_file_mb``, which the reader refuses, none: it must not switch bulk mode on)."""
    files = articles_ = 0
    limit = float(settings.get("max_file_mb")) * 1024 * 1024
    for f in _list_files(paths):
        files += 1
        if isinstance(f, ReadError):
            continue
        if f.suffix.lower() in SPLIT_SUFFIXES:
            try:
                size = f.stat().st_size
            except OSError:
                size = 0
            articles_ += 0 if size > limit else max(1, size // 4096)
        else:
            articles_ += 1
    return files, articles_


def _bulk_worthwhile(store: Store, estimate: int) -> bool:
    """Rebuilding the indexes costs a sort of every stored mention: worth it when the ingest
    adds at least ``bulk_min_articles`` articles and at least as many as are stored."""
    least = int(settings.get("bulk_min_articles"))
    if least <= 0 or estimate < least:
        return False
    return estimate >= store.article_count()


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


def _run_pool(n: int, tasks: Iterator[tuple], writer: _Writer, budget: float) -> None:
    pool = ProcessPoolExecutor(
        max_workers=n, mp_context=_mp_context(), initializer=_init_pool_worker, initargs=(None, os.getpid())
    )
    pending: set[Future] = set()
    try:
        for task in tasks:
            pending.add(pool.submit(run_task, task, None, budget))
            if len(pending) >= n * PENDING_PER_WORKER:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    writer.add(fut.result())
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                writer.add(fut.result())
    except BaseException:
        _stop_pool(pool)  # Ctrl-C, SIGTERM or an error: do not wait for the tasks running
        raise
    pool.shutdown(wait=True)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop at once: queued tasks cancelled, running ones abandoned (their files are redone by
    the next ingest), workers terminated and reaped."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    results = getattr(pool, "_result_queue", None)  # shutdown() forgets it
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
    scheduler: str | Client, tasks: Iterator[tuple], writer: _Writer, geocoder: Geocoder | None, budget: float
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
        ac = as_completed(client.map(run_task, first, geocoder=geocoder, budget=budget, pure=False))
        for fut in ac:
            results = fut.result()
            fut.release()
            nxt = next(tasks, None)
            if nxt is not None:
                ac.add(client.submit(run_task, nxt, geocoder=geocoder, budget=budget, pure=False))
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
    "BatchResult",
    "process_file",
    "run_task",
    "make_geoparser",
]
