package acs3

import (
	"fmt"
	"testing"
	"time"
)

func TestNonceMemoryForgets(t *testing.T) {
	var m nonceMemory
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const skew = 15 * time.Minute
	for i := 0; i < 100; i++ {
		if !m.remember(fmt.Sprint("ak\x00n", i), t0, t0.Add(skew), skew/2) {
			t.Fatalf("fresh nonce %d refused", i)
		}
	}
	if m.remember("ak\x00n7", t0.Add(skew), t0.Add(2*skew), skew/2) {
		t.Fatal("nonce reused at the edge of its window")
	}
	if got := m.size(); got != 100 {
		t.Fatalf("size %d, want 100", got)
	}
	later := t0.Add(skew + time.Second)
	if !m.remember("ak\x00n7", later, later.Add(skew), skew/2) {
		t.Fatal("nonce refused after its window ended")
	}
	// Expired entries linger until the next sweep, at most skew/2 later.
	sweep := t0.Add(2 * skew)
	if !m.remember("ak\x00fresh", sweep, sweep.Add(skew), skew/2) {
		t.Fatal("fresh nonce refused")
	}
	if got := m.size(); got != 2 {
		t.Fatalf("size after sweep %d, want 2 (n7 and fresh)", got)
	}
}
