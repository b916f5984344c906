package imports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/capital"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger"
)

// Service imports a cooperative's spreadsheets. It is safe for concurrent
// use.
type Service struct {
	core    *accounts.Service
	capital *capital.Service
	lending *lending.Service
	db      *bun.DB
	ledger  *ledger.Ledger
	now     func() time.Time
}

// New returns the import service over the services it posts through.
func New(core *accounts.Service, cp *capital.Service, ln *lending.Service) *Service {
	return &Service{core: core, capital: cp, lending: ln, db: core.DB(), ledger: core.Ledger(), now: core.Now}
}

// Input is a file to import.
type Input struct {
	Kind    Kind
	Format  Format
	Content []byte
	DryRun  bool // check and post it all, then roll it back
}

// Result is what an import did, or on a dry run would do.
type Result struct {
	ID         string // empty on a dry run
	Kind       Kind
	Rows       int // data rows read
	Created    int // members or loans created
	Entries    int // journal entries posted
	DryRun     bool
	Replayed   bool // the same file was imported before; this is what that import did
	ImportedAt time.Time
}

type importRow struct {
	bun.BaseModel `bun:"table:imports"`

	ID            string    `bun:"id,pk"`
	CooperativeID string    `bun:"cooperative_id"`
	Kind          string    `bun:"kind"`
	ContentHash   string    `bun:"content_hash"`
	RowsCount     int       `bun:"rows_count"`
	CreatedCount  int       `bun:"created_count"`
	EntriesCount  int       `bun:"entries_count"`
	ImportedBy    string    `bun:"imported_by"`
	ImportedAt    time.Time `bun:"imported_at"`
}

func (r importRow) result() Result {
	return Result{ID: r.ID, Kind: Kind(r.Kind), Rows: r.RowsCount, Created: r.CreatedCount, Entries: r.EntriesCount, ImportedAt: r.ImportedAt}
}

// step is one row's work, posted inside the import's transaction; col is
// the column a refusal of it is put under.
type step struct {
	rec  record
	col  string
	post func(ctx context.Context, tx bun.Tx) (created, entries int, err error)
}

// errDryRun rolls a dry run's transaction back once all of it has posted.
var errDryRun = errors.New("dry run")

// Import reads a file and brings what it holds into the cooperative's
// books, all of it or nothing. The same file imported again answers what
// the first import did (Replayed) and changes nothing. The cooperative's
// treasurer, or an admin setting it up.
// Errors: KindNotFound, KindForbidden; KindInvalid for a file that cannot
// be read, naming every row and column that is wrong and why, or the
// first row the books refuse (a pokok above the cooperative's amount, a
// loan beyond its facility's funds).
func (s *Service) Import(ctx context.Context, a accounts.Actor, cooperativeID string, in Input) (res Result, err error) {
	defer ledger.Wrap(&err, "Import(%s, %s)", cooperativeID, in.Kind)
	books, err := s.core.BooksToSetUp(ctx, a, cooperativeID)
	if err != nil {
		return Result{}, err
	}
	if _, ok := columns[in.Kind]; !ok {
		return Result{}, ledger.InvalidField("import.invalid", "kind", "members, opening-balances or loans")
	}
	sum := sha256.Sum256(in.Content)
	hash := hex.EncodeToString(sum[:])
	if res, found, err := s.recorded(ctx, cooperativeID, in.Kind, hash); err != nil || found {
		res.DryRun = in.DryRun
		return res, err
	}
	t, err := readTable(in.Content, in.Format)
	if err != nil {
		return Result{}, err
	}
	steps, err := s.plan(ctx, books, in.Kind, &t)
	if err != nil {
		return Result{}, err
	}
	res, err = s.run(ctx, books, in, hash, len(t.rows), steps)
	if ledger.IsUniqueViolation(err, "imports_content_key") {
		// The same file, imported at the same moment, committed first.
		if first, found, ferr := s.recorded(ctx, cooperativeID, in.Kind, hash); ferr == nil && found {
			return first, nil
		}
	}
	return res, err
}

