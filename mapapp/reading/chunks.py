"""Big record files (``.jsonl``, ``.csv``/``.tsv``, ``.json`` arrays) cut into chunks that any
worker can read on its own, so one huge file uses every core and is never held whole.

:func:`scan` reads a file once, in blocks (memory bounded by the block size and the longest
record), and yields :class:`Chunk` byte ranges that always end at a record boundary, with the
SHA-256 of each range and the line (JSON lines, CSV) or record index (JSON arrays) it starts at,
so messages keep the file's own line numbers. The same pass hashes the whole file.

* **JSON lines**: a record ends at every newline.
* **CSV/TSV**: a quoted field may hold newlines, so boundaries come from the ``csv`` module
  itself (the same dialect the reader uses), fed the file line by line: a row ends exactly where
  the reader stopped consuming lines, never inside a quoted field. A file the ``csv`` module
  cannot parse becomes one last chunk from the bad row on, which the worker reports.
* **JSON arrays**: a byte state machine (strings, escapes, nesting) finds the commas between
  the array's items; a chunk is a run of whole items, read by wrapping it in ``[...]``.
* **JSON streams** (objects one after another over many lines each: ``jq`` without ``-c``): the
  same machine finds where each object closes. A file named ``.jsonl`` is cut as what its first
  line shows it is (:func:`~mapapp.reading.formats.jsonl_shape`): lines, an array or a stream.

Boundaries are **content-defined**: a chunk ends after a record whose CRC-32 has its low bits
zero once the chunk is at least :data:`MIN_BYTES` long (or at :data:`MAX_BYTES`). An edit in
the middle of a file therefore changes only the chunks around it; the others keep their bytes,
starting line and hash, and ingest skips them (it stores which chunks it finished).

Files that cannot be cut this way (UTF-16/32, a JSON object rather than an array) are read whole
by the ordinary reader (:data:`Scan.whole` says why).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from mapapp.limits import check
from mapapp.models import Article, ReadError
from mapapp.reading.decode import record_encoding
from mapapp.reading.files import BadFile, max_file_bytes, open_regular
from mapapp.reading.formats import (
    csv_header,
    csv_limit,
    csv_records,
    excel_sep,
    json_record,
    json_stream,
    jsonl_lines,
    jsonl_shape,
)

BLOCK = 1 << 20  # bytes read at a time
MIN_BYTES = 128 * 1024  # a chunk ends at the first record boundary past this whose CRC says so ...
MAX_BYTES = 1024 * 1024  # ... or at the first boundary past this
_CUT_MASK = 7  # ... the CRC's low 3 bits zero: about one record in 8
SPLIT_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".json")


@dataclass(frozen=True)
class Chunk:
    """A byte range ``[start, end)`` of a record file holding whole records (pickled to workers)."""

    kind: str  # 'jsonl' | 'csv' | 'json' (an array) | 'jsonseq' (a stream of objects)
    start: int
    end: int
    first: int  # line number (JSON lines, CSV) or 1-based record index (JSON array, stream) of its first record
    sha: str  # SHA-256 of its bytes: the worker checks the file did not change meanwhile
    encoding: str = "utf-8"
    header: tuple[str, ...] = ()  # CSV: the header row (lower case), what each row's cells are
    delimiter: str = ","
    broken: str = ""  # the scan could not parse from here on: the worker reports this

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass
class Scan:
    """The result of :func:`scan`: iterate :meth:`chunks`; then ``sha`` is the file's hash."""

    path: Path
    kind: str
    whole: str = ""  # non-empty: not cut (why); read the file whole instead
    sha: str | None = None
    size: int = 0
    encoding: str = "utf-8"
    _header: tuple[str, ...] = ()
    _delimiter: str = ","
    _skip: int = 0  # lines before a CSV header (Excel's "sep=;")
    _fh: BinaryIO | None = field(default=None, repr=False)

    def chunks(self) -> Iterator[Chunk]:
        if self.whole:
            return
        assert self._fh is not None
        try:
            yield from _CUTTERS[self.kind](self, self._fh)
        finally:
            self._fh.close()


