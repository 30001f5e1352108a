-- Frozen snapshots (mapapp.share): the view AND the mention rows themselves, so `?snapshot=ID`
-- shows the same map after new articles are ingested, articles change or places are
-- re-geocoded. No foreign keys into articles/places/mentions on purpose: nothing there can
-- change or delete a snapshot's rows.
CREATE TABLE snapshots (
    id         TEXT PRIMARY KEY,            -- short random URL-safe id (share.ID_RE)
    created_at TEXT NOT NULL,               -- ISO 8601 UTC
    title      TEXT,
    view_json  TEXT NOT NULL,               -- View.to_params() as JSON (without 'snapshot')
    n_mentions INTEGER NOT NULL,
    n_places   INTEGER NOT NULL
);
CREATE INDEX snapshots_created ON snapshots(created_at);

-- One frozen row per mention, the columns of Store.query (store.QUERY_COLUMNS), in order.
CREATE TABLE snapshot_mentions (
    snapshot_id    TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,        -- row order of the frame when saved
    mention_id     INTEGER,
    article_id     TEXT,
    name           TEXT,
    place_id       TEXT,
    place          TEXT,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    kind           TEXT,
    score          REAL,
    demonym        INTEGER,
    start          INTEGER,
    "end"          INTEGER,
    sentence       TEXT,
    event_date     TEXT,
    date_precision TEXT,
    published      TEXT,
    title          TEXT,
    source         TEXT,
    url            TEXT,
    path           TEXT,
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;
