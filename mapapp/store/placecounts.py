"""Per-place counts for a date range in milliseconds: the slider's aggregation, in memory.

``Store.places()`` scans every mention in the range and counts distinct articles per place in
SQL: about 0.2 s for half of a million mentions, too slow for a slider. ``PlaceCounts`` holds the
mapped mentions once as a few NumPy columns sorted by event date, so a date range is a
contiguous slice and each count is one vectorised pass over it:

* mentions per place: ``bincount`` of the place codes in the slice;
* distinct articles per place, exactly: each mention knows the previous mention of the same
  (place, article) pair; the pairs counted in a slice ``[s, e)`` are the mentions whose previous
  one lies before ``s``. Undated mentions sort first, so "undated too" adds a fixed count and
  leaves out dated mentions of pairs already counted there;
* first and last date: the first and last mention of each place in the slice (previous / next
  mention of the same place outside it).

Two such sets are kept: every mention, and the mentions that are not demonyms. Filters on places
(countries, places) are applied to the result; filters on mentions or articles this does not hold
(outlets, text search, a minimum score) return None and the caller asks the store. The result
equals ``Store.places()`` row for row (tests/test_placecounts.py checks it).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from mapapp.outfile import open_output
from mapapp.store import PLACES_COLUMNS
from mapapp.store.filters import Filters

FORMAT = "1"  # of the cache file: a file of another format is rebuilt, never misread
KEEP_FILES = 8  # cache files kept in cache_dir (one per store, most recently built first)
MAX_MENTIONS = 5_000_000  # ~40 bytes a mention in memory (two sets): beyond this the store answers alone


@dataclass
class _Set:
    """Mentions of one kind (all, or not demonyms), undated first, then by event date."""

    place: np.ndarray  # int32 code into PlaceCounts.places
    day: np.ndarray  # int32 code into PlaceCounts.days (sorted); -1 when undated
    prev_pair: np.ndarray  # int32 index of the previous mention of the same (place, article); -1
    pair_undated: np.ndarray  # bool: that (place, article) pair has an undated mention
    prev_place: np.ndarray  # int32 index of the previous mention of the same place; -1
    next_place: np.ndarray  # int32 index of the next mention of the same place; len when none
    n_undated: int

    @classmethod
    def build(cls, place: np.ndarray, day: np.ndarray, article: np.ndarray) -> _Set:
        n_undated = int(np.searchsorted(day, 0))  # undated (-1) sort first
        pair = article.astype(np.uint64) ^ (place.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
        prev_pair, order, starts = _previous(pair)
        # a pair has an undated mention when its first mention is one of the undated ones
        first_of_pair = order[starts][np.cumsum(starts) - 1]
        pair_undated = np.empty(len(place), dtype=bool)
        pair_undated[order] = first_of_pair < n_undated
        prev_place, order, starts = _previous(place)
        next_place = np.full(len(place), len(place), dtype=np.int32)
        nxt = ~starts[1:]
        next_place[order[:-1][nxt]] = order[1:][nxt]
        return cls(place, day, prev_pair, pair_undated, prev_place, next_place, n_undated)

    def count(self, s: int, e: int, undated: bool, n_places: int) -> tuple[np.ndarray, ...]:
        """Mentions, articles, first and last day code per place, for the dated slice
        ``[s, e)`` plus the undated mentions when ``undated``."""
        p = self.place[s:e]
        n_mentions = np.bincount(p, minlength=n_places)
        new_pair = self.prev_pair[s:e] < s
        if undated:
            new_pair &= ~self.pair_undated[s:e]
        n_articles = np.bincount(p[new_pair], minlength=n_places)
        first = np.full(n_places, -1, dtype=np.int32)
        last = np.full(n_places, -1, dtype=np.int32)
        head = self.prev_place[s:e] < s
        first[p[head]] = self.day[s:e][head]
        tail = self.next_place[s:e] >= e
        last[p[tail]] = self.day[s:e][tail]
        if undated and self.n_undated:
            u = self.place[: self.n_undated]
            n_mentions += np.bincount(u, minlength=n_places)
            n_articles += np.bincount(u[self.prev_pair[: self.n_undated] < 0], minlength=n_places)
        return n_mentions, n_articles, first, last


def _previous(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each position, the previous position holding the same key (-1 when none); also the
    stable sort order and, along it, where each key's run starts."""
    order = np.argsort(key, kind="stable")
    starts = np.ones(len(key), dtype=bool)
    starts[1:] = key[order[1:]] != key[order[:-1]]
    out = np.full(len(key), -1, dtype=np.int32)
    out[order[1:][~starts[1:]]] = order[:-1][~starts[1:]]
    return out, order, starts


