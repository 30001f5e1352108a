"""One reader per file format, in a registry keyed by suffix.

A reader takes the file's path, the path shown in ids and messages, and the user's metadata
corrections, and yields the file's articles and problems (raising :class:`BadFile` for a problem
with the whole file). Adding a format is one function here and one entry in :data:`READERS`;
listing, dispatch and error handling (:mod:`mapapp.reading`) follow from the registry.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from mapapp.limits import check
from mapapp.models import Article, ReadError
from mapapp.reading.build import article_or_errors
from mapapp.reading.bundles import split_bundle
from mapapp.reading.decode import decode, decode_html, open_text, record_encoding
from mapapp.reading.files import BadFile, file_kind, max_file_bytes, open_regular, read_bytes
from mapapp.reading.htmltext import fragment_text, parse_html
from mapapp.reading.metadata import merge

Reader = Callable[[Path, str, dict[str, Any]], Iterator[Article | ReadError]]

_FIELDS = {
    # the body first; an RSS item's or NewsAPI's description and a summary only when there is no body
    "text": (
        "text",
        "body",
        "content",
        "article",
        "full_text",
        "fulltext",
        "article_text",
        "story",
        "maintext",  # news-please
        "articlebody",  # schema.org's articleBody
        "article_body",
        "body_text",
        "bodytext",
        "story_text",
        "lead_paragraph",  # the New York Times API (its articles carry no body)
        "description",
        "summary",
        "abstract",
        "trailtext",  # the Guardian API's standfirst
        "snippet",
    ),
    "title": ("title", "headline", "heading", "webtitle"),
    "date": (
        "date",
        "published",
        "publication_date",
        "pubdate",
        "pub_date",
        "published_at",
        "publish_date",
        "datetime",
        "date_published",
        "publishedat",  # NewsAPI's publishedAt (keys are read in lower case)
        "datepublished",  # schema.org's datePublished
        "published_date",
        "seendate",  # GDELT
        "date_publish",  # news-please
        "webpublicationdate",  # the Guardian API
    ),
    "source": (
        "source",
        "outlet",
        "publisher",
        "site_name",
        "site",
        "newspaper",
        "agency",
        "source_domain",  # news-please
        "media_name",  # Media Cloud
        "domain",  # GDELT
    ),
    "url": ("url", "link", "href", "permalink", "weburl", "web_url"),
    "id": ("id", "guid", "uuid", "article_id", "doc_id", "record_id", "_id"),
    "author": ("author", "byline", "authors", "by"),
}


# --- single-article files --------------------------------------------------------------------


def read_text(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.txt`` / ``.md``: one article, cleaned of site boilerplate (:func:`clean_text`), its
    front matter (a static site's post) read as its metadata, under the user's; or the articles
    of a LexisNexis, Nexis Uni or Factiva export (:func:`~mapapp.reading.bundles.split_bundle`)."""
    text, front = front_matter(decode(read_bytes(p)))
    yield from _text_articles(text, shown, merge(user, _meta(front)))


