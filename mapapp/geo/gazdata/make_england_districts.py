"""Write the English districts of ``england_districts.csv`` into ``curated_places.csv``.

``england_districts.csv`` lists London boroughs and English local authority districts (2020 names)
that the packaged divisions lack, each with the town that is its seat or main town ("Town~Other":
the town of that name nearest to Other) and alternate names (``|``). District names that are
common words or surnames are left out where a bare one is far more often something else (Boston,
whose English borough news rarely means); Eden, Hart, Craven and Copeland are in (issue 11's
thirty-sixth session: rows of the tables of local authorities that 2020 news printed weekly; the
geoparser's person and name rules keep "Anthony Eden", "Miranda Hart" and "Craven Cottage" off the
map). (Rother, Swale and Wyre are also rivers, each within its district: a river
marked at the district's point is still within the policy's 161 km.) (Melton has a curated row of its own: the name was
already a candidate, Melton in Victoria, so the district only changes which place a table's
"Melton" is.)

Run by a developer after editing the list (not at install or build time)::

    python mapapp/geo/gazdata/make_england_districts.py

Each district is placed at the GeoNames point of its seat (the town named in the list), read from
the built gazetteer (GeoNames cities500 data, CC BY 4.0): an English town of that name, the most
prominent one, or the one nearest to a second town the list names ("Beeston~Nottingham"). A district whose name the gazetteer already has in England within 15 km of its
seat (Islington, Brent) is left to that entry, when that entry is a division or a town with a population (GeoNames
gives Ealing, Hackney, Wandsworth and Bromley as sections of London without one, and the geoparser
takes a bare name of no population for a hamlet). The rows get ids ``cur:eng-<name>``, kind ``admin2``,
admin1 code ``ENG`` and a population of 50,000 (below a typical district's, our estimate: it only
ranks the district among same-named places such as Lewisham, New South Wales); rows written by an
earlier run are replaced.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ["id", "name", "alt_names", "kind", "country", "lat", "lon", "population", "source", "admin1code", "demonyms"]


def read_list(path: Path) -> list[tuple[str, str, str]]:
    """``(name, seat, alternate names)`` rows of ``england_districts.csv``."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["name"].strip(), r["seat"].strip(), r["alt_names"].strip()) for r in csv.DictReader(fh)]


def main() -> int:
    from mapapp.geo.distance import haversine_km
    from mapapp.geo.gazetteer import MAIN_NAME, Gazetteer, normalize

    gaz = Gazetteer.open()
    rows: list[dict[str, str]] = []
    for name, seat, alts in read_list(HERE / "england_districts.csv"):
        seat, _, near = seat.partition("~")
        towns = [
            c
            for c in gaz.candidates(normalize(seat))
            if c.place.country == "GB" and c.place.kind == "city" and c.admin1code == "ENG" and c.flags & MAIN_NAME
        ]
        if not towns:
            print(f"no seat found: {name} ({seat})", file=sys.stderr)
            continue
        town = max(towns, key=lambda c: c.importance).place
        if near:  # "Beeston~Nottingham": of the towns of that name, the one nearest to another
            ref = max(
                (c for c in gaz.candidates(normalize(near)) if c.place.country == "GB"), key=lambda c: c.importance
            ).place
            town = min(towns, key=lambda c: haversine_km(c.place.lat, c.place.lon, ref.lat, ref.lon)).place
        have = [
            c
            for c in gaz.candidates(normalize(name))
            if c.place.country == "GB"
            and c.flags & MAIN_NAME
            and not c.place.id.startswith("cur:eng-")
            and (c.place.kind in ("admin1", "admin2") or c.place.kind == "city" and c.place.population > 0)
            and haversine_km(c.place.lat, c.place.lon, town.lat, town.lon) <= 15.0
        ]
        if have:
            continue
        gid = town.id.split(":", 1)[1] if town.id.startswith("gn:") else ""
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        rows.append(
            {
                "id": f"cur:eng-{slug}",
                "name": name,
                "alt_names": alts,
                "kind": "admin2",
                "country": "GB",
                "lat": f"{town.lat:.5f}",
                "lon": f"{town.lon:.5f}",
                "population": "50000",
                "source": f"GeoNames {gid} (its seat, {town.name})" if gid else f"its seat, {town.name}",
                "admin1code": "ENG",
                "demonyms": "",
            }
        )
    path = HERE / "curated_places.csv"
    old = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    keep = [r for r in old if not r["id"].startswith("cur:eng-")]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(keep + rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{len(rows)} districts written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
