-- The double-entry core: books, ledger accounts (with their running balance),
-- journal entries and postings. Entries and postings are append-only.

CREATE TABLE books (
    id            UUID PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    currency      CHAR(3) NOT NULL,
    last_sequence BIGINT NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    created_at    TIMESTAMPTZ NOT NULL
);

--bun:split

CREATE TABLE ledger_accounts (
    id            UUID PRIMARY KEY,
    book_id       UUID NOT NULL REFERENCES books (id),
    code          TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type          TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    currency      CHAR(3) NOT NULL,
    owner_kind    TEXT,
    owner_id      TEXT,
    floor_minor   BIGINT,
    balance_minor BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT ledger_accounts_code_key UNIQUE (book_id, code),
    CONSTRAINT ledger_accounts_owner_check CHECK ((owner_kind IS NULL) = (owner_id IS NULL)),
    CONSTRAINT ledger_accounts_floor_check CHECK (floor_minor IS NULL OR balance_minor >= floor_minor)
);

--bun:split

CREATE INDEX ledger_accounts_owner_idx ON ledger_accounts (owner_kind, owner_id);

--bun:split

CREATE TABLE entries (
    id              UUID PRIMARY KEY,
    book_id         UUID NOT NULL REFERENCES books (id),
    sequence        BIGINT NOT NULL CHECK (sequence > 0),
    kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    memo            TEXT NOT NULL,
    metadata        TEXT NOT NULL,
    effective_date  DATE NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    recorded_by     TEXT NOT NULL,
    idempotency_key TEXT,
    request_hash    TEXT NOT NULL,
    reverses_id     UUID REFERENCES entries (id),
    CONSTRAINT entries_sequence_key UNIQUE (book_id, sequence),
    CONSTRAINT entries_idempotency_key UNIQUE (book_id, idempotency_key),
    CONSTRAINT entries_reverses_key UNIQUE (reverses_id)
);

--bun:split

CREATE TABLE postings (
    entry_id       UUID NOT NULL REFERENCES entries (id),
    line           INTEGER NOT NULL CHECK (line >= 0),
    book_id        UUID NOT NULL REFERENCES books (id),
    account_id     UUID NOT NULL REFERENCES ledger_accounts (id),
    side           TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
    amount_minor   BIGINT NOT NULL CHECK (amount_minor > 0),
    currency       CHAR(3) NOT NULL,
    sequence       BIGINT NOT NULL,
    effective_date DATE NOT NULL,
    PRIMARY KEY (entry_id, line)
);

--bun:split

CREATE INDEX postings_account_sequence_idx ON postings (account_id, sequence);

--bun:split

CREATE INDEX postings_account_date_idx ON postings (account_id, effective_date);

--bun:split

-- SQLSTATE LB001 is Lumbung's own code for "the journal is append-only", so
-- storage recognises the refusal by code, never by message text.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: the journal is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'LB001';
END;
$$;

--bun:split

CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

--bun:split

CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

--bun:split

CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

--bun:split

CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
