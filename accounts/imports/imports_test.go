package imports_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/imports"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
	lt "github.com/lumbung/lumbung/ledger/ledgertest"
)

// sheet is a CSV as Excel in an Indonesian locale saves it: ';' between
// cells, CRLF line ends and a byte order mark.
func sheet(lines ...string) []byte {
	return []byte("\xef\xbb\xbf" + strings.Join(lines, "\r\n") + "\r\n")
}

// workbook is an .xlsx whose first sheet holds rows; numbers and days are
// stored as numbers, as a treasurer's cells are.
func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	b, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// wantFields fails unless err is an import refusal naming exactly fields.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	e := ledger.AsError(err)
	if e == nil || e.Kind != ledger.KindInvalid {
		t.Fatalf("got %v, want a refusal naming %v", err, fields)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field)
	}
	slices.Sort(got)
	slices.Sort(fields)
	if diff := cmp.Diff(fields, got); diff != "" {
		t.Fatalf("fields named (-want +got):\n%s\n%v", diff, e.Fields)
	}
}

func day(d ledger.Date) string { return d.String() }

// dmy is a day as an Indonesian sheet writes it.
func dmy(d ledger.Date) string {
	tm := d.Time()
	return fmt.Sprintf("%02d/%02d/%04d", tm.Day(), tm.Month(), tm.Year())
}

