DROP TRIGGER loans_product_exists;

--bun:split

ALTER TABLE loans DROP COLUMN product_id;

--bun:split

DROP TABLE loan_products;
