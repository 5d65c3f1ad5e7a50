package dump

import (
	"cmp"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"

	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
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
	live    *model.Live
	sel     *selection
	hw      *hwSelection // for a Huawei instance, instead of sel
	opts    Options
	file    string // the file being rendered
	leftOut []LeftOut
	notes   []string
}

func newWriter(live *model.Live, sel *selection, opts Options) *writer {
	return &writer{live: live, sel: sel, opts: opts}
}

// resource is a resource's field, or (when the selection leaves it out)
// a comment holding its text, with why.
func (w *writer) resource(kind, name, path string, f *ast.Field) ast.Decl {
	id := w.live.IDs[path]
	why, out := w.sel.out[path]
	if !out {
		if w.opts.WithIDs && id != "" {
			addDoc(f, "id: "+id)
		}
		return f
	}
	return w.leave(kind, name, id, why, f)
}

// leave records a left-out resource (kind, name, live ID) with why, and
// returns the comment that stands for it.
func (w *writer) leave(kind, name, id, why string, f *ast.Field) ast.Decl {
	what := fmt.Sprintf("%s %q", kind, name)
	if id != "" {
		what += " (" + id + ")"
	}
	why = strings.Join(strings.Fields(why), " ")
	w.leftOut = append(w.leftOut, LeftOut{What: what, Why: why, File: w.file})
	return commentedOut("gwsync dump left out "+what+": "+why+".", f)
}

// addDoc adds a line to the comment above a field.
func addDoc(f *ast.Field, line string) {
	for _, cg := range ast.Comments(f) {
		if cg.Doc {
			cg.List = append(cg.List, &ast.Comment{Text: "// " + line})
			return
		}
	}
	ast.AddComment(f, &ast.CommentGroup{Doc: true, List: []*ast.Comment{{Text: "// " + line}}})
}

func (w *writer) gateway() *ast.Field {
	g := w.opts.Gateway
	var o obj
	o.str("provider", g.Provider)
	if g.Provider != "local" {
		o.str("id", g.ID)
	}
	o.str("region", g.Region)
	o.str("owner", w.sel.owner)
	return field("gateway", o.expr())
}

func field(name string, v ast.Expr) *ast.Field {
	return &ast.Field{Label: ast.NewStringLabel(name), Value: v}
}

func (w *writer) environments() []entry {
	var out []entry
	for _, e := range w.live.State.Environments {
		var o obj
		if w.opts.WithIDs {
			o.str("id", cmp.Or(e.ID, w.live.IDs[model.EnvironmentPath(e.Name)]))
		}
		out = append(out, entry{e.Name, field(e.Name, o.expr())})
	}
	return out
}

func (w *writer) services() []entry {
	var out []entry
	for _, s := range w.live.State.Services {
		out = append(out, entry{s.Name, w.resource("service", s.Name, model.ServicePath(s.Name), field(s.Name, w.service(s)))})
	}
	return out
}

// service leaves out what the gateway derives: the ports of a DNS or VIP
// service's addresses, protocol HTTP, and a health check that is off.
func (w *writer) service(s *model.Service) ast.Expr {
	var o obj
	o.str("sourceType", s.SourceType)
	var addrs []string
	for _, a := range s.Addresses {
		addrs = append(addrs, a.Name)
	}
	o.strs("addresses", sortedSet(addrs))
	o.str("namespace", s.Namespace)
	o.str("groupName", s.GroupName)
	if len(s.Ports) > 0 && !slices.Equal(portKeys(s.Ports), portKeys(derivedPorts(addrs))) {
		o.add("ports", ports(s.Ports))
	}
	if s.Protocol != defaultProtocol {
		o.str("protocol", s.Protocol)
	}
	o.strs("dnsServers", sortedSet(s.DNSServers))
	if on, _ := s.HealthCheck["enable"].(bool); on {
		o.add("healthCheck", valueExpr(s.HealthCheck))
	}
	return o.expr()
}

