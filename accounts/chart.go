package accounts

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// The standard chart of accounts every cooperative's book starts with. The
// codes follow the usual Indonesian cooperative layout: 1 assets,
// 2 liabilities, 3 equity, 4 income, 5 expenses. Member savings have no
// account of their own in the chart: they live in per-member sub-accounts
// whose codes start with their type's code (see memberAccounts), and a
// savings total is the sum over that prefix.
const (
	CodeCash                = "1100" // Kas
	CodeBank                = "1200" // Bank
	CodeLoansReceivable     = "1300" // Piutang pinjaman anggota
	CodeCoverReceivable     = "1350" // Piutang tanggung renteng: covers members still owe
	CodePenaltiesReceivable = "1400" // Piutang denda: late penalties assessed, not yet paid
	CodeSukarela            = "2100" // Simpanan sukarela: voluntary savings, owed to members
	CodePartnerLoans        = "2200" // Pinjaman mitra: partner loan capital, repayable
	CodePayables            = "2300" // Utang lain-lain
	CodeCoverPayable        = "2350" // Utang tanggung renteng: covers owed back to the members who paid them
	CodeSolidarityFund      = "2360" // Dana tanggung renteng: covers owed to the groups' solidarity funds
	CodePokok               = "3100" // Simpanan pokok: principal share
	CodeWajib               = "3200" // Simpanan wajib: mandatory savings
	CodeGrants              = "3300" // Hibah: partner grants
	CodePartnerEquity       = "3400" // Modal penyertaan: partner equity
	CodeReserve             = "3500" // Cadangan: reserve
	CodeSHU                 = "3600" // SHU: the year's surplus, retained until distributed
	CodeOpeningEquity       = "3800" // Ekuitas saldo awal: the other side of the balances a cooperative brings when it starts on Lumbung
	CodeInterestIncome      = "4100" // Pendapatan bunga pinjaman
	CodeFeeIncome           = "4200" // Pendapatan administrasi
	CodePenaltyIncome       = "4300" // Pendapatan denda
	CodeOtherIncome         = "4900" // Pendapatan lain-lain
	CodeOperatingExpenses   = "5100" // Beban operasional
	CodeInterestExpense     = "5200" // Beban bunga mitra
	CodeLoanLosses          = "5300" // Beban penghapusan piutang
)

var standardChart = []ledger.AccountInput{
	{Code: CodeCash, Name: "Cash (kas)", Type: ledger.Asset, NonNegative: true},
	{Code: CodeBank, Name: "Bank", Type: ledger.Asset, NonNegative: true},
	{Code: CodeLoansReceivable, Name: "Loans to members", Type: ledger.Asset},
	{Code: CodeCoverReceivable, Name: "Cover debts receivable (tanggung renteng)", Type: ledger.Asset, NonNegative: true},
	{Code: CodePenaltiesReceivable, Name: "Penalties receivable", Type: ledger.Asset},
	{Code: CodePartnerLoans, Name: "Partner loan capital", Type: ledger.Liability},
	{Code: CodePayables, Name: "Other payables", Type: ledger.Liability},
	{Code: CodeCoverPayable, Name: "Cover debts owed to members (tanggung renteng)", Type: ledger.Liability, NonNegative: true},
	{Code: CodeSolidarityFund, Name: "Group solidarity funds (tanggung renteng)", Type: ledger.Liability, NonNegative: true},
	{Code: CodeGrants, Name: "Partner grants (hibah)", Type: ledger.Equity},
	{Code: CodePartnerEquity, Name: "Partner equity", Type: ledger.Equity},
	{Code: CodeReserve, Name: "Reserve (cadangan)", Type: ledger.Equity},
	{Code: CodeSHU, Name: "Surplus (SHU)", Type: ledger.Equity},
	{Code: CodeOpeningEquity, Name: "Opening balance equity", Type: ledger.Equity},
	{Code: CodeInterestIncome, Name: "Loan interest income", Type: ledger.Income},
	{Code: CodeFeeIncome, Name: "Fee income", Type: ledger.Income},
	{Code: CodePenaltyIncome, Name: "Penalty income", Type: ledger.Income},
	{Code: CodeOtherIncome, Name: "Other income", Type: ledger.Income},
	{Code: CodeOperatingExpenses, Name: "Operating expenses", Type: ledger.Expense},
	{Code: CodeInterestExpense, Name: "Interest on partner loans", Type: ledger.Expense},
	{Code: CodeLoanLosses, Name: "Loan losses (write-offs)", Type: ledger.Expense},
}

