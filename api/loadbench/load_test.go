package loadbench

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	m := measured{}
	for i := 1; i <= 100; i++ {
		m.latencies = append(m.latencies, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0.50, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := m.percentile(c.p); got != c.want {
			t.Errorf("p%v: got %s, want %s", c.p*100, got, c.want)
		}
	}
	if got := (measured{}).percentile(0.5); got != 0 {
		t.Errorf("no latencies: got %s, want 0", got)
	}
}

func TestPickPair(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		debit, credit := pickPair(rng, 4, false)
		if debit == credit || debit < 0 || credit < 0 || debit > 3 || credit > 3 {
			t.Fatalf("uniform: got %d and %d, want two distinct accounts of 4", debit, credit)
		}
		debit, credit = pickPair(rng, 4, true)
		if (debit == 0) == (credit == 0) {
			t.Fatalf("hot: got %d and %d, want the cash account on exactly one side", debit, credit)
		}
	}
}
