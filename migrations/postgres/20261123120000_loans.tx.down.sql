ALTER TABLE cooperatives DROP COLUMN last_loan_number;

--bun:split

DROP TABLE loan_penalties;

--bun:split

DROP TABLE loan_installments;

--bun:split

DROP TABLE loans;
