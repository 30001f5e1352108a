-- Full-text search over article titles and texts (FTS5, external content: no second copy of
-- the text). When this SQLite lacks FTS5 the store records this migration as skipped and
-- falls back to a substring scan.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.n, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.n, new.title, new.text);
END;
-- Articles stored before this migration (none in practice: 001 and 002 run together).
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
