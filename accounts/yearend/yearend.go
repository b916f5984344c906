package yearend

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/ledger"
)

// The year end, in one transaction on the cooperative's book:
//
//  1. closing: every income and expense account's balance at December 31
//     is emptied into SHU (3600), by entries dated December 31. Every
//     earlier year with entries must be closed first, so that balance is
//     the year's own income or expense.
//  2. distribution, when the year made a surplus: SHU (3600) is divided by
//     shu.Distribute to the reserve (3500), the other funds, and each
//     member's share to her sukarela savings (2100.NNNN), where it is hers
//     to withdraw. These entries are dated the day the year is closed: the
//     day the members' decision is carried out. The balance sheet at
//     December 31 shows the year's SHU undivided, as the members' meeting
//     sees it.
//  3. the book is closed through December 31: nothing can be posted into
//     the year any more (ledger.ClosePeriodTx).
//
// A loss is closed into SHU like a surplus and stays there, below zero, as
// the loss carried forward: nothing is distributed, and covering it (from
// the reserve, say) is the members' decision, posted as an entry of its own.
//
// Members who have left the cooperative by the day the year is closed get
// no share: Exit settled and closed their savings, and a share paid into
// them could never be withdrawn. Their capital and interest count for
// nobody; the pools are shared among the members who remain.
//
// A group loan (tanggung renteng) has no single borrower: its interest
// counts toward the jasa anggota of whoever a meeting recorded as paying
// it, her own share or a co-member's she covered (groupLoanInterest).
//
// A year can be closed from January 1 (UTC) of the next: before that the
// request is refused as a conflict with the calendar (year_end.not_ended),
// not as invalid input, since the same request succeeds later. Once closed,
// a year is never closed again; a correction to it is an entry dated in
// the open period.

// KindSHUDistribution is the entry that divides the SHU, dated the day the
// year is closed; the closing entry itself is accounts.KindYearClose.
const KindSHUDistribution = "shu.distribution"

// Limits of a year end.
const (
	yearMin = 1900
	yearMax = 9999
	// yearEndMembersMax bounds the members sharing one SHU: a cooperative
	// of a few thousand women stays well inside it.
	yearEndMembersMax = 20000
	// shareRowsPerInsert bounds one INSERT of SHU shares.
	shareRowsPerInsert = 500
)

// YearEndInput closes a year: the year, the percentages the members
// decided, and an idempotency key that makes a retry safe.
type YearEndInput struct {
	Year   int
	Shares shu.Shares
	// DecidedOn is the day the members' annual meeting (RAT) decided the
	// year end (zero: today): the SHU credits are dated that day. It falls
	// after the year it closes.
	DecidedOn      ledger.Date
	IdempotencyKey string
}

// YearEnd is a closed year: its surplus (below zero, a loss) and how it was
// divided.
type YearEnd struct {
	CooperativeID           string
	Year                    int
	Currency                ledger.Currency
	Shares                  shu.Shares // as decided, in canonical form
	SurplusMinor            int64
	ReserveMinor            int64 // with the rounding remainder and any pool nobody had a basis for
	CapitalMinor            int64 // jasa modal shared among members
	ParticipationMinor      int64 // jasa anggota shared among members
	Funds                   []shu.FundPool
	CapitalBasisMinor       int64       // the members' capital that shared the jasa modal
	ParticipationBasisMinor int64       // the members' interest paid that shared the jasa anggota
	ClosingEntryID          string      // the first closing entry; empty when the year had no income or expense
	DistributionEntryID     string      // the first distribution entry; empty without a surplus
	DecidedOn               ledger.Date // the day the members' meeting decided it
	ClosedBy                string
	ClosedAt                time.Time
	Replayed                bool // the same request had closed the year already
}

type yearEndRow struct {
	bun.BaseModel `bun:"table:year_ends"`

	CooperativeID           string      `bun:"cooperative_id,pk"`
	Year                    int         `bun:"year,pk"`
	SurplusMinor            int64       `bun:"surplus_minor"`
	ReserveMinor            int64       `bun:"reserve_minor"`
	CapitalMinor            int64       `bun:"capital_minor"`
	ParticipationMinor      int64       `bun:"participation_minor"`
	FundsMinor              int64       `bun:"funds_minor"`
	CapitalBasisMinor       int64       `bun:"capital_basis_minor"`
	ParticipationBasisMinor int64       `bun:"participation_basis_minor"`
	Shares                  string      `bun:"shares"`
	ClosingEntryID          *string     `bun:"closing_entry_id"`
	DistributionEntryID     *string     `bun:"distribution_entry_id"`
	IdempotencyKey          *string     `bun:"idempotency_key"`
	RequestHash             string      `bun:"request_hash"`
	ClosedBy                string      `bun:"closed_by"`
	ClosedAt                time.Time   `bun:"closed_at"`
	DecidedOn               ledger.Date `bun:"decided_on"`
}