class PlaceCounts:
    """The mapped mentions of a store, in memory, answering ``places(filters)``."""

    def __init__(self, places: pd.DataFrame, days: np.ndarray, every: _Set, plain: _Set) -> None:
        self.places = places  # place_id, place, country, lat, lon, kind; row i is code i
        self.days = days  # sorted ISO dates (object array)
        self.sets = {True: every, False: plain}  # keyed by include_demonyms
        self._name_key = places["place"].map(_ascii_lower)

    @classmethod
    def load(cls, db: str | Path, chunk: int = 50_000) -> PlaceCounts | None:
        """Read the mapped mentions of the store at ``db`` (its own read-only connection, so the
        app's queries do not wait), a chunk at a time; None when there are more than
        ``MAX_MENTIONS``."""
        uri = Path(db).expanduser().resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=30)
        try:
            conn.execute("BEGIN")  # one snapshot of both tables: a concurrent ingest cannot slip in
            n = conn.execute("SELECT count(*) FROM mentions WHERE place_id IS NOT NULL").fetchone()[0]
            if n > MAX_MENTIONS:
                return None
            places = conn.execute("SELECT id, name, country, lat, lon, kind FROM places").fetchall()
            pl = pd.DataFrame(places, columns=["place_id", "place", "country", "lat", "lon", "kind"], dtype=object)
            place_codes = _Codes({pid: i for i, pid in enumerate(pl["place_id"])})
            day_codes = _Codes()
            place = np.empty(n, dtype=np.int32)
            day = np.empty(n, dtype=np.int32)
            article = np.empty(n, dtype=np.uint64)
            demonym = np.empty(n, dtype=bool)
            cur = conn.execute(
                "SELECT m.event_date, m.place_id, m.demonym, m.article_id FROM mentions m "
                "INDEXED BY mentions_date WHERE m.place_id IS NOT NULL ORDER BY m.event_date"
            )  # the covering date index: already in date order, undated (NULL) first
            i = 0
            while rows := cur.fetchmany(chunk):
                d, p, dem, a = zip(*rows)
                j = i + len(rows)
                day[i:j] = day_codes.of(d)
                place[i:j] = place_codes.of(p, grow=False)
                demonym[i:j] = dem
                article[i:j] = pd.util.hash_array(np.asarray(a, dtype=object))
                i = j
            conn.execute("COMMIT")
        finally:
            conn.close()
        return cls.from_arrays(pl, day_codes.values(), day[:i], place[:i], article[:i], demonym[:i])

    @classmethod
    def from_arrays(
        cls,
        places: pd.DataFrame,
        days: list[str | None],
        day: np.ndarray,
        place: np.ndarray,
        article: np.ndarray,
        demonym: np.ndarray,
    ) -> PlaceCounts:
        """``day`` codes into ``days`` (ISO dates, None for undated), rows sorted by date with the
        undated first; ``place`` codes are rows of ``places``; ``article`` a 64-bit key per article
        (a hash of its id: two articles share one with odds of about 1e-8 at a million)."""
        dated = sorted(d for d in days if isinstance(d, str))  # undated: None (or NaN from pandas)
        pos = {d: i for i, d in enumerate(dated)}
        recode = np.array([pos.get(d, -1) if isinstance(d, str) else -1 for d in days], dtype=np.int32)
        day = recode[day] if len(day) else day.astype(np.int32)
        if len(day) > 1 and (np.diff(day) < 0).any():  # day codes now follow date order
            raise ValueError("mentions must come sorted by event date, undated first")
        pl = places.copy()
        pl["lat"] = pl["lat"].astype("float64")
        pl["lon"] = pl["lon"].astype("float64")
        every = _Set.build(place, day, article)
        keep = ~demonym
        plain = _Set.build(place[keep], day[keep], article[keep])
        return cls(pl, np.array(dated, dtype=object), every, plain)

    def place_mask(self, f: Filters) -> np.ndarray:
        """Which places (rows of ``places``) the place filters of ``f`` (countries, places) keep."""
        keep = np.ones(len(self.places), dtype=bool)
        if f.countries:
            keep &= self.places["country"].isin(f.countries).to_numpy()
        if f.places:
            wanted = set(f.places)
            names = {_ascii_lower(p) for p in f.places}
            keep &= (self.places["place_id"].isin(wanted) | self._name_key.isin(names)).to_numpy()
        return keep

    @staticmethod
    def holds(f: Filters) -> bool:
        """Whether these counts can answer ``f``: they keep places, days and demonyms, not
        outlets, article text or confidence (the slider, play and the date strip all ask)."""
        return not (f.sources or f.text or f.min_score > 0)

    def places_for(self, f: Filters) -> pd.DataFrame | None:
        """``Store.places(f)``, or None when ``f`` filters on what this does not hold."""
        if not self.holds(f):
            return None
        st = self.sets[bool(f.include_demonyms)]
        lo = 0 if f.date_from is None else int(np.searchsorted(self.days, f.date_from.isoformat(), "left"))
        hi = len(self.days) if f.date_to is None else int(np.searchsorted(self.days, f.date_to.isoformat(), "right"))
        dated = st.day[st.n_undated :]
        s = st.n_undated + int(np.searchsorted(dated, lo, "left"))
        e = st.n_undated + int(np.searchsorted(dated, hi, "left"))
        s, e = min(s, e), e
        n_mentions, n_articles, first, last = st.count(s, e, bool(f.include_undated), len(self.places))
        keep = (n_mentions > 0) & self.place_mask(f)
        idx = np.flatnonzero(keep)
        out = self.places.iloc[idx].reset_index(drop=True)
        out["n_mentions"] = n_mentions[idx].astype("int64")
        out["n_articles"] = n_articles[idx].astype("int64")
        out["first_date"] = _dates(self.days, first[idx])
        out["last_date"] = _dates(self.days, last[idx])
        out = out.sort_values(
            ["n_mentions", "place", "place_id"], ascending=[False, True, True], ignore_index=True, kind="stable"
        )
        return out[PLACES_COLUMNS]


