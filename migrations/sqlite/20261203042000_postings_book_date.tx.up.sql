-- A past day's balances of a whole book are its stored balances less what
-- was posted after the day: this index lets that be one range read of the
-- book's later postings (ledger.AccountsOn) rather than a probe per account.

CREATE INDEX postings_book_date_idx ON postings (book_id, effective_date);
