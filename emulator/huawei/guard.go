package huawei

import (
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gwsync/gwsync/emulator/dataplane"
	"github.com/gwsync/gwsync/emulator/internal/window"
)

// redirectTo is where a request on host to API a is redirected, or "" when
// it is not: plain HTTP GET or HEAD, to an API whose protocol is HTTPS or
// BOTH, on a bound domain with a certificate and is_http_redirect_to_https
// (with s.mu held). Other methods are not redirected: a browser would lose
// their body.
func (s *Server) redirectTo(host string, a apiCore, r *http.Request) string {
	if dataplane.Scheme(r) == "https" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return ""
	}
	if a.ReqProtocol != "HTTPS" && a.ReqProtocol != "BOTH" {
		return ""
	}
	d := s.domainForHost(host)
	if d == nil || !d.HTTPRedirectToHTTPS || (d.SslID == "" && len(d.SslInfos) == 0) {
		return ""
	}
	port := ""
	if d.IngressHTTPSPort > 0 && d.IngressHTTPSPort != 443 {
		port = ":" + strconv.Itoa(d.IngressHTTPSPort)
	}
	return "https://" + host + port + r.URL.RequestURI()
}

// domainForHost is the bound domain that host is (with s.mu held).
func (s *Server) domainForHost(host string) *domainRec {
	for _, g := range s.groups {
		for _, d := range g.URLDomains {
			if domainMatches(d.Domain, host) {
				return d
			}
		}
	}
	return nil
}

// client is the address access control and throttling judge: the first
// X-Forwarded-For address (as with the instance feature real_ip_from_xff
// on), else the connection's.
type client struct {
	addr netip.Addr
	ok   bool
	raw  string
}

func clientOf(r *http.Request) client {
	raw := r.RemoteAddr
	if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
		first, _, _ := strings.Cut(xff, ",")
		raw = strings.TrimSpace(first)
	}
	if ap, err := netip.ParseAddrPort(raw); err == nil {
		return client{addr: ap.Addr().Unmap(), ok: true, raw: raw}
	}
	a, err := netip.ParseAddr(raw)
	return client{addr: a.Unmap(), ok: err == nil, raw: raw}
}

func (c client) String() string {
	if c.ok {
		return c.addr.String()
	}
	return c.raw
}

// guard enforces the access control and throttling policies bound to the
// API in the environment.
func (s *Server) guard(x *exchange) error {
	if err := x.checkACL(); err != nil {
		return err
	}
	return s.take(x)
}

// checkACL applies an IP access control policy: PERMIT admits only the
// listed addresses, DENY refuses them.
func (x *exchange) checkACL() error {
	a := x.acl
	if a == nil || a.EntityType != "IP" {
		return nil
	}
	if !x.client.ok {
		return errf(http.StatusForbidden, codeUnknownIP, "Unknown client IP address: %q", x.client.raw)
	}
	listed := slices.ContainsFunc(strings.Split(a.Value, ","), func(item string) bool {
		in, ok := parseIPItem(item)
		return ok && in(x.client.addr)
	})
	switch {
	case a.Type == "PERMIT" && !listed:
		return errf(http.StatusForbidden, codeIPDenied, "The IP address is not authorized to access the API: %s is not on the PERMIT list of access control policy %s", x.client, a.Name)
	case a.Type == "DENY" && listed:
		return errf(http.StatusForbidden, codeIPDenied, "The IP address is not authorized to access the API: %s is on the DENY list of access control policy %s", x.client, a.Name)
	}
	return nil
}

// timeUnits are the durations of a throttle's time_unit.
var timeUnits = map[string]time.Duration{"SECOND": time.Second, "MINUTE": time.Minute, "HOUR": time.Hour, "DAY": 24 * time.Hour}

// take counts the request against the throttle bound to the API: its
// api_call_limits (per API and environment, or shared by every binding
// for type 2) and ip_call_limits (per client address), in fixed windows of
// time_interval time_unit that open with the first request counted.
func (s *Server) take(x *exchange) error {
	t := x.throttle
	if t == nil {
		return nil
	}
	period := time.Duration(t.TimeInterval) * timeUnits[t.TimeUnit]
	key := "throttle " + t.ID
	if t.Type != 2 {
		key += " api " + x.m.Route.APIID + " env " + x.m.Route.EnvID
	}
	limits, kinds := []window.Limit{{Key: key, Max: t.APICallLimits, Period: period}}, []string{"api"}
	if t.IPCallLimits != nil {
		limits = append(limits, window.Limit{Key: key + " ip " + x.client.String(), Max: *t.IPCallLimits, Period: period})
		kinds = append(kinds, "ip")
	}
	i, _ := s.windows.Take(limits...)
	if i < 0 {
		return nil
	}
	return errf(http.StatusTooManyRequests, codeOverLimit, "The throttling threshold has been reached: policy %s over ratelimit,limit:%d,time:%d %s",
		kinds[i], limits[i].Max, t.TimeInterval, strings.ToLower(t.TimeUnit))
}

// notesFor says what applies to a request that the data plane does not
// model (with s.mu held): the API's authentication (an OPTIONS API with
// CORS on is treated as auth NONE, as the gateway does), its policy
// backends, plugins other than CORS, access control by account, and
// per-user and per-app call limits.
func (s *Server) notesFor(x *exchange, envID string) []string {
	a := x.api
	var out []string
	if a.AuthType != "" && a.AuthType != "NONE" && !(a.ReqMethod == http.MethodOptions && x.cors != nil) {
		out = append(out, fmt.Sprintf("auth_type %s of API %s", a.AuthType, a.Name))
	}
	for _, pb := range []struct {
		kind string
		list []named
	}{{"policy_https", a.PolicyHTTPs}, {"policy_functions", a.PolicyFunctions}, {"policy_mocks", a.PolicyMocks}} {
		for _, p := range pb.list {
			out = append(out, fmt.Sprintf("policy backend %s (%s) of API %s", p.Name, pb.kind, a.Name))
		}
	}
	out = append(out, s.pluginNotes(x.m.Route.APIID, envID, a.Name)...)
	if x.acl != nil && x.acl.EntityType != "IP" {
		out = append(out, fmt.Sprintf("acl %s (entity_type %s) on API %s", x.acl.Name, x.acl.EntityType, a.Name))
	}
	if t := x.throttle; t != nil {
		for _, l := range []struct {
			name string
			set  bool
		}{{"user_call_limits", t.UserCallLimits != nil}, {"app_call_limits", t.AppCallLimits != nil}} {
			if l.set {
				out = append(out, fmt.Sprintf("%s of throttle %s on API %s", l.name, t.Name, a.Name))
			}
		}
	}
	return out
}

// pluginNotes name the plugins other than CORS bound to an API in env,
// sorted (with s.mu held).
func (s *Server) pluginNotes(apiID, envID, apiName string) []string {
	var out []string
	for _, b := range s.plugBinds {
		if p := s.plugins[b.PluginID]; p != nil && b.APIID == apiID && b.EnvID == envID && p.Type != "cors" {
			out = append(out, fmt.Sprintf("plugin %s (type %s) on API %s", p.Name, p.Type, apiName))
		}
	}
	slices.Sort(out)
	return out
}
