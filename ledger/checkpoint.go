package ledger

// Checkpoints: a signed statement of a book at one point of its journal,
// its sequence number, chain head and the balance of every account after
// that entry, so that someone holding a copy of the journal can check, on
// their own machine, that the server stood by these figures then and that
// the journal it serves now still leads to them.

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/uptrace/bun"
)

// CheckpointVersion names the statement's form; a change is a new version.
const CheckpointVersion = "lumbung-checkpoint-1"

// CheckpointStatement is what a checkpoint signs, as canonical JSON.
type CheckpointStatement struct {
	Version   string `json:"v"`
	Book      string `json:"book"`
	Sequence  int64  `json:"seq"`        // the last entry it covers; 0 for an empty book
	ChainHead string `json:"chain_head"` // that entry's chain hash; "" for an empty book
	MonthEnd  string `json:"month_end"`  // the month end it closes, or "" when taken on demand
	TakenAt   string `json:"taken_at"`
	// Balances holds every account whose balance after entry Sequence is
	// not zero, by code, on its normal side: the trial balance.
	Balances []CheckpointBalance `json:"balances"`
}

// CheckpointBalance is one account's balance in a checkpoint.
type CheckpointBalance struct {
	Account      string `json:"account"`
	Type         Type   `json:"type"`
	Currency     string `json:"currency"`
	BalanceMinor int64  `json:"balance_minor"`
}

// Checkpoint is a signed statement as stored and handed out: the statement
// exactly as signed, its Ed25519 signature and the public key that checks it.
type Checkpoint struct {
	ID        string
	BookID    string
	Sequence  int64
	ChainHead string
	MonthEnd  Date // zero: taken on demand
	TakenAt   time.Time
	Statement []byte
	Signature []byte
	PublicKey ed25519.PublicKey
}

type checkpointRow struct {
	bun.BaseModel `bun:"table:checkpoints"`

	ID        string    `bun:"id,pk"`
	BookID    string    `bun:"book_id"`
	Sequence  int64     `bun:"sequence"`
	ChainHead string    `bun:"chain_head"`
	MonthEnd  *Date     `bun:"month_end_on"`
	TakenAt   time.Time `bun:"taken_at"`
	Statement string    `bun:"statement"`
	Signature string    `bun:"signature"`
	PublicKey string    `bun:"public_key"`
}

func (r checkpointRow) checkpoint() (Checkpoint, error) {
	c := Checkpoint{ID: r.ID, BookID: r.BookID, Sequence: r.Sequence, ChainHead: r.ChainHead,
		TakenAt: r.TakenAt, Statement: []byte(r.Statement)}
	if r.MonthEnd != nil {
		c.MonthEnd = *r.MonthEnd
	}
	var err error
	if c.Signature, err = base64.StdEncoding.DecodeString(r.Signature); err != nil {
		return c, fmt.Errorf("checkpoint %s: signature: %w", r.ID, err)
	}
	key, err := base64.StdEncoding.DecodeString(r.PublicKey)
	if err != nil {
		return c, fmt.Errorf("checkpoint %s: public key: %w", r.ID, err)
	}
	c.PublicKey = key
	return c, nil
}

// Check verifies the signature and parses the statement. Errors: one
// saying what does not hold, for a checkpoint that cannot be trusted.
func (c Checkpoint) Check() (CheckpointStatement, error) {
	var st CheckpointStatement
	if len(c.PublicKey) != ed25519.PublicKeySize || !ed25519.Verify(c.PublicKey, c.Statement, c.Signature) {
		return st, errors.New("the signature does not verify with the checkpoint's public key")
	}
	if err := json.Unmarshal(c.Statement, &st); err != nil {
		return st, fmt.Errorf("the statement does not parse: %w", err)
	}
	if st.Version != CheckpointVersion {
		return st, fmt.Errorf("statement version %q, want %q", st.Version, CheckpointVersion)
	}
	return st, nil
}

// TakeCheckpoint signs a statement of the book as it stands, under the
// book's lock so that no entry lands between the sequence read and the
// balances. For a month end (monthEnd not zero) it is taken once: a second
// call answers the first checkpoint.
//
// Errors: KindNotFound for an unknown book.
func (l *Ledger) TakeCheckpoint(ctx context.Context, bookID string, monthEnd Date, key ed25519.PrivateKey) (c Checkpoint, err error) {
	defer Wrap(&err, "TakeCheckpoint(%s, %s)", bookID, monthEnd)
	err = inTx(ctx, l.db, func(tx bun.Tx) error {
		c, err = takeCheckpoint(ctx, tx, bookID, monthEnd, key, l.now().UTC())
		return err
	})
	if err != nil && !monthEnd.IsZero() && IsUniqueViolation(err, "checkpoints_month_end_key") {
		// Two servers closed the same month together; the other one's stands.
		return findMonthEnd(ctx, l.db, bookID, monthEnd)
	}
	return c, err
}