class _Cutter:
    """Tracks the chunk being built: its start, hash and first line; says when to cut."""

    def __init__(self, kind: str, start: int, first: int, **extra: Any) -> None:
        self.kind, self.start, self.first, self.extra = kind, start, first, extra
        self.h = hashlib.sha256()
        self.fed = 0

    def feed(self, data: bytes) -> None:
        self.h.update(data)
        self.fed += len(data)

    def due(self, end: int, crc: int) -> bool:
        n = end - self.start
        return n >= MAX_BYTES or (n >= MIN_BYTES and (crc & _CUT_MASK) == 0)

    def cut(self, end: int, next_start: int, next_first: int, broken: str = "") -> Chunk:
        c = Chunk(self.kind, self.start, end, self.first, self.h.hexdigest(), broken=broken, **self.extra)
        self.start, self.first, self.h, self.fed = next_start, next_first, hashlib.sha256(), 0
        return c


def scan(path: str | Path) -> Scan:
    """Open ``path`` and decide how it is cut; raises :class:`BadFile` for an unreadable one."""
    p = Path(path)
    kind = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".json": "json"}[p.suffix.lower()]
    fh = open_regular(p)
    try:
        size = fh.seek(0, io.SEEK_END)
        fh.seek(0)
        if size == 0:
            raise BadFile("empty file (0 bytes)")
        enc = record_encoding(fh)
        if enc is not None and (enc.startswith(("utf-16", "utf-32")) or kind == "json" and not enc.startswith("utf-8")):
            fh.close()  # not cut at bytes: read whole by the ordinary reader
            return Scan(p, kind, whole=f"{enc} text", size=size)
        if kind == "jsonl":
            shape = jsonl_shape(fh.read(65536).decode(enc or "utf-8", errors="replace"))
            fh.seek(0)
            kind = {"array": "json", "stream": "jsonseq"}.get(shape, kind)
            if kind != "jsonl" and enc is not None and not enc.startswith("utf-8"):
                fh.close()
                return Scan(p, kind, whole=f"{enc} text", size=size)
        s = Scan(p, kind, size=size, encoding=enc or "utf-8", _fh=fh)
        if kind == "csv":
            s._header, s._delimiter, s._skip = _csv_head(fh, s.encoding, p.suffix.lower())
        elif kind == "json":
            head = fh.read(4096).lstrip(codecs.BOM_UTF8).lstrip()
            fh.seek(0)
            if not head.startswith(b"["):
                fh.close()
                return Scan(p, kind, whole="not a JSON array", size=size)
        return s
    except BaseException:
        fh.close()
        raise


def _csv_head(fh: BinaryIO, enc: str, suffix: str) -> tuple[tuple[str, ...], str, int]:
    """The header, the delimiter and how many lines come before the header (Excel's ``sep=``)."""
    first = fh.readline(1 << 20)
    try:
        text = first.decode(enc if enc != "utf-8" else "utf-8-sig")
        sep = excel_sep(text)
        if sep is not None:
            text = fh.readline(1 << 20).decode(enc)
    except UnicodeDecodeError:
        raise BadFile("binary file (undecodable)") from None
    finally:
        fh.seek(0)
    header, delim = csv_header(text, suffix, sep)
    return tuple(header), delim, 0 if sep is None else 1


def _lines(fh: BinaryIO, h: Any) -> Iterator[tuple[int, bytes]]:
    """``(offset, line)`` for every line of ``fh`` (with its newline), read in blocks; ``h``
    (the file's hash) is fed every byte."""
    pos = 0
    rest = b""
    while True:
        check()
        block = fh.read(BLOCK)
        if not block:
            break
        h.update(block)
        seen = len(rest)  # bytes of ``rest`` already searched for a newline
        if rest:
            block = rest + block
        i = 0
        while True:
            j = block.find(b"\n", max(i, seen))
            if j < 0:
                break
            yield pos, block[i : j + 1]
            pos += j + 1 - i
            i = j + 1
        rest = block[i:]
        if len(rest) > BLOCK * 64:  # a huge line: hand it on in pieces rather than hold it
            yield pos, rest
            pos += len(rest)
            rest = b""
    if rest:
        yield pos, rest


def _bom(fh: BinaryIO) -> int:
    head = fh.read(3)
    fh.seek(0)
    return 3 if head == codecs.BOM_UTF8 else 0


def _scan_lines_file(self: Scan, fh: BinaryIO) -> Iterator[Chunk]:
    h = hashlib.sha256()
    start = _bom(fh)
    cutter = _Cutter("jsonl", start, 1, encoding=self.encoding)
    line = 1
    end = start
    for off, data in _lines(fh, h):
        if off < start:  # the BOM
            data = data[start - off :]
            off = start
        cutter.feed(data)
        end = off + len(data)
        if data.endswith(b"\n"):
            line += 1
            if cutter.due(end, zlib.crc32(data)):
                yield cutter.cut(end, end, line)
    if end > cutter.start:
        yield cutter.cut(end, end, line)
    self.sha = h.hexdigest()


