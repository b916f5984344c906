DROP TABLE shu_shares;

--bun:split

DROP TABLE year_ends;

--bun:split

DROP INDEX entries_year_close_idx;

--bun:split

DROP TRIGGER postings_closed_period ON postings;

--bun:split

DROP FUNCTION ledger_refuse_closed_period();

--bun:split

ALTER TABLE books DROP COLUMN closed_through;
