package callpolicy

import (
	"math/rand/v2"
	"sync"
	"time"
)

// Backoff computes retry waits: exponential ceilings with full jitter from
// a seeded generator. It is safe for concurrent use.
type Backoff struct {
	base, max time.Duration

	mu  sync.Mutex // guards rng
	rng *rand.Rand
}

// NewBackoff makes a Backoff whose ceiling starts at base and doubles up
// to maxWait. A zero seed seeds the jitter from the clock.
func NewBackoff(base, maxWait time.Duration, seed uint64) *Backoff {
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	return &Backoff{base: base, max: maxWait, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Ceiling is the longest wait before retry number attempt (from 0):
// base*2^attempt, capped at max.
func (b *Backoff) Ceiling(attempt int) time.Duration {
	d := b.base
	for range attempt {
		if d >= b.max/2 {
			return b.max
		}
		d *= 2
	}
	return min(d, b.max)
}

// Delay is the wait before retry number attempt (from 0): uniform in
// [0, Ceiling(attempt)] ("full jitter"), but never shorter than the
// server's Retry-After.
func (b *Backoff) Delay(attempt int, retryAfter time.Duration) time.Duration {
	return max(b.jitter(b.Ceiling(attempt)), retryAfter)
}

// jitter draws a duration uniformly from [0, d].
func (b *Backoff) jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return time.Duration(b.rng.Int64N(int64(d) + 1))
}
