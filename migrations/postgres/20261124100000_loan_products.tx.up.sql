-- Loan products: the terms a cooperative lends on, named once ("Pinjaman
-- Usaha Mingguan") and applied to each loan made under them, with the
-- principal a product allows. A loan made under a product names it.

CREATE TABLE loan_products (
    id                         UUID PRIMARY KEY,
    cooperative_id             UUID NOT NULL REFERENCES cooperatives (id),
    name                       TEXT NOT NULL CHECK (length(name) > 0),
    annual_rate                TEXT NOT NULL,
    method                     TEXT NOT NULL CHECK (method IN ('flat', 'declining', 'equal_principal')),
    frequency                  TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly')),
    installments               INTEGER NOT NULL CHECK (installments > 0),
    grace_periods              INTEGER NOT NULL CHECK (grace_periods >= 0 AND grace_periods < installments),
    installment_multiple_minor BIGINT NOT NULL CHECK (installment_multiple_minor >= 0),
    fee_percent                TEXT NOT NULL,
    penalty_minor              BIGINT NOT NULL CHECK (penalty_minor >= 0),
    principal_min_minor        BIGINT NOT NULL CHECK (principal_min_minor > 0),
    principal_max_minor        BIGINT NOT NULL,
    retired_at                 TIMESTAMPTZ,
    created_at                 TIMESTAMPTZ NOT NULL,
    CONSTRAINT loan_products_name_key UNIQUE (cooperative_id, name),
    CONSTRAINT loan_products_principal_check CHECK (principal_max_minor >= principal_min_minor)
);

--bun:split

ALTER TABLE loans ADD COLUMN product_id UUID REFERENCES loan_products (id);