// TestImport brings a cooperative's sheets in as its treasurer keeps them:
// first with the mistakes a treasurer makes, which the dry run lists by
// row and column, then corrected; its balances and loans' positions are
// then what our own arithmetic says.
func TestImport(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop, tr, book := w.Services, w.Cooperative.ID, w.Treasurer, w.Cooperative.BookID
		l := s.Core.Ledger()
		today := ledger.DateOf(time.Now().UTC())
		cutOver := today.AddDays(-3)
		facility := w.Facility.AccountCode

		members := func(rows ...string) []byte {
			return sheet(append([]string{"kelompok;nama;jenis_kelamin;tanggal_masuk;jenis_usaha;telepon"}, rows...)...)
		}
		ani := "Kelompok Mawar;Ani Susanti;perempuan;15/01/2024;warung;0812-3456-7890"
		t.Run("DryRunListsEveryMistakeByRowAndColumn", func(t *testing.T) {
			in := imports.Input{Kind: imports.Members, Format: imports.CSV, DryRun: true, Content: members(ani,
				"Kelompok Melati;Budi;laki-laki;2024-02-01;;",
				"Kelompok Mawar;Citra;x;2024-02-01;;",
				"Kelompok Mawar;Dina;perempuan;32/13/2024;;",
				"Kelompok Mawar;;perempuan;2024-02-01;;")}
			_, err := s.Imports.Import(ctx, tr, coop, in)
			wantFields(t, err, "rows[3].kelompok", "rows[4].jenis_kelamin", "rows[5].tanggal_masuk", "rows[6].nama")
		})
		t.Run("MembersDryRunChangesNothingThenTheImportEnrolsThem", func(t *testing.T) {
			in := imports.Input{Kind: imports.Members, Format: imports.CSV, DryRun: true, Content: members(ani,
				"Kelompok Mawar;Rina Wati;Perempuan;2024-02-01;jahit;")}
			res, err := s.Imports.Import(ctx, tr, coop, in)
			if err != nil {
				t.Fatal(err)
			}
			if res.Created != 2 || !res.DryRun || res.ID != "" {
				t.Fatalf("dry run answered %+v, want 2 members to create", res)
			}
			ms, _, _ := s.Core.FindMembers(ctx, tr, coop, accounts.MemberFilter{}, accounts.Page{})
			if len(ms) != 2 {
				t.Fatalf("%d members after a dry run, want the world's 2", len(ms))
			}
			in.DryRun = false
			if res, err = s.Imports.Import(ctx, tr, coop, in); err != nil || res.Created != 2 || res.ID == "" {
				t.Fatalf("import answered %+v, %v", res, err)
			}
			ms, _, _ = s.Core.FindMembers(ctx, tr, coop, accounts.MemberFilter{}, accounts.Page{})
			if len(ms) != 4 || ms[2].Name != "Ani Susanti" || ms[2].Number != 3 || ms[2].JoinedOn.String() != "2024-01-15" || ms[3].Gender != "female" {
				t.Fatalf("members after the import: %+v", ms)
			}
			again, err := s.Imports.Import(ctx, tr, coop, in)
			if err != nil || !again.Replayed || again.ID != res.ID || again.Created != 2 {
				t.Fatalf("the same file again answered %+v, %v; want the first import %+v", again, err, res)
			}
			if ms, _, _ = s.Core.FindMembers(ctx, tr, coop, accounts.MemberFilter{}, accounts.Page{}); len(ms) != 4 {
				t.Fatalf("%d members after the same file twice, want 4", len(ms))
			}
		})

		balances := func(rows ...string) []byte {
			return sheet(append([]string{"tanggal;akun;anggota;jumlah"}, rows...)...)
		}
		on := dmy(cutOver)
		good := []string{on + ";pokok;Ani Susanti;Rp 50.000", on + ";wajib;3;120.000", on + ";sukarela;ani susanti;75.500",
			on + ";1100;;1.250.000", on + ";1200;;3.000.000", on + ";" + facility + ";;10.000.000", on + ";3500;;500.000"}
		t.Run("OpeningBalancesRefusedRowByRow", func(t *testing.T) {
			in := imports.Input{Kind: imports.OpeningBalances, Format: imports.CSV, DryRun: true, Content: balances(append(slices.Clone(good),
				on+";9999;;1.000", on+";sukarela;Nobody;1.000", on+";1100;;seribu", day(cutOver.AddDays(-1))+";1200;;1.000",
				on+";1300;;1.000")...)}
			_, err := s.Imports.Import(ctx, tr, coop, in)
			wantFields(t, err, "rows[9].akun", "rows[10].anggota", "rows[11].jumlah", "rows[12].tanggal", "rows[13].akun")
		})
		t.Run("APokokAboveTheCooperativesAmountIsRefusedUnderItsRow", func(t *testing.T) {
			if _, err := s.Core.UpdateSavingsRules(ctx, tr, coop, accounts.SavingsRulesInput{Pokok: "50000", Wajib: "10000", WajibFrequency: "monthly"}); err != nil {
				t.Fatal(err)
			}
			in := imports.Input{Kind: imports.OpeningBalances, Format: imports.CSV, Content: balances(good[0], on+";pokok;4;60.000")}
			_, err := s.Imports.Import(ctx, tr, coop, in)
			wantFields(t, err, "rows[3].jumlah")
			if got := lt.MustBalance(t, l, book, accounts.MemberAccountCode(accounts.Pokok, 3)); got != 0 {
				t.Fatalf("Ani's pokok is %d after a refused import, want 0: all or nothing", got)
			}
		})
		t.Run("OpeningBalancesBalanceAgainstOpeningEquity", func(t *testing.T) {
			res, err := s.Imports.Import(ctx, tr, coop, imports.Input{Kind: imports.OpeningBalances, Format: imports.CSV, Content: balances(good...)})
			if err != nil || res.Entries != 7 {
				t.Fatalf("import answered %+v, %v", res, err)
			}
			want := map[string]int64{
				accounts.MemberAccountCode(accounts.Pokok, 3): 50000, accounts.MemberAccountCode(accounts.Wajib, 3): 120000,
				accounts.MemberAccountCode(accounts.Sukarela, 3): 75500, accounts.CodeCash: 1250000, accounts.CodeBank: 3000000,
				facility: 10000000, accounts.CodeReserve: 500000,
				// assets less what is owed and held: 4,250,000 - 10,745,500
				accounts.CodeOpeningEquity: -6495500,
			}
			for code, amount := range want {
				if got := lt.MustBalance(t, l, book, code); got != amount {
					t.Errorf("account %s holds %d, want %d", code, got, amount)
				}
			}
			fs, _ := s.Core.FindCooperativeFacilities(ctx, tr, coop)
			if fs[0].ReceivedMinor != 10000000 {
				t.Errorf("the facility has received %d, want 10000000", fs[0].ReceivedMinor)
			}
		})

		// Siti's loan: 1,000,000 flat at 26% a year, 10 weekly
		// installments of 100,000 principal and 1,000,000 x 26% / 52 =
		// 5,000 interest; disbursed 7 weeks ago, 3 installments repaid.
		// Today installments 1-7 have fallen due: 4 unpaid of 105,000,
		// the oldest (the 4th) due 4 weeks after disbursement, 21 days ago.
		// Ani's loan: 520,000 at 26%, 4 weekly installments of 130,000 and
		// 2,600; repaid in full, so closed.
		disbursed := today.AddDays(-49)
		header := []any{"member", "facility", "principal", "annual_rate", "method", "frequency", "installments", "grace_periods",
			"disbursed_on", "repaid", "repaid_on", "purpose"}
		serial := func(d ledger.Date) float64 {
			return float64(d.Time().Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		}
		loansXLSX := workbook(t, [][]any{header,
			{1, facility, 1000000, 26, "flat", "weekly", 10, 0, serial(disbursed), 315000, serial(cutOver), "warung"},
			{"Ani Susanti", facility, 520000, 26, "flat", "mingguan", 4, nil, day(today.AddDays(-40)), 530400, day(cutOver), nil},
		})
		t.Run("LoansWithMistakesAreRefusedRowByRow", func(t *testing.T) {
			bad := workbook(t, [][]any{header,
				{1, "2200.99", 1000000, 26, "flat", "weekly", 10, 0, day(disbursed), 315000, day(cutOver), ""},
				{2, facility, 1000000, 26, "bunga", "weekly", 10, 0, day(disbursed), 315000, day(disbursed.AddDays(-1)), ""},
			})
			_, err := s.Imports.Import(ctx, tr, coop, imports.Input{Kind: imports.Loans, Format: imports.XLSX, DryRun: true, Content: bad})
			wantFields(t, err, "rows[2].facility", "rows[3].method", "rows[3].repaid_on")
		})
		t.Run("LoansRebuildTheirScheduleAndTodaysPosition", func(t *testing.T) {
			res, err := s.Imports.Import(ctx, tr, coop, imports.Input{Kind: imports.Loans, Format: imports.XLSX, Content: loansXLSX})
			if err != nil || res.Created != 2 || res.Entries != 4 {
				t.Fatalf("import answered %+v, %v", res, err)
			}
			vs, _, err := s.Lending.FindLoans(ctx, tr, coop, lending.LoanFilter{}, accounts.Page{})
			if err != nil || len(vs) != 2 {
				t.Fatalf("loans %+v, %v", vs, err)
			}
			siti, ani := vs[0], vs[1]
			got := []any{siti.Status, siti.Position.OutstandingMinor, siti.Position.ArrearsMinor, siti.Position.DaysPastDue,
				siti.Position.PaidInstallments, len(siti.Schedule), siti.Schedule[0].InterestMinor, siti.ApprovedBy}
			want := []any{lending.LoanDisbursed, int64(700000), int64(420000), 21, 3, 10, int64(5000), lending.ApprovedOnPaper}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Siti's loan (-want +got):\n%s", diff)
			}
			if ani.Status != lending.LoanClosed || ani.Position.OutstandingMinor != 0 {
				t.Errorf("Ani's loan is %s with %d outstanding, want closed", ani.Status, ani.Position.OutstandingMinor)
			}
			// Opening equity took the principal lent out, less what came back.
			if got := lt.MustBalance(t, l, book, accounts.CodeOpeningEquity); got != -6495500+1000000+520000-315000-530400 {
				t.Errorf("opening equity holds %d", got)
			}
			if got := lt.MustBalance(t, l, book, accounts.CodeCash); got != 1250000 {
				t.Errorf("cash holds %d, want the opening 1250000: imported loans move no cash", got)
			}
		})
	})
}

