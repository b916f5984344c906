package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// Statements of one account over a period: a member's savings statement,
// and the treasurer's cash book (kas) or bank book.

type statementAccountJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type accountStatementLineJSON struct {
	EntryID       string `json:"entry_id"`
	Sequence      int64  `json:"sequence"`
	EffectiveDate string `json:"effective_date"`
	Kind          string `json:"kind"`
	Memo          string `json:"memo"`
	Side          string `json:"side"`
	Amount        string `json:"amount"`
	Balance       string `json:"balance"` // after this line, on the account's normal side
}

type accountStatementJSON struct {
	Account  statementAccountJSON       `json:"account"`
	Currency string                     `json:"currency"`
	From     string                     `json:"from"`
	To       string                     `json:"to"`
	Opening  string                     `json:"opening"`
	Lines    []accountStatementLineJSON `json:"lines"`
	Closing  string                     `json:"closing"`
}

func toAccountStatement(st ledger.Statement) accountStatementJSON {
	cur := st.Account.Currency
	lines := mapSlice(st.Lines, func(l ledger.StatementLine) accountStatementLineJSON {
		return accountStatementLineJSON{EntryID: l.EntryID, Sequence: l.Sequence, EffectiveDate: l.EffectiveDate.String(),
			Kind: l.Kind, Memo: l.Memo, Side: string(l.Side), Amount: ledger.FormatMinor(l.AmountMinor, cur),
			Balance: ledger.FormatMinor(l.BalanceMinor, cur)}
	})
	return accountStatementJSON{Account: statementAccountJSON{Code: st.Account.Code, Name: st.Account.Name},
		Currency: cur.Code(), From: st.From.String(), To: st.To.String(), Opening: ledger.FormatMinor(st.OpeningMinor, cur),
		Lines: lines, Closing: ledger.FormatMinor(st.ClosingMinor, cur)}
}

// period reads the from and to dates of a statement, both required. An end
// before the start is the service's to refuse.
func period(c *fiber.Ctx) (from, to ledger.Date, err error) {
	if from, err = optionalDate("from", c.Query("from")); err != nil {
		return ledger.Date{}, ledger.Date{}, err
	}
	if to, err = optionalDate("to", c.Query("to")); err != nil {
		return ledger.Date{}, ledger.Date{}, err
	}
	var missing []ledger.FieldError
	if from.IsZero() {
		missing = append(missing, ledger.FieldError{Field: "from", Reason: "required: the period's first day, YYYY-MM-DD"})
	}
	if to.IsZero() {
		missing = append(missing, ledger.FieldError{Field: "to", Reason: "required: the period's last day, YYYY-MM-DD"})
	}
	if len(missing) > 0 {
		return ledger.Date{}, ledger.Date{}, ledger.Invalid("statement.period", "the period needs a start and an end", missing...)
	}
	return from, to, nil
}

func (s *server) memberStatement(c *fiber.Ctx) error {
	f, err := parseReportFormat(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	from, to, err := period(c)
	if err != nil {
		return err
	}
	st, err := s.reports.MemberStatement(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"),
		accounts.SavingsType(c.Query("type")), from, to)
	if err != nil {
		return err
	}
	if f.kind == formatJSON {
		return c.JSON(toAccountStatement(st))
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	// The account code names whose statement it is ("statement-2100-0007"),
	// so that a treasurer's downloads for her members do not overwrite
	// each other.
	d := download{report: "statement-" + slug(st.Account.Code), owner: coop, date: st.To}
	if f.kind == formatCSV {
		return d.sendCSV(c, render.StatementCSV(st, f.csv, f.lang))
	}
	return d.sendPDF(c, render.StatementPDF(render.SavingsStatement, st, coop, today(), f.lang))
}

// cashBookAccount is the account a cash book covers: the cash box (kas) by
// default, or the bank.
func cashBookAccount(via string) (string, error) {
	switch via {
	case "", "cash":
		return accounts.CodeCash, nil
	case "bank":
		return accounts.CodeBank, nil
	default:
		return "", ledger.InvalidField("request.via", "via", "cash or bank")
	}
}

func (s *server) cashBook(c *fiber.Ctx) error {
	f, err := parseReportFormat(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	from, to, err := period(c)
	if err != nil {
		return err
	}
	code, err := cashBookAccount(c.Query("via"))
	if err != nil {
		return err
	}
	// Two calls, because FindLedgerAccount is the authorisation: it admits
	// only the cooperative's treasurer before the ledger is read.
	acct, err := s.books.FindLedgerAccount(c.UserContext(), actor(c), c.Params("coop"), code, ledger.Date{})
	if err != nil {
		return err
	}
	st, err := s.accounts.Ledger().AccountStatement(c.UserContext(), acct, from, to)
	if err != nil {
		return err
	}
	if f.kind == formatJSON {
		return c.JSON(toAccountStatement(st))
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	report, title := "cash-book", render.CashBook
	if code == accounts.CodeBank {
		report, title = "bank-book", render.BankBook
	}
	d := download{report: report, owner: coop, date: st.To}
	if f.kind == formatPDF {
		return d.sendPDF(c, render.StatementPDF(title, st, coop, today(), f.lang))
	}
	return d.sendCSV(c, render.StatementCSV(st, f.csv, f.lang))
}
