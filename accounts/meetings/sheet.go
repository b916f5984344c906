package meetings

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
)

// The collection sheet is the treasurer's page for a group's weekly
// meeting: for each member, what her loans ask of her that day and the
// wajib she is behind on; back from the meeting, what each paid and who
// came. Recording it posts every payment in one transaction, so a sheet is
// recorded whole or not at all, and once per group and day.

// Sheet is what a group owes on a meeting day.
type Sheet struct {
	Group      accounts.Group
	Date       ledger.Date
	Currency   ledger.Currency
	Lines      []SheetLine
	GroupLoans []SheetLoan // loans to the whole group under joint liability
	Recorded   bool        // a sheet for this day was already recorded
}

// SheetLine is one member's row.
type SheetLine struct {
	Member        accounts.Member
	Loans         []SheetLoan
	WajibDueMinor int64        // wajib arrears on the day, this period's included
	SukarelaMinor int64        // her voluntary savings balance
	Shares        []SheetShare // her own parts of the group's loans
}

// SheetShare is a member's own part of a group loan on the sheet: what
// her share's schedule asks of her by the day and is still unpaid.
type SheetShare struct {
	LoanID   string
	Number   int
	DueMinor int64
}

// SheetLoan is one loan's row: what is due on the day, and where it stands.
type SheetLoan struct {
	LoanID           string
	Number           int
	DueMinor         int64 // everything due by the day and unpaid, penalties included
	OutstandingMinor int64
	DaysPastDue      int
}

// CollectionSheet computes a group's sheet for a meeting day; a zero day
// is the group's next meeting, today included, so that a treasurer
// printing the sheet before the meeting need not name it. Its
// cooperative's treasurer only. Errors: KindNotFound, KindForbidden.
func (s *Service) CollectionSheet(ctx context.Context, a accounts.Actor, cooperativeID, groupID string, on ledger.Date) (sh Sheet, err error) {
	defer ledger.Wrap(&err, "CollectionSheet(%s, %s)", cooperativeID, groupID)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return Sheet{}, err
	}
	coop := books.Cooperative()
	g, err := books.Group(ctx, s.db, groupID)
	if err != nil {
		return Sheet{}, err
	}
	if on.IsZero() {
		on = nextMeeting(ledger.DateOf(s.now().UTC()), g.MeetingDay)
	}
	sh = Sheet{Group: g, Date: on, Currency: coop.Currency}
	n, err := s.db.NewSelect().Table("meetings").Where("group_id = ? AND held_on = ?", groupID, on).Count(ctx)
	if err != nil {
		return Sheet{}, err
	}
	sh.Recorded = n > 0
	members, err := books.GroupMembers(ctx, s.db, groupID)
	if err != nil {
		return Sheet{}, err
	}
	for _, m := range members {
		line, err := s.sheetLine(ctx, books, m, on)
		if err != nil {
			return Sheet{}, err
		}
		sh.Lines = append(sh.Lines, line)
	}
	views, err := s.lending.OpenLoans(ctx, books, lending.Borrower{GroupID: groupID}, on)
	if err != nil {
		return Sheet{}, err
	}
	sh.GroupLoans = toSheetLoans(views)
	lineOf := make(map[string]*SheetLine, len(sh.Lines))
	for i := range sh.Lines {
		lineOf[sh.Lines[i].Member.ID] = &sh.Lines[i]
	}
	for _, v := range views {
		for _, share := range v.ShareViews {
			if line := lineOf[share.MemberID]; line != nil {
				line.Shares = append(line.Shares, SheetShare{LoanID: v.ID, Number: v.Number, DueMinor: share.ArrearsMinor})
			}
		}
	}
	return sh, nil
}

func (s *Service) sheetLine(ctx context.Context, books accounts.Books, m accounts.Member, on ledger.Date) (SheetLine, error) {
	coop := books.Cooperative()
	line := SheetLine{Member: m}
	codes := []string{accounts.MemberAccountCode(accounts.Wajib, m.Number), accounts.MemberAccountCode(accounts.Sukarela, m.Number)}
	accts, err := ledger.AccountsByCode(ctx, s.db, coop.BookID, codes)
	if err != nil {
		return line, err
	}
	line.SukarelaMinor = accts[codes[1]].BalanceMinor
	line.WajibDueMinor = savings.WajibStatusOf(coop.Savings, m, on, accts[codes[0]].BalanceMinor).ArrearsMinor
	line.Loans, err = s.sheetLoans(ctx, books, lending.Borrower{MemberID: m.ID}, on)
	return line, err
}

// sheetLoans lists the disbursed loans of a borrower with what is due.
func (s *Service) sheetLoans(ctx context.Context, books accounts.Books, b lending.Borrower, on ledger.Date) ([]SheetLoan, error) {
	views, err := s.lending.OpenLoans(ctx, books, b, on)
	if err != nil {
		return nil, err
	}
	return toSheetLoans(views), nil
}