def _text_articles(text: str, shown: str, meta: dict[str, Any]) -> Iterator[Article | ReadError]:
    """The file's one article, or each of a database export's (its own header's metadata first)."""
    pieces = split_bundle(text)
    if pieces is None:
        yield from article_or_errors(shown, shown, text, meta)
        return
    for piece in pieces:
        check()
        where = f"article {piece.number}: "
        yield from article_or_errors(f"{shown}#{piece.number}", shown, piece.text, merge(piece.meta, meta), where)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.docx``: a Word document's paragraphs as one article, or the articles of a Nexis Uni
    export (its default format, "End of Document" after each). Only ``word/document.xml`` is
    read, at most ``max_file_mb`` of it however small the archive (a "zip bomb" stops there),
    through expat, a document that declares entities refused."""
    limit = max_file_bytes()
    try:
        with open_regular(p) as raw, zipfile.ZipFile(raw) as zf:
            try:
                member = zf.open("word/document.xml")
            except KeyError:
                raise BadFile("not a Word document (no word/document.xml in it)") from None
            with member:
                data = member.read(limit + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        raise BadFile(f"not a readable .docx ({exc})") from None
    if len(data) > limit:
        raise BadFile(f"over {limit / 1048576:g} MB of text once decompressed (setting max_file_mb)")
    if b"<!ENTITY" in data:
        raise BadFile("XML that declares entities is not read (no Word document needs them)")
    paras: list[str] = []
    words: list[str] = []
    try:
        for _event, el in ElementTree.iterparse(io.BytesIO(data), events=("end",)):
            tag = el.tag
            if tag == _W + "t" and el.text:
                words.append(el.text)
            elif tag == _W + "tab":
                words.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                words.append("\n")
            elif tag == _W + "p":
                check()
                paras.append("".join(words))
                words.clear()
                el.clear()
    except ElementTree.ParseError as exc:
        raise BadFile(f"malformed XML in word/document.xml ({exc})") from None
    # paragraphs apart: a heading, an outlet and a date on lines of their own are no wrapped prose
    text = "\n\n".join(t.strip() for t in paras if t.strip())
    if not text:
        raise BadFile("no text in the document")
    yield from _text_articles(text, shown, user)


# a Jekyll/Hugo post's metadata block: "---" (YAML) or "+++" (TOML) on the first line, the same
# on a line of its own to close it, within the first 8 KB
_FENCE = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]{0,40})[ \t]*[:=][ \t]*(.*)")
_META_KEYS = frozenset(k for role in ("title", "date", "source", "url", "author") for k in _FIELDS[role])
_FRONT_OTHER = re.compile(r"[ \t]|-[ \t]|#|\[|\Z")  # indented, a list item, a comment, a TOML table, blank


def front_matter(raw: str) -> tuple[str, dict[str, str]]:
    """``raw`` without its front matter, and the front matter's one-line values by key (lists
    and nested values are not metadata mapapp keeps). A text whose first line is a rule and
    whose next lines are prose has none: every line of the block must be ``key: value`` or
    belong to one."""
    m = _FENCE.match(raw)
    if m is None:
        return raw, {}
    fence = m.group(1)
    head = raw[m.end() : m.end() + 8192]
    meta: dict[str, str] = {}
    pos = 0
    for line in head.splitlines(keepends=True):
        if line.rstrip() == fence:
            if not _META_KEYS & set(meta):  # "---\nWarning: graphic images\n---" is the story's own
                return raw, {}
            return raw[m.end() + pos + len(line) :], meta
        pos += len(line)
        kv = _FRONT_KEY.fullmatch(line.rstrip("\r\n"))
        if kv is None:
            if _FRONT_OTHER.match(line):
                continue
            return raw, {}
        value = kv.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value and value[0] not in "[{|>&*":
            meta.setdefault(kv.group(1).lower(), value)
    return raw, {}


def read_html(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.html``: one article, its body text and the page's own metadata under the user's."""
    body, hmeta = parse_html(decode_html(read_bytes(p)))
    yield from article_or_errors(shown, shown, body, merge(user, hmeta), clean=True)


