package huawei

import (
	"context"
	"net/http"
	"net/http/httputil"
	"net/url"
)

type targetKey struct{}

func withTarget(ctx context.Context, u *url.URL) context.Context {
	return context.WithValue(ctx, targetKey{}, u)
}

// rewriteBackend sends the request to the backend URL in its context: that
// scheme, host and path, the query as received, X-Forwarded-* set.
func rewriteBackend(pr *httputil.ProxyRequest) {
	u, _ := pr.In.Context().Value(targetKey{}).(*url.URL)
	if u == nil {
		return
	}
	pr.Out.URL.Scheme, pr.Out.URL.Host = u.Scheme, u.Host
	pr.Out.URL.Path, pr.Out.URL.RawPath = u.Path, ""
	pr.Out.Host = u.Host
	pr.Out.Header.Del(StageHeader)
	pr.SetXForwarded()
}

// backendError answers 502 when the backend cannot be reached.
func backendError(w http.ResponseWriter, r *http.Request, err error) {
	writeJSON(w, http.StatusBadGateway, errorBody{Code: codeBackendDown, Message: "the backend is unavailable: " + err.Error()})
}
