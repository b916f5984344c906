package api

import (
	"context"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/lumbung/lumbung/accounts/identity"
)

// An access token is checked without a database read, so by itself it would
// outlive the session it was minted for until it expires. Revocations closes
// that gap: an in-memory view of the sessions ended within the last access
// token lifetime, which authenticate consults on every request.
//
// The sessions table is the durable record. Every server reloads the view
// from it every RevocationsRefreshInterval, so that servers behind one load
// balancer agree within seconds, and adds the sessions it ends itself at
// once. Only revocations younger than revocationWindow are read and kept:
// the tokens of a session ended earlier have expired anyway.
//
// When a reload fails, the view keeps what it holds, the failure is logged
// and the next tick tries again. Failing closed instead (refusing every
// token) would add nothing while the database is away, since every handler
// needs it and fails regardless; and when only this read fails it would
// turn one failing query into a full outage. Keeping the view degrades only
// sessions ended through other servers, and only to the bound that holds
// without any view: an access token's lifetime.
const (
	// RevocationsRefreshInterval is how often a server reloads the view: how
	// long a session ended through another server stays usable here.
	RevocationsRefreshInterval = 2 * time.Second
	// revocationsLoadTimeout bounds one reload, so that a database that
	// hangs delays the reloads rather than stopping them.
	revocationsLoadTimeout = 5 * time.Second
	// clockSkewMax is how far apart the servers' clocks may drift: a
	// revocation is stamped by the clock of the server that made it and
	// aged by the clock of the server that reads it.
	clockSkewMax = time.Minute
	// revocationWindow is how long a revocation stays in the view: as long
	// as a token minted before it can live, and the clocks' drift. Its size
	// bounds the view: the sessions ended within it, each a login that cost
	// a password hash.
	revocationWindow = accessTokenTTL + clockSkewMax
)

// Revocations is a server's view of the sessions ended recently. It is safe
// for concurrent use.
type Revocations struct {
	identity *identity.Service
	logger   *slog.Logger
	interval time.Duration

	mu        sync.RWMutex
	revokedAt map[string]time.Time // session ID -> when it ended
}

// NewRevocations returns an empty view of the sessions ended recently, to
// be reloaded every interval (which must be positive) once started.
func NewRevocations(s *identity.Service, logger *slog.Logger, interval time.Duration) *Revocations {
	return &Revocations{identity: s, logger: logger, interval: interval, revokedAt: map[string]time.Time{}}
}

// Load reads the sessions ended within the window into the view and drops
// those that have left it. A server loads once before it serves: a view
// never loaded would accept the tokens of every session ended in the last
// minutes.
func (r *Revocations) Load(ctx context.Context) error {
	since := time.Now().Add(-revocationWindow)
	ended, err := r.identity.FindRevokedSessions(ctx, since)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	maps.DeleteFunc(r.revokedAt, func(_ string, at time.Time) bool { return at.Before(since) })
	for _, s := range ended {
		r.add(s.ID, s.RevokedAt)
	}
	return nil
}

// add records a session's end, keeping the latest time it is known by: a
// session this server ended just now stays in the view for a whole window
// even if the database's record of it is older. Call with mu held.
func (r *Revocations) add(sessionID string, at time.Time) {
	if at.After(r.revokedAt[sessionID]) {
		r.revokedAt[sessionID] = at
	}
}

// revoke adds sessions this server has just ended, so that their tokens
// are refused from the next request on rather than from the next reload.
func (r *Revocations) revoke(sessionIDs ...string) {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range sessionIDs {
		r.add(id, now)
	}
}

// isRevoked reports whether a session has ended.
func (r *Revocations) isRevoked(sessionID string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	_, ok := r.revokedAt[sessionID]
	return ok
}

// Start reloads the view every interval in a goroutine of its own until
// stop is called. stop returns once that goroutine has ended, so that a
// server shut down, or a test ended, leaves nothing running.
func (r *Revocations) Start() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(r.interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				r.reload(ctx)
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// reload runs one bounded Load, logging a failure other than being stopped.
func (r *Revocations) reload(ctx context.Context) {
	loadCtx, cancel := context.WithTimeout(ctx, revocationsLoadTimeout)
	defer cancel()
	if err := r.Load(loadCtx); err != nil && ctx.Err() == nil {
		r.logger.Error("reading the ended sessions failed; sessions ended through other servers stay usable here until it succeeds",
			"err", err)
	}
}
