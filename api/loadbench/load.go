package loadbench

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"time"
)

// outcome is how one request of a load ended.
type outcome int

const (
	succeeded outcome = iota
	refused           // 4xx: the load asked for something wrong
	failed            // 5xx, or no answer at all
)

// op is one request of a scenario, made by client number c; key is unique
// in the run.
type op func(ctx context.Context, rng *rand.Rand, key string) (outcome, string)

// measured is what one side of a cell did.
type measured struct {
	done      int64 // succeeded requests
	refused   int64
	failed    int64
	firstFail string // what the first failure said
	elapsed   time.Duration
	latencies []time.Duration // of the succeeded requests, sorted
}

func (m measured) perSecond() float64 {
	if m.elapsed <= 0 {
		return 0
	}
	return float64(m.done) / m.elapsed.Seconds()
}

// percentile is the latency below which the fraction p of requests
// finished, by the nearest-rank rule.
func (m measured) percentile(p float64) time.Duration {
	if len(m.latencies) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(m.latencies)))) - 1
	return m.latencies[min(max(i, 0), len(m.latencies)-1)]
}

// drive runs op from clients goroutines for duration, each sending its
// next request once the last is answered. Requests in flight at the end are
// waited for and counted.
func drive(ctx context.Context, clients int, duration time.Duration, keyPrefix string, do op) measured {
	var mu sync.Mutex
	var total measured
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(duration)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine measured
			rng := rand.New(rand.NewPCG(uint64(start.UnixNano()), uint64(c)))
			for n := 0; time.Now().Before(deadline) && ctx.Err() == nil; n++ {
				t0 := time.Now()
				result, detail := do(ctx, rng, keyPrefix+"-"+strconv.Itoa(c)+"-"+strconv.Itoa(n))
				switch result {
				case succeeded:
					mine.done++
					mine.latencies = append(mine.latencies, time.Since(t0))
				case refused:
					mine.refused++
				case failed:
					mine.failed++
					if mine.firstFail == "" {
						mine.firstFail = detail
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			total.done += mine.done
			total.refused += mine.refused
			total.failed += mine.failed
			if total.firstFail == "" {
				total.firstFail = mine.firstFail
			}
			total.latencies = append(total.latencies, mine.latencies...)
		}()
	}
	wg.Wait()
	total.elapsed = time.Since(start)
	slices.Sort(total.latencies)
	return total
}

// pickPair returns the debit and credit accounts of one entry among n:
// two distinct accounts at random, or when hot the cash account (0) and
// another, cash on either side with equal odds.
func pickPair(rng *rand.Rand, n int, hot bool) (debit, credit int) {
	if hot {
		other := 1 + rng.IntN(n-1)
		if rng.IntN(2) == 0 {
			return 0, other
		}
		return other, 0
	}
	debit = rng.IntN(n)
	credit = rng.IntN(n - 1)
	if credit >= debit {
		credit++
	}
	return debit, credit
}
