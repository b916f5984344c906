-- The double-entry core: books, ledger accounts (with their running balance),
-- journal entries and postings. Entries and postings are append-only.
-- IDs are UUID text; dates are ISO 8601 text, which sorts as dates do.

CREATE TABLE books (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    last_sequence INTEGER NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
    created_at    TEXT NOT NULL
) STRICT;

--bun:split

CREATE TABLE ledger_accounts (
    id            TEXT PRIMARY KEY,
    book_id       TEXT NOT NULL REFERENCES books (id),
    code          TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type          TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    owner_kind    TEXT,
    owner_id      TEXT,
    floor_minor   INTEGER,
    balance_minor INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    CONSTRAINT ledger_accounts_code_key UNIQUE (book_id, code),
    CONSTRAINT ledger_accounts_owner_check CHECK ((owner_kind IS NULL) = (owner_id IS NULL)),
    CONSTRAINT ledger_accounts_floor_check CHECK (floor_minor IS NULL OR balance_minor >= floor_minor)
) STRICT;

--bun:split

CREATE INDEX ledger_accounts_owner_idx ON ledger_accounts (owner_kind, owner_id);

--bun:split

CREATE TABLE entries (
    id              TEXT PRIMARY KEY,
    book_id         TEXT NOT NULL REFERENCES books (id),
    sequence        INTEGER NOT NULL CHECK (sequence > 0),
    kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    memo            TEXT NOT NULL,
    metadata        TEXT NOT NULL,
    effective_date  TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    idempotency_key TEXT,
    request_hash    TEXT NOT NULL,
    reverses_id     TEXT REFERENCES entries (id),
    CONSTRAINT entries_sequence_key UNIQUE (book_id, sequence),
    CONSTRAINT entries_idempotency_key UNIQUE (book_id, idempotency_key),
    CONSTRAINT entries_reverses_key UNIQUE (reverses_id)
) STRICT;

--bun:split

CREATE TABLE postings (
    entry_id       TEXT NOT NULL REFERENCES entries (id),
    line           INTEGER NOT NULL CHECK (line >= 0),
    book_id        TEXT NOT NULL REFERENCES books (id),
    account_id     TEXT NOT NULL REFERENCES ledger_accounts (id),
    side           TEXT NOT NULL CHECK (side IN ('debit', 'credit')),
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    sequence       INTEGER NOT NULL,
    effective_date TEXT NOT NULL,
    PRIMARY KEY (entry_id, line)
) STRICT;

--bun:split

CREATE INDEX postings_account_sequence_idx ON postings (account_id, sequence);

--bun:split

CREATE INDEX postings_account_date_idx ON postings (account_id, effective_date);

--bun:split

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
    SELECT RAISE(ABORT, 'UPDATE on entries refused: the journal is append-only');
END;

--bun:split

CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN
    SELECT RAISE(ABORT, 'DELETE on entries refused: the journal is append-only');
END;

--bun:split

CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
BEGIN
    SELECT RAISE(ABORT, 'UPDATE on postings refused: the journal is append-only');
END;

--bun:split

CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
BEGIN
    SELECT RAISE(ABORT, 'DELETE on postings refused: the journal is append-only');
END;
