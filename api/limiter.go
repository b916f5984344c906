package api

import (
	"sync"
	"time"
)

// Failed logins are limited so that guessing is slow, without refusing a
// woman who knows her password because others failed beside her: many
// people share one address (a village office, a mobile carrier's NAT).
//
//   - Per login: once a login has loginFailuresPerLoginMax failures in a
//     window, from any address, it is refused with 429 until the window
//     ends, whatever the password, which is then not checked. This is the
//     bound on guessing any one password.
//   - Per client address: once an address has loginFailuresPerAddressMax
//     failures in a window, a wrong password from it is answered 429 rather
//     than 401, telling whoever guesses there to stop. It still counts
//     against its login, so this path gives no more guesses at a password
//     than the login limit. A right password is let in: failures on other
//     logins never refuse hers.
//
// A login refused by its own limit costs no password hash. Every other
// attempt costs one, a wrong password from an address past its limit
// included: it must be checked for a right one to get in. One address can
// thus have five hashes made for every login it makes up in a window,
// which a guesser with many addresses could always do; passwordChecksMax
// bounds the memory and the cores those hashes take at once.
//
// Counts live in memory: a restart forgets them, which costs an attacker a
// restart per window and keeps the limiter free of database writes.
const (
	loginFailuresPerLoginMax   = 5
	loginFailuresPerAddressMax = 20
	loginFailureWindow         = 15 * time.Minute
	// limiterKeysMax bounds the limiter's memory; beyond it, expired
	// windows are swept, and if none have expired the oldest are dropped.
	limiterKeysMax = 100_000
)

// A password check is an argon2id hash: 19 MiB and tens of milliseconds of
// a core. passwordChecksMax bounds the checks running at once, so that a
// flood of logins, honest or not, takes at most that memory and those
// cores; a login waits up to passwordCheckWait for a free check, then is
// answered 503 and asked to retry.
const (
	passwordChecksMax = 4
	passwordCheckWait = 3 * time.Second
)

// slots is a counting semaphore: a token in the channel is a check running.
type slots chan struct{}

func newSlots(n int) slots { return make(slots, n) }

// acquire takes a slot, waiting at most wait; it reports whether it got one.
func (s slots) acquire(wait time.Duration) bool {
	select {
	case s <- struct{}{}:
		return true
	default:
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case s <- struct{}{}:
		return true
	case <-timer.C:
		return false
	}
}

func (s slots) release() { <-s }

type window struct {
	failures int
	start    time.Time
}

// limiter counts failures per key in fixed windows.
type limiter struct {
	mu      sync.Mutex
	max     int
	windows map[string]*window
	now     func() time.Time
}

func newLimiter(max int) *limiter {
	return &limiter{max: max, windows: map[string]*window{}, now: time.Now}
}

// blocked reports whether key has used up its failures, and for how long.
func (l *limiter) blocked(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w, ok := l.windows[key]
	if !ok {
		return false, 0
	}
	left := loginFailureWindow - l.now().Sub(w.start)
	if left <= 0 {
		delete(l.windows, key)
		return false, 0
	}
	return w.failures >= l.max, left
}

// fail counts a failure against key.
func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w, ok := l.windows[key]
	if !ok || now.Sub(w.start) >= loginFailureWindow {
		if len(l.windows) >= limiterKeysMax {
			l.sweep(now)
		}
		w = &window{start: now}
		l.windows[key] = w
	}
	w.failures++
}

// forget clears key after a success.
func (l *limiter) forget(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.windows, key)
}

// sweep drops expired windows; if none had expired, it drops the oldest
// half, so that a flood of new keys cannot grow memory without bound.
func (l *limiter) sweep(now time.Time) {
	for k, w := range l.windows {
		if now.Sub(w.start) >= loginFailureWindow {
			delete(l.windows, k)
		}
	}
	if len(l.windows) < limiterKeysMax {
		return
	}
	cutoff := now.Add(-loginFailureWindow / 2)
	for k, w := range l.windows {
		if w.start.Before(cutoff) || len(l.windows) > limiterKeysMax/2 {
			delete(l.windows, k)
		}
	}
}
