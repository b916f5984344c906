package yearend

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/shu"
	"github.com/lumbung/lumbung/ledger"
)

// SHUSlip is one member's SHU for a year, as her slip prints it: what she
// held and paid, what she received for each, and the pools it came from.
type SHUSlip struct {
	Year                         int
	Currency                     ledger.Currency
	MemberID                     string
	MemberNumber                 int
	MemberName                   string
	CapitalBasisMinor            int64  // her simpanan pokok and wajib at December 31
	ParticipationBasisMinor      int64  // the interest she paid on her loans in the year
	CapitalMinor                 int64  // jasa modal
	ParticipationMinor           int64  // jasa anggota
	TotalMinor                   int64  // credited to her sukarela savings
	CapitalPoolMinor             int64  // the jasa modal shared among members
	ParticipationPoolMinor       int64  // the jasa anggota shared among members
	CapitalBasisTotalMinor       int64  // all the members' capital it was shared by
	ParticipationBasisTotalMinor int64  // all the members' interest it was shared by
	EntryID                      string // the entry that credited her; empty when her share is zero
}

type shuShareRow struct {
	bun.BaseModel `bun:"table:shu_shares"`

	CooperativeID           string  `bun:"cooperative_id,pk"`
	Year                    int     `bun:"year,pk"`
	MemberID                string  `bun:"member_id,pk"`
	CapitalBasisMinor       int64   `bun:"capital_basis_minor"`
	ParticipationBasisMinor int64   `bun:"participation_basis_minor"`
	CapitalMinor            int64   `bun:"capital_minor"`
	ParticipationMinor      int64   `bun:"participation_minor"`
	EntryID                 *string `bun:"entry_id"`
}

// slipRow is a share with its member, as slips are read.
type slipRow struct {
	Year                    int     `bun:"year"`
	MemberID                string  `bun:"member_id"`
	Number                  int     `bun:"number"`
	Name                    string  `bun:"name"`
	CapitalBasisMinor       int64   `bun:"capital_basis_minor"`
	ParticipationBasisMinor int64   `bun:"participation_basis_minor"`
	CapitalMinor            int64   `bun:"capital_minor"`
	ParticipationMinor      int64   `bun:"participation_minor"`
	EntryID                 *string `bun:"entry_id"`
}

func (r slipRow) slip(ye YearEnd) SHUSlip {
	sl := SHUSlip{Year: r.Year, Currency: ye.Currency, MemberID: r.MemberID, MemberNumber: r.Number, MemberName: r.Name,
		CapitalBasisMinor: r.CapitalBasisMinor, ParticipationBasisMinor: r.ParticipationBasisMinor,
		CapitalMinor: r.CapitalMinor, ParticipationMinor: r.ParticipationMinor, TotalMinor: r.CapitalMinor + r.ParticipationMinor,
		CapitalPoolMinor: ye.CapitalMinor, ParticipationPoolMinor: ye.ParticipationMinor,
		CapitalBasisTotalMinor: ye.CapitalBasisMinor, ParticipationBasisTotalMinor: ye.ParticipationBasisMinor}
	if r.EntryID != nil {
		sl.EntryID = *r.EntryID
	}
	return sl
}

// recordYearEnd stores the year end and the members' shares, then reads
// the shares' sums back: a difference from the pools is a bug, and the
// transaction is abandoned.
func recordYearEnd(ctx context.Context, tx bun.Tx, row *yearEndRow, p shu.Percents, d shu.Distribution, shares []shuShareRow) error {
	sh, funds := p.Shares(), d.Funds
	if funds == nil { // nothing distributed: the funds as decided, with nothing received
		for _, f := range sh.Other {
			funds = append(funds, shu.FundPool{Code: f.Code, Name: f.Name, Percent: f.Percent})
		}
	}
	text, err := json.Marshal(sharesRecord{Reserve: sh.Reserve, Capital: sh.Capital,
		Participation: sh.Participation, Funds: funds})
	if err != nil {
		return err
	}
	row.Shares = string(text)
	row.ReserveMinor, row.CapitalMinor, row.ParticipationMinor, row.FundsMinor = d.ReserveMinor, d.CapitalMinor, d.ParticipationMinor, d.FundsMinor()
	for _, m := range d.Members {
		row.CapitalBasisMinor += m.CapitalBasisMinor
		row.ParticipationBasisMinor += m.ParticipationBasisMinor
	}
	if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
		return err
	}
	for start := 0; start < len(shares); start += shareRowsPerInsert {
		batch := shares[start:min(start+shareRowsPerInsert, len(shares))]
		if _, err := tx.NewInsert().Model(&batch).Exec(ctx); err != nil {
			return err
		}
	}
	var sums struct {
		Capital       int64 `bun:"capital"`
		Participation int64 `bun:"participation"`
	}
	if err := tx.NewSelect().Table("shu_shares").
		ColumnExpr("COALESCE(SUM(capital_minor), 0) AS capital").
		ColumnExpr("COALESCE(SUM(participation_minor), 0) AS participation").
		Where("cooperative_id = ? AND year = ?", row.CooperativeID, row.Year).Scan(ctx, &sums); err != nil {
		return err
	}
	if sums.Capital != row.CapitalMinor || sums.Participation != row.ParticipationMinor {
		return fmt.Errorf("accounts: year end %d of %s: shares sum to %d and %d, pools are %d and %d",
			row.Year, row.CooperativeID, sums.Capital, sums.Participation, row.CapitalMinor, row.ParticipationMinor)
	}
	return nil
}

