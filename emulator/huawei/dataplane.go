package huawei

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"

	"github.com/gwsync/gwsync/emulator/dataplane"
)

// StageHeader names the environment a data-plane request is for; without
// it, RELEASE serves.
const StageHeader = "X-Stage"

// Data-plane error codes, from Huawei's table of the errors an API call
// can get: no published API matches (APIG.0101), the backend cannot be
// reached (APIG.0201), the client's address is unknown (APIG.0401) or
// denied by an access control policy (APIG.0402), a throttling policy's
// limit is reached (APIG.0308); and the emulator's own code for backends
// it does not emulate.
const (
	codeNoAPI       = "APIG.0101"
	codeBackendDown = "APIG.0201"
	codeUnknownIP   = "APIG.0401"
	codeIPDenied    = "APIG.0402"
	codeOverLimit   = "APIG.0308"
	codeNotEmulated = "GWSYNC.NotEmulated"
)

// DataPlane serves the published APIs, as the package documentation and
// the README say: the request's host picks the group (its debug domain or
// a bound domain; any other host, such as 127.0.0.1, searches every
// group), X-Stage the environment, then method and path pick the API.
// Plain HTTP GET and HEAD on a domain that redirects to HTTPS are
// redirected; CORS preflights are answered by the CORS plugin or an
// OPTIONS API; access control and throttling policies bound to the API in
// the environment are enforced; MOCK backends answer their result_content
// (with mock_info.status_code, default 200); HTTP backends with a direct
// address are forwarded to; FUNCTION, GRPC and VPC-channel backends answer
// 501. Every answer carries X-Request-Id and Server: api-gateway; once an
// API is matched, X-Gwsync-Route (its name), CORS headers when it has CORS
// on or the CORS plugin, and X-Gwsync-Unmodelled lines for what applies to
// it that the emulator does not model (authentication, policy backends,
// other plugins, account ACLs, per-user and per-app limits).
func (s *Server) DataPlane() http.Handler {
	rt := s.cfg.Transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.Proxy = nil
		rt = t
	}
	proxy := &httputil.ReverseProxy{Rewrite: rewriteBackend, Transport: rt, ErrorHandler: backendError}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := s.requestID()
		w = dataplane.BeforeHeaders(w, func(h http.Header) {
			h.Set("X-Request-Id", id)
			h.Set("Server", "api-gateway")
		})
		x, err := s.lookup(r)
		if err != nil {
			ae := asAPIError(err)
			writeJSON(w, ae.Status, errorBody{Code: ae.Code, Message: ae.Message})
			return
		}
		w.Header().Set(dataplane.RouteHeader, x.m.Route.Name)
		for _, n := range x.notes {
			w.Header().Add(dataplane.UnmodelledHeader, n)
		}
		s.answer(w, r, proxy, x)
	})
}

// exchange is what the data plane decided about one request while holding
// the lock: the API that takes it and everything bound to it.
type exchange struct {
	m        *Match
	api      apiCore
	vars     map[string]string // the group's variables in the environment
	redirect string            // where to redirect plain HTTP ("" for no redirect)
	// preflight is set when the CORS plugin answers a preflight.
	preflight bool
	cors      *corsRule // the API's CORS answer (nil when CORS is off)
	acl       *aclRec
	throttle  *throttleRec
	client    client
	notes     []string
}

// answer answers a request the data plane has matched to an API.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, proxy *httputil.ReverseProxy, x *exchange) {
	if x.redirect != "" {
		w.Header().Set("Location", x.redirect)
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	if x.preflight {
		x.cors.preflight(w.Header(), r)
		w.WriteHeader(http.StatusOK)
		return
	}
	if x.cors != nil {
		w = dataplane.BeforeHeaders(w, func(h http.Header) { x.cors.simple(h, r) })
	}
	if err := s.guard(x); err != nil {
		ae := asAPIError(err)
		writeJSON(w, ae.Status, errorBody{Code: ae.Code, Message: ae.Message})
		return
	}
	s.serveBackend(w, r, proxy, x.m, x.vars)
}

// lookup finds the API that takes r and what applies to it (with s.mu
// held), or says why none does.
func (s *Server) lookup(r *http.Request) (*exchange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	stage := r.Header.Get(StageHeader)
	if stage == "" {
		stage = ReleaseEnvName
	}
	env := s.envByName(stage)
	if env == nil {
		return nil, notFound(codeNoAPI, "The environment %q does not exist", stage)
	}
	host := hostOf(r)
	routes := s.publishedRoutes(env, s.groupForHost(host))
	x := s.preflightByPlugin(routes, r, env.ID)
	if x == nil {
		m, ok := matchRequest(routes, r)
		if !ok {
			return nil, notFound(codeNoAPI, "No API matches %s %s in environment %s", r.Method, r.URL.Path, env.Name)
		}
		x = s.exchangeFor(m, env.ID, r)
		x.redirect = s.redirectTo(host, x.api, r)
	}
	x.vars = s.groupVars(x.m.Route.GroupID, env.ID)
	return x, nil
}

// hostOf is the request's host without its port.
func hostOf(r *http.Request) string {
	host := r.Host
	if h, _, found := strings.Cut(host, ":"); found {
		host = h
	}
	return host
}