def read_json(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.json``: one object, or an array of objects (one article each)."""
    yield from _json_articles(decode(read_bytes(p)), shown, user)


# --- records ---------------------------------------------------------------------------------

# NewsAPI cuts "content" at 200 characters and says how much is missing: "... [+2345 chars]"
_NEWSAPI_CUT = re.compile(r"\s*(?:\u2026|\.\.\.)?\s?\[\+\d{1,9} chars\]\s*\Z")


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
        yield ReadError(shown, f"{where}not an object (got {type(rec).__name__})", "skip")
        return
    rec = _flat(rec)
    text = _text(rec)
    if not isinstance(text, str) or not text.strip():
        yield ReadError(shown, f"{where}no text (expected a non-empty field {'/'.join(_FIELDS['text'][:3])})", "skip")
        return
    rid = _pick(rec, "id")
    if isinstance(rid, (dict, list)):
        rid = None
    key = str(rid).strip() if rid not in (None, "") else fallback_key
    if key in seen:
        yield ReadError(shown, f"{where}duplicate id {key!r} (record skipped)", "skip")
        return
    seen.add(key)
    meta = merge(_meta(rec), user)  # the record's own fields first; sidecar fills gaps
    yield from article_or_errors(f"{shown}#{key}", shown, text, meta, where)


# a record's fields one level down: an Elasticsearch document's ``_source`` (elasticdump's lines,
# a search answer's hits), the Guardian API's ``fields`` (``bodyText``, ``byline``)
_INNER = ("_source", "fields")


def _flat(rec: dict[str, Any]) -> dict[str, Any]:
    """``rec`` with the fields of its inner object beside its own (its own win: ``_id``, ``webUrl``)."""
    for k in _INNER:
        inner = rec.get(k)
        if isinstance(inner, dict):
            rec = {**inner, **{kk: v for kk, v in rec.items() if kk != k}}
    return rec


# where an API's answer or an export keeps its records: {"articles": [...]}, or one level down
# {"response": {"results": [...]}} (the Guardian), {"response": {"docs": [...]}} (the New York
# Times), {"hits": {"hits": [...]}} (Elasticsearch)
_LISTS = ("articles", "items", "records", "data", "docs", "results", "hits", "stories", "entries")
_ENVELOPES = ("response", "data", "hits", "result")


def _record_list(obj: dict[str, Any], depth: int = 2) -> list[Any] | None:
    if _pick(obj, "text") is not None:
        return None
    for k in _LISTS:
        if isinstance(obj.get(k), list):
            return obj[k]
    for k in _ENVELOPES if depth > 1 else ():
        inner = obj.get(k)
        if isinstance(inner, dict) and (found := _record_list(inner, depth - 1)) is not None:
            return found
    return None


def _text(rec: dict[str, Any]) -> Any:
    """The record's body as the text a reader sees (see :func:`fragment_text`): a list of
    paragraphs joined, NewsAPI's cut mark dropped; whatever else it holds as it is, for the
    caller to refuse."""
    text = _pick(rec, "text")
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        text = "\n\n".join(text)
    if isinstance(text, str):
        text = fragment_text(text)
        if text.rstrip().endswith("chars]"):  # the pattern, anchored at the end, still tries every start
            text = _NEWSAPI_CUT.sub("", text)
    return text


def _meta(rec: dict[str, Any]) -> dict[str, Any]:
    """The record's title, date, outlet, URL and author: a date as given (its parser reads many
    types), a title as its page shows it ("&#163;1.8m fine" is "\u00a31.8m fine"), authors
    listed joined, an object's name (NewsAPI's ``"source": {"id": ..., "name": "BBC News"}``)."""
    meta: dict[str, Any] = {}
    for role in ("title", "date", "source", "url", "author"):
        v = _pick(rec, role)
        if isinstance(v, list) and role == "author":
            v = ", ".join(str(x) for x in v)
        if isinstance(v, dict):  # NewsAPI's source, the New York Times' headline and byline
            v = v.get("name") or v.get("title") or v.get("main") or v.get("original")
        if v in (None, "") or isinstance(v, (dict, list)):
            continue
        if role == "title":
            v = " ".join(fragment_text(str(v)).split())
        meta[role] = v if role == "date" else str(v)
    return meta


def _json_msg(exc: json.JSONDecodeError) -> str:
    return re.sub(r"\s+at$", "", exc.msg)  # "Unterminated string starting at" (a position follows)


def _json_articles(text: str, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # objects one after another: JSON lines, or jq's output, named .json
            yield from json_stream(text, shown, user)
            return
        raise BadFile(f"malformed JSON ({_json_msg(exc)} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise BadFile("malformed JSON (nested too deeply)") from None
    if isinstance(obj, dict) and (records := _record_list(obj)) is not None:
        obj = records
    if isinstance(obj, dict):
        obj = _flat(obj)  # one Elasticsearch document
    text_ = _text(obj) if isinstance(obj, dict) else None
    if isinstance(obj, dict) and text_ is None and obj and all(isinstance(v, dict) for v in obj.values()):
        # {"a1": {"text": ...}, "a2": {...}}: records keyed by their ids (an export of a keyed store)
        seen_keys: set[str] = set()
        for i, (k, rec) in enumerate(obj.items(), 1):
            check()
            if _pick(rec, "id") in (None, ""):
                rec = {**rec, "id": k}
            yield from _record(rec, shown, f"record {k!r}: ", str(i), user, seen_keys)
        return
    if isinstance(obj, dict):
        if not isinstance(text_, str) or not text_.strip():
            raise BadFile("JSON object has no text (expected a non-empty field text/body/content)")
        yield from article_or_errors(shown, shown, text_, merge(user, _meta(obj)))  # the sidecar wins
        return
    if not isinstance(obj, list):
        raise BadFile(f"JSON must be an object or an array of objects (got {type(obj).__name__})")
    if not obj:
        raise BadFile("empty JSON array (no articles)")
    seen: set[str] = set()
    for i, rec in enumerate(obj, 1):
        check()
        yield from json_record(rec, shown, i, user, seen)


def json_record(
    rec: Any, shown: str, index: int, user: dict[str, Any], seen: set[str]
) -> Iterator[Article | ReadError]:
    """Item ``index`` (1-based) of a JSON array as an article."""
    return _record(rec, shown, f"record {index}: ", str(index), user, seen)


def jsonl_shape(head: str) -> str:
    """How a file named JSON lines is written, from its first line that is not blank: ``"lines"``
    (one object per line), ``"array"`` (a JSON array, over many lines or on one) or ``"stream"``
    (objects one after another over many lines each, as ``jq`` without ``-c``, ``mongoexport
    --pretty`` or ``json.dump(..., indent=2)`` in a loop write them)."""
    for line in head.lstrip("\ufeff").splitlines():
        first = line.strip()
        if first:
            return "array" if first.startswith("[") else "stream" if first == "{" else "lines"
    return "lines"


def json_stream(
    text: str, shown: str, user: dict[str, Any], first: int = 1, seen: set[str] | None = None
) -> Iterator[Article | ReadError]:
    """The objects of a JSON stream (see :func:`jsonl_shape`), numbered as records from ``first``;
    one that is not well-formed ends it (where the next one starts cannot be known)."""
    seen = set() if seen is None else seen
    dec = json.JSONDecoder()
    i, k = 0, first
    while True:
        check()
        space = _SPACE.match(text, i)  # (no copy of the rest: linear in the text)
        i = space.end() if space else i
        if i >= len(text):
            return
        try:
            rec, i = dec.raw_decode(text, i)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = _json_msg(exc) if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield ReadError(shown, f"record {k}: malformed JSON ({msg}); the records after it were not read")
            return
        yield from _record(rec, shown, f"record {k}: ", str(k), user, seen)
        k += 1


_SPACE = re.compile(r"\s*")


def read_jsonl(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.jsonl``: one object per line; a bad line is one error and the rest goes on. A JSON
    array or a stream of objects written over many lines (:func:`jsonl_shape`) is read as one."""
    with open_regular(p) as raw:
        enc = record_encoding(raw)
        shape = jsonl_shape(raw.read(65536).decode(enc or "utf-8", errors="replace"))
        raw.seek(0)
        if shape != "lines":
            text = decode(read_bytes(p))
            yield from _json_articles(text, shown, user) if shape == "array" else json_stream(text, shown, user)
            return
        if enc is not None and enc.startswith("utf-16") or enc is not None and enc.startswith("utf-32"):
            with open_text(p) as fh:
                yield from jsonl_lines(iter(fh.readline, ""), shown, user)
            return

        def lines() -> Iterator[str | None]:
            for b in raw:
                try:
                    yield b.decode(enc or "utf-8-sig")
                except UnicodeDecodeError:
                    yield None

        yield from jsonl_lines(lines(), shown, user)


