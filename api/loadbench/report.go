package loadbench

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// figures are one cell's results as reported; nil is what was not
// measured.
type figures struct {
	Scenario        string   `json:"scenario"`
	Clients         int      `json:"clients"`
	PerSecond       float64  `json:"tx_per_s"`
	P50Millis       float64  `json:"p50_ms"`
	P99Millis       float64  `json:"p99_ms"`
	CeilingPerSec   *float64 `json:"ceiling_tx_per_s"`
	Ratio           *float64 `json:"ratio"`
	CPUMillisPerOp  *float64 `json:"cpu_ms_per_op"`
	RoundTripsPerOp *float64 `json:"round_trips_per_op"`
	Errors          int64    `json:"errors"`
}

func figuresOf(r row) figures {
	m := r.lumbung
	f := figures{Scenario: r.scenario, Clients: r.clients, PerSecond: m.perSecond(),
		P50Millis: ms(m.percentile(0.50)), P99Millis: ms(m.percentile(0.99)), Errors: m.refused + m.failed}
	if r.ceiling != nil {
		rate := r.ceiling.perSecond()
		f.CeilingPerSec = &rate
		if rate > 0 {
			ratio := m.perSecond() / rate
			f.Ratio = &ratio
		}
	}
	if r.cpu >= 0 && m.done > 0 {
		cpu := ms(r.cpu) / float64(m.done)
		f.CPUMillisPerOp = &cpu
	}
	if r.roundTrips >= 0 && m.done > 0 {
		trips := float64(r.roundTrips) / float64(m.done)
		f.RoundTripsPerOp = &trips
	}
	return f
}

// writeTable writes one line per cell; "-" marks what was not measured.
func writeTable(out io.Writer, rows []row) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "scenario\tclients\ttx/s\tp50 ms\tp99 ms\tceiling tx/s\tratio\tcpu ms/op\tround trips/op\terrors")
	for _, r := range rows {
		f := figuresOf(r)
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%d\n", f.Scenario, f.Clients, f.PerSecond,
			f.P50Millis, f.P99Millis, orDash(f.CeilingPerSec, "%.0f"), orDash(f.Ratio, "%.2f"),
			orDash(f.CPUMillisPerOp, "%.2f"), orDash(f.RoundTripsPerOp, "%.1f"), f.Errors)
	}
	tw.Flush()
}

// writeJSON writes the cells as one JSON document, for scripts that
// compare runs.
func writeJSON(out io.Writer, rows []row) error {
	cells := make([]figures, 0, len(rows))
	for _, r := range rows {
		cells = append(cells, figuresOf(r))
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Cells []figures `json:"cells"`
	}{cells})
}

func orDash(v *float64, format string) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf(format, *v)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
