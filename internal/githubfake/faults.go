package githubfake

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Documentation URLs GitHub sends with rate-limit answers; go-github tells
// a secondary limit by the latter's suffix.
const (
	primaryLimitDocs   = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit"
	secondaryLimitDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
)

// fault is a one-shot answer for the next call, whatever its route.
type fault func(w http.ResponseWriter)

// RateLimitOnce answers the next call as GitHub does when the primary
// rate limit is used up: 403, X-RateLimit-Remaining: 0 and
// X-RateLimit-Reset at reset (in whole seconds, as GitHub sends it).
func (s *Server) RateLimitOnce(reset time.Time) { s.RateLimitOnceStatus(http.StatusForbidden, reset) }

// RateLimitOnceStatus is RateLimitOnce answering status, 403 or 429 (GitHub
// documents both for the primary limit).
func (s *Server) RateLimitOnceStatus(status int, reset time.Time) {
	s.addFault(func(w http.ResponseWriter) {
		h := w.Header()
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Used", "5000")
		h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
		writeError(w, status, "API rate limit exceeded for installation ID 1.", primaryLimitDocs)
	})
}

// SecondaryLimitOnce answers the next call as GitHub does when a
// secondary rate limit is hit: 403 with Retry-After (whole seconds,
// rounded up) and the secondary-limit documentation URL.
func (s *Server) SecondaryLimitOnce(retryAfter time.Duration) {
	secs := int64(math.Ceil(retryAfter.Seconds()))
	s.addFault(func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
		writeError(w, http.StatusForbidden, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", secondaryLimitDocs)
	})
}

func (s *Server) addFault(f fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// takeFault returns the next one-shot fault, if any; the caller holds mu.
func (s *Server) takeFault() fault {
	if len(s.faults) == 0 {
		return nil
	}
	f := s.faults[0]
	s.faults = s.faults[1:]
	return f
}

// FailOnce answers the next call with status (e.g. 502), as GitHub does
// when it has a bad moment.
func (s *Server) FailOnce(status int) {
	s.addFault(func(w http.ResponseWriter) {
		writeError(w, status, "Server Error", "")
	})
}
