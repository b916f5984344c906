// Package approvals holds four eyes beyond loans: when a cooperative asks
// for it (its second_approval setting), a treasurer's write-off, reversal,
// amended meeting or year end waits here until another treasurer approves
// it, which carries it out as she asked, or either rejects it. Every step is
// in the audit log.
package approvals

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
)

// Status is where an approval stands.
const (
	Pending  = "pending"
	Approved = "approved"
	Rejected = "rejected"
)

// Approval is a treasurer's request waiting for, or decided by, a second
// treasurer. Result names what the approved request recorded: the entry of
// a write-off or a reversal, the meeting amended, the year closed.
type Approval struct {
	ID            string
	CooperativeID string
	Action        accounts.ApprovalAction
	Subject       string // the loan, the entry, "group/day" of a meeting, the year
	RequestedBy   string
	RequestedAt   time.Time
	Status        string
	DecidedBy     string
	DecidedAt     *time.Time
	Result        string
}

type approvalRow struct {
	bun.BaseModel `bun:"table:approvals"`

	ID            string     `bun:"id,pk"`
	CooperativeID string     `bun:"cooperative_id"`
	Action        string     `bun:"action"`
	Subject       string     `bun:"subject"`
	Request       string     `bun:"request"`
	RequestedBy   string     `bun:"requested_by"`
	RequestedAt   time.Time  `bun:"requested_at"`
	Status        string     `bun:"status"`
	DecidedBy     *string    `bun:"decided_by"`
	DecidedAt     *time.Time `bun:"decided_at"`
	Result        *string    `bun:"result"`
}

func (r approvalRow) approval() Approval {
	a := Approval{ID: r.ID, CooperativeID: r.CooperativeID, Action: accounts.ApprovalAction(r.Action), Subject: r.Subject,
		RequestedBy: r.RequestedBy, RequestedAt: r.RequestedAt, Status: r.Status, DecidedAt: r.DecidedAt}
	if r.DecidedBy != nil {
		a.DecidedBy = *r.DecidedBy
	}
	if r.Result != nil {
		a.Result = *r.Result
	}
	return a
}

// Service keeps the approvals and carries approved requests out through
// the services that own them. It is safe for concurrent use.
type Service struct {
	core     *accounts.Service
	db       *bun.DB
	ledger   *ledger.Ledger
	lending  *lending.Service
	books    *books.Service
	meetings *meetings.Service
	yearEnd  *yearend.Service
	now      func() time.Time
}

// New returns the approvals service over the services whose actions it
// holds back.
func New(core *accounts.Service, l *lending.Service, b *books.Service, m *meetings.Service, y *yearend.Service) *Service {
	return &Service{core: core, db: core.DB(), ledger: core.Ledger(), lending: l, books: b, meetings: m, yearEnd: y, now: core.Now}
}

// Required says whether the cooperative puts the action under four eyes,
// for its treasurer. Errors: as accounts.Service.Books.
func (s *Service) Required(ctx context.Context, a accounts.Actor, cooperativeID string, action accounts.ApprovalAction) (bool, error) {
	b, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return false, err
	}
	return b.Cooperative().NeedsSecondTreasurer(action), nil
}

// WriteOff asks for a loan's write-off.
type WriteOff struct {
	LoanID string
	Input  accounts.MoneyInput
}

// Reversal asks for an entry's reversal.
type Reversal struct {
	EntryID string
	Input   ledger.ReversalInput
}

// MeetingAmend asks for a recorded meeting to be amended.
type MeetingAmend struct {
	GroupID string
	On      ledger.Date
	Input   meetings.SheetInput
}

// YearEnd asks for a year to be closed.
type YearEnd struct {
	Input yearend.YearEndInput
}

// RequestWriteOff, RequestReversal, RequestAmend and RequestYearEnd put a
// treasurer's request in the queue. Errors: as accounts.Service.Books;
// KindConflict (approval.pending) when the same action on the same subject
// already waits.
func (s *Service) RequestWriteOff(ctx context.Context, a accounts.Actor, cooperativeID string, r WriteOff) (Approval, error) {
	return s.request(ctx, a, cooperativeID, accounts.ApproveWriteOff, r.LoanID, r)
}

// RequestReversal: see RequestWriteOff.
func (s *Service) RequestReversal(ctx context.Context, a accounts.Actor, cooperativeID string, r Reversal) (Approval, error) {
	return s.request(ctx, a, cooperativeID, accounts.ApproveReversal, r.EntryID, r)
}

// RequestAmend: see RequestWriteOff.
func (s *Service) RequestAmend(ctx context.Context, a accounts.Actor, cooperativeID string, r MeetingAmend) (Approval, error) {
	return s.request(ctx, a, cooperativeID, accounts.ApproveMeetingAmend, r.GroupID+"/"+r.On.String(), r)
}

