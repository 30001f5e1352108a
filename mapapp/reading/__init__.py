"""Reading article files into cleaned :class:`~mapapp.models.Article` records. Never raises.

Everything here streams: folders are walked lazily (sorted, hidden entries skipped), JSON-lines
and CSV files are read one record at a time, and a bad file or record becomes one
:class:`~mapapp.models.ReadError` (``"<path>: <reason>"``) while the rest goes on.

Formats
-------
* ``.txt`` / ``.md`` / ``.markdown`` / ``.text``: one article. An optional title line (a short
  first line without final punctuation), an optional header line such as
  `` date 2020-07-29 By Trend`` (site boilerplate before ``date`` is dropped; ``By ...`` is the
  author), then the body. "..., Trend reports" / "Azertag has reported" / "according to SİA."
  names the outlet when no metadata does. Markdown links ``[text](url)`` become ``text`` and
  backslash escapes (``\\(EDM#717\\)``) are undone. Site boilerplate ("Follow us on Twitter ...",
  subscription pleas, "Thank you!", "Bütün xəbərlər Facebook səhifəmizdə", a trailing ``---``
  block) is removed. The title line stays in the text (its places are mentions too); the header
  line does not. Paragraph breaks are kept.
* ``.html`` / ``.htm``: title (``og:title``, ``<h1>``, ``<title>``), published date
  (``article:published_time`` and similar metas, ``<time datetime>``), source (``og:site_name``),
  url (``<link rel=canonical>``, ``og:url``), author (``<meta name=author>``); the body text of
  ``<article>`` (or ``<body>``) without script/style/nav/header/footer/aside/form.
* ``.json`` (one object, or an array of objects), ``.jsonl`` / ``.ndjson`` (one object per line),
  ``.csv`` / ``.tsv`` (a header row; ``,`` ``;`` tab or ``|`` separated): one article per record, its
  fields found under the names :data:`mapapp.reading.formats._FIELDS` lists (``text|body|content``
  ..., ``title|headline``, ``date|published`` ..., ``source|outlet`` ..., ``url|link``, ``id|guid``,
  ``author|byline``); an HTML fragment in the text is read as its page shows it.

User-supplied metadata (correct an article without editing it)
------------------------------------------------------------
* **Sidecar** ``<file>.meta.json`` beside the file (``story.txt`` -> ``story.txt.meta.json``):
  a JSON object with any of ``title``, ``date`` (``YYYY-MM-DD``), ``source``, ``url``,
  ``author``. Its values override what the file itself says. For a multi-record file
  (JSON/JSONL/CSV) they fill in what a record leaves empty.
* **Folder table** ``metadata.csv`` in the file's folder (or any folder above it): a header row
  ``file,title,date,source,url`` (``author`` optional), ``file`` relative to the folder of
  ``metadata.csv`` (``/`` separators). The nearest table with a row for the file is used; a
  sidecar beats it, and it beats the text. Empty cells mean "no correction".

Sidecars and ``metadata.csv`` are never read as articles. A bad sidecar/table row is reported
as a ReadError and the article is still read without it.

Identity
--------
``Article.id`` is the file's resolved absolute path (single-article files) or
``<path>#<record id>`` (``#<line number>`` for JSONL/CSV records without an id, ``#<index>`` for
JSON array items without one): stable across runs, independent of content. When a stored file
turns up at a new path with the same bytes and its old path is gone (a moved folder), ingest
rewrites its ids and paths in place (``Store.move_file``) rather than storing it twice.
``Article.content_hash`` is the SHA-256 of the cleaned text and the metadata, so an edited file
keeps its id and gets a new hash (:func:`mapapp.models.content_hash`).

Modules (each one idea; imports only run down this list, no cycles)
-------------------------------------------------------------------
``files`` (listing with the symlink policy, :func:`open_regular`, the size limit), ``decode``
(bytes to text), ``clean`` (plain-text and Markdown cleaning), ``htmltext`` (HTML to text and
metadata), ``metadata`` (sidecars and ``metadata.csv``), ``build`` (one Article from text and
metadata), ``formats`` (one reader per format in :data:`READERS`, keyed by suffix). This
package joins them: list the files, look up the reader for a suffix, turn failures into
``ReadError``s. Callers import from here.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from mapapp.models import Article, ReadError, printable
from mapapp.reading.clean import clean_text
from mapapp.reading.files import (
    FOLDER_METADATA,
    SIDECAR_SUFFIX,
    BadFile,
    NotRegularFile,
    check_file,
    list_files,
    open_regular,
)
from mapapp.reading.formats import READERS, SUPPORTED_SUFFIXES, reader_for
from mapapp.reading.metadata import folder_scan, metadata_fingerprint, user_metadata

__all__ = [
    "iter_files",
    "read_file",
    "read_path",
    "clean_text",
    "metadata_fingerprint",
    "folder_scan",
    "open_regular",
    "NotRegularFile",
    "READERS",
    "SUPPORTED_SUFFIXES",
    "SIDECAR_SUFFIX",
    "FOLDER_METADATA",
]


def iter_files(
    paths: Iterable[str | os.PathLike] | str | os.PathLike, ignored: Counter[str] | None = None
) -> Iterator[Path | ReadError]:
    """The article files under ``paths`` (files and folders, recursively), lazily.

    Folders are walked in sorted order; hidden files and folders (``.name``), sidecars
    (``*.meta.json``), ``metadata.csv`` and files of unsupported types are skipped there. A file
    named explicitly is yielded (even a missing one, so :func:`read_file` reports it), except
    sidecars and ``metadata.csv``, which are never articles (``mapapp ingest news/*`` is fine).

    A symbolic link met in a folder is followed only when it points inside that folder (unless
    the setting ``follow_symlinks`` is on): a corpus must not be able to pull ``~/.ssh`` or
    ``/etc`` into the store and the app. Each refused link is yielded as a ``ReadError``.
    ``ignored`` (when given) counts the folders' files of other types by suffix."""
    return list_files(paths, SUPPORTED_SUFFIXES, ignored)


def read_path(path: str | os.PathLike) -> Iterator[Article | ReadError]:
    """Every article (or error) of a file or a folder (recursively, sorted), streaming."""
    for f in iter_files([path]):
        if isinstance(f, ReadError):
            yield f
        else:
            yield from read_file(f)


def read_file(path: str | os.PathLike) -> Iterator[Article | ReadError]:
    """Articles of one file, then/or the problems met (ReadError). Never raises."""
    p = Path(path)
    try:
        p = p.resolve()
    except (OSError, RuntimeError, ValueError):
        pass
    shown = printable(str(p))  # what ids, the store and messages carry; ``p`` opens the file
    try:
        yield from _read_file(p, shown)
    except BadFile as exc:
        yield ReadError(shown, str(exc))
    except FileNotFoundError:
        yield ReadError(shown, "file disappeared (not found when read)")
    except PermissionError:
        yield ReadError(shown, "permission denied")
    except IsADirectoryError:
        yield ReadError(shown, "is a folder, not a file")
    except NotRegularFile as exc:
        yield ReadError(shown, exc.strerror or "not a regular file")
    except MemoryError:
        yield ReadError(shown, "file too large to read in memory")
    except OSError as exc:
        yield ReadError(shown, f"could not be read ({exc.strerror or exc})")
    except Exception as exc:  # noqa: BLE001 - a reader never raises
        yield ReadError(shown, f"could not be read ({type(exc).__name__}: {exc})")


def _read_file(p: Path, shown: str) -> Iterator[Article | ReadError]:
    check_file(p, SUPPORTED_SUFFIXES)
    errors: list[ReadError] = []
    user = user_metadata(p, errors)
    yield from errors
    yield from reader_for(p)(p, shown, user)
