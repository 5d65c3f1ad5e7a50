package aliyun

import (
	"cmp"
	"fmt"
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"

	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// Server defaults the desired state leaves out.
const (
	defaultProtocol = "HTTP"
	// defaultPortProtocol is a service port's (TCP or UDP, the SDK's
	// ServicePorts says).
	defaultPortProtocol = "TCP"
	defaultBasePath     = "/"
)

// writer renders the selected live resources as CUE fields, collecting
// what it leaves out and what the first plan will still change.
type writer struct {
	dump.Writer
	sel *selection
}

func newWriter(live *model.Live, sel *selection, opts dump.Options) *writer {
	return &writer{Writer: dump.Writer{Live: live, Opts: opts, Out: sel.out}, sel: sel}
}

func (w *writer) gateway() *ast.Field {
	g := w.Opts.Gateway
	var o dump.Obj
	o.Str("provider", g.Provider)
	if g.Provider != "local" {
		o.Str("id", g.ID)
	}
	o.Str("region", g.Region)
	o.Str("owner", w.sel.owner)
	return dump.Field("gateway", o.Expr())
}

func (w *writer) environments() []dump.Entry {
	var out []dump.Entry
	for _, e := range w.sel.state.Environments {
		var o dump.Obj
		if w.Opts.WithIDs {
			o.Str("id", cmp.Or(e.ID, w.Live.IDs[alimodel.EnvironmentPath(e.Name)]))
		}
		out = append(out, dump.Entry{Name: e.Name, Decl: dump.Field(e.Name, o.Expr())})
	}
	return out
}

func (w *writer) services() []dump.Entry {
	var out []dump.Entry
	for _, s := range w.sel.state.Services {
		out = append(out, dump.Entry{Name: s.Name, Decl: w.Resource("service", s.Name, alimodel.ServicePath(s.Name), dump.Field(s.Name, w.service(s)))})
	}
	return out
}

// service leaves out what the gateway derives: the ports of a DNS or VIP
// service's addresses, protocol HTTP, and a health check that is off.
func (w *writer) service(s *alimodel.Service) ast.Expr {
	var o dump.Obj
	o.Str("sourceType", s.SourceType)
	var addrs []string
	for _, a := range s.Addresses {
		addrs = append(addrs, a.Name)
	}
	o.Strs("addresses", dump.SortedSet(addrs))
	o.Str("namespace", s.Namespace)
	o.Str("groupName", s.GroupName)
	if len(s.Ports) > 0 && !slices.Equal(portKeys(s.Ports), portKeys(derivedPorts(addrs))) {
		o.Add("ports", ports(s.Ports))
	}
	if s.Protocol != defaultProtocol {
		o.Str("protocol", s.Protocol)
	}
	o.Strs("dnsServers", dump.SortedSet(s.DNSServers))
	if on, _ := s.HealthCheck["enable"].(bool); on {
		o.Add("healthCheck", dump.ValueExpr(s.HealthCheck))
	}
	return o.Expr()
}

// derivedPorts are the ports a gateway reports for addresses: each
// distinct port, protocol TCP.
func derivedPorts(addrs []string) []alimodel.ServicePort {
	var out []alimodel.ServicePort
	for _, a := range addrs {
		_, p, err := net.SplitHostPort(a)
		if n, perr := strconv.Atoi(p); err == nil && perr == nil {
			out = append(out, alimodel.ServicePort{Port: n})
		}
	}
	return out
}

// portKeys are ports as a comparable sorted set.
func portKeys(ps []alimodel.ServicePort) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d/%s/%s", p.Port, cmp.Or(strings.ToUpper(p.Protocol), defaultPortProtocol), p.Name))
	}
	return dump.SortedSet(out)
}

func ports(ps []alimodel.ServicePort) ast.Expr {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b alimodel.ServicePort) int {
		return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Name, b.Name))
	})
	var elts []ast.Expr
	for _, p := range ps {
		var o dump.Obj
		o.Str("name", p.Name)
		o.Num("port", p.Port)
		if !strings.EqualFold(p.Protocol, defaultPortProtocol) {
			o.Str("protocol", p.Protocol)
		}
		elts = append(elts, o.Inline())
	}
	return ast.NewList(elts...)
}