func takeCheckpoint(ctx context.Context, tx bun.Tx, bookID string, monthEnd Date, key ed25519.PrivateKey, now time.Time) (Checkpoint, error) {
	book, err := lockBook(ctx, tx, bookID)
	if err != nil {
		return Checkpoint{}, err
	}
	if !monthEnd.IsZero() {
		c, err := findMonthEnd(ctx, tx, bookID, monthEnd)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
	}
	st := CheckpointStatement{Version: CheckpointVersion, Book: bookID, Sequence: book.LastSequence,
		TakenAt: chainTime(now), Balances: []CheckpointBalance{}}
	if !monthEnd.IsZero() {
		st.MonthEnd = monthEnd.String()
	}
	if book.LastSequence > 0 {
		if err := tx.NewSelect().Table("entries").Column("chain_hash").
			Where("book_id = ? AND sequence = ?", bookID, book.LastSequence).Scan(ctx, &st.ChainHead); err != nil {
			return Checkpoint{}, err
		}
	}
	if err := tx.NewSelect().Table("ledger_accounts").
		ColumnExpr("code AS account, type, currency, balance_minor").
		Where("book_id = ? AND balance_minor <> 0", bookID).Order("code").
		Scan(ctx, &st.Balances); err != nil {
		return Checkpoint{}, err
	}
	body, err := json.Marshal(st)
	if err != nil {
		return Checkpoint{}, err
	}
	row := checkpointRow{ID: NewID(), BookID: bookID, Sequence: st.Sequence, ChainHead: st.ChainHead,
		TakenAt: now.Truncate(time.Microsecond), Statement: string(body),
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, body)),
		PublicKey: base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))}
	if !monthEnd.IsZero() {
		row.MonthEnd = &monthEnd
	}
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return Checkpoint{}, err
	}
	return row.checkpoint()
}

func findMonthEnd(ctx context.Context, db bun.IDB, bookID string, monthEnd Date) (Checkpoint, error) {
	var row checkpointRow
	if err := db.NewSelect().Model(&row).Where("book_id = ? AND month_end_on = ?", bookID, monthEnd).Scan(ctx); err != nil {
		return Checkpoint{}, err
	}
	return row.checkpoint()
}

// checkpointsListMax bounds one listing: eight years of month ends and as
// many taken on demand.
const checkpointsListMax = 200

// Checkpoints lists a book's checkpoints, newest first, at most
// checkpointsListMax.
func (l *Ledger) Checkpoints(ctx context.Context, bookID string) (cs []Checkpoint, err error) {
	defer Wrap(&err, "Checkpoints(%s)", bookID)
	return listCheckpoints(ctx, l.db, bookID, true, checkpointsListMax)
}

