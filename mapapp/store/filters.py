"""``Filters``: the one description of "which mentions" shared by the app, export and snapshots.

``Filters.to_params()`` turns it into URL query parameters (only the non-default ones) and
``Filters.from_params()`` reads them back from anything a browser may send: every refused value
falls back to its default and yields one human-readable notice; it never raises.

A ``Filters`` also owns its two other renderings, so a new filter is added in one place (as in
datasette, where a filter knows both its SQL and its words): ``to_sql()`` gives the parameterised
WHERE clause over ``mentions m`` that every ``Store`` read uses (``SqlWhere``), and
``describe()`` the plain-text lines that summaries and standalone pages show.

Query parameters (``View`` adds its own keys beside these; unknown keys are ignored here):

==============  ===================================================================
``from``/``to`` first / last event date, ``YYYY-MM-DD``
``undated``     ``1`` to include mentions without a date
``sources``     outlets, comma-separated (a literal comma or backslash is escaped with ``\\``)
``countries``   ISO 3166-1 alpha-2 codes, comma-separated
``places``      place ids (``gn:…``, ``cur:…``) or names, comma-separated
``q``           article text search
``demonyms``    ``1`` to include demonyms
``min_score``   resolution confidence in [0, 1]
==============  ===================================================================
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal, NamedTuple

MAX_VALUES = 50  # per list parameter
MAX_VALUE_CHARS = 200  # per list item
MAX_TEXT_CHARS = 200  # search text
MAX_RAW_CHARS = 20_000  # a whole raw parameter value
MIN_YEAR, MAX_YEAR = 1, 9999

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNTRY_RE = re.compile(r"[A-Za-z]{2}")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

# Mentions scored below this are more likely wrong than right (geoparse's calibrated confidence,
# checked on judged real-news samples no rule was read from): the map draws them dashed, the app's
# "Hide uncertain places" and ``--min-score 0.5`` leave them out (URL ``min_score``).
UNCERTAIN_BELOW = 0.5
#: The query parameters ``Filters.from_params`` reads (``View`` owns the others).
PARAM_KEYS = ("from", "to", "undated", "sources", "countries", "places", "q", "demonyms", "min_score")


class SqlWhere(NamedTuple):
    """A parameterised WHERE clause (no ``WHERE`` keyword) and its parameters, in order."""

    where: str
    params: list[Any]


def fts_phrase(text: str) -> str | None:
    """A search string as one FTS5 phrase: the user's quotes and operators are plain text."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return None
    return '"' + " ".join(words).replace('"', '""') + '"'


def _qs(values: tuple[str, ...]) -> str:
    return ",".join("?" * len(values))


