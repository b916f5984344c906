package api

import (
	"strings"

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

// savingsStatementsJSON is all of a member's savings over one period.
type savingsStatementsJSON struct {
	From       string                 `json:"from"`
	To         string                 `json:"to"`
	Statements []accountStatementJSON `json:"statements"`
}

// recentPeriod reads a statement's from and to, each optional: to is
// today by default and from the day after the same day three months
// earlier, so that a member who opens her statement sees her last three
// months without choosing dates. An end before the start is the service's
// to refuse.
func recentPeriod(c *fiber.Ctx) (from, to ledger.Date, err error) {
	if from, err = optionalDate("from", c.Query("from")); err != nil {
		return ledger.Date{}, ledger.Date{}, err
	}
	if to, err = optionalDate("to", c.Query("to")); err != nil {
		return ledger.Date{}, ledger.Date{}, err
	}
	if to.IsZero() {
		to = today()
	}
	if from.IsZero() {
		from = ledger.DateOf(to.Time().AddDate(0, -3, 1))
	}
	return from, to, nil
}

// memberStatement is one of a member's savings (?type=pokok|wajib|
// sukarela) or, without a type, all three in one document.
func (s *server) memberStatement(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV, formatPDF)
	if err != nil {
		return err
	}
	from, to, err := recentPeriod(c)
	if err != nil {
		return err
	}
	var sts []ledger.Statement
	if t := c.Query("type"); t != "" {
		st, err := s.reports.MemberStatement(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"),
			accounts.SavingsType(t), from, to)
		if err != nil {
			return err
		}
		if f.kind == formatJSON {
			return c.JSON(toAccountStatement(st))
		}
		sts = []ledger.Statement{st}
	} else {
		if sts, err = s.reports.MemberStatements(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"), from, to); err != nil {
			return err
		}
		if f.kind == formatJSON {
			return c.JSON(savingsStatementsJSON{From: from.String(), To: to.String(), Statements: mapSlice(sts, toAccountStatement)})
		}
	}
	coop, err := s.cooperativeName(c)
	if err != nil {
		return err
	}
	// The account code names whose statement it is ("statement-2100-0007"),
	// so that a treasurer's downloads for her members do not overwrite
	// each other; all her savings are filed under her number alone.
	name := sts[0].Account.Code
	if len(sts) > 1 {
		name = name[strings.LastIndexByte(name, '.')+1:]
	}
	d := download{report: "statement-" + slug(name), owner: coop, date: to}
	if f.kind == formatCSV {
		return d.sendCSV(c, render.StatementCSV(f.csv, f.lang, sts...))
	}
	return d.sendPDF(c, render.StatementPDF(render.SavingsStatement, coop, today(), f.lang, sts...))
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
	f, err := s.parseReportFormat(c, formatCSV, formatPDF)
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
		return d.sendPDF(c, render.StatementPDF(title, coop, today(), f.lang, st))
	}
	return d.sendCSV(c, render.StatementCSV(f.csv, f.lang, st))
}
