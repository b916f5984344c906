package accounts

import (
	"context"
	"slices"
	"strings"

	"github.com/lumbung/lumbung/ledger"
)

// ApprovalAction is a treasurer's action that a cooperative may ask a
// second treasurer to approve before it reaches the books (four eyes).
type ApprovalAction string

const (
	ApproveWriteOff     ApprovalAction = "write_off"
	ApproveReversal     ApprovalAction = "reversal"
	ApproveMeetingAmend ApprovalAction = "meeting_amend"
	ApproveYearEnd      ApprovalAction = "year_end"
)

// ApprovalActions are the actions a cooperative may put under four eyes.
var ApprovalActions = []ApprovalAction{ApproveWriteOff, ApproveReversal, ApproveMeetingAmend, ApproveYearEnd}

// parseApprovals reads the stored setting: the actions, comma-separated.
func parseApprovals(stored string) []ApprovalAction {
	out := []ApprovalAction{}
	for _, a := range strings.Split(stored, ",") {
		if a != "" {
			out = append(out, ApprovalAction(a))
		}
	}
	return out
}

// storeApprovals checks a setting's actions and returns them as stored, in
// the order ApprovalActions lists them; false for an unknown action or one
// named twice.
func storeApprovals(actions []string) (string, bool) {
	seen := map[string]bool{}
	for _, a := range actions {
		if seen[a] || !slices.Contains(ApprovalActions, ApprovalAction(a)) {
			return "", false
		}
		seen[a] = true
	}
	var kept []string
	for _, a := range ApprovalActions {
		if seen[string(a)] {
			kept = append(kept, string(a))
		}
	}
	return strings.Join(kept, ","), true
}

// NeedsSecondTreasurer says whether the cooperative puts the action under
// four eyes.
func (c Cooperative) NeedsSecondTreasurer(a ApprovalAction) bool {
	return slices.Contains(c.SecondApproval, a)
}

type approvedKey struct{}

// WithApproval returns a context in which an action under four eyes may
// reach the books: the approvals service sets it when a second treasurer
// approves, and nothing else does.
func WithApproval(ctx context.Context, approvalID string) context.Context {
	return context.WithValue(ctx, approvedKey{}, approvalID)
}

// BooksFor is Books for an action a cooperative may put under four eyes:
// when it does, the action reaches the books only through an approval
// (WithApproval). Errors: as Books; KindConflict (approval.required) when
// the action waits for a second treasurer.
func (s *Service) BooksFor(ctx context.Context, a Actor, cooperativeID string, action ApprovalAction) (Books, error) {
	b, err := s.Books(ctx, a, cooperativeID)
	if err != nil {
		return Books{}, err
	}
	if id, _ := ctx.Value(approvedKey{}).(string); id == "" && b.coop.NeedsSecondTreasurer(action) {
		return Books{}, ledger.Conflict("approval.required",
			"this cooperative asks a second treasurer to approve a %s: ask for it as an approval", action)
	}
	return b, nil
}
