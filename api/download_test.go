package api_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/api/render/rendertest"
	"github.com/lumbung/lumbung/ledger"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// csvDownload is one report asked for as CSV.
type csvDownload struct {
	name   string
	caller string
	path   string // with its query, format=csv included
	report string // the file name's first part
	header []string
}

// portfolioColumns head the partner's and the platform's portfolio sheets.
var portfolioColumns = []string{"scope", "name", "facility_id", "kind", "purpose", "currency", "committed", "received", "disbursed",
	"repaid", "outstanding", "par30", "par30_ratio", "par90", "par90_ratio", "repayment_rate", "written_off", "loans_funded",
	"women_reached", "savings_mobilised", "self_reliance"}

func TestDownloads(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		fx := newFixture(t, w)
		ctx := context.Background()
		mine := w.mine
		// A memo a spreadsheet would run as a formula, on her statement.
		if _, err := mine.Books.PostEntry(ctx, mine.Treasurer, mine.Cooperative.ID, ledger.EntryInput{
			Kind: "savings.deposit", Memo: `=HYPERLINK("http://x","y")`,
			Postings: []ledger.PostingInput{
				{Account: accounts.CodeCash, Side: ledger.Debit, Amount: decimal.NewFromInt(7500)},
				{Account: fx.sukarela[0].Code, Side: ledger.Credit, Amount: decimal.NewFromInt(7500)},
			},
		}); err != nil {
			t.Fatal(err)
		}
		today := ledger.DateOf(time.Now().UTC()).String()
		coop := "/v1/cooperatives/" + mine.Cooperative.ID
		statement := coop + "/members/" + mine.Members[0].ID + "/statement?type=sukarela&" + fx.period()
		statementColumns := []string{"date", "sequence", "entry_id", "kind", "memo", "side", "amount", "balance"}
		sectionColumns := []string{"section", "code", "name", "amount"}

		t.Run("EveryCSVIsAnAttachmentWithBOMAndCRLF", func(t *testing.T) {
			for _, d := range []csvDownload{
				{"Statement", callerMember, statement + "&format=csv&lang=en", "statement-" + strings.ReplaceAll(fx.sukarela[0].Code, ".", "-"), statementColumns},
				{"CashBook", callerTreasurer, coop + "/cash-book?format=csv&lang=en&" + fx.period(), "cash-book", statementColumns},
				{"BankBook", callerTreasurer, coop + "/cash-book?format=csv&lang=en&via=bank&" + fx.period(), "bank-book", statementColumns},
				{"BalanceSheet", callerTreasurer, coop + "/balance-sheet?format=csv&lang=en", "balance-sheet", sectionColumns},
				{"IncomeStatement", callerTreasurer, coop + "/income-statement?format=csv&lang=en&" + fx.period(), "income-statement", sectionColumns},
				{"LoanPortfolio", callerTreasurer, coop + "/loan-portfolio?format=csv&lang=en", "loan-portfolio", []string{"measure", "band", "loans", "amount", "ratio"}},
				{"TrialBalance", callerTreasurer, coop + "/trial-balance?format=csv&lang=en", "trial-balance", []string{"code", "name", "type", "currency", "debit", "credit"}},
				{"PartnerPortfolio", callerPartner, "/v1/partners/" + mine.Partner.ID + "/portfolio?format=csv&lang=en", "partner-portfolio",
					portfolioColumns},
				{"PlatformPortfolio", callerAdmin, "/v1/portfolio?format=csv&lang=en&series=monthly", "platform-portfolio", portfolioColumns},
			} {
				t.Run(d.name, func(t *testing.T) {
					owner := slugOf(mine.Cooperative.Name)
					switch d.caller {
					case callerPartner:
						owner = slugOf(mine.Partner.Name)
					case callerAdmin:
						owner = "lumbung"
					}
					rows := wantCSV(t, w, d.caller, d.path, d.report+"-"+owner+"-"+today+".csv")
					if len(rows) < 2 {
						t.Fatalf("%d rows, want a header and at least one more", len(rows))
					}
					if diff := cmp.Diff(d.header, rows[0]); diff != "" {
						t.Errorf("header (-want +got):\n%s", diff)
					}
				})
			}
		})

		t.Run("StatementCSVDefusesAFormulaMemoButNotAmounts", func(t *testing.T) {
			rows := wantCSV(t, w, callerMember, statement+"&format=csv&lang=en", "")
			var memos []string
			for _, r := range rows[1:] {
				memos = append(memos, r[4])
				if strings.HasPrefix(r[6], "'") || strings.HasPrefix(r[7], "'") {
					t.Errorf("an amount written as text: %q", r)
				}
			}
			if !strings.Contains(strings.Join(memos, "\n"), `'=HYPERLINK("http://x","y")`) {
				t.Errorf("memos %q: want the formula memo defused with a leading quote", memos)
			}
		})

		t.Run("BalanceSheetForAnIndonesianSpreadsheet", func(t *testing.T) {
			resp, raw := w.call(callerTreasurer, http.MethodGet, coop+"/balance-sheet?format=csv&lang=en&delimiter=semicolon&decimal=comma", nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("got %d: %s", resp.StatusCode, raw)
			}
			if want := "\uFEFFsection;code;name;amount\r\n"; !strings.HasPrefix(string(raw), want) {
				t.Errorf("starts %.60q, want %q", raw, want)
			}
		})

		t.Run("LanguageOfTheDocument", func(t *testing.T) {
			for _, tc := range []struct {
				name, query, acceptLanguage string
				wantTitle, wantHeader       string
			}{
				{"IndonesianByDefault", "", "", "Neraca", "Bagian"},
				{"QueryEnglish", "&lang=en", "", "Balance sheet (neraca)", "section"},
				{"QueryIndonesianOverridesTheHeader", "&lang=id", "en-US,en;q=0.9", "Neraca", "Bagian"},
				{"AcceptLanguageEnglish", "", "en-US,en;q=0.9", "Balance sheet (neraca)", "section"},
				{"AcceptLanguageByWeight", "", "fr-FR, en;q=0.4, id;q=0.8", "Neraca", "Bagian"},
				{"AcceptLanguageOldIndonesianCode", "", "in-ID", "Neraca", "Bagian"},
				{"AcceptLanguageNoneSpokenIsIndonesian", "", "fr, de;q=0.5", "Neraca", "Bagian"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					var headers []string
					if tc.acceptLanguage != "" {
						headers = []string{"Accept-Language", tc.acceptLanguage}
					}
					resp, raw := w.call(callerTreasurer, http.MethodGet, coop+"/balance-sheet?format=pdf"+tc.query, nil, headers...)
					if resp.StatusCode != http.StatusOK {
						t.Fatalf("got %d: %s", resp.StatusCode, raw)
					}
					if shown := rendertest.Text(t, raw); len(shown) == 0 || shown[0] != tc.wantTitle {
						t.Errorf("the PDF's title is %.1q, want %q", shown, tc.wantTitle)
					}
					resp, raw = w.call(callerTreasurer, http.MethodGet, coop+"/balance-sheet?format=csv"+tc.query, nil, headers...)
					if want := "\uFEFF" + tc.wantHeader + ","; resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(raw), want) {
						t.Errorf("got %d starting %.40q, want 200 starting %q", resp.StatusCode, raw, want)
					}
				})
			}
			t.Run("IndonesianBalanceSheetReadsAsInIndonesia", func(t *testing.T) {
				_, raw := w.call(callerTreasurer, http.MethodGet, coop+"/balance-sheet?format=pdf", nil)
				shown := strings.Join(rendertest.Text(t, raw), "\n")
				months := []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
					"November", "Desember"}
				now := time.Now().UTC()
				wantDate := fmt.Sprintf("%d %s %d", now.Day(), months[now.Month()-1], now.Year())
				for _, want := range []string{"Jumlah aset", "Dibuat oleh Lumbung pada " + wantDate} {
					if !strings.Contains(shown, want) {
						t.Errorf("the PDF does not show %q; it shows:\n%s", want, shown)
					}
				}
				if !regexp.MustCompile(`Rp [1-9][0-9]{0,2}(\.[0-9]{3})+`).MatchString(shown) {
					t.Errorf("no amount written as Rp 1.234.567; the PDF shows:\n%s", shown)
				}
			})
			t.Run("UnknownLangIsRefused", func(t *testing.T) {
				resp, raw := w.call(callerTreasurer, http.MethodGet, coop+"/balance-sheet?format=pdf&lang=fr", nil)
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(raw), `"lang"`) {
					t.Errorf("got %d %s, want 422 naming lang", resp.StatusCode, raw)
				}
			})
		})

		t.Run("MeetingPapers", testMeetingPapers(w, fx))

		t.Run("RATStatementsAreSignedByPengurusAndPengawas", func(t *testing.T) {
			for _, path := range []string{coop + "/balance-sheet?format=pdf", coop + "/income-statement?format=pdf&" + fx.period()} {
				_, raw := w.call(callerTreasurer, http.MethodGet, path, nil)
				wantPDFShows(t, raw, "Pengurus", "Ketua", "Bendahara", "Pengawas", "(nama jelas)")
			}
		})

		t.Run("JSONStaysTheDefault", func(t *testing.T) {
			for _, path := range []string{coop + "/balance-sheet", coop + "/balance-sheet?format=json"} {
				resp, raw := w.call(callerTreasurer, http.MethodGet, path, nil)
				if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "application/json") ||
					resp.Header.Get("Content-Disposition") != "" {
					t.Errorf("GET %s: %d %q (Content-Disposition %q), want 200 JSON shown, not saved: %.200s",
						path, resp.StatusCode, ct, resp.Header.Get("Content-Disposition"), raw)
				}
			}
		})

		t.Run("PDFReports", func(t *testing.T) {
			coopName := mine.Cooperative.Name
			var loan struct {
				Number int `json:"number"`
			}
			_, raw := w.call(callerMember, http.MethodGet, coop+"/loans/"+fx.params["loan"], nil)
			decodeJSON(t, raw, &loan)
			for _, d := range []struct {
				name, caller, path, report string
				want                       []string
			}{
				{"Statement", callerMember, statement + "&format=pdf&lang=en", "statement-" + strings.ReplaceAll(fx.sukarela[0].Code, ".", "-"),
					[]string{"Savings statement", coopName, fx.sukarela[0].Name, "Opening balance", "Closing balance", `=HYPERLINK("http://x","y")`}},
				{"BalanceSheet", callerTreasurer, coop + "/balance-sheet?format=pdf&lang=en", "balance-sheet",
					[]string{"Balance sheet (neraca)", coopName, "Total assets", "Total liabilities and equity"}},
				{"IncomeStatement", callerTreasurer, coop + "/income-statement?format=pdf&lang=en&" + fx.period(), "income-statement",
					[]string{"Income statement", coopName, "Total income", "Surplus (SHU before distribution)"}},
				{"PartnerPortfolio", callerPartner, "/v1/partners/" + mine.Partner.ID + "/portfolio?format=pdf&lang=en", "partner-portfolio",
					// Without series=monthly, the paper still shows the last
					// twelve months and their self-reliance.
					[]string{"Partner portfolio", mine.Partner.Name, coopName, "Outstanding principal by days late, IDR", "On time",
						"Self-reliance at each month's end: member savings over partner capital, IDR", today[:7]}},
				{"PlatformPortfolio", callerAdmin, "/v1/portfolio?format=pdf&lang=en", "platform-portfolio",
					[]string{"Platform portfolio", "By partnership model, IDR", coopName, "Total",
						"Self-reliance at each month's end: member savings over partner capital, IDR"}},
				{"LoanStatement", callerMember, coop + "/loans/" + fx.params["loan"] + "/statement?format=pdf&lang=en&from=2026-01-01",
					fmt.Sprintf("loan-%d", loan.Number), []string{"Loan statement", coopName, "Opening balance", "Closing balance", "Principal owed"}},
			} {
				t.Run(d.name, func(t *testing.T) {
					resp, raw := w.call(d.caller, http.MethodGet, d.path, nil)
					if resp.StatusCode != http.StatusOK {
						t.Fatalf("got %d: %s", resp.StatusCode, raw)
					}
					if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" {
						t.Errorf("Content-Type %q, want application/pdf", ct)
					}
					owner := slugOf(coopName)
					switch d.caller {
					case callerPartner:
						owner = slugOf(mine.Partner.Name)
					case callerAdmin:
						owner = "lumbung"
					}
					wantAttachment(t, resp, d.report+"-"+owner+"-"+today+".pdf")
					const pdfBytesMin = 1500 // a page of text with its fonts named and its streams compressed
					if len(raw) < pdfBytesMin {
						t.Errorf("%d bytes, want at least %d", len(raw), pdfBytesMin)
					}
					shown := strings.Join(rendertest.Text(t, raw), "\n")
					for _, want := range append(d.want, "Generated by Lumbung on "+time.Now().UTC().Format("2 January 2006")) {
						if !strings.Contains(shown, want) {
							t.Errorf("the PDF does not show %q; it shows:\n%s", want, shown)
						}
					}
				})
			}
		})
	})
}

