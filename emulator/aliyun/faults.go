package aliyun

import (
	"net/http"
	"time"
)

// codeThrottling is the code APIG throttles with; clients retry it.
const codeThrottling = "Throttling.User"

// inject applies the configured faults to one admitted call: latency, the
// per-key rate limit, then a seeded draw for throttling and server errors.
func (s *Server) inject(r *http.Request, accessKey string) error {
	f := s.cfg.Faults
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return errf(499, "RequestCanceled", "the client went away")
		}
	}
	if !s.limits.Allow(accessKey) {
		return errf(http.StatusBadRequest, codeThrottling, "request was denied due to user flow control: over %g calls per second for access key %s", f.QPS, accessKey)
	}
	throttle, fail := s.draw(f.ThrottleRate), s.draw(f.ErrorRate)
	switch {
	case throttle:
		return errf(http.StatusBadRequest, codeThrottling, "request was denied due to user flow control (injected fault)")
	case fail:
		return errf(http.StatusServiceUnavailable, "ServiceUnavailable", "the service is temporarily unavailable (injected fault); retry later")
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
