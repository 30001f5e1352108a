-- Corrections (issue 14): what an analyst changed, kept apart from the machine's output so that
-- re-ingesting or re-resolving never loses them. A correction is keyed by text, not by row ids
-- (mention ids change when an edited article is stored again): the article, the sentence's hash,
-- the name as written and its occurrence in that sentence; or the name in an article, an outlet
-- or the whole corpus. mapapp.store.corrections applies the corrections in force to the mention
-- rows whenever an article is written, and keeps the machine's values beside them to undo.
CREATE TABLE corrections (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
    action        TEXT NOT NULL,     -- 'move' | 'not_place' | 'published'
    scope         TEXT NOT NULL,     -- 'mention' | 'article' | 'source' | 'corpus' ('article' for 'published')
    article_id    TEXT,              -- scopes 'mention' and 'article'
    source        TEXT,              -- scope 'source' (the outlet)
    name          TEXT,              -- the name as written ('move', 'not_place')
    sentence_hash TEXT,              -- scope 'mention': sha256 of the sentence, 16 hex digits
    occurrence    INTEGER,           -- scope 'mention': 0 for the first mention of name in that sentence
    place_id      TEXT,              -- 'move': the place it goes to
    place_json    TEXT,              -- 'move': that place's row (written to places when applied)
    value         TEXT,              -- 'published': the date, YYYY-MM-DD
    note          TEXT,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL,     -- ISO 8601 UTC
    undone_by     TEXT,
    undone_at     TEXT               -- NULL while in force
);
CREATE INDEX corrections_article ON corrections(article_id);
CREATE INDEX corrections_name ON corrections(name);

-- The correction in force on a mention (NULL: the machine's output) and, once corrected, the
-- machine's values as JSON {place_id, score, event_date, date_precision} (to undo).
ALTER TABLE mentions ADD COLUMN correction_id INTEGER;
ALTER TABLE mentions ADD COLUMN machine TEXT;
CREATE INDEX mentions_corrected ON mentions(correction_id) WHERE correction_id IS NOT NULL;
-- The same for an article's publication date (machine_published: JSON [published, published_how]).
ALTER TABLE articles ADD COLUMN published_correction_id INTEGER;
ALTER TABLE articles ADD COLUMN machine_published TEXT;
-- Snapshots freeze the "corrected by ... on ..." mark with their rows (store.QUERY_COLUMNS).
ALTER TABLE snapshot_mentions ADD COLUMN corrected TEXT;
