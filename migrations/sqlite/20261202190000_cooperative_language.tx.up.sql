-- The language a cooperative speaks to its people: its documents and
-- problem details, unless a request names another, and the memos Lumbung
-- writes in its books. Bahasa Indonesia until its treasurer says otherwise.

ALTER TABLE cooperatives ADD COLUMN language TEXT NOT NULL DEFAULT 'id'
    CONSTRAINT cooperatives_language_check CHECK (language IN ('id', 'en'));