def _scan_csv_file(self: Scan, fh: BinaryIO) -> Iterator[Chunk]:
    h = hashlib.sha256()
    enc = self.encoding if self.encoding != "utf-8" else "utf-8-sig"
    state = {"end": 0, "crc": 0, "line": 0}
    lines = _lines(fh, h)
    pending: list[bytes] = []

    def text() -> Iterator[str]:
        for off, data in lines:
            pending.append(data)
            state["end"] = off + len(data)
            state["crc"] = zlib.crc32(data, state["crc"])
            state["line"] += 1
            yield data.decode(enc, errors="replace")

    reader = csv.reader(text(), delimiter=self._delimiter, strict=True)
    try:
        for _ in range(1 + self._skip):
            next(reader)  # the header (after Excel's "sep=;")
    except (StopIteration, csv.Error):
        pass
    pending.clear()
    cutter = _Cutter(
        "csv", state["end"], state["line"] + 1, encoding=self.encoding, header=self._header, delimiter=self._delimiter
    )
    broken = ""
    while True:
        check()
        state["crc"] = 0
        try:
            next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the worker meets it too and says where; the rest is one chunk
            broken = f"malformed CSV ({exc})"
            break
        for data in pending:
            cutter.feed(data)
        pending.clear()
        if cutter.due(state["end"], state["crc"]):
            yield cutter.cut(state["end"], state["end"], state["line"] + 1)
    for data in pending:
        cutter.feed(data)
    pending.clear()
    for _off, data in lines:  # after a malformed row: the rest, unparsed
        cutter.feed(data)
        state["end"] = _off + len(data)
    if state["end"] > cutter.start:
        yield cutter.cut(state["end"], state["end"], 0, broken)
    self.sha = h.hexdigest()


_JSON_SPECIAL = re.compile(rb'[\[\]{}",\\]')


def _scan_json_file(self: Scan, fh: BinaryIO) -> Iterator[Chunk]:
    """Items of a top-level JSON array, cut at the commas between them, or the objects of a JSON
    stream, cut where each closes (nothing is decoded)."""
    h = hashlib.sha256()
    stream = self.kind == "jsonseq"
    depth = 0
    in_str = False
    skip_to = -1
    state = 1 if stream else 0  # 0: before the array, 1: in it, 2: after it
    cutter = _Cutter(self.kind, 0, 1)
    since_cut = 0  # a stream's objects closed since the last cut
    stuck = False  # a stream's bracket closed nothing: no more cuts, the worker reports where
    index = 0  # items before the current one
    seg = 0  # where the bytes not yet fed to the cutter start in the current block
    crc = 0
    base = 0
    broken = ""
    while not broken:
        check()
        block = fh.read(BLOCK)
        if not block:
            break
        h.update(block)
        seg = 0
        for m in _JSON_SPECIAL.finditer(block):
            i = base + m.start()
            if i < skip_to or state == 2 or stuck:
                continue
            c = block[m.start()]
            if in_str:
                if c == 0x5C:  # a backslash: the next byte is escaped
                    skip_to = i + 2
                elif c == 0x22:
                    in_str = False
                continue
            if c == 0x22:
                in_str = True
            elif c in (0x5B, 0x7B):  # [ {
                depth += 1
                if depth == 1 and not stream:
                    state = 1
                    cutter = _Cutter("json", i + 1, 1)
                    seg = m.start() + 1
            elif c in (0x5D, 0x7D) and stream:  # ] }
                depth -= 1
                if depth < 0:  # a bracket closing nothing: the worker reports where
                    stuck = True
                    continue
                if depth == 0:  # an object of the stream closes
                    piece = block[seg : m.start() + 1]
                    cutter.feed(piece)
                    crc = zlib.crc32(piece, crc)
                    index += 1
                    since_cut += 1
                    seg = m.start() + 1
                    if cutter.due(i + 1, crc):
                        yield cutter.cut(i + 1, i + 1, index + 1)
                        since_cut = 0
                    crc = 0
            elif c in (0x5D, 0x7D):  # ] }
                depth -= 1
                if depth == 0:  # the array closes: its last item ends here
                    cutter.feed(block[seg : m.start()])
                    if i > cutter.start and (cutter.fed or block[seg : m.start()].strip()):
                        yield cutter.cut(i, i, 0)
                    state = 2
            elif c == 0x2C and depth == 1 and not stream:  # a comma between two items
                piece = block[seg : m.start()]
                cutter.feed(piece)
                crc = zlib.crc32(piece, crc)
                index += 1
                if cutter.due(i, crc):
                    yield cutter.cut(i, i + 1, index + 1)
                else:
                    cutter.feed(b",")
                crc = 0
                seg = m.start() + 1
        if state == 1:
            piece = block[seg:]
            cutter.feed(piece)
            crc = zlib.crc32(piece, crc)
        base += len(block)
    for block in iter(lambda: fh.read(BLOCK), b""):
        h.update(block)
        base += len(block)
    if stream and (since_cut or depth or stuck):  # the last objects; one not closed is the worker's to report
        yield cutter.cut(base, base, 0)
    elif state == 1 and not stream:  # the array never closed: the worker reports it
        yield cutter.cut(base, base, 0, "malformed JSON (the array is not closed)")
    self.sha = h.hexdigest()


