"""The online fallback, with a fake HTTP adapter (never the network): answers are cached,
failures are survived and logged, untrusted answers are validated."""

from __future__ import annotations

import json
import logging
import sqlite3

import pytest
from geopy.adapters import AdapterHTTPError, BaseSyncAdapter
from geopy.exc import GeocoderTimedOut, GeocoderUnavailable

from mapapp.geo.geocoders import CachedGeocoder, Geocoder, NominatimGeocoder, query_key
from mapapp.store import Store

TOVUZ = [
    {
        "place_id": 1,
        "osm_type": "relation",
        "osm_id": 555,
        "lat": "40.99",
        "lon": "45.63",
        "name": "Tovuz",
        "display_name": "Tovuz, Tovuz District, Azerbaijan",
        "addresstype": "town",
        "address": {"town": "Tovuz", "country_code": "az", "state": "Tovuz District"},
    }
]


def fake_adapter(behaviour):
    """An adapter class whose answers come from ``behaviour(url)``; it records the URLs asked."""

    class Fake(BaseSyncAdapter):
        calls: list[str] = []

        def __init__(self, *, proxies=None, ssl_context=None):
            super().__init__(proxies=proxies, ssl_context=ssl_context)

        def get_text(self, url, *, timeout, headers):
            Fake.calls.append(url)
            return behaviour(url, headers)

        def get_json(self, url, *, timeout, headers):
            text = self.get_text(url, timeout=timeout, headers=headers)
            try:
                return json.loads(text)
            except ValueError as exc:
                from geopy.exc import GeocoderParseError

                raise GeocoderParseError(f"Could not deserialize using deserializer:\n{text}") from exc

    return Fake


def nominatim(behaviour):
    cls = fake_adapter(behaviour)
    # a private server name: the public one is never asked more than once a second
    return NominatimGeocoder(
        "mapapp-tests/1.0", min_delay=0.0, timeout=2.0, adapter_factory=cls, domain="nominatim.test"
    ), cls


def test_success_is_a_valid_place_and_is_cached(tmp_path):
    seen_headers = {}

    def ok(url, headers):
        seen_headers.update(headers)
        return json.dumps(TOVUZ)

    geo, fake = nominatim(ok)
    assert isinstance(geo, Geocoder)
    cache = Store(str(tmp_path / "store.sqlite"))
    cached = CachedGeocoder(geo, cache)
    p = cached.geocode("Tovuz", country_hint="AZ")
    assert p is not None and p.name == "Tovuz" and p.country == "AZ" and p.kind == "city"
    assert (p.lat, p.lon) == (40.99, 45.63) and p.id.startswith("nom:")
    assert "countrycodes=az" in fake.calls[0]
    assert seen_headers.get("User-Agent") == "mapapp-tests/1.0"
    # a second geocoder over the same file answers from the cache: no new request
    again = CachedGeocoder(nominatim(ok)[0], Store(str(tmp_path / "store.sqlite")))
    n = len(fake.calls)
    assert again.geocode("tovuz", country_hint="az") == p
    assert len(fake.calls) == n
    row = (
        sqlite3.connect(tmp_path / "store.sqlite")
        .execute("SELECT query, place_json, fetched_at FROM geocode_cache")
        .fetchone()
    )
    assert row[0] == query_key("Tovuz", "AZ") and json.loads(row[1])["name"] == "Tovuz" and row[2]


def test_not_found_is_cached_too(tmp_path):
    geo, fake = nominatim(lambda url, h: "[]")
    cached = CachedGeocoder(geo, Store(str(tmp_path / "c.sqlite")))
    assert cached.geocode("Nowhereville") is None
    assert cached.geocode("Nowhereville") is None
    assert len(fake.calls) == 1


def _raises(exc):
    def behaviour(url, headers):
        raise exc

    return behaviour


@pytest.mark.parametrize(
    "behaviour, words",
    [
        (_raises(GeocoderTimedOut("Service timed out")), "timed out"),
        (_raises(GeocoderUnavailable("Connection refused")), "unavailable"),
        (_raises(AdapterHTTPError("Too Many Requests", status_code=429, headers={}, text="")), "429"),
        (lambda url, h: "<html>garbage</html>", "bad answer"),
        (
            lambda url, h: json.dumps(
                [{"lat": "999", "lon": "45", "name": "X", "display_name": "X", "osm_type": "node", "osm_id": 1}]
            ),
            "",
        ),
        (lambda url, h: json.dumps([{"lat": "abc", "lon": None, "name": "X"}]), ""),
        (lambda url, h: json.dumps({"unexpected": "shape"}), ""),
    ],
)
@pytest.mark.filterwarnings("ignore:Latitude normalization:UserWarning")
def test_failures_are_logged_survived_and_not_cached(tmp_path, caplog, behaviour, words):
    geo, fake = nominatim(behaviour)
    cached = CachedGeocoder(geo, Store(str(tmp_path / "c.sqlite")))
    with caplog.at_level(logging.WARNING, logger="mapapp.geo.geocoders"):
        assert cached.geocode("Tovuz") is None
    assert caplog.records, "the failure must be logged"
    if words:
        assert words in caplog.text
    n = len(fake.calls)
    cached2 = CachedGeocoder(geo, Store(str(tmp_path / "c.sqlite")))
    cached2.geocode("Tovuz")
    assert len(fake.calls) == n + 1  # asked again: failures are not remembered


