package acs3

import (
	"sync"
	"time"
)

// nonceMemory remembers used (AccessKey, nonce) pairs until the request
// that used them could no longer pass the date check. It is safe for
// concurrent use; its zero value is ready.
type nonceMemory struct {
	mu        sync.Mutex
	expiry    map[string]time.Time // key -> end of the key's replay window
	nextSweep time.Time
}

// remember records key as used until expiry and reports whether it was
// unused (or its earlier use has expired) at now. Every sweepEvery it drops
// expired entries, so memory stays bounded by the request rate times the
// skew window.
func (m *nonceMemory) remember(key string, now, expiry time.Time, sweepEvery time.Duration) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.expiry == nil {
		m.expiry = make(map[string]time.Time)
	}
	if !now.Before(m.nextSweep) {
		m.sweep(now)
		m.nextSweep = now.Add(sweepEvery)
	}
	if end, seen := m.expiry[key]; seen && !now.After(end) {
		return false
	}
	m.expiry[key] = expiry
	return true
}

// sweep drops entries whose window ended before now. The caller holds mu.
func (m *nonceMemory) sweep(now time.Time) {
	for k, end := range m.expiry {
		if now.After(end) {
			delete(m.expiry, k)
		}
	}
}

// size returns the number of remembered nonces.
func (m *nonceMemory) size() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.expiry)
}
