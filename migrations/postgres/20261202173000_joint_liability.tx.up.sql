-- A group that borrows under joint liability (tanggung renteng) since a
-- day: from then its members may cover each other's loans at meetings,
-- individual loans as well as the group's own.

ALTER TABLE groups ADD COLUMN joint_liability_since DATE;