func toSheetLoans(views []lending.LoanView) []SheetLoan {
	var out []SheetLoan
	for _, v := range views {
		out = append(out, SheetLoan{LoanID: v.ID, Number: v.Number, DueMinor: v.Position.ArrearsMinor,
			OutstandingMinor: v.Position.OutstandingMinor, DaysPastDue: v.Position.DaysPastDue})
	}
	return out
}

// SheetInput is a sheet filled in at the meeting. Amounts are decimal
// strings; empty means nothing paid.
type SheetInput struct {
	Date  ledger.Date
	Lines []SheetPayment
	Via   string // where the collected money goes: "cash" (default) or "bank"
}

// SheetPayment is what one member did at the meeting. Attendance left
// empty is read from Attended, the yes/no of clients from before
// attendance had three values.
type SheetPayment struct {
	MemberID      string
	Attendance    Attendance
	RepresentedBy string // who came for her, when she is represented
	Attended      *bool
	Loans         []SheetLoanPayment
	Wajib         string
	Sukarela      string
}

// SheetLoanPayment pays toward a loan: her own, or her group's. Covers names
// the member whose share she paid, when she paid for another under the
// group's joint liability.
type SheetLoanPayment struct {
	LoanID string
	Amount string
	Covers string
}

// Meeting is a recorded collection sheet.
type Meeting struct {
	ID       string
	GroupID  string
	HeldOn   ledger.Date
	Entries  []ledger.Entry // the entries it posted; empty when Replayed
	Replayed bool           // the same sheet had been recorded already
}

type meetingRow struct {
	bun.BaseModel `bun:"table:meetings"`

	ID          string      `bun:"id,pk"`
	GroupID     string      `bun:"group_id"`
	HeldOn      ledger.Date `bun:"held_on"`
	RequestHash string      `bun:"request_hash"`
	RecordedBy  string      `bun:"recorded_by"`
	RecordedAt  time.Time   `bun:"recorded_at"`
	AmendedBy   *string     `bun:"amended_by"`
	AmendedAt   *time.Time  `bun:"amended_at"`
}

type attendanceRow struct {
	bun.BaseModel `bun:"table:meeting_attendance"`

	MeetingID     string     `bun:"meeting_id,pk"`
	MemberID      string     `bun:"member_id,pk"`
	Status        Attendance `bun:"status"`
	RepresentedBy *string    `bun:"represented_by"`
}

type coverRow struct {
	bun.BaseModel `bun:"table:loan_covers"`

	ID               string  `bun:"id,pk"`
	LoanID           string  `bun:"loan_id"`
	EntryID          string  `bun:"entry_id"`
	CoveringMemberID string  `bun:"covering_member_id"`
	CoveredMemberID  string  `bun:"covered_member_id"`
	AmountMinor      int64   `bun:"amount_minor"`
	DebtTo           *string `bun:"debt_to"`       // to whom she owes it; nil for a cover from before covers were debts
	DebtEntryID      *string `bun:"debt_entry_id"` // the entry that booked the debt
	SettledMinor     int64   `bun:"settled_minor"` // what she has repaid of it
}

// sheetLinesMax bounds one sheet: groups are ten to thirty women; a
// hundred leaves room for a federation's large groups.
const sheetLinesMax = 100

// hashedLine is a sheet line as its fingerprint reads it. Sheets recorded
// before attendance had three values were fingerprinted with their lines
// as MemberID, Attended, Loans, Wajib and Sukarela; a line that is not
// represented is still fingerprinted so, byte for byte, so that such a
// sheet sent again is a replay, not a conflict. Only a represented line,
// which no earlier sheet could hold, adds its attendance and who came.
type hashedLine struct {
	MemberID      string
	Attended      bool
	Loans         []SheetLoanPayment
	Wajib         string
	Sukarela      string
	Attendance    Attendance `json:",omitempty"`
	RepresentedBy string     `json:",omitempty"`
}

// hash fingerprints a sheet whose attendance checkSheet has read:
// recording the same sheet twice is a replay, recording a different one
// for the same day a conflict.
func (in SheetInput) hash() string {
	lines := make([]hashedLine, len(in.Lines))
	for i, p := range in.Lines {
		lines[i] = hashedLine{MemberID: p.MemberID, Attended: p.Attendance == Present, Loans: p.Loans, Wajib: p.Wajib, Sukarela: p.Sukarela}
		if p.Attendance == Represented {
			lines[i].Attendance, lines[i].RepresentedBy = p.Attendance, p.RepresentedBy
		}
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].MemberID < lines[j].MemberID })
	b, _ := json.Marshal(struct {
		Date  string
		Via   string
		Lines []hashedLine
	}{in.Date.String(), in.Via, lines})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// RecordCollection posts a filled-in sheet: for each member, her loan