// listCheckpoints reads a book's checkpoints in journal order, or newest
// first; at most limit of them (0: all).
func listCheckpoints(ctx context.Context, db bun.IDB, bookID string, newestFirst bool, limit int) ([]Checkpoint, error) {
	var rows []checkpointRow
	order := "sequence, taken_at"
	if newestFirst {
		order = "sequence DESC, taken_at DESC"
	}
	q := db.NewSelect().Model(&rows).Where("book_id = ?", bookID).OrderExpr(order)
	if limit > 0 {
		q = q.Limit(int64(limit))
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Checkpoint, len(rows))
	for i, r := range rows {
		c, err := r.checkpoint()
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// BalancesAt is a trial balance replayed from a journal's postings, by
// account code: how a checkpoint is verified against the journal rather
// than against the stored balances.
type BalancesAt map[string]*CheckpointBalance

// Add counts one posting on an account of the type.
func (b BalancesAt) Add(code string, t Type, p Posting) {
	bal := b[code]
	if bal == nil {
		bal = &CheckpointBalance{Account: code, Type: t, Currency: p.Currency.Code()}
		b[code] = bal
	}
	bal.BalanceMinor += t.Effect(p.Side, p.AmountMinor)
}

// Stated returns the non-zero balances sorted by code.
func (b BalancesAt) Stated() []CheckpointBalance {
	out := []CheckpointBalance{}
	for _, bal := range b {
		if bal.BalanceMinor != 0 {
			out = append(out, *bal)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Account < out[j].Account })
	return out
}

// SameBalances says whether two trial balances state the same figures, and
// if not, the first account where they differ.
func SameBalances(stated, replayed []CheckpointBalance) (bool, string) {
	for i := 0; i < len(stated) || i < len(replayed); i++ {
		switch {
		case i >= len(stated):
			return false, fmt.Sprintf("account %s holds %d, which the checkpoint does not state", replayed[i].Account, replayed[i].BalanceMinor)
		case i >= len(replayed):
			return false, fmt.Sprintf("account %s: the checkpoint states %d, the journal leaves 0", stated[i].Account, stated[i].BalanceMinor)
		case stated[i] != replayed[i]:
			return false, fmt.Sprintf("account %s: the checkpoint states %d %s, the journal leaves %d %s", stated[i].Account,
				stated[i].BalanceMinor, stated[i].Currency, replayed[i].BalanceMinor, replayed[i].Currency)
		}
	}
	return true, ""
}

// verifyCheckpoints checks every checkpoint in scope: its signature, its
// statement against its row, its chain head against the entry it names,
// and its balances against the journal replayed up to that entry.
func verifyCheckpoints(ctx context.Context, db bun.IDB, scope VerifyScope) ([]Violation, error) {
	var rows []checkpointRow
	q := db.NewSelect().Model(&rows).OrderExpr("book_id, sequence")
	if scope.BookID != "" {
		q = q.Where("book_id = ?", scope.BookID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	var vs []Violation
	for _, r := range rows {
		problem, err := checkpointProblem(ctx, db, r)
		if err != nil {
			return nil, err
		}
		if problem != "" {
			vs = append(vs, Violation{Check: "checkpoint", BookID: r.BookID,
				Detail: fmt.Sprintf("checkpoint %s at entry #%d: %s", r.ID, r.Sequence, problem)})
		}
		if len(vs) == verifyViolationsMax {
			break
		}
	}
	return vs, nil
}

func checkpointProblem(ctx context.Context, db bun.IDB, r checkpointRow) (string, error) {
	c, err := r.checkpoint()
	if err != nil {
		return err.Error(), nil
	}
	st, err := c.Check()
	if err != nil {
		return err.Error(), nil
	}
	if st.Book != r.BookID || st.Sequence != r.Sequence || st.ChainHead != r.ChainHead {
		return "the signed statement names another book, entry or chain head than its row", nil
	}
	var head string
	if r.Sequence > 0 {
		err := db.NewSelect().Table("entries").ColumnExpr("COALESCE(chain_hash, '')").
			Where("book_id = ? AND sequence = ?", r.BookID, r.Sequence).Scan(ctx, &head)
		if errors.Is(err, sql.ErrNoRows) {
			return "the entry it names is missing from the journal", nil
		}
		if err != nil {
			return "", err
		}
	}
	if head != st.ChainHead {
		return "the journal's chain hash at that entry is not the one signed", nil
	}
	replayed, err := replayBalances(ctx, db, r.BookID, r.Sequence)
	if err != nil {
		return "", err
	}
	if same, why := SameBalances(st.Balances, replayed); !same {
		return why, nil
	}
	return "", nil
}

// replayBalances sums a book's postings of entries numbered up to seq per
// account, on each account's normal side.
func replayBalances(ctx context.Context, db bun.IDB, bookID string, seq int64) ([]CheckpointBalance, error) {
	var sums []struct {
		Code     string   `bun:"code"`
		Type     Type     `bun:"type"`
		Currency Currency `bun:"currency"`
		Debits   int64    `bun:"debits"`
		Credits  int64    `bun:"credits"`
	}
	err := db.NewSelect().TableExpr("postings AS p").
		Join("JOIN ledger_accounts AS a ON a.id = p.account_id").
		ColumnExpr("a.code, a.type, p.currency").
		ColumnExpr("SUM(CASE WHEN p.side = 'debit' THEN p.amount_minor ELSE 0 END) AS debits").
		ColumnExpr("SUM(CASE WHEN p.side = 'credit' THEN p.amount_minor ELSE 0 END) AS credits").
		Where("p.book_id = ? AND p.sequence <= ?", bookID, seq).
		GroupExpr("a.code, a.type, p.currency").Scan(ctx, &sums)
	if err != nil {
		return nil, err
	}
	b := BalancesAt{}
	for _, s := range sums {
		b.Add(s.Code, s.Type, Posting{Side: Debit, AmountMinor: s.Debits, Currency: s.Currency})
		b.Add(s.Code, s.Type, Posting{Side: Credit, AmountMinor: s.Credits, Currency: s.Currency})
	}
	return b.Stated(), nil
}

// JournalHead is where a book's journal stands: its last entry's number
// and chain hash, and the newest checkpoint signed at or before it.
type JournalHead struct {
	Sequence   int64
	ChainHash  string // "" for an empty book
	Checkpoint *Checkpoint
}

// FindJournalHead reads where a book's journal stands now, for a report
// that names the journal it was computed from. Errors: KindNotFound.
func FindJournalHead(ctx context.Context, db bun.IDB, bookID string) (h JournalHead, err error) {
	defer Wrap(&err, "FindJournalHead(%s)", bookID)
	book, err := findBookRow(ctx, db, bookID)
	if err != nil {
		return JournalHead{}, err
	}
	h.Sequence = book.LastSequence
	if h.Sequence > 0 {
		if err := db.NewSelect().Table("entries").ColumnExpr("COALESCE(chain_hash, '')").
			Where("book_id = ? AND sequence = ?", bookID, h.Sequence).Scan(ctx, &h.ChainHash); err != nil {
			return JournalHead{}, err
		}
	}
	cs, err := listCheckpoints(ctx, db, bookID, true, 1)
	if err != nil {
		return JournalHead{}, err
	}
	if len(cs) == 1 {
		h.Checkpoint = &cs[0]
	}
	return h, nil
}
