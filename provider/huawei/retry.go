package huawei

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// retryable are the codes APIG answers a call with that a later attempt
// may get past: etcd synchronisation failures of concurrent binding writes
// (APIG.3500), system errors (APIG.9999) and throttling (APIG.0308).
var retryable = map[string]bool{
	"APIG.3500": true,
	"APIG.9999": true,
	"APIG.0308": true,
}

// transient reports whether a failed attempt is worth repeating: a
// retryable code, 429, any 5xx, or a network error while ctx is still
// live. Every other answer is permanent.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.Code == "UnreadableResponse" {
			return ae.Status >= 500
		}
		return retryable[ae.Code] || ae.Status == http.StatusTooManyRequests || ae.Status >= 500
	}
	return !isContextErr(err)
}

// backoff computes retry waits: exponential ceilings with full jitter from
// a seeded generator. It is safe for concurrent use.
type backoff struct {
	base, max time.Duration

	mu  sync.Mutex // guards rng
	rng *rand.Rand
}

func newBackoff(base, maxWait time.Duration, seed uint64) *backoff {
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	return &backoff{base: base, max: maxWait, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// ceiling is the longest wait before retry number attempt (from 0):
// base*2^attempt, capped at max.
func (b *backoff) ceiling(attempt int) time.Duration {
	d := b.base
	for range attempt {
		if d >= b.max/2 {
			return b.max
		}
		d *= 2
	}
	return min(d, b.max)
}

// delay is the wait before retry number attempt: uniform in
// [0, ceiling(attempt)], but never shorter than the server's Retry-After.
func (b *backoff) delay(attempt int, retryAfter time.Duration) time.Duration {
	return max(b.jitter(b.ceiling(attempt)), retryAfter)
}

func (b *backoff) jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return time.Duration(b.rng.Int64N(int64(d) + 1))
}

// maxRetryAfter bounds a server's Retry-After.
const maxRetryAfter = time.Minute

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP
// date; 0 when absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		return min(max(time.Duration(min(secs, 3600))*time.Second, 0), maxRetryAfter)
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter)
	}
	return 0
}

// sleep waits d or until ctx is done, returning ctx.Err() then.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
