package huawei

import (
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// inject applies the configured faults to one admitted call: latency, the
// per-key rate limit, then a seeded draw for throttling and server errors.
func (s *Server) inject(r *http.Request, accessKey string) error {
	f := s.cfg.Faults
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return errf(499, "APIG.9999", "the client went away")
		}
	}
	if !s.limits.allow(accessKey) {
		return errf(http.StatusTooManyRequests, codeThrottled, "the throttling threshold has been reached: over %g calls per second for access key %s", f.QPS, accessKey)
	}
	throttle, fail := s.draw(f.ThrottleRate), s.draw(f.ErrorRate)
	switch {
	case throttle:
		return errf(http.StatusTooManyRequests, codeThrottled, "the throttling threshold has been reached (injected fault)")
	case fail:
		return errf(http.StatusInternalServerError, codeSystemError, "system error (injected fault); retry later")
	}
	return nil
}

// draw reports whether a seeded coin with probability p comes up.
func (s *Server) draw(p float64) bool {
	if p <= 0 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rng.Float64() < p
}

// limiters holds one token bucket per access key.
type limiters struct {
	qps float64
	mu  sync.Mutex
	by  map[string]*rate.Limiter
}

func newLimiters(qps float64) *limiters {
	return &limiters{qps: qps, by: map[string]*rate.Limiter{}}
}

// allow takes a token for accessKey, if there is a limit.
func (l *limiters) allow(accessKey string) bool {
	if l.qps <= 0 {
		return true
	}
	l.mu.Lock()
	lim, ok := l.by[accessKey]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(l.qps), max(1, int(l.qps)))
		l.by[accessKey] = lim
	}
	l.mu.Unlock()
	return lim.Allow()
}
