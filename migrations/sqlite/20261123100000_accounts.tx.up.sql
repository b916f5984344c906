-- The cooperative world on top of the ledger: cooperatives (each owns a
-- book), groups, members, partners and their capital facilities, users,
-- role grants and refresh-token sessions. IDs are UUID text, dates ISO text.

CREATE TABLE cooperatives (
    id                 TEXT PRIMARY KEY,
    book_id            TEXT NOT NULL UNIQUE REFERENCES books (id),
    name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    last_member_number INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL
) STRICT;

--bun:split

CREATE TABLE groups (
    id             TEXT PRIMARY KEY,
    cooperative_id TEXT NOT NULL REFERENCES cooperatives (id),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    meeting_day    TEXT CHECK (meeting_day IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
    created_at     TEXT NOT NULL,
    CONSTRAINT groups_name_key UNIQUE (cooperative_id, name)
) STRICT;

--bun:split

CREATE TABLE members (
    id             TEXT PRIMARY KEY,
    cooperative_id TEXT NOT NULL REFERENCES cooperatives (id),
    group_id       TEXT NOT NULL REFERENCES groups (id),
    number         INTEGER NOT NULL CHECK (number > 0),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    gender         TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
    joined_on      TEXT NOT NULL,
    business_type  TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    CONSTRAINT members_number_key UNIQUE (cooperative_id, number)
) STRICT;

--bun:split

CREATE INDEX members_group_idx ON members (group_id);

--bun:split

CREATE TABLE partners (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    model      TEXT NOT NULL CHECK (model IN ('government', 'private', 'nonprofit', 'multi_stakeholder')),
    created_at TEXT NOT NULL,
    CONSTRAINT partners_name_key UNIQUE (name)
) STRICT;

--bun:split

CREATE TABLE facilities (
    id              TEXT PRIMARY KEY,
    partner_id      TEXT NOT NULL REFERENCES partners (id),
    cooperative_id  TEXT NOT NULL REFERENCES cooperatives (id),
    kind            TEXT NOT NULL CHECK (kind IN ('grant', 'loan', 'equity')),
    committed_minor INTEGER NOT NULL CHECK (committed_minor > 0),
    currency        TEXT NOT NULL,
    purpose         TEXT NOT NULL DEFAULT '',
    starts_on       TEXT NOT NULL,
    ends_on         TEXT,
    created_at      TEXT NOT NULL,
    CONSTRAINT facilities_dates_check CHECK (ends_on IS NULL OR ends_on >= starts_on)
) STRICT;

--bun:split

CREATE INDEX facilities_partner_idx ON facilities (partner_id);

--bun:split

CREATE INDEX facilities_cooperative_idx ON facilities (cooperative_id);

--bun:split

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL CHECK (length(login) BETWEEN 3 AND 200),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    CONSTRAINT users_login_key UNIQUE (login)
) STRICT;

--bun:split

CREATE TABLE grants (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id),
    role           TEXT NOT NULL CHECK (role IN ('admin', 'treasurer', 'member', 'partner')),
    cooperative_id TEXT REFERENCES cooperatives (id),
    member_id      TEXT REFERENCES members (id),
    partner_id     TEXT REFERENCES partners (id),
    created_at     TEXT NOT NULL,
    -- Each role carries exactly the scope it needs, and no other.
    CONSTRAINT grants_scope_check CHECK (
        (role = 'admin' AND cooperative_id IS NULL AND member_id IS NULL AND partner_id IS NULL) OR
        (role = 'treasurer' AND cooperative_id IS NOT NULL AND member_id IS NULL AND partner_id IS NULL) OR
        (role = 'member' AND cooperative_id IS NOT NULL AND member_id IS NOT NULL AND partner_id IS NULL) OR
        (role = 'partner' AND cooperative_id IS NULL AND member_id IS NULL AND partner_id IS NOT NULL)
    )
) STRICT;

--bun:split

CREATE UNIQUE INDEX grants_unique_idx ON grants (user_id, role, COALESCE(cooperative_id, ''), COALESCE(member_id, ''), COALESCE(partner_id, ''));

--bun:split

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    family_id   TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    rotated_at  TEXT,
    revoked_at  TEXT,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
) STRICT;

--bun:split

CREATE INDEX sessions_family_idx ON sessions (family_id);
