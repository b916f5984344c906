ALTER TABLE loans DROP COLUMN product_id;

--bun:split

DROP TABLE loan_products;
