package api_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

type meLoanWire struct {
	ID       string `json:"id"`
	MemberID string `json:"member_id"`
	Position *struct {
		Outstanding string `json:"outstanding"`
		DaysPastDue int    `json:"days_past_due"`
		Next        *struct {
			Number  int    `json:"number"`
			DueDate string `json:"due_date"`
		} `json:"next_installment"`
	} `json:"position"`
	Schedule []struct {
		DueDate string `json:"due_date"`
	} `json:"schedule"`
}

type meWire struct {
	Memberships []struct {
		Member struct {
			ID string `json:"id"`
		} `json:"member"`
		Savings map[string]string `json:"savings"`
		Loans   []meLoanWire      `json:"loans"`
	} `json:"memberships"`
}

func TestMemberSeesHerSavingsByTypeAndHerLoansOnly(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		x := &exchange{t: t, w: w, covered: map[string]bool{}}
		fx := newFixture(t, w) // member 0: Rp 150,000 sukarela and a loan disbursed today
		loanID := fx.params["loan"]

		var me meWire
		x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
		if len(me.Memberships) != 1 {
			t.Fatalf("%d memberships, want 1", len(me.Memberships))
		}
		m := me.Memberships[0]
		if diff := cmp.Diff(map[string]string{"pokok": "0", "wajib": "0", "sukarela": "150000"}, m.Savings); diff != "" {
			t.Errorf("her savings by type (-want +got):\n%s", diff)
		}
		var mine []meLoanWire
		for _, l := range m.Loans {
			if l.MemberID != m.Member.ID {
				t.Errorf("loan %s of member %s is in her view", l.ID, l.MemberID)
			}
			if l.ID == loanID {
				mine = append(mine, l)
			}
		}
		if len(mine) != 1 || mine[0].Position == nil || mine[0].Position.Next == nil {
			t.Fatalf("her disbursed loan %s with its position: got %+v", loanID, m.Loans)
		}
		p := mine[0].Position
		if p.Outstanding != "500000" || p.DaysPastDue != 0 || p.Next.Number != 1 || p.Next.DueDate != mine[0].Schedule[0].DueDate {
			t.Errorf("her loan today: outstanding %s, %d days past due, next installment %d due %s; want 500000, 0, 1 due %s",
				p.Outstanding, p.DaysPastDue, p.Next.Number, p.Next.DueDate, mine[0].Schedule[0].DueDate)
		}

		// The treasurer's view of the same loan agrees with hers.
		var book meLoanWire
		x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans/:loan",
			params: []string{w.mine.Cooperative.ID, loanID}}, http.StatusOK, &book)
		if diff := cmp.Diff(book, mine[0]); diff != "" {
			t.Errorf("her loan differs from the treasurer's view (-treasurer +hers):\n%s", diff)
		}

		var other meWire
		x.decode(request{caller: callerOtherMember, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &other)
		// An empty view would pass the loop below: it must show her own membership.
		if len(other.Memberships) == 0 {
			t.Error("another member's view has no membership, want hers")
		}
		for _, om := range other.Memberships {
			for _, l := range om.Loans {
				if l.MemberID != om.Member.ID {
					t.Errorf("another member sees loan %s of member %s", l.ID, l.MemberID)
				}
			}
		}
	})
}