// RequestYearEnd: see RequestWriteOff.
func (s *Service) RequestYearEnd(ctx context.Context, a accounts.Actor, cooperativeID string, r YearEnd) (Approval, error) {
	return s.request(ctx, a, cooperativeID, accounts.ApproveYearEnd, fmt.Sprint(r.Input.Year), r)
}

func (s *Service) request(ctx context.Context, a accounts.Actor, cooperativeID string, action accounts.ApprovalAction, subject string, payload any) (ap Approval, err error) {
	defer ledger.Wrap(&err, "Request(%s, %s)", cooperativeID, action)
	b, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return Approval{}, err
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return Approval{}, err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	row := approvalRow{ID: ledger.NewID(), CooperativeID: b.Cooperative().ID, Action: string(action), Subject: subject,
		Request: string(body), RequestedBy: a.UserID, RequestedAt: now, Status: Pending}
	err = s.ledger.InTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: row.CooperativeID, Action: "approval.request",
			SubjectKind: "approval", SubjectID: row.ID, After: map[string]any{"action": action, "subject": subject}}, now)
	})
	if ledger.IsUniqueViolation(err, "approvals_pending_key") {
		// The same request sent again (a retry after a lost answer) is
		// answered with the one waiting; another is refused.
		var waiting approvalRow
		err := s.db.NewSelect().Model(&waiting).Where("cooperative_id = ? AND action = ? AND subject = ? AND status = ?",
			row.CooperativeID, row.Action, subject, Pending).Scan(ctx)
		if err == nil && waiting.Request == row.Request {
			return waiting.approval(), nil
		}
		return Approval{}, ledger.Conflict("approval.pending", "a %s of this already waits for a second treasurer", action)
	}
	if err != nil {
		return Approval{}, err
	}
	return row.approval(), nil
}

// approvalsListMax bounds one listing.
const approvalsListMax = 200

// FindApprovals lists a cooperative's approvals, newest first, narrowed
// to one status when it is given: its treasurers' and its supervisor's to
// read. Errors: as accounts.Service.BooksRead; KindInvalid for a status
// other than the three.
func (s *Service) FindApprovals(ctx context.Context, a accounts.Actor, cooperativeID, status string) (as []Approval, err error) {
	defer ledger.Wrap(&err, "FindApprovals(%s)", cooperativeID)
	b, err := s.core.BooksRead(ctx, a, cooperativeID)
	if err != nil {
		return nil, err
	}
	if status != "" && status != Pending && status != Approved && status != Rejected {
		return nil, ledger.InvalidField("approval.status", "status", "pending, approved or rejected")
	}
	var rows []approvalRow
	q := s.db.NewSelect().Model(&rows).Where("cooperative_id = ?", b.Cooperative().ID).OrderExpr("id DESC").Limit(approvalsListMax)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	out := make([]Approval, len(rows))
	for i, r := range rows {
		out[i] = r.approval()
	}
	return out, nil
}

// Approve carries a waiting request out as its treasurer asked, now on the
// approver's word, and records the decision. The approver is another
// treasurer of the cooperative. The request runs through the service that
// owns it, under that service's own checks and locks; a request the books
// refuse now (the loan repaid meanwhile, a closed period) answers that
// refusal and stays waiting, nothing changed, to be rejected. Two
// approvers at once record it once: the owning service's own checks under
// its locks refuse the second (the loan is written off already), or its
// idempotency key (carried from the moment it was asked) replays it; the
// second is answered approval.decided, or that refusal while the first
// is still recording her decision.
// Errors: KindNotFound; KindForbidden (approval.self) for the treasurer who
// asked; KindConflict (approval.decided) for one decided already; the
// action's own errors.
func (s *Service) Approve(ctx context.Context, a accounts.Actor, cooperativeID, approvalID string) (ap Approval, err error) {
	defer ledger.Wrap(&err, "Approve(%s, %s)", cooperativeID, approvalID)
	row, err := s.waiting(ctx, a, cooperativeID, approvalID)
	if err != nil {
		return Approval{}, err
	}
	if row.RequestedBy == a.UserID {
		return Approval{}, ledger.Forbidden("approval.self", "another treasurer must approve a request you made")
	}
	result, err := s.carryOut(accounts.WithApproval(ctx, row.ID), a, row)
	if err != nil {
		// Another approver at the same moment may have carried it out
		// first; then hers stands, and the books refused this one as done.
		if _, werr := s.waiting(ctx, a, cooperativeID, approvalID); ledger.CodeOf(werr) == "approval.decided" {
			return Approval{}, werr
		}
		return Approval{}, err
	}
	return s.decide(ctx, a, row, Approved, result)
}

