"""The SQLite store on real files: migrations, upserts, every filter, aggregation, hostile params."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.store import PLACES_COLUMNS, QUERY_COLUMNS, Store, migrations
from mapapp.store.filters import Filters, join_list, split_list

from factories import AZERBAIJAN, BAKU, CASPIAN, GANJA, TBILISI, article
from factories import mention as _mention


def mention(a, name, place, when, precision="day", **kw):
    """The shared builder, with the alternatives and reason these tests read back."""
    return _mention(
        a, name, place, when, precision, alternatives=[("gn:1", "Elsewhere", 0.1)], reason="population", **kw
    )


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "sub" / "dir" / "store.sqlite")  # parent folders are created
    yield s
    s.close()


@pytest.fixture()
def filled(store):
    """Four articles: dated, undated, demonym, unresolved, low-score, several sources/countries."""
    a1 = article("a1", "Protesters gathered in Baku and Ganja on Monday.", source="Trend")
    a2 = article("a2", "A delegation flew from Tbilisi to Baku.", source="Azernews", published=date(2021, 3, 1))
    a3 = article("a3", "Azerbaijani officials met near the Caspian Sea.", source="Trend", published=None)
    a4 = article("a4", "Rumours from Ganja and from Nowhereville spread.", source="APA", published=date(2019, 1, 5))
    store.upsert_article(
        a1, [mention(a1, "Baku", BAKU, date(2020, 7, 27)), mention(a1, "Ganja", GANJA, date(2020, 7, 27))]
    )
    store.upsert_article(
        a2,
        [
            mention(a2, "Tbilisi", TBILISI, date(2021, 3, 1), "published"),
            mention(a2, "Baku", BAKU, date(2021, 2, 1), "month"),
        ],
    )
    store.upsert_article(
        a3,
        [
            mention(a3, "Azerbaijani", AZERBAIJAN, None, "unknown", demonym=True),
            mention(a3, "Caspian Sea", CASPIAN, None, "unknown"),
        ],
    )
    store.upsert_article(
        a4,
        [
            mention(a4, "Ganja", GANJA, date(2019, 1, 5), "published", score=0.3),
            mention(a4, "Nowhereville", None, date(2019, 1, 5), "published", score=0.2),
        ],
    )
    return store


def names(df):
    return sorted(df["name"].tolist())


def test_migrations_on_a_real_file(tmp_path):
    path = tmp_path / "m.sqlite"
    s = Store(path)
    versions = [m.version for m in migrations()]
    assert versions == sorted(versions) and versions[:2] == [1, 2]
    assert [r[0] for r in s.applied_migrations()] == versions
    assert s.schema_version() == versions[-1]
    tables = {r[0] for r in s.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"articles", "places", "mentions", "files", "geocode_cache", "schema_migrations"} <= tables
    assert s.execute("PRAGMA journal_mode")[0][0] == "wal"
    assert s.execute("PRAGMA foreign_keys")[0][0] == 1
    assert s.execute("PRAGMA busy_timeout")[0][0] > 0
    indexes = {r[0] for r in s.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"mentions_date", "mentions_place", "places_country", "articles_source"} <= indexes
    s.close()
    again = Store(path)  # re-opening applies nothing and keeps the record
    assert again.migrate() == []
    assert [r[0] for r in again.applied_migrations()] == versions
    again.close()
    # A plain sqlite3 client sees an ordinary database.
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(versions)


def test_an_old_store_is_upgraded_in_order(tmp_path):
    path = tmp_path / "old.sqlite"
    s = Store(path)
    s.execute("DROP TRIGGER articles_fts_ai")
    s.execute("DROP TRIGGER articles_fts_ad")
    s.execute("DROP TRIGGER articles_fts_au")
    s.execute("DROP TABLE articles_fts")
    s.execute("DELETE FROM schema_migrations WHERE version = 2")
    a = article("x", "Old text about Baku.")
    s.upsert_article(a, [mention(a, "Baku", BAKU, date(2020, 1, 1))])
    s.close()
    s = Store(path)  # 002 (and later) applied now; the existing article is indexed
    assert s.has_fts
    assert [r[0] for r in s.applied_migrations()][:2] == [1, 2]
    assert len(s.query(Filters(text="old text"))) == 1
    s.close()


def test_upsert_is_idempotent_and_writes_nothing_when_unchanged(store):
    a = article("a1", "Protesters gathered in Baku and Ganja on Monday.")
    ms = [mention(a, "Baku", BAKU, date(2020, 7, 27)), mention(a, "Ganja", GANJA, date(2020, 7, 27))]
    assert store.upsert_article(a, ms) == "new"
    before = store.execute("SELECT ingested_at FROM articles")[0][0]
    changes = store.conn.total_changes
    assert store.upsert_article(a, ms) == "unchanged"
    assert store.conn.total_changes == changes  # not a single row written
    assert store.execute("SELECT ingested_at FROM articles")[0][0] == before
    assert store.stats()["mentions"] == 2 and store.stats()["articles"] == 1


def test_edited_article_replaces_its_mentions(store):
    a = article("a1", "Protesters gathered in Baku and Ganja on Monday.")
    store.upsert_article(
        a, [mention(a, "Baku", BAKU, date(2020, 7, 27)), mention(a, "Ganja", GANJA, date(2020, 7, 27))]
    )
    old_ids = set(store.query(Filters())["mention_id"])
    b = article("a1", "Only Tbilisi is named now.", chash="hash-edited")
    assert store.upsert_article(b, [mention(b, "Tbilisi", TBILISI, date(2020, 8, 1))]) == "updated"
    df = store.query(Filters())
    assert names(df) == ["Tbilisi"] and not (set(df["mention_id"]) & old_ids)
    assert store.stats() == {"articles": 1, "mentions": 1, "mapped": 1, "places": 3, "files": 0}
    assert store.query(Filters(text="protesters")).empty  # the search index follows the edit
    assert len(store.query(Filters(text="tbilisi is named"))) == 1


def test_deleting_an_article_deletes_its_mentions(filled):
    assert filled.delete_articles(["a1"]) == 1
    assert "a1" not in set(filled.query(Filters(include_undated=True, include_demonyms=True))["article_id"])
    assert filled.execute("SELECT count(*) FROM mentions WHERE article_id = 'a1'")[0][0] == 0


def test_query_columns_types_and_order(filled):
    df = filled.query(Filters())
    assert list(df.columns) == QUERY_COLUMNS
    assert names(df) == ["Baku", "Baku", "Ganja", "Ganja", "Tbilisi"]  # unresolved never mapped
    assert df["event_date"].tolist() == sorted(df["event_date"].tolist(), reverse=True)  # newest first
    row = df[df["name"] == "Tbilisi"].iloc[0]
    assert row["place"] == "Tbilisi" and row["country"] == "GE" and row["kind"] == "city"
    assert row["published"] == "2021-03-01" and row["date_precision"] == "published"
    assert row["source"] == "Azernews" and row["url"] == "https://example.org/a2" and row["path"] == "/corpus/a2.txt"
    assert row["sentence"][row["start"] : row["end"]] == "Tbilisi"
    assert df["demonym"].dtype == bool and df["mention_id"].dtype == "int64" and df["lat"].dtype == "float64"
    assert list(filled.query(Filters(), limit=2)["event_date"]) == ["2021-03-01", "2021-02-01"]
    assert list(filled.query(Filters(), limit=2, offset=4)["name"]) == ["Ganja"]
    empty = filled.query(Filters(sources=("Nobody",)))
    assert empty.empty and list(empty.columns) == QUERY_COLUMNS


def test_date_filter_and_undated_toggle(filled):
    f = Filters(date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))
    assert names(filled.query(f)) == ["Baku", "Ganja"]
    assert names(filled.query(f.replace(include_undated=True))) == ["Baku", "Caspian Sea", "Ganja"]
    assert names(filled.query(f.replace(include_undated=True, include_demonyms=True))) == [
        "Azerbaijani",
        "Baku",
        "Caspian Sea",
        "Ganja",
    ]
    assert names(filled.query(Filters(date_from=date(2021, 2, 1)))) == ["Baku", "Tbilisi"]  # inclusive, open end
    assert names(filled.query(Filters(date_to=date(2019, 1, 5)))) == ["Ganja"]
    assert filled.count(Filters(include_undated=True)) == 6
    assert filled.count(Filters()) == 5


def test_source_country_place_score_filters(filled):
    assert names(filled.query(Filters(sources=("Trend",)))) == ["Baku", "Ganja"]
    assert names(filled.query(Filters(sources=("Trend", "APA")))) == ["Baku", "Ganja", "Ganja"]
    assert names(filled.query(Filters(countries=("ge",)))) == ["Tbilisi"]  # case-insensitive codes
    assert names(filled.query(Filters(places=("gn:587084",)))) == ["Baku", "Baku"]
    assert names(filled.query(Filters(places=("ganja", "Tbilisi")))) == ["Ganja", "Ganja", "Tbilisi"]
    assert names(filled.query(Filters(min_score=0.5))) == ["Baku", "Baku", "Ganja", "Tbilisi"]
    assert names(filled.query(Filters(countries=("AZ",), sources=("Azernews",)))) == ["Baku"]


def test_text_search(filled):
    assert set(filled.query(Filters(text="delegation"))["article_id"]) == {"a2"}
    assert set(filled.query(Filters(text="PROTESTERS gathered"))["article_id"]) == {"a1"}
    assert set(filled.query(Filters(text="Title a4"))["article_id"]) == {"a4"}  # titles too
    assert filled.query(Filters(text="gathered protesters")).empty  # a phrase, not a bag of words
    for hostile in ['"', "' OR 1=1 --", "NEAR(a b)", "*", "title:x", "a AND OR NOT", "); DROP TABLE mentions; --"]:
        filled.query(Filters(text=hostile))  # FTS syntax in user text is plain text: no error
    assert filled.stats()["mentions"] == 8


def test_places_are_aggregated_in_sql(filled):
    df = filled.places(Filters(include_undated=True))
    assert list(df.columns) == PLACES_COLUMNS
    row = df.set_index("place_id").loc["gn:587084"]
    assert (row["n_mentions"], row["n_articles"]) == (2, 2)
    assert (row["first_date"], row["last_date"]) == ("2020-07-27", "2021-02-01")
    assert df.iloc[0]["n_mentions"] >= df.iloc[-1]["n_mentions"]
    assert set(df["place"]) == {"Baku", "Ganja", "Tbilisi", "Caspian Sea"}
    caspian = df.set_index("place").loc["Caspian Sea"]
    assert caspian["country"] is None and caspian["first_date"] is None
    assert filled.places(Filters(sources=("Nobody",))).empty


def test_excerpts_page_through_one_place(filled):
    ex = filled.excerpts("gn:586523", Filters(), limit=1, offset=0)
    assert list(ex.columns) == QUERY_COLUMNS and ex.iloc[0]["event_date"] == "2020-07-27"
    assert filled.excerpts("gn:586523", Filters(), limit=1, offset=1).iloc[0]["event_date"] == "2019-01-05"
    assert filled.excerpts("gn:586523", Filters(), limit=1, offset=2).empty
    assert len(filled.excerpts("gn:586523", Filters(min_score=0.5), limit=10)) == 1


def test_date_span_and_facets(filled):
    assert filled.date_span() == (date(2019, 1, 5), date(2021, 3, 1))
    assert filled.date_span(Filters(sources=("Trend",))) == (date(2020, 7, 27), date(2020, 7, 27))
    assert Store(filled.path).date_span(Filters(sources=("Nobody",))) == (None, None)
    fac = filled.facets()
    assert fac["sources"].to_dict("records")[0] == {"source": "Trend", "n_mentions": 4}
    assert dict(zip(fac["countries"]["country"], fac["countries"]["n_mentions"])) == {"AZ": 5, "GE": 1}
    assert fac["places"].iloc[0]["place"] in ("Baku", "Ganja")
    assert list(fac["places"].columns) == ["place_id", "place", "country", "n_mentions"]


def test_reader_is_not_blocked_by_a_writer(tmp_path):
    path = tmp_path / "wal.sqlite"
    writer = Store(path)
    a = article("a1", "Protesters gathered in Baku.")
    writer.upsert_article(a, [mention(a, "Baku", BAKU, date(2020, 7, 27))])
    reader = Store(path, timeout=2)
    with writer.transaction():  # an open write transaction (as during ingest)
        b = article("b1", "A second text on Ganja.")
        writer._upsert(b, [mention(b, "Ganja", GANJA, date(2020, 7, 28))])
        assert names(reader.query(Filters())) == ["Baku"]  # reads the last committed state at once
    assert names(reader.query(Filters())) == ["Baku", "Ganja"]
    ro = Store(path, readonly=True)
    assert ro.count(Filters()) == 2
    for s in (ro, reader, writer):
        s.close()


def test_geocode_cache_and_file_records(store):
    assert store.geocode_cache_get("Baku") is None
    store.geocode_cache_put("Baku", '{"id": "gn:587084"}')
    store.geocode_cache_put("Atlantis", None)
    assert store.geocode_cache_get("Baku") == ('{"id": "gn:587084"}',)
    assert store.geocode_cache_get("Atlantis") == (None,)
    store.record_file("/c/a.txt", 10, 123, "h", "done", n_articles=1)
    assert store.file_record("/c/a.txt") == (10, 123, "h", "done")


# --- Filters parameters -------------------------------------------------------------------


def test_params_round_trip():
    f = Filters(
        date_from=date(2020, 1, 1),
        date_to=date(2020, 12, 31),
        include_undated=True,
        sources=("Trend", "Reuters, Inc", "back\\slash"),
        countries=("az", "GE"),
        places=("gn:587084", "Ganja"),
        text="ceasefire violation",
        include_demonyms=True,
        min_score=0.25,
    )
    params = f.to_params()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    back, notices = Filters.from_params(params)
    assert back == f and notices == [] and back.countries == ("AZ", "GE")
    assert Filters().to_params() == {}
    assert Filters.from_params({}) == (Filters(), [])
    assert split_list(join_list(["a,b", "c\\", "d"])) == ["a,b", "c\\", "d"]
    # Repeated keys (st.query_params.get_all) work as well as comma-joined ones.
    assert Filters.from_params({"sources": ["Trend", "APA"]})[0].sources == ("Trend", "APA")
    assert hash(f) == hash(back)  # usable as a cache key


@pytest.mark.parametrize(
    "params, key",
    [
        ({"from": "2020-13-45"}, "from"),
        ({"from": "99999-01-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"to": "2020-01-01T00:00"}, "to"),
        ({"from": "x" * 100_000}, "from"),
        ({"undated": "maybe"}, "undated"),
        ({"demonyms": "1; DROP TABLE mentions"}, "demonyms"),
        ({"min_score": "nan"}, "min_score"),
        ({"min_score": "1e309"}, "min_score"),
        ({"min_score": "-1"}, "min_score"),
        ({"min_score": "9" * 5000}, "min_score"),
        ({"q": "x" * 5000}, "q"),
        ({"q": "bad\x00byte"}, "q"),
        ({"sources": ",".join(str(i) for i in range(500))}, "sources"),
        ({"sources": [str(i) for i in range(500)]}, "sources"),
        ({"countries": "AZ,Azerbaijan"}, "countries"),
        ({"countries": "A'"}, "countries"),
        ({"places": "y" * 1000}, "places"),
    ],
)
def test_hostile_params_fall_back_with_a_notice(params, key):
    f, notices = Filters.from_params(params)
    assert len(notices) == 1 and f"'{key}'" in notices[0], notices
    assert len(notices[0]) < 200  # a short human-readable line, never the whole hostile value
    if key == "countries":
        assert f.countries in ((), ("AZ",))
    else:
        assert f == Filters()


def test_swapped_dates_and_defaults_kept():
    f, notices = Filters.from_params({"from": "2021-01-01", "to": "2020-01-01", "zoom": "9", "place": "x"})
    assert (f.date_from, f.date_to) == (date(2020, 1, 1), date(2021, 1, 1)) and len(notices) == 1
    base = Filters(min_score=0.5)
    assert Filters.from_params({"min_score": "abc"}, base=base)[0].min_score == 0.5


def test_injected_strings_are_only_values(filled):
    evil = "Trend') OR 1=1; DROP TABLE mentions; --"
    f, notices = Filters.from_params({"sources": evil, "places": "' OR ''='", "q": "x' OR '1'='1"})
    assert notices == []
    assert filled.query(f).empty and filled.places(f).empty and filled.count(f) == 0
    assert filled.stats()["mentions"] == 8


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            ["from", "to", "undated", "sources", "countries", "places", "q", "demonyms", "min_score", "other"]
        ),
        st.one_of(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=5), st.integers(), st.none()),
        max_size=9,
    )
)
def test_from_params_never_raises_and_the_result_always_queries(filled, params):
    f, notices = Filters.from_params(params)
    assert isinstance(f, Filters) and all(isinstance(n, str) for n in notices)
    filled.count(f)
    filled.places(f)


def test_paging_across_dated_and_undated_rows(filled):
    f = Filters(include_undated=True, include_demonyms=True)
    full = filled.query(f)
    assert full["event_date"].tolist()[-2:] == [None, None]  # undated last
    dated = [d for d in full["event_date"] if d]
    assert dated == sorted(dated, reverse=True)
    pages = [filled.query(f, limit=2, offset=o) for o in range(0, 8, 2)]
    assert sum((p["mention_id"].tolist() for p in pages), []) == full["mention_id"].tolist()
    ex = filled.excerpts("cur:caspian-sea", f, limit=5)
    assert ex["name"].tolist() == ["Caspian Sea"]


def test_resolution_says_why_a_place_is_where_it_is(filled):
    why = filled.resolution(BAKU.id, Filters(include_undated=True))
    assert list(why["name"]) == ["Baku"]
    row = why.iloc[0]
    assert row["n"] == 2 and row["reason"] == "population"
    assert row["alternatives"] == [("Elsewhere", 0.1)]
    assert filled.resolution(BAKU.id, Filters(date_from=date(2030, 1, 1))).empty


def test_deferred_indexes_come_back_when_their_ingest_is_gone(filled):
    """A bulk ingest drops the wide mention indexes under a lock; a store opened while the lock is
    held leaves them alone, and the first writer to open it after the ingest died rebuilds them."""
    store = filled
    before = store.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
    want = store.places(Filters(include_undated=True))
    with store.bulk_lock(wait=False) as got:
        assert got
        assert store.defer_indexes() == ["mentions_date", "mentions_place"]
        assert store.deferred_indexes() == ["mentions_date", "mentions_place"]
        pd.testing.assert_frame_equal(store.places(Filters(include_undated=True)), want)  # slower, same answer
        other = Store(store.path)  # the app opening the store meanwhile: the ingest is alive
        assert other.deferred_indexes() == ["mentions_date", "mentions_place"]
        other.close()
    reopened = Store(store.path)  # the lock is free: the ingest that dropped them is gone
    assert reopened.deferred_indexes() == []
    assert reopened.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name") == before
    reopened.close()


def test_typed_frame_is_the_one_dtype_fixer():
    """``typed_frame``: the dtypes of ``Store.query``/``Store.places`` from raw object values, and
    a missing or non-numeric value (a snapshot row read back) gives NaN, not an error."""
    from mapapp.store import typed_frame

    df = typed_frame(
        pd.DataFrame(
            {
                "mention_id": [1, 2],
                "lat": ["40.5", 41],
                "n_articles": [3, 4],
                "demonym": [1, None],
                "place": ["Baku", None],
            },
            dtype=object,
        )
    )
    assert [str(df[c].dtype) for c in df] == ["int64", "float64", "int64", "bool", "object"]
    assert df["demonym"].tolist() == [True, False] and df["place"].tolist() == ["Baku", None]
    odd = typed_frame(pd.DataFrame({"start": [1, None], "score": ["x", 0.5]}, dtype=object))
    assert str(odd["start"].dtype) == "float64" and odd["start"].isna().tolist() == [False, True]
    assert odd["score"].isna().tolist() == [True, False]


# --- filters own their SQL and their words ---------------------------------------------------
def test_filters_to_sql_is_a_typed_parameterised_where_clause(filled):
    from mapapp.store.filters import SqlWhere

    assert Filters().to_sql() == SqlWhere("m.place_id IS NOT NULL AND m.event_date IS NOT NULL AND m.demonym = 0", [])
    hostile = "x') OR 1=1; DROP TABLE mentions; --"
    f = Filters(
        date_from=date(2020, 1, 1),
        include_undated=True,
        sources=(hostile,),
        countries=("az",),
        places=("Baku",),
        text=hostile,
        min_score=0.5,
    )
    where, params = f.to_sql(fts=False)
    assert hostile not in where and "DROP" not in where  # values travel as parameters only
    assert params == ["2020-01-01", "9999-12-31", 0.5, hostile, "AZ", "Baku", "Baku", hostile, hostile]
    assert "(m.event_date BETWEEN ? AND ? OR m.event_date IS NULL)" in where
    assert "m.event_date IS NULL" not in f.to_sql(undated_ok=False).where
    assert f.to_sql(part="undated").where.startswith("m.place_id IS NOT NULL AND m.event_date IS NULL AND")
    assert f.to_sql(part="dated").params[:2] == ["2020-01-01", "9999-12-31"]
    assert "articles_fts MATCH ?" in f.replace(text="oil talks").to_sql(fts=True).where
    assert f.replace(text="oil talks").to_sql(fts=True).params[-1] == '"oil talks"'
    # the clause is what every store read runs: counting with it by hand gives Store.count
    for g in (
        Filters(),
        Filters(include_undated=True, include_demonyms=True),
        Filters(countries=("GE",)),
        Filters(date_to=date(2020, 12, 31), min_score=0.5),
        Filters(text="delegation"),
    ):
        w, p = g.to_sql(fts=filled.has_fts)
        assert filled.execute(f"SELECT count(*) FROM mentions m WHERE {w}", p)[0][0] == filled.count(g)


def test_filters_describe_says_what_they_keep():
    f = Filters(date_to=date(2020, 12, 31), countries=("az",), places=("Baku", "gn:1"))
    assert f.describe() == [
        "Event dates: the beginning to 2020-12-31",
        "Countries: AZ",
        "Places: Baku, gn:1",
        "Demonyms: left out",
    ]
    assert Filters(include_undated=True).describe()[0] == "Event dates: all, undated mentions included"


def test_one_helper_quotes_refused_values_for_filters_and_views():
    from mapapp.store.filters import shown
    from mapapp.web.view import View

    assert shown("a\nb") == "'a\\nb'"
    assert shown("x" * 50) == repr("x" * 40 + "…")
    _, notices = View.from_params({"zoom": "y" * 50, "from": "z" * 50})
    assert f"Ignored 'zoom': {shown('y' * 50)} is not a whole number from 1 to 19." in notices
    assert f"Ignored 'from': {shown('z' * 50)} is not a date (YYYY-MM-DD)." in notices


# --- public reads the app needs -------------------------------------------------------------------
@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(include_undated=True, include_demonyms=True),
        Filters(date_from=date(2020, 1, 1), include_undated=True),
        Filters(sources=("Trend",)),
    ],
)
@pytest.mark.parametrize("k", [1, 2, 5])
def test_excerpts_many_is_excerpts_for_each_place(filled, f, k):
    pids = [BAKU.id, GANJA.id, TBILISI.id, AZERBAIJAN.id, CASPIAN.id, "gn:none"]
    got = filled.excerpts_many(pids, f, k)
    want = pd.concat([filled.excerpts(pid, f, limit=k) for pid in sorted(pids)], ignore_index=True)
    pd.testing.assert_frame_equal(got, want)
    assert list(got.columns) == QUERY_COLUMNS


def test_excerpts_many_chunks_cuts_text_and_handles_nothing(filled):
    empty = filled.excerpts_many([], Filters(), 5)
    assert empty.empty and list(empty.columns) == QUERY_COLUMNS
    assert filled.excerpts_many([BAKU.id], Filters(), 0).empty
    many = [f"gn:x{i}" for i in range(250)] + [BAKU.id]  # more places than one statement takes
    got = filled.excerpts_many(many, Filters(), 5, text_limits={"title": 3, "sentence": 4})
    assert sorted(got["name"]) == ["Baku", "Baku"]
    assert set(got["title"]) == {"Titl"} and all(len(s) == 5 for s in got["sentence"])


def test_timeline_counts_months_whatever_the_dates(filled):
    def months(f):
        return [tuple(r) for r in filled.timeline(f).itertuples(index=False, name=None)]

    allm = [("2019-01", 1), ("2020-07", 2), ("2021-02", 1), ("2021-03", 1)]
    assert months(None) == allm
    assert months(Filters(date_from=date(2021, 1, 1), include_undated=True)) == allm  # dates and undated ignored
    assert months(Filters(sources=("Trend",))) == [("2020-07", 2)]
    assert months(Filters(min_score=0.5)) == allm[1:]
    assert list(filled.timeline(Filters(countries=("FR",))).columns) == ["month", "mentions"]


# --- snapshots ----------------------------------------------------------------------------------
def test_snapshot_methods_insert_read_list_delete(filled):
    from mapapp.store import SnapshotRecord

    frame = filled.query(Filters(include_undated=True))
    rows = [tuple(None if pd.isna(v) else v for v in r) for r in frame.itertuples(index=False, name=None)]
    rec = SnapshotRecord("snapAAAA1", "2024-01-01T00:00:00+00:00", "First", len(rows), 4, '{"params": {}}')
    assert filled.insert_snapshot(rec, rows) is True
    assert filled.insert_snapshot(rec._replace(title="other"), rows[:1]) is False  # the id is taken: nothing written
    assert filled.snapshot("snapAAAA1") == rec and filled.snapshot("nope0000") is None
    got = filled.snapshot_rows("snapAAAA1")
    pd.testing.assert_frame_equal(got, frame)  # the frame as query returned it, order and dtypes kept
    assert filled.snapshot_rows("nope0000").empty
    later = rec._replace(id="snapBBBB2", created_at="2024-02-01T00:00:00+00:00", n_mentions=0)
    assert filled.insert_snapshot(later, [])
    assert [r.id for r in filled.snapshots()] == ["snapBBBB2", "snapAAAA1"]
    assert filled.delete_snapshot("snapAAAA1") is True and filled.delete_snapshot("snapAAAA1") is False
    assert filled.execute("SELECT count(*) FROM snapshot_mentions")[0][0] == 0
    assert [r.id for r in filled.snapshots()] == ["snapBBBB2"]


def test_typed_frame_fills_gaps_of_frozen_rows():
    from mapapp.store import typed_frame

    def frame(rows, cols):
        return pd.DataFrame(rows, columns=cols, dtype=object)

    df = typed_frame(frame([(1, None, "3", True), (None, 2.5, "x", None)], ["mention_id", "lat", "score", "demonym"]))
    assert df["mention_id"].dtype == "float64" and pd.isna(df["mention_id"][1])  # a gap: no int column
    assert df["lat"].dtype == "float64" and pd.isna(df["lat"][0])
    assert df["score"].tolist()[0] == 3.0 and pd.isna(df["score"][1])
    assert df["demonym"].tolist() == [True, False]
    assert typed_frame(frame([(1, 2)], ["start", "end"])).dtypes.tolist() == ["int64", "int64"]


# --- what ingest writes through ---------------------------------------------------------------------
def test_ingest_methods_upsert_rows_hashes_stale_articles_and_file_records(store):
    from mapapp.store import FileRecord, article_rows

    a1 = article("/c/f.jsonl#1", "Protesters gathered in Baku.")
    a2 = article("/c/f.jsonl#2", "A delegation flew to Ganja.")
    for a in (a1, a2):
        a.path = "/c/f.jsonl"
    assert store.upsert_rows(article_rows(a1, [mention(a1, "Baku", BAKU, date(2020, 7, 27))])) == "new"
    with store.transaction():  # inside the caller's transaction too
        assert store.upsert_rows(article_rows(a2, [mention(a2, "Ganja", GANJA, None, "unknown")])) == "new"
    assert store.upsert_rows(article_rows(a1, [])) == "unchanged"
    assert store.article_count() == 2 and store.count(Filters(include_undated=True)) == 2
    assert store.stored_hash(a1.id) == a1.content_hash and store.stored_hash("nope") is None
    assert store.remove_stale_articles("/c/f.jsonl", keep={a1.id}) == 1
    assert store.article_count() == 1 and store.count(Filters(include_undated=True)) == 1  # its mentions went
    store.record_ingested_file("/c/f.jsonl", 10, 123, "h", [], 7)
    assert store.file_record("/c/f.jsonl") == FileRecord(10, 123, "h", "done")
    store.record_ingested_file("/c/f.jsonl", 11, 124, "h2", ["bad line"] * 500, None)
    rec = store.file_record("/c/f.jsonl")
    assert (rec.size, rec.status) == (11, "error")
    error, n = store.execute("SELECT error, n_articles FROM files")[0]
    assert n == 7 and len(error) == 2000  # None keeps the stored count; the error text is cut
