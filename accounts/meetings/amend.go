package meetings

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// AmendCollection replaces the recorded sheet of a group's meeting with a
// corrected one, in one transaction: every entry the first sheet posted is
// reversed on the meeting's day, its attendance, payments and covers are
// replaced by the new sheet's, and the meeting records who amended it and
// when. Amending with the sheet already in force changes nothing and
// answers it as a replay.
// Errors: as RecordCollection; KindNotFound (meeting.not_found) for a day
// with no meeting; KindInvalid (meeting.invalid) for a sheet dated another
// day; KindConflict when the period is closed (period.closed), or a loan the
// meeting paid has since been closed or written off (meeting.loan_settled).
func (s *Service) AmendCollection(ctx context.Context, a accounts.Actor, cooperativeID, groupID string, on ledger.Date, in SheetInput) (m Meeting, err error) {
	defer ledger.Wrap(&err, "AmendCollection(%s, %s, %s)", cooperativeID, groupID, on)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return Meeting{}, err
	}
	if _, err := books.Group(ctx, s.db, groupID); err != nil {
		return Meeting{}, err
	}
	if !in.Date.IsZero() && in.Date != on {
		return Meeting{}, ledger.InvalidField("meeting.invalid", "date", "the day of the meeting amended, %s", on)
	}
	in.Date = on
	if in, err = checkSheet(in, books.Cooperative().Currency); err != nil {
		return Meeting{}, err
	}
	hash := in.hash()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		m, err = s.amendTx(ctx, tx, books, groupID, in, hash)
		return err
	})
	return m, err
}

func (s *Service) amendTx(ctx context.Context, tx bun.Tx, books accounts.Books, groupID string, in SheetInput, hash string) (Meeting, error) {
	row, err := lockMeeting(ctx, tx, groupID, in.Date)
	if err != nil {
		return Meeting{}, err
	}
	if row.RequestHash == hash {
		return Meeting{ID: row.ID, GroupID: groupID, HeldOn: in.Date, Replayed: true}, nil
	}
	var payments []paymentRow
	if err := tx.NewSelect().Model(&payments).Where("meeting_id = ?", row.ID).OrderExpr("entry_id").Scan(ctx); err != nil {
		return Meeting{}, err
	}
	payers := make([]string, len(payments))
	for i, p := range payments {
		payers[i] = p.MemberID
	}
	// Member rows first, as every writer takes them; then the first
	// sheet is undone and the new one posted.
	if err := books.LockMembers(ctx, tx, append(sheetMembers(in.Lines), payers...), accounts.MemberShared); err != nil {
		return Meeting{}, err
	}
	if err := s.undoSheet(ctx, tx, books, row, payments); err != nil {
		return Meeting{}, err
	}
	now, by := s.now().UTC(), books.Actor().UserID
	row.RequestHash, row.AmendedBy, row.AmendedAt = hash, &by, &now
	if _, err := tx.NewUpdate().Model(&row).Column("request_hash", "amended_by", "amended_at").WherePK().Exec(ctx); err != nil {
		return Meeting{}, err
	}
	return s.postSheet(ctx, tx, books, groupID, row.ID, in)
}

// undoSheet reverses the entries a meeting's sheet posted, on the meeting's
// day, and removes its attendance, payments and covers. A loan the sheet
// paid must still be lent: undoing a payment of a loan since closed or
// written off would leave the loan's status saying otherwise than its
// balance.
func (s *Service) undoSheet(ctx context.Context, tx bun.Tx, books accounts.Books, row meetingRow, payments []paymentRow) error {
	for _, p := range payments {
		if p.LoanID == nil {
			continue
		}
		l, err := lending.FindLoanTx(ctx, tx, books, *p.LoanID)
		if err != nil {
			return err
		}
		if l.Status != lending.LoanDisbursed {
			return ledger.Conflict("meeting.loan_settled",
				"loan %d, paid at this meeting, is %s now; correct the meeting with new entries instead", l.Number, l.Status)
		}
	}
	entryIDs := make([]string, len(payments))
	for i, p := range payments {
		entryIDs[i] = p.EntryID
		if _, err := s.ledger.ReverseTx(ctx, tx, books.Cooperative().BookID, p.EntryID, ledger.ReversalInput{
			EffectiveDate: row.HeldOn, RecordedBy: books.Actor().UserID,
			Memo: books.Cooperative().Language.MeetingAmendedMemo(row.HeldOn)}); err != nil {
			return err
		}
	}
	if len(entryIDs) > 0 {
		if err := s.undoCovers(ctx, tx, books, row, entryIDs); err != nil {
			return err
		}
	}
	for _, model := range []any{(*paymentRow)(nil), (*attendanceRow)(nil)} {
		if _, err := tx.NewDelete().Model(model).Where("meeting_id = ?", row.ID).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// undoCovers removes the covers and share payments of a meeting's
// reversed entries, reversing the entries that booked the covers as
// debts. A cover the covered member has since repaid, in part or whole,
// holds the meeting: its rows are read under lock, so a repayment of
// covers running beside the amendment either committed first and is seen
// here, or waits and finds the cover gone.
func (s *Service) undoCovers(ctx context.Context, tx bun.Tx, books accounts.Books, row meetingRow, entryIDs []string) error {
	var covers []coverRow
	q := tx.NewSelect().Model(&covers).Where("entry_id IN (?)", bun.List(entryIDs))
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return err
	}
	for _, c := range covers {
		if c.SettledMinor > 0 {
			return ledger.Conflict("meeting.cover_repaid",
				"a cover paid at this meeting has since been repaid in part or whole; correct the meeting with new entries instead")
		}
		if c.DebtEntryID == nil {
			continue
		}
		if _, err := s.ledger.ReverseTx(ctx, tx, books.Cooperative().BookID, *c.DebtEntryID, ledger.ReversalInput{
			EffectiveDate: row.HeldOn, RecordedBy: books.Actor().UserID,
			Memo: books.Cooperative().Language.MeetingAmendedMemo(row.HeldOn)}); err != nil {
			return err
		}
	}
	for _, model := range []any{(*coverRow)(nil), (*lendingSharePayment)(nil)} {
		if _, err := tx.NewDelete().Model(model).Where("entry_id IN (?)", bun.List(entryIDs)).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// lendingSharePayment names the table of the share payments a sheet's
// repayments recorded (lending writes them), for an amendment to remove
// with their reversed entries.
type lendingSharePayment struct {
	bun.BaseModel `bun:"table:loan_share_payments"`
}

// lockMeeting reads a group's meeting of a day and holds its row until the
// transaction ends, so that two amendments of one meeting take turns. On
// SQLite the immediate transaction already holds the database's write lock.
// Errors: KindNotFound (meeting.not_found).
func lockMeeting(ctx context.Context, tx bun.Tx, groupID string, on ledger.Date) (meetingRow, error) {
	var row meetingRow
	q := tx.NewSelect().Model(&row).Where("group_id = ? AND held_on = ?", groupID, on)
	if tx.Dialect().Name() == dialect.PG {
		q = q.For("UPDATE")
	}
	err := q.Scan(ctx)
	if accounts.NoRows(err) {
		return row, ledger.NotFound("meeting.not_found", "no meeting recorded for the group on %s", on)
	}
	return row, err
}
