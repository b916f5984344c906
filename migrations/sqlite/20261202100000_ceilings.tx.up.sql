-- Ceilings: the "never beyond" rules held by the schema, as floors are.
--
-- An account may carry a ceiling its balance never passes (on its normal
-- side): a member's simpanan pokok never beyond the cooperative's amount.
-- A facility counts what its partner has sent, never beyond what the
-- partner committed.

ALTER TABLE ledger_accounts ADD COLUMN ceiling_minor INTEGER
    CHECK (ceiling_minor IS NULL OR balance_minor <= ceiling_minor);

--bun:split

-- Pokok accounts take the cooperative's amount. A member who paid more
-- under an earlier, higher amount keeps her balance as her ceiling, so that
-- the migration never fails on history; lumbung verify reports her
-- (pokok_ceiling) until the difference is refunded.
UPDATE ledger_accounts
   SET ceiling_minor = (SELECT MAX(c.pokok_minor, ledger_accounts.balance_minor)
                          FROM cooperatives c WHERE c.book_id = ledger_accounts.book_id)
 WHERE owner_kind = 'member' AND code LIKE '3100.%'
   AND EXISTS (SELECT 1 FROM cooperatives c WHERE c.book_id = ledger_accounts.book_id AND c.pokok_minor > 0);

--bun:split

ALTER TABLE facilities ADD COLUMN received_minor INTEGER NOT NULL DEFAULT 0;

--bun:split

-- What the tranches credited to each facility's account (a reversed
-- tranche stays counted, as its reversal is a debit).
UPDATE facilities
   SET received_minor = COALESCE((
       SELECT SUM(p.amount_minor)
         FROM cooperatives c
         JOIN ledger_accounts a ON a.book_id = c.book_id AND a.code = facilities.account_code
         JOIN postings p ON p.account_id = a.id AND p.side = 'credit'
         JOIN entries e ON e.id = p.entry_id AND e.kind = 'capital.tranche'
        WHERE c.id = facilities.cooperative_id), 0);

--bun:split

-- A trigger rather than a CHECK: SQLite cannot add a constraint that spares
-- existing rows, and a facility that received beyond its commitment before
-- this rule existed must stay readable (lumbung verify reports it). Every
-- later change to a facility is held to its commitment.
CREATE TRIGGER facilities_received_ceiling BEFORE UPDATE OF received_minor ON facilities
WHEN NEW.received_minor < 0 OR NEW.received_minor > NEW.committed_minor
BEGIN
    SELECT RAISE(ABORT, 'UPDATE on facilities refused: received beyond the commitment');
END;