def test_store_like_objects_and_paths_work_as_caches(tmp_path):
    class StoreLike:
        def __init__(self):
            self.rows = {}

        def geocode_cache_get(self, q):
            return (self.rows[q],) if q in self.rows else None

        def geocode_cache_put(self, q, place_json):
            self.rows[q] = place_json

    geo, fake = nominatim(lambda url, h: json.dumps(TOVUZ))
    store = StoreLike()
    assert CachedGeocoder(geo, store).geocode("Tovuz").name == "Tovuz"
    assert CachedGeocoder(geo, store).geocode("Tovuz").name == "Tovuz"
    assert len(fake.calls) == 1
    # a path is opened as a store (its migrations make the cache table)
    assert CachedGeocoder(geo, Store(str(tmp_path / "p.sqlite"))).geocode("Tovuz").name == "Tovuz"


def test_the_public_server_is_asked_at_most_once_a_second():
    geo = NominatimGeocoder(
        "mapapp-tests/1.0", min_delay=0.1, timeout=2.0, adapter_factory=fake_adapter(lambda u, h: "[]")
    )
    assert geo.min_delay >= 1.0


def test_a_real_user_agent_is_required():
    with pytest.raises(ValueError):
        NominatimGeocoder("", 1.0, 5.0, adapter_factory=fake_adapter(lambda u, h: "[]"))


def test_geoparser_uses_the_fallback_only_when_given(tmp_path):
    from mapapp.geo.geoparse import Geoparser
    from mapapp.models import Place

    class Stub:
        def __init__(self):
            self.asked = []

        def geocode(self, name, country_hint=None):
            self.asked.append((name, country_hint))
            return Place("nom:x", name, 1.0, 2.0, "city", None)

    stub = Stub()
    gp = Geoparser(geocoder=stub)
    tops = gp.parse("Protests were held in Baku, Azerbaijan.")
    assert [t.name for t in tops] == ["Baku", "Azerbaijan"] and not stub.asked  # the gazetteer knew them
    text = "Shelling hit the village of Qzxwylaq in Azerbaijan."
    (unknown, az) = gp.parse(text)
    assert unknown.name == "Qzxwylaq" and unknown.place is not None and unknown.place.id == "nom:x"
    assert stub.asked == [("Qzxwylaq", "AZ")]  # asked once, with the story's country as a hint
    offline = Geoparser().parse(text)
    assert offline[0].name == "Qzxwylaq" and offline[0].place is None  # recognised, not mapped


def test_ingest_with_a_failing_online_geocoder_finishes_on_the_gazetteer(tmp_path, seeds_dir, caplog):
    from mapapp.ingest import ingest
    from mapapp.store import Store
    from mapapp.store.filters import Filters

    (seeds_dir / "village.txt").write_text(
        " date 2021-05-02 By Trend\n\nShelling hit the village of Qzxwylaq in Azerbaijan on Sunday.\n", encoding="utf-8"
    )
    answers = iter(
        [
            _raises(GeocoderTimedOut("Service timed out")),
            _raises(GeocoderUnavailable("Connection refused")),
            _raises(AdapterHTTPError("Too Many Requests", status_code=429, headers={}, text="")),
        ]
    )

    def flaky(url, headers):
        return next(answers, lambda u, h: "<html>garbage</html>")(url, headers)

    geo, fake = nominatim(flaky)
    with Store(tmp_path / "s.sqlite") as store:
        with caplog.at_level(logging.WARNING, logger="mapapp.geo.geocoders"):
            report = ingest([seeds_dir], store, workers=1, progress=False, geocoder=CachedGeocoder(geo, store))
        assert report.ok and report.articles_new == 6 and not report.errors
        assert fake.calls, "the online geocoder was asked"
        places = set(store.places(Filters(include_undated=True))["place"])
        assert {"Tovuz", "Yevlakh", "London", "Moscow", "Azerbaijan"} <= places  # the gazetteer still answered
        assert "Qzxwylaq" not in places  # recognised but left unmapped


def test_online_geocoder_is_built_in_one_place_from_the_settings(tmp_path, monkeypatch):
    """``online_geocoder``: off unless asked (``--online``) or set; then Nominatim from the settings behind the cache."""
    from mapapp.geo.geocoders import online_geocoder
    from mapapp.store import Store

    def opened():
        return Store(str(tmp_path / "c.sqlite"))

    monkeypatch.setenv("MAPAPP_ONLINE_GEOCODER", "off")
    assert online_geocoder(opened) is None
    assert not (tmp_path / "c.sqlite").exists()  # nothing opened when it is off
    monkeypatch.setenv("MAPAPP_GEOCODER_USER_AGENT", "mapapp-tests/2.0")
    geo = online_geocoder(opened, asked=True)
    assert isinstance(geo, CachedGeocoder) and isinstance(geo.inner, NominatimGeocoder)
    assert isinstance(geo.cache.store, Store) and geo.inner.nominatim.headers["User-Agent"] == "mapapp-tests/2.0"
    monkeypatch.setenv("MAPAPP_ONLINE_GEOCODER", "nominatim")
    assert isinstance(online_geocoder(opened), CachedGeocoder)


def test_a_path_is_not_a_cache_and_geocoders_make_no_table():
    import inspect

    import mapapp.geo.geocoders as geocoders

    geo, _fake = nominatim(lambda url, h: "[]")
    with pytest.raises(TypeError, match="Store"):
        CachedGeocoder(geo, "store.sqlite")
    assert "CREATE" not in inspect.getsource(geocoders)  # geocode_cache comes from the store's migrations
