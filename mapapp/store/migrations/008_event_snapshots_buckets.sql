-- Frozen snapshots of events (issue 14): a snapshot saved in Events mode keeps the event rows and
-- their reports as they were (store.events.EVENT_COLUMNS and REPORT_COLUMNS, in order), so a later
-- ingest, regrouping or correction cannot change what it showed. Its record stays in `snapshots`
-- (migration 003; n_mentions counts the reports, n_places the events' places).
CREATE TABLE snapshot_events (
    snapshot_id    TEXT NOT NULL,
    seq            INTEGER NOT NULL,        -- row order of the frame when saved
    event_id       INTEGER,
    place          TEXT,
    place_id       TEXT,
    country        TEXT,
    lat            REAL,
    lon            REAL,
    place_kind     TEXT,
    date           TEXT,
    date_precision TEXT,
    label          TEXT,
    kind           TEXT,
    n_mentions     INTEGER,
    n_articles     INTEGER,
    n_sources      INTEGER,
    first_reported TEXT,
    last_reported  TEXT,
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

CREATE TABLE snapshot_event_reports (
    snapshot_id TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    event_id    INTEGER,
    mention_id  INTEGER,
    article_id  TEXT,
    path        TEXT,
    title       TEXT,
    source      TEXT,
    url         TEXT,
    published   TEXT,
    name        TEXT,
    sentence    TEXT,
    corrected   TEXT,
    PRIMARY KEY (snapshot_id, seq)
) WITHOUT ROWID;

-- Deleting a snapshot (Store.delete_snapshot) deletes its frozen events too.
CREATE TRIGGER snapshot_events_deleted AFTER DELETE ON snapshots BEGIN
    DELETE FROM snapshot_events WHERE snapshot_id = OLD.id;
    DELETE FROM snapshot_event_reports WHERE snapshot_id = OLD.id;
END;

-- What an incremental update reads back (events._stored): the stored reports of a family in the
-- exact (precision, date) buckets its batch probes, so its cost follows the batch (issue 14:
-- 4.3 s per batch at a million mentions with the (family, date) index, which read every
-- precision over two months of dates).
CREATE INDEX event_mentions_bucket ON event_mentions(family, precision, date) WHERE is_primary = 1;
DROP INDEX event_mentions_family;
