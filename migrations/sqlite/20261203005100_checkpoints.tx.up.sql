-- Signed checkpoints (ledger/checkpoint.go): a statement of a book at one
-- entry (its sequence number, chain head and trial balance), signed with
-- the server's Ed25519 key. One per book per month end; any number taken
-- on demand. Append-only, like the journal they vouch for.

CREATE TABLE checkpoints (
    id           TEXT PRIMARY KEY,
    book_id      TEXT NOT NULL REFERENCES books (id),
    sequence     INTEGER NOT NULL CHECK (sequence >= 0),
    chain_head   TEXT NOT NULL CHECK (chain_head = '' OR (length(chain_head) = 64 AND chain_head NOT GLOB '*[^0-9a-f]*')),
    month_end_on TEXT CHECK (month_end_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    taken_at     TEXT NOT NULL,
    statement    TEXT NOT NULL,
    signature    TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    CONSTRAINT checkpoints_month_end_key UNIQUE (book_id, month_end_on)
) STRICT;

--bun:split

CREATE INDEX checkpoints_book_idx ON checkpoints (book_id, sequence);

--bun:split

CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'UPDATE on checkpoints refused: checkpoints are append-only');
END;

--bun:split

CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'DELETE on checkpoints refused: checkpoints are append-only');
END;
