-- The audit log (accounts/audit.go): every change with who, when, from
-- where, and the record before and after; chained per scope (a
-- cooperative, or the platform) as the journal is per book. audit_chains
-- holds each scope's last number: the row every event of the scope takes,
-- in commit order. Events are append-only.

CREATE TABLE audit_chains (
    scope         TEXT PRIMARY KEY,
    last_sequence INTEGER NOT NULL CHECK (last_sequence > 0)
) STRICT;

--bun:split

CREATE TABLE audit_events (
    id           TEXT PRIMARY KEY,
    scope        TEXT NOT NULL REFERENCES audit_chains (scope),
    sequence     INTEGER NOT NULL CHECK (sequence > 0),
    at           TEXT NOT NULL,
    actor_id     TEXT NOT NULL,
    address      TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    before       TEXT,
    after        TEXT,
    chain_hash   TEXT NOT NULL CHECK (length(chain_hash) = 64 AND chain_hash NOT GLOB '*[^0-9a-f]*'),
    CONSTRAINT audit_events_sequence_key UNIQUE (scope, sequence)
) STRICT;

--bun:split

CREATE INDEX audit_events_subject_idx ON audit_events (scope, subject_id);

--bun:split

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'UPDATE on audit_events refused: the audit log is append-only');
END;

--bun:split

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'DELETE on audit_events refused: the audit log is append-only');
END;
