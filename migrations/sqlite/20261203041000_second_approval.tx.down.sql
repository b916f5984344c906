DROP TABLE approvals;

--bun:split

ALTER TABLE cooperatives DROP COLUMN second_approval;
