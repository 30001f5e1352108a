-- Events (issue 14): mentions of one place family whose dates and sentences agree, across
-- articles (mapapp.store.events builds and updates them; every column but the id and family is
-- recomputed from the members whenever they change).
CREATE TABLE events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    family         TEXT NOT NULL,            -- 'CC|base name' (events.family)
    place_id       TEXT NOT NULL,            -- the most specific place of its reports
    date           TEXT,                     -- first day of the period; NULL: undated
    date_precision TEXT NOT NULL,            -- day | month | year | published | unknown
    label          TEXT NOT NULL,            -- a sentence of its best-dated, earliest report (cut)
    kind           TEXT NOT NULL,            -- clash | protest | meeting | statement | other
    terms          TEXT NOT NULL DEFAULT '{}',  -- JSON {stem: count} of its reports (the most frequent)
    n_mentions     INTEGER NOT NULL DEFAULT 0,
    n_articles     INTEGER NOT NULL DEFAULT 0,
    n_sources      INTEGER NOT NULL DEFAULT 0,  -- outlets (an article without one counts as its own)
    first_reported TEXT,
    last_reported  TEXT
);
CREATE INDEX events_family ON events(family, date);
CREATE INDEX events_date ON events(date);

-- Each mapped mention (demonyms aside) in at most one event; is_primary = 0 for a broad place
-- carried by a more specific one in the same sentence (Azerbaijan beside Tovuz District).
-- date, precision, kind and terms are the report as grouping compares it (kept so that a later
-- batch compares with stored reports without reading and tokenising their sentences again).
CREATE TABLE event_mentions (
    mention_id INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 1,
    family     TEXT NOT NULL,
    date       TEXT,
    precision  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    terms      TEXT NOT NULL             -- content-word stems, space-separated
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE INDEX event_mentions_article ON event_mentions(article_id);
-- What a new report is compared with: the stored reports of its family whose dates can agree.
CREATE INDEX event_mentions_family ON event_mentions(family, date) WHERE is_primary = 1;

-- Articles written or removed since their events were last updated: the store adds them in the
-- transaction that writes the article, events.update_pending() empties it (ingest calls it every
-- few thousand articles and at its end), so a killed ingest leaves nothing ungrouped for good.
CREATE TABLE events_dirty (
    article_id TEXT PRIMARY KEY
) WITHOUT ROWID;
-- Articles stored before this migration: grouped by the next ingest or `mapapp events`.
INSERT INTO events_dirty(article_id) SELECT id FROM articles;
