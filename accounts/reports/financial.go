package reports

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// MemberStatement returns a member's statement of one of her savings for a
// period: the balance before it, each movement, the balance after. Her
// treasurer or the member herself. Errors: KindNotFound for anyone else;
// KindInvalid for a bad period.
func (s *Service) MemberStatement(ctx context.Context, a accounts.Actor, cooperativeID, memberID string, t accounts.SavingsType, from, to ledger.Date) (st ledger.Statement, err error) {
	defer ledger.Wrap(&err, "MemberStatement(%s, %s, %s)", cooperativeID, memberID, t)
	read, err := s.core.MemberRead(ctx, a, cooperativeID, memberID)
	if err != nil {
		return ledger.Statement{}, err
	}
	if !accounts.IsSavingsType(t) {
		return ledger.Statement{}, ledger.InvalidField("statement.invalid", "type", "pokok, wajib or sukarela")
	}
	coop, m := read.Cooperative(), read.Member()
	acct, err := s.ledger.FindAccountByCode(ctx, coop.BookID, accounts.MemberAccountCode(t, m.Number))
	if err != nil {
		return ledger.Statement{}, err
	}
	return s.ledger.AccountStatement(ctx, acct, from, to)
}

// MemberStatements returns a member's statements of all her savings for a
// period, pokok, wajib and sukarela in that order. Access and errors as
// MemberStatement.
func (s *Service) MemberStatements(ctx context.Context, a accounts.Actor, cooperativeID, memberID string, from, to ledger.Date) ([]ledger.Statement, error) {
	out := make([]ledger.Statement, 0, len(accounts.SavingsTypes))
	for _, t := range accounts.SavingsTypes {
		st, err := s.MemberStatement(ctx, a, cooperativeID, memberID, t, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// ReportLine is one line of a financial statement: a chart account with its
// sub-accounts (each member's savings, each loan, each facility) summed in.
type ReportLine struct {
	Code        string
	Name        string
	AmountMinor int64 // on the normal side of its section
}

// Section is one part of a financial statement.
type Section struct {
	Type       ledger.Type
	Lines      []ReportLine
	TotalMinor int64
}

// BalanceSheet is the neraca: what the cooperative holds and owes on a day.
// The year's surplus, not yet closed into SHU, stands inside equity so that
// assets equal liabilities plus equity.
type BalanceSheet struct {
	AsOf         ledger.Date
	Currency     ledger.Currency
	Assets       Section
	Liabilities  Section
	Equity       Section
	SurplusMinor int64 // income less expenses not yet closed
}

// IncomeStatement is what the cooperative earned and spent in a period.
type IncomeStatement struct {
	From, To     ledger.Date
	Currency     ledger.Currency
	Income       Section
	Expenses     Section
	SurplusMinor int64 // SHU before distribution
}

// groupNames names the chart codes that have no account of their own: they
// only gather members' sub-accounts.
var groupNames = map[string]string{
	accounts.CodeSukarela: "Voluntary savings (simpanan sukarela)",
	accounts.CodePokok:    "Principal shares (simpanan pokok)",
	accounts.CodeWajib:    "Mandatory savings (simpanan wajib)",
}

// sections sums accounts into their chart codes per type, in code order. A
// sub-account ("2100.0007", "1300.L0012") counts under the code before its
// dot; a code with no account of its own is named from groupNames.
func sections(accts []ledger.Account) map[ledger.Type]*Section {
	type group struct {
		typ  ledger.Type
		line ReportLine
	}
	groups := map[string]*group{}
	for _, a := range accts {
		code, _, isSub := strings.Cut(a.Code, ".")
		g := groups[code]
		if g == nil {
			g = &group{typ: a.Type, line: ReportLine{Code: code, Name: groupNames[code]}}
			groups[code] = g
		}
		if !isSub {
			g.line.Name = a.Name
		}
		g.line.AmountMinor += a.BalanceMinor
	}
	codes := make([]string, 0, len(groups))
	for code := range groups {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	out := map[ledger.Type]*Section{}
	for _, code := range codes {
		g := groups[code]
		sec := out[g.typ]
		if sec == nil {
			sec = &Section{Type: g.typ}
			out[g.typ] = sec
		}
		sec.Lines = append(sec.Lines, g.line)
		sec.TotalMinor += g.line.AmountMinor
	}
	return out
}

func section(m map[ledger.Type]*Section, t ledger.Type) Section {
	if sec := m[t]; sec != nil {
		return *sec
	}
	return Section{Type: t}
}

// balancesOn returns every account of the cooperative's book kept in its
// currency with its balance at the end of a day.
func (s *Service) balancesOn(ctx context.Context, coop accounts.Cooperative, on ledger.Date) ([]ledger.Account, error) {
	accts, err := ledger.AccountsOn(ctx, s.db, coop.BookID, on, ledger.Accounts{})
	if err != nil {
		return nil, err
	}
	return accounts.InBookCurrency(accts, coop.Currency), nil
}

// BalanceSheet returns the cooperative's neraca at the end of a day (zero:
// today). Its treasurer only. The check that assets equal liabilities plus
// equity plus the surplus is the trial balance's, made again here: a
// difference is a broken ledger, reported as an error, never a report.
func (s *Service) BalanceSheet(ctx context.Context, a accounts.Actor, cooperativeID string, asOf ledger.Date) (bs BalanceSheet, err error) {
	defer ledger.Wrap(&err, "BalanceSheet(%s, %s)", cooperativeID, asOf)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return BalanceSheet{}, err
	}
	coop := books.Cooperative()
	if asOf.IsZero() {
		asOf = ledger.DateOf(s.now().UTC())
	}
	accts, err := s.balancesOn(ctx, coop, asOf)
	if err != nil {
		return BalanceSheet{}, err
	}
	secs := sections(accts)
	bs = BalanceSheet{AsOf: asOf, Currency: coop.Currency, Assets: section(secs, ledger.Asset),
		Liabilities: section(secs, ledger.Liability), Equity: section(secs, ledger.Equity)}
	bs.SurplusMinor = section(secs, ledger.Income).TotalMinor - section(secs, ledger.Expense).TotalMinor
	if bs.Assets.TotalMinor != bs.Liabilities.TotalMinor+bs.Equity.TotalMinor+bs.SurplusMinor {
		return BalanceSheet{}, fmt.Errorf("accounts: the balance sheet of book %s does not balance on %s", coop.BookID, asOf)
	}
	return bs, nil
}

// IncomeStatement returns what the cooperative earned and spent from..to,
// both days included. Its treasurer only. Errors: KindInvalid for a period
// that ends before it starts.
func (s *Service) IncomeStatement(ctx context.Context, a accounts.Actor, cooperativeID string, from, to ledger.Date) (is IncomeStatement, err error) {
	defer ledger.Wrap(&err, "IncomeStatement(%s, %s, %s)", cooperativeID, from, to)
	books, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return IncomeStatement{}, err
	}
	coop := books.Cooperative()
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return IncomeStatement{}, ledger.InvalidField("statement.period", "to", "the period needs a start and an end, the end not before the start")
	}
	before, err := s.balancesOn(ctx, coop, from.AddDays(-1))
	if err != nil {
		return IncomeStatement{}, err
	}
	after, err := s.balancesOn(ctx, coop, to)
	if err != nil {
		return IncomeStatement{}, err
	}
	opening := make(map[string]int64, len(before))
	for _, a := range before {
		opening[a.ID] = a.BalanceMinor
	}
	// A year end in the period emptied income and expenses into the SHU;
	// what it took out was earned and spent in the period all the same.
	closed, err := ledger.ClosedOut(ctx, s.db, coop.BookID, accounts.KindYearClose, from, to, nil)
	if err != nil {
		return IncomeStatement{}, err
	}
	var flows []ledger.Account
	for _, a := range after {
		if a.Type == ledger.Income || a.Type == ledger.Expense {
			a.BalanceMinor += closed[a.Code] - opening[a.ID]
			flows = append(flows, a)
		}
	}
	secs := sections(flows)
	is = IncomeStatement{From: from, To: to, Currency: coop.Currency, Income: section(secs, ledger.Income), Expenses: section(secs, ledger.Expense)}
	is.SurplusMinor = is.Income.TotalMinor - is.Expenses.TotalMinor
	return is, nil
}
