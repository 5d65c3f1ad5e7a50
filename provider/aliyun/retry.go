package aliyun

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
// may get past, whatever the HTTP status: throttling and a gateway busy
// applying an earlier change. Codes are compared without a "Conflict."
// prefix.
var retryable = map[string]bool{
	"Throttling":                    true,
	"Throttling.User":               true,
	"Throttling.Api":                true,
	"AppClusterIsAlreadyInChanging": true,
}

// transient reports whether a failed attempt is worth repeating: a
// retryable code, any 5xx, or a transport error while ctx is still live.
// Other 4xx answers never are.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return retryable[strings.TrimPrefix(ae.Code, conflictPrefix)] || ae.Status >= 500
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
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

// delay is the wait before retry number attempt (from 0): uniform in
// [0, ceiling(attempt)] ("full jitter"), but never shorter than the
// server's Retry-After.
func (b *backoff) delay(attempt int, retryAfter time.Duration) time.Duration {
	return max(b.jitter(b.ceiling(attempt)), retryAfter)
}

// jitter draws a duration uniformly from [0, d].
func (b *backoff) jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return time.Duration(b.rng.Int64N(int64(d) + 1))
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP
// date. It returns 0 when the header is absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Duration(max(min(secs, maxRetryAfterSecs), 0)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// maxRetryAfterSecs bounds a Retry-After so a huge value cannot overflow;
// the caller's context bounds the wait in practice.
const maxRetryAfterSecs = 24 * 60 * 60

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
