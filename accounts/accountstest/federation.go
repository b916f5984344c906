package accountstest

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/services"
	"github.com/lumbung/lumbung/ledger"
)

// A federation is many cooperatives with years of weekly activity, made
// for measuring reports at the scale Lumbung is meant for. Going through
// the services for every repayment would take hours, so the organisation
// (cooperatives, groups, partners, facilities, treasurers) is made through
// the services and the activity (members, loans, schedules, entries,
// postings, balances) is computed in memory by the same rules and written
// with COPY. NewFederation ends by running ledger.Verify over the whole
// database.

// FederationSize is how big a federation is.
type FederationSize struct {
	Cooperatives         int
	GroupsPerCooperative int // at most 5: groups meet Monday to Friday
	MembersPerGroup      int
	Partners             int // each cooperative has a facility from two of them
	Weeks                int
}

// FederationFull is the size reports are measured at: 200 cooperatives of
// 5 groups of 20 members (20,000 members), 20 partners each funding 20
// cooperatives, and two years of weekly meetings.
var FederationFull = FederationSize{Cooperatives: 200, GroupsPerCooperative: 5, MembersPerGroup: 20, Partners: 20, Weeks: 104}

// FederationTenth is a tenth of FederationFull with the same partner's
// view: 20 cooperatives, 2 partners each funding all 20. A partner's
// reports read as much as at full size; what grows with the whole
// database shows only at full size.
var FederationTenth = FederationSize{Cooperatives: 20, GroupsPerCooperative: 5, MembersPerGroup: 20, Partners: 2, Weeks: 104}

// FederationStart is the first meeting day, a Monday.
var FederationStart = ledger.NewDate(2024, time.November, 4)

// facilityCommittedMinor is what each facility commits, in rupiah.
const facilityCommittedMinor = 400_000_000

// Federation is what NewFederation made.
type Federation struct {
	Size         FederationSize
	Start, End   ledger.Date // the first and the last meeting day
	Partners     []FederatedPartner
	Cooperatives []FederatedCooperative
	Entries      int
	Postings     int
	Loans        int
}

// FederatedPartner is a partner with a user who reads its portfolio.
type FederatedPartner struct {
	Partner accounts.Partner
	User    accounts.Actor
}

// FederatedCooperative is a cooperative with its treasurer and members.
type FederatedCooperative struct {
	Cooperative accounts.Cooperative
	Treasurer   accounts.Actor
	MemberIDs   []string // by member number: MemberIDs[0] is member 1
}

// coopOrg is a cooperative's organisation, made through the services.
type coopOrg struct {
	index      int
	coop       accounts.Cooperative
	treasurer  accounts.Actor
	approver   accounts.Actor
	groups     []accounts.Group
	facilities []accounts.Facility
	accounts   []ledger.Account // the chart and the facility accounts
}

// NewFederation fills db, a migrated Postgres database of its own, with a
// federation of the size, and fails the test on any violation Verify finds.
func NewFederation(tb testing.TB, db *bun.DB, size FederationSize) *Federation {
	tb.Helper()
	ctx := context.Background()
	began := time.Now()
	s := accounts.New(ledger.New(db))
	f := &Federation{Size: size, Start: FederationStart, End: FederationStart.AddDays(7*(size.Weeks-1) + size.GroupsPerCooperative - 1)}
	for i := range size.Partners {
		p, err := federatedPartner(ctx, s, i)
		must(tb, err)
		f.Partners = append(f.Partners, p)
	}
	must(tb, f.makeCooperatives(ctx, s, db))
	written := time.Since(began)
	// Autovacuum would have visited tables this size long before anyone
	// reads a report: do its work now, so that reports are measured on
	// tables as a running server keeps them.
	for _, table := range []string{"postings", "entries", "ledger_accounts", "loan_installments", "loans", "members"} {
		_, err := db.ExecContext(ctx, "VACUUM (ANALYZE) "+table)
		must(tb, err)
	}
	vacuumed := time.Since(began)
	vs, err := ledger.Verify(ctx, db, ledger.VerifyScope{}, services.Checks()...)
	must(tb, err)
	for _, v := range vs {
		tb.Errorf("federation: %s", v)
	}
	if len(vs) > 0 {
		tb.FailNow()
	}
	tb.Logf("federation: %d cooperatives, %s members, %s loans, %s entries, %s postings; written in %s, vacuumed by %s, verified by %s",
		size.Cooperatives, sizeText(size.Cooperatives*size.GroupsPerCooperative*size.MembersPerGroup), sizeText(f.Loans),
		sizeText(f.Entries), sizeText(f.Postings), written.Round(time.Second), vacuumed.Round(time.Second), time.Since(began).Round(time.Second))
	return f
}