// TestImportSameFileConcurrently sends one file twice at once: one import
// posts it, the other answers what that one did.
func TestImportSameFileConcurrently(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop := w.Services, w.Cooperative.ID
		content := sheet("date,account,member,amount", day(ledger.DateOf(time.Now().UTC()))+",sukarela,1,\"25,000\"")
		var wg sync.WaitGroup
		results := make([]imports.Result, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() {
				results[i], errs[i] = s.Imports.Import(ctx, w.Treasurer, coop, imports.Input{Kind: imports.OpeningBalances, Format: imports.CSV, Content: content})
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if results[0].ID != results[1].ID || results[0].Replayed == results[1].Replayed {
			t.Fatalf("two imports of one file answered %+v and %+v, want one import and its replay", results[0], results[1])
		}
		if got := lt.MustBalance(t, s.Core.Ledger(), w.Cooperative.BookID, accounts.MemberAccountCode(accounts.Sukarela, 1)); got != 25000 {
			t.Fatalf("Siti's sukarela is %d, want 25000 once", got)
		}
	})
}

// TestImportWho: the treasurer and an admin setting the cooperative up
// import; its supervisor, a member and a partner may not.
func TestImportWho(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop := w.Services, w.Cooperative.ID
		admin, _ := accountstest.NewAdmin(t, s)
		in := imports.Input{Kind: imports.Members, Format: imports.CSV,
			Content: sheet("group,name,gender,joined_on", "Kelompok Mawar,Wulan,female,2025-03-01")}
		if res, err := s.Imports.Import(ctx, admin, coop, in); err != nil || res.Created != 1 {
			t.Fatalf("the admin's import answered %+v, %v", res, err)
		}
		_, err := s.Imports.Import(ctx, w.Supervisor, coop, in)
		accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		_, err = s.Imports.Import(ctx, w.MemberActor[0], coop, in)
		accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
		_, err = s.Imports.Import(ctx, w.PartnerUser, coop, in)
		accountstest.WantCode(t, err, ledger.KindNotFound, "cooperative.not_found")
	})
}