// plan reads every row of a file into its step, listing every problem
// the rows have before anything is posted.
func (s *Service) plan(ctx context.Context, books accounts.Books, kind Kind, t *table) ([]step, error) {
	l, err := readLayout(kind, t.header)
	if err != nil {
		return nil, err
	}
	var fields []ledger.FieldError
	records := make([]record, len(t.rows))
	for i, cells := range t.rows {
		records[i] = record{t: t, l: l, cells: cells, line: i + 2, fields: &fields}
	}
	var steps []step
	switch kind {
	case Members:
		steps, err = s.planMembers(ctx, books, records)
	case OpeningBalances:
		steps, err = s.planBalances(ctx, books, records)
	default:
		steps, err = s.planLoans(ctx, books, records)
	}
	if err != nil {
		return nil, err
	}
	if len(fields) > 0 {
		return nil, accounts.Invalid("import.invalid", fields)
	}
	return steps, nil
}

// run posts every step in one transaction and records the import; a dry
// run rolls it back at the end. A row the books refuse ends it, named.
func (s *Service) run(ctx context.Context, books accounts.Books, in Input, hash string, rows int, steps []step) (Result, error) {
	coop := books.Cooperative()
	var res Result
	err := s.ledger.InTx(ctx, func(tx bun.Tx) error {
		now := s.now().UTC()
		res = Result{Kind: in.Kind, Rows: rows, DryRun: in.DryRun, ImportedAt: now}
		if in.Kind != Members {
			if err := accounts.OpenOpeningEquityTx(ctx, tx, coop.BookID, now); err != nil {
				return err
			}
		}
		for _, st := range steps {
			created, entries, err := st.post(ctx, tx)
			if err != nil {
				return refusedRow(st, err)
			}
			res.Created, res.Entries = res.Created+created, res.Entries+entries
		}
		if in.DryRun {
			return errDryRun
		}
		row := importRow{ID: ledger.NewID(), CooperativeID: coop.ID, Kind: string(in.Kind), ContentHash: hash, RowsCount: rows,
			CreatedCount: res.Created, EntriesCount: res.Entries, ImportedBy: books.Actor().UserID, ImportedAt: now}
		res.ID = row.ID
		_, err := tx.NewInsert().Model(&row).Exec(ctx)
		return err
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// refusedRow puts a service's refusal of a row under the row and the
// column it concerns; anything but a refusal (a lost connection) stays as
// it is.
func refusedRow(st step, err error) error {
	if k := ledger.KindOf(err); k != ledger.KindInvalid && k != ledger.KindConflict {
		return err
	}
	var fields []ledger.FieldError
	r := st.rec
	r.fields = &fields
	e := ledger.AsError(err)
	if e.Message != "" || len(e.Fields) == 0 {
		r.fail(st.col, e.Message, e.Args...)
	}
	for _, f := range e.Fields {
		col, ok := serviceColumns[f.Field]
		if !ok {
			col = st.col
		}
		r.fail(col, f.Reason, f.Args...)
	}
	return accounts.Invalid("import.invalid", fields)
}

// serviceColumns names the column of each field a service may refuse.
var serviceColumns = map[string]string{
	"member_id": "member", "facility_id": "facility", "group_id": "group", "principal": "principal",
	"annual_rate": "annual_rate", "installments": "installments", "grace_periods": "grace_periods",
	"method": "method", "interest_method": "method", "frequency": "frequency", "disbursed_on": "disbursed_on", "name": "name", "gender": "gender", "joined_on": "joined_on",
	"business_type": "business_type", "phone": "phone", "amount": "amount",
}

// recorded finds an import of the same file.
func (s *Service) recorded(ctx context.Context, cooperativeID string, kind Kind, hash string) (Result, bool, error) {
	var row importRow
	err := s.db.NewSelect().Model(&row).
		Where("cooperative_id = ? AND kind = ? AND content_hash = ?", cooperativeID, string(kind), hash).Scan(ctx)
	if accounts.NoRows(err) {
		return Result{}, false, nil
	}
	if err != nil {
		return Result{}, false, err
	}
	res := row.result()
	res.Replayed = true
	return res, true, nil
}