// publishedRoutes are the APIs published in env, of group g (of every
// group when g is nil).
func (s *Server) publishedRoutes(env *envRec, g *groupRec) []*Route {
	var routes []*Route
	for _, p := range s.pubs {
		if p.Online && p.EnvID == env.ID && (g == nil || p.GroupID == g.ID) {
			routes = append(routes, routeOf(p))
		}
	}
	return routes
}

// matchRequest matches r's method and path; for a CORS preflight, an
// OPTIONS API takes it first, the one at path / taking every path (the
// seed document's preflight API).
func matchRequest(routes []*Route, r *http.Request) (*Match, bool) {
	if isPreflight(r) {
		var options []*Route
		for _, rt := range routes {
			if rt.Method == http.MethodOptions {
				options = append(options, rt)
			}
		}
		if m, ok := MatchRoute(options, r.Method, r.URL.Path); ok {
			return m, true
		}
		for _, rt := range options {
			if rt.Path == "/" {
				return &Match{Route: rt, Params: map[string]string{}}, true
			}
		}
	}
	return MatchRoute(routes, r.Method, r.URL.Path)
}

// exchangeFor gathers what applies to a request m matched in env (with
// s.mu held).
func (s *Server) exchangeFor(m *Match, envID string, r *http.Request) *exchange {
	x := &exchange{m: m, api: core(m.Route.Spec), client: clientOf(r)}
	x.cors = s.corsOf(m.Route.APIID, envID, x.api)
	if b := bindingOf(s.aclBinds, m.Route.APIID, envID); b != nil {
		x.acl = s.acls[b.PolicyID]
	}
	if b := bindingOf(s.thrBinds, m.Route.APIID, envID); b != nil {
		x.throttle = s.throttles[b.PolicyID]
	}
	x.notes = s.notesFor(x, envID)
	return x
}

// groupVars are a group's environment variables in env (with s.mu held).
func (s *Server) groupVars(groupID, envID string) map[string]string {
	vars := map[string]string{}
	for _, v := range s.vars {
		if v.GroupID == groupID && v.EnvID == envID {
			vars[v.Name] = v.Value
		}
	}
	return vars
}

func routeOf(p *publicationRec) *Route {
	a := core(p.Snapshot)
	return &Route{APIID: p.APIID, Name: a.Name, GroupID: p.GroupID, EnvID: p.EnvID,
		Method: a.ReqMethod, Path: a.ReqURI, Mode: a.MatchMode, Spec: p.Snapshot}
}

// serveBackend answers for a matched request by its backend type.
func (s *Server) serveBackend(w http.ResponseWriter, r *http.Request, proxy *httputil.ReverseProxy, m *Match, vars map[string]string) {
	a := core(m.Route.Spec)
	switch {
	case a.BackendType == "MOCK" && a.MockInfo != nil:
		writeMock(w, a.MockInfo)
	case a.BackendType == "HTTP" && a.BackendAPI != nil && a.BackendAPI.URLDomain != "":
		target, err := backendURL(a.BackendAPI, m, vars)
		if err != nil {
			writeJSON(w, http.StatusBadGateway, errorBody{Code: codeBackendDown, Message: err.Error()})
			return
		}
		method := a.BackendAPI.ReqMethod
		if method == "" || method == "ANY" {
			method = r.Method
		}
		out := r.Clone(r.Context())
		out.Method = method
		proxy.ServeHTTP(w, out.WithContext(withTarget(r.Context(), target)))
	default:
		writeJSON(w, http.StatusNotImplemented, errorBody{Code: codeNotEmulated,
			Message: fmt.Sprintf("API %s: the emulator does not serve %s backends (or VPC channels)", a.Name, a.BackendType)})
	}
}

// writeMock answers with a MOCK backend's content.
func writeMock(w http.ResponseWriter, mi *mockInfo) {
	status := mi.StatusCode
	if status < 100 || status > 599 {
		status = http.StatusOK
	}
	ct := "text/plain; charset=utf-8"
	if json.Valid([]byte(mi.ResultContent)) {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(mi.ResultContent))
}

// backendURL builds where a request goes: the backend's address and path
// with #var# and {param} filled in, the SWA remainder appended, the query
// as received.
func backendURL(b *backendAPI, m *Match, vars map[string]string) (*url.URL, error) {
	domain, err := fillVars(b.URLDomain, vars)
	if err != nil {
		return nil, err
	}
	path, err := fillVars(b.ReqURI, vars)
	if err != nil {
		return nil, err
	}
	for name, v := range m.Params {
		path = strings.ReplaceAll(path, "{"+name+"}", v)
		path = strings.ReplaceAll(path, "{"+name+"+}", v)
	}
	if m.Rest != "" {
		path = strings.TrimSuffix(path, "/") + m.Rest
	}
	scheme := "http"
	if strings.EqualFold(b.ReqProtocol, "HTTPS") {
		scheme = "https"
	}
	return &url.URL{Scheme: scheme, Host: domain, Path: path}, nil
}

// fillVars replaces #name# with the environment's variable values.
func fillVars(s string, vars map[string]string) (string, error) {
	var missingName string
	out := variableRe.ReplaceAllStringFunc(s, func(m string) string {
		name := strings.Trim(m, "#")
		v, ok := vars[name]
		if !ok && missingName == "" {
			missingName = name
		}
		return v
	})
	if missingName != "" {
		return "", fmt.Errorf("the backend uses #%s#, which this environment does not define", missingName)
	}
	return out, nil
}