// FindYearEnd returns a closed year. Its treasurer and its members read it:
// how the SHU was divided is the members' own decision. Errors:
// KindNotFound, also for a year not closed (year_end.not_found).
func (s *Service) FindYearEnd(ctx context.Context, a accounts.Actor, cooperativeID string, year int) (ye YearEnd, err error) {
	defer ledger.Wrap(&err, "FindYearEnd(%s, %d)", cooperativeID, year)
	read, err := s.core.MembersRead(ctx, a, cooperativeID)
	if err != nil {
		return YearEnd{}, err
	}
	return s.findYearEnd(ctx, read.Cooperative(), year)
}

func (s *Service) findYearEnd(ctx context.Context, coop accounts.Cooperative, year int) (YearEnd, error) {
	var row yearEndRow
	err := s.db.NewSelect().Model(&row).Where("cooperative_id = ? AND year = ?", coop.ID, year).Scan(ctx)
	if accounts.NoRows(err) {
		return YearEnd{}, ledger.NotFound("year_end.not_found", "%d is not closed", year)
	}
	if err != nil {
		return YearEnd{}, err
	}
	return row.yearEnd(coop.Currency)
}

// SHUSlips returns every member's slip for a closed year, by member
// number: each member who had not left when the year was closed, her share
// zero or not. A year closed with a loss has no slips. Its treasurer only.
// Errors: KindNotFound, KindForbidden; year_end.not_found for a year not
// closed.
func (s *Service) SHUSlips(ctx context.Context, a accounts.Actor, cooperativeID string, year int) (slips []SHUSlip, err error) {
	defer ledger.Wrap(&err, "SHUSlips(%s, %d)", cooperativeID, year)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return nil, err
	}
	coop := books.Cooperative()
	ye, err := s.findYearEnd(ctx, coop, year)
	if err != nil {
		return nil, err
	}
	rows, err := slipRows(ctx, s.db, coop.ID, year, "")
	if err != nil {
		return nil, err
	}
	slips = make([]SHUSlip, len(rows))
	for i, r := range rows {
		slips[i] = r.slip(ye)
	}
	return slips, nil
}

// MySHUSlip returns one member's slip for a closed year: to the member
// herself or her treasurer. To anyone else the member does not exist.
// Errors: KindNotFound: member.not_found; shu_slip.not_found for a year
// not closed, closed with a loss, or closed after she left.
func (s *Service) MySHUSlip(ctx context.Context, a accounts.Actor, cooperativeID, memberID string, year int) (sl SHUSlip, err error) {
	defer ledger.Wrap(&err, "MySHUSlip(%s, %s, %d)", cooperativeID, memberID, year)
	read, err := s.core.MemberRead(ctx, a, cooperativeID, memberID)
	if err != nil {
		return SHUSlip{}, err
	}
	coop := read.Cooperative()
	noSlip := ledger.NotFound("shu_slip.not_found", "no SHU slip for %d", year)
	ye, err := s.findYearEnd(ctx, coop, year)
	if ledger.KindOf(err) == ledger.KindNotFound {
		return SHUSlip{}, noSlip
	}
	if err != nil {
		return SHUSlip{}, err
	}
	rows, err := slipRows(ctx, s.db, coop.ID, year, memberID)
	if err != nil {
		return SHUSlip{}, err
	}
	if len(rows) == 0 {
		return SHUSlip{}, noSlip
	}
	return rows[0].slip(ye), nil
}

// slipRows reads a year's shares with their members through db, by member
// number; one member's when memberID is set.
func slipRows(ctx context.Context, db bun.IDB, cooperativeID string, year int, memberID string) ([]slipRow, error) {
	var rows []slipRow
	q := db.NewSelect().TableExpr("shu_shares AS s").
		ColumnExpr("s.year, s.member_id, m.number, m.name, s.capital_basis_minor, s.participation_basis_minor").
		ColumnExpr("s.capital_minor, s.participation_minor, s.entry_id").
		Join("JOIN members AS m ON m.id = s.member_id").
		Where("s.cooperative_id = ? AND s.year = ?", cooperativeID, year).
		OrderExpr("m.number").Limit(yearEndMembersMax)
	if memberID != "" {
		q = q.Where("s.member_id = ?", memberID)
	}
	err := q.Scan(ctx, &rows)
	return rows, err
}

// SlipYears lists, ascending, the years for which a member has an SHU
// slip: the years closed while she was a member. For her own view; the
// caller holds her MemberRead scope.
func (s *Service) SlipYears(ctx context.Context, read accounts.MemberRead) ([]int, error) {
	var years []int
	err := s.db.NewSelect().Table("shu_shares").Column("year").
		Where("cooperative_id = ? AND member_id = ?", read.Cooperative().ID, read.Member().ID).OrderExpr("year").Scan(ctx, &years)
	return years, err
}
