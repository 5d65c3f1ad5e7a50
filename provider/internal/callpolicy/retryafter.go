package callpolicy

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRetryAfterSecs bounds a Retry-After in seconds so a huge value cannot
// overflow; a provider may cap the result lower, and the caller's context
// bounds the wait in practice.
const maxRetryAfterSecs = 24 * 60 * 60

// ParseRetryAfter reads a Retry-After header: delay seconds (at most a
// day) or an HTTP date. It returns 0 when the header is absent, unreadable
// or in the past.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Duration(max(min(secs, maxRetryAfterSecs), 0)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}