// wantCSV asks for a CSV and checks it is one: 200, text/csv in UTF-8,
// saved under the file name wanted ("" for any .csv), a byte order mark,
// CRLF line ends. It returns the rows.
func wantCSV(t *testing.T, w *world, caller, path, filename string) [][]string {
	t.Helper()
	resp, raw := w.call(caller, http.MethodGet, path, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s as %s: got %d, want 200: %s", path, caller, resp.StatusCode, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q, want text/csv; charset=utf-8", ct)
	}
	wantAttachment(t, resp, filename)
	body, ok := strings.CutPrefix(string(raw), "\uFEFF")
	if !ok {
		t.Errorf("no byte order mark: %.40q", raw)
	}
	if !strings.HasSuffix(body, "\r\n") || strings.Count(body, "\n") != strings.Count(body, "\r\n") {
		t.Errorf("a line that does not end in CRLF: %q", body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v: %q", err, body)
	}
	return rows
}

var attachmentName = regexp.MustCompile(`^attachment; filename="([a-z0-9-]+-[0-9]{4}-[0-9]{2}-[0-9]{2}\.(csv|pdf))"$`)

// wantAttachment checks the answer is a file to save, named filename (""
// for any name of the right form).
func wantAttachment(t *testing.T, resp *http.Response, filename string) {
	t.Helper()
	cd := resp.Header.Get("Content-Disposition")
	m := attachmentName.FindStringSubmatch(cd)
	if m == nil {
		t.Errorf("Content-Disposition %q, want attachment; filename=\"<report>-<owner>-<date>.<ext>\"", cd)
		return
	}
	if filename != "" && m[1] != filename {
		t.Errorf("file name %q, want %q", m[1], filename)
	}
}

