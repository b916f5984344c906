package accounts

import (
	"github.com/lumbung/lumbung/ledger"
)

func ErrCooperativeNotFound() error {
	return ledger.NotFound("cooperative.not_found", "no such cooperative")
}

func ErrGroupNotFound() error { return ledger.NotFound("group.not_found", "no such group") }

func ErrMemberNotFound() error { return ledger.NotFound("member.not_found", "no such member") }

func ErrPartnerNotFound() error { return ledger.NotFound("partner.not_found", "no such partner") }

func ErrUserNotFound() error { return ledger.NotFound("user.not_found", "no such user") }