@dataclass(frozen=True)
class Filters:
    """Which mentions to show. Frozen and hashable (usable as a cache key).

    A mention passes the date filter when its event date lies in ``[date_from, date_to]`` (an
    open end when None), or when it has no date and ``include_undated`` is set. Empty tuples mean
    "any". ``places`` holds place ids or names (case-insensitive). ``text`` searches the article
    title and text. Demonym mentions and mentions scored below ``min_score`` are left out unless
    ``include_demonyms`` / a lower ``min_score`` say otherwise.
    """

    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = False
    sources: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    text: str | None = None
    include_demonyms: bool = False
    min_score: float = 0.0

    def __post_init__(self) -> None:
        # Accept lists (and a bare string) from Python callers; keep the object hashable.
        for name in ("sources", "countries", "places"):
            v = getattr(self, name)
            if isinstance(v, str):
                v = (v,)
            object.__setattr__(self, name, tuple(str(x) for x in v if str(x) != ""))
        object.__setattr__(self, "countries", tuple(c.upper() for c in self.countries))
        if self.text is not None and not str(self.text).strip():
            object.__setattr__(self, "text", None)

    @classmethod
    def defaults(cls) -> Filters:
        """Defaults from the settings table (``include_undated``, ``include_demonyms``,
        ``min_score``): the app, the CLI and snapshots start from the same ones."""
        from mapapp import settings

        return cls(
            include_undated=bool(settings.get("include_undated")),
            include_demonyms=bool(settings.get("include_demonyms")),
            min_score=float(settings.get("min_score")),
        )

    def replace(self, **changes: Any) -> Filters:
        return replace(self, **changes)

    # --- SQL ------------------------------------------------------------------------------
    def to_sql(
        self, *, fts: bool = True, undated_ok: bool = True, part: Literal["dated", "undated"] | None = None
    ) -> SqlWhere:
        """The WHERE clause over ``mentions m`` (subqueries for the other tables) that keeps the
        mapped mentions passing these filters; values only ever travel as parameters.

        ``fts``: the store has the ``articles_fts`` index (else ``text`` is a substring scan).
        ``undated_ok=False`` leaves undated mentions out whatever ``include_undated`` says.
        ``part='dated'`` / ``'undated'`` keeps only one side of the date filter (``Store.query``
        runs the two sides as two index scans)."""
        clauses = ["m.place_id IS NOT NULL"]
        params: list[Any] = []
        lo = self.date_from.isoformat() if self.date_from is not None else "0000-01-01"
        hi = self.date_to.isoformat() if self.date_to is not None else "9999-12-31"
        bounded = self.date_from is not None or self.date_to is not None
        if part == "undated":
            clauses.append("m.event_date IS NULL")
        elif part == "dated":
            if bounded:
                clauses.append("m.event_date BETWEEN ? AND ?")
                params += [lo, hi]
            else:
                clauses.append("m.event_date IS NOT NULL")
        elif bounded:
            rng = "m.event_date BETWEEN ? AND ?"
            params += [lo, hi]
            clauses.append(f"({rng} OR m.event_date IS NULL)" if self.include_undated and undated_ok else rng)
        elif not (self.include_undated and undated_ok):
            clauses.append("m.event_date IS NOT NULL")
        if not self.include_demonyms:
            clauses.append("m.demonym = 0")
        if self.min_score > 0:
            clauses.append("m.score >= ?")
            params.append(float(self.min_score))
        if self.sources:
            clauses.append(f"m.article_id IN (SELECT id FROM articles WHERE source IN ({_qs(self.sources)}))")
            params += list(self.sources)
        if self.countries:
            clauses.append(f"m.place_id IN (SELECT id FROM places WHERE country IN ({_qs(self.countries)}))")
            params += list(self.countries)
        if self.places:
            clauses.append(
                f"(m.place_id IN ({_qs(self.places)}) OR m.place_id IN "
                f"(SELECT id FROM places WHERE name COLLATE NOCASE IN ({_qs(self.places)})))"
            )
            params += list(self.places) * 2
        if self.text:
            phrase = fts_phrase(self.text) if fts else None
            if phrase is not None:
                clauses.append(
                    "m.article_id IN (SELECT a.id FROM articles a WHERE a.n IN "
                    "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
                )
                params.append(phrase)
            else:
                clauses.append(
                    "m.article_id IN (SELECT id FROM articles WHERE instr(lower(text), lower(?)) > 0 "
                    "OR instr(lower(coalesce(title, '')), lower(?)) > 0)"
                )
                params += [self.text, self.text]
        return SqlWhere(" AND ".join(clauses), params)

    # --- words ----------------------------------------------------------------------------
    def describe(self) -> list[str]:
        """Plain-text lines saying what these filters keep (escape them before putting them in
        HTML or Markdown)."""
        lines = []
        if self.date_from or self.date_to:
            a = self.date_from.isoformat() if self.date_from else "the beginning"
            b = self.date_to.isoformat() if self.date_to else "the end"
            lines.append(f"Event dates: {a} to {b}" + (" (and undated mentions)" if self.include_undated else ""))
        else:
            lines.append(
                "Event dates: all" + (", undated mentions included" if self.include_undated else " dated mentions")
            )
        if self.sources:
            lines.append("Sources: " + ", ".join(self.sources))
        if self.countries:
            lines.append("Countries: " + ", ".join(self.countries))
        if self.places:
            lines.append("Places: " + ", ".join(self.places))
        if self.text:
            lines.append(f"Search: \u201c{self.text}\u201d")
        lines.append("Demonyms: " + ("included" if self.include_demonyms else "left out"))
        if self.min_score > 0:
            lines.append(f"Minimum confidence: {self.min_score:g}")
        return lines

    # --- URL parameters -------------------------------------------------------------------
    def to_params(self, base: Filters | None = None) -> dict[str, str]:
        """Query parameters for the values that differ from ``base`` (default: ``Filters()``)."""
        base = base if base is not None else Filters()
        out: dict[str, str] = {}
        if self.date_from != base.date_from and self.date_from is not None:
            out["from"] = self.date_from.isoformat()
        if self.date_to != base.date_to and self.date_to is not None:
            out["to"] = self.date_to.isoformat()
        if self.include_undated != base.include_undated:
            out["undated"] = "1" if self.include_undated else "0"
        for key, attr in (("sources", "sources"), ("countries", "countries"), ("places", "places")):
            v = getattr(self, attr)
            if v != getattr(base, attr) and v:
                out[key] = join_list(v)
        if self.text != base.text and self.text:
            out["q"] = self.text
        if self.include_demonyms != base.include_demonyms:
            out["demonyms"] = "1" if self.include_demonyms else "0"
        if self.min_score != base.min_score:
            out["min_score"] = f"{self.min_score:g}"
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, Any], base: Filters | None = None) -> tuple[Filters, list[str]]:
        """Read filters from query parameters; refused values keep ``base``'s (default
        ``Filters()``) and each adds a notice. Unknown keys are ignored (other layers own them).
        Never raises."""
        base = base if base is not None else Filters()
        notices: list[str] = []
        values: dict[str, Any] = {}
        try:
            items = list(params.items())
        except Exception:  # noqa: BLE001 - hostile mapping: keep defaults
            return base, ["Ignored the filter parameters: they could not be read."]

        def scalar(key: str, raw: Any) -> str | None:
            if isinstance(raw, (list, tuple)):
                raw = raw[-1] if raw else ""
            if raw is None:
                return ""
            if not isinstance(raw, str):
                raw = str(raw)
            if len(raw) > MAX_RAW_CHARS:
                notices.append(f"Ignored '{key}': the value is too long ({len(raw)} characters).")
                return None
            return raw

        for key, raw in items:
            if key not in PARAM_KEYS:
                continue
            if key in ("sources", "countries", "places"):
                parsed = _parse_list(key, raw, notices)
                if parsed is not None:
                    values[key] = parsed
                continue
            s = scalar(key, raw)
            if s is None:
                continue
            if key in ("from", "to"):
                d = _parse_date(s)
                if d is None:
                    notices.append(f"Ignored '{key}': {shown(s)} is not a date (YYYY-MM-DD).")
                else:
                    values["date_from" if key == "from" else "date_to"] = d
            elif key in ("undated", "demonyms"):
                b = s.strip().lower()
                if b in _TRUE or b in _FALSE:
                    values["include_undated" if key == "undated" else "include_demonyms"] = b in _TRUE
                else:
                    notices.append(f"Ignored '{key}': {shown(s)} is not 1 or 0.")
            elif key == "q":
                t = s.strip()
                if len(t) > MAX_TEXT_CHARS:
                    notices.append(f"Ignored 'q': the search text is longer than {MAX_TEXT_CHARS} characters.")
                elif _CONTROL_RE.search(t):
                    notices.append("Ignored 'q': the search text contains control characters.")
                else:
                    values["text"] = t or None
            elif key == "min_score":
                try:
                    f = float(s) if len(s) <= 32 else math.nan
                except ValueError:
                    f = math.nan
                if math.isfinite(f) and 0.0 <= f <= 1.0:
                    values["min_score"] = f
                else:
                    notices.append(f"Ignored 'min_score': {shown(s)} is not a number between 0 and 1.")

        dfrom = values.get("date_from", base.date_from)
        dto = values.get("date_to", base.date_to)
        if dfrom is not None and dto is not None and dfrom > dto:
            notices.append(f"Swapped 'from' and 'to': {dfrom.isoformat()} is after {dto.isoformat()}.")
            values["date_from"], values["date_to"] = dto, dfrom
        try:
            return replace(base, **values), notices
        except Exception as exc:  # noqa: BLE001 - never raise on input
            return base, notices + [f"Ignored the filter parameters: {exc}"]


