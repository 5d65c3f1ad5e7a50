package huawei

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gwsync/gwsync/compiler"
	emu "github.com/gwsync/gwsync/emulator/huawei"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// orders compiles examples/huawei-orders, the source of truth of the
// round trip.
func orders(t *testing.T) *model.Desired {
	t.Helper()
	res := compiler.Compile([]string{"examples/huawei-orders"}, compiler.Options{Dir: "../.."})
	if res.Desired == nil || hwmodel.Of(res.Desired) == nil {
		t.Fatalf("compile: %v", res.Findings)
	}
	return res.Desired
}

// writeCert writes a self-signed certificate for domain as
// dir/name.crt and dir/name.key.
func writeCert(t *testing.T, dir, name, domain string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: domain}, DNSNames: []string{domain},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	must(t, os.WriteFile(filepath.Join(dir, name+".crt"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, name+".key"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// seeder builds a desired state on the emulator through the client's raw
// SDK calls, independently of Execute.
type seeder struct {
	h      *harness
	t      testing.TB
	envs   map[string]string
	groups map[string]string
	apis   map[string]string
	pubs   map[[2]string]string // (api, env) -> publish_id
}

func (s *seeder) call(op, method, path string, params map[string]string, body any) map[string]any {
	s.t.Helper()
	data, err := s.h.c.Call(ctx(s.t), Request{Op: op, Method: method, Path: path, Params: withInstance(params, s.h.srv.InstanceID()), Body: body})
	if err != nil {
		s.t.Fatalf("%s: %v", op, err)
	}
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return out
}

func seed(t *testing.T, h *harness, d *hwmodel.State) *seeder {
	s := &seeder{h: h, t: t, envs: map[string]string{"RELEASE": emu.ReleaseEnvID}, groups: map[string]string{},
		apis: map[string]string{}, pubs: map[[2]string]string{}}
	for _, e := range d.Environments {
		if e.Name != "RELEASE" {
			s.envs[e.Name] = s.call("CreateEnvironmentV2", "POST", "/envs", nil, nameRemark{e.Name, e.Remark})["id"].(string)
		}
	}
	for _, g := range d.Groups {
		gid := s.call("CreateApiGroupV2", "POST", "/api-groups", nil, nameRemark{g.Name, g.Remark})["id"].(string)
		s.groups[g.Name] = gid
		for _, v := range g.Variables {
			s.call("CreateEnvironmentVariableV2", "POST", "/env-variables", nil,
				variableBody{GroupID: gid, EnvID: s.envs[v.Env.Name], Name: v.Name, Value: v.Value})
		}
		for _, dm := range g.Domains {
			s.domain(gid, dm)
		}
		for _, a := range g.APIs {
			s.apis[a.Name] = s.call("CreateApiV2", "POST", "/apis", nil, wireFromModel(a, gid))["id"].(string)
			for _, env := range a.Publish {
				out := s.call("CreateOrDeletePublishRecordForApiV2", "POST", "/apis/action", nil,
					map[string]string{"action": "online", "api_id": s.apis[a.Name], "env_id": s.envs[env.Name]})
				s.pubs[[2]string{a.Name, env.Name}] = out["publish_id"].(string)
			}
		}
	}
	s.policies(d)
	return s
}

func (s *seeder) domain(gid string, dm *hwmodel.Domain) {
	out := s.call("AssociateDomainV2", "POST", "/api-groups/{group_id}/domains", map[string]string{"group_id": gid},
		domainBody{URLDomain: dm.Name, MinSSLVersion: dm.MinSSLVersion, IngressHTTPPort: dm.IngressHTTPPort, IngressHTTPSPort: dm.IngressHTTPSPort})
	did := out["id"].(string)
	if dm.Certificate.Name != "" {
		cert, key, err := s.h.c.certificate(dm.Certificate.Name)
		must(s.t, err)
		s.call("AssociateCertificateV2", "POST", "/api-groups/{group_id}/domains/{domain_id}/certificate", domainParams(gid, did),
			map[string]string{"name": dm.Certificate.Name, "cert_content": cert, "private_key": key})
	}
	if dm.HTTPSRedirect {
		s.call("UpdateDomainV2", "PUT", "/api-groups/{group_id}/domains/{domain_id}", domainParams(gid, did),
			domainBody{MinSSLVersion: dm.MinSSLVersion, Redirect: new(true)})
	}
}

func (s *seeder) policies(d *hwmodel.State) {
	for _, th := range d.Throttles {
		id := s.call("CreateRequestThrottlingPolicyV2", "POST", "/throttles", nil, wireThrottle{Name: th.Name, APICallLimits: th.APICallLimits,
			UserCallLimits: th.UserCallLimits, AppCallLimits: th.AppCallLimits, IPCallLimits: th.IPCallLimits,
			TimeInterval: th.TimeInterval, TimeUnit: th.TimeUnit, Type: th.Type, Remark: th.Remark})["id"].(string)
		for _, b := range th.Bind {
			s.call("AssociateRequestThrottlingPolicyV2", "POST", "/throttle-bindings", nil,
				map[string]any{"strategy_id": id, "publish_ids": []string{s.pubs[[2]string{b.API.Name, b.Env.Name}]}})
		}
	}
	for _, a := range d.ACLs {
		var vals []string
		for _, v := range a.Values {
			vals = append(vals, v.Name)
		}
		id := s.call("CreateAclStrategyV2", "POST", "/acls", nil, wireACL{Name: a.Name, Type: a.ACLType, EntityType: a.EntityType,
			Value: strings.Join(vals, ",")})["id"].(string)
		for _, b := range a.Bind {
			s.call("CreateApiAclBindingV2", "POST", "/acl-bindings", nil,
				map[string]any{"acl_id": id, "publish_ids": []string{s.pubs[[2]string{b.API.Name, b.Env.Name}]}})
		}
	}
	for _, p := range d.Plugins {
		id := s.call("CreatePlugin", "POST", "/plugins", nil, pluginBody{Name: p.Name, Type: p.Type, Scope: "global",
			Content: p.ContentJSON, Remark: p.Remark})["plugin_id"].(string)
		for _, b := range p.Bind {
			s.call("AttachApiToPlugin", "POST", "/plugins/{plugin_id}/attach", map[string]string{"plugin_id": id},
				map[string]any{"env_id": s.envs[b.Env.Name], "api_ids": []string{s.apis[b.API.Name]}})
		}
	}
}

// wireFromModel is the ApiCreate body of a desired API.
func wireFromModel(a *hwmodel.API, groupID string) wireAPI {
	w := wireAPI{Name: a.Name, Type: a.Type, Version: a.Version, ReqProtocol: a.ReqProtocol, ReqMethod: a.ReqMethod,
		ReqURI: a.ReqURI, AuthType: a.AuthType, CORS: a.CORS, MatchMode: a.MatchMode, BackendType: a.BackendType,
		Remark: a.Remark, GroupID: groupID, BodyRemark: a.BodyRemark, ResultNormalSample: a.ResultNormalSample,
		ResultFailureSample: a.ResultFailureSample, AuthorizerID: a.AuthorizerID, ContentType: a.ContentType,
		BackendParams: wireParams(a.BackendParams)}
	if a.AppCodeAuthType != "" {
		w.AuthOpt = &wireAuthOpt{AppCodeAuthType: a.AppCodeAuthType}
	}
	for _, t := range a.Tags {
		w.Tags = append(w.Tags, t.Name)
	}
	for _, p := range a.ReqParams {
		w.ReqParams = append(w.ReqParams, wireReqParam{Name: p.Name, Type: p.Type, Location: p.Location, Required: p.Required,
			ValidEnable: p.ValidEnable, PassThrough: p.PassThrough, DefaultValue: p.DefaultValue, SampleValue: p.SampleValue,
			Remark: p.Remark, Enumerations: p.Enumerations, MinNum: p.MinNum, MaxNum: p.MaxNum, MinSize: p.MinSize, MaxSize: p.MaxSize})
	}
	if b := a.BackendAPI; b != nil {
		w.BackendAPI = wireBackend(b)
	}
	if f := a.FuncInfo; f != nil {
		w.FuncInfo = &wireFuncInfo{FunctionURN: f.FunctionURN, InvocationType: f.InvocationType, NetworkType: f.NetworkType,
			Timeout: f.Timeout, Version: f.Version, AliasURN: f.AliasURN, AuthorizerID: f.AuthorizerID, ReqProtocol: f.ReqProtocol, Remark: f.Remark}
	}
	if m := a.MockInfo; m != nil {
		w.MockInfo = &wireMockInfo{ResultContent: m.ResultContent, Version: m.Version, AuthorizerID: m.AuthorizerID, Remark: m.Remark}
	}
	for _, p := range a.PolicyMocks {
		wp := wirePolicyMock{Name: p.Name, EffectMode: p.EffectMode, ResultContent: p.Mock.ResultContent}
		for _, c := range p.Conditions {
			wp.Conditions = append(wp.Conditions, wireCondition{Origin: c.Origin, Type: c.Type, Value: c.Value, ReqParamName: c.ReqParamName,
				SysParamName: c.SysParamName, CookieParamName: c.CookieParamName, FrontendAuthorizerParamName: c.FrontendAuthorizerParamName})
		}
		w.PolicyMocks = append(w.PolicyMocks, wp)
	}
	return w
}

func wireBackend(b *hwmodel.BackendAPI) *wireBackendAPI {
	w := &wireBackendAPI{ReqProtocol: b.ReqProtocol, ReqMethod: b.ReqMethod, ReqURI: b.ReqURI, URLDomain: b.URLDomain,
		VPCChannelStatus: b.VPCChannelStatus, Timeout: b.Timeout, EnableClientSSL: b.EnableClientSSL,
		AuthorizerID: b.AuthorizerID, Version: b.Version, Remark: b.Remark}
	if b.VPCChannelID != "" {
		w.VPCChannelInfo = &wireVPCChannelInfo{VPCChannelID: b.VPCChannelID, VPCChannelProxyHost: b.VPCChannelProxyHost}
	}
	if b.RetryCount != nil {
		w.RetryCount = new(strconv.Itoa(*b.RetryCount))
	}
	return w
}

func wireParams(ps []*hwmodel.BackendParam) []wireBackendParam {
	var out []wireBackendParam
	for _, p := range ps {
		out = append(out, wireBackendParam{Name: p.Name, Location: p.Location, Origin: p.Origin, Value: p.Value, Remark: p.Remark})
	}
	return out
}

// unwriteParamDefaults clears in got's request parameters what the
// gateway filled in where want wrote nothing: valid_enable 2,
// pass_through 1, and required 1 for PATH parameters, else 2.
func unwriteParamDefaults(got, want *hwmodel.API) {
	for i, p := range got.ReqParams {
		if want == nil || i >= len(want.ReqParams) {
			return
		}
		w := want.ReqParams[i]
		if w.ValidEnable == 0 && p.ValidEnable == 2 {
			p.ValidEnable = 0
		}
		if w.PassThrough == 0 && p.PassThrough == 1 {
			p.PassThrough = 0
		}
		if w.Required == 0 && p.IsRequired() == (p.Location == "PATH") {
			p.Required = 0
		}
	}
}

// stripPositions zeroes every model.Pos and drops every FieldPos map, so
// a compiled and a read state compare.
func stripPositions(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			stripPositions(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			stripPositions(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(model.Pos{}) {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Type() == reflect.TypeOf(map[string]model.Pos{}) {
				f.Set(reflect.Zero(f.Type()))
				continue
			}
			if f.CanSet() {
				stripPositions(f)
			}
		}
	}
}

// TestReadRoundTrip builds examples/huawei-orders on the emulator with
// raw SDK calls, reads it back and compares every field with the compiled
// desired state, and checks the IDs the read records.
func TestReadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	writeCert(t, dir, "orders_example_com", "api.orders.example.com")
	h := newHarness(t, emu.Faults{}, func(c *Config) { c.CertDir = dir })
	want := hwmodel.Of(orders(t))
	s := seed(t, h, want)

	live, err := h.gw.Read(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	got := hwmodel.Of(&live.State)
	if live.State.Gateway.Provider != "huawei" || live.State.Gateway.ID != h.srv.InstanceID() {
		t.Errorf("gateway = %+v", live.State.Gateway)
	}
	if len(live.Notes) > 0 {
		t.Errorf("notes: %v", live.Notes)
	}
	// What the gateway fills in that the example does not write.
	for _, e := range got.Environments {
		if e.Name == "RELEASE" {
			e.Remark = ""
		}
	}
	for _, g := range got.Groups {
		for _, d := range g.Domains {
			if *d.IngressHTTPPort == 80 && *d.IngressHTTPSPort == 443 {
				d.IngressHTTPPort, d.IngressHTTPSPort = nil, nil
			}
		}
		for _, a := range g.APIs {
			unwriteParamDefaults(a, want.API(a.Name))
		}
	}
	// The desired state keeps plugin_content's numbers as int64 and
	// binds in declaration order; the read sorts them.
	for _, p := range want.Plugins {
		b, _ := json.Marshal(p.Content)
		p.Content = nil
		must(t, json.Unmarshal(b, &p.Content))
	}
	sortBinds := func(bs []hwmodel.Binding) {
		slices.SortFunc(bs, func(x, y hwmodel.Binding) int {
			return strings.Compare(x.API.Name+"\x00"+x.Env.Name, y.API.Name+"\x00"+y.Env.Name)
		})
	}
	for _, th := range want.Throttles {
		sortBinds(th.Bind)
	}
	for _, a := range want.ACLs {
		sortBinds(a.Bind)
	}
	for _, p := range want.Plugins {
		sortBinds(p.Bind)
	}
	if n := len(got.APIs()); n != 4 || len(got.Plugins) != 1 || len(got.Plugins[0].Bind) != 3 || got.API("Api_mock").PolicyMocks == nil ||
		got.API("Api_http").BackendParams == nil || *got.API("Api_grpc").BackendAPI.RetryCount != -1 || got.Groups[0].Domains[0].Certificate.Name == "" {
		t.Fatalf("the read misses resources: %d APIs, %+v", n, got)
	}
	stripPositions(reflect.ValueOf(want))
	stripPositions(reflect.ValueOf(got))
	wb, _ := json.MarshalIndent(want, "", " ")
	gb, _ := json.MarshalIndent(got, "", " ")
	if string(wb) != string(gb) {
		t.Errorf("read state differs from the compiled example:\n%s", lineDiff(string(wb), string(gb)))
	}

	ids := live.IDs
	for path, id := range map[string]string{
		hwmodel.EnvironmentPath("RELEASE"):                         emu.ReleaseEnvID,
		hwmodel.EnvironmentPath("TEST"):                            s.envs["TEST"],
		hwmodel.GroupPath("api_group_001"):                         s.groups["api_group_001"],
		hwmodel.APIPath("grpc_group", "Api_grpc"):                  s.apis["Api_grpc"],
		hwsync.PublicationKey("api_group_001", "Api_mock", "TEST"): s.pubs[[2]string{"Api_mock", "TEST"}],
	} {
		if ids[path] != id || id == "" {
			t.Errorf("IDs[%s] = %q, want %q", path, ids[path], id)
		}
	}
	for _, key := range []string{
		hwsync.BindingKey(hwmodel.KindThrottle, "orders_throttle", "api_group_001", "Api_function", "RELEASE"),
		hwsync.BindingKey(hwmodel.KindACL, "orders_blocklist", "api_group_001", "Api_http", "RELEASE"),
		hwsync.BindingKey(hwmodel.KindPlugin, "orders_cors", "api_group_001", "Api_mock", "TEST"),
		hwmodel.DomainPath("api_group_001", "api.orders.example.com"),
		hwmodel.VariablePath("api_group_001", "TEST", "orders_backend"),
		hwmodel.PolicyPath(hwmodel.KindPlugin, "orders_cors"),
	} {
		if ids[key] == "" {
			t.Errorf("IDs has no %s", key)
		}
	}
	if len(live.Fingerprints) < 10 {
		t.Errorf("fingerprints: %v", live.Fingerprints)
	}
}

// lineDiff shows the lines of two texts that differ.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
			if len(out) > 40 {
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

// TestReadPages: lists longer than a page (500) are read to the end.
func TestReadPages(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	s := &seeder{h: h, t: t}
	gid := s.call("CreateApiGroupV2", "POST", "/api-groups", nil, nameRemark{"big_group", ""})["id"].(string)
	const n = 523
	for i := range n {
		s.call("CreateEnvironmentVariableV2", "POST", "/env-variables", nil,
			variableBody{GroupID: gid, EnvID: emu.ReleaseEnvID, Name: fmt.Sprintf("var_%03d", i), Value: "v"})
	}
	before := h.c.Calls()
	live := read(t, h)
	if got := len(hwmodel.Of(&live.State).Groups[0].Variables); got != n {
		t.Errorf("read %d variables, want %d", got, n)
	}
	if calls := h.c.Calls() - before; calls != 9 {
		t.Errorf("the read made %d calls, want 9 (instance, 6 lists, a second variables page)", calls)
	}
}

// shortPages answers every list with at most n of its items (and size
// set to match), keeping total, as a server that caps pages below the
// limit asked for would.
type shortPages struct {
	next http.Handler
	n    int
}

func (s shortPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	s.next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	var page map[string]any
	if r.Method == http.MethodGet && json.Unmarshal(body, &page) == nil && page["total"] != nil {
		for k, v := range page {
			if l, ok := v.([]any); ok && len(l) > s.n {
				page[k], page["size"] = l[:s.n], s.n
			}
		}
		body, _ = json.Marshal(page)
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

// TestReadShortPages: a page shorter than the limit asked for is not the
// last one; the read goes on until it has the total.
func TestReadShortPages(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	s := &seeder{h: h, t: t}
	const n = 7
	for i := range n {
		s.call("CreateApiGroupV2", "POST", "/api-groups", nil, nameRemark{fmt.Sprintf("group_%d", i), ""})
	}
	short := httptest.NewServer(shortPages{next: h.srv.Handler(), n: 3})
	defer short.Close()
	c, err := NewClient(Config{Endpoint: short.URL, ProjectID: h.srv.ProjectID(), AccessKey: testAK, SecretKey: testSK})
	must(t, err)
	live, err := NewGateway(c, h.srv.InstanceID()).Read(ctx(t))
	must(t, err)
	if got := len(hwmodel.Of(&live.State).Groups); got != n {
		t.Errorf("read %d groups in pages of 3, want %d", got, n)
	}
}

func TestDecodePage(t *testing.T) {
	cases := []struct {
		name, doc string
		total, n  int
		err       string
	}{
		{"a page", `{"total":5,"size":2,"envs":[{},{}]}`, 5, 2, ""},
		{"an empty page", `{"total":0,"size":0,"envs":[]}`, 0, 0, ""},
		{"no items key", `{"total":0,"size":0}`, 0, 0, ""},
		{"no total", `{"size":2,"envs":[{},{}]}`, 0, 0, "the answer has no total"},
		{"not a list", `{"total":1,"envs":{}}`, 0, 0, "not the shape gwsync expects"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			total, items, err := decodePage("ListEnvironmentsV2", []byte(c.doc), "envs")
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || total != c.total || len(items) != c.n {
				t.Errorf("got %d, %d items, %v; want %d, %d", total, len(items), err, c.total, c.n)
			}
		})
	}
}
