"""Optional online fallback for names the gazetteer lacks, behind one small interface.

``Geocoder`` is anything with ``geocode(name, country_hint=None) -> Place | None``.
``NominatimGeocoder`` asks OpenStreetMap's Nominatim through geopy (custom user agent, at most
one request per ``min_delay`` seconds, a timeout, the HTTP layer injectable as a geopy adapter).
``CachedGeocoder`` keeps every answer (also "not found") in a ``GeocodeCache`` so a name is
asked once, in the store's table ``geocode_cache`` (pass the ``Store``; a caller holding a path
opens ``Store(path)``, so the table comes from the store's migrations only and its SQL stays in
the store: this module, a layer below the store, never imports it). Failures (timeouts, refused connections, HTTP 429, garbage answers) are logged
and give ``None``; they are not cached, so a later run asks again.
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from mapapp.geo.gazetteer import normalize
from mapapp.models import PLACE_KINDS, Place

log = logging.getLogger(__name__)


@runtime_checkable
class Geocoder(Protocol):
    def geocode(self, name: str, country_hint: str | None = None) -> Place | None: ...


@runtime_checkable
class GeocodeCache(Protocol):
    def get(self, query: str) -> tuple[Place | None] | None:
        """``(place,)`` when asked before (``(None,)``: the geocoder found nothing), else None."""

    def put(self, query: str, place: Place | None) -> None: ...


@runtime_checkable
class CacheStore(Protocol):
    """What ``mapapp.store.Store`` offers a cache: the table ``geocode_cache`` (made by the store's
    migrations), its values as JSON text."""

    def geocode_cache_get(self, query: str) -> tuple[str | None] | None: ...

    def geocode_cache_put(self, query: str, place_json: str | None) -> None: ...


def place_to_json(p: Place | None) -> str | None:
    if p is None:
        return None
    return json.dumps(
        {
            "id": p.id,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "kind": p.kind,
            "country": p.country,
            "population": p.population,
            "admin1": p.admin1,
            "source": p.source,
        },
        ensure_ascii=False,
    )


def place_from_json(s: str | None) -> Place | None:
    if not s:
        return None
    try:
        d = json.loads(s)
        return _valid_place(
            d.get("id"),
            d.get("name"),
            d.get("lat"),
            d.get("lon"),
            d.get("kind"),
            d.get("country"),
            d.get("admin1"),
            d.get("source") or "cache",
            d.get("population") or 0,
        )
    except (ValueError, TypeError, AttributeError):
        return None


def _valid_place(pid, name, lat, lon, kind, country, admin1=None, source="nominatim", population=0) -> Place | None:
    """A Place from untrusted values, or None when they do not make one."""
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if not (math.isfinite(lat_f) and math.isfinite(lon_f) and -90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):
        return None
    if not isinstance(name, str) or not name.strip() or not isinstance(pid, str) or not pid:
        return None
    kind = kind if kind in PLACE_KINDS else "landmark"
    country = country.upper() if isinstance(country, str) and len(country) == 2 and country.isalpha() else None
    try:
        population = max(0, int(population))
    except (TypeError, ValueError):
        population = 0
    return Place(
        pid[:100],
        name.strip()[:200],
        lat_f,
        lon_f,
        kind,
        country,
        population,
        admin1 if isinstance(admin1, str) else None,
        source,
    )


class _StoreCache:
    """A ``GeocodeCache`` over a ``CacheStore`` (``mapapp.store.Store``)."""

    def __init__(self, store: CacheStore):
        self.store = store

    def get(self, query: str) -> tuple[Place | None] | None:
        hit = self.store.geocode_cache_get(query)
        return None if hit is None else (place_from_json(hit[0]),)

    def put(self, query: str, place: Place | None) -> None:
        self.store.geocode_cache_put(query, place_to_json(place))


def _as_cache(store: GeocodeCache | CacheStore | None) -> GeocodeCache | None:
    if store is None:
        return None
    if isinstance(store, CacheStore):
        return _StoreCache(store)
    if isinstance(store, GeocodeCache):
        return store
    raise TypeError(f"not a geocode cache: {type(store).__name__} (open the file as a mapapp.store.Store)")


def query_key(name: str, country_hint: str | None = None) -> str:
    return normalize(name or "") + "|" + (country_hint or "").upper()


class CachedGeocoder:
    """``CachedGeocoder(inner, store)``: ``store`` is a ``GeocodeCache`` or a ``Store``."""

    def __init__(self, inner: Geocoder, store: GeocodeCache | CacheStore | None = None):
        self.inner = inner
        self.cache = _as_cache(store)
        self._memo: dict[str, Place | None] = {}

    def geocode(self, name: str, country_hint: str | None = None) -> Place | None:
        q = query_key(name, country_hint)
        if q in self._memo:
            return self._memo[q]
        if self.cache is not None:
            try:
                hit = self.cache.get(q)
            except sqlite3.Error:
                log.warning("geocode cache unreadable", exc_info=True)
                hit = None
            if hit is not None:
                self._memo[q] = hit[0]
                return hit[0]
        try:
            place = self.inner.geocode(name, country_hint=country_hint)
        except _Failure:
            return None  # logged already; not cached so it is asked again later
        if self.cache is not None:
            try:
                self.cache.put(q, place)
            except sqlite3.Error:
                log.warning("geocode cache not writable", exc_info=True)
        self._memo[q] = place
        return place


class _Failure(Exception):
    """The online service failed (as opposed to answering "not found")."""


_KIND_BY_TYPE = {
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "suburb": "city",
    "municipality": "city",
    "country": "country",
    "state": "admin1",
    "province": "admin1",
    "region": "region",
    "county": "admin2",
    "district": "admin2",
    "continent": "continent",
    "sea": "water",
    "ocean": "water",
    "river": "water",
    "lake": "water",
    "bay": "water",
    "water": "water",
    "strait": "water",
}


class NominatimGeocoder:
    """Nominatim through geopy. ``adapter_factory`` (or ``adapter``): a geopy adapter class or
    factory, e.g. a fake in tests; default geopy's own. Raises nothing: failures give None."""

    def __init__(
        self,
        user_agent: str,
        min_delay: float = 1.0,
        timeout: float = 5.0,
        adapter: Any = None,
        *,
        adapter_factory: Any = None,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
    ):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        if not user_agent or "geopy" in user_agent.lower():
            raise ValueError("Nominatim needs a real user agent (setting geocoder_user_agent)")
        kwargs: dict[str, Any] = {"user_agent": user_agent, "timeout": timeout, "domain": domain, "scheme": scheme}
        factory = adapter_factory or adapter
        if factory is not None:
            kwargs["adapter_factory"] = factory
        self.nominatim = Nominatim(**kwargs)
        self.min_delay = max(1.0, float(min_delay)) if domain == "nominatim.openstreetmap.org" else float(min_delay)
        self._rate = RateLimiter(
            self.nominatim.geocode, min_delay_seconds=self.min_delay, max_retries=0, swallow_exceptions=False
        )
        self._lock = threading.Lock()

    def geocode(self, name: str, country_hint: str | None = None) -> Place | None:
        from geopy import exc as gexc

        if not isinstance(name, str) or not name.strip():
            return None
        kw: dict[str, Any] = {"exactly_one": True, "addressdetails": True, "language": "en"}
        if country_hint and len(country_hint) == 2:
            kw["country_codes"] = country_hint.lower()
        try:
            with self._lock:  # one request at a time, spaced by the rate limiter
                loc = self._rate(name.strip()[:200], **kw)
        except gexc.GeocoderTimedOut:
            log.warning("nominatim: timed out for %r", name)
            raise _Failure() from None
        except gexc.GeocoderRateLimited:
            log.warning("nominatim: rate limited (HTTP 429) for %r", name)
            raise _Failure() from None
        except gexc.GeocoderUnavailable:
            log.warning("nominatim: unavailable (connection refused or failed) for %r", name)
            raise _Failure() from None
        except (gexc.GeopyError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("nominatim: bad answer for %r: %s", name, exc)
            raise _Failure() from None
        if loc is None:
            return None
        try:
            raw = loc.raw if isinstance(loc.raw, dict) else {}
            addr: dict = raw["address"] if isinstance(raw.get("address"), dict) else {}
            typ = raw.get("addresstype") or raw.get("type") or ""
            kind = _KIND_BY_TYPE.get(str(typ), "landmark")
            osm = f"{raw.get('osm_type', 'x')}/{raw.get('osm_id', raw.get('place_id', ''))}"
            label = raw.get("name") or str(raw.get("display_name") or name).split(",")[0]
            place = _valid_place(
                f"nom:{osm}",
                label,
                raw.get("lat", loc.latitude),
                raw.get("lon", loc.longitude),
                kind,
                addr.get("country_code"),
                addr.get("state"),
                "nominatim",
            )
        except (TypeError, ValueError, AttributeError):
            place = None
        if place is None:
            log.warning("nominatim: unusable answer for %r", name)
            raise _Failure()
        return place


def online_geocoder(
    cache: GeocodeCache | CacheStore | Callable[[], GeocodeCache | CacheStore], *, asked: bool = False
) -> Geocoder | None:
    """The online fallback as the settings configure it, or None when it is off: Nominatim
    (``geocoder_user_agent``, ``geocoder_min_delay``, ``geocoder_timeout``) behind a
    ``CachedGeocoder`` on ``cache`` (a ``GeocodeCache`` or a ``Store``; a callable that returns one
    is called only when the geocoder is on). ``asked``: the user asked for it (``--online``),
    whatever the ``online_geocoder`` setting says."""
    from mapapp import settings

    if not (asked or settings.get("online_geocoder") == "nominatim"):
        return None
    inner = NominatimGeocoder(
        settings.get("geocoder_user_agent"), settings.get("geocoder_min_delay"), settings.get("geocoder_timeout")
    )
    return CachedGeocoder(inner, cache() if callable(cache) else cache)


__all__ = [
    "Geocoder",
    "GeocodeCache",
    "CachedGeocoder",
    "NominatimGeocoder",
    "CacheStore",
    "query_key",
    "place_to_json",
    "place_from_json",
    "online_geocoder",
]
