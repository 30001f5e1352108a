"""Publication dates of articles and event dates of place mentions.

Two questions, answered without ever inventing a year:

* **When was the article published?** (:func:`find_publication_date`, :func:`publication_date`)
  Metadata wins (``'metadata'``), then a header line such as `` date 2020-07-29 By Trend``
  (``'header'``), then a date the text itself pins (``'inferred'``), else unknown.

  *Inference rule.* The text must contain at least one FULL date (day, month and year, e.g.
  "On 12th July 2020", "12 December 2017", "2020-07-12") in a sentence that is not about the
  future. The article cannot be older than the latest such date, so that date is a lower bound
  for publication. Partial dates ("on 28th July", "Tuesday 21st July") are then anchored in the
  year of that latest full date; when one falls later in that year (and, if it names a weekday,
  the weekday matches), the lower bound moves up to it. Dates after ``now`` never count, and a
  text with no full date (only "September 21" or "1 March") stays undated: no year is guessed.
  Plausibility: when the text names a later past year on its own ("in 2010") than the year of
  its latest full date, that full date cannot be the publication date, and the article stays
  undated rather than misdated.

* **When did the event a place mention belongs to happen?** (:func:`event_date`) The date
  expression nearest to the mention in the same sentence, normalised against the publication
  date: absolute dates, partial dates ("on 26 November": the year that puts it on or before
  publication, or on/after when the sentence is about the future), weekdays, "yesterday",
  "last month", "late last year", "in July 2020", "in 1994". Otherwise the publication date with
  precision ``'published'``, otherwise ``(None, 'unknown')``. The date is the first day of the
  period named by the precision (``models.DATE_PRECISIONS``).

  Yearless days: the next occurrence for announced or scheduled events (a future clause, or a
  timetable verb: "ends on 30 September"), the last one for reported ones ("resigned on
  Wednesday"); either way the occurrence near publication when the tense would put it eleven
  months away. A plan seen from the past ("was due to fly on July 1") takes whichever occurrence
  is nearer publication. The tense is read in the mention's own sentence only. A stated weekday
  must agree with the year chosen ("Thursday, 15 October"), else the mention is undated. Another
  expression of the sentence can give the year ("four years ago, on 13 September", "last year on
  2 May", "in 2012, on 4 July"). A span of days is dated by its first day ("between August 24 and
  September 1", "August 14-16", "from May 8 to May 10"), and a period counted from publication
  yields to a date written beside it ("earlier this month ... on September 21"). A plan told in
  the past ("announced they would go to Kenosha on Thursday") takes the occurrence nearer
  publication when that is within a month ahead; a sentence opening with a condition ("If you
  arrive after 4am Saturday, you will ...") is about what is ahead. A timeline's "FEBRUARY 28:" is
  a date, and a caption's "MARCH 18: ... on March 18, 2015" takes the year written beside it. A
  fixed-day holiday after a preposition ("on Boxing Day", "until New Year's Eve") is that yearless
  day; "on the 11th" is the day of the publication's month (or the month before or after, as the
  tense says); "11/10/2020" is the reading on the tense's side of publication, else the one nearer
  it by a month or more, else undated; "the day before yesterday" and "a fortnight ago" count back. Eras
  and impossible years ("44 BC", "AD 79", "the year 9999"), decades and centuries ("in the 1940s",
  "the 13th century") are undated; years 1000-1599 are dated to the year.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from mapapp.limits import MAX_SENTENCE, check

__all__ = [
    "find_publication_date",
    "publication_date",
    "parse_date_string",
    "ambiguous_date",
    "sentence_bounds",
    "event_date",
    "find_dates",
    "DateExpr",
]

# --- vocabulary ------------------------------------------------------------------------------

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"  # timelines
)
_WD_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"

# The look-ahead after \b skips, at little cost, the words no expression can start with.
_LEADS = (
    r"in|since|during|until|till|by|early|late|mid|last|this|next|of|from|before|after|through|"
    r"yesterday|today|tonight|tomorrow|earlier|later|a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|twenty|thirty|on|previous|past|the|between|and|to|end|spring|summer|autumn|fall|"
    r"winter|throughout|come"
)
_EXPR = re.compile(
    r"\b(?=\d|[A-Z]|(?:" + _LEADS + r")\b)"
    r"""(?:
    (?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)
  | (?P<dot>(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\.(?P<dy>(?:19|20)\d\d)(?![\d.]\d))
  | (?P<dmy>(?:(?P<dmy_wd>"""
    + _WD_RE
    + r"""),?\s+)?(?:the\s+)?(?P<dmy_d>"""
    + _DAY_RE
    + r""")(?:\s?[-–]\s?"""
    + _DAY_RE
    + r""")?\s+(?:of\s+)?(?P<dmy_m>"""
    + _MONTH_RE
    + r""")(?:,?\s+(?P<dmy_y>"""
    + _YEAR_RE
    + r"""))?(?![\w-]))
  | (?P<mdy>(?:(?P<mdy_wd>"""
    + _WD_RE
    + r"""),?\s+)?(?P<mdy_m>"""
    + _MONTH_RE
    + r""")\s+(?:the\s+)?(?P<mdy_d>"""
    + _DAY_RE
    + r""")(?:\s?[-–]\s?"""
    + _DAY_RE
    + r""")?(?!\d|:\d)(?:,?\s+(?P<mdy_y>"""
    + _YEAR_RE
    + r"""))?(?![\w-]))
  | (?P<my>(?P<my_m>"""
    + _MONTH_RE
    + r"""),?\s+(?:of\s+)?(?P<my_y>"""
    + _YEAR_RE
    + r""")\b)
  | (?P<mon>(?i:in|since|during|until|till|by|early|late|mid|mid-|last|this|next|of|from|before|after|through)\s+(?:early\s+|late\s+|mid-?)?(?P<mon_m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s+\d))
  | (?P<hol>(?i:on|until|till|by|from|since|before|after)\s+(?:the\s+)?(?P<hol_n>Christmas\s+(?:Day|Eve)|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|Hallowe['’]?en|Valentine['’]s\s+Day|Bonfire\s+Night|Guy\s+Fawkes\s+Night|(?:St\.?|Saint)\s+Patrick['’]s\s+Day|Armistice\s+Day|Burns\s+Night|Fourth\s+of\s+July)(?:,?\s+(?P<hol_y>"""
    + _YEAR_RE
    + r"""))?(?![\w-]))
  | (?P<dom>(?i:on)\s+the\s+(?P<dom_d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?=\s*[,.;:)]|\s+(?:at|in|when|after|before|and|but|as|of\s+(?:this|the|last|next)\s+month)\b))
  | (?P<sl>(?P<sl_a>[0-3]?\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>(?:19|20)\d\d)(?![\d/]))
  | (?P<rel>(?P<rel_w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow|this\s+morning|this\s+afternoon|this\s+evening|earlier\s+today|later\s+today|last\s+night))\b)
  | (?P<ago>(?P<ago_n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty))\s+(?P<ago_u>day|week|fortnight|month|year)s?\s+ago\b)
  | (?P<wd>(?:(?P<wd_q>(?i:last|next|this|on|on\s+last|on\s+next|by|from|since|until|come))\s+)?(?P<wd_d>"""
    + _WD_RE
    + r""")\b)
  | (?P<per>(?P<per_q>(?i:(?:(?:early|late|earlier|later)\s+(?:in\s+)?)?(?:last|this|next|previous|past|the\s+previous|the\s+past)))\s+(?P<per_u>week|month|year)\b)
  | (?P<yr>(?P<yr_q>(?i:in|since|by|until|till|from|before|after|during|of|between|and|to|early|late|mid|mid-|end\s+of|spring|summer|autumn|fall|winter|throughout))\s+(?P<yr_y>"""
    + _YEAR_RE
    + r""")(?![\d,.]\d|\w|\s*%|-|’s|'s))
    )""",
    re.VERBOSE,
)

# Every expression of _EXPR consumes one of these (a digit, a month or weekday name, one of the
# words of ``rel``, ``ago`` and ``per``, with the same case sensitivity): a stretch of text
# without any has no date expression, and ``find_dates`` skips it after this one cheap scan
# instead of trying the big alternation at every capitalised or lead word (issue 15: most
# sentences of news have no date). Keep it a superset when _EXPR changes (tests/test_dates_cue.py).
_CUE = re.compile(
    r"\d|(?i:day|night|tomorrow|morning|afternoon|evening)|week|month|year|Eve\b|Hallowe|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
)

_FAR = re.compile(
    r"\b\d{1,5}(?:\s*|-)(?:BCE|BC|B\.C\.?|AD|CE|A\.D\.?)(?!\w)|\b(?:AD|A\.D\.)\s*\d{1,4}\b|"
    r"\bthe\s+year\s+(?!1[6-9]\d\d\b|20\d\d\b)\d{3,6}(?![\d,.]\d)|"
    r"\b(?:in|of|since|by|from|until|around|circa|c\.)\s+(?P<old>1[0-5]\d\d)(?=[.,;:)]|\s+(?:and|when|before|after|during|to)\b)|"
    # a decade or a century as a time: "in the 1940s", "the '60s", "the 13th century" (no day of it
    # to give); "1980s London" or "the 16th-century castle" name a thing, not a time (checked after)
    r"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?P<span>(?:1\d|20)\d0[’']?s\b|[’']\d0s\b|\d{1,2}(?:st|nd|rd|th)\s+centur(?:y|ies)\b)",
    re.IGNORECASE,
)
# "since the 1990s", "levels last seen in the early 1960s": a bound or a comparison, not the time
# of the sentence's event
_BOUND_BEFORE = re.compile(r"(?:since|until|till|by|before|after|seen\s+in|than\s+in)\s+\Z", re.I)
# what may follow a decade or century used as a time (a noun after it makes it a modifier)
_AFTER_SPAN = re.compile(
    r"\s*(?:[.,;:!?)\u2014\u2013]|\Z|(?:and|or|when|while|as|before|after|until|to|through|in|on|at|for|but|that|which|"
    r"where|with|by|of|is|was|were|had|has|have|he|she|they|it|we|i|bc|bce|ad|ce|b\.c\.)\b)",
    re.I,
)
_NAMED_DAY = re.compile(
    r"\b(?:Black|Cyber|Good|Easter|Ash|Bloody|Super|Shrove|Holy|Maundy|Palm|Giving|Blue|Manic)[\s`'‘“\"]+$"
)
# "the September 11 attacks", "the July 7 bombings": a day and month naming an event of another
# year, not a date of this one (no year to give it either: never invented)
_NAMED_BY_DATE = re.compile(
    r"[\s-]+(?:terror(?:ist)?\s+)?(?:attacks?|attackers|bombings?|bombers|hijack(?:ers|ings?)|massacres?|"
    r"commission|memorial|riots)\b",
    re.IGNORECASE,
)
# holidays on a fixed day, read as that day and month (a yearless day unless a year follows)
_HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "hallowe'en": (10, 31),
    "valentine's day": (2, 14),
    "bonfire night": (11, 5),
    "guy fawkes night": (11, 5),
    "st patrick's day": (3, 17),
    "st. patrick's day": (3, 17),
    "saint patrick's day": (3, 17),
    "armistice day": (11, 11),
    "burns night": (1, 25),
    "fourth of july": (7, 4),
}
_NUMWORDS = {
    "a": 1,
    "an": 1,
    "twenty": 20,
    "thirty": 30,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

# The look-ahead after \b (the first letters of the words) skips most positions at once: the
# clause tests run for every dated sentence.
_FUTURE = re.compile(
    r"\b(?=[wsufntmiapgedebcrk'])(?:will|shall|upcoming|forthcoming|next(?!\s+(?:to|door)\b)|tomorrow|may\s+be|might|is\s+due|are\s+due|"
    r"scheduled|to\s+be\s+held|is\s+to|are\s+to|set\s+to|plans?\s+to|planned|going\s+to|due\s+to|"
    r"ends|begins|starts|expires|resumes|reopens|kicks\s+off|takes\s+place|comes?\s+into\s+(?:force|effect)|"
    r"runs\s+(?:until|till|to)|"
    r"expected\s+to\s+(?:take|be\s+held|begin|start|open|meet)|deadline|'ll)\b",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_POSSESSIVE = re.compile(r"[’']s\b")
_WEEKDAY_GAP = re.compile(r"[\s,]*(?:the\s+)?")


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in a text (offsets index that text)."""

    start: int
    end: int
    text: str
    kind: str  # 'full' | 'partial' | 'slash' | 'dom' | 'month_year' | 'month' | 'relative' | 'ago' | 'weekday' | 'period' | 'year'
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    qualifier: str = ""


def _day(s: str) -> int:
    return int(_DIGITS.match(s).group())  # type: ignore[union-attr]


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Every date expression in ``text[start:end]`` (offsets index ``text``)."""
    if not _CUE.search(text, start, len(text) if end is None else end):
        return []  # no expression (nor era, which needs a digit) can match here
    return _find_dates(text, start, end)


def _find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """``find_dates`` without the cue test (tests compare the two)."""
    out: list[DateExpr] = []
    for m in _EXPR.finditer(text, start, len(text) if end is None else end):
        check()  # the per-file time budget (limits.deadline)
        g = m  # m["name"]: one group at a time, not a dict of all forty per match
        try:
            if g["iso"]:
                y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
                if _safe_date(y, mo, d) is None or not 1600 <= y <= 2099:
                    continue
                out.append(DateExpr(m.start(), m.end(), m.group(), "full", y, mo, d))
            elif g["dot"]:
                y, mo, d = int(g["dy"]), int(g["dm"]), int(g["dd"])
                if _safe_date(y, mo, d) is None:
                    continue
                out.append(DateExpr(m.start(), m.end(), m.group(), "full", y, mo, d))
            elif g["dmy"] or g["mdy"]:
                p = "dmy" if g["dmy"] else "mdy"
                d, mo = _day(g[p + "_d"]), _month(g[p + "_m"])
                wd = _WEEKDAYS[g[p + "_wd"].lower()] if g[p + "_wd"] else None
                if g[p + "_y"]:
                    y = int(g[p + "_y"])
                    if _safe_date(y, mo, d) is None:
                        continue
                    out.append(DateExpr(m.start(), m.end(), m.group(), "full", y, mo, d, wd))
                else:
                    if _safe_date(2000, mo, d) is None:  # 2000 is a leap year: 29 Feb allowed
                        continue
                    if _NAMED_BY_DATE.match(text, m.end()):
                        continue
                    out.append(DateExpr(m.start(), m.end(), m.group(), "partial", None, mo, d, wd))
            elif g["hol"]:
                hs = m.start("hol_n")
                mo, d = _HOLIDAYS[" ".join(g["hol_n"].lower().replace("’", "'").split())]
                ht = text[hs : m.end()]
                if g["hol_y"]:
                    out.append(DateExpr(hs, m.end(), ht, "full", int(g["hol_y"]), mo, d))
                else:
                    out.append(DateExpr(hs, m.end(), ht, "partial", None, mo, d))
            elif g["dom"]:
                out.append(DateExpr(m.start(), m.end(), m.group(), "dom", day=int(g["dom_d"])))
            elif g["sl"]:
                a, b, y = int(g["sl_a"]), int(g["sl_b"]), int(g["sl_y"])
                dmy, mdy = _safe_date(y, b, a), _safe_date(y, a, b)
                if dmy is None and mdy is None:
                    continue
                if dmy is None or mdy is None or dmy == mdy:
                    d0 = dmy or mdy
                    out.append(DateExpr(m.start(), m.end(), m.group(), "full", y, d0.month, d0.day))  # type: ignore[union-attr]
                else:  # "11/10/2020": 11 October or November 10, told apart by publication (see resolve)
                    out.append(DateExpr(m.start(), m.end(), m.group(), "slash", y, b, a))
            elif g["my"]:
                out.append(DateExpr(m.start(), m.end(), m.group(), "month_year", int(g["my_y"]), _month(g["my_m"])))
            elif g["mon"]:
                s = m.start("mon_m")
                q = m.group().split()[0].lower()
                out.append(DateExpr(s, m.end(), text[s : m.end()], "month", None, _month(g["mon_m"]), qualifier=q))
            elif g["rel"]:
                out.append(
                    DateExpr(m.start(), m.end(), m.group(), "relative", qualifier=" ".join(g["rel_w"].lower().split()))
                )
            elif g["ago"]:
                n = g["ago_n"].lower()
                k = int(n) if n.isdigit() else _NUMWORDS[n]
                out.append(DateExpr(m.start(), m.end(), m.group(), "ago", day=k, qualifier=g["ago_u"].lower()))
            elif g["wd"]:
                if not g["wd_q"] and _NAMED_DAY.search(text, max(0, m.start() - 12), m.start()):
                    continue  # "Black Monday", "Good Friday": names, not dates
                q = " ".join((g["wd_q"] or "").lower().split())
                out.append(
                    DateExpr(
                        m.start(), m.end(), m.group(), "weekday", weekday=_WEEKDAYS[g["wd_d"].lower()], qualifier=q
                    )
                )
            elif g["per"]:
                if _POSSESSIVE.match(text[m.end() : m.end() + 3]):
                    continue  # "this year's conference" names a thing, not a time
                q = " ".join(g["per_q"].lower().split())
                out.append(DateExpr(m.start(), m.end(), m.group(), "period", qualifier=q + " " + g["per_u"].lower()))
            elif g["yr"]:
                s = m.start("yr_y")
                out.append(DateExpr(s, m.end(), g["yr_y"], "year", int(g["yr_y"])))
        except (KeyError, ValueError, AttributeError):
            continue
    # eras and years outside 1600-2099: "44 BC", "AD 79", "the year 9999" cannot be dated and must
    # not leave the publication date standing in for them; "in 1066." is a year of its own
    lo, hi = start, len(text) if end is None else end
    if _DIGIT.search(text, lo, hi):  # _FAR needs a digit
        for m in _FAR.finditer(text, lo, hi):
            if m.group("old"):
                y = int(m.group("old"))
                out.append(DateExpr(m.start("old"), m.end("old"), m.group("old"), "year", y))
            elif m.group("span"):
                if (
                    _BOUND_BEFORE.search(text, max(lo, m.start() - 24), m.start()) is None
                    and _AFTER_SPAN.match(text, m.end()) is not None
                ):
                    out.append(DateExpr(m.start(), m.end(), m.group(), "far"))
            else:
                out.append(DateExpr(m.start(), m.end(), m.group(), "far"))
        out.sort(key=lambda x: x.start)
    # "on Tuesday 21st July": the weekday belongs to the date right after it
    merged: list[DateExpr] = []
    for x in out:
        if (
            merged
            and merged[-1].kind == "weekday"
            and x.kind in ("full", "partial")
            and x.weekday is None
            and _WEEKDAY_GAP.fullmatch(text[merged[-1].end : x.start])
        ):
            w = merged.pop()
            x = DateExpr(w.start, x.end, text[w.start : x.end], x.kind, x.year, x.month, x.day, w.weekday)
        merged.append(x)
    return merged


# --- publication date ------------------------------------------------------------------------

_HEADER_DATE = re.compile(
    r"(?:^|\s)(?:date|published|posted|updated|publication\s+date)\s*[:\-]?\s*(?P<d>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4}|"
    + _DAY_RE
    + r"\s+"
    + _MONTH_RE
    + r",?\s+"
    + _YEAR_RE
    + r"|"
    + _MONTH_RE
    + r"\s+"
    + _DAY_RE
    + r",?\s+"
    + _YEAR_RE
    + r")",
    re.IGNORECASE,
)


_RFC2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


_NUMERIC_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")


def ambiguous_date(value: object) -> bool:
    """``03/04/2020`` or ``03-04-2020``: 3 April in most of the world, March 4 in the US. A dotted
    date is day first everywhere it is written; one whose day is over 12, or day and month equal,
    says itself which it is."""
    if not isinstance(value, str):
        return False
    m = _NUMERIC_DMY.fullmatch(value.strip())
    return m is not None and m[2] != "." and int(m[1]) != int(m[3]) and int(m[1]) <= 12 and int(m[3]) <= 12


def parse_date_string(value: object, order: str = "auto") -> date | None:
    """A date from metadata: ``date``/``datetime`` objects, ISO strings (with or without a time and
    zone, or ISO's basic form ``20200729``), RSS's ``Wed, 29 Jul 2020 10:00:00 GMT``, ``29.07.2020``,
    ``29/07/2020``, ``07/29/2020``, ``29 July 2020``, ``July 29, 2020``. ``None`` when not understood,
    and for an :func:`ambiguous_date` unless ``order`` (``dmy`` or ``mdy``) says which it is: a
    US export's ``03/04/2020`` read day first was a silent month's error."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", s):
        return _from_epoch(float(s))
    # ISO 8601's basic form, as GDELT and many feeds write it: "20200714", "20200714T100000Z"
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T?\d{4}(?:\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", s)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    # RFC 2822, the date of RSS feeds and e-mail: "Tue, 03 Mar 2020 10:00:00 GMT", "... +0000"
    if _RFC2822.match(s):
        try:
            return parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    m = re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.,]+)?(?:Z|[+-]\d{2}:?\d{2}| ?UTC| ?GMT)?", s, re.IGNORECASE
    )
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", s)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _NUMERIC_DMY.fullmatch(s)
    if m:  # either order reads the date whose day is over 12 (07/29/2020, 29/07/2020)
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        if order == "mdy" and m[2] != ".":
            return _safe_date(y, a, b) or _safe_date(y, b, a)
        if order != "dmy" and ambiguous_date(s):
            return None
        return _safe_date(y, b, a) or _safe_date(y, a, b)
    found = [e for e in find_dates(s) if e.kind == "full"]
    if found:
        e = found[0]
        rest = (s[: e.start] + " " + s[e.end :]).strip(" ,.;:-")
        rest = re.sub(r"^(?:on\s+)?(?:" + _WD_RE + r")?[,\s]*", "", rest, flags=re.IGNORECASE)
        if re.fullmatch(
            r"(?:(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|[A-Z]{2,5})?)?", rest.strip(" ,.;:-"), re.IGNORECASE
        ):
            return _safe_date(e.year, e.month, e.day)  # type: ignore[arg-type]
    return None


def _from_epoch(x: float) -> date | None:
    """Unix time in seconds or milliseconds (2001..2286); anything else is not a date."""
    if x > 1e11:
        x /= 1000.0
    if not 1e9 <= x < 1e10:
        return None
    try:
        return datetime.fromtimestamp(x, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None


def header_date(header: str) -> date | None:
    """The date a header line such as `` date 2020-07-29 By Trend`` states, if any."""
    if not header:
        return None
    m = _HEADER_DATE.search(header)
    if not m:
        return None
    return parse_date_string(m.group("d"))


_FROM_WEEKDAY = re.compile(r"\b[Ff]rom\s+" + _WD_RE + r"\b(?!\s+(?:to|until|till|through)\b)")
# a sentence that opens with its start, a month or a weekday ("From November, firms ... will pay more"):
# the words before the date, and the date's first word; see _is_future_clause
_FROM_OPENER = re.compile(
    r"[\"'“‘(]*[Ff]rom\s+(?:(?:early|mid-?|late|the\s+(?:start|end|beginning|middle)\s+of)\s+)?"
    # "From 11.59pm on Sunday, restrictions ... will be eased": a time of the day first
    r"(?:(?:midnight|noon|\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))\s+(?:on\s+)?)?"
)
_MONTH_OR_WEEKDAY = re.compile(f"(?:{_MONTH_RE}|{_WD_RE})" + r"\b")
_PRESENT_VERB = re.compile(r"\b(?:is|are|am|will|'re)\b", re.IGNORECASE)
_PAST_VERB = re.compile(
    r"\b(?:flew|went|was|were|met|said|told|came|left|took|made|held|saw|began|won|lost|fell|rose|spoke|gave|got|"
    r"ran|sent|found|brought|drove|wrote|arrived|died|killed|attacked|announced|confirmed|reported|revealed|"
    r"signed|visited|returned|travelled|traveled|landed|crashed|resigned|opened|closed|tested|recorded)\b",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"\b(?:since|by|until|till|(before|after))\s+"
    r"(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+|well\s+into\s+|the\s+|early\s+|late\s+|mid-?|last\s+|this\s+|next\s+)?$",
    re.IGNORECASE,
)
# a comparison before "since": "the highest daily total since", "the first time since", "down on"
_COMPARED = re.compile(
    r"\b(?:\w+est|most|fewest|least|more|less|fewer|first|only|time|times|ever|yet|up|down|rise|fall|"
    r"increase|decrease|drop|jump|record)\b[^.;:!?]*since\s+\S*\s*$",
    re.IGNORECASE,
)
# "similar temperatures to today", "busier than last week", "down on this time last year": a day or
# period a figure is compared with, not the time of the sentence's event
_COMPARED_WITH = re.compile(
    r"\b(?:similar(?:\s+[a-z]+){0,2}?\s+to|compared\s+(?:with|to)|than|(?:per\s*cent|%)\s+(?:down\s+|up\s+)?on|"
    r"(?:down|up)\s+on(?=\s+(?:this|the\s+same)\s+time))\s+(?:this\s+time\s+|the\s+same\s+time\s+)?"
    r"(?:[a-z]+\s+and\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\s[\u2013-]\s|\bthat\b|\bwhich\b|\bwhen\b|\bbut\b|\bafter\b|\bbefore\b")
_PAST_BEFORE = re.compile(
    r"\b(?=[srtanwhd])(?:said|says|announced|reported|told|stated|added|noted|was|were|had|did)\s+(?:on\s+)?$",
    re.IGNORECASE,
)  # look-ahead: see _FUTURE


# a saying's day before its clause ("announced today that ...", "said on Monday that ..."), see event_date
_SAYING_BEFORE = re.compile(
    r"\b(?:announced|said|says|confirmed|revealed|warned|told|insisted|claimed|declared|stated)\s+(?:on\s+)?$"
)
# "called on the Chancellor to extend the furlough scheme beyond the end of October": a limit being
# moved lies ahead, whatever the tense of the call ("was extended to March 3" may be long past)
_EXTEND_TO = re.compile(
    r"\bextend(?:s|ing)?\b[^.;:!?]{0,80}?\b(?:beyond|until|till|to|into|through)\s+"
    r"(?:the\s+(?:end|start|middle)\s+of\s+)?$",
    re.IGNORECASE,
)

# "was due to fly on July 1", "had been set to open in March": a plan seen from the past. Whether it
# lay ahead or behind the story is not said, so the occurrence nearest publication is taken
_WAS_DUE = re.compile(
    r"\b(?:was|were|had(?:\s+been)?)\s+(?:(?:originally|initially|previously|also|already|first)\s+)?"
    r"(?:due|set|scheduled|planned|expected|going|supposed|meant|slated|planning|hoping)\b",
    re.IGNORECASE,
)


_CONDITION = re.compile(r"[\s\"'“‘(]*(?:If|Unless)\s")
_HAD = re.compile(r"\b(?:had|did|'d)\b", re.IGNORECASE)
# "announced they would go to Wisconsin on Thursday": a future seen from a past report; see event_date
_WOULD = re.compile(r"\bwould\b(?!\s+(?:not\s+)?have\b)", re.IGNORECASE)
# "the limit in England on Monday could lead to ...", "is unlikely to deter Saturday's march": a
# possibility, ahead or behind ("after they could reopen in June"); see event_date
_MAYBE = re.compile(r"\b(?:could\s+(?!have\b|not\b|never\b|only\b)|(?:is|are)\s+(?:un)?likely\s+to\b)", re.IGNORECASE)


def _is_reference_point(text: str, s: int, x: DateExpr) -> bool:
    """ "since 1991", "by the end of 2022", "before 2030", "until June": a bound, not the time of the
    sentence's event (the pledge was made when the story was published). Not "after Wednesday's
    shooting" or "before Thursday's opener": a day's own event dates the sentence."""
    if (
        x.kind in ("relative", "period", "weekday")
        and _COMPARED_WITH.search(text, max(s, x.start - 40), x.start)
        and not _POSSESSIVE.match(text, x.end)  # "compared to today's desolate London scenes": today's own
    ):
        return True
    m = _REFERENCE.search(text[max(s, x.start - 30) : x.start])
    if m is None:
        return False
    if (
        m.group(0)[:5].lower() == "since"
        and x.kind in ("full", "partial", "weekday", "relative")
        and not _COMPARED.search(text, max(s, x.start - 90), x.start)
    ):
        # "has been in Colorado since last Wednesday", "in operation since August 1": a state that
        # began that day (a span's first day); not a comparison ("the highest since May 12")
        return False
    return m.group(1) is None or not (x.kind in ("weekday", "relative") or _POSSESSIVE.match(text, x.end))


@lru_cache(maxsize=64)  # like _sentence_dates: holds at most 64 texts alive
def _is_future_clause(text: str, s: int, x_start: int, x_end: int, e: int | None = None) -> bool:
    """Is the clause that holds the expression ``text[x_start:x_end]`` (in the sentence
    ``text[s:e]``) about the future? ("will be held on 5 May", not "announced Friday that it will ...").
    The next sentence's "will" is not this one's: a caption "... in Melbourne in July." followed by
    "The state will ..." is last July. Memoised: the mentions of a sentence mostly share its nearest date."""
    before = text[max(s, x_start - 200) : x_start]
    if _PAST_BEFORE.search(before):
        return False
    cut = 0
    for brk in _CLAUSE_BREAK.finditer(before):
        cut = brk.end()
    clause = before[cut:] if len(before) - cut >= 12 else before[max(0, cut - 80) :]
    after = text[x_end : min(x_end + 80, len(text) if e is None else max(e, x_end))]
    m = _CLAUSE_BREAK.search(after)
    if m is not None and m.start() == 0 and after[:1] == "," and not before.strip(" \"'“‘("):
        # "From Monday, the rule will come into force": a date opening its sentence belongs to
        # the clause after its comma
        m = _CLAUSE_BREAK.search(after, 1)
        after = after[1 : m.start()] if m else after[1:]
    else:
        after = after[: m.start()] if m else after
    if _FUTURE.search(clause):
        return True
    if "xtend" in clause and _EXTEND_TO.search(clause):
        return True
    if _CONDITION.match(text, s) and "," not in text[s:x_start]:
        opening = text[s:x_start]
        if not _PAST_VERB.search(opening) and not _HAD.search(opening):
            # "If you arrive in England after 4am Saturday, you will ...": a sentence opening with a
            # condition in the present is about what is ahead (its "will" stands after the comma);
            # not an embedded "if" ("it is not known if the murders are linked to ... Tuesday")
            return True
    if _FROM_OPENER.fullmatch(text, s, x_start) and _MONTH_OR_WEEKDAY.match(
        text, x_start + 3 if text.startswith("on ", x_start) else x_start
    ):
        # "From November, companies from the UK, Austria and Turkey which ... will face higher fees":
        # a sentence opening with its start takes the tense of its first verb of either kind
        rest = text[x_end : min(x_end + 300, len(text) if e is None else max(e, x_end))]
        will, did = _FUTURE.search(rest), _PAST_VERB.search(rest)
        if will is not None and (did is None or will.start() < did.start()):
            return True
    if _FROM_WEEKDAY.search(text, max(s, x_start - 5), x_end):
        past = [m.end() for m in _PAST_VERB.finditer(clause)]
        present = [m.end() for m in _PRESENT_VERB.finditer(clause)]
        if not past or (present and present[-1] > past[-1]):
            # "forced into stricter rules from Monday": a start ahead, unless the clause is past; the
            # verb nearest the date decides ("it emerged people are being forced ... from Monday")
            return True
    # a future only after the date ("flew to X on Tuesday ahead of ... will host"): not when the
    # clause before it already says what happened
    return bool(_FUTURE.search(after)) and not _PAST_VERB.search(clause)


def infer_publication_date(text: str, now: datetime | date) -> date | None:
    """The inferred publication date (see the module docstring), or ``None``."""
    today = now.date() if isinstance(now, datetime) else now
    fulls: list[date] = []
    partials: list[DateExpr] = []
    later_year = 0  # the latest past year the text names by itself ("in 2010", "in May 2010")
    for e in find_dates(text):
        if e.kind not in ("full", "partial", "year", "month_year"):
            continue
        s, t = sentence_bounds(text, e.start, e.end)
        if _is_future_clause(text, s, e.start, e.end, t):
            continue
        if e.kind in ("year", "month_year"):
            if re.search(
                r"\b(?:until|till|by|through|to|before)\s+(?:the\s+end\s+of\s+|early\s+|late\s+|mid-?)?$",
                text[max(0, e.start - 25) : e.start],
                re.I,
            ):
                continue  # "runs until 2025" may still be ahead of the article
            if e.year is not None and e.year <= today.year:
                later_year = max(later_year, e.year)
            continue
        if e.kind == "full":
            d = _safe_date(e.year, e.month, e.day)  # type: ignore[arg-type]
            if d is None or d > today or d.year < 1900:
                continue
            if e.weekday is not None and d.weekday() != e.weekday:
                continue
            fulls.append(d)
        else:
            partials.append(e)
    if not fulls:
        return None
    best = max(fulls)
    if later_year > best.year:
        # "On 26 February 1992 ..." in a text that also speaks of 2010: the full date cannot be
        # when it was published, and the year alone is not a date. Undated, not misdated.
        return None
    for e in partials:
        d = _safe_date(best.year, e.month, e.day)  # type: ignore[arg-type]
        if d is None or d <= best or d > today:
            continue
        if e.weekday is not None and d.weekday() != e.weekday:
            continue
        best = d
    return best


def find_publication_date(header: str, text: str, now: datetime) -> tuple[date | None, str | None]:
    """``(date, how)`` with how ``'header'`` or ``'inferred'``; ``(None, None)`` when unknown.

    Never a date after ``now``; never the current year as a default."""
    today = now.date() if isinstance(now, datetime) else now
    d = header_date(header or "")
    if d is not None and d <= today:
        return d, "header"
    d = infer_publication_date(text or "", now)
    if d is not None:
        return d, "inferred"
    return None, None


def publication_date(metadata: object, header: str, text: str, now: datetime) -> tuple[date | None, str | None]:
    """What the reader uses: a metadata date (string or date) wins as ``'metadata'`` (if it is not
    after ``now``); else :func:`find_publication_date`."""
    today = now.date() if isinstance(now, datetime) else now
    d = parse_date_string(metadata)
    if d is not None and d <= today:
        return d, "metadata"
    return find_publication_date(header, text, now)


# --- sentences -------------------------------------------------------------------------------

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "mt",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "cpt",
    "maj",
    "adm",
    "sen",
    "rep",
    "gov",
    "pres",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "vol",
    "vs",
    "etc",
    "fig",
    "approx",
    "dept",
    "rev",
    "hon",
    "messrs",
    "mme",
    "mlle",
    "e.g",
    "i.e",
    "al",
    "cf",
    "ave",
    "blvd",
    "ft",
    "pp",
    "govt",
    "amb",
    "supt",
    "cmdr",
    # ranks and titles before a name ("Fort Hood soldier, Pfc. Gregory Morales, was reported missing")
    "pfc",
    "spc",
    "pvt",
    "cpl",
    "brig",
    "insp",
    "det",
    "cllr",
}
# abbreviations only when a number follows ("No. 2", "Jan. 5"): "said no." ends a sentence
_ABBREV_BEFORE_NUMBER = {
    "no",
    "nos",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "p",
    "art",
    "sec",
    "para",
    "op",
}

_OPENER = re.compile(
    r"\s+(?:The|A|An|In|On|At|He|She|It|They|We|I|This|That|These|Those|But|However|Meanwhile|"
    r"According|After|Before|Earlier|Later|Last|Next|Its|His|Her|Their|There|Officials|Yesterday|Today)\b"
)

# A candidate end of sentence: . ! ? (and closing quotes/brackets) followed by whitespace.
# Taken only at the start of a run of punctuation (the look-behind), the rest of the run
# atomically (``(?=(?P<p>...))(?P=p)``): a run of 40,000 dots otherwise cost each of its
# positions a scan of the rest (half a minute). Starting with the character class keeps the
# regex engine's fast scan for it.
_END = re.compile(r"[.!?](?<![.!?]{2})(?=(?P<p>[.!?]*[\"'”’»)\]]*))(?P=p)(?=\s)|\n")


def _is_boundary(text: str, m: re.Match) -> bool:
    if m.group() == "\n":
        return True
    punct = m.group()
    if punct[0] in "!?":
        return True
    # the word before the period
    i = m.start()
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "([\"“'":
        j -= 1
    word = text[j:i]
    if not word:
        return True
    low = word.lower().rstrip(".")
    if low in _ABBREV:
        return False
    if low in _ABBREV_BEFORE_NUMBER and re.match(r"\s*\d", text[m.end() : m.end() + 4]):
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):  # initials: "U.S", "M.V", "I.M", "J"
        # "... in the U.S. The next day": a boundary only before a word that opens sentences
        return bool(len(word) > 1 and _OPENER.match(text, m.end()))
    # next non-space character must look like a sentence start
    k = m.end()
    n = len(text)
    while k < n and text[k] != "\n" and text[k].isspace():  # a no-break space too: "cases.\xa0Cases"
        k += 1
    if k >= n or text[k] == "\n":
        return True
    c = text[k]
    return c.isupper() or c.isdigit() or c in "\"'“‘«([-–—*#"


_SCAN_WINDOW = MAX_SENTENCE  # a "sentence" never reaches further than this from the span
_SOFT_BREAKS = (";", ",", " ")  # where an overlong sentence is split, best first


def _soft_cuts(text: str, a: int, b: int) -> list[int]:
    """Where to split ``text[a:b]`` so that no piece is longer than ``MAX_SENTENCE``: after the
    last ``;``, else ``,``, else space in the second half of each piece, else at the limit.
    Text without sentence punctuation would otherwise give every mention a window of its own
    (thousands of characters each, stored per mention and scanned for dates per mention); a
    fixed partition lets the mentions of a piece share its date expressions."""
    cuts: list[int] = []
    while b - a > MAX_SENTENCE:
        lo, hi = a + MAX_SENTENCE // 2, a + MAX_SENTENCE
        cut = hi
        for ch in _SOFT_BREAKS:
            k = text.rfind(ch, lo, hi)
            if k != -1:
                cut = k + 1
                break
        cuts.append(cut)
        a = cut
    return cuts


@lru_cache(maxsize=8)
def _boundaries(text: str) -> tuple[list[int], list[int], list[int]]:
    """Every sentence boundary of ``text``, once per text (an article's mentions share them):
    starts and ends of the boundary matches, and where the sentence before each one ends.
    Sentences longer than ``MAX_SENTENCE`` get extra boundaries (:func:`_soft_cuts`)."""
    starts: list[int] = []
    ends: list[int] = []
    closes: list[int] = []

    def soft(a: int, b: int) -> None:
        for c in _soft_cuts(text, a, b):
            starts.append(c)
            ends.append(c)
            closes.append(c)

    prev = 0
    for m in _END.finditer(text):
        if _is_boundary(text, m):
            soft(prev, m.start())
            starts.append(m.start())
            ends.append(m.end())
            closes.append(m.end() if m.group() != "\n" else m.start())
            prev = m.end()
    soft(prev, len(text))
    return starts, ends, closes


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(s, e)``: the sentence of ``text`` around ``text[start:end]``, without surrounding spaces.

    Lines are boundaries; ``.``/``!``/``?`` end a sentence unless they close an abbreviation
    ("Dr.", "U.S.", initials such as "M.V. Lomonosov"). Always ``s <= start`` and ``e >= end``.
    """
    n = len(text)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    starts, ends, closes = _boundaries(text)
    # backwards: the last boundary ending at or before start, within the window
    lo = max(0, start - _SCAN_WINDOW)
    i = bisect_right(ends, start) - 1
    s = ends[i] if i >= 0 and starts[i] >= lo else lo
    # forwards: the first boundary starting at or after end, within the window
    hi = min(n, end + _SCAN_WINDOW)
    j = bisect_left(starts, end)
    e = closes[j] if j < len(starts) and ends[j] <= hi else hi
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


# --- event dates -----------------------------------------------------------------------------


def _on_or_before(month: int, day: int, ref: date) -> date | None:
    for y in (ref.year, ref.year - 1):  # 29 February of neither year: no date rather than a guess
        d = _safe_date(y, month, day)
        if d is not None and d <= ref:
            return d
    return None


def _on_or_after(month: int, day: int, ref: date) -> date | None:
    for y in (ref.year, ref.year + 1):
        d = _safe_date(y, month, day)
        if d is not None and d >= ref:
            return d
    return None


def _month_start(d: date, delta_months: int = 0) -> date:
    k = d.year * 12 + (d.month - 1) + delta_months
    return date(k // 12, k % 12 + 1, 1)


def _partial_with_weekday(expr: DateExpr, p: date, future: bool) -> tuple[date, str] | None:
    """ "Thursday, 15 October": the year next to publication in which that day is that weekday, the
    next such one for a future clause and the last one otherwise (either way when only the other
    side has one); ``None`` when no year around publication agrees (the text contradicts itself)."""
    ok = [
        d
        for d in (_safe_date(y, expr.month, expr.day) for y in (p.year - 1, p.year, p.year + 1))  # type: ignore[arg-type]
        if d is not None and d.weekday() == expr.weekday
    ]
    if not ok:
        return None
    ahead = [d for d in ok if d >= p]
    behind = [d for d in ok if d <= p]
    if future:
        d = min(ahead) if ahead else max(behind)
    else:
        d = max(behind) if behind else min(ahead)
    return d, "day"


def _anchored_partial(expr: DateExpr, anchor: DateExpr, p: date | None) -> tuple[date, str] | None:
    """A day and month whose year another expression of the sentence gives: "four years ago, on 13
    September", "last year on 2 May", "in 2016, on 13 September". ``None`` when it gives none."""
    m, d = expr.month, expr.day
    k, q = anchor.kind, anchor.qualifier
    year = None
    if k == "year":
        year = anchor.year
    elif k == "period" and q.endswith("year") and p is not None:
        year = p.year + (1 if "next" in q else 0 if "this" in q else -1)
    elif k == "ago" and p is not None:
        n = anchor.day or 0
        if q == "year" and 0 < n < p.year - 1:
            year = p.year - n
        elif q in ("day", "week", "month") and n <= 366:
            days = n * {"day": 1, "week": 7, "month": 30}[q]
            a = p - timedelta(days=days)
            near = [x for x in (_safe_date(y, m, d) for y in (a.year - 1, a.year, a.year + 1)) if x is not None]  # type: ignore[arg-type]
            if near:
                return min(near, key=lambda x: abs((x - a).days)), "day"
    if year is None:
        return None
    x = _safe_date(year, m, d)  # type: ignore[arg-type]
    if x is None or (expr.weekday is not None and x.weekday() != expr.weekday):
        return None
    return x, "day"


_ANCHOR_GAP = 60  # an anchoring expression stands this close to the day it anchors
_AHEAD_OF = re.compile(r"\bahead\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "on Monday last week", "Tuesday next week": the weekday of the week named, not the nearest one
_WEEK_AFTER = re.compile(r"\s+(?:of\s+)?(last|this|next)\s+week\b", re.IGNORECASE)


def _weekday_of_week(text: str, x: DateExpr, p: date | None) -> tuple[date, str] | None:
    """The day a bare weekday names when a week follows it ("Monday last week"), or ``None``."""
    m = _WEEK_AFTER.match(text, x.end)
    if m is None or p is None or x.weekday is None or x.qualifier not in ("", "on"):
        return None
    step = {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
    return p - timedelta(days=p.weekday()) + timedelta(days=7 * step + x.weekday), "day"


# "On February 15 that year", "on August 25 of the same year": the year is the last one the text
# named before the day (within _YEAR_LOOKBACK characters), not the publication's
_THAT_YEAR = re.compile(r"\b(?:that|the\s+same|that\s+same)\s+year\b", re.IGNORECASE)
_YEAR_LOOKBACK = 800


def _year_told_before(text: str, pos: int) -> DateExpr | None:
    """The year of the last expression before ``pos`` that names one, as a year expression."""
    told = [x for x in find_dates(text, max(0, pos - _YEAR_LOOKBACK), pos) if x.year is not None]
    return DateExpr(told[-1].start, told[-1].end, told[-1].text, "year", year=told[-1].year) if told else None


def _maybe(text: str, s: int, e: int, x: DateExpr) -> bool:
    """Whether a possibility ("could", "is likely to") stands in ``x``'s clause: before it, or in
    the few words after it, no clause break between."""
    before = [m.end() for m in _MAYBE.finditer(text, max(s, x.start - 120), x.start)]
    if before and not _CLAUSE_BREAK.search(text, before[-1], x.start):
        return True
    m = _MAYBE.search(text, x.end, min(e, x.end + 40))
    return m is not None and not _CLAUSE_BREAK.search(text, x.end, m.start())


def _nearer(
    r: tuple[date | None, str] | None, other: tuple[date | None, str] | None, published: date
) -> tuple[date | None, str] | None:
    """Of two readings of a plan seen from the past ("was due to fly on July 1", "said they would go
    on Thursday"), the one nearer publication; ``other`` also when ``r`` has no date."""
    if r is None or r[0] is None:
        return other
    if other is not None and other[0] is not None and abs(other[0] - published) < abs(r[0] - published):
        return other
    return r


def resolve(expr: DateExpr, published: date | None, future: bool) -> tuple[date | None, str] | None:
    """Normalise one expression; ``None`` when it cannot be (no year can be had honestly)."""
    k = expr.kind
    if k == "full":
        d = _safe_date(expr.year, expr.month, expr.day)  # type: ignore[arg-type]
        return (d, "day") if d else None
    if k == "month_year":
        return date(expr.year, expr.month, 1), "month"  # type: ignore[arg-type]
    if k == "year":
        return date(expr.year, 1, 1), "year"  # type: ignore[arg-type]
    if published is None:
        return None
    p = published
    if k == "slash":
        # day/month or month/day: the one reading on the tense's side of publication, else the one
        # nearer publication by a month or more; else undated
        dmy = date(expr.year, expr.month, expr.day)  # type: ignore[arg-type]
        mdy = date(expr.year, expr.day, expr.month)  # type: ignore[arg-type]
        side = [x for x in (dmy, mdy) if (x >= p if future else x <= p)]
        if len(side) == 1:
            return side[0], "day"
        a, b = abs((dmy - p).days), abs((mdy - p).days)
        if abs(a - b) < 31:
            return None
        return (dmy if a < b else mdy), "day"
    if k == "dom":
        # "on the 11th": the publication's month, or the month before or after as the tense says
        for m in (_month_start(p), _month_start(p, 1 if future else -1)):
            d = _safe_date(m.year, m.month, expr.day or 0)
            if d is not None and (d >= p if future else d <= p):
                return d, "day"
        return None
    if k == "partial":
        if expr.weekday is not None:
            return _partial_with_weekday(expr, p, future)
        d = (_on_or_after if future else _on_or_before)(expr.month, expr.day, p)  # type: ignore[arg-type]
        if d is None:
            return None
        if abs((d - p).days) > 300:
            # news without a year means a day near publication: "on October 25" in a text of 30
            # September is the coming one even when the tense does not say so, "on August 23" in a
            # text of 2 September the last one even after a "will"
            d2 = (_on_or_before if future else _on_or_after)(expr.month, expr.day, p)  # type: ignore[arg-type]
            if d2 is not None and abs((d2 - p).days) <= 60:
                d = d2
        return d, "day"
    if k == "month":
        q = expr.qualifier
        if q == "next" or (future and q != "last"):
            y = p.year if expr.month >= p.month else p.year + 1  # type: ignore[operator]
        elif q == "this":
            y = p.year
        else:
            y = p.year if expr.month <= p.month else p.year - 1  # type: ignore[operator]
        return date(y, expr.month, 1), "month"  # type: ignore[arg-type]
    if k == "relative":
        q = expr.qualifier
        if q in ("yesterday", "last night"):
            return p - timedelta(days=1), "day"
        if q == "tomorrow":
            return p + timedelta(days=1), "day"
        if q == "the day before yesterday":
            return p - timedelta(days=2), "day"
        if q == "the day after tomorrow":
            return p + timedelta(days=2), "day"
        return p, "day"
    if k == "ago":
        n, unit = expr.day or 0, expr.qualifier
        if unit == "day" and n <= 366:
            return p - timedelta(days=n), "day"
        if unit == "week" and n <= 52:
            return p - timedelta(days=7 * n), "day"
        if unit == "fortnight" and n <= 26:
            return p - timedelta(days=14 * n), "day"
        if unit == "month" and n <= 12:
            return _month_start(p, -n), "month"
        if unit == "year" and n < p.year - 1:
            return date(p.year - n, 1, 1), "year"  # "20 years ago": the year, no more
        return None
    if k == "weekday":
        q = expr.qualifier
        wd = expr.weekday or 0
        fwd = q in ("next", "on next", "until", "by", "come") or (future and q not in ("last", "on last", "since"))
        if fwd:
            delta = (wd - p.weekday()) % 7
            if q in ("next", "on next") and delta == 0:
                delta = 7
            return p + timedelta(days=delta), "day"
        delta = (p.weekday() - wd) % 7
        if q in ("last", "on last") and delta == 0:
            delta = 7
        return p - timedelta(days=delta), "day"
    if k == "period":
        q = expr.qualifier
        unit = q.rsplit(" ", 1)[1]
        step = 1 if "next" in q else (0 if "this" in q else -1)
        if unit == "year":
            return date(p.year + step, 1, 1), "year"
        if unit == "month":
            return _month_start(p, step), "month"
        # a week: no precision of its own, so the month that holds most of it (its Thursday, as ISO
        # 8601 gives a week to a year): "last week" in a story of Tuesday 8 September 2020 (31 August
        # to 6 September) is September, not August. "This week" is the publication's month.
        if step == 0:
            return _month_start(p), "month"
        thursday = p - timedelta(days=p.weekday()) + timedelta(days=7 * step + 3)
        return _month_start(thursday), "month"
    return None


_RANK = {
    "far": 0,
    "full": 0,
    "partial": 1,
    "slash": 1,
    "dom": 1,
    "month_year": 2,
    "weekday": 3,
    "relative": 3,
    "ago": 3,
    "month": 4,
    "period": 5,
    "year": 6,
}


# a day coordinated after a mention ("... in Belfast and on Friday in Derry") ...
_AND_GAP = re.compile(r"\band\b")
# ... that has a place of its own after it
_OWN_PLACE = re.compile(r"(?:\s+(?:night|morning|afternoon|evening))?\s+(?:in|at)\s+(?:the\s+)?[A-Z]")
# "between August 24 and September 1", "from Monday to Friday": the second day ends a span; with
# words between "between" and its first day ("between the first day of classes on August 24 and
# September 1"), only an "and" joins them
_SPAN_JOIN = re.compile(r"\s*(?:and|to|through|[-\u2013])\s*", re.IGNORECASE)
_SPAN_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\b[^,;:()]*$", re.IGNORECASE)
_SPAN_KINDS = frozenset(("full", "partial", "weekday"))
_RESTATED_GAP = re.compile(r",\s*(?:on\s+)?|\s*\(\s*")


# "found on September 24 1999, five days after she was last seen in Felixstowe", "died on March 30
# ... seven days after the encounter with police in Rochester": a place in the clause after the
# offset took part in an event that many days off the day written before it
_OFFSET = re.compile(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<u>day|week)s?\s+"
    r"(?P<dir>after|before)\s",
    re.IGNORECASE,
)
_OFFSET_BREAK = re.compile(r"[,;:()\[\]]|\s[\u2013\u2014-]\s")
_OFFSET_REACH = 120  # the written day stands at most this far before the offset


@lru_cache(maxsize=64)
def _sentence_offsets(text: str, s: int, e: int) -> tuple[tuple[int, int, int], ...]:
    """(start, end, signed days) of the sentence's offsets, once per sentence (most have none)."""
    out = []
    for m in _OFFSET.finditer(text, s, e):
        g = m.group("n")
        n = int(g) if g.isdigit() else _NUMWORDS[g.lower()]
        days = n * (7 if m.group("u").lower() == "week" else 1)
        out.append((m.start(), m.end(), -days if m.group("dir").lower() == "after" else days))
    return tuple(out)


def _offset_days(text: str, s: int, e: int, start: int, best: DateExpr) -> int:
    """Days to move the day ``best`` gives a mention at ``start`` that stands in the clause of "N
    days after/before ..." written after ``best`` ("found on September 24 1999, five days after
    she was last seen alive in Felixstowe": -5); 0 when there is no such clause. The clause runs
    from the offset to the mention without a break; ``best`` is the sentence's nearest expression,
    so no day stands inside the clause."""
    offs = [o for o in _sentence_offsets(text, s, e) if best.end <= o[0] and o[1] <= start]
    if not offs:
        return 0
    o_start, o_end, days = offs[-1]
    if o_start - best.end > _OFFSET_REACH or _OFFSET_BREAK.search(text, o_end, start) is not None:
        return 0
    if len(text[s : best.start].split()) < 3:
        # "On July 8, 10 days after the cast returned to work she wrote to Anaheim": the day opens
        # the sentence and the main clause follows the offset's, unmarked
        return 0
    return days


def _span_ends(text: str, s: int, xs: list[DateExpr]) -> set[int]:
    """Indexes of the expressions that close a span of days opened by the one before them: a span
    is dated by its first day (docs/ANNOTATION.md), so its end must not outbid it by standing
    nearer a place."""
    out = set()
    for i in range(1, len(xs)):
        a, b = xs[i - 1], xs[i]
        if (
            a.kind in _SPAN_KINDS
            and b.kind in _SPAN_KINDS
            and _SPAN_JOIN.fullmatch(text, a.end, b.start)
            and (
                a.qualifier == "from"
                or _SPAN_OPEN.search(text[max(s, a.start - 14) : a.start])
                or (
                    text[a.end : b.start].strip() == "and"
                    and (
                        _BETWEEN_BEFORE.search(text, max(s, a.start - 80), a.start)
                        or a.kind == b.kind == "weekday"  # "Saturday and Sunday are set to be dry": a weekend
                    )
                )
            )
        ):
            out.add(i)
    return out


@lru_cache(maxsize=64)
def _sentence_dates(text: str, s: int, e: int) -> tuple[DateExpr, ...]:
    """The expressions of the sentence ``text[s:e]`` that may date its events (reference points
    such as "since 1991", the ends of spans and the week that names a weekday's, "Monday last week",
    excluded), once per sentence: its mentions all ask for them."""
    xs = find_dates(text, s, e)
    ends = _span_ends(text, s, xs) if len(xs) > 1 else set()
    weeks = {m.start(1) for x in xs if x.kind == "weekday" and (m := _WEEK_AFTER.match(text, x.end))}
    # "7,143 yesterday, September 29": the written day restates the word, and says it better (the
    # word counts from when the reporter wrote, not from the publication's timestamp)
    restated = {
        i
        for i in range(len(xs) - 1)
        if xs[i].kind == "relative"
        and xs[i + 1].kind in ("full", "partial")
        and _RESTATED_GAP.fullmatch(text, xs[i].end, xs[i + 1].start)
    }
    return tuple(
        x
        for i, x in enumerate(xs)
        if i not in ends
        and i not in restated
        and not (x.kind == "period" and x.start in weeks)
        and not _is_reference_point(text, s, x)
    )


def event_date(
    text: str, start: int, end: int, published: date | None, sentence: tuple[int, int] | None = None
) -> tuple[date | None, str]:
    """The date of the event a mention at ``text[start:end]`` takes part in.

    The date expression nearest to the span within its sentence, normalised against
    ``published``; else ``(published, 'published')``; else ``(None, 'unknown')``. When the nearest
    expression cannot be normalised without inventing a year ("September 21" in an undated
    article), the answer is ``(None, 'unknown')``: the sentence has a date, just not one we know.
    ``sentence``: the span's :func:`sentence_bounds` when the caller has them already.
    """
    try:
        s, e = sentence if sentence is not None else sentence_bounds(text, start, end)
        exprs = [x for x in _sentence_dates(text, s, e) if not (x.start < end and x.end > start)]
        op = text.rfind("(", s, start)
        if op >= 0 and text.find(")", op, start) < 0 and (cl := text.find(")", end, e)) >= 0:
            # "... on Wednesday night (Melbourne residents pictured on Monday)": a bracket is a clause
            # of its own, and a day inside it dates the places inside it
            inner = [x for x in exprs if x.start > op and x.end <= cl]
            if inner:
                exprs = inner
        if exprs:

            def dist(x: DateExpr) -> int:
                if x.end <= start:
                    return start - x.end
                if x.start >= end:
                    if _AND_GAP.search(text, end, x.start) and _OWN_PLACE.match(text, x.end):
                        # "rallies on Thursday night in Belfast and on Friday in Derry": a day after
                        # "and" with a place of its own is that place's, the last resort here
                        return _SCAN_WINDOW + x.start - end
                    return x.start - end
                return 0

            # specific before vague at equal distance
            best = min(exprs, key=lambda x: (dist(x), _RANK.get(x.kind, 9)))
            r: tuple[date | None, str] | None = (
                _weekday_of_week(text, best, published) if best.kind == "weekday" else None
            )
            if best.end <= start and text.startswith(" that ", best.end) and _SAYING_BEFORE.search(text, s, best.start):
                # "Boris Johnson announced today that pubs in England will be subject to a curfew from
                # Thursday": the day of the saying is not the place's, a day in its clause after it is
                # (a day of its own, ahead: "from Thursday"; not a comparison, "like we had in March")
                later = [
                    x
                    for x in exprs
                    if x.start >= end
                    and x.kind in ("weekday", "full", "partial", "dom")
                    and _FUTURE.search(text, end, x.start)
                ]
                if later:
                    best = min(later, key=lambda x: (x.start, _RANK.get(x.kind, 9)))
            if best.kind == "ago":
                # "reported missing a year ago on August 20, 2019": the full date right after says which day
                full = next((x for x in exprs if x.kind == "full" and 0 <= x.start - best.end <= 4), None)
                if full is not None:
                    best = full
            if best.kind == "partial":
                # a caption's "WASHINGTON, DC - MARCH 18: ... on March 18, 2015": the same day in full
                same = [x for x in exprs if x.kind == "full" and (x.month, x.day) == (best.month, best.day)]
                if same:
                    best = same[0]
            if best.kind == "partial":  # "four years ago, on 13 September": the other expression gives the year
                for a in sorted(exprs, key=lambda x: min(abs(x.start - best.end), abs(best.start - x.end))):
                    if a is best or a.kind not in ("year", "period", "ago"):
                        continue
                    if min(abs(a.start - best.end), abs(best.start - a.end)) > _ANCHOR_GAP:
                        break
                    r = _anchored_partial(best, a, published)
                    if r is not None:
                        break
                if r is None and _THAT_YEAR.search(text, s, e):
                    told = _year_told_before(text, best.start)
                    if told is None:
                        return None, "unknown"  # the text's year is not to be had: none is invented
                    r = _anchored_partial(best, told, published)
            if r is None:
                # "ahead of Sunday's elections": the day ahead, whatever the clause's tense
                ahead_of = _AHEAD_OF.search(text, max(s, best.start - 14), best.start) is not None
                future = ahead_of or _is_future_clause(text, s, best.start, best.end, e)
                r = resolve(best, published, future)
                if future and published is not None and _WAS_DUE.search(text, max(s, best.start - 200), best.start):
                    r = _nearer(r, resolve(best, published, False), published)
                elif not future and published is not None and best.kind in ("weekday", "partial", "month"):
                    # "the campaign announced the Bidens would go to Kenosha on Thursday": a plan told
                    # in the past, ahead of the telling; the occurrence nearer publication
                    # (within a month: "would face charges over ... on January 30" is history)
                    would = (
                        [m.end() for m in _WOULD.finditer(text, max(s, best.start - 120), best.start)]
                        if best.kind != "month"
                        else []
                    )
                    if would and not _CLAUSE_BREAK.search(text, would[-1], best.start):
                        ahead = resolve(best, published, True)
                        if ahead is not None and ahead[0] is not None and (ahead[0] - published).days <= 31:
                            r = _nearer(r, ahead, published)
                    elif best.qualifier not in ("last", "next", "this") and _maybe(text, s, e, best):
                        # a possibility in the date's clause: the occurrence nearer publication
                        r = _nearer(r, resolve(best, published, True), published)
            if r is not None and best.kind == "period":
                # "earlier this month ... died in Richmond on September 21": a period counted back
                # from publication is a reporter's rounding; the nearest written date is the day (a
                # weekday or "yesterday" beside it is mostly another clause's: the figures' release)
                written = [x for x in exprs if x.kind in ("full", "partial")]
                if written:
                    x = min(written, key=dist)
                    got = resolve(x, published, _is_future_clause(text, s, x.start, x.end, e))
                    if got is not None and got[0] is not None:
                        return got
            if r is not None and r[0] is not None and r[1] == "day":
                shift = _offset_days(text, s, e, start, best)
                if shift:
                    try:
                        r = r[0] + timedelta(days=shift), "day"
                    except OverflowError:
                        pass  # past year 1 or 9999: the day as written
            if r is not None:
                return r
            return None, "unknown"
    except Exception:  # noqa: BLE001 - a date is never worth a crash
        pass
    if published is not None:
        return published, "published"
    return None, "unknown"
