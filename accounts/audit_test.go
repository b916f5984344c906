package accounts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestAuditLog: a member's record keeps its history, change after change,
// even when two treasurers edit her at once; each event names who, from
// where, and the record before and after; the chain verifies, and an event
// altered behind the triggers' back is named as the first broken link.
func TestAuditLog(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := accounts.WithAddress(context.Background(), "192.0.2.7")
		w := accountstest.NewWorld(t, db)
		m := w.Members[0]
		const edits = 6
		var wg sync.WaitGroup
		errs := make(chan error, 2*edits)
		// Her co-member's record changes meanwhile: the two meet only at
		// the cooperative's log, whose chain must hold.
		other := w.Members[1]
		for i := range edits {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := accounts.MemberInput{GroupID: other.GroupID, Name: other.Name, Gender: other.Gender, JoinedOn: other.JoinedOn,
					BusinessType: fmt.Sprintf("warung %d", i)}
				if _, err := w.Service.UpdateMember(ctx, w.Treasurer, w.Cooperative.ID, other.ID, in); err != nil {
					errs <- err
				}
			}()
		}
		for i := range edits {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := accounts.MemberInput{GroupID: m.GroupID, Name: m.Name, Gender: m.Gender, JoinedOn: m.JoinedOn,
					Phone: fmt.Sprintf("0812 0000 %04d", i)}
				if _, err := w.Service.UpdateMember(ctx, w.Treasurer, w.Cooperative.ID, m.ID, in); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}

		history, _, err := w.Service.FindAudit(ctx, w.Supervisor, w.Cooperative.ID,
			accounts.AuditFilter{SubjectKind: "member", SubjectID: m.ID}, accounts.Page{})
		if err != nil {
			t.Fatal(err)
		}
		if len(history) != edits+1 || history[0].Action != "member.create" {
			t.Fatalf("her history: %d events starting %q, want the enrolment and %d edits", len(history), history[0].Action, edits)
		}
		// Whatever order the edits committed in, each one's before is the
		// record the one before it left.
		for i := 1; i < len(history); i++ {
			prev, e := history[i-1], history[i]
			if e.Action != "member.update" || e.Sequence <= prev.Sequence || e.ActorID != w.Treasurer.UserID || e.ActorName == "" || e.Address != "192.0.2.7" {
				t.Fatalf("event %d: %+v", i, e)
			}
			if !sameJSON(t, e.Before, prev.After) {
				t.Fatalf("event %d's before %s is not event %d's after %s", i, e.Before, i-1, prev.After)
			}
		}

		if _, _, err := w.Service.FindAudit(ctx, w.MemberActor[0], w.Cooperative.ID, accounts.AuditFilter{}, accounts.Page{}); err == nil {
			t.Error("a member read the cooperative's audit log")
		}
		if _, _, err := w.Service.FindPlatformAudit(ctx, w.Treasurer, accounts.AuditFilter{}, accounts.Page{}); err == nil {
			t.Error("a treasurer read the platform's audit log")
		}
		if vs := auditViolations(t, db, w.Cooperative.ID); len(vs) != 0 {
			t.Fatalf("a clean log: %v", vs)
		}

		lt.Tamper(t, db, "audit_events", "UPDATE audit_events SET after = replace(after, '0812', '0813') WHERE id = '"+history[3].ID+"'")
		vs := auditViolations(t, db, w.Cooperative.ID)
		if len(vs) != 1 || !strings.Contains(vs[0], fmt.Sprintf("audit event #%d does not follow", history[3].Sequence)) {
			t.Fatalf("after tampering with event #%d: %v", history[3].Sequence, vs)
		}
		if _, err := db.ExecContext(ctx, "DELETE FROM audit_events WHERE id = ?", history[0].ID); err == nil {
			t.Fatal("an audit event was deleted")
		}
	})
}

func sameJSON(t *testing.T, a, b json.RawMessage) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}

// auditViolations are VerifyAudit's findings about one scope: the database
// is shared with other tests, whose logs are theirs.
func auditViolations(t *testing.T, db *bun.DB, scope string) []string {
	t.Helper()
	vs, err := accounts.VerifyAudit(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		if v.BookID == scope {
			out = append(out, v.Detail)
		}
	}
	return out
}
