-- The cooperative world on top of the ledger: cooperatives (each owns a
-- book), groups, members, partners and their capital facilities, users,
-- role grants and refresh-token sessions.

CREATE TABLE cooperatives (
    id                 UUID PRIMARY KEY,
    book_id            UUID NOT NULL UNIQUE REFERENCES books (id),
    name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    last_member_number INTEGER NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ NOT NULL
);

--bun:split

CREATE TABLE groups (
    id             UUID PRIMARY KEY,
    cooperative_id UUID NOT NULL REFERENCES cooperatives (id),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    meeting_day    TEXT CHECK (meeting_day IN ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')),
    created_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT groups_name_key UNIQUE (cooperative_id, name)
);

--bun:split

CREATE TABLE members (
    id             UUID PRIMARY KEY,
    cooperative_id UUID NOT NULL REFERENCES cooperatives (id),
    group_id       UUID NOT NULL REFERENCES groups (id),
    number         INTEGER NOT NULL CHECK (number > 0),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    gender         TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
    joined_on      DATE NOT NULL,
    business_type  TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT members_number_key UNIQUE (cooperative_id, number)
);

--bun:split

CREATE INDEX members_group_idx ON members (group_id);

--bun:split

CREATE TABLE partners (
    id         UUID PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    model      TEXT NOT NULL CHECK (model IN ('government', 'private', 'nonprofit', 'multi_stakeholder')),
    created_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT partners_name_key UNIQUE (name)
);

--bun:split

CREATE TABLE facilities (
    id              UUID PRIMARY KEY,
    partner_id      UUID NOT NULL REFERENCES partners (id),
    cooperative_id  UUID NOT NULL REFERENCES cooperatives (id),
    kind            TEXT NOT NULL CHECK (kind IN ('grant', 'loan', 'equity')),
    committed_minor BIGINT NOT NULL CHECK (committed_minor > 0),
    currency        CHAR(3) NOT NULL,
    purpose         TEXT NOT NULL DEFAULT '',
    starts_on       DATE NOT NULL,
    ends_on         DATE,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT facilities_dates_check CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

--bun:split

CREATE INDEX facilities_partner_idx ON facilities (partner_id);

--bun:split

CREATE INDEX facilities_cooperative_idx ON facilities (cooperative_id);

--bun:split

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    login         TEXT NOT NULL CHECK (length(login) BETWEEN 3 AND 200),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT users_login_key UNIQUE (login)
);

--bun:split

CREATE TABLE grants (
    id             UUID PRIMARY KEY,
    user_id        UUID NOT NULL REFERENCES users (id),
    role           TEXT NOT NULL CHECK (role IN ('admin', 'treasurer', 'member', 'partner')),
    cooperative_id UUID REFERENCES cooperatives (id),
    member_id      UUID REFERENCES members (id),
    partner_id     UUID REFERENCES partners (id),
    created_at     TIMESTAMPTZ NOT NULL,
    -- Each role carries exactly the scope it needs, and no other.
    CONSTRAINT grants_scope_check CHECK (
        (role = 'admin' AND cooperative_id IS NULL AND member_id IS NULL AND partner_id IS NULL) OR
        (role = 'treasurer' AND cooperative_id IS NOT NULL AND member_id IS NULL AND partner_id IS NULL) OR
        (role = 'member' AND cooperative_id IS NOT NULL AND member_id IS NOT NULL AND partner_id IS NULL) OR
        (role = 'partner' AND cooperative_id IS NULL AND member_id IS NULL AND partner_id IS NOT NULL)
    )
);

--bun:split

CREATE UNIQUE INDEX grants_unique_idx ON grants (user_id, role, COALESCE(cooperative_id::text, ''), COALESCE(member_id::text, ''), COALESCE(partner_id::text, ''));

--bun:split

CREATE TABLE sessions (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id),
    family_id   UUID NOT NULL,
    token_hash  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    rotated_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);

--bun:split

CREATE INDEX sessions_family_idx ON sessions (family_id);
