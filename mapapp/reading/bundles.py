"""Text exports of news databases that hold many articles in one file: LexisNexis ("1 of 250
DOCUMENTS"), Nexis Uni ("End of Document") and Factiva ("Document GRDN000020200714eg7e0001l").

Researchers' corpora very often come this way. Read as one article, a file of 250 stories was one
marker popup for all of them, every mention dated by the export's "Time Of Request", and the
database's own fields ("LOAD-DATE:", "Copyright") read as text. :func:`split_bundle` cuts such a
text into its articles, each with the title, outlet, date and byline its header gives; the rest of
mapapp reads each like any article. Each rule is anchored on a whole line of under 80 characters,
and the lines are scanned at most once per export kind: linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mapapp import settings
from mapapp.geo import dates

# LexisNexis (the classic text export): a centred "N of M DOCUMENTS" line opens each article
_LN_OPEN = re.compile(r"[ \t]*\d{1,7} of \d{1,7} DOCUMENTS?[ \t]*")
# Nexis Uni: "End of Document" closes each
_UNI_CLOSE = re.compile(r"[ \t]*End of Document[ \t]*")
# Factiva: "Document " and the article's accession number close each (its outlet's code padded
# with zeros to 8 characters, the day it was published, 9 more: "GRDN000020200714eg7e0001l")
_FACTIVA_CLOSE = re.compile(r"[ \t]*Document [A-Za-z0-9]{8}(?:19|20)\d{6}[A-Za-z0-9]{8,12}[ \t]*")

# LexisNexis's fields: those before the body, and those after it (where the body ends)
_LN_HEAD_FIELD = re.compile(r"(BYLINE|SECTION|LENGTH|DATELINE|HIGHLIGHT|EDITION|ABSTRACT|HEADLINE): ?(.*)")
_LN_TAIL_FIELD = re.compile(
    r"(LOAD-DATE|LANGUAGE|GRAPHIC|PUBLICATION-TYPE|JOURNAL-CODE|URL|DOCUMENT-TYPE|CORRECTION-DATE|NOTES|"
    r"SUBJECT|ORGANIZATION|GEOGRAPHIC|PERSON|COMPANY|TICKER|INDUSTRY|COUNTRY|CITY|STATE|DISTRIBUTION|TYPE):"
)
# Nexis Uni's: "Byline: ...", a line "Body", then "Load-Date: ..." or "Classification"
_UNI_FIELD = re.compile(r"(Byline|Section|Length|Dateline|Highlight|Edition|Copyright|Series|Pg\.|Version)\b:? ?(.*)")
_UNI_TAIL = re.compile(r"(Load-Date|Classification|Graphic|Notes|Correction-Date|Language|Publication-Type):?\b")
# Factiva's header: "1,234 words", a language, a copyright line
_WORDS = re.compile(r"[\d,.]+ words")
_COPYRIGHT = re.compile(r"(?:\(c\)|©|copyright)\s", re.I)
_TIME = re.compile(r"\s\d{1,2}:\d{2}\b.*")
_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?(?: [A-Z]{2,5})?", re.I)  # "10:00", "10:00 AM GMT"


@dataclass
class Piece:
    """One article of a bundle: its body text and the metadata its header gave."""

    number: int
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def _date(line: str) -> str | None:
    """``line`` as a date (ISO), or None: "January 11, 2010 Monday", "July 14, 2020 Tuesday 12:00 AM GMT"."""
    s = _TIME.sub("", line.strip())
    if not s or len(s) > 60 or not any(c.isdigit() for c in s):
        return None
    d = dates.parse_date_string(s, settings.get("date_order"))
    return d.isoformat() if d else None


def split_bundle(text: str) -> list[Piece] | None:
    """The articles of a LexisNexis, Nexis Uni or Factiva text export, or None for any other text."""
    lines = text.replace("\r\n", "\n").split("\n")
    opens = [i for i, ln in enumerate(lines) if len(ln) < 80 and _LN_OPEN.fullmatch(ln)]
    if opens:
        ends = opens[1:] + [len(lines)]
        return [_lexisnexis(lines[a + 1 : b], n) for n, (a, b) in enumerate(zip(opens, ends), 1)]
    for close, read in ((_UNI_CLOSE, _nexis_uni), (_FACTIVA_CLOSE, _factiva)):
        closes = [i for i, ln in enumerate(lines) if len(ln) < 80 and close.fullmatch(ln)]
        if closes:
            starts = [0] + [c + 1 for c in closes[:-1]]
            return [read(lines[a:b], n) for n, (a, b) in enumerate(zip(starts, closes), 1)]
    return None


def _lexisnexis(lines: list[str], n: int) -> Piece:
    meta: dict[str, str] = {}
    i = 0
    # the centred header: the outlet first, then the date (and perhaps an edition)
    while i < len(lines) and (not lines[i].strip() or lines[i][:1] in " \t"):
        s = lines[i].strip()
        if s and "date" not in meta and (d := _date(s)):
            meta["date"] = d
        elif s and "source" not in meta and "date" not in meta:
            meta["source"] = s
        i += 1
    title: list[str] = []
    while i < len(lines) and not _LN_HEAD_FIELD.match(lines[i]):
        if lines[i].strip():
            title.append(lines[i].strip())
        elif title:
            break
        i += 1
    if title:
        meta["title"] = " ".join(title)
    body_from = i
    for j in range(i, min(len(lines), i + 40)):  # the fields before the body
        m = _LN_HEAD_FIELD.match(lines[j])
        if m:
            if m.group(1) == "BYLINE" and m.group(2).strip():
                meta["author"] = m.group(2).strip()
            body_from = j + 1
        elif lines[j].strip() and j > body_from:
            break
    body: list[str] = []
    for ln in lines[body_from:]:
        m = _LN_TAIL_FIELD.match(ln)
        if m:
            if m.group(1) == "URL":
                meta.setdefault("url", ln.split(":", 1)[1].strip())
            break
        body.append(ln)
    return Piece(n, "\n".join(body).strip("\n"), meta)


def _nexis_uni(lines: list[str], n: int) -> Piece:
    """Read back from the line "Body": the fields (byline, length, copyright), the date, the outlet,
    the title; whatever stands before them (the export's cover page, before the first article) is
    no part of it. A story without "Body" is read forward from its title."""
    meta: dict[str, str] = {}
    marks = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    at = next((k for k, (_, s) in enumerate(marks) if s == "Body"), None)
    if at is None:
        body_from = _uni_forward(marks[:12], meta)
    else:
        k = at - 1
        while k >= 0 and _uni_field(marks[k][1], meta):
            k -= 1
        if k >= 0 and (d := _date(marks[k][1])):
            meta["date"] = d
            k -= 1
        for key in ("source", "title"):
            if k >= 0:
                meta[key] = marks[k][1]
                k -= 1
        body_from = marks[at][0] + 1
    body: list[str] = []
    for ln in lines[body_from:]:
        if _UNI_TAIL.match(ln.strip()):
            break
        body.append(ln)
    return Piece(n, "\n".join(body).strip("\n"), meta)


def _uni_field(line: str, meta: dict[str, str]) -> bool:
    """Whether ``line`` is one of a Nexis Uni story's fields ("Length: 120 words"), its byline kept."""
    m = _UNI_FIELD.match(line)
    if m and m.group(1) == "Byline" and m.group(2).strip():
        meta["author"] = m.group(2).strip()
    return m is not None


def _uni_forward(head: list[tuple[int, str]], meta: dict[str, str]) -> int:
    body_from = head[0][0] + 1 if head else 0
    for k, (i, s) in enumerate(head):
        if _uni_field(s, meta):
            body_from = i + 1
        elif k == 0:
            meta["title"] = s
        elif "date" not in meta and (d := _date(s)):
            meta["date"] = d
            body_from = i + 1
        elif k == 1:
            meta["source"] = s
            body_from = i + 1
        else:
            break
    return body_from


def _factiva(lines: list[str], n: int) -> Piece:
    meta: dict[str, str] = {}
    head = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()][:14]
    body_from = head[0][0] + 1 if head else 0
    after_date = 0
    for k, (i, s) in enumerate(head):
        if k == 0:
            meta["title"] = s
            continue
        if _WORDS.fullmatch(s):
            body_from = i + 1
            continue
        if "date" not in meta and (d := _date(s)):
            meta["date"] = d
            body_from = i + 1
            after_date = k
            continue
        if _CLOCK.fullmatch(s):  # the time under the date
            body_from = i + 1
            after_date = k if after_date == k - 1 else after_date
            continue
        if s.lower().startswith("by ") and "date" not in meta:
            meta["author"] = s[3:].strip()
            continue
        if _COPYRIGHT.match(s):
            body_from = i + 1
            break
        if after_date and k == after_date + 1 and "source" not in meta:
            meta["source"] = s
        if after_date and k <= after_date + 4 and len(s) < 40:
            body_from = i + 1  # the outlet, its code, the language
    return Piece(n, "\n".join(lines[body_from:]).strip("\n"), meta)
