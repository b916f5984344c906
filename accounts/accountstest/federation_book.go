package accountstest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/capital"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/ledger"
)

// The activity of one cooperative of a federation, computed in memory: the
// entries and postings the services would have written week after week,
// with the balances they add up to. Every rule the services check before a
// write is checked here too (balanced entries, account floors, a
// facility's available funds), and a breach is a generator bug.

// Loan terms and savings amounts of the generated cooperatives, in rupiah.
const (
	pokokMinor        = 50_000
	wajibMinor        = 10_000 // weekly
	loanInstallments  = 25     // weekly
	loanRatePercent   = 24     // flat, a year
	loanMultipleMinor = 500
	trancheShareFirst = 60 // percent of the commitment sent on the first day; the rest a year later
)

// genAccount is a ledger account of the book: made by the services
// (existing: its balance is updated) or generated (inserted).
type genAccount struct {
	id        uuid.UUID
	code      string
	name      string
	typ       ledger.Type
	ownerKind string
	ownerID   string
	floor     bool
	ceiling   *int64 // the account's ceiling, as the engine would set it
	balance   int64
	existing  bool
	createdAt time.Time
}

type genPosting struct {
	account int // index into book.accounts
	side    ledger.Side
	amount  int64
}

type genEntry struct {
	id       uuid.UUID
	sequence int64
	kind     string
	metadata string
	on       ledger.Date
	hash     string
	chain    string // the entry's chain hash, following the one before it
	first    int    // its postings are book.postings[first : first+count]
	count    int
}

type genMember struct {
	id       uuid.UUID
	number   int
	name     string
	gender   string
	business string
	group    int
	pokok    int // account indices
	wajib    int
	sukarela int
	loan     *genLoan // the loan she is repaying, if any
	nextLoan int      // the week of her next loan; -1: no more loans
	cycle    int      // loans taken so far
}

type genLoan struct {
	id          uuid.UUID
	number      int
	member      *genMember
	facility    int
	principal   int64
	fee         int64
	disbursedOn ledger.Date
	closedOn    *ledger.Date
	status      string
	schedule    []lending.Installment
	paid        lending.Paid
	accts       [3]int // principal, penalty, interest
	lateFrom    int    // the installment (from 0) at which a spell of missed payments starts; -1: none
	lateLength  int
	stopAt      int // the installment from which she pays no more; -1: she never stops
}

type genFacility struct {
	facility accounts.Facility
	account  int
	received int64
	lent     int64 // principal its disbursed loans still owe
}

// book is one cooperative's generated rows.
type book struct {
	org        *coopOrg
	start      ledger.Date
	weeks      int
	rng        *rand.Rand
	accounts   []genAccount
	byCode     map[string]int
	members    []*genMember
	loans      []*genLoan
	facilities []genFacility
	entries    []genEntry
	postings   []genPosting
}

// buildBook simulates the cooperative's weeks. The random choices are
// seeded by the cooperative's position, so a size always makes the same
// federation.
func buildBook(org *coopOrg, start ledger.Date, weeks, membersPerGroup int) (*book, error) {
	b := &book{org: org, start: start, weeks: weeks, rng: rand.New(rand.NewPCG(uint64(org.index), 7)),
		byCode: map[string]int{}}
	for _, a := range org.accounts {
		b.addAccount(genAccount{id: uuid.MustParse(a.ID), code: a.Code, name: a.Name, typ: a.Type, floor: a.FloorMinor != nil, existing: true})
	}
	for _, f := range org.facilities {
		b.facilities = append(b.facilities, genFacility{facility: f, account: b.byCode[f.AccountCode]})
	}
	b.enrol(membersPerGroup)
	for w := range weeks {
		if err := b.week(w); err != nil {
			return nil, fmt.Errorf("cooperative %d, week %d: %w", org.index, w, err)
		}
	}
	return b, nil
}

func (b *book) addAccount(a genAccount) int {
	b.accounts = append(b.accounts, a)
	b.byCode[a.code] = len(b.accounts) - 1
	return len(b.accounts) - 1
}

var memberNames = []string{"Siti Aminah", "Dewi Lestari", "Sri Mulyani", "Ratna Sari", "Nur Hidayah", "Wulan Sari",
	"Yuliani", "Suparmi", "Rina Wati", "Tri Wahyuni", "Kartini", "Purwanti", "Sumarni", "Maryam", "Fatimah", "Sulastri"}

var businessTypes = []string{"warung kelontong", "jahit", "kue basah", "sayur keliling", "ternak ayam", "laundry"}

// enrol makes the members and their savings accounts; first loans are
// staggered over the first weeks, as groups join a programme in turns.
func (b *book) enrol(membersPerGroup int) {
	joined := b.start.Time()
	for g := range b.org.groups {
		for i := range membersPerGroup {
			n := len(b.members) + 1
			m := &genMember{id: uuid.Must(uuid.NewV7()), number: n, group: g, gender: "female", nextLoan: n % 6,
				name: fmt.Sprintf("%s %d", memberNames[n%len(memberNames)], n), business: businessTypes[n%len(businessTypes)]}
			if i == membersPerGroup-1 && g%2 == 1 {
				m.gender = "male" // a few mixed groups
			}
			owner := m.id.String()
			for _, acct := range []struct {
				t   accounts.SavingsType
				typ ledger.Type
				dst *int
			}{{accounts.Pokok, ledger.Equity, &m.pokok}, {accounts.Wajib, ledger.Equity, &m.wajib}, {accounts.Sukarela, ledger.Liability, &m.sukarela}} {
				a := genAccount{id: uuid.Must(uuid.NewV7()), code: accounts.MemberAccountCode(acct.t, n),
					name: "Simpanan " + string(acct.t) + " " + m.name, typ: acct.typ, ownerKind: accounts.OwnerMember,
					ownerID: owner, floor: true, createdAt: joined}
				if acct.t == accounts.Pokok && b.org.coop.Savings.PokokMinor > 0 {
					a.ceiling = &b.org.coop.Savings.PokokMinor
				}
				*acct.dst = b.addAccount(a)
			}
			b.members = append(b.members, m)
		}
	}
}

