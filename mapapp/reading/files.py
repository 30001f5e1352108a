"""Which files are articles, and opening them safely.

Its own module because it is the reader's only contact with the file system's dangers: the
symlink policy (a corpus must not pull ``~/.ssh`` into the store), FIFOs and devices that would
block a reader for ever, and the size limit. Everything else reads bytes through
:func:`open_regular`.
"""

from __future__ import annotations

import io
import os
import re
import stat as stat_mod
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from mapapp import settings
from mapapp.models import ReadError

SIDECAR_SUFFIX = ".meta.json"
FOLDER_METADATA = "metadata.csv"


class BadFile(Exception):
    """A file-level problem: becomes one ReadError."""


class NotRegularFile(OSError):
    """A FIFO, device or socket where a file was expected: opening it could block for ever."""


# --- listing ---------------------------------------------------------------------------------


def _is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$") or name.endswith("~")


# what a browser's "Save page as ... complete" names the folder beside ``X.html`` (in its locales)
_RESOURCE_FOLDER = re.compile(r"(.+?)(?:_files|-Dateien|_fichiers|_archivos|_arquivos|_file|_bestanden|_pliki|\.files)")


def _page_resources(name: str, pages: set[str]) -> bool:
    """``X_files`` beside ``X.html``: the saved page's scripts, images and ad frames (``.htm``
    files too), no articles of their own."""
    m = _RESOURCE_FOLDER.fullmatch(name)
    return m is not None and m.group(1) in pages


def file_kind(name: str) -> str:
    """A file's type as its name says it: ``.jsonl``, or ``.jsonl.gz`` for a gzipped one (what
    :data:`mapapp.reading.formats.READERS` is keyed by, and what a summary counts)."""
    low = name.lower()
    return "".join(Path(low).suffixes[-2:]) if low.endswith(".gz") else Path(low).suffix


def is_metadata_file(name: str) -> bool:
    """Sidecars and ``metadata.csv`` are user metadata, never articles."""
    low = name.lower()
    return low.endswith(SIDECAR_SUFFIX) or low == FOLDER_METADATA


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _walk(
    folder: Path,
    seen: set[tuple[int, int]],
    root: str,
    follow: bool,
    suffixes: tuple[str, ...],
    ignored: Counter[str] | None = None,
) -> Iterator[Path | ReadError]:
    try:
        st = folder.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:  # symlink loop
        return
    seen.add(key)
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not _is_hidden(e.name)), key=lambda e: e.name)
    except OSError:
        seen.discard(key)
        return
    pages = {n.rsplit(".", 1)[0] for n in (e.name for e in entries) if n.lower().endswith((".html", ".htm"))}
    for e in entries:
        try:
            is_dir = e.is_dir()
            is_link = e.is_symlink()
        except OSError:
            continue
        if is_dir and pages and _page_resources(e.name, pages):
            continue
        if not is_dir and (is_metadata_file(e.name) or not e.name.lower().endswith(suffixes)):
            if ignored is not None and not is_metadata_file(e.name):
                ignored[file_kind(e.name) or "(no extension)"] += 1
            continue
        if is_link and not follow and not _inside(os.path.realpath(e.path), root):
            yield ReadError(
                e.path,
                "a symbolic link to outside the folder being ingested: not followed "
                "(name its target to ingest it, or set follow_symlinks)",
            )
            continue
        if is_dir:
            yield from _walk(Path(e.path), seen, root, follow, suffixes, ignored)
        else:
            yield Path(e.path)
    seen.discard(key)


def list_files(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    suffixes: tuple[str, ...],
    ignored: Counter[str] | None = None,
) -> Iterator[Path | ReadError]:
    """The files under ``paths`` whose names end with one of ``suffixes``, lazily (see
    :func:`mapapp.reading.iter_files`, which passes the suffixes of the known formats).
    ``ignored`` counts, by suffix, the other files met in folders (so a folder of ``.gz`` dumps
    is not "0 files" without a word)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    follow = bool(settings.get("follow_symlinks"))
    for p in paths:
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, set(), os.path.realpath(path), follow, suffixes, ignored)
        elif not is_metadata_file(path.name):
            yield path


# --- opening ---------------------------------------------------------------------------------


def open_regular(path: str | os.PathLike) -> io.BufferedReader:
    """``open(path, "rb")`` for regular files only. The file is opened without blocking and
    checked on the open descriptor, so a FIFO or ``/dev/zero`` (even one swapped in after a
    listing) is refused at once instead of hanging the reader."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    st = os.stat(path)
    if not stat_mod.S_ISREG(st.st_mode):
        raise NotRegularFile(0, not_regular(st.st_mode), str(path))
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode):
            raise NotRegularFile(0, not_regular(st.st_mode), str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def not_regular(mode: int) -> str:
    what = (
        "a FIFO"
        if stat_mod.S_ISFIFO(mode)
        else "a device"
        if stat_mod.S_ISCHR(mode) or stat_mod.S_ISBLK(mode)
        else "a socket"
        if stat_mod.S_ISSOCK(mode)
        else "not a file"
    )
    return f"not a regular file ({what}): skipped"


def read_bytes(path: Path) -> bytes:
    with open_regular(path) as fh:
        return fh.read()


def max_file_bytes() -> int:
    """The setting ``max_file_mb`` in bytes: the most a file, a record, or what a compressed file
    or archive holds once decompressed, may be."""
    return int(float(settings.get("max_file_mb")) * 1024 * 1024)


def check_file(p: Path, suffixes: tuple[str, ...]) -> os.stat_result:
    """The stat of ``p`` if it is a regular article file of a known type within the size limit
    (setting ``max_file_mb``) and not empty; otherwise :class:`BadFile` saying why."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise BadFile("file disappeared (not found when read)") from None
    if stat_mod.S_ISDIR(st.st_mode):
        raise BadFile("is a folder, not a file")
    if not stat_mod.S_ISREG(st.st_mode):
        raise BadFile(not_regular(st.st_mode))
    if is_metadata_file(p.name):
        raise BadFile("is a metadata file (sidecar or metadata.csv), not an article")
    if not p.name.lower().endswith(suffixes):
        suffix = file_kind(p.name)
        shown = " ".join(s for s in suffixes if not s.endswith(".gz"))
        raise BadFile(
            f"unsupported file type {suffix or '(no extension)'!r} (supported: {shown}, and each of them gzipped)"
        )
    limit_mb = float(settings.get("max_file_mb"))
    if st.st_size > limit_mb * 1024 * 1024:
        raise BadFile(
            f"file too large ({st.st_size / 1048576:.1f} MB; the limit is {limit_mb:g} MB, setting max_file_mb)"
        )
    if st.st_size == 0:
        raise BadFile("empty file (0 bytes)")
    return st
