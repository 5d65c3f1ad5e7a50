package compiler

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// compileOrders compiles the canonical example with Options.Dir set to its
// directory, so files are named "orders.cue".
func compileOrders(t *testing.T) *model.Desired {
	t.Helper()
	return mustCompile(t, ordersDir, ".")
}

func TestCompileOrdersHasNoFindings(t *testing.T) {
	res := compileSafely(t, []string{"."}, Options{Dir: absDir(t, ordersDir)})
	if len(res.Findings) != 0 {
		t.Errorf("findings:\n%s", formatFindings(res.Findings))
	}
	if res.Desired == nil {
		t.Fatal("Desired is nil")
	}
}

func TestCompileOrdersResourceCounts(t *testing.T) {
	d := compileOrders(t)
	st := alimodel.Of(d)
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"policies", len(st.Policies), 3},
		{"domains", len(st.Domains), 2},
		{"services", len(st.Services), 1},
		{"environments", len(st.Environments), 1},
		{"HTTP APIs", len(st.HTTPAPIs), 1},
		{"routes", len(st.Routes()), 2},
		{"attachments", len(st.Attachments), 3},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %d, want %d", c.what, c.got, c.want)
		}
	}
}

// ordersModel is the model of examples/orders without positions, policy
// config positions and config strings (those are tested on their own).
func ordersModel() *model.Desired {
	api := "orders-http-api"
	routePath := model.RoutePath(api, "orders-route")
	return &model.Desired{
		Gateway: model.Gateway{Provider: "aliyun", ID: "gw-orders-prod", Region: "cn-hangzhou"},
		State: &alimodel.State{
			Environments: []*alimodel.Environment{{Name: "prod"}},
			Services: []*alimodel.Service{{
				Name: "orders-backend", SourceType: "DNS",
				Addresses: []model.Ref{{Name: "orders.backend.svc.cluster.local:80"}},
			}},
			Domains: []*alimodel.Domain{
				{Name: "api.example.com", Protocol: "HTTP", Policies: []model.Ref{{Name: "domain-ip-whitelist"}}},
				{Name: "secure.example.com", Protocol: "HTTPS", CertIdentifier: "235556-cn-hangzhou", ForceHTTPS: true},
			},
			Policies: []*alimodel.Policy{
				{Name: "domain-ip-whitelist", ClassName: "IpAccessControl", Description: "domain-level IP whitelist",
					Config: map[string]any{
						"ipAccessControlType":    "White",
						"ipAccessControlContent": []any{"10.0.0.0/8", "192.168.0.0/16"},
						"enable":                 true,
						"protocolLayer":          "L7",
					}},
				{Name: "orders-timeout", ClassName: "Timeout",
					Config: map[string]any{"unitNum": int64(3), "timeUnit": "s", "enable": true}},
				{Name: "route-ip-whitelist", ClassName: "IpAccessControl", Description: "route-level IP whitelist",
					Config: map[string]any{
						"ipAccessControlType":    "White",
						"ipAccessControlContent": []any{"10.10.0.0/16"},
						"enable":                 true,
						"protocolLayer":          "L7",
					}},
			},
			HTTPAPIs: []*alimodel.HTTPAPI{{
				Name: api, Description: "orders route collection", Protocols: []string{"HTTP", "HTTPS"},
				Routes: []*model.Route{
					{
						Name: "orders-export", API: api,
						Environment: model.Ref{Name: "prod"},
						Domains:     []model.Ref{{Name: "api.example.com"}},
						Match: model.Match{
							Path:    model.PathMatch{Type: model.PathExact, Value: "/exports/orders.csv"},
							Methods: []string{"GET"},
						},
						Backend: model.Backend{Scene: model.SceneSingle, Services: []model.BackendService{
							{Service: model.Ref{Name: "orders-backend"}, Protocol: "HTTP", Port: 80},
						}},
					},
					{
						Name: "orders-route", API: api,
						Environment: model.Ref{Name: "prod"},
						Domains:     []model.Ref{{Name: "api.example.com"}},
						Match: model.Match{
							Path:    model.PathMatch{Type: model.PathPrefix, Value: "/orders"},
							Methods: []string{"GET", "POST"},
						},
						Backend: model.Backend{Scene: model.SceneSingle, Services: []model.BackendService{
							{Service: model.Ref{Name: "orders-backend"}, Protocol: "HTTP", Port: 80, Weight: 100, HasWeight: true},
						}},
						Policies: []model.Ref{{Name: "route-ip-whitelist"}, {Name: "orders-timeout"}},
					},
				},
			}},
			Attachments: []*alimodel.Attachment{
				{Policy: model.Ref{Name: "domain-ip-whitelist"}, ResourceType: alimodel.AttachDomain,
					Resource: alimodel.DomainPath("api.example.com"), ResourceName: "api.example.com"},
				{Policy: model.Ref{Name: "route-ip-whitelist"}, ResourceType: alimodel.AttachRoute,
					Resource: routePath, ResourceName: "orders-route", Environment: "prod"},
				{Policy: model.Ref{Name: "orders-timeout"}, ResourceType: alimodel.AttachRoute,
					Resource: routePath, ResourceName: "orders-route", Environment: "prod"},
			},
		},
	}
}

