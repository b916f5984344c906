package accounts

import (
	"fmt"

	"github.com/lumbung/lumbung/ledger"
)

// wrap adds context to a non-nil error, keeping its chain:
// defer wrap(&err, "Func(%s)", arg).
func wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}

func errCooperativeNotFound() error {
	return ledger.NotFound("cooperative.not_found", "no such cooperative")
}

func errGroupNotFound() error { return ledger.NotFound("group.not_found", "no such group") }

func errMemberNotFound() error { return ledger.NotFound("member.not_found", "no such member") }

func errPartnerNotFound() error { return ledger.NotFound("partner.not_found", "no such partner") }

func errUserNotFound() error { return ledger.NotFound("user.not_found", "no such user") }
