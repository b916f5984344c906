-- Year end: a book's journal closes through a day, after which nothing
-- dated on or before it can be posted; the year-end record of each
-- cooperative (its surplus, the by-laws' percentages, the pools) and each
-- member's SHU share, from which her slip is printed.

ALTER TABLE books ADD COLUMN closed_through DATE;

--bun:split

-- SQLSTATE LB002 is Lumbung's own code for "the period is closed", so that
-- storage recognises the refusal by code, never by message text. The
-- check is one primary-key read of a book row the posting transaction has
-- just updated (its sequence), inside the server: no round trip.
CREATE FUNCTION ledger_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    closed DATE;
BEGIN
    SELECT closed_through INTO closed FROM books WHERE id = NEW.book_id;
    IF closed IS NOT NULL AND NEW.effective_date <= closed THEN
        RAISE EXCEPTION 'a posting dated % refused: the books are closed through %', NEW.effective_date, closed
            USING ERRCODE = 'LB002';
    END IF;
    RETURN NEW;
END;
$$;

--bun:split

CREATE TRIGGER postings_closed_period BEFORE INSERT ON postings
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period();

--bun:split

-- Closing entries are few (a handful a year per book); this index finds
-- them without reading the book's other entries.
CREATE INDEX entries_year_close_idx ON entries (book_id, effective_date) WHERE kind = 'year.close';

--bun:split

CREATE TABLE year_ends (
    cooperative_id            UUID NOT NULL REFERENCES cooperatives (id),
    year                      INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    surplus_minor             BIGINT NOT NULL,
    reserve_minor             BIGINT NOT NULL CHECK (reserve_minor >= 0),
    capital_minor             BIGINT NOT NULL CHECK (capital_minor >= 0),
    participation_minor       BIGINT NOT NULL CHECK (participation_minor >= 0),
    funds_minor               BIGINT NOT NULL CHECK (funds_minor >= 0),
    capital_basis_minor       BIGINT NOT NULL CHECK (capital_basis_minor >= 0),
    participation_basis_minor BIGINT NOT NULL CHECK (participation_basis_minor >= 0),
    shares                    TEXT NOT NULL,
    closing_entry_id          UUID REFERENCES entries (id),
    distribution_entry_id     UUID REFERENCES entries (id),
    idempotency_key           TEXT,
    request_hash              TEXT NOT NULL,
    closed_by                 TEXT NOT NULL,
    closed_at                 TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cooperative_id, year),
    CONSTRAINT year_ends_distributed_check CHECK (
        (surplus_minor > 0 AND reserve_minor + capital_minor + participation_minor + funds_minor = surplus_minor
            AND distribution_entry_id IS NOT NULL)
        OR (surplus_minor <= 0 AND reserve_minor = 0 AND capital_minor = 0 AND participation_minor = 0
            AND funds_minor = 0 AND distribution_entry_id IS NULL))
);

--bun:split

CREATE TABLE shu_shares (
    cooperative_id            UUID NOT NULL,
    year                      INTEGER NOT NULL,
    member_id                 UUID NOT NULL REFERENCES members (id),
    capital_basis_minor       BIGINT NOT NULL CHECK (capital_basis_minor >= 0),
    participation_basis_minor BIGINT NOT NULL CHECK (participation_basis_minor >= 0),
    capital_minor             BIGINT NOT NULL CHECK (capital_minor >= 0),
    participation_minor       BIGINT NOT NULL CHECK (participation_minor >= 0),
    entry_id                  UUID REFERENCES entries (id),
    PRIMARY KEY (cooperative_id, year, member_id),
    FOREIGN KEY (cooperative_id, year) REFERENCES year_ends (cooperative_id, year),
    CONSTRAINT shu_shares_entry_check CHECK ((capital_minor + participation_minor > 0) = (entry_id IS NOT NULL))
);

--bun:split

CREATE INDEX shu_shares_member_idx ON shu_shares (member_id, year);
