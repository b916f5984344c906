DELETE FROM grants WHERE role = 'supervisor';

--bun:split

ALTER TABLE grants DROP CONSTRAINT grants_role_check;

--bun:split

ALTER TABLE grants DROP CONSTRAINT grants_scope_check;

--bun:split

ALTER TABLE grants ADD CONSTRAINT grants_role_check CHECK (role IN ('admin', 'treasurer', 'member', 'partner'));

--bun:split

ALTER TABLE grants ADD CONSTRAINT grants_scope_check CHECK (
    (role = 'admin' AND cooperative_id IS NULL AND member_id IS NULL AND partner_id IS NULL) OR
    (role = 'treasurer' AND cooperative_id IS NOT NULL AND member_id IS NULL AND partner_id IS NULL) OR
    (role = 'member' AND cooperative_id IS NOT NULL AND member_id IS NOT NULL AND partner_id IS NULL) OR
    (role = 'partner' AND cooperative_id IS NULL AND member_id IS NULL AND partner_id IS NOT NULL)
);