_CUTTERS = {"jsonl": _scan_lines_file, "csv": _scan_csv_file, "json": _scan_json_file, "jsonseq": _scan_json_file}


# --- the worker's side -------------------------------------------------------------------------


class ChunkChanged(Exception):
    """The file's bytes in a chunk's range are not the ones scanned (edited during the ingest)."""


def _range(p: Path, chunk: Chunk) -> bytes:
    limit = max_file_bytes()
    if chunk.size > max(limit, 2 * MAX_BYTES):
        raise BadFile(
            f"record at {where(chunk)} too large ({chunk.size / 1048576:.1f} MB; the limit is "
            f"{limit / 1048576:g} MB per record, setting max_file_mb)"
        )
    with open_regular(p) as fh:
        fh.seek(chunk.start)
        data = fh.read(chunk.size)
    if hashlib.sha256(data).hexdigest() != chunk.sha:
        raise ChunkChanged(f"changed while being ingested ({where(chunk)} differs from when it was scanned)")
    return data


def where(chunk: Chunk) -> str:
    """Where a chunk starts, in the user's terms (``line 120``, ``record 40``)."""
    return (
        f"{'record' if chunk.kind in ('json', 'jsonseq') else 'line'} {chunk.first}"
        if chunk.first
        else f"byte {chunk.start}"
    )


def read_chunk(p: Path, shown: str, chunk: Chunk, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """The articles (and record problems) of one chunk; raises :class:`BadFile` or
    :class:`ChunkChanged` for a problem with the chunk as a whole. Duplicate ids are found within
    the chunk here; across chunks, ingest finds them when it writes."""
    if chunk.broken and chunk.kind == "json":
        raise BadFile(chunk.broken)
    data = _range(p, chunk)
    seen: set[str] = set()
    if chunk.kind == "jsonl":
        enc = chunk.encoding

        def lines() -> Iterator[str | None]:
            for b in _nl_split(data):
                try:
                    yield b.decode(enc)
                except UnicodeDecodeError:
                    yield None

        yield from jsonl_lines(lines(), shown, user, first_line=chunk.first, seen=seen)
    elif chunk.kind == "csv":
        enc = chunk.encoding if chunk.encoding != "utf-8" else "utf-8-sig"
        text = data.decode(enc, errors="strict") if not chunk.broken else data.decode(enc, errors="replace")
        csv_limit()  # this worker may have read no CSV header yet
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=chunk.delimiter, strict=True)
        yield from csv_records(reader, list(chunk.header), shown, user, first_line=chunk.first, seen=seen)
    elif chunk.kind == "jsonseq":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadFile(f"invalid UTF-8 in the records from {where(chunk)} on") from None
        yield from json_stream(text, shown, user, first=chunk.first or 1, seen=seen)
    else:
        try:
            items = json.loads(b"[" + data + b"]")
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
            raise BadFile(f"malformed JSON in the records from {where(chunk)} on ({msg})") from None
        for k, rec in enumerate(items, chunk.first):
            check()
            yield from json_record(rec, shown, k, user, seen)


def _nl_split(data: bytes) -> list[bytes]:
    """Lines split at ``\\n`` only (``bytes.splitlines`` also splits at a lone ``\\r``)."""
    parts = data.split(b"\n")
    out = [x + b"\n" for x in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out
