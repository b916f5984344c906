package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/loans"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/api"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// send is world.call for goroutines: it reports a failure to answer as an
// error instead of ending the test.
func (w *world) send(caller, method, path string, body any) (int, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return 0, err
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(raw))
	req.Header.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	req.Header.Set(fiber.HeaderAuthorization, "Bearer "+w.tokens[caller])
	resp, err := w.app.Test(req, testTimeoutMillis)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestBurstBeyondThePoolEveryRequestAnswers sends at once many times more
// writes than the database pool has connections: exits and deposits of the
// same members, which lock the same rows. Every request must answer, none
// wait for ever on a connection its own transaction holds.
func TestBurstBeyondThePoolEveryRequestAnswers(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		// The server's deadline well inside the client's wait: a request
		// the contention holds too long must be answered 503 by the server,
		// not dropped by the client, however slow the machine.
		w.app = newAppWith(t, db, api.Config{RequestTimeout: testTimeoutMillis * time.Millisecond / 2})
		s, coop := w.mine.Services, w.mine.Cooperative.ID
		const members = 50 // two writes each: five times PostgreSQL's pool of 20
		ids := make([]string, members)
		for i := range ids {
			m, err := s.Core.CreateMember(ctx, w.mine.Treasurer, coop, accounts.MemberInput{GroupID: w.mine.Group.ID,
				Name: fmt.Sprintf("Anggota %d", i), Gender: "female"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Savings.Deposit(ctx, w.mine.Treasurer, coop, savings.SavingsInput{MemberID: m.ID, Type: accounts.Sukarela,
				MoneyInput: accounts.MoneyInput{Amount: "1000"}}); err != nil {
				t.Fatal(err)
			}
			ids[i] = m.ID
		}
		type answer struct {
			what   string
			status int
			err    error
		}
		answers := make(chan answer, 2*members)
		var wg sync.WaitGroup
		for _, id := range ids {
			base := "/v1/cooperatives/" + coop + "/members/" + id
			for _, call := range []struct {
				what, path string
				body       any
			}{{"exit", base + "/exit", map[string]string{}}, {"deposit", base + "/deposits", map[string]string{"type": "sukarela", "amount": "500"}}} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					status, err := w.send(callerTreasurer, http.MethodPost, call.path, call.body)
					answers <- answer{call.what, status, err}
				}()
			}
		}
		wg.Wait()
		close(answers)
		counts := map[string]int{}
		for a := range answers {
			if a.err != nil {
				t.Errorf("a %s did not answer: %v", a.what, a.err)
				continue
			}
			counts[fmt.Sprintf("%s %d", a.what, a.status)]++
		}
		// A deposit that comes after her exit is refused (409); a request
		// that outlasts the contention retries is told to try again (503).
		for k, n := range counts {
			switch k {
			case "exit 201", "deposit 201", "deposit 409", "exit 503", "deposit 503":
			default:
				t.Errorf("%d answers %q", n, k)
			}
		}
		if counts["exit 201"]+counts["exit 503"] != members {
			t.Errorf("exits answered: %v", counts)
		}
	})
}

