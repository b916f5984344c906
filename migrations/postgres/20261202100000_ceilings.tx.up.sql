-- Ceilings: the "never beyond" rules held by the schema, as floors are.
--
-- An account may carry a ceiling its balance never passes (on its normal
-- side): a member's simpanan pokok never beyond the cooperative's amount.
-- A facility counts what its partner has sent, never beyond what the
-- partner committed.

ALTER TABLE ledger_accounts ADD COLUMN ceiling_minor BIGINT;

--bun:split

ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_ceiling_check
    CHECK (ceiling_minor IS NULL OR balance_minor <= ceiling_minor);

--bun:split

-- Pokok accounts take the cooperative's amount. A member who paid more
-- under an earlier, higher amount keeps her balance as her ceiling, so that
-- the migration never fails on history; lumbung verify reports her
-- (pokok_ceiling) until the difference is refunded.
UPDATE ledger_accounts a
   SET ceiling_minor = GREATEST(c.pokok_minor, a.balance_minor)
  FROM cooperatives c
 WHERE c.book_id = a.book_id AND c.pokok_minor > 0
   AND a.owner_kind = 'member' AND a.code LIKE '3100.%';

--bun:split

ALTER TABLE facilities ADD COLUMN received_minor BIGINT NOT NULL DEFAULT 0;

--bun:split

-- What the tranches credited to each facility's account (a reversed
-- tranche stays counted, as its reversal is a debit).
UPDATE facilities f
   SET received_minor = COALESCE((
       SELECT SUM(p.amount_minor)
         FROM cooperatives c
         JOIN ledger_accounts a ON a.book_id = c.book_id AND a.code = f.account_code
         JOIN postings p ON p.account_id = a.id AND p.side = 'credit'
         JOIN entries e ON e.id = p.entry_id AND e.kind = 'capital.tranche'
        WHERE c.id = f.cooperative_id), 0);

--bun:split

-- NOT VALID: a facility that received beyond its commitment before this
-- check existed stays readable (and is reported by lumbung verify); every
-- later change to it is held to the commitment.
ALTER TABLE facilities ADD CONSTRAINT facilities_received_check
    CHECK (received_minor >= 0 AND received_minor <= committed_minor) NOT VALID;