// repayments (allocated as RepayLoan does), her wajib and sukarela
// deposits, her attendance and any cover she paid for another, all in one
// transaction. Recording the same sheet again changes nothing.
// Errors: KindNotFound, KindForbidden, KindInvalid (naming the line and
// field); KindConflict when another sheet was recorded for the day, or a
// payment cannot be taken (an overpayment, a loan not disbursed).
func (s *Service) RecordCollection(ctx context.Context, a accounts.Actor, cooperativeID, groupID string, in SheetInput) (m Meeting, err error) {
	defer ledger.Wrap(&err, "RecordCollection(%s, %s)", cooperativeID, groupID)
	books, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return Meeting{}, err
	}
	coop := books.Cooperative()
	if _, err := books.Group(ctx, s.db, groupID); err != nil {
		return Meeting{}, err
	}
	if in.Date.IsZero() {
		in.Date = ledger.DateOf(s.now().UTC())
	}
	if in, err = checkSheet(in, coop.Currency); err != nil {
		return Meeting{}, err
	}
	hash := in.hash()
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		m, err = s.recordTx(ctx, tx, books, groupID, in, hash)
		return err
	})
	if ledger.IsUniqueViolation(err, "meetings_group_day_key") {
		// Another request recorded the day's sheet first.
		return s.recordedMeeting(ctx, s.db, groupID, in.Date, hash)
	}
	return m, err
}

// recordTx posts the sheet's entries one after another in one transaction.
// The members' rows are locked first, all at once in ID order, as every
// writer locks member rows before any other. Each entry then takes its
// account locks in ID order, but across entries the transaction gathers
// locks as it goes, so a concurrent request for one of the group's members
// (a deposit at the office during the meeting) can deadlock with it.
// Postgres detects that at once and the bounded retry of InTx runs the
// loser again; the sheet stays whole either way.
func (s *Service) recordTx(ctx context.Context, tx bun.Tx, books accounts.Books, groupID string, in SheetInput, hash string) (Meeting, error) {
	a := books.Actor()
	if m, err := s.recordedMeeting(ctx, tx, groupID, in.Date, hash); ledger.KindOf(err) != ledger.KindNotFound {
		return m, err
	}
	row := meetingRow{ID: ledger.NewID(), GroupID: groupID, HeldOn: in.Date, RequestHash: hash, RecordedBy: a.UserID, RecordedAt: s.now().UTC()}
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return Meeting{}, err
	}
	return s.postSheet(ctx, tx, books, groupID, row.ID, in)
}

// postSheet posts a sheet's lines for a meeting, its members' rows locked
// first.
func (s *Service) postSheet(ctx context.Context, tx bun.Tx, books accounts.Books, groupID, meetingID string, in SheetInput) (Meeting, error) {
	if err := books.LockMembers(ctx, tx, sheetMembers(in.Lines), accounts.MemberShared); err != nil {
		return Meeting{}, err
	}
	m := Meeting{ID: meetingID, GroupID: groupID, HeldOn: in.Date}
	for i, p := range in.Lines {
		entries, err := s.recordLine(ctx, tx, books, groupID, meetingID, in, p)
		if err != nil {
			return Meeting{}, prefixError(fmt.Sprintf("lines[%d]", i), err)
		}
		m.Entries = append(m.Entries, entries...)
	}
	return m, nil
}

// recordedMeeting answers a sheet already recorded for the day: the same
// sheet is a replay, another a conflict. Not found when none was recorded.
func (s *Service) recordedMeeting(ctx context.Context, db bun.IDB, groupID string, on ledger.Date, hash string) (Meeting, error) {
	var row meetingRow
	err := db.NewSelect().Model(&row).Where("group_id = ? AND held_on = ?", groupID, on).Scan(ctx)
	if accounts.NoRows(err) {
		return Meeting{}, ledger.NotFound("meeting.not_found", "no sheet recorded for the day")
	}
	if err != nil {
		return Meeting{}, err
	}
	if row.RequestHash != hash {
		return Meeting{}, ledger.Conflict("meeting.already_recorded",
			"a different sheet was already recorded for this group on %s; reverse its entries to correct it", on)
	}
	return Meeting{ID: row.ID, GroupID: groupID, HeldOn: on, Replayed: true}, nil
}

// prefixError points an error about part of a request at that part:
// "amount" inside loans[0] of lines[3] becomes "lines[3].loans[0].amount".
// An error with fields and no message of its own is told by its fields,
// so the prefix reaches its sentence too.
func prefixError(prefix string, err error) error {
	e := ledger.AsError(err)
	if e == nil {
		return err
	}
	out := *e
	out.Fields = nil
	for _, f := range e.Fields {
		out.Fields = append(out.Fields, ledger.FieldError{Field: prefix + "." + f.Field, Reason: f.Reason, Args: f.Args})
	}
	return &out
}

// sheetMembers names the members of the sheet's lines, whose rows the sheet
// locks first (a member named wrongly is reported with her line).
func sheetMembers(lines []SheetPayment) []string {
	ids := make([]string, len(lines))
	for i, p := range lines {
		ids[i] = p.MemberID
	}
	return ids
}
