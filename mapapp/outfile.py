"""Writing a file the user named (``export -o``, ``snapshot -o``, ``--png``, the app's assets).

The one home of "write a file atomically", because the naive ``mkstemp`` + ``os.replace`` has
three surprises for a user's path:

* the temporary file is 0600, so the result was 0600 (others could not read the map);
* ``os.replace`` replaces a *symbolic link* with a regular file (``-o /dev/stdout`` as root
  replaced the ``/dev/stdout`` link);
* a FIFO or a character device (``/dev/stdout``, ``/dev/null``, ``mkfifo``) cannot be renamed
  over at all: it must be written in place.

So: a regular file (or a path that does not exist yet) is written to a temporary file beside
the link's *target* and renamed over it (never a half-written file under the real name; an
existing file keeps its mode, a new one gets ``0666 & ~umask``; a link stays a link); anything
else under the name (FIFO, device, socket, ``/proc/self/fd/N``) is opened and written directly.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

_SPECIAL_PREFIXES = ("/dev/", "/proc/")


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (``/proc/self/status``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def _target(path: str | os.PathLike[str]) -> tuple[str, os.stat_result | None, bool]:
    """``(where to write, its stat or None, write in place?)`` for the path a user gave.

    Symbolic links are followed to their final target (a dangling one: where it points), so the
    link itself is never replaced. Paths under /dev or /proc (``/dev/stdout`` is a link to
    ``/proc/self/fd/1``, whatever that descriptor is) and non-regular files are written in place."""
    given = os.path.abspath(os.path.expanduser(os.fspath(path)))
    real = os.path.realpath(given)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    in_place = any(p.startswith(_SPECIAL_PREFIXES) for p in _link_chain(given)) or real.startswith(_SPECIAL_PREFIXES)
    if st is not None and not stat.S_ISREG(st.st_mode):
        in_place = True
    return (given if in_place else real), st, in_place


def _link_chain(path: str, limit: int = 40) -> list[str]:
    """``path`` and every path its symbolic links lead through (``a -> /dev/stdout ->
    /proc/self/fd/1``), so a link to a descriptor is written in place like the descriptor."""
    out = [path]
    for _ in range(limit):
        try:
            nxt = os.readlink(out[-1])
        except OSError:
            break
        out.append(os.path.normpath(os.path.join(os.path.dirname(out[-1]), nxt)))
    return out


@contextlib.contextmanager
def open_output(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """A file object for ``path``; its content appears under ``path`` only when the ``with``
    block ends without an exception (see the module docstring). ``mode`` is ``"w"`` or ``"wb"``."""
    if mode not in ("w", "wb"):
        raise ValueError(f"open_output mode must be 'w' or 'wb', not {mode!r}")
    binary = mode == "wb"
    kw: dict[str, Any] = {} if binary else {"encoding": encoding, "newline": newline}
    where, st, in_place = _target(path)
    if in_place:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(f"{path} is a directory")
        with open(where, mode, **kw) as fh:  # a FIFO, a device, /dev/stdout: no temp, no rename
            yield fh
        return
    with _replacing(where, st, suffix=".tmp") as tmp:
        with open(tmp, mode, **kw) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str], *, suffix: str = ".tmp") -> Iterator[str]:
    """A temporary path beside ``path``'s target, for writers that need a *path* (SQLite, NumPy):
    what the block leaves there replaces the target atomically when it ends without an exception
    (same mode, link and ownership rules as ``open_output``); on an exception it is removed.
    ``path`` must be a regular file or not exist yet (a cache, an index)."""
    where, st, in_place = _target(path)
    if in_place:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(f"{path} is a directory")
        raise ValueError(f"{path} is not a regular file: it cannot be replaced")
    with _replacing(where, st, suffix=suffix) as tmp:
        yield tmp


@contextlib.contextmanager
def _replacing(where: str, st: os.stat_result | None, *, suffix: str) -> Iterator[str]:
    folder = os.path.dirname(where)
    if st is None and not os.path.isdir(folder):
        raise FileNotFoundError(errno.ENOENT, "no such folder", folder)
    if st is not None and not os.access(where, os.W_OK):  # as `>` would: a file we may not write stays
        raise PermissionError(errno.EACCES, "permission denied", where)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(where)[:60]}.", suffix=suffix, dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        if st is not None and os.geteuid() == 0:  # root rewriting another user's file keeps its owner
            with contextlib.suppress(OSError):
                os.chown(tmp, st.st_uid, st.st_gid)
        os.replace(tmp, where)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_output(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` with ``open_output``; returns the path written."""
    with open_output(path, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(_target(path)[0])


__all__ = ["open_output", "replacing", "write_output"]
