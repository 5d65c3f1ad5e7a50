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

// Data-plane error codes: no published API matches (Huawei's APIG.0101),
// the backend cannot be reached (APIG.0201), and the emulator's own code
// for backends it does not emulate.
const (
	codeNoAPI       = "APIG.0101"
	codeBackendDown = "APIG.0201"
	codeNotEmulated = "GWSYNC.NotEmulated"
)

// DataPlane serves the published APIs: the request's host picks the group
// (its debug domain or a bound domain; any other host, such as 127.0.0.1,
// searches every group), X-Stage the environment, then method and path
// pick the API. MOCK backends answer their result_content (with
// mock_info.status_code, default 200); HTTP backends with a direct
// address are forwarded to; FUNCTION, GRPC and VPC-channel backends answer
// 501. Auth types, throttling and ACL policies are not enforced.
// Responses carry X-Gwsync-Route (the API's name) and X-Request-Id.
func (s *Server) DataPlane() http.Handler {
	rt := s.cfg.Transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.Proxy = nil
		rt = t
	}
	proxy := &httputil.ReverseProxy{Rewrite: rewriteBackend, Transport: rt, ErrorHandler: backendError}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", s.requestID())
		m, vars, err := s.route(r)
		if err != nil {
			ae := asAPIError(err)
			writeJSON(w, ae.Status, errorBody{Code: ae.Code, Message: ae.Message})
			return
		}
		w.Header().Set(dataplane.RouteHeader, m.Route.Name)
		s.serveBackend(w, r, proxy, m, vars)
	})
}

// route finds the API that takes r and the environment variables of its
// group in that environment.
func (s *Server) route(r *http.Request) (*Match, map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	stage := r.Header.Get(StageHeader)
	if stage == "" {
		stage = ReleaseEnvName
	}
	env := s.envByName(stage)
	if env == nil {
		return nil, nil, notFound(codeNoAPI, "The environment %q does not exist", stage)
	}
	host := r.Host
	if h, _, found := strings.Cut(host, ":"); found {
		host = h
	}
	g := s.groupForHost(host)
	var routes []*Route
	for _, p := range s.pubs {
		if p.Online && p.EnvID == env.ID && (g == nil || p.GroupID == g.ID) {
			routes = append(routes, routeOf(p))
		}
	}
	m, ok := MatchRoute(routes, r.Method, r.URL.Path)
	if !ok {
		return nil, nil, notFound(codeNoAPI, "No API matches %s %s in environment %s", r.Method, r.URL.Path, env.Name)
	}
	vars := map[string]string{}
	for _, v := range s.vars {
		if v.GroupID == m.Route.GroupID && v.EnvID == env.ID {
			vars[v.Name] = v.Value
		}
	}
	return m, vars, nil
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
