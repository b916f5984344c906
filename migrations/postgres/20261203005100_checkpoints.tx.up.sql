-- Signed checkpoints (ledger/checkpoint.go): a statement of a book at one
-- entry (its sequence number, chain head and trial balance), signed with
-- the server's Ed25519 key. One per book per month end; any number taken
-- on demand. Append-only, like the journal they vouch for.

CREATE TABLE checkpoints (
    id           UUID PRIMARY KEY,
    book_id      UUID NOT NULL REFERENCES books (id),
    sequence     BIGINT NOT NULL CHECK (sequence >= 0),
    chain_head   TEXT NOT NULL CHECK (chain_head = '' OR chain_head ~ '^[0-9a-f]{64}$'),
    month_end_on DATE,
    taken_at     TIMESTAMPTZ NOT NULL,
    statement    TEXT NOT NULL,
    signature    TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    CONSTRAINT checkpoints_month_end_key UNIQUE (book_id, month_end_on)
);

--bun:split

CREATE INDEX checkpoints_book_idx ON checkpoints (book_id, sequence);

--bun:split

CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

--bun:split

CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
