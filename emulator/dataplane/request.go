package dataplane

import (
	"net/http"
	"net/url"
)

// requestInfo is what routing and access control read from a request.
type requestInfo struct {
	method, host, path string
	query              url.Values
	sources            sources
}

func newRequestInfo(r *http.Request) requestInfo {
	q := requestInfo{method: r.Method, host: normalizeHost(r.Host), sources: sourcesOf(r)}
	if r.URL != nil {
		q.path = r.URL.Path
		q.query = r.URL.Query()
	}
	return q
}

// String is "METHOD HOST PATH", as messages name a request.
func (q requestInfo) String() string {
	return q.method + " " + q.host + " " + q.path
}
