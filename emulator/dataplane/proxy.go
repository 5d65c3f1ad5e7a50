package dataplane

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httputil"
	"net/url"
)

// target is where one request is forwarded, carried in its context.
type target struct {
	route, service string
	url            *url.URL
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
func (h *Handler) forward(w http.ResponseWriter, r *http.Request, e *entry, b *backendState) {
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
	t := &target{route: e.route.Name, service: b.Service, url: u}
	h.proxy.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), targetKey{}, t)))
}

// rewrite points the outbound request at the target, keeping the path and
// query as received; the Host header becomes the backend's, and the client
// address is appended to X-Forwarded-For.
func rewrite(pr *httputil.ProxyRequest) {
	pr.SetURL(targetOf(pr.In.Context()).url)
	if xff := pr.In.Header["X-Forwarded-For"]; xff != nil {
		pr.Out.Header["X-Forwarded-For"] = xff
	}
	pr.SetXForwarded()
}

// markResponse names the route and service on a backend's response.
func markResponse(resp *http.Response) error {
	t := targetOf(resp.Request.Context())
	resp.Header.Set(RouteHeader, t.route)
	resp.Header.Set(ServiceHeader, t.service)
	return nil
}

// proxyError answers 502 when the backend cannot be reached.
func proxyError(w http.ResponseWriter, r *http.Request, err error) {
	t := targetOf(r.Context())
	w.Header().Set(RouteHeader, t.route)
	w.Header().Set(ServiceHeader, t.service)
	writeError(w, http.StatusBadGateway, "BadGateway", fmt.Sprintf(
		"route %s: backend %s (service %s) failed: %v", t.route, t.url.Host, t.service, err))
}
