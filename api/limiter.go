package api

import (
	"sync"
	"time"
)

// Failed logins are limited per login (someone guessing one woman's
// password) and per client address (someone trying many logins). Counts
// live in memory: a restart forgets them, which costs an attacker a
// restart per window and keeps the limiter free of database writes.
const (
	loginFailuresPerLoginMax   = 5
	loginFailuresPerAddressMax = 20
	loginFailureWindow         = 15 * time.Minute
	// limiterKeysMax bounds the limiter's memory; beyond it, expired
	// windows are swept, and if none have expired the oldest are dropped.
	limiterKeysMax = 100_000
)

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
