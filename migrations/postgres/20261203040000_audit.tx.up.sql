-- The audit log (accounts/audit.go): every change with who, when, from
-- where, and the record before and after; chained per scope (a
-- cooperative, or the platform) as the journal is per book. audit_chains
-- holds each scope's last number: the row every event of the scope takes,
-- in commit order. Events are append-only.

CREATE TABLE audit_chains (
    scope         TEXT PRIMARY KEY,
    last_sequence BIGINT NOT NULL CHECK (last_sequence > 0)
);

--bun:split

CREATE TABLE audit_events (
    id           UUID PRIMARY KEY,
    scope        TEXT NOT NULL REFERENCES audit_chains (scope),
    sequence     BIGINT NOT NULL CHECK (sequence > 0),
    at           TIMESTAMPTZ NOT NULL,
    actor_id     TEXT NOT NULL,
    address      TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    before       TEXT,
    after        TEXT,
    chain_hash   TEXT NOT NULL CHECK (chain_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT audit_events_sequence_key UNIQUE (scope, sequence)
);

--bun:split

CREATE INDEX audit_events_subject_idx ON audit_events (scope, subject_id);

--bun:split

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

--bun:split

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
