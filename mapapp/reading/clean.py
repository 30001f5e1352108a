"""Cleaning plain-text and Markdown articles: site boilerplate, header lines, Markdown links.

Its own module because what counts as boilerplate, a dateline or a title line is a set of
heuristics that grows with every news site met; the readers only call :func:`clean_text`.
"""

from __future__ import annotations

import re
from typing import Any

from mapapp import settings
from mapapp.geo import dates

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
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<src>[A-ZÀ-ÖØ-Ýİ][A-ZÀ-ÖØ-Ýİ0-9.\-]{1,10}|[A-Z][a-z]+(?:\s(?:News|Agency|Press|Times|Post|TV))+)(?=[.,;])"
)
_NOT_SOURCES = {
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "media",
    "sources",
    "source",
    "reports",
    "report",
    "this",
    "that",
    "officials",
    "witnesses",
    "who",
    "which",
    "also",
    "earlier",
    "it was",
    "local media",
    "state media",
    "the report",
}
_TITLE_END = re.compile(r"[.!?:;,\"'”’»)]\s*$")


# Characters that split a word without being seen: a soft hyphen (HTML's &shy;, hyphenation hints
# in scraped text), zero-width space, word joiner, a BOM inside the text, the Mongolian vowel
# separator. "Tov\u00aduz" was read as "Tov" and mapped to Töv, Mongolia. Zero-width (non-)joiners
# are kept: Persian words and emoji need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff\u180e"), None)
# One for one: hyphens other than "-" that join a name ("Baden\u2011Baden" was two Badens), and
# fullwidth letters and signs ("\uff2c\uff4f\uff4e\uff44\uff4f\uff4e") as their ASCII selves.
_SAME_WIDTH = {0x2010: "-", 0x2011: "-", **{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}}
_PLAIN = str.maketrans({**_SAME_WIDTH, **_INVISIBLE})
_ODD = re.compile("[" + "".join(re.escape(chr(c)) for c in _PLAIN) + "]")  # any character _PLAIN changes


def plain_characters(text: str) -> str:
    """``text`` with its invisible word-splitting characters gone and odd hyphens and fullwidth
    forms as plain ones, so the geoparser sees the words a reader does."""
    return text.translate(_PLAIN) if not text.isascii() and _ODD.search(text) else text  # translate is slow: rarely


_OPEN_END = re.compile(r"[^.!?:;\"'”’)\]]\Z")
_NAME_BROKEN = re.compile(r"\b[A-Z][a-z]+-\Z")  # "Wash-" before "ington", "Phila-" before "delphia"


def _join(line: str, nxt: str) -> str:
    """How a wrapped line meets the next: a space; nothing after a hyphen ("anti-" "war"), and
    no hyphen either inside a capitalised word ("Wash-" "ington")."""
    if not line.endswith("-"):
        return line + " "
    if nxt[:1].islower() and _NAME_BROKEN.search(line):
        return line[:-1]
    return line


def _unwrap(text: str) -> str:
    """Paragraphs hard-wrapped at a fixed width (wires, mail, text taken from a PDF) as flowing text.

    "protests in Los\nAngeles" split the name ("Angeles" was mapped to Angeles City, the
    Philippines). A paragraph is wrapped when it has at least three lines, its longest is 45-100
    characters, two thirds of its lines before the last reach 60% of that and half of them end
    without a sentence's end, and a third of the lines after the first go on in lower case (a
    table's or a list's rows do not); then each such long line is joined to the next (a title's or
    a list item's short line keeps its break)."""
    if "\n" not in text:
        return text
    pars = text.split("\n\n")
    for k, par in enumerate(pars):
        lines = par.split("\n")
        if len(lines) < 3:
            continue
        width = max(len(ln) for ln in lines)
        if not 45 <= width <= 100:
            continue
        long_ = [len(ln) >= 0.6 * width for ln in lines[:-1]]
        if 3 * sum(long_) < 2 * len(long_) or 2 * sum(bool(_OPEN_END.search(ln)) for ln in lines[:-1]) < len(long_):
            continue
        if 3 * sum(ln[:1].islower() for ln in lines[1:]) < len(long_):  # a table's rows start with capitals
            continue
        out = [_join(ln, nxt) if wrap else ln + "\n" for ln, nxt, wrap in zip(lines, lines[1:], long_)]
        pars[k] = "".join(out) + lines[-1]
    return "\n\n".join(pars)


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
    raw = plain_characters(raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = _BOILER_PHRASE.sub("", raw)
    lines = raw.split("\n")
    # header line among the first non-empty lines
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()][:3]
    for i in nonempty:
        dl = _DATELINE.match(lines[i].strip()) if len(lines[i]) < 80 else None  # length first: cheap
        if dl and not dl.group("d").strip().isdigit():
            d = dates.parse_date_string(dl.group("d"), settings.get("date_order"))
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
    text = _unwrap(re.sub(r"\n{3,}", "\n\n", text).strip("\n").strip())
    # title: a short first line without final punctuation, followed by more text
    first, sep, rest = text.partition("\n")
    if (
        sep
        and rest.strip()
        and first.strip()
        and len(first) <= 200
        and len(first.split()) <= 30
        and not _TITLE_END.search(first)
    ):
        found["title"] = first.strip()
    src = find_source(text)
    if src:
        found["source"] = src
    return text, found


def _is_strong_boiler(line: str) -> bool:
    """Boilerplate lines removed anywhere (not only at the end)."""
    return bool(
        re.match(
            r"\s*(?:follow\s+us\s+on|you\s+can\s+also\s+follow|by\s+subscribing|choose\s+to\s+support|here\s+we\s+are\s+to\s+serve)",
            line,
            re.I,
        )
    )


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
    according = _ACCORDING.search(head[:800])
    if according:
        return according.group("src").strip(" .")
    return None
