"""User-supplied metadata: sidecars (``<file>.meta.json``) and folder tables (``metadata.csv``).

Its own module because it is how a user corrects an article without editing it: the readers only
merge what :func:`user_metadata` returns, and ingest only needs :func:`metadata_fingerprint` to
notice a changed sidecar or table.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import stat as stat_mod
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from mapapp.models import ReadError
from mapapp.reading.files import FOLDER_METADATA, SIDECAR_SUFFIX, open_regular, read_bytes

META_KEYS = ("title", "date", "source", "url", "author")


def _clean_meta(d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in META_KEYS:
        v = d.get(k)
        if v is None:
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool) and k != "date":
            v = str(v)
        if isinstance(v, str):
            v = v.strip()
            if not v:
                continue
        out[k] = v
    return out


def _read_sidecar(path: Path, errors: list[ReadError]) -> dict[str, Any]:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        raw = read_bytes(side)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        errors.append(ReadError(str(side), f"sidecar unreadable ({exc.strerror or exc}); article read without it"))
        return {}
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        errors.append(ReadError(str(side), f"sidecar is not valid JSON ({exc}); article read without it"))
        return {}
    except RecursionError:  # json recurses once per level: 100,000 nested brackets
        errors.append(ReadError(str(side), "sidecar is not valid JSON (nested too deeply); article read without it"))
        return {}
    if not isinstance(obj, dict):
        errors.append(
            ReadError(
                str(side), "sidecar must be a JSON object with title/date/source/url/author; article read without it"
            )
        )
        return {}
    unknown = sorted(set(obj) - set(META_KEYS))
    meta = _clean_meta(obj)
    if unknown:
        errors.append(ReadError(str(side), f"unknown sidecar keys {unknown} ignored (allowed: {', '.join(META_KEYS)})"))
    return meta


@lru_cache(maxsize=64)
def _folder_table(csv_path: str, mtime_ns: int, size: int) -> tuple[dict[str, dict[str, Any]], str | None]:
    rows: dict[str, dict[str, Any]] = {}
    try:
        with io.TextIOWrapper(open_regular(csv_path), encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fields = [f.strip().lower() for f in (reader.fieldnames or [])]
            if "file" not in fields:
                return {}, "metadata.csv needs a header row with a 'file' column (file,title,date,source,url)"
            reader.fieldnames = fields
            for row in reader:
                f = (row.get("file") or "").strip().replace("\\", "/") if isinstance(row.get("file"), str) else ""
                while f.startswith("./"):
                    f = f[2:]
                if f:
                    rows[f] = _clean_meta({k: (v if isinstance(v, str) else None) for k, v in row.items() if k})
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return {}, f"metadata.csv unreadable ({exc})"
    return rows, None


_scan = threading.local()


@contextlib.contextmanager
def folder_scan() -> Iterator[None]:
    """Within this block the ``metadata.csv`` files above a folder are looked up once per folder,
    not once per article file: ingest reads a few files of one folder per task, and stating every
    folder up to the root for each file cost more than reading the file itself."""
    _scan.tables = {}
    try:
        yield
    finally:
        _scan.tables = None


def _tables_above(folder: Path) -> list[tuple[Path, os.stat_result]]:
    """The ``metadata.csv`` files in ``folder`` and the folders above it (nearest first)."""
    memo = getattr(_scan, "tables", None)
    key = str(folder)
    if memo is not None and key in memo:
        return memo[key]
    out = []
    for _ in range(64):
        table = folder / FOLDER_METADATA
        try:
            st = table.stat()
        except OSError:
            st = None
        if st is not None and stat_mod.S_ISREG(st.st_mode):
            out.append((table, st))
        if folder.parent == folder:
            break
        folder = folder.parent
    if memo is not None:
        memo[key] = out
    return out


def _folder_meta(path: Path, errors: list[ReadError]) -> dict[str, Any]:
    for table, st in _tables_above(path.parent):
        folder = table.parent
        rows, err = _folder_table(str(table), st.st_mtime_ns, st.st_size)
        if err:
            # only the table of the file's own folder is reported: a stray metadata.csv far
            # above (in a home folder, say) must not put an error on every article
            if folder == path.parent:
                errors.append(ReadError(str(table), err + "; article read without it"))
            continue
        try:
            rel = path.relative_to(folder).as_posix()
        except ValueError:
            rel = path.name
        if rel in rows:
            return rows[rel]
    return {}


def metadata_fingerprint(path: str | os.PathLike) -> str:
    """A short string that changes when the user metadata of ``path`` (sidecar or a
    ``metadata.csv`` above it) changes: ingest can add it to the file's own hash."""
    p = Path(path).resolve()
    parts = []
    side = p.with_name(p.name + SIDECAR_SUFFIX)
    try:
        st = side.stat()
        parts.append(f"{side}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        pass
    for table, st in _tables_above(p.parent):
        parts.append(f"{table}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:16] if parts else ""


def merge(*layers: dict[str, Any]) -> dict[str, Any]:
    """Merge metadata layers, earlier ones winning."""
    out: dict[str, Any] = {}
    for layer in layers:
        for k, v in layer.items():
            if k not in out and v not in (None, ""):
                out[k] = v
    return out


def user_metadata(path: Path, errors: list[ReadError]) -> dict[str, Any]:
    """The corrections for ``path``: its sidecar over the nearest ``metadata.csv`` row. Problems
    with either are appended to ``errors`` (the article is read without them)."""
    return merge(_read_sidecar(path, errors), _folder_meta(path, errors))
