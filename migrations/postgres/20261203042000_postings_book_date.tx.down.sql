DROP INDEX postings_book_date_idx;
