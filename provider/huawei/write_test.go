package huawei

import (
	"errors"
	"strings"
	"testing"

	emu "github.com/gwsync/gwsync/emulator/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// idMap is the IDs an apply keeps: the read's, plus what it created.
type idMap map[string]string

func (m idMap) Lookup(path string) (string, bool) { id, ok := m[path]; return id, ok }

// applier runs changes through Execute, recording created IDs.
type applier struct {
	t   *testing.T
	h   *harness
	ids idMap
}

func newApplier(t *testing.T, h *harness) *applier {
	return &applier{t: t, h: h, ids: idMap{hwmodel.EnvironmentPath("RELEASE"): emu.ReleaseEnvID}}
}

// run makes a change and records what it returns under its resource.
func (a *applier) run(c *gwsync.Change) string {
	a.t.Helper()
	id, err := a.try(c)
	if err != nil {
		a.t.Fatalf("%s %s: %v", c.Action, c.Label(), err)
	}
	return id
}

func (a *applier) try(c *gwsync.Change) (string, error) {
	id, err := a.h.gw.Execute(ctx(a.t), c, a.ids)
	if id != "" {
		a.ids[c.Resource] = id
	}
	if err == nil && (c.Action == gwsync.Delete || c.Action == gwsync.Detach || c.Action == gwsync.Undeploy) {
		delete(a.ids, c.Resource)
	}
	return id, err
}

func change(action gwsync.Action, k gwsync.Kind, name, resource string, before, after gwsync.Document) *gwsync.Change {
	return &gwsync.Change{Action: action, Kind: k, Name: name, Resource: resource, Before: before, After: after}
}

func mockAPIDoc(group, content string) *hwsync.APIDoc {
	return &hwsync.APIDoc{Group: group, Type: 1, ReqProtocol: "HTTPS", ReqMethod: "GET", ReqURI: "/orders/{id}", MatchMode: "NORMAL",
		AuthType: "NONE", BackendType: "MOCK", MockInfo: &hwsync.MockInfoDoc{ResultContent: content, StatusCode: 200},
		ReqParams: []hwsync.ReqParamDoc{{Name: "id", Type: "STRING", Location: "PATH", Required: 1, ValidEnable: 2, PassThrough: 2}},
		Tags:      []string{"orders"}}
}

// TestExecuteEveryChange makes each kind of change through Execute
// against the emulator and reads the result back.
func TestExecuteEveryChange(t *testing.T) {
	dir := t.TempDir()
	writeCert(t, dir, "shop_cert", "shop.example.com")
	h := newHarness(t, emu.Faults{}, func(c *Config) { c.CertDir = dir })
	a := newApplier(t, h)
	const g, api, env = "shop", "get_order", "STAGING"
	envPath, groupPath, apiPath := hwmodel.EnvironmentPath(env), hwmodel.GroupPath(g), hwmodel.APIPath(g, api)
	varPath := hwmodel.VariablePath(g, env, "host")
	pubKey := hwsync.PublicationKey(g, api, env)
	domPath := hwmodel.DomainPath(g, "shop.example.com")

	a.run(change(gwsync.Create, hwsync.KindEnvironment, env, envPath, nil, &hwsync.EnvironmentDoc{Remark: "r1"}))
	a.run(change(gwsync.Update, hwsync.KindEnvironment, env, envPath, nil, &hwsync.EnvironmentDoc{Remark: "r2"}))
	a.run(change(gwsync.Create, hwsync.KindGroup, g, groupPath, nil, &hwsync.GroupDoc{Remark: "g1"}))
	a.run(change(gwsync.Update, hwsync.KindGroup, g, groupPath, nil, &hwsync.GroupDoc{Remark: "g2"}))
	vdoc := &hwsync.VariableDoc{Group: g, Env: env, VariableName: "host", VariableValue: "a.internal:80"}
	a.run(change(gwsync.Create, hwsync.KindVariable, "host", varPath, nil, vdoc))
	a.run(change(gwsync.Update, hwsync.KindVariable, "host", varPath, nil, &hwsync.VariableDoc{Group: g, Env: env, VariableName: "host", VariableValue: "b.internal:80"}))
	a.run(change(gwsync.Create, hwsync.KindAPI, api, apiPath, nil, mockAPIDoc(g, "v1")))
	a.run(change(gwsync.Update, hwsync.KindAPI, api, apiPath, nil, mockAPIDoc(g, "v2")))
	pub := a.run(change(gwsync.Deploy, hwsync.KindAPI, api, pubKey, nil, &gwsync.DeployDoc{Environment: env}))
	if pub == "" {
		t.Fatal("deploy returned no publish_id")
	}
	two := 2
	a.run(change(gwsync.Create, hwsync.KindThrottle, "thr_1", hwmodel.PolicyPath(hwmodel.KindThrottle, "thr_1"), nil,
		&hwsync.ThrottleDoc{APICallLimits: 10, IPCallLimits: &two, TimeInterval: 1, TimeUnit: "SECOND", Type: 1}))
	a.run(change(gwsync.Update, hwsync.KindThrottle, "thr_1", hwmodel.PolicyPath(hwmodel.KindThrottle, "thr_1"), nil,
		&hwsync.ThrottleDoc{APICallLimits: 20, TimeInterval: 1, TimeUnit: "MINUTE", Type: 1}))
	a.run(change(gwsync.Create, hwsync.KindACL, "deny1", hwmodel.PolicyPath(hwmodel.KindACL, "deny1"), nil,
		&hwsync.ACLDoc{ACLType: "DENY", EntityType: "IP", ACLValue: "10.0.0.1"}))
	a.run(change(gwsync.Update, hwsync.KindACL, "deny1", hwmodel.PolicyPath(hwmodel.KindACL, "deny1"), nil,
		&hwsync.ACLDoc{ACLType: "DENY", EntityType: "IP", ACLValue: "10.0.0.1,10.0.0.2"}))
	cors := map[string]any{"allow_origin": "*", "max_age": 60}
	a.run(change(gwsync.Create, hwsync.KindPlugin, "cors1", hwmodel.PolicyPath(hwmodel.KindPlugin, "cors1"), nil,
		&hwsync.PluginDoc{PluginType: "cors", PluginScope: "global", PluginContent: cors}))
	cors["allow_methods"] = "GET"
	a.run(change(gwsync.Update, hwsync.KindPlugin, "cors1", hwmodel.PolicyPath(hwmodel.KindPlugin, "cors1"), nil,
		&hwsync.PluginDoc{PluginType: "cors", PluginScope: "global", PluginContent: cors}))
	binds := map[string]*gwsync.Change{}
	for kind, policy := range map[string]string{hwmodel.KindThrottle: "thr_1", hwmodel.KindACL: "deny1", hwmodel.KindPlugin: "cors1"} {
		doc := &hwsync.BindingDoc{PolicyKind: kind, Policy: policy, Group: g, API: api, Env: env}
		c := change(gwsync.Attach, hwsync.KindBinding, policy, hwsync.BindingKey(kind, policy, g, api, env), nil, doc)
		if a.run(c) == "" {
			t.Fatalf("attach %s returned no ID", policy)
		}
		binds[kind] = change(gwsync.Detach, hwsync.KindBinding, policy, c.Resource, doc, nil)
	}
	a.run(change(gwsync.Create, gwsync.KindDomain, "shop.example.com", domPath, nil,
		&hwsync.DomainDoc{Group: g, Certificate: "shop_cert", MinSSLVersion: "TLSv1.2", IsHTTPRedirectToHTTPS: true}))

	live := read(t, h)
	hw := hwmodel.Of(&live.State)
	gotAPI := hw.API(api)
	if gotAPI == nil || gotAPI.MockInfo.ResultContent != "v2" || len(gotAPI.Publish) != 1 || gotAPI.Publish[0].Name != env {
		t.Fatalf("API read back as %+v", gotAPI)
	}
	if live.IDs[pubKey] != pub {
		t.Errorf("publication %s = %q, want %q", pubKey, live.IDs[pubKey], pub)
	}
	for kind, c := range binds {
		if live.IDs[c.Resource] != a.ids[c.Resource] {
			t.Errorf("%s binding ID read %q, attach returned %q", kind, live.IDs[c.Resource], a.ids[c.Resource])
		}
	}
	if th := hw.Throttles[0]; th.APICallLimits != 20 || th.TimeUnit != "MINUTE" || th.IPCallLimits != nil || len(th.Bind) != 1 {
		t.Errorf("throttle read back as %+v", th)
	}
	if acl := hw.ACLs[0]; len(acl.Values) != 2 || len(acl.Bind) != 1 {
		t.Errorf("ACL read back as %+v", acl)
	}
	if p := hw.Plugins[0]; p.Content["allow_methods"] != "GET" || p.Content["max_age"] != float64(60) || len(p.Bind) != 1 {
		t.Errorf("plugin read back as %+v", p)
	}
	grp := hw.Groups[0]
	if grp.Remark != "g2" || len(grp.Variables) != 1 || grp.Variables[0].Value != "b.internal:80" {
		t.Errorf("group read back as %+v", grp)
	}
	if d := grp.Domains[0]; d.Certificate.Name != "shop_cert" || !d.HTTPSRedirect || d.MinSSLVersion != "TLSv1.2" {
		t.Errorf("domain read back as %+v", d)
	}
	if e := hw.Environment(env); e == nil || e.Remark != "r2" {
		t.Errorf("environment read back as %+v", e)
	}

	// The domain: redirect off and the certificate unbound, then gone.
	a.run(change(gwsync.Update, gwsync.KindDomain, "shop.example.com", domPath, nil,
		&hwsync.DomainDoc{Group: g, MinSSLVersion: "TLSv1.1"}))
	if d := hwmodel.Of(&read(t, h).State).Groups[0].Domains[0]; d.Certificate.Name != "" || d.HTTPSRedirect || d.MinSSLVersion != "TLSv1.1" {
		t.Errorf("domain after update: %+v", d)
	}
	domDelete := change(gwsync.Delete, gwsync.KindDomain, "shop.example.com", domPath, &hwsync.DomainDoc{Group: g}, nil)
	domDelete.ID = a.ids[domPath]
	a.run(domDelete)

	// Deleting a published API is refused with what to do.
	_, err := a.try(&gwsync.Change{Action: gwsync.Delete, Kind: hwsync.KindAPI, Name: api, Resource: apiPath, ID: a.ids[apiPath], Before: mockAPIDoc(g, "v2")})
	if !HasCode(err, "APIG.3416") || !strings.Contains(err.Error(), "offline") || !strings.Contains(err.Error(), a.ids[apiPath]) || !strings.Contains(err.Error(), apiPath) {
		t.Errorf("delete of a published API: %v", err)
	}
	// So is deleting a bound policy.
	_, err = a.try(&gwsync.Change{Action: gwsync.Delete, Kind: hwsync.KindThrottle, Name: "thr_1", Resource: hwmodel.PolicyPath(hwmodel.KindThrottle, "thr_1")})
	if !HasCode(err, "APIG.3451") || !strings.Contains(err.Error(), "detach") {
		t.Errorf("delete of a bound throttle: %v", err)
	}

	// Tear down in plan order; each delete again finds nothing and succeeds.
	var teardown []*gwsync.Change
	for _, c := range binds {
		teardown = append(teardown, c)
	}
	teardown = append(teardown,
		change(gwsync.Undeploy, hwsync.KindAPI, api, pubKey, &gwsync.DeployDoc{Environment: env}, nil),
		change(gwsync.Delete, hwsync.KindThrottle, "thr_1", hwmodel.PolicyPath(hwmodel.KindThrottle, "thr_1"), nil, nil),
		change(gwsync.Delete, hwsync.KindACL, "deny1", hwmodel.PolicyPath(hwmodel.KindACL, "deny1"), nil, nil),
		change(gwsync.Delete, hwsync.KindPlugin, "cors1", hwmodel.PolicyPath(hwmodel.KindPlugin, "cors1"), nil, nil),
		change(gwsync.Delete, hwsync.KindAPI, api, apiPath, nil, nil),
		change(gwsync.Delete, hwsync.KindVariable, "host", varPath, vdoc, nil),
		change(gwsync.Delete, hwsync.KindGroup, g, groupPath, nil, nil),
		change(gwsync.Delete, hwsync.KindEnvironment, env, envPath, nil, nil),
	)
	for _, c := range teardown {
		c.ID = a.ids[c.Resource]
		a.run(c)
	}
	for _, c := range teardown {
		if c.Action == gwsync.Detach && c.ID == "" {
			continue
		}
		if _, err := h.gw.Execute(ctx(t), c, idMap{}); err != nil {
			t.Errorf("%s %s again: %v", c.Action, c.Label(), err)
		}
	}
	live = read(t, h)
	if hw := hwmodel.Of(&live.State); len(hw.Groups)+len(hw.Throttles)+len(hw.ACLs)+len(hw.Plugins) != 0 || len(hw.Environments) != 1 {
		t.Errorf("after teardown: %+v", hw)
	}
}

func read(t *testing.T, h *harness) *model.Live {
	t.Helper()
	live, err := h.gw.Read(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	return live
}

// TestExecuteExists: a create whose name is taken returns a
// *sync.ExistsError with the live ID of the resource holding the name.
func TestExecuteExists(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	a := newApplier(t, h)
	groupPath := hwmodel.GroupPath("shop")
	gid := a.run(change(gwsync.Create, hwsync.KindGroup, "shop", groupPath, nil, &hwsync.GroupDoc{}))
	apiID := a.run(change(gwsync.Create, hwsync.KindAPI, "get_order", hwmodel.APIPath("shop", "get_order"), nil, mockAPIDoc("shop", "x")))
	envID := a.run(change(gwsync.Create, hwsync.KindEnvironment, "STAGING", hwmodel.EnvironmentPath("STAGING"), nil, &hwsync.EnvironmentDoc{}))
	for _, tc := range []struct {
		c  *gwsync.Change
		id string
	}{
		{change(gwsync.Create, hwsync.KindGroup, "shop", groupPath, nil, &hwsync.GroupDoc{}), gid},
		{change(gwsync.Create, hwsync.KindAPI, "get_order", hwmodel.APIPath("shop", "get_order"), nil, mockAPIDoc("shop", "y")), apiID},
		{change(gwsync.Create, hwsync.KindEnvironment, "STAGING", hwmodel.EnvironmentPath("STAGING"), nil, &hwsync.EnvironmentDoc{}), envID},
	} {
		_, err := h.gw.Execute(ctx(t), tc.c, a.ids)
		var ee *gwsync.ExistsError
		if !errors.As(err, &ee) || ee.ID != tc.id || ee.Kind != tc.c.Kind {
			t.Errorf("%s again: %v, want an ExistsError with ID %s", tc.c.Label(), err, tc.id)
		}
	}
	// A variable and a domain too.
	vdoc := &hwsync.VariableDoc{Group: "shop", Env: "STAGING", VariableName: "host", VariableValue: "h:80"}
	varPath := hwmodel.VariablePath("shop", "STAGING", "host")
	varID := a.run(change(gwsync.Create, hwsync.KindVariable, "host", varPath, nil, vdoc))
	domPath := hwmodel.DomainPath("shop", "shop.example.com")
	ddoc := &hwsync.DomainDoc{Group: "shop"}
	domID := a.run(change(gwsync.Create, gwsync.KindDomain, "shop.example.com", domPath, nil, ddoc))
	for _, tc := range []struct {
		c  *gwsync.Change
		id string
	}{
		{change(gwsync.Create, hwsync.KindVariable, "host", varPath, nil, vdoc), varID},
		{change(gwsync.Create, gwsync.KindDomain, "shop.example.com", domPath, nil, ddoc), domID},
	} {
		_, err := h.gw.Execute(ctx(t), tc.c, a.ids)
		var ee *gwsync.ExistsError
		if !errors.As(err, &ee) || ee.ID != tc.id {
			t.Errorf("%s again: %v, want an ExistsError with ID %s", tc.c.Label(), err, tc.id)
		}
	}
	// A route clash is not a name clash: it stays an error saying what to change.
	other := mockAPIDoc("shop", "z")
	_, err := h.gw.Execute(ctx(t), change(gwsync.Create, hwsync.KindAPI, "get_order_2", hwmodel.APIPath("shop", "get_order_2"), nil, other), a.ids)
	var ee *gwsync.ExistsError
	if errors.As(err, &ee) || !HasCode(err, "APIG.3301") || !strings.Contains(err.Error(), "req_uri") {
		t.Errorf("route clash: %v", err)
	}
}

// TestReadMissingInstance: a wrong instance ID says what to check.
func TestReadMissingInstance(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	_, err := NewGateway(h.c, "0000").Read(ctx(t))
	if !IsNotFound(err) || !strings.Contains(err.Error(), "gateway.id") {
		t.Errorf("err = %v", err)
	}
}

// TestDeployStatus: an API is online as soon as it is published.
func TestDeployStatus(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	if d, err := h.gw.DeployStatus(ctx(t), "a", "r"); err != nil || d.Status != "Deployed" {
		t.Errorf("DeployStatus = %+v, %v", d, err)
	}
}