def jsonl_lines(
    lines: Iterator[str | None], shown: str, user: dict[str, Any], first_line: int = 1, seen: set[str] | None = None
) -> Iterator[Article | ReadError]:
    """JSON lines records from ``lines`` (None: an undecodable line), numbered from ``first_line``
    (a chunk of a big file starts mid-file: :mod:`mapapp.reading.chunks`)."""
    whole = first_line == 1 and seen is None
    seen = set() if seen is None else seen
    n_ok = 0
    n_records = 0
    lineno = first_line - 1
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
            yield ReadError(shown, f"line {lineno}: invalid UTF-8 (record skipped)", "skip")
            continue
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        n_records += 1
        if "\x00" in line:
            if n_ok == 0 and lineno == 1 and whole:
                raise BadFile("binary file (contains NUL bytes)")
            yield ReadError(shown, f"line {lineno}: contains NUL bytes (record skipped)", "skip")
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = (
                f"{_json_msg(exc)} at column {exc.colno}"
                if isinstance(exc, json.JSONDecodeError)
                else "nested too deeply"
            )
            yield ReadError(shown, f"line {lineno}: malformed JSON ({msg})", "skip")
            continue
        for r in _record(rec, shown, f"line {lineno}: ", str(lineno), user, seen):
            if isinstance(r, Article):
                n_ok += 1
            yield r
    if n_records == 0 and whole:
        raise BadFile("empty file (no records)")


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


