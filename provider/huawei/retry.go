package huawei

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gwsync/gwsync/provider/internal/callpolicy"
)

// retryable are the codes APIG answers a call with that a later attempt
// may get past: etcd synchronisation failures of concurrent binding writes
// (APIG.3500), system errors (APIG.9999) and throttling (APIG.0308).
var retryable = map[string]bool{
	"APIG.3500": true,
	"APIG.9999": true,
	"APIG.0308": true,
}

// transient reports whether a failed attempt is worth repeating: a
// retryable code, 429, any 5xx, or a network error while ctx is still
// live. Every other answer is permanent.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.Code == "UnreadableResponse" {
			return ae.Status >= 500
		}
		return retryable[ae.Code] || ae.Status == http.StatusTooManyRequests || ae.Status >= 500
	}
	return !callpolicy.IsContextErr(err)
}

// maxRetryAfter bounds a server's Retry-After.
const maxRetryAfter = time.Minute

// parseRetryAfter reads a Retry-After header (see
// [callpolicy.ParseRetryAfter]), at most maxRetryAfter.
func parseRetryAfter(v string, now time.Time) time.Duration {
	return min(callpolicy.ParseRetryAfter(v, now), maxRetryAfter)
}
