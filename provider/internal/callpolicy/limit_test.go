package callpolicy

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNewLimiter(t *testing.T) {
	if l := NewLimiter(0); l != nil {
		t.Errorf("NewLimiter(0) = %v, want nil (no limit)", l)
	}
	if l := NewLimiter(-1); l != nil {
		t.Errorf("NewLimiter(-1) = %v, want nil (no limit)", l)
	}
	if l := NewLimiter(2.5); l == nil || l.Limit() != 2.5 || l.Burst() != 1 {
		t.Errorf("NewLimiter(2.5) = %v, want 2.5/s with a burst of 1", l)
	}
}

func TestWaitLimit(t *testing.T) {
	if err := WaitLimit(context.Background(), nil); err != nil {
		t.Errorf("no limiter: %v", err)
	}
	l := NewLimiter(1)
	if err := WaitLimit(context.Background(), l); err != nil {
		t.Fatalf("first call: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WaitLimit(ctx, l); !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "waiting for the rate limit") {
		t.Errorf("cancelled: err = %v, want context.Canceled while waiting", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	// A wait past the deadline is refused at once.
	slow := NewLimiter(0.001)
	_ = WaitLimit(context.Background(), slow)
	if err := WaitLimit(ctx, slow); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "past the deadline") {
		t.Errorf("deadline: err = %v, want DeadlineExceeded for a wait past the deadline", err)
	}
}