// sharesRecord is what the shares column holds: the percentages, and what
// each other fund received.
type sharesRecord struct {
	Reserve, Capital, Participation string
	Funds                           []shu.FundPool
}

func (r yearEndRow) yearEnd(cur ledger.Currency) (YearEnd, error) {
	var rec sharesRecord
	if err := json.Unmarshal([]byte(r.Shares), &rec); err != nil {
		return YearEnd{}, fmt.Errorf("accounts: year end %d of %s: shares: %w", r.Year, r.CooperativeID, err)
	}
	ye := YearEnd{CooperativeID: r.CooperativeID, Year: r.Year, Currency: cur, SurplusMinor: r.SurplusMinor,
		ReserveMinor: r.ReserveMinor, CapitalMinor: r.CapitalMinor, ParticipationMinor: r.ParticipationMinor,
		Funds: rec.Funds, CapitalBasisMinor: r.CapitalBasisMinor, ParticipationBasisMinor: r.ParticipationBasisMinor,
		Shares:   shu.Shares{Reserve: rec.Reserve, Capital: rec.Capital, Participation: rec.Participation},
		ClosedBy: r.ClosedBy, ClosedAt: r.ClosedAt, DecidedOn: r.DecidedOn}
	for _, f := range rec.Funds {
		ye.Shares.Other = append(ye.Shares.Other, shu.FundShare{Code: f.Code, Name: f.Name, Percent: f.Percent})
	}
	if r.ClosingEntryID != nil {
		ye.ClosingEntryID = *r.ClosingEntryID
	}
	if r.DistributionEntryID != nil {
		ye.DistributionEntryID = *r.DistributionEntryID
	}
	return ye, nil
}

// lastDay is December 31 of the year: the day its books close through.
func lastDay(year int) ledger.Date { return ledger.NewDate(year, time.December, 31) }

// check reads the input alone: the year, the shares and the day decided.
func (in YearEndInput) check() (shu.Percents, error) {
	p, err := in.Shares.Parse()
	var fields []ledger.FieldError
	if in.Year < yearMin || in.Year > yearMax {
		fields = append(fields, ledger.FieldError{Field: "year", Reason: "a year such as 2026"})
	} else if !in.DecidedOn.IsZero() && !in.DecidedOn.After(lastDay(in.Year)) {
		fields = append(fields, ledger.FieldError{Field: "decided_on", Reason: "a day after %d ends", Args: []any{in.Year}})
	}
	if len(fields) == 0 {
		return p, err
	}
	if e := ledger.AsError(err); e != nil {
		fields = append(fields, e.Fields...)
	}
	return shu.Percents{}, accounts.Invalid("year_end.invalid", fields)
}

// fingerprint identifies a year-end request: the same key must close the
// same year by the same shares.
func fingerprint(year int, p shu.Percents, decidedOn ledger.Date) string {
	b, err := json.Marshal(struct {
		Year      int
		Shares    shu.Shares
		DecidedOn string `json:",omitempty"` // as given: a retry tomorrow without it is the same request
	}{year, p.Shares(), decidedOn.String()})
	if err != nil {
		panic(err) // strings and ints always marshal
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:32]
}

