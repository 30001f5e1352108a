-- Issue 15: what events grouping compares of a mention's sentence (events.sentence_features),
-- computed by the ingest workers with the mentions, so a regroup of every event reads them
-- instead of tokenising every sentence again in one process. Set on the first mention of a
-- sentence that events can group (a mapped place, not a demonym); NULL elsewhere and on the
-- mentions stored before this migration: the grouping then computes them from the sentence.
ALTER TABLE mentions ADD COLUMN ev_terms TEXT;  -- content-word stems, sorted, space-separated
ALTER TABLE mentions ADD COLUMN ev_kind TEXT;   -- clash | protest | meeting | statement | other
