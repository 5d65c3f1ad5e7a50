package callpolicy

import (
	"testing"
	"time"
)

func TestBackoffCeilings(t *testing.T) {
	b := NewBackoff(200*time.Millisecond, 10*time.Second, 1)
	want := []time.Duration{200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond,
		1600 * time.Millisecond, 3200 * time.Millisecond, 6400 * time.Millisecond, 10 * time.Second, 10 * time.Second}
	for i, w := range want {
		if got := b.Ceiling(i); got != w {
			t.Errorf("ceiling(%d) = %s, want %s", i, got, w)
		}
	}
	if got := b.Ceiling(200); got != 10*time.Second {
		t.Errorf("ceiling(200) = %s, want the cap (no overflow)", got)
	}
}

func TestBackoffJitter(t *testing.T) {
	b := NewBackoff(100*time.Millisecond, 100*time.Second, 42)
	const draws = 2000
	prevMean := time.Duration(0)
	for attempt := range 6 {
		ceiling := b.Ceiling(attempt)
		var sum time.Duration
		for range draws {
			d := b.Delay(attempt, 0)
			if d < 0 || d > ceiling {
				t.Fatalf("delay(%d) = %s, outside [0, %s]", attempt, d, ceiling)
			}
			sum += d
		}
		mean := sum / draws
		if mean < ceiling*4/10 || mean > ceiling*6/10 {
			t.Errorf("attempt %d: mean delay %s, want about half of %s (uniform)", attempt, mean, ceiling)
		}
		if mean <= prevMean {
			t.Errorf("attempt %d: mean delay %s did not grow from %s", attempt, mean, prevMean)
		}
		prevMean = mean
	}
	if got := b.Delay(0, 5*time.Second); got != 5*time.Second {
		t.Errorf("delay with Retry-After 5s = %s, want 5s", got)
	}
}

func TestBackoffIsSeeded(t *testing.T) {
	a, b := NewBackoff(time.Second, time.Minute, 9), NewBackoff(time.Second, time.Minute, 9)
	for i := range 10 {
		if x, y := a.Delay(i, 0), b.Delay(i, 0); x != y {
			t.Fatalf("draw %d: %s != %s with the same seed", i, x, y)
		}
	}
}
