package loadbench

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// row is one cell of the table: the server's side, the ceiling's, and
// what the server spent on its side.
type row struct {
	scenario   string
	clients    int
	lumbung    measured
	ceiling    *measured     // nil: no ceiling for this cell
	cpu        time.Duration // the server's, during its side; -1: not measured
	roundTrips int64         // between the server and PostgreSQL; -1: not counted
}

// warmUpMax bounds the untimed load run first, which opens the pools'
// connections and fills their statement caches on both sides.
const warmUpMax = time.Second

// runCells runs every scenario at every number of clients. Each cell runs
// the server's side and then the ceiling's, so that a change in the
// machine's load between cells reaches both.
func runCells(ctx context.Context, cfg Config, t target, w *world, c *ceiling, runID string) ([]row, error) {
	warm := scenario{"warm-up", postOp(false, booksMax), ceilingOp(false, booksMax)} // every book, the most connections
	clientsMost := cfg.Clients[0]
	for _, n := range cfg.Clients {
		clientsMost = max(clientsMost, n)
	}
	fmt.Fprintf(cfg.Progress, "warming up: %s, %d clients\n", warm.name, clientsMost)
	r, err := runCell(ctx, t, w, c, warm, clientsMost, min(cfg.Duration, warmUpMax), runID+"-warm")
	if err == nil {
		err = failures([]row{r}) // a 5xx fails the run even before the table
	}
	if err != nil {
		return nil, err
	}
	var rows []row
	for i, s := range selected(cfg.Only) {
		for _, n := range cfg.Clients {
			if err := w.renewSession(ctx); err != nil {
				return rows, fmt.Errorf("renew the treasurer's session: %w", err)
			}
			fmt.Fprintf(cfg.Progress, "%s, %d clients\n", s.name, n)
			r, err := runCell(ctx, t, w, c, s, n, cfg.Duration, fmt.Sprintf("%s-%d-%d", runID, i, n))
			if err != nil {
				return rows, err
			}
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// runCell runs one scenario at one number of clients on the server, while
// reading its CPU time and round trips, and then on the ceiling if the
// scenario has one.
func runCell(ctx context.Context, t target, w *world, c *ceiling, s scenario, clients int, d time.Duration, keyPrefix string) (row, error) {
	r := row{scenario: s.name, clients: clients, cpu: -1, roundTrips: -1}
	var cpuBefore time.Duration
	var tripsBefore int64
	var err error
	if t.server != nil {
		if cpuBefore, err = t.server.cpu(); err != nil {
			return r, err
		}
	}
	if t.proxy != nil {
		tripsBefore = t.proxy.roundTrips()
	}
	r.lumbung = drive(ctx, clients, d, keyPrefix+"-l", s.lumbung(w))
	if t.proxy != nil {
		r.roundTrips = t.proxy.roundTrips() - tripsBefore
	}
	if t.server != nil {
		cpuAfter, err := t.server.cpu()
		if err != nil {
			return r, err
		}
		r.cpu = cpuAfter - cpuBefore
	}
	if c != nil && s.ceiling != nil {
		m := drive(ctx, clients, d, keyPrefix+"-c", s.ceiling(c))
		r.ceiling = &m
	}
	return r, ctx.Err()
}

// failures reports the requests that failed, with what the first said.
func failures(rows []row) error {
	var errs []error
	for _, r := range rows {
		if r.lumbung.failed > 0 {
			errs = append(errs, fmt.Errorf("%s, %d clients: %d requests failed; the first: %s",
				r.scenario, r.clients, r.lumbung.failed, r.lumbung.firstFail))
		}
		if r.ceiling != nil && r.ceiling.failed > 0 {
			errs = append(errs, fmt.Errorf("%s, %d clients: %d ceiling entries failed; the first: %s",
				r.scenario, r.clients, r.ceiling.failed, r.ceiling.firstFail))
		}
	}
	return errors.Join(errs...)
}