class _Codes:
    """Integer codes for values seen chunk by chunk (pandas factorises each chunk; only the
    chunk's distinct values go through the dict)."""

    def __init__(self, index: dict | None = None) -> None:
        self.index: dict = {} if index is None else index

    def of(self, values: tuple, grow: bool = True) -> np.ndarray:
        local, uniq = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
        idx = self.index
        if grow:
            lut = np.array([idx.setdefault(v, len(idx)) for v in uniq], dtype=np.int64)
        else:
            try:
                lut = np.array([idx[v] for v in uniq], dtype=np.int64)
            except KeyError as exc:
                raise ValueError(f"a mention refers to a place missing from the places table: {exc}") from None
        return lut[local]

    def values(self) -> list:
        return list(self.index)


def _dates(days: np.ndarray, codes: np.ndarray) -> np.ndarray:
    out = np.empty(len(codes), dtype=object)
    ok = codes >= 0
    out[ok] = days[codes[ok]]
    out[~ok] = None
    return pd.Series(out, dtype=object)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(s: object) -> str:
    """SQLite's NOCASE: only ASCII letters fold."""
    return str(s).translate(_ASCII_LOWER)


_SET_FIELDS = ("place", "day", "prev_pair", "pair_undated", "prev_place", "next_place")
_PLACE_TEXT = ("place_id", "place", "country", "kind")


