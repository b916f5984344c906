DROP TABLE postings;

--bun:split

DROP TABLE entries;

--bun:split

DROP TABLE ledger_accounts;

--bun:split

DROP TABLE books;
