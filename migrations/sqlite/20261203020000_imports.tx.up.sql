-- What a treasurer's spreadsheets brought into a cooperative's books: one
-- row per file imported, keyed by its kind and the hash of its content, so
-- that the same file sent twice answers what the first import did and
-- changes nothing. The counts are what that first import answered.

CREATE TABLE imports (
    id             TEXT PRIMARY KEY,
    cooperative_id TEXT NOT NULL REFERENCES cooperatives (id),
    kind           TEXT NOT NULL CHECK (kind IN ('members', 'opening-balances', 'loans')),
    content_hash   TEXT NOT NULL CHECK (length(content_hash) = 64),
    rows_count     INTEGER NOT NULL CHECK (rows_count > 0),
    created_count  INTEGER NOT NULL CHECK (created_count >= 0),
    entries_count  INTEGER NOT NULL CHECK (entries_count >= 0),
    imported_by    TEXT NOT NULL, -- a user ID, or "operator" for the command line
    imported_at    TEXT NOT NULL,
    CONSTRAINT imports_content_key UNIQUE (cooperative_id, kind, content_hash)
) STRICT;
