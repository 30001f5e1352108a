-- mapapp store, version 1: articles, places, mentions, files (resumable ingest), geocode cache.
-- Dates are ISO 'YYYY-MM-DD' text (they sort and compare as dates); timestamps ISO 8601 UTC.

-- `n` is the stable integer key the full-text index points at (a rowid alias survives VACUUM);
-- `id` is the article's own id (Article.id), what mentions and the app refer to.
CREATE TABLE articles (
    n             INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    path          TEXT NOT NULL,
    title         TEXT,
    source        TEXT,
    url           TEXT,
    author        TEXT,
    published     TEXT,
    published_how TEXT,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_path ON articles(path);

CREATE TABLE places (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    country    TEXT,
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    kind       TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    admin1     TEXT,
    source     TEXT
);
CREATE INDEX places_country ON places(country);
CREATE INDEX places_name ON places(name COLLATE NOCASE);

CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: ids stay unique over time
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    name           TEXT NOT NULL,
    place_id       TEXT REFERENCES places(id),
    score          REAL NOT NULL,
    demonym        INTEGER NOT NULL DEFAULT 0,
    sentence       TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    event_date     TEXT,
    date_precision TEXT NOT NULL,
    alternatives   TEXT NOT NULL DEFAULT '[]',  -- JSON [[place_id, label, score], ...]
    reason         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mentions_article ON mentions(article_id, place_id);  -- per-article counts (facets) without the rows
-- The slider's filter: a date range scan that never touches the table rows for places().
CREATE INDEX mentions_date ON mentions(event_date, place_id, score, demonym, article_id);
-- Excerpts of one place, newest first, and the per-place aggregation over wide date ranges
-- (covering: counting never reads the table rows).
CREATE INDEX mentions_place ON mentions(place_id, event_date, demonym, score, article_id);

-- One row per input file: what makes ingest resumable and re-runs cheap.
CREATE TABLE files (
    path         TEXT PRIMARY KEY,
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    content_hash TEXT,
    status       TEXT NOT NULL,  -- 'done' | 'error'
    error        TEXT,
    n_articles   INTEGER NOT NULL DEFAULT 0,
    ingested_at  TEXT NOT NULL
);

CREATE TABLE geocode_cache (
    query      TEXT PRIMARY KEY,
    place_json TEXT,  -- NULL: the geocoder answered "not found" (cached too)
    fetched_at TEXT NOT NULL
);
