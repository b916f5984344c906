package api

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/approvals"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/api/render"
	"github.com/lumbung/lumbung/ledger"
)

// A cooperative's books, kept by its treasurer: ledger accounts, entries,
// reversals and the trial balance.

func (s *server) listAccounts(c *fiber.Ctx) error {
	date, err := asOf(c)
	if err != nil {
		return err
	}
	as, err := s.books.FindLedgerAccounts(c.UserContext(), actor(c), c.Params("coop"), date)
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(as, toAccount), ""))
}

func (s *server) getAccount(c *fiber.Ctx) error {
	date, err := asOf(c)
	if err != nil {
		return err
	}
	code, err := url.PathUnescape(c.Params("code"))
	if err != nil {
		return ledger.NotFound("account.not_found", "no such account")
	}
	a, err := s.books.FindLedgerAccount(c.UserContext(), actor(c), c.Params("coop"), code, date)
	if err != nil {
		return err
	}
	return c.JSON(toAccount(a))
}

type accountRequest struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	Currency    string `json:"currency"`
	NonNegative bool   `json:"non_negative"`
}

func (s *server) createAccount(c *fiber.Ctx) error {
	var req accountRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	a, err := s.books.CreateLedgerAccount(c.UserContext(), actor(c), c.Params("coop"), ledger.AccountInput{
		Code: req.Code, Name: req.Name, Type: ledger.Type(req.Type), Currency: req.Currency, NonNegative: req.NonNegative})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toAccount(a))
}

type postingRequest struct {
	Account string `json:"account"`
	Side    string `json:"side"`
	Amount  string `json:"amount"`
}

type entryRequest struct {
	Kind          string            `json:"kind"`
	Memo          string            `json:"memo"`
	EffectiveDate string            `json:"effective_date"`
	Metadata      map[string]string `json:"metadata"`
	Postings      []postingRequest  `json:"postings"`
}

// headerIdempotencyKey makes a POST safe to retry: the same key with the
// same body returns the entry recorded the first time.
const headerIdempotencyKey = "Idempotency-Key"

// headerIdempotentReplayed marks an answer that recorded nothing: an
// earlier request with the same Idempotency-Key recorded what it returns.
const headerIdempotentReplayed = "Idempotent-Replayed"

// input parses the request's amounts through the money door's syntax check;
// the ledger converts them in each account's currency.
func (req entryRequest) input(key string) (ledger.EntryInput, error) {
	in := ledger.EntryInput{Kind: req.Kind, Memo: req.Memo, Metadata: req.Metadata, IdempotencyKey: key}
	var fields []ledger.FieldError
	date, err := optionalDate("effective_date", req.EffectiveDate)
	if err != nil {
		fields = append(fields, ledger.AsError(err).Fields...)
	}
	in.EffectiveDate = date
	for i, p := range req.Postings {
		field := fmt.Sprintf("postings[%d].amount", i)
		amount, err := ledger.ParseAmount(field, p.Amount)
		if err == nil && !amount.IsPositive() {
			err = ledger.InvalidField("amount.not_positive", field, "must be greater than zero")
		}
		if err != nil {
			fields = append(fields, ledger.AsError(err).Fields...)
		}
		in.Postings = append(in.Postings, ledger.PostingInput{Account: p.Account, Side: ledger.Side(p.Side), Amount: amount})
	}
	if len(fields) > 0 {
		return in, ledger.Invalid("entry.invalid", "the entry is not valid", fields...)
	}
	return in, nil
}

func (s *server) postEntry(c *fiber.Ctx) error {
	var req entryRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input(c.Get(headerIdempotencyKey))
	if err != nil {
		return err
	}
	e, err := s.books.PostEntry(c.UserContext(), actor(c), c.Params("coop"), in)
	if err != nil {
		return err
	}
	return sendEntry(c, e)
}

// sendEntry answers a posted entry: 201 when it was recorded now, 200 with
// Idempotent-Replayed when an earlier identical request recorded it.
func sendEntry(c *fiber.Ctx, e ledger.Entry) error {
	c.Location(fmt.Sprintf("/v1/cooperatives/%s/entries/%s", c.Params("coop"), e.ID))
	return c.Status(recordedStatus(c, e.Replayed)).JSON(toEntry(e))
}

// recordedStatus is the status of an answer to a request that records
// something: 201 when it was recorded now; 200, marked Idempotent-Replayed,
// when an earlier request with the same key recorded it and this one
// recorded nothing.
func recordedStatus(c *fiber.Ctx, replayed bool) int {
	if !replayed {
		return fiber.StatusCreated
	}
	c.Set(headerIdempotentReplayed, "true")
	return fiber.StatusOK
}

type reversalRequest struct {
	Memo          string `json:"memo"`
	EffectiveDate string `json:"effective_date"`
}

