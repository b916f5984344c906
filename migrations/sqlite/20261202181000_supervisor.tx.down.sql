CREATE TABLE grants_next (
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

INSERT INTO grants_next SELECT id, user_id, role, cooperative_id, member_id, partner_id, created_at FROM grants WHERE role <> 'supervisor';

--bun:split

DROP TABLE grants;

--bun:split

ALTER TABLE grants_next RENAME TO grants;

--bun:split

CREATE UNIQUE INDEX grants_unique_idx ON grants (user_id, role, COALESCE(cooperative_id, ''), COALESCE(member_id, ''), COALESCE(partner_id, ''));
