package aliyun

import (
	"context"
	"errors"
	"strings"

	"github.com/gwsync/gwsync/provider/internal/callpolicy"
)

// retryable are the codes APIG answers a call with that a later attempt
// may get past, whatever the HTTP status: throttling and a gateway busy
// applying an earlier change. Codes are compared without a "Conflict."
// prefix.
var retryable = map[string]bool{
	"Throttling":                    true,
	"Throttling.User":               true,
	"Throttling.Api":                true,
	"AppClusterIsAlreadyInChanging": true,
}

// transient reports whether a failed attempt is worth repeating: a
// retryable code, any 5xx, or a transport error while ctx is still live.
// Other 4xx answers never are.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return retryable[strings.TrimPrefix(ae.Code, conflictPrefix)] || ae.Status >= 500
	}
	return !callpolicy.IsContextErr(err)
}