func (w *writer) domains() []dump.Entry {
	var out []dump.Entry
	for _, d := range w.sel.state.Domains {
		path := alimodel.DomainPath(d.Name)
		out = append(out, dump.Entry{Name: d.Name, Decl: w.Resource("domain", d.Name, path, dump.Field(d.Name, w.domain(d, path)))})
	}
	return out
}

// domain writes a plain HTTP domain without the TLS settings it ignores.
func (w *writer) domain(d *alimodel.Domain, path string) ast.Expr {
	var o dump.Obj
	protocol := cmp.Or(strings.ToUpper(d.Protocol), defaultProtocol)
	https := protocol != defaultProtocol
	o.Str("protocol", protocol)
	if https {
		o.Str("certIdentifier", d.CertIdentifier)
	}
	o.Str("caCertIdentifier", d.CACertIdentifier)
	o.Flag("mTLSEnabled", d.MTLSEnabled)
	if https {
		o.Flag("forceHttps", d.ForceHTTPS)
		o.Str("http2Option", d.HTTP2Option)
		o.Str("tlsMin", tlsVersion(d.TLSMin))
		o.Str("tlsMax", tlsVersion(d.TLSMax))
	}
	o.Strs("policies", w.sel.policyNames(path))
	return o.Expr()
}

// tlsVersion folds "TLS 1.2" into "TLS1.2".
func tlsVersion(v string) string { return strings.ReplaceAll(strings.TrimSpace(v), " ", "") }

func (w *writer) policies() []dump.Entry {
	var out []dump.Entry
	for _, p := range w.sel.state.Policies {
		noted := len(w.Notes)
		f := dump.Field(p.Name, w.policy(p))
		for _, n := range w.Notes[noted:] {
			dump.AddDoc(f, "gwsync dump: "+n+".")
		}
		out = append(out, dump.Entry{Name: p.Name, Decl: w.Resource("policy", p.Name, alimodel.PolicyPath(p.Name), f)})
	}
	return out
}

func (w *writer) policy(p *alimodel.Policy) ast.Expr {
	var o dump.Obj
	o.Str("className", p.ClassName)
	o.Str("description", dump.Description(p.Description))
	cfg := liveConfig(p)
	if cfg == nil {
		o.Add("config", ast.NewString(p.ConfigJSON)) // only ever in a left-out policy's comment
		return o.Expr()
	}
	if p.ClassName == "IpAccessControl" && !w.sel.left(alimodel.PolicyPath(p.Name)) {
		w.ipAccessControl(p, cfg)
	}
	o.Add("config", dump.ValueExpr(cfg))
	return o.Expr()
}

// ipAccessControl leaves out of an IpAccessControl config the fields the
// compiler fills from where the policy is attached, when the live values
// are what it would fill, and writes the address list as a list.
func (w *writer) ipAccessControl(p *alimodel.Policy, cfg map[string]any) {
	atts := w.sel.byPolicy[p.Name]
	derived := map[string]string{"name": p.Name}
	if len(atts) == 1 {
		derived["ipAccessControlResourceName"] = atts[0].ResourceName
	}
	if types := attachTypes(atts); len(types) == 1 {
		derived["ipAccessControlResourceType"] = types[0]
	}
	for _, k := range slices.Sorted(maps.Keys(derived)) {
		v, ok := cfg[k]
		switch {
		case !ok:
			w.Notes = append(w.Notes, fmt.Sprintf("policy %q: its live config has no %s, which gwsync fills (%q) from where the policy is attached: the first plan updates the policy", p.Name, k, derived[k]))
		case v == derived[k]:
			delete(cfg, k)
		}
	}
	if s, ok := cfg["ipAccessControlContent"].(string); ok {
		if parts := splitList(s); len(parts) > 0 {
			cfg["ipAccessControlContent"] = parts
		}
	}
}

func attachTypes(atts []*alimodel.Attachment) []string {
	var out []string
	for _, a := range atts {
		out = append(out, a.ResourceType)
	}
	return dump.SortedSet(out)
}