// makeCooperatives makes the cooperatives on a few workers, each with a
// connection of its own: while one worker's COPY keeps a Postgres backend
// busy, another computes its next book. It stops handing out work at the
// first error and returns it.
func (f *Federation) makeCooperatives(ctx context.Context, s *accounts.Service, db *bun.DB) error {
	f.Cooperatives = make([]FederatedCooperative, f.Size.Cooperatives)
	var mu sync.Mutex
	var firstErr error
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(2, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				fc, counts, err := federatedCooperative(ctx, s, db, f, i)
				mu.Lock()
				f.Cooperatives[i] = fc
				f.Entries, f.Postings, f.Loans = f.Entries+counts[0], f.Postings+counts[1], f.Loans+counts[2]
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	for i := range f.Size.Cooperatives {
		mu.Lock()
		failed := firstErr != nil
		mu.Unlock()
		if failed {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	return firstErr
}

var partnerModels = []accounts.Model{accounts.Government, accounts.Private, accounts.Nonprofit, accounts.MultiStakeholder}

func federatedPartner(ctx context.Context, s *accounts.Service, i int) (FederatedPartner, error) {
	p, err := s.CreatePartner(ctx, accounts.Operator, accounts.PartnerInput{Name: fmt.Sprintf("Mitra %03d", i+1), Model: partnerModels[i%len(partnerModels)]})
	if err != nil {
		return FederatedPartner{}, err
	}
	u, err := federatedUser(ctx, s, fmt.Sprintf("partner.%03d", i+1), identity.GrantInput{Role: accounts.RolePartner, PartnerID: p.ID})
	return FederatedPartner{Partner: p, User: u}, err
}

func federatedUser(ctx context.Context, s *accounts.Service, login string, g identity.GrantInput) (accounts.Actor, error) {
	ids := identity.New(s, identity.WithPasswordCost(identity.TestPasswordCost))
	u, err := ids.CreateUser(ctx, accounts.Operator, identity.UserInput{Login: login + "@federation.test", Name: login, Password: Password})
	if err != nil {
		return accounts.Actor{}, err
	}
	grant, err := ids.AddGrant(ctx, accounts.Operator, u.ID, g)
	return accounts.Actor{UserID: u.ID, Grants: []accounts.Grant{grant}}, err
}

// federatedCooperative makes cooperative i and its two years, and returns
// it with the numbers of entries, postings and loans it wrote.
func federatedCooperative(ctx context.Context, s *accounts.Service, db *bun.DB, f *Federation, i int) (FederatedCooperative, [3]int, error) {
	org, err := organise(ctx, s, f, i)
	if err != nil {
		return FederatedCooperative{}, [3]int{}, fmt.Errorf("cooperative %d: %w", i, err)
	}
	b, err := buildBook(org, f.Start, f.Size.Weeks, f.Size.MembersPerGroup)
	if err != nil {
		return FederatedCooperative{}, [3]int{}, err
	}
	if err := writeBook(ctx, db, b); err != nil {
		return FederatedCooperative{}, [3]int{}, fmt.Errorf("cooperative %d: write: %w", i, err)
	}
	fc := FederatedCooperative{Cooperative: org.coop, Treasurer: org.treasurer}
	for _, m := range b.members {
		fc.MemberIDs = append(fc.MemberIDs, m.id.String())
	}
	return fc, [3]int{len(b.entries), len(b.postings), len(b.loans)}, nil
}

// organise makes a cooperative through the services: its book and chart,
// two treasurers (one records, the other approves loans), its groups, and
// a facility from each of two partners. Partner p funds cooperatives i
// with i ≡ p or i+7 ≡ p (mod partners).
func organise(ctx context.Context, s *accounts.Service, f *Federation, i int) (*coopOrg, error) {
	org := &coopOrg{index: i}
	var err error
	org.coop, err = s.CreateCooperative(ctx, accounts.Operator, accounts.CooperativeInput{Name: fmt.Sprintf("Koperasi Wanita %03d", i+1),
		Currency: "IDR", Pokok: fmt.Sprint(pokokMinor), Wajib: fmt.Sprint(wajibMinor), WajibFrequency: "weekly"})
	if err != nil {
		return nil, err
	}
	grant := identity.GrantInput{Role: accounts.RoleTreasurer, CooperativeID: org.coop.ID}
	if org.treasurer, err = federatedUser(ctx, s, fmt.Sprintf("treasurer.%03d", i+1), grant); err != nil {
		return nil, err
	}
	if org.approver, err = federatedUser(ctx, s, fmt.Sprintf("approver.%03d", i+1), grant); err != nil {
		return nil, err
	}
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday"}
	for g := range f.Size.GroupsPerCooperative {
		group, err := s.CreateGroup(ctx, org.treasurer, org.coop.ID, accounts.GroupInput{Name: fmt.Sprintf("Kelompok %d", g+1), MeetingDay: days[g%len(days)]})
		if err != nil {
			return nil, err
		}
		org.groups = append(org.groups, group)
	}
	kinds := map[accounts.Model]accounts.FacilityKind{accounts.Government: accounts.FacilityGrant, accounts.Private: accounts.FacilityLoan,
		accounts.Nonprofit: accounts.FacilityGrant, accounts.MultiStakeholder: accounts.FacilityEquity}
	for _, p := range []int{i % len(f.Partners), (i + 7) % len(f.Partners)} {
		partner := f.Partners[p].Partner
		fac, err := s.CreateFacility(ctx, accounts.Operator, partner.ID, accounts.FacilityInput{CooperativeID: org.coop.ID,
			Kind: kinds[partner.Model], Committed: fmt.Sprint(facilityCommittedMinor), Purpose: "modal usaha anggota", StartsOn: f.Start})
		if err != nil {
			return nil, err
		}
		org.facilities = append(org.facilities, fac)
	}
	org.accounts, err = s.Ledger().FindAccounts(ctx, ledger.AccountFilter{BookID: org.coop.BookID})
	return org, err
}

// writeBook writes a cooperative's generated rows in one transaction, on
// one connection, with COPY: members, their accounts, loans, schedules,
// entries and postings; then the balances of the accounts the services
// made, the book's sequence and the cooperative's counters. Foreign keys,
// CHECKs and unique constraints all apply.
func writeBook(ctx context.Context, db *bun.DB, b *book) error {
	conn, err := db.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		tx, err := driverConn.(*stdlib.Conn).Conn().Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		for _, t := range b.tables() {
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromSlice(t.rows, t.row)); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
		if err := b.updateCounters(ctx, tx); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
}

func (b *book) updateCounters(ctx context.Context, tx pgx.Tx) error {
	var ids []string
	var balances []int64
	for _, a := range b.accounts {
		if a.existing && a.balance != 0 {
			ids, balances = append(ids, a.id.String()), append(balances, a.balance)
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE ledger_accounts AS a SET balance_minor = v.balance
		FROM unnest($1::text[], $2::bigint[]) AS v(id, balance) WHERE a.id = v.id::uuid`, ids, balances); err != nil {
		return err
	}
	head := b.entries[len(b.entries)-1].chain
	if _, err := tx.Exec(ctx, `UPDATE books SET last_sequence = $1, last_chain_hash = $2 WHERE id = $3`,
		len(b.entries), head, b.org.coop.BookID); err != nil {
		return err
	}
	for _, f := range b.facilities {
		if _, err := tx.Exec(ctx, `UPDATE facilities SET received_minor = $1 WHERE id = $2`, f.received, f.facility.ID); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, `UPDATE cooperatives SET last_member_number = $1, last_loan_number = $2 WHERE id = $3`,
		len(b.members), len(b.loans), b.org.coop.ID)
	return err
}

// sizeText formats a count with thousands separators for the log.
func sizeText(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
