package api

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
)

// The cooperative's everyday money, kept by its treasurer: savings, partner
// capital, expenses and other income. Each answers with the entry it posted.

// moneyRequest is the common body of a money movement.
type moneyRequest struct {
	Amount string `json:"amount"`
	Date   string `json:"date"`
	Memo   string `json:"memo"`
	Via    string `json:"via"`
}

func (req moneyRequest) input(c *fiber.Ctx) (accounts.MoneyInput, error) {
	date, err := optionalDate("date", req.Date)
	return accounts.MoneyInput{Amount: req.Amount, Date: date, Memo: req.Memo, Via: req.Via,
		IdempotencyKey: c.Get(headerIdempotencyKey)}, err
}

// payoutRequest is the body of a route that pays out an amount the books
// decide: a loan's disbursement, a leaving member's settlement. It has no
// amount field, so an amount sent is refused, not silently ignored.
type payoutRequest struct {
	Date string `json:"date"`
	Memo string `json:"memo"`
	Via  string `json:"via"`
}

func (req payoutRequest) input(c *fiber.Ctx) (accounts.MoneyInput, error) {
	return moneyRequest{Date: req.Date, Memo: req.Memo, Via: req.Via}.input(c)
}

type savingsRulesRequest struct {
	Pokok          string `json:"pokok"`
	Wajib          string `json:"wajib"`
	WajibFrequency string `json:"wajib_frequency"`
}

func (s *server) updateSavingsRules(c *fiber.Ctx) error {
	var req savingsRulesRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	coop, err := s.accounts.UpdateSavingsRules(c.UserContext(), actor(c), c.Params("coop"), accounts.SavingsRulesInput(req))
	if err != nil {
		return err
	}
	return c.JSON(toCooperative(coop))
}

type savingsRequest struct {
	Type string `json:"type"`
	moneyRequest
}

func (s *server) deposit(c *fiber.Ctx) error {
	return s.savingsMove(c, s.savings.Deposit)
}

func (s *server) withdraw(c *fiber.Ctx) error {
	return s.savingsMove(c, s.savings.Withdraw)
}

type savingsMove func(ctx context.Context, a accounts.Actor, cooperativeID string, in savings.SavingsInput) (ledger.Entry, error)

func (s *server) savingsMove(c *fiber.Ctx, move savingsMove) error {
	var req savingsRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	in, err := req.input(c)
	if err != nil {
		return err
	}
	e, err := move(c.UserContext(), actor(c), c.Params("coop"), savings.SavingsInput{MemberID: c.Params("member"),
		Type: accounts.SavingsType(req.Type), MoneyInput: in})
	if err != nil {
		return err
	}
	return sendEntry(c, e)
}

type memberSavingsJSON struct {
	MemberID string            `json:"member_id"`
	AsOf     string            `json:"as_of"`
	Currency string            `json:"currency"`
	Balances map[string]string `json:"balances"`
	Wajib    wajibJSON         `json:"wajib"`
}

type wajibJSON struct {
	PeriodsDue int    `json:"periods_due"`
	Due        string `json:"due"`
	Paid       string `json:"paid"`
	Arrears    string `json:"arrears"`
}

func (s *server) memberSavings(c *fiber.Ctx) error {
	date, err := asOf(c)
	if err != nil {
		return err
	}
	ms, err := s.savings.FindMemberSavings(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"), date)
	if err != nil {
		return err
	}
	cur := ms.Currency
	out := memberSavingsJSON{MemberID: ms.Member.ID, AsOf: ms.AsOf.String(), Currency: cur.Code(), Balances: map[string]string{},
		Wajib: wajibJSON{PeriodsDue: ms.Wajib.PeriodsDue, Due: ledger.FormatMinor(ms.Wajib.DueMinor, cur),
			Paid: ledger.FormatMinor(ms.Wajib.PaidMinor, cur), Arrears: ledger.FormatMinor(ms.Wajib.ArrearsMinor, cur)}}
	for t, b := range ms.BalanceMinor {
		out.Balances[string(t)] = ledger.FormatMinor(b, cur)
	}
	return c.JSON(out)
}

func (s *server) exitMember(c *fiber.Ctx) error {
	var req payoutRequest
	if err := decodeOptional(c, &req); err != nil {
		return err
	}
	in, err := req.input(c)
	if err != nil {
		return err
	}
	e, err := s.lending.Exit(c.UserContext(), actor(c), c.Params("coop"), c.Params("member"), in)
	if err != nil {
		return err
	}
	return sendEntry(c, e)
}