// CloseYear closes a cooperative's year: it closes income and expenses into
// SHU, divides a surplus by the shares, and closes the books through
// December 31, in one transaction (see the top of this file). Its treasurer
// only. A retry with the same idempotency key and request answers the year
// end already recorded, with Replayed set.
//
// Errors: KindNotFound, KindForbidden; KindInvalid for a bad year or
// shares (year_end.invalid); KindConflict when the year has not ended
// (year_end.not_ended), is closed already (year_end.closed), an earlier
// year with entries is still open (year_end.earlier_year_open), a fund's
// code holds an account of another kind (year_end.fund_account), or the
// key was used for another request.
func (s *Service) CloseYear(ctx context.Context, a accounts.Actor, cooperativeID string, in YearEndInput) (ye YearEnd, err error) {
	defer ledger.Wrap(&err, "CloseYear(%s, %d)", cooperativeID, in.Year)
	books, err := s.core.BooksFor(ctx, a, cooperativeID, accounts.ApproveYearEnd)
	if err != nil {
		return YearEnd{}, err
	}
	coop := books.Cooperative()
	now := s.now().UTC()
	p, err := in.checkOn(now)
	if err != nil {
		return YearEnd{}, err
	}
	hash := fingerprint(in.Year, p, in.DecidedOn)
	about := accounts.Subject{"year": strconv.Itoa(in.Year), "request": hash}
	e, err := s.core.Record(ctx, books, in.IdempotencyKey, accounts.KindYearClose, about, func() (ledger.Entry, error) {
		return s.core.EntryInTx(ctx, func(tx bun.Tx) (ledger.Entry, error) {
			var err error
			ye, err = s.closeYearTx(ctx, tx, yearClose{books: books, actor: a, coop: coop, in: in, shares: p, hash: hash, now: now})
			if err == nil && !ye.Replayed {
				err = accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: coop.ID, Action: "year_end.close",
					SubjectKind: "year_end", SubjectID: strconv.Itoa(in.Year), After: map[string]any{"year": in.Year,
						"decided_on": yearClose{in: in, now: now}.decidedOn(), "closing_entry_id": ye.ClosingEntryID, "request": hash}}, now)
			}
			return ledger.Entry{ID: ye.ClosingEntryID, Replayed: ye.Replayed}, err
		})
	})
	if err != nil || !e.Replayed || ye.Replayed {
		return ye, err
	}
	// The key's closing entry was found before the transaction began.
	ye, err = s.findYearEnd(ctx, coop, in.Year)
	ye.Replayed = true
	return ye, err
}

// checkOn checks the request as made at now: its shares, a decision not
// dated ahead, and a year that has ended.
func (in YearEndInput) checkOn(now time.Time) (shu.Percents, error) {
	p, err := in.check()
	if err != nil {
		return shu.Percents{}, err
	}
	if in.DecidedOn.After(ledger.DateOf(now)) {
		return shu.Percents{}, ledger.InvalidField("year_end.invalid", "decided_on", "the day the members decided it, not a day to come")
	}
	if !ledger.DateOf(now).After(lastDay(in.Year)) {
		return shu.Percents{}, ledger.Conflict("year_end.not_ended",
			"%d has not ended; it can be closed from %s", in.Year, lastDay(in.Year).AddDays(1))
	}
	return p, nil
}

// Preview is what closing a year would record: the year end and every
// member's slip, none of it recorded.
type Preview struct {
	YearEnd YearEnd
	Slips   []SHUSlip
}

var errPreviewed = errors.New("previewed")

// PreviewYear computes a year's close exactly as CloseYear would, in a
// transaction it then rolls back: the pools and every member's share, for
// the members' meeting (RAT) to see before it decides. Its treasurer only,
// and never held for a second treasurer: it records nothing.
// Errors: as CloseYear, year_end.closed for a year closed already.
func (s *Service) PreviewYear(ctx context.Context, a accounts.Actor, cooperativeID string, in YearEndInput) (pv Preview, err error) {
	defer ledger.Wrap(&err, "PreviewYear(%s, %d)", cooperativeID, in.Year)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return Preview{}, err
	}
	coop := books.Cooperative()
	now := s.now().UTC()
	p, err := in.checkOn(now)
	if err != nil {
		return Preview{}, err
	}
	in.IdempotencyKey = "" // a closed year is then a conflict, never a replay
	yc := yearClose{books: books, actor: a, coop: coop, in: in, shares: p, hash: fingerprint(in.Year, p, in.DecidedOn), now: now}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		ye, err := s.closeYearTx(ctx, tx, yc)
		if err != nil {
			return err
		}
		rows, err := slipRows(ctx, tx, coop.ID, in.Year, "")
		if err != nil {
			return err
		}
		// Nothing is recorded: no entry to name.
		ye.ClosingEntryID, ye.DistributionEntryID = "", ""
		pv = Preview{YearEnd: ye, Slips: make([]SHUSlip, len(rows))}
		for i, r := range rows {
			pv.Slips[i] = r.slip(ye)
			pv.Slips[i].EntryID = ""
		}
		return errPreviewed
	})
	if errors.Is(err, errPreviewed) {
		return pv, nil
	}
	return Preview{}, err
}

// yearClose is one year-end request, checked.
type yearClose struct {
	books  accounts.Books
	actor  accounts.Actor
	coop   accounts.Cooperative
	in     YearEndInput
	shares shu.Percents
	hash   string
	now    time.Time
}

// decidedOn is the day the SHU credits are dated: the members' meeting's,
// or the day the year is closed.
func (yc yearClose) decidedOn() ledger.Date {
	if !yc.in.DecidedOn.IsZero() {
		return yc.in.DecidedOn
	}
	return ledger.DateOf(yc.now)
}