def from_args(args: argparse.Namespace, base: Filters | None = None) -> tuple[Filters, list[str]]:
    """Filters from the CLI's filter options (``mapapp.cli._add_filters``), validated like URL
    parameters; the notices name what was refused (the CLI exits with them)."""
    base = base if base is not None else Filters.defaults()
    params: dict[str, Any] = {}

    def get(name: str) -> Any:
        return getattr(args, name, None)

    if get("date_from"):
        params["from"] = get("date_from")
    if get("date_to"):
        params["to"] = get("date_to")
    if get("undated") is not None:  # --undated / --no-undated; absent: the setting's default
        params["undated"] = "1" if get("undated") else "0"
    for opt, key in (("source", "sources"), ("country", "countries"), ("place", "places")):
        if get(opt):
            params[key] = [join_list([v]) for v in get(opt)]
    if get("search"):
        params["q"] = get("search")
    if get("demonyms"):
        params["demonyms"] = "1"
    if get("min_score") is not None:
        params["min_score"] = get("min_score")
    return Filters.from_params(params, base=base)


def shown(s: str, limit: int = 40) -> str:
    """A refused value for a notice: short, repr-quoted (control characters escaped). Shared by
    the notices of ``Filters.from_params`` and ``View.from_params``."""
    return repr(s if len(s) <= limit else s[:limit] + "…")