// Reject turns a waiting request down: any treasurer of the cooperative,
// the one who asked included (she withdraws it). Errors: as Approve, but
// not approval.self.
func (s *Service) Reject(ctx context.Context, a accounts.Actor, cooperativeID, approvalID string) (ap Approval, err error) {
	defer ledger.Wrap(&err, "Reject(%s, %s)", cooperativeID, approvalID)
	row, err := s.waiting(ctx, a, cooperativeID, approvalID)
	if err != nil {
		return Approval{}, err
	}
	return s.decide(ctx, a, row, Rejected, "")
}

// waiting reads a pending approval of the cooperative for its treasurer.
func (s *Service) waiting(ctx context.Context, a accounts.Actor, cooperativeID, approvalID string) (approvalRow, error) {
	var row approvalRow
	b, err := s.core.Books(ctx, a, cooperativeID)
	if err != nil {
		return row, err
	}
	notFound := ledger.NotFound("approval.not_found", "no such approval in this cooperative")
	if !ledger.IsID(approvalID) {
		return row, notFound
	}
	err = s.db.NewSelect().Model(&row).Where("id = ? AND cooperative_id = ?", approvalID, b.Cooperative().ID).Scan(ctx)
	if accounts.NoRows(err) {
		return row, notFound
	}
	if err != nil {
		return row, err
	}
	if row.Status != Pending {
		return row, ledger.Conflict("approval.decided", "this request was %s already", row.Status)
	}
	return row, nil
}

// decide records the decision, if no one decided first; when someone did,
// it answers their decision (for an approval, the request they carried out
// is the one this approver's replayed).
func (s *Service) decide(ctx context.Context, a accounts.Actor, row approvalRow, status, result string) (Approval, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	err := s.ledger.InTx(ctx, func(tx bun.Tx) error {
		q := tx.NewUpdate().Table("approvals").Set("status = ?", status).Set("decided_by = ?", a.UserID).
			Set("decided_at = ?", now).Where("id = ? AND status = ?", row.ID, Pending)
		if result != "" {
			q = q.Set("result = ?", result)
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return accounts.Audit(ctx, tx, a.UserID, accounts.Change{Scope: row.CooperativeID, Action: "approval." + status,
			SubjectKind: "approval", SubjectID: row.ID, Before: map[string]any{"status": Pending, "requested_by": row.RequestedBy},
			After: map[string]any{"status": status, "action": row.Action, "subject": row.Subject, "result": result}}, now)
	})
	if err != nil {
		return Approval{}, err
	}
	var decided approvalRow
	if err := s.db.NewSelect().Model(&decided).Where("id = ?", row.ID).Scan(ctx); err != nil {
		return Approval{}, err
	}
	return decided.approval(), nil
}

// carryOut runs an approved request through the service that owns it and
// names what it recorded. A request stored without an idempotency key gets
// the approval's, so that a retried approval records it once.
func (s *Service) carryOut(ctx context.Context, a accounts.Actor, row approvalRow) (string, error) {
	key := "approval:" + row.ID
	keyed := func(k *string) {
		if *k == "" {
			*k = key
		}
	}
	coop := row.CooperativeID
	switch accounts.ApprovalAction(row.Action) {
	case accounts.ApproveWriteOff:
		return carry(row, func(r WriteOff) (string, error) {
			keyed(&r.Input.IdempotencyKey)
			e, err := s.lending.WriteOff(ctx, a, coop, r.LoanID, r.Input)
			return e.ID, err
		})
	case accounts.ApproveReversal:
		return carry(row, func(r Reversal) (string, error) {
			keyed(&r.Input.IdempotencyKey)
			e, err := s.books.ReverseEntry(ctx, a, coop, r.EntryID, r.Input)
			return e.ID, err
		})
	case accounts.ApproveMeetingAmend:
		// An amendment is idempotent by its sheet: the same sheet twice
		// is a replay.
		return carry(row, func(r MeetingAmend) (string, error) {
			m, err := s.meetings.AmendCollection(ctx, a, coop, r.GroupID, r.On, r.Input)
			return m.ID, err
		})
	case accounts.ApproveYearEnd:
		return carry(row, func(r YearEnd) (string, error) {
			keyed(&r.Input.IdempotencyKey)
			ye, err := s.yearEnd.CloseYear(ctx, a, coop, r.Input)
			return ye.ClosingEntryID, err
		})
	}
	return "", fmt.Errorf("approval %s: unknown action %q", row.ID, row.Action)
}

// carry reads an approval's stored request as the type its action takes
// and runs it.
func carry[T any](row approvalRow, run func(T) (string, error)) (string, error) {
	var r T
	if err := json.Unmarshal([]byte(row.Request), &r); err != nil {
		return "", fmt.Errorf("approval %s: stored request: %w", row.ID, err)
	}
	return run(r)
}