// slugOf is how a name appears in a file name: lower case, every other
// run of characters a hyphen. The test worlds' names are plain ASCII.
func slugOf(name string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(name), "-"), "-")
}

// testMeetingPapers records a meeting where one member pays Rp 250.000 of
// sukarela and another stays away, then reads back every paper of it.
func testMeetingPapers(w *world, fx *fixture) func(t *testing.T) {
	return func(t *testing.T) {
		mine := w.mine
		day := fx.pastDay()
		siti, absent := mine.Members[0], mine.Members[1]
		if _, err := mine.Meetings.RecordCollection(context.Background(), mine.Treasurer, mine.Cooperative.ID, mine.Group.ID,
			meetings.SheetInput{Date: day, Lines: []meetings.SheetPayment{
				{MemberID: siti.ID, Attendance: meetings.Present, Sukarela: "250000"},
				{MemberID: absent.ID, Attendance: meetings.Absent},
			}}); err != nil {
			t.Fatal(err)
		}
		group := "/v1/cooperatives/" + mine.Cooperative.ID + "/groups/" + mine.Group.ID
		meeting := group + "/meetings/" + day.String()
		pdf := func(caller, path, filename string) []byte {
			t.Helper()
			resp, raw := w.call(caller, http.MethodGet, path, nil)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("GET %s: %d %q, want 200 application/pdf: %.200s", path, resp.StatusCode, resp.Header.Get("Content-Type"), raw)
			}
			wantAttachment(t, resp, filename+"-"+slugOf(mine.Cooperative.Name)+"-"+day.String()+".pdf")
			return raw
		}
		groupSlug := slugOf(mine.Group.Name)

		t.Run("CollectionSheet", func(t *testing.T) {
			raw := pdf(callerTreasurer, group+"/collection-sheet?format=pdf&date="+day.String(), "collection-sheet-"+groupSlug)
			wantPDFShows(t, raw, "Lembar tagihan pertemuan", "Kelompok: "+mine.Group.Name, siti.Name, absent.Name, "Angsuran", "Wajib",
				"Sukarela disetor", "Hadir", "Lunas", "Paraf", "Ketua kelompok", "Bendahara",
				"Pertemuan ini sudah dicatat; berita acaranya menjadi catatan resmi.")
		})
		t.Run("MinutesReadByAMemberOfTheGroup", func(t *testing.T) {
			raw := pdf(callerMember, meeting+"?format=pdf", "minutes-"+groupSlug)
			wantPDFShows(t, raw, "Berita acara pertemuan kelompok", mine.Group.Name, siti.Name, absent.Name,
				"hadir 1,", "diwakilkan 0,", "tidak hadir 1.", "Rp 250.000", "Uang dari pertemuan ini yang seharusnya ada pada bendahara: Rp 250.000",
				"Terbilang: dua ratus lima puluh ribu rupiah", "Dicatat oleh ", "Tanggung renteng",
				"Ketua kelompok", "Bendahara", "Saksi (anggota)")
		})
		t.Run("MinutesInEnglish", func(t *testing.T) {
			raw := pdf(callerTreasurer, meeting+"?format=pdf&lang=en", "minutes-"+groupSlug)
			wantPDFShows(t, raw, "Minutes of the group meeting", "present 1,", "Rp 250,000",
				"In words: two hundred fifty thousand rupiah", "Witness (member)")
		})
		t.Run("SlipsOfEveryMember", func(t *testing.T) {
			raw := pdf(callerTreasurer, meeting+"/slips", "slips-"+groupSlug)
			wantPDFShows(t, raw, "Kitir anggota", siti.Name, absent.Name, "Dibayar hari ini", "Posisi setelah pertemuan",
				"Terbilang: dua ratus lima puluh ribu rupiah", "Terbilang: nol rupiah", "tidak hadir", "Simpanan sukarela")
		})
		t.Run("OneMembersSlipInEnglish", func(t *testing.T) {
			raw := pdf(callerTreasurer, meeting+"/slips?lang=en&member="+siti.ID, "slip-"+strconv.Itoa(siti.Number)+"-"+groupSlug)
			wantPDFShows(t, raw, "Member's slip", siti.Name, "Paid today", "Rp 250,000", "In words: two hundred fifty thousand rupiah",
				"Sukarela savings")
			if shown := strings.Join(rendertest.Text(t, raw), "\n"); strings.Contains(shown, absent.Name) {
				t.Errorf("her slip shows another member, %s:\n%s", absent.Name, shown)
			}
		})
		t.Run("SlipOfAMemberNotAtTheMeeting", func(t *testing.T) {
			resp, raw := w.call(callerTreasurer, http.MethodGet, meeting+"/slips?member="+w.theirs.Members[0].ID, nil)
			if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(raw), "member.not_found") {
				t.Errorf("got %d %s, want 404 member.not_found", resp.StatusCode, raw)
			}
		})
		t.Run("SlipsAreNotTheMembers", func(t *testing.T) {
			if resp, raw := w.call(callerMember, http.MethodGet, meeting+"/slips?member="+siti.ID, nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("got %d %s, want 403", resp.StatusCode, raw)
			}
		})
		t.Run("DueList", func(t *testing.T) {
			resp, raw := w.call(callerTreasurer, http.MethodGet, "/v1/cooperatives/"+mine.Cooperative.ID+"/due-list?format=pdf&lang=en", nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("got %d: %s", resp.StatusCode, raw)
			}
			wantPDFShows(t, raw, "Due list", mine.Cooperative.Name, "Next meetings from ")
		})
	}
}

// wantPDFShows checks that a PDF shows each text wanted, on a line of its
// own or within one.
func wantPDFShows(t *testing.T, raw []byte, want ...string) {
	t.Helper()
	shown := strings.Join(rendertest.Text(t, raw), "\n")
	for _, s := range want {
		if !strings.Contains(shown, s) {
			t.Errorf("the PDF does not show %q; it shows:\n%s", s, shown)
		}
	}
}