def _parse_date(s: str) -> date | None:
    s = s.strip()
    if not _DATE_RE.fullmatch(s):
        return None
    try:
        d = date.fromisoformat(s)
    except ValueError:
        return None
    return d if MIN_YEAR <= d.year <= MAX_YEAR else None


def join_list(values: tuple[str, ...] | list[str]) -> str:
    """Comma-join, escaping ``\\`` and ``,`` inside values so ``split_list`` inverts it."""
    return ",".join(v.replace("\\", "\\\\").replace(",", "\\,") for v in values)


def split_list(s: str) -> list[str]:
    out, buf, esc = [], [], False
    for ch in s:
        if esc:
            buf.append(ch)
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == ",":
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return [v.strip() for v in out if v.strip()]


def _parse_list(key: str, raw: Any, notices: list[str]) -> tuple[str, ...] | None:
    """A list parameter given as one comma-joined string or repeated (a list of them)."""
    parts = raw if isinstance(raw, (list, tuple)) else [raw]
    if len(parts) > MAX_VALUES:
        notices.append(f"Ignored '{key}': more than {MAX_VALUES} values.")
        return None
    items: list[str] = []
    for p in parts:
        p = "" if p is None else str(p)
        if len(p) > MAX_RAW_CHARS:
            notices.append(f"Ignored '{key}': the value is too long ({len(p)} characters).")
            return None
        items.extend(split_list(p))
    if len(items) > MAX_VALUES:
        notices.append(f"Ignored '{key}': more than {MAX_VALUES} values.")
        return None
    good: list[str] = []
    for v in items:
        if len(v) > MAX_VALUE_CHARS or _CONTROL_RE.search(v):
            notices.append(f"Ignored a value of '{key}': {shown(v)} is too long or has control characters.")
            continue
        if key == "countries":
            if not _COUNTRY_RE.fullmatch(v):
                notices.append(f"Ignored a value of 'countries': {shown(v)} is not a two-letter country code.")
                continue
            v = v.upper()
        if v not in good:
            good.append(v)
    return tuple(good)


__all__ = [
    "Filters",
    "SqlWhere",
    "from_args",
    "fts_phrase",
    "join_list",
    "shown",
    "split_list",
    "PARAM_KEYS",
    "UNCERTAIN_BELOW",
]
