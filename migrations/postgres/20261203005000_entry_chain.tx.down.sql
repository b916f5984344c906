DROP TRIGGER entries_chained ON entries;

--bun:split

DROP FUNCTION entries_require_chain();

--bun:split

DROP TRIGGER entries_append_only ON entries;

--bun:split

CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

--bun:split

DROP FUNCTION entries_refuse_change();

--bun:split

ALTER TABLE entries DROP COLUMN chain_hash;