// derivedPorts are the ports a gateway reports for addresses: each
// distinct port, protocol TCP.
func derivedPorts(addrs []string) []model.ServicePort {
	var out []model.ServicePort
	for _, a := range addrs {
		_, p, err := net.SplitHostPort(a)
		if n, perr := strconv.Atoi(p); err == nil && perr == nil {
			out = append(out, model.ServicePort{Port: n})
		}
	}
	return out
}

// portKeys are ports as a comparable sorted set.
func portKeys(ps []model.ServicePort) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d/%s/%s", p.Port, cmp.Or(strings.ToUpper(p.Protocol), defaultPortProtocol), p.Name))
	}
	return sortedSet(out)
}

func ports(ps []model.ServicePort) ast.Expr {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b model.ServicePort) int {
		return cmp.Or(cmp.Compare(a.Port, b.Port), cmp.Compare(a.Name, b.Name))
	})
	var elts []ast.Expr
	for _, p := range ps {
		var o obj
		o.str("name", p.Name)
		o.num("port", p.Port)
		if !strings.EqualFold(p.Protocol, defaultPortProtocol) {
			o.str("protocol", p.Protocol)
		}
		elts = append(elts, o.inline())
	}
	return ast.NewList(elts...)
}

func (w *writer) domains() []entry {
	var out []entry
	for _, d := range w.live.State.Domains {
		path := model.DomainPath(d.Name)
		out = append(out, entry{d.Name, w.resource("domain", d.Name, path, field(d.Name, w.domain(d, path)))})
	}
	return out
}

// domain writes a plain HTTP domain without the TLS settings it ignores.
func (w *writer) domain(d *model.Domain, path string) ast.Expr {
	var o obj
	protocol := cmp.Or(strings.ToUpper(d.Protocol), defaultProtocol)
	https := protocol != defaultProtocol
	o.str("protocol", protocol)
	if https {
		o.str("certIdentifier", d.CertIdentifier)
	}
	o.str("caCertIdentifier", d.CACertIdentifier)
	o.flag("mTLSEnabled", d.MTLSEnabled)
	if https {
		o.flag("forceHttps", d.ForceHTTPS)
		o.str("http2Option", d.HTTP2Option)
		o.str("tlsMin", tlsVersion(d.TLSMin))
		o.str("tlsMax", tlsVersion(d.TLSMax))
	}
	o.strs("policies", w.sel.policyNames(path))
	return o.expr()
}

// tlsVersion folds "TLS 1.2" into "TLS1.2".
func tlsVersion(v string) string { return strings.ReplaceAll(strings.TrimSpace(v), " ", "") }

// description is a live description without gwsync's ownership marker.
func description(d string) string {
	if _, marked := gwsync.MarkerOwner(d); marked {
		return gwsync.StripMarker(d)
	}
	return d
}

func (w *writer) policies() []entry {
	var out []entry
	for _, p := range w.live.State.Policies {
		noted := len(w.notes)
		f := field(p.Name, w.policy(p))
		for _, n := range w.notes[noted:] {
			addDoc(f, "gwsync dump: "+n+".")
		}
		out = append(out, entry{p.Name, w.resource("policy", p.Name, model.PolicyPath(p.Name), f)})
	}
	return out
}

func (w *writer) policy(p *model.Policy) ast.Expr {
	var o obj
	o.str("className", p.ClassName)
	o.str("description", description(p.Description))
	cfg := liveConfig(p)
	if cfg == nil {
		o.add("config", ast.NewString(p.ConfigJSON)) // only ever in a left-out policy's comment
		return o.expr()
	}
	if p.ClassName == "IpAccessControl" && !w.sel.left(model.PolicyPath(p.Name)) {
		w.ipAccessControl(p, cfg)
	}
	o.add("config", valueExpr(cfg))
	return o.expr()
}

