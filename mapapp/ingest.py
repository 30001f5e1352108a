"""Streaming, parallel, resumable ingest: files -> Articles -> Mentions -> the store.

* **Streaming.** Files are listed lazily and handed out in small chunks; at most a few chunks per
  worker are in flight and results are written in batches, so memory stays flat however large
  the corpus.
* **Every core.** A process pool (or a dask.distributed cluster with ``scheduler=``) reads and
  geoparses; each worker builds its ``Geoparser`` once. Only this (parent) process writes to the
  store, in batched transactions.
* **Resumable.** A file is recorded in ``files`` (size, mtime, content hash) in the same
  transaction as its articles. Killed at any moment, a re-run skips what was committed, redoes the
  rest, and since upserts are keyed by article id and content hash, nothing is lost or duplicated.
* **Bad files** give one line on stderr (``path: reason``), are recorded as errors (retried and
  reported again next time) and change nothing already stored; the rest goes on.
"""

from __future__ import annotations

import hashlib
import inspect
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from . import settings
from .models import Article, Mention, ReadError
from .store import Store

CHUNK_FILES = 8  # files per task
PENDING_PER_WORKER = 3  # tasks in flight per worker (bounds memory)
BATCH_ARTICLES = 400  # articles per write transaction
BATCH_SECONDS = 1.0  # ... or this long, whichever comes first

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
            f"{self.mentions} mentions, {len(self.errors)} errors in {self.seconds:.1f}s "
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
    items: list[tuple[Article, list[Mention]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def one_line(s: str) -> str:
    """Control characters (newlines in hostile file names or messages) shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], s)


# --- worker side --------------------------------------------------------------------------

_local = threading.local()  # one Geoparser per worker thread (dask workers may run threads)


def make_geoparser(geocoder: Any = None) -> Any:
    """A ``Geoparser`` over the cached gazetteer (built there when missing)."""
    from .geoparse import Geoparser

    params = inspect.signature(Geoparser).parameters
    gaz_param = next(iter(params.values()), None)
    kwargs = {"geocoder": geocoder} if "geocoder" in params else {}
    if gaz_param is not None and gaz_param.name != "geocoder" and gaz_param.default is inspect.Parameter.empty:
        from .gazetteer import Gazetteer

        return Geoparser(Gazetteer.open(), **kwargs)
    return Geoparser(**kwargs)


def _parser(geocoder: Any = None) -> Any:
    p = getattr(_local, "parser", None)
    if p is None:
        p = _local.parser = make_geoparser(geocoder)
    return p


def _die_with_parent() -> None:
    """Linux: a pool worker gets SIGKILL when the ingest process dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - best effort, not on every platform
        pass


def _init_pool_worker(geocoder: Any) -> None:
    # Our parent is the forkserver, which exits when the ingest process dies (even by SIGKILL).
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    _parser(geocoder)


def _metadata_fingerprint(path: str) -> str:
    """Changes when the user metadata of ``path`` (sidecar, ``metadata.csv`` above) changes."""
    from . import articles

    fp = getattr(articles, "metadata_fingerprint", None)
    return fp(path) if fp is not None else ""


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
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest() + "|" + _metadata_fingerprint(path)


def process_file(path: str, known_hash: str | None, geocoder: Any = None) -> FileResult:
    """Read, clean and geoparse one file. Never raises: failures become ``errors`` lines."""
    from . import articles

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
        for rec in articles.read_file(Path(path)):
            if isinstance(rec, ReadError):
                res.errors.append(one_line(str(rec)))
                continue
            try:
                mentions = parser.mentions(rec)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the corpus
                res.errors.append(one_line(f"{rec.path}: geoparsing failed ({type(exc).__name__}: {exc})"))
                continue
            res.items.append((rec, mentions))
    except Exception as exc:  # noqa: BLE001
        res.errors.append(one_line(f"{path}: could not be read ({type(exc).__name__}: {exc})"))
    if res.errors:
        res.status = "error"
    return res


def process_chunk(tasks: Sequence[tuple[str, str | None]], geocoder: Any = None) -> list[FileResult]:
    """The unit of work sent to a pool worker or a dask worker."""
    return [process_file(p, h, geocoder) for p, h in tasks]


# --- parent side --------------------------------------------------------------------------

def _workers(workers: int | None) -> int:
    n = int(settings.get("workers", workers))
    if n <= 0:
        try:
            n = len(os.sched_getaffinity(0))
        except AttributeError:
            n = os.cpu_count() or 1
    return max(1, n)


def _list_files(paths: Sequence[Path]) -> Iterator[Path]:
    from . import articles

    yield from articles.iter_files(paths)


class _Writer:
    """Collects worker results and writes them in batched transactions (the only writer)."""

    def __init__(self, store: Store, report: IngestReport, bar: Any) -> None:
        self.store, self.report, self.bar = store, report, bar
        self.pending: list[FileResult] = []
        self.n_pending = 0
        self.last = time.monotonic()

    def add(self, results: Iterable[FileResult]) -> None:
        for r in results:
            for line in r.errors:
                self._say(line)
            self.pending.append(r)
            self.n_pending += len(r.items) + 1
            self.bar.update(1)
        if self.n_pending >= BATCH_ARTICLES or time.monotonic() - self.last > BATCH_SECONDS:
            self.flush()

    def _say(self, line: str) -> None:
        self.report.errors.append(line)
        try:
            self.bar.write(f"mapapp: {line}", file=sys.stderr)
        except Exception:  # noqa: BLE001 - a closed stderr must not stop the ingest
            pass

    def flush(self) -> None:
        if not self.pending:
            return
        rep, store = self.report, self.store
        with store.transaction() as conn:
            for r in self.pending:
                statuses = [store._upsert(a, ms) for a, ms in r.items]
                for (a, ms), s in zip(r.items, statuses):
                    if s == "new":
                        rep.articles_new += 1
                    elif s == "updated":
                        rep.articles_updated += 1
                    else:
                        rep.articles_unchanged += 1
                    if s != "unchanged":
                        rep.mentions += len(ms)
                if r.status == "done":
                    # Records that disappeared from a re-ingested file go with their mentions.
                    keep = {a.id for a, _ in r.items}
                    paths = {r.path} | {a.path for a, _ in r.items}
                    for p in paths:
                        stale = [i for (i,) in conn.execute("SELECT id FROM articles WHERE path = ?", (p,)) if i not in keep]
                        for i in stale:
                            conn.execute("DELETE FROM articles WHERE id = ?", (i,))
                        rep.articles_removed += len(stale)
                if r.status in ("done", "same"):
                    n_art = len(r.items) if r.status == "done" else None
                    conn.execute(
                        "INSERT INTO files(path, size, mtime_ns, content_hash, status, error, n_articles, ingested_at) "
                        "VALUES (?,?,?,?,'done',NULL,?,datetime('now')) ON CONFLICT(path) DO UPDATE SET "
                        "size=excluded.size, mtime_ns=excluded.mtime_ns, content_hash=excluded.content_hash, "
                        "status='done', error=NULL, n_articles=coalesce(?, files.n_articles), "
                        "ingested_at=excluded.ingested_at",
                        (r.path, r.size, r.mtime_ns, r.content_hash, n_art or 0, n_art),
                    )
                else:
                    rep.files_failed += 1
                    conn.execute(
                        "INSERT INTO files(path, size, mtime_ns, content_hash, status, error, n_articles, ingested_at) "
                        "VALUES (?,?,?,?,'error',?,?,datetime('now')) ON CONFLICT(path) DO UPDATE SET "
                        "size=excluded.size, mtime_ns=excluded.mtime_ns, content_hash=excluded.content_hash, "
                        "status='error', error=excluded.error, n_articles=excluded.n_articles, "
                        "ingested_at=excluded.ingested_at",
                        (r.path, r.size, r.mtime_ns, r.content_hash, "\n".join(r.errors)[:2000], len(r.items)),
                    )
        self.pending.clear()
        self.n_pending = 0
        self.last = time.monotonic()
        self.bar.set_postfix_str(f"{rep.articles} articles, {rep.mentions} mentions", refresh=False)


def _tasks(paths: Sequence[Path], store: Store, report: IngestReport, bar: Any) -> Iterator[tuple[str, str | None]]:
    """Files still to do, as ``(absolute path, stored hash or None)``; unchanged ones are skipped."""
    for f in _list_files(paths):
        p = str(Path(f).resolve())
        report.files += 1
        try:
            st = os.stat(p)
        except OSError:
            yield p, None  # the worker reports it
            continue
        rec = store.file_record(p)
        if rec is not None and rec[3] == "done":
            if rec[0] == st.st_size and rec[1] == st.st_mtime_ns and _split_hash(rec[2])[1] == _metadata_fingerprint(p):
                report.files_skipped += 1
                bar.update(1)
                continue
            yield p, rec[2]  # touched: the worker compares content hashes before parsing
        else:
            yield p, None


def _chunks(it: Iterator[Any], n: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def _prepare_gazetteer() -> None:
    """Build the gazetteer index once here, before workers would race to build it."""
    try:
        from .gazetteer import Gazetteer
    except ImportError:
        return
    g = Gazetteer.open()
    close = getattr(g, "close", None)
    if callable(close):
        close()


def _mp_context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    workers: int | None = None,
    progress: bool = True,
    scheduler: Any = None,
    geocoder: Any = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; returns counts and the error lines.

    ``workers``: processes (default: setting ``workers``; 0 = one per core; 1 = in this process).
    ``scheduler``: a dask.distributed scheduler address or ``Client``; reading and geoparsing then
    run on the cluster (its workers must see the same paths) and this process writes the store.
    ``geocoder``: optional online fallback (``mapapp.geocoders``); with one, geoparsing runs in
    this process so the geocoder's rate limit and cache hold.
    """
    from tqdm import tqdm

    t0 = time.monotonic()
    report = IngestReport()
    paths = [Path(p) for p in paths]
    existing = []
    for p in paths:
        if p.exists():
            existing.append(p)
        else:
            line = one_line(f"{p}: no such file or directory")
            report.errors.append(line)
            print(f"mapapp: {line}", file=sys.stderr)
    total = sum(1 for _ in _list_files(existing))  # a cheap listing pass, for the ETA
    bar = tqdm(total=total, unit="file", desc="ingest", disable=not progress, file=sys.stderr,
               dynamic_ncols=True, smoothing=0.1, mininterval=0.5)  # fmt: skip
    writer = _Writer(store, report, bar)
    tasks = _tasks(existing, store, report, bar)
    try:
        if scheduler is not None:
            _run_dask(scheduler, tasks, writer, geocoder)
        else:
            n = _workers(workers)
            if geocoder is not None or n == 1 or total <= CHUNK_FILES:
                for chunk in _chunks(tasks, 1):
                    writer.add(process_chunk(chunk, geocoder))
            else:
                _prepare_gazetteer()
                _run_pool(n, tasks, writer)
    finally:
        try:
            writer.flush()  # what was read before an error or Ctrl-C is kept
        finally:
            bar.close()
            report.seconds = time.monotonic() - t0
    return report


def _run_pool(n: int, tasks: Iterator[tuple[str, str | None]], writer: _Writer) -> None:
    chunks = _chunks(tasks, CHUNK_FILES)
    with ProcessPoolExecutor(max_workers=n, mp_context=_mp_context(), initializer=_init_pool_worker,
                             initargs=(None,)) as pool:  # fmt: skip
        pending: set[Future] = set()
        try:
            for chunk in chunks:
                pending.add(pool.submit(process_chunk, chunk))
                if len(pending) >= n * PENDING_PER_WORKER:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        writer.add(fut.result())
            for fut in _as_done(pending):
                writer.add(fut.result())
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise


def _as_done(pending: set[Future]) -> Iterator[Future]:
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from done


def _run_dask(scheduler: Any, tasks: Iterator[tuple[str, str | None]], writer: _Writer, geocoder: Any) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise RuntimeError("--scheduler needs dask.distributed: pip install 'mapapp[cluster]'") from exc
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    try:
        n = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()))
        chunks = _chunks(tasks, CHUNK_FILES)
        first = [c for _, c in zip(range(n * PENDING_PER_WORKER), chunks)]
        futures = client.map(process_chunk, first, geocoder=geocoder, pure=False)
        ac = as_completed(futures)
        for fut in ac:
            results = fut.result()
            fut.release()
            nxt = next(chunks, None)
            if nxt is not None:
                ac.add(client.submit(process_chunk, nxt, geocoder=geocoder, pure=False))
            writer.add(results)
    finally:
        if own:
            client.close()


__all__ = ["ingest", "IngestReport", "FileResult", "process_file", "process_chunk", "make_geoparser"]