// closeYearTx does the work of one attempt. It takes the book's lock
// first: from then on nothing can be posted to the book until it commits,
// so the balances it reads at December 31 are the ones it closes.
func (s *Service) closeYearTx(ctx context.Context, tx bun.Tx, yc yearClose) (YearEnd, error) {
	book, err := ledger.LockBookTx(ctx, tx, yc.coop.BookID)
	if err != nil {
		return YearEnd{}, err
	}
	if ye, done, err := s.closedAlready(ctx, tx, yc, book); done || err != nil {
		return ye, err
	}
	if err := earlierYearsClosed(ctx, tx, book, yc.in.Year); err != nil {
		return YearEnd{}, err
	}
	accts, err := ledger.AccountsOn(ctx, tx, book.ID, lastDay(yc.in.Year), ledger.Accounts{})
	if err != nil {
		return YearEnd{}, err
	}
	closing, surplus, err := closingEntries(yc, accts)
	if err != nil {
		return YearEnd{}, err
	}
	row := yearEndRow{CooperativeID: yc.coop.ID, Year: yc.in.Year, SurplusMinor: surplus, RequestHash: yc.hash,
		ClosedBy: yc.actor.UserID, ClosedAt: yc.now, DecidedOn: yc.decidedOn()}
	if yc.in.IdempotencyKey != "" {
		row.IdempotencyKey = &yc.in.IdempotencyKey
	}
	if row.ClosingEntryID, err = s.postAll(ctx, tx, yc.coop.BookID, closing); err != nil {
		return YearEnd{}, err
	}
	var d shu.Distribution
	var shares []shuShareRow
	if surplus > 0 {
		// closingEntries refused any income or expense in another currency;
		// the members' capital is counted in the book's alone.
		basis := accounts.InBookCurrency(accts, yc.coop.Currency)
		if d, shares, row.DistributionEntryID, err = s.distributeTx(ctx, tx, yc, basis, surplus); err != nil {
			return YearEnd{}, err
		}
	}
	if err := recordYearEnd(ctx, tx, &row, yc.shares, d, shares); err != nil {
		return YearEnd{}, err
	}
	if err := ledger.ClosePeriodTx(ctx, tx, yc.coop.BookID, lastDay(yc.in.Year)); err != nil {
		return YearEnd{}, err
	}
	return row.yearEnd(yc.coop.Currency)
}

// closedAlready answers a year already closed: the same request under the
// same key is a replay, anything else a conflict.
func (s *Service) closedAlready(ctx context.Context, tx bun.Tx, yc yearClose, book ledger.Book) (YearEnd, bool, error) {
	var row yearEndRow
	err := tx.NewSelect().Model(&row).Where("cooperative_id = ? AND year = ?", yc.coop.ID, yc.in.Year).Scan(ctx)
	switch {
	case accounts.NoRows(err):
		if end := lastDay(yc.in.Year); !book.ClosedThrough.IsZero() && !book.ClosedThrough.Before(end) {
			return YearEnd{}, true, ledger.Conflict("year_end.closed", "the books are closed through %s", book.ClosedThrough)
		}
		return YearEnd{}, false, nil
	case err != nil:
		return YearEnd{}, true, err
	case yc.in.IdempotencyKey == "" || row.IdempotencyKey == nil || *row.IdempotencyKey != yc.in.IdempotencyKey:
		return YearEnd{}, true, ledger.Conflict("year_end.closed",
			"%d was closed on %s", yc.in.Year, row.ClosedAt.UTC().Format(time.DateOnly))
	case row.RequestHash != yc.hash:
		return YearEnd{}, true, ledger.Conflict("entry.idempotency_key_reused",
			"this idempotency key was already used for a different operation")
	}
	ye, err := row.yearEnd(yc.coop.Currency)
	ye.Replayed = true
	return ye, true, err
}

// earlierYearsClosed refuses to close a year while entries dated before it
// lie outside every closed period: their income and expenses would be
// taken for this year's.
func earlierYearsClosed(ctx context.Context, tx bun.Tx, book ledger.Book, year int) error {
	first, err := ledger.FirstOpenEntry(ctx, tx, book, ledger.NewDate(year, time.January, 1))
	if err != nil {
		return err
	}
	if first != nil {
		return ledger.Conflict("year_end.earlier_year_open",
			"close %d first: the books hold entries dated %s that no year end has closed", first.Time().Year(), first)
	}
	return nil
}

// postAll posts entries in order inside the transaction and returns the
// first one's ID (empty when there are none).
func (s *Service) postAll(ctx context.Context, tx bun.Tx, bookID string, entries []ledger.EntryInput) (*string, error) {
	var first *string
	for _, in := range entries {
		e, err := s.ledger.PostTx(ctx, tx, bookID, in)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = &e.ID
		}
	}
	return first, nil
}
