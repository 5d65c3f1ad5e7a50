package dataplane

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httputil"
	"sync"
	"sync/atomic"
)

// Response headers that tell a probe which route and service answered.
const (
	RouteHeader   = "X-Gwsync-Route"
	ServiceHeader = "X-Gwsync-Service"
)

// Handler serves the data plane. It is safe for concurrent use.
type Handler struct {
	table func() *Table
	cache atomic.Pointer[Compiled]
	mu    sync.Mutex // serializes compiling
	rngMu sync.Mutex // guards rng
	rng   *rand.Rand
	rt    http.RoundTripper
	proxy *httputil.ReverseProxy
}

// Option configures a Handler.
type Option func(*Handler)

// WithTransport makes the Handler forward through rt instead of its own
// transport (a clone of [http.DefaultTransport] without proxy settings),
// e.g. to trust a test server's certificate.
func WithTransport(rt http.RoundTripper) Option {
	return func(h *Handler) { h.rt = rt }
}

// New returns a Handler that serves the Table table returns, calling it per
// request (a nil func or a nil Table means no routes and no ACLs). seed
// makes MultiServiceByRatio choices repeatable.
func New(table func() *Table, seed uint64, opts ...Option) *Handler {
	if table == nil {
		table = func() *Table { return nil }
	}
	h := &Handler{table: table, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for _, o := range opts {
		o(h)
	}
	if h.rt == nil {
		h.rt = defaultTransport()
	}
	h.proxy = newProxy(h.rt)
	return h
}

// current returns the compiled form of the table in force, compiling it
// once per Table pointer.
func (h *Handler) current() *Compiled {
	t := h.table()
	if c := h.cache.Load(); c != nil && c.src == t {
		return c
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if c := h.cache.Load(); c != nil && c.src == t {
		return c
	}
	c := Compile(t)
	h.cache.Store(c)
	return c
}

// ServeHTTP checks the gateway and domain ACLs, routes the request, checks
// the route's ACLs and serves the route's scene.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := h.current()
	q := newRequestInfo(r)
	if d := c.outerDenial(q.sources, q.host); d != nil {
		writeDenied(w, q, d)
		return
	}
	e := c.match(q.method, q.host, q.path, r.Header, q.query)
	if e == nil {
		writeError(w, http.StatusNotFound, "NotFound", "no deployed route matches "+q.String())
		return
	}
	w.Header().Set(RouteHeader, e.route.Name)
	if d := firstDenial(e.route.Access, q.sources, "route "+e.route.Name); d != nil {
		writeDenied(w, q, d)
		return
	}
	h.serveScene(w, r, e)
}

// serveScene answers for a matched, admitted request.
func (h *Handler) serveScene(w http.ResponseWriter, r *http.Request, e *entry) {
	switch e.route.Scene {
	case SceneSingle, SceneTag:
		h.forward(w, r, e, e.first())
	case SceneRatio:
		h.forward(w, r, e, h.weighted(e))
	case SceneMock:
		writeJSON(w, http.StatusOK, map[string]any{"route": e.route.Name, "mock": true})
	case SceneRedirect:
		writeError(w, http.StatusNotImplemented, "NotImplemented",
			fmt.Sprintf("route %s: the emulator does not emulate the Redirect scene", e.route.Name))
	default:
		writeError(w, http.StatusNotImplemented, "NotImplemented",
			fmt.Sprintf("route %s: the emulator does not emulate scene %q", e.route.Name, e.route.Scene))
	}
}

// first is the route's first backend, or nil when it has none.
func (e *entry) first() *backendState {
	if len(e.backends) == 0 {
		return nil
	}
	return &e.backends[0]
}

// weighted picks a backend with probability weight/sum, or nil when no
// backend has a positive weight.
func (h *Handler) weighted(e *entry) *backendState {
	if e.weights <= 0 {
		return nil
	}
	n := h.intN(e.weights)
	for i := range e.backends {
		w := weightOf(e.backends[i].Backend)
		if n < w {
			return &e.backends[i]
		}
		n -= w
	}
	return nil
}

func (h *Handler) intN(n int) int {
	h.rngMu.Lock()
	defer h.rngMu.Unlock()
	return h.rng.IntN(n)
}

// writeDenied answers 403 for a request an ACL turned away.
func writeDenied(w http.ResponseWriter, q requestInfo, d *denial) {
	writeError(w, http.StatusForbidden, "Forbidden", fmt.Sprintf(
		"%s from %s denied by IP access control at the %s level (%s list)", q, d.client, d.level, d.typ))
}

// writeError answers status with a JSON {"code","message"} body.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"code": code, "message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, _ := json.Marshal(v) // maps of strings and bools always marshal
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
