package dataplane

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"
)

// target is where one request is forwarded, carried in its context, with
// what the route's policies change on the way.
type target struct {
	route, service string
	url            *url.URL
	scheme         string        // the client's protocol, for X-Forwarded-Proto
	path, host     string        // HttpRewrite's path and Host ("" keeps the request's)
	headers        *headerOps    // HeaderModify's request changes
	timeout        time.Duration // Timeout's limit (0: none)
}

type targetKey struct{}

// targetOf returns the target stored in ctx (zero when there is none).
func targetOf(ctx context.Context) target {
	t, _ := ctx.Value(targetKey{}).(*target)
	if t == nil {
		return target{url: &url.URL{}}
	}
	return *t
}

// defaultTransport is a clone of http.DefaultTransport that ignores
// environment proxy settings, as a gateway dials its backends directly.
func defaultTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	return t
}

func newProxy(rt http.RoundTripper) *httputil.ReverseProxy {
	return &httputil.ReverseProxy{
		Rewrite:        rewrite,
		Transport:      rt,
		ModifyResponse: markResponse,
		ErrorHandler:   proxyError,
	}
}

// forward sends r to b's next address, or answers 503 when there is none.
func (h *Handler) forward(w http.ResponseWriter, r *http.Request, q requestInfo, e *entry, b *backendState) {
	if b == nil {
		writeError(w, http.StatusServiceUnavailable, "ServiceUnavailable",
			fmt.Sprintf("route %s has no backend to forward to", e.route.Name))
		return
	}
	if r.URL == nil { // never from net/http's server; a hand-made request
		writeError(w, http.StatusBadRequest, "BadRequest", "the request has no URL")
		return
	}
	u := b.pick()
	if u == nil {
		w.Header().Set(ServiceHeader, b.Service)
		writeError(w, http.StatusServiceUnavailable, "ServiceUnavailable",
			fmt.Sprintf("route %s: service %s has no addresses", e.route.Name, b.Service))
		return
	}
	w.Header().Del(RouteHeader) // markResponse or proxyError sets it
	t := e.target(q, b, u)
	ctx := r.Context()
	if t.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t.timeout)
		defer cancel()
	}
	h.proxy.ServeHTTP(w, r.WithContext(context.WithValue(ctx, targetKey{}, t)))
}

// target is where e sends a request to q: u, changed by e's policies.
func (e *entry) target(q requestInfo, b *backendState, u *url.URL) *target {
	t := &target{route: e.route.Name, service: b.Service, url: u, scheme: q.scheme, timeout: e.pol.timeout}
	if rw := e.pol.rewrite; rw != nil {
		t.path, t.host = rw.rewritePath(e.route, q.path), rw.host
	}
	if hp := e.pol.headers; hp != nil {
		t.headers = &hp.request
	}
	return t
}

// rewrite points the outbound request at the target, keeping the path and
// query as received unless HttpRewrite changes them; the Host header
// becomes the backend's (or HttpRewrite's host), the client address is
// appended to X-Forwarded-For, X-Forwarded-Proto says the client's
// protocol, and HeaderModify's request changes come last.
func rewrite(pr *httputil.ProxyRequest) {
	t := targetOf(pr.In.Context())
	pr.SetURL(t.url)
	if t.path != "" { // a canonical, escaped path
		pr.Out.URL.Path, _ = url.PathUnescape(t.path)
		pr.Out.URL.RawPath = t.path
	}
	if t.host != "" {
		pr.Out.Host = t.host
	}
	if xff := pr.In.Header["X-Forwarded-For"]; xff != nil {
		pr.Out.Header["X-Forwarded-For"] = xff
	}
	pr.SetXForwarded()
	if t.scheme != "" {
		pr.Out.Header.Set(ProtoHeader, t.scheme)
	}
	if t.headers != nil {
		t.headers.apply(pr.Out.Header)
	}
}

// markResponse names the route and service on a backend's response.
func markResponse(resp *http.Response) error {
	t := targetOf(resp.Request.Context())
	resp.Header.Set(RouteHeader, t.route)
	resp.Header.Set(ServiceHeader, t.service)
	return nil
}

// proxyError answers 504 when the backend did not answer within the
// route's Timeout, and 502 when it cannot be reached.
func proxyError(w http.ResponseWriter, r *http.Request, err error) {
	t := targetOf(r.Context())
	w.Header().Set(RouteHeader, t.route)
	w.Header().Set(ServiceHeader, t.service)
	if t.timeout > 0 && errors.Is(r.Context().Err(), context.DeadlineExceeded) {
		writeError(w, http.StatusGatewayTimeout, "GatewayTimeout", fmt.Sprintf(
			"route %s: backend %s (service %s) did not answer within the Timeout policy's %s", t.route, t.url.Host, t.service, t.timeout))
		return
	}
	writeError(w, http.StatusBadGateway, "BadGateway", fmt.Sprintf(
		"route %s: backend %s (service %s) failed: %v", t.route, t.url.Host, t.service, err))
}