// projection strips what ordersModel leaves out: positions, policy config
// positions and config strings.
func projection(d *model.Desired) *model.Desired {
	p := withoutPositions(d)
	for _, pol := range alimodel.Of(p).Policies {
		pol.ConfigPos, pol.ConfigJSON = nil, ""
	}
	return p
}

func TestCompileOrdersModel(t *testing.T) {
	got, want := projection(compileOrders(t)), ordersModel()
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.MarshalIndent(got, "", "  ")
		wj, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("model differs\ngot:\n%s\nwant:\n%s", gj, wj)
	}
}

func TestCompileOrdersRoutesSortedByName(t *testing.T) {
	d := compileOrders(t)
	var names []string
	for _, r := range alimodel.Of(d).HTTPAPIs[0].Routes {
		names = append(names, r.Name)
	}
	if want := []string{"orders-export", "orders-route"}; !reflect.DeepEqual(names, want) {
		t.Errorf("routes: got %q, want %q", names, want)
	}
}

func TestCompileOrdersPositions(t *testing.T) {
	src := readFile(t, filepath.Join(ordersDir, "orders.cue"))
	d := compileOrders(t)
	routes := map[string]*model.Route{}
	for _, r := range alimodel.Of(d).Routes() {
		routes[r.Name] = r
	}
	for _, name := range []string{"orders-route", "orders-export"} {
		r := routes[name]
		if r == nil {
			t.Fatalf("route %s missing", name)
		}
		label := `"` + name + `": {`
		for _, c := range []struct {
			what string
			got  model.Pos
			want int
		}{
			{"route label", r.Pos, lineOf(t, src, "", label)},
			{"environment field", r.Environment.Pos, lineOf(t, src, label, "environment:")},
			{"domain ref", r.Domains[0].Pos, lineOf(t, src, label, `domains: ["api.example.com"]`)},
			{"backend service ref", r.Backend.Services[0].Service.Pos, lineOf(t, src, label, `service: "orders-backend"`)},
			{"match path", r.Match.Path.Pos, lineOf(t, src, label, "path: {")},
		} {
			t.Run(name+"/"+c.what, func(t *testing.T) {
				if c.got.File != "orders.cue" || c.got.Line != c.want || c.got.Column < 1 {
					t.Errorf("got %s, want orders.cue:%d:<col>", c.got, c.want)
				}
			})
		}
	}
}

func TestCompileOrdersResourcePositions(t *testing.T) {
	src := readFile(t, filepath.Join(ordersDir, "orders.cue"))
	d := compileOrders(t)
	st := alimodel.Of(d)
	for _, c := range []struct {
		what string
		got  model.Pos
		want int
	}{
		{"gateway", d.Gateway.Pos, lineOf(t, src, "", "gateway: {")},
		{"environment prod", st.Environments[0].Pos, lineOf(t, src, "", "environments: prod:")},
		{"service", st.Services[0].Pos, lineOf(t, src, "", `services: "orders-backend"`)},
		{"domain api.example.com", st.Domains[0].Pos, lineOf(t, src, "", `"api.example.com": {`)},
		{"domain protocol", st.Domains[0].ProtocolPos, lineOf(t, src, `"api.example.com": {`, "protocol:")},
		{"domain policy ref", st.Domains[0].Policies[0].Pos, lineOf(t, src, "", `policies: ["domain-ip-whitelist"]`)},
		{"policy", st.Policies[0].Pos, lineOf(t, src, "", `"domain-ip-whitelist": {`)},
		{"policy config element", st.Policies[0].PositionOf("/ipAccessControlContent/1"), lineOf(t, src, "", `"192.168.0.0/16"`)},
		{"HTTP API", st.HTTPAPIs[0].Pos, lineOf(t, src, "", `httpApis: "orders-http-api"`)},
	} {
		t.Run(c.what, func(t *testing.T) {
			if c.got.File != "orders.cue" || c.got.Line != c.want {
				t.Errorf("got %s, want orders.cue:%d", c.got, c.want)
			}
		})
	}
}

