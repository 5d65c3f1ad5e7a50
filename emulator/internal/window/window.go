// Package window counts requests in fixed windows, for the emulated data
// planes' rate limits (the policies of each kind that limit requests per
// period).
//
// A window opens with the first request counted under a key and lasts the
// limit's period; the first request after it has closed opens the next
// one. So a test that sends N requests in quick succession sees exactly
// the limit admitted, whatever the wall clock says, rather than a count
// split across a boundary of the calendar. Refused requests are not
// counted.
package window

import (
	"sync"
	"time"
)

// maxKeys is how many windows are kept before closed ones are dropped.
const maxKeys = 4096

// Limit is one limit a request is counted against.
type Limit struct {
	// Key names the counter: the policy and what it counts (an API, a
	// client address, ...).
	Key string
	// Max is how many requests a window admits; 0 or less admits none.
	Max int64
	// Period is how long a window lasts.
	Period time.Duration
}

// Counter keeps the open windows. It is safe for concurrent use.
type Counter struct {
	now  func() time.Time
	mu   sync.Mutex
	wins map[string]*win
}

// win is one window: when it closes and what it has counted.
type win struct {
	end time.Time
	n   int64
}

// New returns a Counter reading the time from now (time.Now when nil).
func New(now func() time.Time) *Counter {
	if now == nil {
		now = time.Now
	}
	return &Counter{now: now, wins: map[string]*win{}}
}

// Take counts one request against every limit when each of them still has
// room, and returns -1; otherwise it counts nothing and returns the index
// of the first limit that is full, with when its window closes.
func (c *Counter) Take(limits ...Limit) (int, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	ws := make([]*win, len(limits))
	for i, l := range limits {
		ws[i] = c.window(l, now)
		if ws[i].n >= l.Max {
			return i, ws[i].end
		}
	}
	for _, w := range ws {
		w.n++
	}
	return -1, time.Time{}
}

// window returns the open window of l at now, opening a new one when there
// is none or the last has closed.
func (c *Counter) window(l Limit, now time.Time) *win {
	w := c.wins[l.Key]
	if w != nil && now.Before(w.end) {
		return w
	}
	if len(c.wins) >= maxKeys {
		c.prune(now)
	}
	w = &win{end: now.Add(l.Period)}
	c.wins[l.Key] = w
	return w
}

// prune drops the windows that have closed.
func (c *Counter) prune(now time.Time) {
	for k, w := range c.wins {
		if !now.Before(w.end) {
			delete(c.wins, k)
		}
	}
}
