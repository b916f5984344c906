package loadbench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// writeTable writes one line per cell; "-" marks what was not measured.
func writeTable(out io.Writer, rows []row) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "scenario\tclients\ttx/s\tp50 ms\tp99 ms\tceiling tx/s\tratio\tcpu ms/op\tround trips/op\terrors")
	for _, r := range rows {
		m := r.lumbung
		ceilingRate, ratio := "-", "-"
		if r.ceiling != nil {
			ceilingRate = fmt.Sprintf("%.0f", r.ceiling.perSecond())
			if r.ceiling.perSecond() > 0 {
				ratio = fmt.Sprintf("%.2f", m.perSecond()/r.ceiling.perSecond())
			}
		}
		cpu, trips := "-", "-"
		if r.cpu >= 0 && m.done > 0 {
			cpu = fmt.Sprintf("%.2f", float64(r.cpu)/float64(time.Millisecond)/float64(m.done))
		}
		if r.roundTrips >= 0 && m.done > 0 {
			trips = fmt.Sprintf("%.1f", float64(r.roundTrips)/float64(m.done))
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%d\n", r.scenario, r.clients, m.perSecond(),
			ms(m.percentile(0.50)), ms(m.percentile(0.99)), ceilingRate, ratio, cpu, trips, m.refused+m.failed)
	}
	tw.Flush()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