// TestRequestDeadline holds a lock the request needs for longer than the
// request may take: it answers 503 with Retry-After, the books as before,
// and the same request passes once the lock is gone.
func TestRequestDeadline(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		// The app in a hurry answers the blocked request; the world's own,
		// on the default deadline, makes the same request once the lock is
		// gone, however slow the machine running the tests.
		patient := w.app
		w.app = newAppWith(t, db, api.Config{RequestTimeout: 300 * time.Millisecond})
		book := w.mine.Cooperative.BookID
		path := "/v1/cooperatives/" + w.mine.Cooperative.ID + "/members/" + w.mine.Members[0].ID + "/deposits"
		body := map[string]string{"type": "sukarela", "amount": "1000"}
		before := bookState(t, db, book)

		holder, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect().Name() == dialect.PG {
			// The cash box's row, which every deposit locks; on SQLite the
			// open transaction already holds the write lock.
			if _, err := holder.ExecContext(ctx, "SELECT id FROM ledger_accounts WHERE book_id = ? AND code = ? FOR UPDATE",
				book, accounts.CodeCash); err != nil {
				t.Fatal(err)
			}
		} else if _, err := holder.ExecContext(ctx, "UPDATE books SET name = name WHERE id = ?", book); err != nil {
			t.Fatal(err)
		}
		resp, raw := w.call(callerTreasurer, http.MethodPost, path, body)
		wantProblem(t, resp, raw, http.StatusServiceUnavailable, "/problems/request.timeout")
		if resp.Header.Get(fiber.HeaderRetryAfter) == "" {
			t.Error("a 503 without Retry-After")
		}
		if err := holder.Rollback(); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, bookState(t, db, book)); diff != "" {
			t.Errorf("the book changed (-before +after):\n%s", diff)
		}
		w.app = patient
		if resp, raw := w.call(callerTreasurer, http.MethodPost, path, body); resp.StatusCode != http.StatusCreated {
			t.Errorf("once the lock is gone: %d %s", resp.StatusCode, raw)
		}
	})
}

// TestDisbursementRefusals: a loan another cooperative holds, a loan that
// does not exist, and an idempotency key already used for another loan are
// refused with their own answers, never a panic.
func TestDisbursementRefusals(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		approved := func(mine bool) string {
			t.Helper()
			cw := w.theirs
			if mine {
				cw = w.mine
			}
			s, coop := cw.Services, cw.Cooperative.ID
			if _, err := s.Capital.ReceiveTranche(ctx, cw.Treasurer, coop, cw.Facility.ID, accounts.MoneyInput{Amount: "1000000"}); err != nil {
				t.Fatal(err)
			}
			l, err := s.Lending.ApplyLoan(ctx, cw.Treasurer, coop, lending.LoanApplication{MemberID: cw.Members[0].ID, FacilityID: cw.Facility.ID,
				Principal: "300000", AnnualRate: "12", Method: loans.Flat, Frequency: loans.Monthly, Installments: 3})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Lending.ApproveLoan(ctx, cw.Approver, coop, l.ID); err != nil {
				t.Fatal(err)
			}
			return l.ID
		}
		x, y, theirs := approved(true), approved(true), approved(false)
		disburse := func(loanID string, headers ...string) (*http.Response, []byte) {
			return w.call(callerTreasurer, http.MethodPost, "/v1/cooperatives/"+w.mine.Cooperative.ID+"/loans/"+loanID+"/disbursement", nil, headers...)
		}
		before := bookState(t, db, w.mine.Cooperative.BookID)
		for _, loanID := range []string{theirs, "0b9f4f5e-8f0c-4d8e-9d8a-3f1c2b7a6e51", "not-an-id"} {
			resp, raw := disburse(loanID)
			wantProblem(t, resp, raw, http.StatusNotFound, "/problems/loan.not_found")
		}
		if diff := cmp.Diff(before, bookState(t, db, w.mine.Cooperative.BookID)); diff != "" {
			t.Errorf("the book changed (-before +after):\n%s", diff)
		}

		if resp, raw := disburse(x, "Idempotency-Key", "disburse-once"); resp.StatusCode != http.StatusOK {
			t.Fatalf("disbursing x: %d %s", resp.StatusCode, raw)
		}
		before = bookState(t, db, w.mine.Cooperative.BookID)
		resp, raw := disburse(y, "Idempotency-Key", "disburse-once")
		wantProblem(t, resp, raw, http.StatusConflict, "/problems/entry.idempotency_key_reused")
		if diff := cmp.Diff(before, bookState(t, db, w.mine.Cooperative.BookID)); diff != "" {
			t.Errorf("the book changed (-before +after):\n%s", diff)
		}
		if v, err := w.mine.Lending.FindLoan(ctx, w.mine.Treasurer, w.mine.Cooperative.ID, y, ledger.Date{}); err != nil || v.Status != lending.LoanApproved {
			t.Errorf("loan y after the refused disbursement: %v, %v", v.Status, err)
		}
	})
}
