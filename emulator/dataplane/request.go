package dataplane

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gwsync/gwsync/internal/reqpath"
)

// ProtoHeader is the header that says which protocol the client used: the
// data plane listens on plain HTTP only, so a request with
// "X-Forwarded-Proto: https" (as a TLS-terminating proxy in front of it, or
// a probe with scheme https, sends it) is served as an HTTPS request.
const ProtoHeader = "X-Forwarded-Proto"

// requestInfo is what routing and access control read from a request. Its
// path is the request's path in the canonical form routes are written in
// (package reqpath): as it was sent, escapes of unreserved characters
// decoded, so "/a%2Fb" is not "/a/b", as the overlap engine decides.
type requestInfo struct {
	method, host, path string
	scheme             string // "http" or "https"
	query              url.Values
	sources            sources
}

func newRequestInfo(r *http.Request) requestInfo {
	q := requestInfo{method: r.Method, host: normalizeHost(r.Host), scheme: Scheme(r), sources: sourcesOf(r)}
	if r.URL != nil {
		q.path = reqpath.Canonical(r.URL.EscapedPath())
		q.query = r.URL.Query()
	}
	return q
}

// Scheme is "https" for a request over TLS or one whose first
// X-Forwarded-Proto value is https, else "http".
func Scheme(r *http.Request) string {
	first, _, _ := strings.Cut(r.Header.Get(ProtoHeader), ",")
	if r.TLS != nil || strings.EqualFold(strings.TrimSpace(first), "https") {
		return "https"
	}
	return "http"
}

// String is "METHOD HOST PATH", as messages name a request.
func (q requestInfo) String() string {
	return q.method + " " + q.host + " " + q.path
}