func (s *server) reverseEntry(c *fiber.Ctx) error {
	var req reversalRequest
	if err := decodeOptional(c, &req); err != nil {
		return err
	}
	date, err := optionalDate("effective_date", req.EffectiveDate)
	if err != nil {
		return err
	}
	in := ledger.ReversalInput{Memo: req.Memo, EffectiveDate: date, IdempotencyKey: c.Get(headerIdempotencyKey)}
	if waits, err := s.secondTreasurer(c, accounts.ApproveReversal); waits || err != nil {
		return s.askApproval(c, err, func(ctx context.Context, a accounts.Actor, coop string) (approvals.Approval, error) {
			return s.approvals.RequestReversal(ctx, a, coop, approvals.Reversal{EntryID: c.Params("entry"), Input: in})
		})
	}
	e, err := s.books.ReverseEntry(c.UserContext(), actor(c), c.Params("coop"), c.Params("entry"), in)
	if err != nil {
		return err
	}
	return sendEntry(c, e)
}

func (s *server) getEntry(c *fiber.Ctx) error {
	e, err := s.books.FindEntryByID(c.UserContext(), actor(c), c.Params("coop"), c.Params("entry"))
	if err != nil {
		return err
	}
	return c.JSON(toEntry(e))
}

func (s *server) listEntries(c *fiber.Ctx) error {
	before, limit, err := entryPage(c)
	if err != nil {
		return err
	}
	p, err := s.books.FindEntries(c.UserContext(), actor(c), c.Params("coop"), books.EntryFilter{AccountCode: c.Query("account"), Before: before, Limit: limit})
	if err != nil {
		return err
	}
	return c.JSON(newList(mapSlice(p.Entries, toEntry), sequenceCursor(p.Next)))
}

func sequenceCursor(next int64) string {
	if next == 0 {
		return ""
	}
	return strconv.FormatInt(next, 10)
}

type trialBalanceLineJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Currency string `json:"currency"`
	Debit    string `json:"debit"`
	Credit   string `json:"credit"`
}

type totalJSON struct {
	Currency string `json:"currency"`
	Debit    string `json:"debit"`
	Credit   string `json:"credit"`
}

// trialBalance answers {"as_of" (a past day only), "lines", "totals"}.
func (s *server) trialBalance(c *fiber.Ctx) error {
	f, err := s.parseReportFormat(c, formatCSV)
	if err != nil {
		return err
	}
	date, err := asOf(c)
	if err != nil {
		return err
	}
	tb, err := s.books.TrialBalance(c.UserContext(), actor(c), c.Params("coop"), date)
	if err != nil {
		return err
	}
	if f.kind == formatCSV {
		if date.IsZero() {
			date = today() // the current balances: filed under today
		}
		return s.sendCooperativeCSV(c, "trial-balance", date, render.TrialBalanceCSV(tb, f.csv, f.lang))
	}
	totals := []totalJSON{}
	for _, cur := range render.TrialBalanceCurrencies(tb) {
		code := cur.Code()
		totals = append(totals, totalJSON{Currency: code, Debit: ledger.FormatMinor(tb.Debits[code], cur),
			Credit: ledger.FormatMinor(tb.Credits[code], cur)})
	}
	// Streamed: a book of ten thousand accounts is a megabyte and more
	// of JSON, which 16 clients at once would otherwise each hold whole.
	var fields []jsonField
	if !date.IsZero() {
		fields = append(fields, jsonValue("as_of", date.String()))
	}
	return s.sendJSONStream(c, append(fields,
		jsonList("lines", len(tb.Lines), func(i int) any { return toTrialBalanceLine(tb.Lines[i]) }),
		jsonValue("totals", totals))...)
}

func toTrialBalanceLine(l ledger.TrialBalanceLine) trialBalanceLineJSON {
	cur := l.Account.Currency
	return trialBalanceLineJSON{Code: l.Account.Code, Name: l.Account.Name, Type: string(l.Account.Type),
		Currency: cur.Code(), Debit: ledger.FormatMinor(l.DebitMinor, cur), Credit: ledger.FormatMinor(l.CreditMinor, cur)}
}

type flowRequest struct {
	Account  string `json:"account"`
	Category string `json:"category"`
	moneyRequest
}

func (s *server) recordExpense(c *fiber.Ctx) error { return s.recordFlow(c, s.books.RecordExpense) }

func (s *server) recordIncome(c *fiber.Ctx) error { return s.recordFlow(c, s.books.RecordIncome) }

type flowRecorder func(ctx context.Context, a accounts.Actor, cooperativeID string, in books.FlowInput) (ledger.Entry, error)

func (s *server) recordFlow(c *fiber.Ctx, record flowRecorder) error {
	var req flowRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input(c)
	if err != nil {
		return err
	}
	e, err := record(c.UserContext(), actor(c), c.Params("coop"), books.FlowInput{Account: req.Account, Category: req.Category, MoneyInput: in})
	if err != nil {
		return err
	}
	return sendEntry(c, e)
}
