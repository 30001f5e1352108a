-- Indexes a bulk ingest dropped, with the SQL that recreates them (Store.defer_indexes). Rows
-- here mean "rebuild me": the ingest does at its end, or the next writer to open the store
-- when that ingest died (Store.restore_indexes).
CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
);
