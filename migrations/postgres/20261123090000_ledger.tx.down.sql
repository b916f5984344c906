DROP TABLE postings;

--bun:split

DROP TABLE entries;

--bun:split

DROP FUNCTION ledger_refuse_change();

--bun:split

DROP TABLE ledger_accounts;

--bun:split

DROP TABLE books;
