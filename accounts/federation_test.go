package accounts_test

import (
	"testing"

	"github.com/lumbung/lumbung/accounts/accountstest"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestSmallFederationKeepsEveryRule writes a small federation the way the
// report benchmark writes its large one (COPY, through ledger.Prepare for
// each entry) and lets NewFederation verify it with every check lumbung
// verify runs: the generator must store what the services would. The
// federation writes with PostgreSQL's COPY, so it runs there only.
func TestSmallFederationKeepsEveryRule(t *testing.T) {
	db, _ := lt.NewPostgres(t)
	lt.MustMigrate(t, db)
	f := accountstest.NewFederation(t, db, accountstest.FederationSize{
		Cooperatives: 2, GroupsPerCooperative: 2, MembersPerGroup: 5, Partners: 2, Weeks: 30})
	if f.Entries == 0 || f.Loans == 0 {
		t.Errorf("the federation holds %d entries and %d loans; want some of each", f.Entries, f.Loans)
	}
}
