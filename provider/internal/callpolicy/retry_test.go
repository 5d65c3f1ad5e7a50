package callpolicy

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

var (
	errTransient = errors.New("transient")
	errPermanent = errors.New("permanent")
)

// testPolicy retries errTransient up to retries times, recording waits
// without waiting.
func testPolicy(retries int, waits *[]time.Duration) Policy {
	return Policy{
		Retries: retries,
		Backoff: NewBackoff(time.Second, time.Minute, 1),
		Sleep: func(ctx context.Context, d time.Duration) error {
			*waits = append(*waits, d)
			return ctx.Err()
		},
		Transient: func(ctx context.Context, err error) bool { return ctx.Err() == nil && errors.Is(err, errTransient) },
	}
}

// script is an attempt that fails with errs in turn, then answers "ok";
// each failure asks for retryAfter.
func script(calls *int, retryAfter time.Duration, errs ...error) func() (string, time.Duration, error) {
	return func() (string, time.Duration, error) {
		*calls++
		if *calls <= len(errs) {
			return "", retryAfter, errs[*calls-1]
		}
		return "ok", 0, nil
	}
}

func TestDoRetriesTransientUntilSuccess(t *testing.T) {
	var waits []time.Duration
	calls := 0
	v, f := Do(context.Background(), testPolicy(5, &waits), script(&calls, 0, errTransient, errTransient))
	if f != nil || v != "ok" {
		t.Fatalf("Do = %q, %+v; want ok", v, f)
	}
	if calls != 3 || len(waits) != 2 {
		t.Errorf("%d calls, waits %v; want 3 calls and 2 waits", calls, waits)
	}
	for i, w := range waits {
		if w < 0 || w > time.Second<<i {
			t.Errorf("wait %d = %s, want within [0, %s]", i, w, time.Second<<i)
		}
	}
}

func TestDoHonoursRetryAfter(t *testing.T) {
	var waits []time.Duration
	calls := 0
	if _, f := Do(context.Background(), testPolicy(1, &waits), script(&calls, time.Hour, errTransient)); f != nil {
		t.Fatalf("Do failed: %+v", f)
	}
	if len(waits) != 1 || waits[0] != time.Hour {
		t.Errorf("waits = %v, want [1h]: Retry-After beats the backoff", waits)
	}
}

func TestDoStopsAtPermanentError(t *testing.T) {
	var waits []time.Duration
	calls := 0
	_, f := Do(context.Background(), testPolicy(5, &waits), script(&calls, 0, errTransient, errPermanent))
	if f == nil || f.Err != errPermanent || f.Last != errTransient || f.Attempts != 2 || f.Interrupted {
		t.Fatalf("failure = %+v, want permanent after 2 attempts, last transient", f)
	}
	if calls != 2 || len(waits) != 1 {
		t.Errorf("%d calls, %d waits; want 2 and 1", calls, len(waits))
	}
}

func TestDoGivesUpAfterRetries(t *testing.T) {
	for _, retries := range []int{-1, 0, 2} {
		var waits []time.Duration
		calls := 0
		errs := []error{errTransient, errTransient, errTransient, errTransient}
		_, f := Do(context.Background(), testPolicy(retries, &waits), script(&calls, 0, errs...))
		want := max(retries, 0) + 1
		if f == nil || f.Err != errTransient || f.Attempts != want || f.Interrupted {
			t.Fatalf("retries %d: failure = %+v, want %d attempts", retries, f, want)
		}
		if (f.Last != nil) != (want > 1) || calls != want || len(waits) != want-1 {
			t.Errorf("retries %d: last %v, %d calls, %d waits", retries, f.Last, calls, len(waits))
		}
	}
}

func TestDoCancelledContextMakesNoAttempt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var waits []time.Duration
	calls := 0
	_, f := Do(ctx, testPolicy(5, &waits), script(&calls, 0))
	if f == nil || !errors.Is(f.Err, context.Canceled) || !f.Interrupted || f.Last != nil || f.Attempts != 0 {
		t.Fatalf("failure = %+v, want interrupted by context.Canceled before any attempt", f)
	}
	if calls != 0 {
		t.Errorf("%d calls, want none", calls)
	}
}

func TestDoSleepErrorInterrupts(t *testing.T) {
	errStop := errors.New("stop")
	p := testPolicy(5, new([]time.Duration))
	p.Sleep = func(context.Context, time.Duration) error { return errStop }
	calls := 0
	_, f := Do(context.Background(), p, script(&calls, 0, errTransient, errTransient))
	if f == nil || f.Err != errStop || f.Last != errTransient || f.Attempts != 1 || !f.Interrupted {
		t.Fatalf("failure = %+v, want interrupted by Sleep's error after 1 attempt", f)
	}
}

func TestDoDefaultSleep(t *testing.T) {
	p := testPolicy(1, nil)
	p.Backoff, p.Sleep = NewBackoff(time.Microsecond, time.Microsecond, 1), nil
	calls := 0
	if v, f := Do(context.Background(), p, script(&calls, 0, errTransient)); f != nil || v != "ok" {
		t.Fatalf("Do = %q, %+v; want ok after the default Sleep", v, f)
	}
}

func TestDefaultSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleep = %v, want context.Canceled", err)
	}
	if err := Sleep(context.Background(), time.Microsecond); err != nil {
		t.Errorf("sleep = %v, want nil", err)
	}
}

func TestIsContextErr(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{context.Canceled, true},
		{fmt.Errorf("call: %w", context.DeadlineExceeded), true},
		{errors.New("context canceled"), false},
		{nil, false},
	} {
		if got := IsContextErr(tt.err); got != tt.want {
			t.Errorf("IsContextErr(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
