ALTER TABLE year_ends DROP COLUMN decided_on;
