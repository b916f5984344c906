ALTER TABLE cooperatives DROP COLUMN language;