// chartNamesID names, in Bahasa Indonesia, every account Lumbung opens
// under a code of its own: the standard chart, the codes that gather the
// members' savings and the year end's funds. A book stores the English
// name, which the API answers with; a document translates by code when it
// is drawn, so books made before the translation read right too, and an
// account the treasurer opened herself keeps the name she gave it.
var chartNamesID = map[string]string{
	CodeCash:                "Kas",
	CodeBank:                "Bank",
	CodeLoansReceivable:     "Piutang pinjaman anggota",
	CodeCoverReceivable:     "Piutang tanggung renteng",
	CodePenaltiesReceivable: "Piutang denda",
	CodeSukarela:            "Simpanan sukarela",
	CodePartnerLoans:        "Pinjaman mitra",
	CodePayables:            "Utang lain-lain",
	CodeCoverPayable:        "Utang tanggung renteng kepada anggota",
	CodeSolidarityFund:      "Dana tanggung renteng kelompok",
	CodeSHUFundsPayable:     "Dana SHU yang harus dibayar",
	CodePokok:               "Simpanan pokok",
	CodeWajib:               "Simpanan wajib",
	CodeGrants:              "Hibah mitra",
	CodePartnerEquity:       "Modal penyertaan mitra",
	CodeReserve:             "Cadangan",
	CodeSHU:                 "Sisa hasil usaha (SHU)",
	CodeSHUFunds:            "Dana SHU yang disimpan",
	CodeOpeningEquity:       "Ekuitas saldo awal",
	CodeInterestIncome:      "Pendapatan bunga pinjaman",
	CodeFeeIncome:           "Pendapatan administrasi",
	CodePenaltyIncome:       "Pendapatan denda",
	CodeOtherIncome:         "Pendapatan lain-lain",
	CodeOperatingExpenses:   "Beban operasional",
	CodeInterestExpense:     "Beban bunga pinjaman mitra",
	CodeLoanLosses:          "Beban penghapusan piutang",
}

// AccountNameID is the Indonesian name of an account Lumbung opens under
// a code of its own; ok is false for any other code, whose account keeps
// its own name.
func AccountNameID(code string) (name string, ok bool) {
	name, ok = chartNamesID[code]
	return name, ok
}

// SavingsType is one of the three Indonesian cooperative savings.
type SavingsType string

const (
	Pokok    SavingsType = "pokok"    // one-off principal share paid on joining; equity; returned on exit
	Wajib    SavingsType = "wajib"    // mandatory periodic savings; equity; returned on exit
	Sukarela SavingsType = "sukarela" // voluntary; a liability; withdrawable, never below zero
)

// SavingsTypes lists the savings types in the order statements show them.
var SavingsTypes = []SavingsType{Pokok, Wajib, Sukarela}

// OwnerMember marks ledger accounts that belong to a member.
const OwnerMember = "member"

// MemberAccountCode is the code of a member's savings sub-account: the
// type's chart code, a dot and her member number ("2100.0042").
func MemberAccountCode(t SavingsType, memberNumber int) string {
	parent := map[SavingsType]string{Pokok: CodePokok, Wajib: CodeWajib, Sukarela: CodeSukarela}[t]
	return fmt.Sprintf("%s.%04d", parent, memberNumber)
}

// memberAccounts are the savings sub-accounts opened for each member.
// Sukarela may never go below zero: a member cannot withdraw what she has
// not saved. Pokok and wajib are equity the member holds in the cooperative.
func memberAccounts(m Member, rules SavingsRules) []ledger.AccountInput {
	owner := &ledger.Owner{Kind: OwnerMember, ID: m.ID}
	return []ledger.AccountInput{
		{Code: MemberAccountCode(Pokok, m.Number), Name: "Simpanan pokok " + m.Name, Type: ledger.Equity, Owner: owner, NonNegative: true,
			CeilingMinor: rules.pokokCeiling()},
		{Code: MemberAccountCode(Wajib, m.Number), Name: "Simpanan wajib " + m.Name, Type: ledger.Equity, Owner: owner, NonNegative: true},
		{Code: MemberAccountCode(Sukarela, m.Number), Name: "Simpanan sukarela " + m.Name, Type: ledger.Liability, Owner: owner, NonNegative: true},
	}
}

// CreateAccounts opens accounts in a book inside the caller's transaction.
func CreateAccounts(ctx context.Context, tx bun.Tx, bookID string, inputs []ledger.AccountInput, now time.Time) error {
	for _, in := range inputs {
		if _, err := ledger.CreateAccountTx(ctx, tx, bookID, in, now); err != nil {
			return err
		}
	}
	return nil
}

// pokokCeiling is the ceiling over each member's pokok account: the amount
// the cooperative sets, or none when it sets none.
func (r SavingsRules) pokokCeiling() *int64 {
	if r.PokokMinor == 0 {
		return nil
	}
	ceiling := r.PokokMinor
	return &ceiling
}

// pokokCodePrefix starts the code of every member's pokok account.
const pokokCodePrefix = CodePokok + "."

// Parent codes of the funds a year end names.
const (
	CodeSHUFundsPayable = "2400" // Dana SHU: funds owed out of the SHU
	CodeSHUFunds        = "3700" // Dana SHU: funds kept out of the SHU
)

// KindYearClose is the entry that closes a year's income and expenses into
// SHU, dated December 31: the year end posts it, and what it closed out is
// read back (ledger.ClosedOut) wherever a figure spans a closed year, such
// as the interest a loan has paid.
const KindYearClose = "year.close"

// IsSavingsType reports whether t is one of the three savings.
func IsSavingsType(t SavingsType) bool { return t == Pokok || t == Wajib || t == Sukarela }

// OpenOpeningEquityTx opens the opening balance equity account in a book
// that lacks it, inside the caller's transaction: books made before the
// chart had it get it when their first opening balances are imported.
func OpenOpeningEquityTx(ctx context.Context, tx bun.Tx, bookID string, now time.Time) error {
	have, err := ledger.AccountsByCode(ctx, tx, bookID, []string{CodeOpeningEquity})
	if err != nil || len(have) > 0 {
		return err
	}
	for _, in := range standardChart {
		if in.Code == CodeOpeningEquity {
			return CreateAccounts(ctx, tx, bookID, []ledger.AccountInput{in}, now)
		}
	}
	return nil
}
