package fakeclock

import (
	"testing"
	"time"
)

func TestClockMovesOnlyWhenMoved(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(start)
	if first, second := c.Now(), c.Now(); !first.Equal(start) || !second.Equal(start) {
		t.Fatalf("the clock moved by itself: %v, then %v", first, second)
	}
	c.Add(90 * time.Second)
	if want := start.Add(90 * time.Second); !c.Now().Equal(want) {
		t.Errorf("after Add: %v, want %v", c.Now(), want)
	}
}