func (w *writer) httpAPI(a *alimodel.HTTPAPI) ast.Decl {
	path := alimodel.HTTPAPIPath(a.Name)
	var o dump.Obj
	o.Str("description", dump.Description(a.Description))
	if protocols := dump.SortedSet(upper(a.Protocols)); len(protocols) > 0 && !slices.Equal(protocols, []string{defaultProtocol}) {
		o.Strs("protocols", protocols)
	}
	if a.BasePath != defaultBasePath {
		o.Str("basePath", a.BasePath)
	}
	o.Strs("policies", w.sel.policyNames(path))
	var routes []dump.Entry
	for _, r := range a.Routes {
		routes = append(routes, dump.Entry{Name: r.Name, Decl: w.Resource("route", r.Name, r.Path(), dump.Field(r.Name, w.route(r)))})
	}
	if len(routes) > 0 {
		o.Add("routes", dump.Keyed(routes))
	}
	return w.Resource("HTTP API", a.Name, path, dump.Field(a.Name, o.Expr()))
}

func (w *writer) route(r *model.Route) ast.Expr {
	var o dump.Obj
	o.Str("description", dump.Description(r.Description))
	o.Str("environment", r.Environment.Name)
	var domains []string
	for _, d := range r.Domains {
		domains = append(domains, d.Name)
	}
	o.Strs("domains", dump.SortedSet(domains))
	o.Add("match", match(r.Match))
	o.Add("backend", backend(r.Backend))
	names := w.sel.policyNames(r.Path())
	if w.sel.left(r.Path()) || w.sel.holderLeft(r.Path()) {
		names = w.liveAttachments(r.Path())
	}
	o.Strs("policies", names)
	return o.Expr()
}

// liveAttachments names every policy attached to path, for the comment of
// a left-out resource.
func (w *writer) liveAttachments(path string) []string {
	var out []string
	for _, a := range w.sel.state.Attachments {
		if a.Resource == path {
			out = append(out, a.Policy.Name)
		}
	}
	return dump.SortedSet(out)
}

func match(m model.Match) ast.Expr {
	var o dump.Obj
	var path dump.Obj
	path.Str("type", m.Path.Type)
	path.Add("value", ast.NewString(m.Path.Value))
	o.Add("path", path.Inline())
	o.Strs("methods", dump.SortedSet(upper(m.Methods)))
	if len(m.Headers) > 0 {
		o.Add("headers", conditions(m.Headers))
	}
	if len(m.QueryParams) > 0 {
		o.Add("queryParams", conditions(m.QueryParams))
	}
	o.Flag("ignoreUriCase", m.IgnoreURICase)
	return o.Expr()
}

// conditions are sorted: the gateway ANDs them in any order.
func conditions(cs []model.Condition) ast.Expr {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b model.Condition) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Value, b.Value))
	})
	var elts []ast.Expr
	for _, c := range cs {
		var o dump.Obj
		o.Add("name", ast.NewString(c.Name))
		o.Add("type", ast.NewString(c.Type))
		o.Add("value", ast.NewString(c.Value))
		elts = append(elts, o.Inline())
	}
	return ast.NewList(elts...)
}

// backend writes weights only for MultiServiceByRatio and versions only
// for MultiServiceByTag (the gateway fills a weight of 100 elsewhere), and
// leaves out protocol HTTP.
func backend(b model.Backend) ast.Expr {
	scene := b.Scene
	if scene == "Single" {
		scene = model.SceneSingle
	}
	svcs := slices.Clone(b.Services)
	slices.SortFunc(svcs, func(x, y model.BackendService) int {
		return cmp.Or(cmp.Compare(x.Service.Name, y.Service.Name), cmp.Compare(x.Port, y.Port), cmp.Compare(x.Version, y.Version))
	})
	var elts []ast.Expr
	for _, s := range svcs {
		var o dump.Obj
		o.Add("service", ast.NewString(s.Service.Name))
		if p := strings.ToUpper(s.Protocol); p != defaultProtocol {
			o.Str("protocol", p)
		}
		o.Num("port", s.Port)
		if scene == model.SceneRatio {
			o.Add("weight", dump.ValueExpr(s.Weight))
		}
		if scene == model.SceneTag {
			o.Str("version", s.Version)
		}
		elts = append(elts, o.Inline())
	}
	var o dump.Obj
	o.Str("scene", scene)
	if len(elts) > 0 {
		o.Add("services", ast.NewList(elts...))
	}
	return o.Expr()
}