// meetingDay is the day group g meets in week w: groups meet on different
// weekdays, Monday first.
func (b *book) meetingDay(w, g int) ledger.Date { return b.start.AddDays(7*w + g%5) }

// week records one week: capital arriving (first day, and a year later),
// then each group's meeting: loan repayments, new loans, savings.
func (b *book) week(w int) error {
	if w == 0 || w == 52 {
		if err := b.tranches(w); err != nil {
			return err
		}
	}
	for _, m := range b.members {
		on := b.meetingDay(w, m.group)
		if m.loan != nil {
			if err := b.repay(m, w, on); err != nil {
				return err
			}
		}
		if m.loan == nil && m.nextLoan == w {
			if err := b.disburse(m, on); err != nil {
				return err
			}
		}
		if err := b.save(m, w, on); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) tranches(w int) error {
	cash := b.byCode[accounts.CodeCash]
	for i := range b.facilities {
		f := &b.facilities[i]
		amount := f.facility.CommittedMinor * trancheShareFirst / 100
		if w > 0 {
			amount = f.facility.CommittedMinor - f.received
		}
		meta := map[string]string{"facility_id": f.facility.ID, "partner_id": f.facility.PartnerID}
		if err := b.post(capital.KindTranche, b.start.AddDays(7*w), meta,
			genPosting{cash, ledger.Debit, amount}, genPosting{f.account, ledger.Credit, amount}); err != nil {
			return err
		}
		f.received += amount
	}
	return nil
}

// save records the week's savings: pokok on joining, wajib every week, and
// sukarela once every four weeks.
func (b *book) save(m *genMember, w int, on ledger.Date) error {
	deposit := func(t accounts.SavingsType, account int, amount int64) error {
		meta := map[string]string{"member_id": m.id.String(), "savings_type": string(t)}
		return b.post(savings.KindSavingsDeposit, on, meta,
			genPosting{b.byCode[accounts.CodeCash], ledger.Debit, amount}, genPosting{account, ledger.Credit, amount})
	}
	if w == 0 {
		if err := deposit(accounts.Pokok, m.pokok, pokokMinor); err != nil {
			return err
		}
	}
	if err := deposit(accounts.Wajib, m.wajib, wajibMinor); err != nil {
		return err
	}
	if w%4 == m.number%4 {
		return deposit(accounts.Sukarela, m.sukarela, int64(10_000*(1+b.rng.IntN(10))))
	}
	return nil
}

// post records an entry after the checks Post makes: the input's own
// (ledger.Prepare, which also gives the request hash Post would store),
// debits equal to credits, no floor crossed.
func (b *book) post(kind string, on ledger.Date, meta map[string]string, lines ...genPosting) error {
	in := ledger.EntryInput{Kind: kind, EffectiveDate: on, Metadata: meta, RecordedBy: b.org.treasurer.UserID}
	var net int64
	for _, l := range lines {
		in.Postings = append(in.Postings, ledger.PostingInput{Account: b.accounts[l.account].code, Side: l.side,
			Amount: ledger.FromMinor(l.amount, b.org.coop.Currency)})
		net += ledger.Asset.Effect(l.side, l.amount)
	}
	_, hash, err := ledger.Prepare(b.org.coop.BookID, in, on.Time())
	if err != nil {
		return fmt.Errorf("%s on %s: %w", kind, on, err)
	}
	if net != 0 {
		return fmt.Errorf("%s on %s does not balance: %d", kind, on, net)
	}
	for _, l := range lines {
		a := &b.accounts[l.account]
		a.balance += a.typ.Effect(l.side, l.amount)
	}
	for _, l := range lines {
		if a := b.accounts[l.account]; a.floor && a.balance < 0 {
			return fmt.Errorf("%s on %s takes account %s below zero", kind, on, a.code)
		}
	}
	metadata, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	e := genEntry{id: uuid.Must(uuid.NewV7()), sequence: int64(len(b.entries) + 1), kind: kind,
		metadata: string(metadata), on: on, hash: hash, first: len(b.postings), count: len(lines)}
	e.chain = b.chainHash(e, meta, lines)
	b.entries = append(b.entries, e)
	b.postings = append(b.postings, lines...)
	return nil
}

// chainHash is the chain hash Post would give the entry, recorded as
// federationRows writes it.
func (b *book) chainHash(e genEntry, meta map[string]string, lines []genPosting) string {
	prev := ""
	if len(b.entries) > 0 {
		prev = b.entries[len(b.entries)-1].chain
	}
	c := ledger.ChainEntry{BookID: b.org.coop.BookID, Sequence: e.sequence, ID: e.id.String(), Kind: e.kind,
		EffectiveDate: e.on, RecordedAt: e.recordedAt(), Metadata: meta, MemoDigest: ledger.Digest(""),
		RecordedByDigest: ledger.Digest(b.org.treasurer.UserID), KeyDigest: ledger.Digest("")}
	for i, l := range lines {
		c.Postings = append(c.Postings, ledger.Posting{Line: i, AccountCode: b.accounts[l.account].code, Side: l.side,
			AmountMinor: l.amount, Currency: b.org.coop.Currency})
	}
	return ledger.ChainHash(prev, c)
}

// recordedAt is when the generated entry says it was recorded: the
// morning after its meeting day.
func (e genEntry) recordedAt() time.Time { return e.on.Time().Add(10 * time.Hour) }