// ipAccessControl leaves out of an IpAccessControl config the fields the
// compiler fills from where the policy is attached, when the live values
// are what it would fill, and writes the address list as a list.
func (w *writer) ipAccessControl(p *model.Policy, cfg map[string]any) {
	atts := w.sel.byPolicy[p.Name]
	derived := map[string]string{"name": p.Name}
	if len(atts) == 1 {
		derived["ipAccessControlResourceName"] = atts[0].ResourceName
	}
	if types := attachTypes(atts); len(types) == 1 {
		derived["ipAccessControlResourceType"] = types[0]
	}
	for _, k := range sortedKeys(derived) {
		v, ok := cfg[k]
		switch {
		case !ok:
			w.notes = append(w.notes, fmt.Sprintf("policy %q: its live config has no %s, which gwsync fills (%q) from where the policy is attached: the first plan updates the policy", p.Name, k, derived[k]))
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

func attachTypes(atts []*model.Attachment) []string {
	var out []string
	for _, a := range atts {
		out = append(out, a.ResourceType)
	}
	return sortedSet(out)
}

func (w *writer) httpAPI(a *model.HTTPAPI) ast.Decl {
	path := model.HTTPAPIPath(a.Name)
	var o obj
	o.str("description", description(a.Description))
	if protocols := sortedSet(upper(a.Protocols)); len(protocols) > 0 && !slices.Equal(protocols, []string{defaultProtocol}) {
		o.strs("protocols", protocols)
	}
	if a.BasePath != defaultBasePath {
		o.str("basePath", a.BasePath)
	}
	o.strs("policies", w.sel.policyNames(path))
	var routes []entry
	for _, r := range a.Routes {
		routes = append(routes, entry{r.Name, w.resource("route", r.Name, r.Path(), field(r.Name, w.route(r)))})
	}
	if len(routes) > 0 {
		o.add("routes", keyed(routes))
	}
	return w.resource("HTTP API", a.Name, path, field(a.Name, o.expr()))
}

func (w *writer) route(r *model.Route) ast.Expr {
	var o obj
	o.str("description", description(r.Description))
	o.str("environment", r.Environment.Name)
	var domains []string
	for _, d := range r.Domains {
		domains = append(domains, d.Name)
	}
	o.strs("domains", sortedSet(domains))
	o.add("match", match(r.Match))
	o.add("backend", backend(r.Backend))
	names := w.sel.policyNames(r.Path())
	if w.sel.left(r.Path()) || w.sel.holderLeft(r.Path()) {
		names = w.liveAttachments(r.Path())
	}
	o.strs("policies", names)
	return o.expr()
}

// liveAttachments names every policy attached to path, for the comment of
// a left-out resource.
func (w *writer) liveAttachments(path string) []string {
	var out []string
	for _, a := range w.live.State.Attachments {
		if a.Resource == path {
			out = append(out, a.Policy.Name)
		}
	}
	return sortedSet(out)
}

func match(m model.Match) ast.Expr {
	var o obj
	var path obj
	path.str("type", m.Path.Type)
	path.add("value", ast.NewString(m.Path.Value))
	o.add("path", path.inline())
	o.strs("methods", sortedSet(upper(m.Methods)))
	if len(m.Headers) > 0 {
		o.add("headers", conditions(m.Headers))
	}
	if len(m.QueryParams) > 0 {
		o.add("queryParams", conditions(m.QueryParams))
	}
	o.flag("ignoreUriCase", m.IgnoreURICase)
	return o.expr()
}

// conditions are sorted: the gateway ANDs them in any order.
func conditions(cs []model.Condition) ast.Expr {
	cs = slices.Clone(cs)
	slices.SortFunc(cs, func(a, b model.Condition) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Value, b.Value))
	})
	var elts []ast.Expr
	for _, c := range cs {
		var o obj
		o.add("name", ast.NewString(c.Name))
		o.add("type", ast.NewString(c.Type))
		o.add("value", ast.NewString(c.Value))
		elts = append(elts, o.inline())
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
		var o obj
		o.add("service", ast.NewString(s.Service.Name))
		if p := strings.ToUpper(s.Protocol); p != defaultProtocol {
			o.str("protocol", p)
		}
		o.num("port", s.Port)
		if scene == model.SceneRatio {
			o.add("weight", valueExpr(s.Weight))
		}
		if scene == model.SceneTag {
			o.str("version", s.Version)
		}
		elts = append(elts, o.inline())
	}
	var o obj
	o.str("scene", scene)
	if len(elts) > 0 {
		o.add("services", ast.NewList(elts...))
	}
	return o.expr()
}