def csv_limit() -> None:
    """Let a CSV field be as large as a file may be (setting ``max_file_mb``), not the csv
    module's 128 KB: a long article is one field. Per process: every worker calls it."""
    limit = max_file_bytes() + 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


# Excel's hint on a CSV file's first line, before the header: "sep=;"
_EXCEL_SEP = re.compile(r"\ufeff?sep=([^\r\n])\r?\n?\Z")


def excel_sep(first: str) -> str | None:
    """The delimiter a ``sep=`` line names (then the header is the next line), else None."""
    m = _EXCEL_SEP.match(first)
    return m.group(1) if m else None


def csv_header(first: str, suffix: str, delim: str | None = None) -> tuple[list[str], str]:
    """The header row (lower case) and delimiter of a CSV file from its header line (``delim``:
    as a ``sep=`` line named it); raises :class:`BadFile` when it names no text column."""
    csv_limit()
    delim = delim or _delimiter(first, suffix)
    try:
        header = next(csv.reader([first], delimiter=delim, strict=True))
    except StopIteration:
        raise BadFile("empty file (no header row)") from None
    except csv.Error as exc:
        raise BadFile(f"malformed CSV header ({exc})") from None
    return _check_header(header), delim


def _check_header(header: list[str]) -> list[str]:
    header = [h.strip().lstrip("\ufeff").lower() for h in header]
    if any("\x00" in h for h in header):
        raise BadFile("binary file (contains NUL bytes)")
    if not any(h in _FIELDS["text"] for h in header):
        raise BadFile(
            f"CSV has no text column (expected one of {', '.join(_FIELDS['text'][:5])}; header is {header[:8]})"
        )
    return header


