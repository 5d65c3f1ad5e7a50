package dataplane

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httputil"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gwsync/gwsync/emulator/internal/window"
)

// Response headers that tell a probe which route and service answered,
// and which policies applied that the data plane does not model (one
// header line per policy, e.g. "policy orders-waf (class Waf) on the
// gateway"), so that a probe can say what it does not prove.
const (
	RouteHeader      = "X-Gwsync-Route"
	ServiceHeader    = "X-Gwsync-Service"
	UnmodelledHeader = "X-Gwsync-Unmodelled"
)

// Handler serves the data plane. It is safe for concurrent use.
type Handler struct {
	table   func() *Table
	cache   atomic.Pointer[Compiled]
	mu      sync.Mutex // serializes compiling
	rngMu   sync.Mutex // guards rng
	rng     *rand.Rand
	rt      http.RoundTripper
	proxy   *httputil.ReverseProxy
	now     func() time.Time
	windows *window.Counter // RateLimit windows, kept across tables
}

// Option configures a Handler.
type Option func(*Handler)

// WithTransport makes the Handler forward through rt instead of its own
// transport (a clone of [http.DefaultTransport] without proxy settings),
// e.g. to trust a test server's certificate.
func WithTransport(rt http.RoundTripper) Option {
	return func(h *Handler) { h.rt = rt }
}

// WithClock makes the Handler read the time (for RateLimit windows) from
// now instead of time.Now.
func WithClock(now func() time.Time) Option {
	return func(h *Handler) { h.now = now }
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
	if h.now == nil {
		h.now = time.Now
	}
	h.windows = window.New(h.now)
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

// ServeHTTP checks the gateway and domain ACLs, redirects plain HTTP on a
// domain that forces HTTPS, routes the request, checks the route's ACLs
// and serves the route.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := h.current()
	q := newRequestInfo(r)
	note(w, c.outerNotes(q.host))
	if d := c.outerDenial(q.sources, q.host); d != nil {
		writeDenied(w, q, d)
		return
	}
	if q.scheme == "http" && c.forcesHTTPS(q.host) {
		redirectTo(w, http.StatusMovedPermanently, "https://"+r.Host+requestURI(r))
		return
	}
	e := c.route(q, r)
	if e == nil {
		writeError(w, http.StatusNotFound, "NotFound", "no deployed route matches "+q.String())
		return
	}
	w.Header().Set(RouteHeader, e.route.Name)
	note(w, e.notes)
	if d := firstDenial(e.route.Access, q.sources, "route "+e.route.Name); d != nil {
		writeDenied(w, q, d)
		return
	}
	h.serveRoute(w, r, q, e)
}

// route returns the entry that takes r: for a CORS preflight, the route
// of the method it asks about when that route has a Cors policy, else the
// route of r's own method.
func (c *Compiled) route(q requestInfo, r *http.Request) *entry {
	if isPreflight(r) {
		e := c.match(r.Header.Get(hRequestMethod), q.host, q.path, r.Header, q.query)
		if e != nil && e.pol.cors != nil {
			return e
		}
	}
	return c.match(q.method, q.host, q.path, r.Header, q.query)
}

// serveRoute applies a matched route's policies in order (RateLimit, a
// Cors preflight, Redirect, DirectResponse) and otherwise serves its
// scene; HeaderModify and Cors change every answer it gives.
func (h *Handler) serveRoute(w http.ResponseWriter, r *http.Request, q requestInfo, e *entry) {
	p := e.pol
	if p.rate != nil && !h.admit(w, e, p.rate) {
		return
	}
	if p.cors != nil && isPreflight(r) {
		p.cors.preflight(w, r)
		return
	}
	w = BeforeHeaders(w, func(hd http.Header) {
		if p.headers != nil {
			p.headers.response.apply(hd)
		}
		if p.cors != nil {
			p.cors.simple(hd, r.Header.Get(hOrigin))
		}
	})
	switch {
	case p.redirect != nil:
		redirectTo(w, p.redirect.code, p.redirect.location(q, r))
	case p.direct != nil:
		w.WriteHeader(p.direct.code)
		_, _ = w.Write([]byte(p.direct.body))
	default:
		h.serveScene(w, r, q, e)
	}
}

// admit counts a request against the route's RateLimit policy, answering
// 429 (with Retry-After) when its window is full.
func (h *Handler) admit(w http.ResponseWriter, e *entry, rp *ratePolicy) bool {
	full, until := h.windows.Take(window.Limit{Key: rp.key, Max: rp.limit, Period: rp.period})
	if full < 0 {
		return true
	}
	wait := max(until.Sub(h.now()), time.Second)
	w.Header().Set("Retry-After", fmt.Sprint(int64((wait+time.Second-1)/time.Second)))
	writeError(w, http.StatusTooManyRequests, "TooManyRequests", fmt.Sprintf(
		"route %s: RateLimit policy %s allows %d requests per %s", e.route.Name, rp.name, rp.limit, unitName(rp.unit)))
	return false
}

// unitName spells a RateLimit time unit.
func unitName(u string) string {
	return map[string]string{"s": "second", "m": "minute", "h": "hour", "d": "day"}[u]
}

// serveScene answers for a matched, admitted request.
func (h *Handler) serveScene(w http.ResponseWriter, r *http.Request, q requestInfo, e *entry) {
	switch e.route.Scene {
	case SceneSingle, SceneTag:
		h.forward(w, r, q, e, e.first())
	case SceneRatio:
		h.forward(w, r, q, e, h.weighted(e))
	case SceneMock:
		writeJSON(w, http.StatusOK, map[string]any{"route": e.route.Name, "mock": true})
	case SceneRedirect:
		writeError(w, http.StatusServiceUnavailable, "ServiceUnavailable", fmt.Sprintf(
			"route %s has the Redirect scene but no enabled Redirect policy saying where to; attach one to the route", e.route.Name))
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
