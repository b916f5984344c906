ALTER TABLE groups DROP COLUMN joint_liability_since;
