-- Loan products: the terms a cooperative lends on, named once ("Pinjaman
-- Usaha Mingguan") and applied to each loan made under them, with the
-- principal a product allows. A loan made under a product names it.

CREATE TABLE loan_products (
    id                         TEXT PRIMARY KEY,
    cooperative_id             TEXT NOT NULL REFERENCES cooperatives (id),
    name                       TEXT NOT NULL CHECK (length(name) > 0),
    annual_rate                TEXT NOT NULL,
    method                     TEXT NOT NULL CHECK (method IN ('flat', 'declining', 'equal_principal')),
    frequency                  TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly')),
    installments               INTEGER NOT NULL CHECK (installments > 0),
    grace_periods              INTEGER NOT NULL CHECK (grace_periods >= 0 AND grace_periods < installments),
    installment_multiple_minor INTEGER NOT NULL CHECK (installment_multiple_minor >= 0),
    fee_percent                TEXT NOT NULL,
    penalty_minor              INTEGER NOT NULL CHECK (penalty_minor >= 0),
    principal_min_minor        INTEGER NOT NULL CHECK (principal_min_minor > 0),
    principal_max_minor        INTEGER NOT NULL,
    retired_at                 TEXT,
    created_at                 TEXT NOT NULL,
    CONSTRAINT loan_products_name_key UNIQUE (cooperative_id, name),
    CONSTRAINT loan_products_principal_check CHECK (principal_max_minor >= principal_min_minor)
) STRICT;

--bun:split

-- SQLite cannot drop a column that holds a foreign key, so the reference
-- is kept by a trigger the down migration can drop first.
ALTER TABLE loans ADD COLUMN product_id TEXT;

--bun:split

CREATE TRIGGER loans_product_exists BEFORE INSERT ON loans
WHEN NEW.product_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM loan_products WHERE id = NEW.product_id AND cooperative_id = NEW.cooperative_id)
BEGIN
    SELECT RAISE(ABORT, 'INSERT on loans refused: no such loan product of the cooperative');
END;
