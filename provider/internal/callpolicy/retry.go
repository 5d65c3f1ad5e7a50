package callpolicy

import (
	"context"
	"errors"
	"time"
)

// Policy says how often and after what waits Do repeats a failed attempt.
type Policy struct {
	// Retries is how many times a transient failure is retried (0 or
	// less: never).
	Retries int
	// Backoff draws the wait before each retry.
	Backoff *Backoff
	// Sleep waits d or until ctx is done (nil: [Sleep]); any error it
	// returns stops the retries.
	Sleep func(ctx context.Context, d time.Duration) error
	// Transient reports whether a failed attempt is worth repeating: the
	// provider's judgement of its cloud's answers.
	Transient func(ctx context.Context, err error) bool
}

// Failure is why Do stopped without a result.
type Failure struct {
	// Err is the last attempt's error or, when Interrupted, what ended the
	// retries (ctx.Err() or Sleep's error).
	Err error
	// Last is the error of the last attempt that was retried (nil when
	// there was none).
	Last error
	// Attempts is how many attempts were made.
	Attempts int
	// Interrupted is set when the context or Sleep ended the retries
	// before an attempt failed for good.
	Interrupted bool
}

// Do calls attempt until it succeeds, fails with an error p.Transient
// rejects, or has been retried p.Retries times, waiting p.Backoff's delay
// (at least the Retry-After attempt returns) between attempts. It checks
// ctx before each attempt. On failure it returns the zero T and a non-nil
// *Failure.
func Do[T any](ctx context.Context, p Policy, attempt func() (T, time.Duration, error)) (T, *Failure) {
	var zero T
	sleep := p.Sleep
	if sleep == nil {
		sleep = Sleep
	}
	var last error
	for n := 0; ; n++ {
		if err := ctx.Err(); err != nil {
			return zero, &Failure{Err: err, Last: last, Attempts: n, Interrupted: true}
		}
		v, retryAfter, err := attempt()
		if err == nil {
			return v, nil
		}
		if !p.Transient(ctx, err) || n >= p.Retries {
			return zero, &Failure{Err: err, Last: last, Attempts: n + 1}
		}
		last = err
		if err := sleep(ctx, p.Backoff.Delay(n, retryAfter)); err != nil {
			return zero, &Failure{Err: err, Last: last, Attempts: n + 1, Interrupted: true}
		}
	}
}

// Sleep waits d or until ctx is done, returning ctx.Err() then.
func Sleep(ctx context.Context, d time.Duration) error {
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

// IsContextErr reports whether err is a context's cancellation or
// deadline.
func IsContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
