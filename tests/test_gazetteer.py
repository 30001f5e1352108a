"""The cached gazetteer: built from installed GeoNames data + curated rows, reused when cached."""

from __future__ import annotations

import time

import pytest

from mapapp import cli
from mapapp.gazetteer import Gazetteer, build, default_path, keep_alternate, normalize, parse_geonames_dump

# A tiny file in GeoNames' tab-separated format (19 columns).
DUMP_ROWS = [
    # id, name, ascii, alternates, lat, lon, fclass, fcode, cc, cc2, a1, a2, a3, a4, pop, elev, dem, tz, mod
    ("147774", "Khojaly", "Khojaly", "Khojali,Xocalı,YLV,khodzhaly,Ходжалы", "39.91361", "46.79213", "P", "PPLA2", "AZ", "", "64", "", "", "", "5810", "", "650", "Asia/Baku", "2023-01-01"),
    ("584821", "Tovuz", "Tovuz", "Tauz", "40.99249", "45.62838", "P", "PPLA2", "AZ", "", "58", "", "", "", "12626", "", "410", "Asia/Baku", "2023-01-01"),
    ("6058560", "London", "London", "", "42.98339", "-81.23304", "P", "PPL", "CA", "", "08", "", "", "", "346765", "", "252", "America/Toronto", "2023-01-01"),
    ("9999999", "Tiny Hamlet", "Tiny Hamlet", "", "10.0", "10.0", "P", "PPL", "NG", "", "01", "", "", "", "12", "", "0", "", "2023-01-01"),
    ("8888888", "Broken", "Broken", "", "not-a-number", "10.0", "P", "PPL", "NG", "", "01", "", "", "", "5000", "", "0", "", "2023-01-01"),
]


def _write_dump(path):
    path.write_text("\n".join("\t".join(r) for r in DUMP_ROWS) + "\nshort\tline\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.open()


def test_normalize_folds_case_diacritics_and_punctuation():
    assert normalize("Xocalı") == "xocali"
    assert normalize("Nagorno-Karabakh") == normalize("Nagorno Karabakh") == "nagorno karabakh"
    assert normalize("U.S.") == "us"
    assert normalize("  São   Paulo ") == "sao paulo"


def test_junk_alternate_names_are_filtered():
    assert not keep_alternate("YLV", "Khojaly")  # airport code
    assert not keep_alternate("khodzhaly", "Khojaly")  # lowercase romanisation
    assert not keep_alternate("Ходжалы", "Khojaly")  # other script
    assert not keep_alternate("X", "Khojaly")
    assert keep_alternate("Xocalı", "Khojaly")


def test_spellings_of_khojaly_hit_the_same_place(gaz):
    for name in ("Khojaly", "Khojali", "Xocalı", "xocali"):
        ids = [p.id for p in gaz.lookup(name)]
        assert ids and ids[0] == "gn:147774", name


def test_tovuz_is_the_city_or_the_district(gaz):
    assert gaz.lookup("Tovuz")[0].id == "gn:584821"
    d = gaz.lookup("Tovuz District")[0]
    assert d.kind == "admin2" and d.country == "AZ"


def test_countries_use_geonames_points_not_centroids(gaz):
    us = gaz.lookup("United States")[0]
    assert (us.kind, us.country, us.lat, us.lon) == ("country", "US", 39.76, -98.5)
    nl = gaz.lookup("Netherlands")[0]
    assert (nl.lat, nl.lon) == (52.25, 5.75)
    assert gaz.lookup("Azerbaijan")[0].source.startswith("GeoNames")


def test_regions_states_and_demonyms_exist(gaz):
    for name in ("Karabakh", "Garabagh", "Garabakh", "Nagorno-Karabakh", "South Caucasus", "Gaza Strip", "Crimea"):
        assert gaz.lookup(name), name
    tx = gaz.lookup("Texas")[0]
    assert tx.kind == "admin1" and tx.country == "US"
    assert gaz.lookup("Scotland")[0].kind == "admin1"
    assert [p.country for p in gaz.lookup("Azerbaijani", demonyms=True)] == ["AZ"]
    assert gaz.lookup("Azerbaijani") == []  # a demonym is not a place name


def test_london_prefers_england_and_get_by_id(gaz):
    assert gaz.lookup("London")[0].country == "GB"
    p = gaz.get("gn:2643743")
    assert p is not None and p.name == "London"
    assert gaz.get("gn:0") is None
    assert gaz.lookup("") == [] and gaz.lookup("Qwxzvbnm") == []


def test_cached_open_is_fast(gaz):
    t0 = time.perf_counter()
    g2 = Gazetteer.open()
    g2.lookup("Baku")
    assert time.perf_counter() - t0 < 1.0
    assert g2.path == gaz.path


def test_parse_geonames_dump_skips_bad_lines(tmp_path):
    rows = list(parse_geonames_dump(_write_dump(tmp_path / "cities.txt")))
    assert [r["geonameid"] for r in rows] == [147774, 584821, 6058560]  # hamlet too small, bad coords, short line


def test_build_from_source_is_reused_and_rebuilt_on_input_change(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    src = _write_dump(tmp_path / "cities.txt")
    curated = tmp_path / "data" / "curated_places.csv"
    curated.parent.mkdir()
    curated.write_text(
        "id,name,alt_names,kind,country,lat,lon,population,source,admin1code,demonyms\n"
        "cur:karabakh,Karabakh,Garabagh|Garabakh,region,AZ,39.92,46.85,800000,Wikipedia coordinates,,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MAPAPP_DATA_DIR", str(curated.parent))
    p1 = build(source=src)
    assert p1 == default_path(src) and p1.exists()
    mtime = p1.stat().st_mtime_ns
    assert build(source=src) == p1 and p1.stat().st_mtime_ns == mtime  # reused, not rebuilt
    g = Gazetteer(p1)
    assert g.lookup("Xocalı")[0].id == "gn:147774"
    assert g.lookup("YLV") == []
    assert g.lookup("Garabagh")[0].id == "cur:karabakh"
    assert g.lookup("London")[0].country == "CA"  # only the Ontario one is in this source
    assert g.lookup("Azerbaijan")[0].kind == "country"  # countries come from the installed packages
    curated.write_text(curated.read_text(encoding="utf-8") + "cur:x,Testplace,,region,AZ,40,47,1,test,,\n", encoding="utf-8")
    p2 = build(source=src)
    assert p2 != p1 and Gazetteer(p2).lookup("Testplace")


def test_cli_build_and_lookup(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    src = _write_dump(tmp_path / "cities.txt")
    assert cli.main(["gazetteer", "build", "--source", str(src)]) == 0
    assert "places" in capsys.readouterr().err
    assert cli.main(["gazetteer", "build", "--source", str(src), "--force"]) == 0
    monkeypatch.setenv("MAPAPP_GAZETTEER_SOURCE", str(src))
    assert cli.main(["gazetteer", "lookup", "Khojali"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("gn:147774\tKhojaly\t")
    assert cli.main(["gazetteer", "lookup", "Nowhere-at-all"]) == 1