func TestCompileOrdersAttachments(t *testing.T) {
	src := readFile(t, filepath.Join(ordersDir, "orders.cue"))
	d := compileOrders(t)
	st := alimodel.Of(d)
	routeLine := lineOf(t, src, "", `"orders-route": {`)
	routePolicies := lineOf(t, src, `"orders-route": {`, `policies: ["route-ip-whitelist", "orders-timeout"]`)
	want := []struct {
		policy, typ, name, env string
		line, resourceLine     int
	}{
		{"domain-ip-whitelist", alimodel.AttachDomain, "api.example.com", "",
			lineOf(t, src, "", `policies: ["domain-ip-whitelist"]`), lineOf(t, src, "", `"api.example.com": {`)},
		{"route-ip-whitelist", alimodel.AttachRoute, "orders-route", "prod", routePolicies, routeLine},
		{"orders-timeout", alimodel.AttachRoute, "orders-route", "prod", routePolicies, routeLine},
	}
	if len(st.Attachments) != len(want) {
		t.Fatalf("got %d attachments, want %d", len(st.Attachments), len(want))
	}
	for i, w := range want {
		a := st.Attachments[i]
		t.Run(w.policy, func(t *testing.T) {
			if a.Policy.Name != w.policy || a.ResourceType != w.typ || a.ResourceName != w.name || a.Environment != w.env {
				t.Errorf("got %s on %s %s env %q, want %s on %s %s env %q",
					a.Policy.Name, a.ResourceType, a.ResourceName, a.Environment, w.policy, w.typ, w.name, w.env)
			}
			if a.Policy.Pos.File != "orders.cue" || a.Policy.Pos.Line != w.line {
				t.Errorf("policy ref at %s, want orders.cue:%d", a.Policy.Pos, w.line)
			}
			if a.ResourcePos.File != "orders.cue" || a.ResourcePos.Line != w.resourceLine {
				t.Errorf("resource at %s, want orders.cue:%d", a.ResourcePos, w.resourceLine)
			}
		})
	}
}

// The config strings of the orchestration guide (Alibaba Cloud APIG,
// "orchestration guide"): section 3.1 for the domain-level IpAccessControl
// policy, section 5.1 for the route-level one. Copied verbatim.
const (
	guideDomainIPWhitelist = `{"name":"domain-ip-whitelist","ipAccessControlResourceName":"api.example.com","ipAccessControlResourceType":"Domain","ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8,192.168.0.0/16","enable":true,"protocolLayer":"L7"}`
	guideRouteIPWhitelist  = `{"name":"route-ip-whitelist","ipAccessControlResourceName":"orders-route","ipAccessControlResourceType":"GatewayRoute","ipAccessControlType":"White","ipAccessControlContent":"10.10.0.0/16","enable":true,"protocolLayer":"L7"}`
	ordersTimeoutConfig    = `{"unitNum":3,"timeUnit":"s","enable":true}`
)

func TestCompileOrdersConfigJSON(t *testing.T) {
	d := compileOrders(t)
	want := map[string]string{
		"domain-ip-whitelist": guideDomainIPWhitelist,
		"route-ip-whitelist":  guideRouteIPWhitelist,
		"orders-timeout":      ordersTimeoutConfig,
	}
	for _, p := range alimodel.Of(d).Policies {
		t.Run(p.Name, func(t *testing.T) {
			assertSameJSON(t, p.ConfigJSON, want[p.Name])
		})
	}
}

// assertSameJSON compares two JSON texts as parsed values (key order and
// spacing do not matter).
func assertSameJSON(t *testing.T, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("config %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want %q is not JSON: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("config:\n got %s\nwant %s", got, want)
	}
}

func TestCompileConfigJSONKeysSorted(t *testing.T) {
	d := compileOrders(t)
	const want = `{"enable":true,"ipAccessControlContent":"10.0.0.0/8,192.168.0.0/16","ipAccessControlResourceName":"api.example.com","ipAccessControlResourceType":"Domain","ipAccessControlType":"White","name":"domain-ip-whitelist","protocolLayer":"L7"}`
	if got := alimodel.Of(d).Policies[0].ConfigJSON; got != want {
		t.Errorf("ConfigJSON:\n got %s\nwant %s", got, want)
	}
}

