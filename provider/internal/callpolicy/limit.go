package callpolicy

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"
)

// NewLimiter is a limiter letting qps calls a second start, one at a
// time, or nil (no limit) when qps is not positive.
func NewLimiter(qps float64) *rate.Limiter {
	if qps <= 0 {
		return nil
	}
	return rate.NewLimiter(rate.Limit(qps), 1)
}

// WaitLimit waits until l lets a call start (at once when l is nil). Its
// error wraps ctx.Err() when ctx ended the wait, and
// context.DeadlineExceeded when the wait would outlast ctx's deadline.
func WaitLimit(ctx context.Context, l *rate.Limiter) error {
	if l == nil {
		return nil
	}
	err := l.Wait(ctx)
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("waiting for the rate limit: %w", ctx.Err())
	}
	// The limiter refuses a wait that would outlast the context's deadline.
	return fmt.Errorf("the rate limit would delay the call past the deadline: %w", context.DeadlineExceeded)
}