def read_csv(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.csv`` / ``.tsv``: a header row naming a text column, then one article per row."""
    csv_limit()
    with open_text(p) as fh:
        try:
            first = fh.readline()
            sep = excel_sep(first)
            if sep is None:
                fh.seek(0)
        except UnicodeDecodeError:
            raise BadFile("binary file (undecodable)") from None
        skip = 0 if sep is None else 1  # the header is on the line after "sep=;"
        reader = csv.reader(fh, delimiter=sep or _delimiter(first, p.suffix.lower()), strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise BadFile("empty file (no header row)") from None
        except UnicodeDecodeError:
            raise BadFile("binary file (undecodable)") from None
        except csv.Error as exc:
            raise BadFile(f"malformed CSV header ({exc})") from None
        n = yield from csv_records(reader, _check_header(header), shown, user, reader.line_num + 1 + skip, set())
        if n == 0:
            raise BadFile("no records (a header row and nothing else)")


def csv_records(
    reader: Iterator[list[str]], header: list[str], shown: str, user: dict[str, Any], first_line: int, seen: set[str]
) -> Generator[Article | ReadError, None, int]:
    """The rows of ``reader`` (a ``csv.reader`` positioned after the header) as articles, with
    line numbers from ``first_line``; returns how many records there were."""
    offset = first_line - 1 - getattr(reader, "line_num", 0)
    prev = getattr(reader, "line_num", 0)
    n_records = 0
    while True:
        check()
        try:
            row = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError:
            yield ReadError(shown, f"line {prev + 1 + offset}: undecodable bytes; the rest of the file was not read")
            return n_records
        except csv.Error as exc:
            yield ReadError(
                shown, f"line {prev + 1 + offset}: malformed CSV ({exc}); the rest of the file was not read"
            )
            return n_records
        start = prev + 1 + offset
        prev = getattr(reader, "line_num", prev + 1)
        if not any(c.strip() for c in row):
            continue
        n_records += 1
        if len(row) > len(header):
            yield ReadError(
                shown, f"line {start}: {len(row)} fields but the header has {len(header)} (record skipped)", "skip"
            )
            continue
        rec = dict(zip(header, row))
        yield from _record(rec, shown, f"line {start}: ", str(start), user, seen)
    return n_records


# --- spreadsheets ---------------------------------------------------------------------------


def read_xlsx(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.xlsx``: each worksheet whose first row names a text column, one article per row as in a
    CSV file (dates as Excel stores them, numbers as ids), rows named as Excel numbers them. Read
    by openpyxl, streaming, with defusedxml (no entity expansion); an archive that would hold
    more than ``max_file_mb`` once decompressed is refused before any of it is read."""
    import openpyxl  # (here: only a workbook needs it, and it takes a while to import)

    limit = max_file_bytes()
    with open_regular(p) as raw:
        try:
            size = sum(i.file_size for i in zipfile.ZipFile(raw).infolist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise BadFile(f"not a readable .xlsx ({exc})") from None
        if size > limit:
            raise BadFile(f"over {limit / 1048576:g} MB once decompressed (setting max_file_mb)")
        raw.seek(0)
        try:
            book = openpyxl.load_workbook(raw, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
            first = (str(exc).splitlines() or [""])[0]  # (openpyxl's messages run over lines)
            raise BadFile(f"not a readable .xlsx ({type(exc).__name__}: {first})") from None
        try:
            sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
            read = 0
            seen: set[str] = set()
            for ws in sheets:
                rows = ws.iter_rows(values_only=True)
                head = next(rows, None)
                header = [str(h).strip().lower() if h is not None else "" for h in head or ()]
                if not any(h in _FIELDS["text"] for h in header):
                    continue
                read += 1
                named = f"sheet {ws.title!r} " if len(sheets) > 1 else ""
                for n, row in enumerate(rows, 2):
                    check()
                    rec = {h: v for h, v in zip(header, row) if h and v is not None and v != ""}
                    if not rec:
                        continue
                    key = f"{ws.title}!{n}" if named else str(n)
                    yield from _record(rec, shown, f"{named}row {n}: ", key, user, seen)
            if not read:
                raise BadFile(f"no worksheet has a text column (expected one of {', '.join(_FIELDS['text'][:5])})")
        finally:
            book.close()


# every field name a record is read by, and the inner objects whose fields are read beside its own
_ALL_FIELDS = frozenset(k for names in _FIELDS.values() for k in names) | frozenset(_INNER)


def read_parquet(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.parquet`` (a Hugging Face dataset's files, a data lake's export): one article per row as
    in a CSV file, rows numbered from 1, read in batches of the columns mapapp reads only, so a
    file of many columns and rows is never held whole; a row group declared bigger than four times
    ``max_file_mb`` once decompressed is refused before it is read. Needs pyarrow (``pip install
    'mapapp[parquet]'``); without it each such file is one line saying so."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise BadFile("reading .parquet needs pyarrow: pip install 'mapapp[parquet]'") from None
    with open_regular(p) as raw:
        try:
            pf = pq.ParquetFile(raw)
            names = [str(f.name) for f in pf.schema_arrow]
        except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds for a broken file
            first = (str(exc).splitlines() or [""])[0][:200]
            raise BadFile(f"not a readable .parquet ({type(exc).__name__}: {first})") from None
        limit = max_file_bytes()
        meta = pf.metadata
        biggest = max((meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)), default=0)
        if biggest > 4 * limit:  # what a row group takes once decompressed, as the file declares it
            raise BadFile(f"a row group of {biggest / 1048576:.0f} MB once decompressed (setting max_file_mb)")
        wanted = [n for n in names if n.strip().lower() in _ALL_FIELDS]
        if not any(n.strip().lower() in _FIELDS["text"] or n in _INNER for n in wanted):
            raise BadFile(f"no text column (expected one of {', '.join(_FIELDS['text'][:5])}; columns are {names[:8]})")
        seen: set[str] = set()
        n = 0
        try:
            for batch in pf.iter_batches(batch_size=256, columns=wanted):
                for rec in batch.to_pylist():
                    n += 1
                    check()
                    yield from _record(rec, shown, f"row {n}: ", str(n), user, seen)
        except (pa.ArrowException, OSError) as exc:
            first = (str(exc).splitlines() or [""])[0][:200]
            yield ReadError(shown, f"row {n + 1}: unreadable ({first}); the rest of the file was not read")
            return
        if n == 0:
            raise BadFile("no rows")


# --- feeds ---------------------------------------------------------------------------------

# an item's child elements (local names, lower case) -> the record field this module reads them as
_FEED_FIELDS = {
    "encoded": "text",  # RSS's content:encoded, the whole story
    "content": "content",  # Atom's content
    "description": "description",
    "summary": "summary",
    "title": "title",
    "link": "link",
    "pubdate": "pubdate",
    "published": "published",
    "updated": "datetime",  # (_pick tries it after dc:date, published and pubDate: a date of change)
    "date": "date",  # Dublin Core's dc:date
    "guid": "guid",
    "id": "id",
    "creator": "author",  # dc:creator
    "author": "author",
    "source": "source",
}


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def _feed_record(item: ElementTree.Element) -> dict[str, Any]:
    """An RSS ``<item>`` or Atom ``<entry>`` as the record :func:`_record` reads."""
    rec: dict[str, Any] = {}
    for child in item:
        field = _FEED_FIELDS.get(_local(child.tag))
        if field is None or field in rec:
            continue
        if field == "link" and child.get("href"):  # Atom: <link rel="alternate" href="..."/>
            if child.get("rel", "alternate") == "alternate":
                rec[field] = child.get("href")
            continue
        if field == "author" and len(child):  # Atom: <author><name>...</name></author>
            names = [c.text for c in child if _local(c.tag) == "name" and c.text]
            rec[field] = ", ".join(names)
            continue
        text = "".join(child.itertext()).strip()
        if text:
            rec[field] = text
    return rec


def _nitf(root: ElementTree.Element, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """A NITF story (the wires' XML: AP, Reuters and news archives): one article, its paragraphs
    from ``body.content``, its headline, issue date, outlet and byline."""
    by_name: dict[str, ElementTree.Element] = {}
    for el in root.iter():
        by_name.setdefault(_local(el.tag), el)
    content = by_name.get("body.content")
    if content is None:
        raise BadFile("NITF story has no body.content")
    paras = [" ".join("".join(el.itertext()).split()) for el in content.iter() if _local(el.tag) in ("p", "hl2")]
    text = "\n\n".join(t for t in paras if t) or " ".join("".join(content.itertext()).split())
    meta: dict[str, Any] = {}
    hl1, title, issue, pub, byline = (by_name.get(k) for k in ("hl1", "title", "date.issue", "pubdata", "byline"))
    for head in (hl1, title):
        if head is not None and "".join(head.itertext()).strip():
            meta["title"] = " ".join("".join(head.itertext()).split())
            break
    if issue is not None and issue.get("norm"):
        meta["date"] = issue.get("norm")
    if pub is not None and pub.get("name"):
        meta["source"] = pub.get("name")
    if byline is not None and "".join(byline.itertext()).strip():
        meta["author"] = re.sub(r"^\s*by\s+", "", " ".join("".join(byline.itertext()).split()), flags=re.I)
    yield from article_or_errors(shown, shown, text, merge(user, meta))


def read_feed(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``.rss`` / ``.atom`` / ``.xml``: an RSS 2.0, RSS 1.0 (RDF) or Atom feed, one article per item,
    its body from ``content:encoded``, Atom's ``content``, else the description or summary (an HTML
    fragment read as its page shows it). The XML is parsed by the standard library's expat, which
    resolves no external entity; a file declaring entities at all is refused before parsing, so no
    feed can expand one ("billion laughs") on an older expat. A NITF story is one article."""
    data = read_bytes(p)
    if b"<!ENTITY" in data:
        raise BadFile("XML that declares entities is not read (no feed needs them)")
    recs, outlet, kind = _feed_items(data)
    if kind == "nitf":
        yield from _nitf(ElementTree.fromstring(data), shown, user)  # one story: a small tree
        return
    if not recs:
        raise BadFile("feed has no items")
    seen: set[str] = set()
    for n, rec in enumerate(recs, 1):
        check()
        if outlet and not rec.get("source"):
            rec["source"] = outlet  # the feed's own title names the outlet
        yield from _record(rec, shown, f"item {n}: ", str(n), user, seen)


def _feed_items(data: bytes) -> tuple[list[dict[str, Any]], str | None, str]:
    """The feed's items as records, its own title and its root element's name, parsed as a stream:
    each item is cleared once read, so a 27 MB feed of 100,000 items is not held as a tree of
    elements (a peak of 134 MB reading it, 198 MB as a tree); a file that is not well-formed
    yields nothing (one line, no half of it)."""
    recs: list[dict[str, Any]] = []
    outlet: str | None = None
    path: list[str] = []
    kind = ""
    try:
        for event, el in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = _local(el.tag)
            if event == "start":
                if not path:
                    kind = tag
                    if kind == "nitf":
                        return [], None, kind
                    if kind not in ("rss", "rdf", "feed"):
                        raise BadFile(
                            f"XML is not an RSS or Atom feed, nor a NITF story (its root element is <{kind[:40]}>)"
                        )
                path.append(tag)
                continue
            path.pop()
            if tag == ("entry" if kind == "feed" else "item"):
                check()
                recs.append(_feed_record(el))
                el.clear()
            elif tag == "title" and outlet is None and path and path[-1] in ("channel", "feed") and el.text:
                outlet = el.text.strip() or None
    except ElementTree.ParseError as exc:
        raise BadFile(f"malformed XML ({exc})") from None
    return recs, outlet, kind


# --- compressed files ------------------------------------------------------------------------


def read_gzip(p: Path, shown: str, user: dict[str, Any]) -> Iterator[Article | ReadError]:
    """``X.jsonl.gz``, ``X.txt.gz``, ...: the file inside, read by its own reader. It is
    decompressed into a temporary file of at most ``max_file_mb`` (a gzip "bomb" stops there), so
    memory stays bounded; a bigger one is refused with the way to ingest it (gunzip it, and a
    record file is then read in parallel chunks: a gzip stream cannot be cut into byte ranges)."""
    inner = file_kind(p.name)[: -len(".gz")]
    reader = READERS[inner]  # (a .gz of another type never gets here: check_file refuses it)
    limit = max_file_bytes()
    with tempfile.TemporaryDirectory(prefix="mapapp-gz-") as tmp:
        out = Path(tmp) / f"inner{inner}"
        size = 0
        with open_regular(p) as raw, gzip.GzipFile(fileobj=raw) as gz, open(out, "wb") as fh:
            while True:
                try:
                    block = gz.read(1 << 20)
                except (OSError, EOFError, zlib.error) as exc:  # not gzip, truncated, corrupt
                    raise BadFile(f"not a readable gzip file ({exc})") from None
                if not block:
                    break
                check()
                size += len(block)
                if size > limit:
                    raise BadFile(
                        f"over {limit / 1048576:g} MB once decompressed (setting max_file_mb): gunzip it "
                        "and ingest the file itself"
                    )
                fh.write(block)
        if size == 0:
            raise BadFile("empty once decompressed")
        yield from reader(out, shown, user)


# --- the registry ----------------------------------------------------------------------------

# suffix -> reader; the order is the order "supported: ..." messages list them in
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
READERS.update({f"{suffix}.gz": read_gzip for suffix in list(READERS)})  # any of them, gzipped
READERS[".docx"] = read_docx  # (zip archives already: not gzipped too)
READERS[".xlsx"] = read_xlsx
READERS[".parquet"] = read_parquet  # (compressed inside already)
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)


def reader_for(p: Path) -> Reader:
    """The reader of ``p`` by its :func:`~mapapp.reading.files.file_kind` (``KeyError`` for a
    file :func:`mapapp.reading.files.check_file` refuses)."""
    return READERS[file_kind(p.name)]
