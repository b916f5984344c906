package accounts

// The audit log: every change, not only money, on record with who made it,
// when, from which address, and the record before and after. Events are
// written inside the transaction of the change they describe, so that a
// change and its record commit or fail together; each cooperative's events
// (and the platform's) form a hash chain as the journal's entries do, and
// the table refuses updates and deletes.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger"
)

// AuditPlatform is the scope of events that belong to no one cooperative:
// users, grants, partners, sign-ins.
const AuditPlatform = "platform"

// AuditChainVersion names the canonical form an event's chain hash covers.
const AuditChainVersion = "lumbung-audit-1"

// AuditEvent is one change on record. Before and After are the subject's
// record as JSON (nil where there was none: a creation has no before).
type AuditEvent struct {
	ID          string
	Scope       string // a cooperative's ID, or AuditPlatform
	Sequence    int64
	At          time.Time
	ActorID     string // the user who made the change; "" for the command line
	ActorName   string // her name, for the reader; "" when she has none on record
	Address     string // the client's address, as the server saw it; "" off the network
	Action      string // "member.update", "session.login", ...
	SubjectKind string // "member", "user", ...
	SubjectID   string
	Before      json.RawMessage
	After       json.RawMessage
	ChainHash   string
}

type auditRow struct {
	bun.BaseModel `bun:"table:audit_events"`

	ID          string    `bun:"id,pk"`
	Scope       string    `bun:"scope"`
	Sequence    int64     `bun:"sequence"`
	At          time.Time `bun:"at"`
	ActorID     string    `bun:"actor_id"`
	Address     string    `bun:"address"`
	Action      string    `bun:"action"`
	SubjectKind string    `bun:"subject_kind"`
	SubjectID   string    `bun:"subject_id"`
	Before      *string   `bun:"before"`
	After       *string   `bun:"after"`
	ChainHash   string    `bun:"chain_hash"`
}

func (r auditRow) event() AuditEvent {
	e := AuditEvent{ID: r.ID, Scope: r.Scope, Sequence: r.Sequence, At: r.At, ActorID: r.ActorID, Address: r.Address,
		Action: r.Action, SubjectKind: r.SubjectKind, SubjectID: r.SubjectID, ChainHash: r.ChainHash}
	if r.Before != nil {
		e.Before = json.RawMessage(*r.Before)
	}
	if r.After != nil {
		e.After = json.RawMessage(*r.After)
	}
	return e
}

type addressKey struct{}

// WithAddress returns a context carrying the client's network address, for
// the audit log: the API sets it on every request.
func WithAddress(ctx context.Context, address string) context.Context {
	return context.WithValue(ctx, addressKey{}, address)
}

func addressOf(ctx context.Context) string {
	a, _ := ctx.Value(addressKey{}).(string)
	return a
}

// Change is what a service records of one change.
type Change struct {
	Scope       string // the cooperative's ID, or AuditPlatform
	Action      string
	SubjectKind string
	SubjectID   string
	Before      any // nil: none
	After       any // nil: none (a removal)
}

// Audit records a change inside the caller's transaction, as the last
// thing it locks: the scope's chain row, held to commit, so that events of
// one cooperative are numbered and chained in commit order.
func Audit(ctx context.Context, tx bun.Tx, actorID string, c Change, now time.Time) error {
	row := auditRow{Scope: c.Scope, At: now.UTC().Truncate(time.Microsecond), ActorID: actorID,
		Address: addressOf(ctx), Action: c.Action, SubjectKind: c.SubjectKind, SubjectID: c.SubjectID}
	var err error
	if row.Before, err = auditJSON(c.Before); err != nil {
		return err
	}
	if row.After, err = auditJSON(c.After); err != nil {
		return err
	}
	var prev *string
	err = tx.NewRaw(`INSERT INTO audit_chains (scope, last_sequence) VALUES (?, 1)
		ON CONFLICT (scope) DO UPDATE SET last_sequence = audit_chains.last_sequence + 1
		RETURNING last_sequence, (SELECT e.chain_hash FROM audit_events e
		    WHERE e.scope = audit_chains.scope AND e.sequence = audit_chains.last_sequence - 1)`, c.Scope).
		Scan(ctx, &row.Sequence, &prev)
	if err != nil {
		return err
	}
	if prev == nil && row.Sequence > 1 {
		// On Postgres the statement read events with the snapshot it began
		// with: when it waited for the chain's row, the event whose commit
		// released it is newer than that snapshot. A new statement sees it.
		if err := tx.NewSelect().Table("audit_events").Column("chain_hash").
			Where("scope = ? AND sequence = ?", c.Scope, row.Sequence-1).Scan(ctx, &prev); err != nil {
			return fmt.Errorf("audit: event #%d of %s: %w", row.Sequence-1, c.Scope, err)
		}
	}
	// The ID is made under the chain's lock: IDs are time-ordered, so the
	// listing's order by ID is the chain's order.
	row.ID = ledger.NewID()
	p := ""
	if prev != nil {
		p = *prev
	}
	row.ChainHash = auditHash(p, row)
	_, err = tx.NewInsert().Model(&row).Exec(ctx)
	return err
}

func auditJSON(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	s := string(b)
	return &s, nil
}

