"""Reading files into cleaned :class:`~mapapp.models.Article` records. Never raises.

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
  ``.csv`` / ``.tsv`` (a header row; ``,`` ``;`` tab or ``|`` separated): one article per record, fields
  ``text|body|content|article|full_text``, ``title|headline``,
  ``date|published|publication_date|pubdate|published_at|datetime``,
  ``source|outlet|publisher|site_name``, ``url|link``, ``id|guid|uuid``, ``author|byline``.

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
keeps its id and gets a new hash.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import html
import io
import json
import os
import re
import stat as stat_mod
import threading
from datetime import datetime, timezone
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Iterator

from mapapp.geo import dates
from mapapp import settings
from mapapp.limits import MAX_AUTHOR, MAX_SOURCE, MAX_TITLE, MAX_URL, check, cut
from mapapp.models import Article, ReadError, printable

__all__ = [
    "iter_files",
    "read_file",
    "read_path",
    "clean_text",
    "metadata_fingerprint",
    "SUPPORTED_SUFFIXES",
    "SIDECAR_SUFFIX",
    "FOLDER_METADATA",
]

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
FOLDER_METADATA = "metadata.csv"
META_KEYS = ("title", "date", "source", "url", "author")

_FIELDS = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "article_text", "story"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publication_date", "pubdate", "pub_date", "published_at", "publish_date", "datetime", "date_published"),
    "source": ("source", "outlet", "publisher", "site_name", "site", "newspaper", "agency"),
    "url": ("url", "link", "href", "permalink"),
    "id": ("id", "guid", "uuid", "article_id", "doc_id", "record_id"),
    "author": ("author", "byline", "authors", "by"),
}


# --- listing ---------------------------------------------------------------------------------

def _is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$") or name.endswith("~")


def _is_metadata_file(name: str) -> bool:
    low = name.lower()
    return low.endswith(SIDECAR_SUFFIX) or low == FOLDER_METADATA


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _walk(folder: Path, seen: set[tuple[int, int]], root: str, follow: bool) -> Iterator[Path | ReadError]:
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
    for e in entries:
        try:
            is_dir = e.is_dir()
            is_link = e.is_symlink()
        except OSError:
            continue
        if not is_dir and (_is_metadata_file(e.name) or not e.name.lower().endswith(SUPPORTED_SUFFIXES)):
            continue
        if is_link and not follow and not _inside(os.path.realpath(e.path), root):
            yield ReadError(e.path, "a symbolic link to outside the folder being ingested: not followed "
                                    "(name its target to ingest it, or set follow_symlinks)")  # fmt: skip
            continue
        if is_dir:
            yield from _walk(Path(e.path), seen, root, follow)
        else:
            yield Path(e.path)
    seen.discard(key)


def iter_files(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterator[Path | ReadError]:
    """The article files under ``paths`` (files and folders, recursively), lazily.

    Folders are walked in sorted order; hidden files and folders (``.name``), sidecars
    (``*.meta.json``), ``metadata.csv`` and files of unsupported types are skipped there. A file
    named explicitly is yielded (even a missing one, so :func:`read_file` reports it), except
    sidecars and ``metadata.csv``, which are never articles (``mapapp ingest news/*`` is fine).

    A symbolic link met in a folder is followed only when it points inside that folder (unless
    the setting ``follow_symlinks`` is on): a corpus must not be able to pull ``~/.ssh`` or
    ``/etc`` into the store and the app. Each refused link is yielded as a ``ReadError``."""
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
            yield from _walk(path, set(), os.path.realpath(path), follow)
        elif not _is_metadata_file(path.name):
            yield path


def read_path(path: str | os.PathLike) -> Iterator[Article | ReadError]:
    """Every article (or error) of a file or a folder (recursively, sorted), streaming."""
    for f in iter_files([path]):
        if isinstance(f, ReadError):
            yield f
        else:
            yield from read_file(f)


# --- decoding --------------------------------------------------------------------------------

class _Bad(Exception):
    """A file-level problem: becomes one ReadError."""


class NotRegularFile(OSError):
    """A FIFO, device or socket where a file was expected: opening it could block for ever."""


def open_regular(path: str | os.PathLike) -> io.BufferedReader:
    """``open(path, "rb")`` for regular files only. The file is opened without blocking and
    checked on the open descriptor, so a FIFO or ``/dev/zero`` (even one swapped in after a
    listing) is refused at once instead of hanging the reader."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    st = os.stat(path)
    if not stat_mod.S_ISREG(st.st_mode):
        raise NotRegularFile(0, _not_regular(st.st_mode), str(path))
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode):
            raise NotRegularFile(0, _not_regular(st.st_mode), str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _not_regular(mode: int) -> str:
    what = ("a FIFO" if stat_mod.S_ISFIFO(mode) else "a device" if stat_mod.S_ISCHR(mode) or stat_mod.S_ISBLK(mode)
            else "a socket" if stat_mod.S_ISSOCK(mode) else "not a file")  # fmt: skip
    return f"not a regular file ({what}): skipped"


def _read_bytes(path: Path) -> bytes:
    with open_regular(path) as fh:
        return fh.read()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _detect_encoding(sample: bytes, whole: bool) -> str:
    """The encoding of a file from its first bytes (or all of them when ``whole``)."""
    for bom, enc in _BOMS:
        if sample.startswith(bom):
            return enc
    if b"\x00" in sample:
        raise _Bad("binary file (contains NUL bytes)")
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if not whole and exc.start >= len(sample) - 4:  # a character cut at the sample's end
            try:
                sample[: exc.start].decode("utf-8")
                return "utf-8"
            except UnicodeDecodeError:
                pass
    try:
        from charset_normalizer import from_bytes

        found = [m.encoding for m in from_bytes(sample)][:5]
    except Exception:  # noqa: BLE001
        found = []
    if not found:
        raise _Bad("binary file (not text in any known encoding)")
    # charset-normalizer is unsure on short texts (it reads "à" as cp1250 "ŕ"): among its
    # candidates and the two commonest legacy code pages, keep the most plausible reading.
    best, best_score = found[0], None
    for i, enc in enumerate(dict.fromkeys(found + ["cp1252", "cp1251"])):
        try:
            txt = sample.decode(enc, errors="strict" if whole else "ignore")
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(txt) - 0.01 * i + (0.5 if enc == "cp1252" else 0.0)
        if best_score is None or score > best_score:
            best, best_score = enc, score
    return best


_COMMON_LETTERS = set(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝœŒ"
    "ąćęłńśźżčďěňřšťůžőűğşıİəƏĞŞĄĆĘŁŃŚŹŻČĎĚŇŘŠŤŮŽŐŰ"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґІЇЄҐ"
    "“”‘’–—…«»€№°"
)
_WORD = re.compile(r"\w+")


def _plausibility(text: str) -> float:
    """Higher for text that reads like a human language: common letters, one script per word."""
    score = 0.0
    for ch in text:
        if ch < "\x80":
            continue
        if ch in _COMMON_LETTERS:
            score += 1
        elif ch.isalpha():
            score -= 0.5
        else:
            score -= 1
    for w in _WORD.findall(text):
        if not w.isascii() and re.search(r"[A-Za-z]", w) and re.search(r"[\u0400-\u04ff]", w):
            score -= 2  # Latin and Cyrillic letters in one word: a wrong code page
        elif len(w) > 2 and not re.search(r"[\u0400-\u04ff]", w):
            accented = sum(1 for c in w if not c.isascii())
            if accented * 2 > len(w):
                score -= accented * 1.5  # "Ìîñêâà": Cyrillic read as Latin-1
    return score


def _check_text(text: str) -> None:
    if not text.strip():
        raise _Bad("empty file (no text)")
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample))
    if bad > max(8, len(sample) // 50):
        raise _Bad("binary file (control characters, not text)")


def _decode(data: bytes) -> str:
    enc = _detect_encoding(data, True)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        raise _Bad(f"binary file (undecodable as {enc})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text)
    return text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> str:
    """HTML: a BOM, then the page's own ``<meta charset>``, then detection."""
    m = _META_CHARSET.search(data[:4096])
    if m and not any(data.startswith(b) for b, _ in _BOMS) and b"\x00" not in data[:4096]:
        enc = m.group(1).decode("ascii", "replace").lower()
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            _check_text(text)
            return text
    return _decode(data)


def _open_text(path: Path) -> io.TextIOWrapper:
    """A text stream over a record file, decoded with the encoding of its first 64 KiB."""
    fh = open_regular(path)
    try:
        sample = fh.read(1 << 16)
        enc = _detect_encoding(sample, len(sample) < (1 << 16))
        if enc.startswith("utf-8"):
            enc = "utf-8-sig"
        fh.seek(0)
        return io.TextIOWrapper(fh, encoding=enc, errors="strict", newline="")
    except BaseException:
        fh.close()
        raise


# --- text cleaning ---------------------------------------------------------------------------

# ``(?=(?P<w>\s*))(?P=w)`` is an atomic ``\s*`` (Python 3.10 has no possessive quantifiers): the
# spaces around a link's URL and title are taken once, so ``[a](`` and 256 KB of spaces is one
# linear scan instead of trying every way of sharing the spaces out (minutes of backtracking).
_MD_LINK = re.compile(
    r"!?\[((?:\\.|[^\[\]\\\n])*)\]\((?=(?P<w1>\s*))(?P=w1)(?:[^()\s\\]|\\.|\([^()\s]*\))*"
    r"(?:(?=(?P<w2>\s*))(?P=w2)\"[^\"\n]*\")?(?=(?P<w3>\s*))(?P=w3)\)"
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# whole lines that are site furniture
_BOILER_LINE = re.compile(
    r"""^\s*(?:
        follow\s+us\s+on\b.*
      | you\s+can\s+also\s+follow\b.*
      | here\s+we\s+are\s+to\s+serve\s+you\b.*
      | choose\s+to\s+support\b.*
      | by\s+subscribing\s+to\b.*
      | (?:please\s+)?subscribe\s+(?:to|on|now)\b.*
      | thank\s+you[!.]?
      | share\s+(?:this|on)\b.*
      | (?:read|see)\s+more\s*:?.{0,80}
      | (?:all\s+news|bütün\s+xəbərlər)\b.{0,60}(?:facebook|telegram|twitter|instagram).{0,40}
      | advertisement
      | related\s+(?:news|articles?|stories)\s*:?
      | ©.*|copyright\s+©?.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# boilerplate phrases removed wherever they stand (they glue onto header lines)
_BOILER_PHRASE = re.compile(r"B[üu]t[üu]n\s+x[əe]b[əe]rl[əe]r\s+Facebook\s+s[əe]hif[əe]mizd[əe]\.?", re.IGNORECASE)
_HEADER = re.compile(
    r"^(?P<pre>.*?)(?:^|\s)date\s+(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:\s+By\s+(?P<author>[^\n]{1,80}?))?\s*$",
    re.IGNORECASE,
)
# a line that is only a date ("March 01, 2008", "Published: 29.07.2020 10:30"): a dateline
_DATELINE = re.compile(
    r"^(?:(?:published|posted|updated|date)\s*:?\s*)?(?P<d>[\w.,/ -]{6,40}?)"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|[A-Z]{2,5}|[+-]\d{2}:?\d{2})?)?\s*$",
    re.IGNORECASE,
)
_SOURCE_VERB = re.compile(
    r"(?:[,;—–]\s*|\s-\s)(?P<src>(?:[A-Z][\w’'&.\-]*|[A-Z]{2,}[\w.-]*)(?:\s+(?:[A-Z][\w’'&.\-]*|news|\.az|\.com)){0,3})"
    r"\s+(?:reports|reported|has\s+reported|had\s+reported|informs|has\s+informed|writes|said\s+in\s+a\s+report)\b",
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[A-ZÀ-ÖØ-Ýİ][A-ZÀ-ÖØ-Ýİ0-9.\-]{1,10}|[A-Z][a-z]+(?:\s(?:News|Agency|Press|Times|Post|TV))+)(?=[.,;])")
_NOT_SOURCES = {"the", "he", "she", "it", "they", "we", "i", "media", "sources", "source", "reports", "report",
                "this", "that", "officials", "witnesses", "who", "which", "also", "earlier", "it was",
                "local media", "state media", "the report"}
_TITLE_END = re.compile(r"[.!?:;,\"'”’»)]\s*$")


def _strip_markdown(text: str) -> str:
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    return _MD_ESCAPE.sub(r"\1", text)


def _drop_trailing_block(lines: list[str]) -> list[str]:
    """Cut a final ``---`` block of site furniture, then trailing boilerplate lines."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 40), -1):
        if _RULE.match(lines[i]):
            tail = [ln for ln in lines[i + 1 :] if ln.strip()]
            size = sum(len(ln) for ln in tail)
            if not tail or size < 1500 and (any(_BOILER_LINE.match(ln) for ln in tail) or size < 300):
                lines = lines[:i]
            break
    while lines and (not lines[-1].strip() or _BOILER_LINE.match(lines[-1]) or _RULE.match(lines[-1])):
        lines.pop()
    return lines


def clean_text(raw: str) -> tuple[str, dict[str, Any]]:
    """Clean a plain-text/markdown article. Returns ``(text, found)`` where ``found`` may hold
    ``header`` (the header line), ``author``, ``title`` and ``source`` as the text gives them."""
    found: dict[str, Any] = {}
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    raw = _BOILER_PHRASE.sub("", raw)
    lines = raw.split("\n")
    # header line among the first non-empty lines
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()][:3]
    for i in nonempty:
        dl = _DATELINE.match(lines[i].strip()) if len(lines[i]) < 80 else None  # length first: cheap
        if dl and not dl.group("d").strip().isdigit():
            d = dates.parse_date_string(dl.group("d"))
            if d is not None:
                found["header"] = f"date {d.isoformat()}"
                lines[i] = ""
                break
        m = _HEADER.match(lines[i].strip()) if len(lines[i]) < 200 else None
        if m:
            found["header"] = lines[i].strip()
            if m.group("author"):
                found["author"] = m.group("author").strip()
            pre = m.group("pre").strip()
            if pre and not _BOILER_LINE.match(pre) and not _TITLE_END.search(pre) and len(pre) < 200:
                lines[i] = pre  # a title glued before the header
            else:
                lines[i] = ""
            break
    lines = [ln for ln in lines if not (_BOILER_LINE.match(ln) and len(ln) < 200 and _is_strong_boiler(ln))]
    lines = _drop_trailing_block(lines)
    text = "\n".join(ln.rstrip() for ln in lines)
    text = _strip_markdown(text)
    text = "\n".join(ln.rstrip(" \t") for ln in text.split("\n"))  # (r"[ \t]+\n" backtracked over long runs of spaces)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n").strip()
    # title: a short first line without final punctuation, followed by more text
    first, sep, rest = text.partition("\n")
    if sep and rest.strip() and first.strip() and len(first) <= 200 and len(first.split()) <= 30 and not _TITLE_END.search(first):
        found["title"] = first.strip()
    src = find_source(text)
    if src:
        found["source"] = src
    return text, found


def _is_strong_boiler(line: str) -> bool:
    """Boilerplate lines removed anywhere (not only at the end)."""
    return bool(re.match(r"\s*(?:follow\s+us\s+on|you\s+can\s+also\s+follow|by\s+subscribing|choose\s+to\s+support|here\s+we\s+are\s+to\s+serve)", line, re.I))


def find_source(text: str) -> str | None:
    """The outlet an article credits in its opening ("..., Trend reports", "Azertag has reported")."""
    head = text[:1500]
    for m in _SOURCE_VERB.finditer(head):
        src = m.group("src").strip(" .,")
        if src.lower() in _NOT_SOURCES or src.split()[0].lower() in _NOT_SOURCES:
            continue
        if len(src) > 40:
            continue
        return src
    m = _ACCORDING.search(head[:800])
    if m:
        return m.group("src").strip(" .")
    return None


# --- metadata --------------------------------------------------------------------------------

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
        raw = _read_bytes(side)
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
        errors.append(ReadError(str(side), "sidecar must be a JSON object with title/date/source/url/author; article read without it"))
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


# --- building articles -----------------------------------------------------------------------

def _now() -> datetime:
    return datetime.now(timezone.utc)


def _hash(text: str, title, published, source, url, author) -> str:
    h = hashlib.sha256()
    for part in (text, title, published.isoformat() if published else None, source, url, author):
        h.update(b"\x1f")
        h.update((part or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _build(
    art_id: str,
    path: str,
    raw_text: str,
    meta: dict[str, Any],
    errors: list[ReadError],
    where: str,
    clean: bool = True,
) -> Article | None:
    """One article from raw text and metadata (highest priority first: ``meta`` has been merged)."""
    if clean:
        text, found = clean_text(raw_text)
    else:
        text, found = raw_text.strip(), {}
        src = find_source(text)
        if src:
            found["source"] = src
    if not text.strip():
        errors.append(ReadError(path, f"{where}no article text (nothing left after removing markup and site boilerplate)"))
        return None
    mdate = meta.get("date")
    pub_meta = None
    if mdate not in (None, ""):
        pub_meta = dates.parse_date_string(mdate)
        if pub_meta is None:
            errors.append(ReadError(path, f"{where}date {str(mdate)[:40]!r} not understood (use YYYY-MM-DD); article kept without it"))
    now = _now()
    if pub_meta is not None and pub_meta > now.date():
        errors.append(ReadError(path, f"{where}date {pub_meta.isoformat()} is in the future; article kept without it"))
        pub_meta = None
    published, how = dates.publication_date(pub_meta, found.get("header", ""), text, now)
    title = meta.get("title") or found.get("title")
    source = meta.get("source") or found.get("source")
    url = meta.get("url")
    author = meta.get("author") or found.get("author")
    # capped here, once: a 2 MB title or outlet would otherwise reach every popup, table and export
    title = cut(printable(str(title)), MAX_TITLE) if title is not None else None
    source = cut(printable(str(source)), MAX_SOURCE) if source is not None else None
    url = printable(str(url)) if url is not None else None
    if url is not None and len(url) > MAX_URL:
        url = None  # a cut URL would lead somewhere else: none rather than a wrong one
    author = cut(printable(str(author)), MAX_AUTHOR) if author is not None else None
    return Article(
        id=printable(art_id),
        path=path,
        text=printable(text),
        title=title,
        published=published,
        published_how=how,
        source=source,
        url=url,
        author=author,
        content_hash=_hash(text, title, published, source, url, author),
    )


def _merge(*layers: dict[str, Any]) -> dict[str, Any]:
    """Merge metadata layers, earlier ones winning."""
    out: dict[str, Any] = {}
    for layer in layers:
        for k, v in layer.items():
            if k not in out and v not in (None, ""):
                out[k] = v
    return out


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
    except _Bad as exc:
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
    try:
        st = p.stat()
    except FileNotFoundError:
        raise _Bad("file disappeared (not found when read)") from None
    if stat_mod.S_ISDIR(st.st_mode):
        raise _Bad("is a folder, not a file")
    if not stat_mod.S_ISREG(st.st_mode):
        raise _Bad(_not_regular(st.st_mode))
    if _is_metadata_file(p.name):
        raise _Bad("is a metadata file (sidecar or metadata.csv), not an article")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _Bad(f"unsupported file type {suffix or '(no extension)'!r} (supported: {' '.join(SUPPORTED_SUFFIXES)})")
    limit_mb = float(settings.get("max_file_mb"))
    if st.st_size > limit_mb * 1024 * 1024:
        raise _Bad(f"file too large ({st.st_size / 1048576:.1f} MB; the limit is {limit_mb:g} MB, setting max_file_mb)")
    if st.st_size == 0:
        raise _Bad("empty file (0 bytes)")
    errors: list[ReadError] = []
    user = _merge(_read_sidecar(p, errors), _folder_meta(p, errors))
    yield from errors
    errors.clear()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(p, shown, user)
        return
    if suffix in CSV_SUFFIXES:
        yield from _read_csv(p, shown, user)
        return
    data = _read_bytes(p)
    text = _decode_html(data) if suffix in HTML_SUFFIXES else _decode(data)
    del data
    if suffix in TEXT_SUFFIXES:
        art = _build(shown, shown, text, user, errors, "")
    elif suffix in HTML_SUFFIXES:
        body, hmeta = _parse_html(text)
        art = _build(shown, shown, body, _merge(user, hmeta), errors, "", clean=True)
    else:  # json
        yield from _read_json(text, shown, user)
        return
    yield from errors
    if art is not None:
        yield art


# --- records ---------------------------------------------------------------------------------

def _pick(rec: dict[str, Any], role: str) -> Any:
    low = {str(k).strip().lower(): v for k, v in rec.items() if k is not None}
    for k in _FIELDS[role]:
        v = low.get(k)
        if v not in (None, ""):
            return v
    return None


def _record(
    rec: Any, shown: str, where: str, fallback_key: str, user: dict[str, Any], seen: set[str]
) -> Iterator[Article | ReadError]:
    if not isinstance(rec, dict):
        yield ReadError(shown, f"{where}not an object (got {type(rec).__name__})")
        return
    text = _pick(rec, "text")
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        text = "\n\n".join(text)
    if not isinstance(text, str) or not text.strip():
        yield ReadError(shown, f"{where}no text (expected a non-empty field {'/'.join(_FIELDS['text'][:3])})")
        return
    rid = _pick(rec, "id")
    if isinstance(rid, (dict, list)):
        rid = None
    key = str(rid).strip() if rid not in (None, "") else fallback_key
    if key in seen:
        yield ReadError(shown, f"{where}duplicate id {key!r} (record skipped)")
        return
    seen.add(key)
    meta: dict[str, Any] = {}
    for role in ("title", "date", "source", "url", "author"):
        v = _pick(rec, role)
        if isinstance(v, list) and role == "author":
            v = ", ".join(str(x) for x in v)
        if isinstance(v, dict):
            v = v.get("name") or v.get("title")
        if v not in (None, ""):
            meta[role] = v if role == "date" else str(v)
    meta = _merge(meta, user)  # the record's own fields first; sidecar fills gaps
    errors: list[ReadError] = []
    art = _build(f"{shown}#{key}", shown, text, meta, errors, where)
    yield from errors
    if art is not None:
        yield art


def _json_msg(exc: json.JSONDecodeError) -> str:
    return re.sub(r"\s+at$", "", exc.msg)  # "Unterminated string starting at" (a position follows)


def _read_json(text: str, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(f"malformed JSON ({_json_msg(exc)} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise _Bad("malformed JSON (nested too deeply)") from None
    if isinstance(obj, dict):
        for k in ("articles", "items", "records", "data", "docs"):
            if isinstance(obj.get(k), list) and _pick(obj, "text") is None:
                obj = obj[k]
                break
    if isinstance(obj, dict):
        text_ = _pick(obj, "text")
        if not isinstance(text_, str) or not text_.strip():
            raise _Bad("JSON object has no text (expected a non-empty field text/body/content)")
        meta = {}
        for role in ("title", "date", "source", "url", "author"):
            v = _pick(obj, role)
            if v not in (None, "") and not isinstance(v, (dict, list)):
                meta[role] = v if role == "date" else str(v)
        errors: list[ReadError] = []
        art = _build(shown, shown, text_, _merge(user, meta), errors, "")
        yield from errors
        if art is not None:
            yield art
        return
    if not isinstance(obj, list):
        raise _Bad(f"JSON must be an object or an array of objects (got {type(obj).__name__})")
    if not obj:
        raise _Bad("empty JSON array (no articles)")
    seen: set[str] = set()
    for i, rec in enumerate(obj, 1):
        check()
        yield from _record(rec, shown, f"record {i}: ", str(i), user, seen)


def _record_encoding(fh: Any) -> str | None:
    """The encoding of a line-based record file from its first 64 KiB, ``None`` for UTF-8 read
    line by line (a file that is mostly UTF-8 keeps UTF-8 and its bad lines become errors)."""
    sample = fh.read(1 << 16)
    fh.seek(0)
    for bom, enc in _BOMS:
        if sample.startswith(bom):
            return enc
    if b"\x00" in sample:
        raise _Bad("binary file (contains NUL bytes)")
    lines = sample.split(b"\n")
    if len(sample) == (1 << 16) and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    bad = good_non_ascii = 0
    for ln in lines:
        try:
            ln.decode("utf-8")
            good_non_ascii += not ln.isascii()
        except UnicodeDecodeError:
            bad += 1
    if bad == 0 or good_non_ascii >= bad or bad * 2 < len([ln for ln in lines if ln.strip()]):
        return None
    return _detect_encoding(b"\n".join(lines), True)


def _read_jsonl(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    with open_regular(p) as raw:
        enc = _record_encoding(raw)
        if enc is not None and enc.startswith("utf-16") or enc is not None and enc.startswith("utf-32"):
            with _open_text(p) as fh:
                yield from _jsonl_lines(iter(fh.readline, ""), shown, user)
            return
        def lines() -> Iterator[str | None]:
            for b in raw:
                try:
                    yield b.decode(enc or "utf-8-sig")
                except UnicodeDecodeError:
                    yield None
        yield from _jsonl_lines(lines(), shown, user)


def _jsonl_lines(lines: Iterator[str | None], shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    seen: set[str] = set()
    n_ok = 0
    n_records = 0
    lineno = 0
    while True:
        check()
        try:
            line = next(lines)
        except StopIteration:
            break
        except UnicodeDecodeError:
            yield ReadError(shown, f"line {lineno + 1}: undecodable bytes; the rest of the file was not read")
            return
        lineno += 1
        if line is None:
            n_records += 1
            yield ReadError(shown, f"line {lineno}: invalid UTF-8 (record skipped)")
            continue
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        n_records += 1
        if "\x00" in line:
            if n_ok == 0 and lineno == 1:
                raise _Bad("binary file (contains NUL bytes)")
            yield ReadError(shown, f"line {lineno}: contains NUL bytes (record skipped)")
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            if lineno == 1 and isinstance(exc, json.JSONDecodeError) and line.strip().startswith("["):
                yield ReadError(shown, "line 1: a JSON array; name the file .json, not .jsonl")
                return
            msg = f"{_json_msg(exc)} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield ReadError(shown, f"line {lineno}: malformed JSON ({msg})")
            continue
        for r in _record(rec, shown, f"line {lineno}: ", str(lineno), user, seen):
            if isinstance(r, Article):
                n_ok += 1
            yield r
    if n_records == 0:
        raise _Bad("empty file (no records)")


def _delimiter(first_line: str, suffix: str) -> str:
    """``,`` unless the header row splits into a known text column on ``;``, tab or ``|``
    (spreadsheets in many locales write ``;``); ``.tsv`` files are tab-separated."""
    if suffix == ".tsv":
        return "\t"
    names = set(_FIELDS["text"])
    for d in (",", ";", "\t", "|"):
        try:
            cells = next(csv.reader([first_line.strip("\r\n")], delimiter=d))
        except (csv.Error, StopIteration):
            continue
        if names & {c.strip().lstrip("\ufeff").lower() for c in cells}:
            return d
    return ","


def _read_csv(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    limit = int(float(settings.get("max_file_mb")) * 1024 * 1024) + 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    seen: set[str] = set()
    with _open_text(p) as fh:
        try:
            first = fh.readline()
            fh.seek(0)
        except UnicodeDecodeError:
            raise _Bad("binary file (undecodable)") from None
        reader = csv.reader(fh, delimiter=_delimiter(first, p.suffix.lower()), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise _Bad("empty file (no header row)") from None
        except UnicodeDecodeError:
            raise _Bad("binary file (undecodable)") from None
        except csv.Error as exc:
            raise _Bad(f"malformed CSV header ({exc})") from None
        header = [h.strip().lstrip("\ufeff").lower() for h in header]
        if any("\x00" in h for h in header):
            raise _Bad("binary file (contains NUL bytes)")
        if not any(h in _FIELDS["text"] for h in header):
            raise _Bad(f"CSV has no text column (expected one of {', '.join(_FIELDS['text'][:5])}; header is {header[:8]})")
        prev = reader.line_num
        n_records = 0
        while True:
            check()
            try:
                row = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError:
                yield ReadError(shown, f"line {prev + 1}: undecodable bytes; the rest of the file was not read")
                return
            except csv.Error as exc:
                yield ReadError(shown, f"line {prev + 1}: malformed CSV ({exc}); the rest of the file was not read")
                return
            start = prev + 1
            prev = reader.line_num
            if not any(c.strip() for c in row):
                continue
            n_records += 1
            if len(row) > len(header):
                yield ReadError(shown, f"line {start}: {len(row)} fields but the header has {len(header)} (record skipped)")
                continue
            rec = dict(zip(header, row))
            yield from _record(rec, shown, f"line {start}: ", str(start), user, seen)
        if n_records == 0:
            raise _Bad("no records (a header row and nothing else)")


# --- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "nav", "footer", "header", "aside", "form", "noscript", "template", "svg", "iframe", "button", "select", "figure"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
               "blockquote", "pre", "table", "tr", "dd", "dt", "dl", "hr", "title", "body", "figcaption"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr", "param"}


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.body: list[str] = []
        self.article: list[str] = []
        self.stack: list[str] = []
        self.open: dict[str, int] = {}  # tag -> how many are on the stack
        self.skip = 0
        self.in_title = False
        self.in_h1 = 0
        self.in_article = 0
        self.time_dt: str | None = None
        self.ld: list[str] = []
        self.in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        check()  # the per-file time budget (limits.deadline)
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.meta.setdefault("canonical", a["href"].strip())
            return
        if tag == "time" and a.get("datetime") and self.time_dt is None:
            self.time_dt = a["datetime"].strip()
        if tag in _VOID:
            if tag == "br" and not self.skip:
                self._emit("\n")
            return
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self.in_ld = True
            self.ld.append("")
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in _SKIP_TAGS or "hidden" in a or "display:none" in a.get("style", "").replace(" ", ""):
            self.skip += 1
            self.stack[-1] = "\x00" + tag
            return
        if tag == "h1" and self.skip:
            self.in_h1 += 1  # a title inside a skipped <header> still names the article
            return
        if tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1 += 1
        elif tag == "article":
            self.in_article += 1
        if tag in _BLOCK_TAGS and not self.skip:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open.get(tag):
            return  # a stray end tag: no scan of the stack (40,000 of them cost minutes)
        # pop to the matching tag (tolerate unclosed tags); each pushed tag is popped once
        for i in range(len(self.stack) - 1, -1, -1):
            t = self.stack[i]
            if t.lstrip("\x00") == tag:
                for closed in self.stack[i:]:
                    self.open[closed.lstrip("\x00")] -= 1
                    self._close(closed)
                del self.stack[i:]
                break

    def _close(self, t: str) -> None:
        if t.startswith("\x00"):
            self.skip = max(0, self.skip - 1)
            if t == "\x00script":
                self.in_ld = False
            return
        if t == "title":
            self.in_title = False
        elif t == "h1":
            self.in_h1 = max(0, self.in_h1 - 1)
        elif t == "article":
            self.in_article = max(0, self.in_article - 1)
        if t in _BLOCK_TAGS and not self.skip:
            self._emit("\n\n")

    def _emit(self, s: str) -> None:
        self.body.append(s)
        if self.in_article:
            self.article.append(s)

    def handle_data(self, data: str) -> None:
        if self.in_ld:
            self.ld[-1] += data
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_h1:
            self.h1_parts.append(data)
        if self.skip:
            return
        self._emit(data)


def _norm_ws(parts: list[str]) -> str:
    s = "".join(parts)
    s = re.sub(r"[ \t\f\v\u00a0]+", " ", s)
    s = re.sub(r" *\n *", "\n", s)
    s = re.sub(r"\n{3,}", "\n\n", s)
    return s.strip()


def _parse_html(text: str) -> tuple[str, dict[str, Any]]:
    p = _HTMLText()
    try:
        p.feed(text)
        p.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; be sure anyway
        pass
    body = _norm_ws(p.article) if p.article and len(_norm_ws(p.article)) > 80 else _norm_ws(p.body)
    m = p.meta
    meta: dict[str, Any] = {}
    title = m.get("og:title") or _norm_ws(p.h1_parts) or _norm_ws(p.title_parts)
    if title:
        meta["title"] = " ".join(html.unescape(title).split())
    for k in ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "publish-date",
              "dc.date", "dc.date.issued", "sailthru.date", "og:published_time", "parsely-pub-date"):
        if m.get(k) and dates.parse_date_string(m[k]):
            meta["date"] = m[k]
            break
    else:
        if p.time_dt and dates.parse_date_string(p.time_dt):
            meta["date"] = p.time_dt
    if m.get("og:site_name"):
        meta["source"] = m["og:site_name"]
    url = m.get("canonical") or m.get("og:url")
    if url:
        meta["url"] = url
    if m.get("author") and not m["author"].lower().startswith("http"):
        meta["author"] = m["author"]
    for k, v in _json_ld(p.ld).items():
        meta.setdefault(k, v)
    return body, meta


_LD_TYPES = {"newsarticle", "article", "reportagenews", "blogposting", "analysisnewsarticle", "webpage", "report"}


def _ld_name(v: Any) -> str | None:
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, dict):
        return _ld_name(v.get("name"))
    if isinstance(v, list):
        names = [n for n in (_ld_name(x) for x in v[:5]) if n]
        return ", ".join(names) or None
    return None


def _json_ld(blocks: list[str]) -> dict[str, Any]:
    """title/date/source/url/author from schema.org JSON-LD (NewsArticle and kin)."""
    out: dict[str, Any] = {}
    for raw in blocks:
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, RecursionError, ValueError):
            continue
        items = obj if isinstance(obj, list) else [obj]
        flat: list[dict] = []
        for it in items:
            if isinstance(it, dict):
                flat.append(it)
                if isinstance(it.get("@graph"), list):
                    flat.extend(x for x in it["@graph"] if isinstance(x, dict))
        for it in flat:
            types = it.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            if not {str(t).lower() for t in types} & _LD_TYPES:
                continue
            if isinstance(it.get("headline"), str):
                out.setdefault("title", " ".join(html.unescape(it["headline"]).split()))
            d = it.get("datePublished") or it.get("dateCreated")
            if isinstance(d, str) and dates.parse_date_string(d):
                out.setdefault("date", d)
            src = _ld_name(it.get("publisher"))
            if src:
                out.setdefault("source", src)
            au = _ld_name(it.get("author"))
            if au and not au.lower().startswith("http"):
                out.setdefault("author", au)
            u = it.get("url") or (it.get("mainEntityOfPage") if isinstance(it.get("mainEntityOfPage"), str) else None)
            if isinstance(u, str) and u.startswith(("http://", "https://")):
                out.setdefault("url", u)
    return out
