package accounts

import (
	"github.com/lumbung/lumbung/ledger"
)

func errCooperativeNotFound() error {
	return ledger.NotFound("cooperative.not_found", "no such cooperative")
}

func errGroupNotFound() error { return ledger.NotFound("group.not_found", "no such group") }

func errMemberNotFound() error { return ledger.NotFound("member.not_found", "no such member") }

func errPartnerNotFound() error { return ledger.NotFound("partner.not_found", "no such partner") }

func errUserNotFound() error { return ledger.NotFound("user.not_found", "no such user") }