def save(counts: PlaceCounts, path: str | Path, version: str) -> None:
    """Write ``counts`` as a NumPy ``.npz`` (no pickles), atomically."""
    arrays: dict[str, np.ndarray] = {"version": np.array(f"{FORMAT}:{version}"), "days": counts.days.astype(str)}
    for c in _PLACE_TEXT:
        col = counts.places[c]
        arrays[f"places.{c}"] = col.fillna("").astype(str).to_numpy(dtype=str)
        arrays[f"places.{c}.null"] = col.isna().to_numpy()
    for c in ("lat", "lon"):
        arrays[f"places.{c}"] = counts.places[c].to_numpy(dtype="float64")
    for key, st in counts.sets.items():
        for f in _SET_FIELDS:
            arrays[f"{int(key)}.{f}"] = getattr(st, f)
        arrays[f"{int(key)}.n_undated"] = np.array(st.n_undated)
    path = Path(path)
    with open_output(path, "wb") as fh:
        np.savez(fh, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds as its bool option
    _prune(path.parent, keep=KEEP_FILES)


def _prune(folder: Path, keep: int) -> None:
    """One file per store: keep the ``keep`` most recently written, so stores that are gone
    (temporary ones, say) do not fill the cache."""
    files = []
    for f in folder.glob("placecounts-*.npz"):
        if ".tmp." in f.name:  # another process is writing it
            continue
        try:
            files.append((f.stat().st_mtime_ns, f))
        except OSError:
            continue
    for _, f in sorted(files, reverse=True)[keep:]:
        try:
            f.unlink()
        except OSError:
            pass


def read(path: str | Path, version: str) -> PlaceCounts | None:
    """The counts saved at ``path`` for ``version``; None when missing, stale or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as z:
            if str(z["version"]) != f"{FORMAT}:{version}":
                return None
            pl = pd.DataFrame({c: pd.Series(z[f"places.{c}"], dtype=object) for c in _PLACE_TEXT})
            for c in _PLACE_TEXT:
                pl.loc[z[f"places.{c}.null"], c] = None
            pl["lat"], pl["lon"] = z["places.lat"], z["places.lon"]
            pl = pl[["place_id", "place", "country", "lat", "lon", "kind"]]
            sets = {
                key: _Set(**{f: z[f"{int(key)}.{f}"] for f in _SET_FIELDS}, n_undated=int(z[f"{int(key)}.n_undated"]))
                for key in (True, False)
            }
            days = np.array(z["days"].tolist(), dtype=object)
    except (OSError, KeyError, ValueError):
        return None
    return PlaceCounts(pl, days, sets[True], sets[False])


def cache_file(db: str | Path) -> Path:
    from mapapp import settings

    key = hashlib.sha1(str(Path(db).expanduser().resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(os.path.expanduser(settings.get("cache_dir"))) / f"placecounts-{key}.npz"


class Background:
    """``PlaceCounts`` for one data version of a store, made without keeping the app waiting:
    read from the cache file when it holds this version, else built by a separate process
    (``python -m mapapp.store.placecounts``: the app's own process keeps its CPU and interpreter lock)
    that writes the cache file. Until then (and when that fails or the store is too big)
    ``get()`` is None and the store answers."""

    def __init__(self, db: str | Path, version: object) -> None:
        self.db, self.version = str(db), repr(version)
        self._counts: PlaceCounts | None = None
        self.error: str | None = None
        self._thread = threading.Thread(target=self._load, name="mapapp-placecounts", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            out = cache_file(self.db)
            counts = read(out, self.version)
            if counts is None:
                out.parent.mkdir(parents=True, exist_ok=True)
                root = str(Path(__file__).resolve().parents[2])  # importable even when not installed
                env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
                done = subprocess.run(
                    [sys.executable, "-m", "mapapp.store.placecounts", self.db, str(out), self.version],
                    capture_output=True,
                    text=True,
                    timeout=3600,
                    env=env,
                )
                if done.returncode != 0:
                    self.error = (done.stderr.strip().splitlines() or ["failed"])[-1]
                    return
                counts = read(out, self.version)
            self._counts = counts
        except Exception as exc:  # noqa: BLE001 - the store still answers; say why once
            self.error = f"{type(exc).__name__}: {exc}"

    @property
    def loading(self) -> bool:
        """Still being read or built (False once there, and when that failed: the store answers)."""
        return self._counts is None and self._thread.is_alive()

    def get(self, wait: float = 0.0) -> PlaceCounts | None:
        if wait:
            self._thread.join(wait)
        return self._counts


def main(argv: list[str] | None = None) -> int:
    """``python -m mapapp.store.placecounts DB OUT VERSION``: build and save (what ``Background`` runs)."""
    db, out, version = (sys.argv[1:] if argv is None else argv)[:3]
    counts = PlaceCounts.load(db)
    if counts is None:
        print(f"{db}: more than {MAX_MENTIONS:,} mapped mentions; counted in the store", file=sys.stderr)
        return 3
    save(counts, out, version)
    return 0


__all__ = ["PlaceCounts", "Background", "MAX_MENTIONS", "save", "read", "cache_file"]

if __name__ == "__main__":
    raise SystemExit(main())