// auditHash is the SHA-256 of the previous event's hash, a newline and the
// event's canonical JSON (its records as the stored text).
func auditHash(prev string, r auditRow) string {
	link := struct {
		V           string  `json:"v"`
		Scope       string  `json:"scope"`
		Sequence    int64   `json:"seq"`
		ID          string  `json:"id"`
		At          string  `json:"at"`
		ActorID     string  `json:"actor"`
		Address     string  `json:"address"`
		Action      string  `json:"action"`
		SubjectKind string  `json:"subject_kind"`
		SubjectID   string  `json:"subject_id"`
		Before      *string `json:"before"`
		After       *string `json:"after"`
	}{AuditChainVersion, r.Scope, r.Sequence, r.ID, r.At.UTC().Format("2006-01-02T15:04:05.000000Z"), r.ActorID, r.Address,
		r.Action, r.SubjectKind, r.SubjectID, r.Before, r.After}
	body, err := json.Marshal(link)
	if err != nil {
		panic(fmt.Sprintf("accounts: audit link does not encode: %v", err)) // strings and an integer always encode
	}
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{'\n'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditFilter narrows a listing of a scope's events.
type AuditFilter struct {
	SubjectKind string
	SubjectID   string
}

func (s *Service) findAudit(ctx context.Context, scope string, f AuditFilter, p Page) ([]AuditEvent, string, error) {
	p, err := p.Validate()
	if err != nil {
		return nil, "", err
	}
	var rows []auditRow
	q := s.db.NewSelect().Model(&rows).Where("scope = ?", scope)
	if f.SubjectKind != "" {
		q = q.Where("subject_kind = ?", f.SubjectKind)
	}
	if f.SubjectID != "" {
		q = q.Where("subject_id = ?", f.SubjectID)
	}
	if err := p.Apply(q, "id").Scan(ctx); err != nil {
		return nil, "", err
	}
	rows, next := Next(rows, p.Limit, func(r auditRow) string { return r.ID })
	names, err := s.actorNames(ctx, rows)
	if err != nil {
		return nil, "", err
	}
	out := make([]AuditEvent, len(rows))
	for i, r := range rows {
		out[i] = r.event()
		out[i].ActorName = names[r.ActorID]
	}
	return out, next, nil
}

// actorNames reads the names of the users who made a page's changes, in
// one query: the log stores who by ID, and a reader wants a name.
func (s *Service) actorNames(ctx context.Context, rows []auditRow) (map[string]string, error) {
	seen := map[string]bool{}
	var ids []string
	for _, r := range rows {
		if ledger.IsID(r.ActorID) && !seen[r.ActorID] {
			seen[r.ActorID] = true
			ids = append(ids, r.ActorID)
		}
	}
	names := map[string]string{}
	if len(ids) == 0 {
		return names, nil
	}
	var users []struct {
		ID   string `bun:"id"`
		Name string `bun:"name"`
	}
	if err := s.db.NewSelect().Table("users").Column("id", "name").Where("id IN (?)", bun.List(ids)).Scan(ctx, &users); err != nil {
		return nil, err
	}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	return names, nil
}

// FindAudit lists a cooperative's audit events, oldest first: its
// treasurer's and its supervisor's to read. Filtered by subject, it is
// that subject's history (a member's record, with every change to it).
// Errors: as BooksRead; KindInvalid for a bad page.
func (s *Service) FindAudit(ctx context.Context, a Actor, cooperativeID string, f AuditFilter, p Page) (es []AuditEvent, next string, err error) {
	defer ledger.Wrap(&err, "FindAudit(%s)", cooperativeID)
	if _, err := s.cooperativeForBooksRead(ctx, a, cooperativeID); err != nil {
		return nil, "", err
	}
	return s.findAudit(ctx, cooperativeID, f, p)
}

// FindPlatformAudit lists the platform's events (users, grants, partners,
// sign-ins), oldest first: the admin's. Errors: KindForbidden for anyone
// else; KindInvalid for a bad page.
func (s *Service) FindPlatformAudit(ctx context.Context, a Actor, f AuditFilter, p Page) (es []AuditEvent, next string, err error) {
	defer ledger.Wrap(&err, "FindPlatformAudit")
	if _, err := RequireAdmin(a); err != nil {
		return nil, "", err
	}
	return s.findAudit(ctx, AuditPlatform, f, p)
}

// auditVerifyPage is how many events VerifyAudit reads at once.
const auditVerifyPage = 500

// VerifyAudit recomputes every scope's audit chain and names, per scope,
// the first event whose hash does not follow, or a chain whose last events
// are gone: check audit_chain.
func VerifyAudit(ctx context.Context, db bun.IDB) ([]ledger.Violation, error) {
	var chains []struct {
		Scope        string `bun:"scope"`
		LastSequence int64  `bun:"last_sequence"`
	}
	if err := db.NewSelect().Table("audit_chains").Column("scope", "last_sequence").Order("scope").Scan(ctx, &chains); err != nil {
		return nil, err
	}
	var vs []ledger.Violation
	for _, c := range chains {
		detail, err := verifyAuditChain(ctx, db, c.Scope, c.LastSequence)
		if err != nil {
			return nil, err
		}
		if detail != "" {
			vs = append(vs, ledger.Violation{Check: "audit_chain", BookID: c.Scope, Detail: detail})
		}
	}
	return vs, nil
}

func verifyAuditChain(ctx context.Context, db bun.IDB, scope string, last int64) (string, error) {
	prev, after := "", int64(0)
	for {
		var rows []auditRow
		err := db.NewSelect().Model(&rows).Where("scope = ? AND sequence > ?", scope, after).
			OrderExpr("sequence").Limit(auditVerifyPage).Scan(ctx)
		if err != nil {
			return "", err
		}
		for _, r := range rows {
			if r.Sequence != after+1 || auditHash(prev, r) != r.ChainHash {
				return fmt.Sprintf("audit event #%d does not follow event #%d: the first broken link", r.Sequence, after), nil
			}
			prev, after = r.ChainHash, r.Sequence
		}
		if len(rows) < auditVerifyPage {
			break
		}
	}
	if after != last {
		return fmt.Sprintf("the chain counts %d events and holds %d: the last are gone", last, after), nil
	}
	return "", nil
}