// TestTemplate: each kind's template in each language and format, to
// those who may import; an Indonesian CSV is ';'-separated.
func TestTemplate(t *testing.T) {
	lt.Each(t, func(t *testing.T, db *bun.DB) {
		ctx := context.Background()
		w := accountstest.NewWorld(t, db)
		s, coop, tr := w.Services, w.Cooperative.ID, w.Treasurer
		for _, kind := range imports.Kinds {
			for _, f := range []imports.Format{imports.CSV, imports.XLSX} {
				for _, lang := range []accounts.Language{accounts.LanguageID, accounts.LanguageEN} {
					b, err := s.Imports.Template(ctx, tr, coop, kind, f, lang)
					if err != nil {
						t.Fatalf("%s %s %s: %v", kind, f, lang, err)
					}
					if f == imports.CSV && lang == accounts.LanguageID && !strings.Contains(string(b), ";") {
						t.Errorf("the Indonesian CSV template of %s is not ';'-separated: %q", kind, b)
					}
				}
			}
		}
		b, _ := s.Imports.Template(ctx, tr, coop, imports.Members, imports.CSV, accounts.LanguageEN)
		if got, want := string(b), "group,name,gender,joined_on,business_type,phone\n"; got != want {
			t.Errorf("members template %q, want %q", got, want)
		}
		x, _ := s.Imports.Template(ctx, tr, coop, imports.Loans, imports.XLSX, accounts.LanguageID)
		f, err := excelize.OpenReader(bytes.NewReader(x))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got, _ := f.GetCellValue("loans", "C1"); got != "pokok_pinjaman" {
			t.Errorf("the Indonesian loans workbook's third column is %q, want pokok_pinjaman", got)
		}
		_, err = s.Imports.Template(ctx, w.Supervisor, coop, imports.Members, imports.CSV, accounts.LanguageID)
		accountstest.WantCode(t, err, ledger.KindForbidden, "auth.forbidden")
	})
}
