-- Big record files (.jsonl, .csv, .json arrays) are ingested in chunks (mapapp.reading.chunks):
-- byte ranges of whole records, cut where the content says, parsed by any worker. A chunk is
-- written here in the same transaction as its articles, so a killed ingest restarts at the
-- chunks it had not finished, and an edited file re-reads only the chunks whose bytes changed.
CREATE TABLE file_chunks (
    id         INTEGER PRIMARY KEY,
    path       TEXT NOT NULL,
    first      INTEGER NOT NULL,   -- line (JSON lines, CSV) or record index (JSON array) it starts at
    sha        TEXT NOT NULL,      -- SHA-256 of its bytes
    n_records  INTEGER NOT NULL,   -- records read in it (stored or skipped)
    n_articles INTEGER NOT NULL,   -- articles stored from it
    skipped    TEXT NOT NULL DEFAULT '',  -- its skipped records, one line each ("path: line N: reason")
    UNIQUE (path, first, sha)
);

-- The chunk an article came from (NULL: from a file read whole): what an edited file's stale
-- records are found by, and duplicate ids across chunks.
ALTER TABLE articles ADD COLUMN chunk INTEGER;
CREATE INDEX articles_chunk ON articles(chunk) WHERE chunk IS NOT NULL;