// userWrittenIPFields writes every field the compiler would fill.
const userWrittenIPFields = `
gateway: provider: "aliyun"
domains: "api.example.com": {protocol: "HTTP", policies: ["wl"]}
policies: wl: {
	className: "IpAccessControl"
	config: {
		name:                        "my-name"
		ipAccessControlResourceName: "other.example.com"
		ipAccessControlResourceType: "Domain"
		ipAccessControlType:         "Black"
		ipAccessControlContent:      "1.2.3.4"
	}
}
`

func TestCompileUserWrittenIPAccessControlFieldsWin(t *testing.T) {
	dir := writeTree(t, map[string]string{"gw.cue": userWrittenIPFields})
	d := mustCompile(t, dir, "gw.cue")
	assertSameJSON(t, alimodel.Of(d).Policies[0].ConfigJSON,
		`{"name":"my-name","ipAccessControlResourceName":"other.example.com","ipAccessControlResourceType":"Domain","ipAccessControlType":"Black","ipAccessControlContent":"1.2.3.4"}`)
}

// unattachedIPPolicy is an IpAccessControl policy attached nowhere.
const unattachedIPPolicy = `
gateway: provider: "aliyun"
policies: wl: {
	className: "IpAccessControl"
	config: {ipAccessControlType: "White", ipAccessControlContent: ["10.0.0.0/8"]}
}
`

func TestCompileUnattachedIPAccessControlHasNoResourceFields(t *testing.T) {
	dir := writeTree(t, map[string]string{"gw.cue": unattachedIPPolicy})
	d := mustCompile(t, dir, "gw.cue")
	assertSameJSON(t, alimodel.Of(d).Policies[0].ConfigJSON,
		`{"name":"wl","ipAccessControlType":"White","ipAccessControlContent":"10.0.0.0/8"}`)
}

func TestCompileRelativeOptionsDir(t *testing.T) {
	res := compileSafely(t, []string{"."}, Options{Dir: ordersDir})
	if res.Desired == nil {
		t.Fatalf("Desired is nil; findings:\n%s", formatFindings(res.Findings))
	}
	if got := res.Desired.Gateway.Pos.File; got != "orders.cue" {
		t.Errorf("with Options.Dir %q, Pos.File = %q, want %q", ordersDir, got, "orders.cue")
	}
}

func TestCompileDefaultDirIsWorkingDirectory(t *testing.T) {
	res := compileSafely(t, []string{ordersDir}, Options{})
	if res.Desired == nil {
		t.Fatalf("Desired is nil; findings:\n%s", formatFindings(res.Findings))
	}
	if got, want := res.Desired.Gateway.Pos.File, "../examples/orders/orders.cue"; got != want {
		t.Errorf("Pos.File = %q, want %q", got, want)
	}
}

// cueDefaults writes values as CUE defaults.
const cueDefaults = `
gateway: provider: *"aliyun" | "huawei"
#env: *"prod" | string
httpApis: a: routes: r: {
	environment: #env
	match: path: {type: *"Prefix" | "Exact", value: "/"}
	backend: {scene: "SingleService", services: [{service: "s", port: *80 | int}]}
}
`

// CUE defaults (*value | other) are concrete for CUE (cue export and
// Validate(Concrete) take the default); gwsync must read them too.
func TestCompileResolvesCUEDefaults(t *testing.T) {
	dir := writeTree(t, map[string]string{"gw.cue": cueDefaults})
	d := mustCompile(t, dir, "gw.cue")
	r := alimodel.Of(d).Routes()[0]
	got := []any{d.Gateway.Provider, r.Environment.Name, r.Match.Path.Type, r.Backend.Services[0].Port}
	if want := []any{"aliyun", "prod", "Prefix", 80}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// An integral float where the schema wants an integer (80.0, 1e2) must be
// rejected, as CUE rejects it, or at least decoded as its value: never
// silently read as 0.
func TestCompileNeverDecodesIntegralFloatAsZero(t *testing.T) {
	dir := writeTree(t, map[string]string{"gw.cue": route(
		"\tmatch: path: {type: \"Prefix\", value: \"/\"}\n" +
			"\tbackend: {scene: \"MultiServiceByRatio\", services: [{service: \"s\", port: 80.0, weight: 1e2}]}\n")})
	res := compileSafely(t, []string{"gw.cue"}, Options{Dir: dir})
	if res.Desired == nil {
		return // rejected: what CUE does
	}
	s := alimodel.Of(res.Desired).Routes()[0].Backend.Services[0]
	if s.Port != 80 || s.Weight != 100 {
		t.Errorf("accepted port 80.0 and weight 1e2 but decoded port %d, weight %d", s.Port, s.Weight)
	}
}
