package huawei

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/gwsync/gwsync/emulator/huawei/sdkhmac"
)

func TestPagination(t *testing.T) {
	h := newHarness(t)
	for i := range 25 {
		h.group(fmt.Sprintf("group_%02d", i))
	}
	cases := []struct {
		query       string
		size, first int
	}{
		{"", 20, 0}, {"?limit=0", 20, 0}, {"?limit=-3", 20, 0}, {"?limit=600", 25, 0},
		{"?offset=20&limit=10", 5, 20}, {"?offset=-1&limit=2", 2, 0}, {"?offset=30", 0, 0},
	}
	for _, c := range cases {
		b := h.must(200, "GET", "/api-groups"+c.query, nil)
		groups := b["groups"].([]any)
		if b["total"] != 25.0 || b["size"] != float64(c.size) || len(groups) != c.size {
			t.Errorf("%s: total %v size %v len %d, want 25 %d", c.query, b["total"], b["size"], len(groups), c.size)
			continue
		}
		if c.size > 0 && groups[0].(map[string]any)["name"] != fmt.Sprintf("group_%02d", c.first) {
			t.Errorf("%s: first %v, want group_%02d", c.query, groups[0].(map[string]any)["name"], c.first)
		}
	}
	h.fails(400, codeInvalid, "GET", "/api-groups?limit=ten", nil)
	if b := h.must(200, "GET", "/api-groups?name=group_1", nil); b["total"] != 10.0 {
		t.Errorf("fuzzy name filter: total %v, want 10", b["total"])
	}
	if b := h.must(200, "GET", "/api-groups?name=group_1&precise_search=name", nil); b["total"] != 0.0 {
		t.Errorf("precise name filter: total %v, want 0", b["total"])
	}
	// 501 groups: a limit over 500 is capped at 500.
	for i := 25; i < 501; i++ {
		h.group(fmt.Sprintf("group_%03d", i))
	}
	if b := h.must(200, "GET", "/api-groups?limit=1000", nil); b["size"] != 500.0 || b["total"] != 501.0 {
		t.Errorf("limit 1000: size %v total %v, want 500 501", b["size"], b["total"])
	}
}

func TestEnvironmentsAndVariables(t *testing.T) {
	h := newHarness(t)
	env := h.must(201, "POST", "/envs", map[string]any{"name": "staging", "remark": "pre-prod"})
	id := str(env["id"])
	if len(id) != 32 || env["create_time"] == nil {
		t.Errorf("created env = %v", env)
	}
	if b := h.must(200, "GET", "/envs", nil); b["total"] != 2.0 {
		t.Errorf("envs = %v, want RELEASE and staging", b)
	}
	h.fails(400, codeEnvNameTaken, "POST", "/envs", map[string]any{"name": "staging"})
	h.fails(400, codeInvalid, "POST", "/envs", map[string]any{"name": "1bad"})
	h.fails(400, codeMissing, "POST", "/envs", map[string]any{"remark": "x"})
	h.must(200, "PUT", "/envs/"+id, map[string]any{"name": "staging2"})
	h.fails(404, codeEnvNotFound, "PUT", "/envs/nope", map[string]any{"name": "staging3"})

	g := h.group("vars_group")
	v := h.must(201, "POST", "/env-variables", map[string]any{"group_id": g, "env_id": id, "variable_name": "host", "variable_value": "a.example:80"})
	h.fails(400, codeVariableExists, "POST", "/env-variables", map[string]any{"group_id": g, "env_id": id, "variable_name": "host", "variable_value": "b"})
	h.fails(400, codeInvalid, "POST", "/env-variables", map[string]any{"group_id": g, "env_id": id, "variable_name": "h", "variable_value": "b"})
	h.fails(404, codeGroupNotFound, "POST", "/env-variables", map[string]any{"group_id": "nope", "env_id": id, "variable_name": "host", "variable_value": "b"})
	if b := h.must(200, "GET", "/env-variables?group_id="+g, nil); b["total"] != 1.0 {
		t.Errorf("variables = %v", b)
	}
	h.must(204, "DELETE", "/env-variables/"+str(v["id"]), nil)
	h.fails(404, codeVariableNotFound, "DELETE", "/env-variables/"+str(v["id"]), nil)

	api := h.api(mockAPI(g, "env_api", "GET", "/e", "NORMAL", "x"))
	h.publish(api, id)
	h.fails(403, codeEnvHasPublished, "DELETE", "/envs/"+id, nil)
	h.must(201, "POST", "/apis/action", map[string]any{"action": "offline", "api_id": api, "env_id": id})
	h.must(204, "DELETE", "/envs/"+id, nil)
	h.fails(404, codeEnvNotFound, "DELETE", "/envs/"+id, nil)
	h.fails(400, codeInvalid, "DELETE", "/envs/"+ReleaseEnvID, nil)
}

func TestGroupsAndAPIs(t *testing.T) {
	h := newHarness(t)
	g := h.group("shop_group")
	h.fails(400, codeGroupNameTaken, "POST", "/api-groups", map[string]any{"name": "shop_group"})
	h.fails(400, codeInvalid, "POST", "/api-groups", map[string]any{"name": "ab"})
	h.fails(404, codeGroupNotFound, "GET", "/api-groups/nope", nil)
	h.must(200, "PUT", "/api-groups/"+g, map[string]any{"name": "shop_group", "remark": "r"})

	id := h.api(mockAPI(g, "list_items", "GET", "/items", "NORMAL", "x"))
	shown := h.must(200, "GET", "/apis/"+id, nil)
	if shown["group_name"] != "shop_group" || shown["status"] != 1.0 || shown["mock_info"] == nil || shown["match_mode"] != "NORMAL" {
		t.Errorf("shown API = %v", shown)
	}
	h.fails(400, codeAPINameTaken, "POST", "/apis", mockAPI(g, "list_items", "GET", "/other", "NORMAL", "x"))
	h.fails(400, codeAPIExists, "POST", "/apis", mockAPI(g, "list_items_2", "GET", "/items", "NORMAL", "x"))
	h.api(mockAPI(g, "list_items_swa", "GET", "/items", "SWA", "x")) // another match mode is another API
	h.api(mockAPI(g, "list_items_any", "ANY", "/items", "NORMAL", "x"))
	other := h.group("other_group")
	h.api(mockAPI(other, "list_items_3", "GET", "/items", "NORMAL", "x")) // another group never clashes
	p1 := mockAPI(g, "param_a", "GET", "/items/{a}", "NORMAL", "x")
	p1["req_params"] = []map[string]any{{"name": "a", "type": "STRING", "location": "PATH"}}
	h.api(p1)
	p2 := mockAPI(g, "param_b", "GET", "/items/{b}", "NORMAL", "x")
	p2["req_params"] = []map[string]any{{"name": "b", "type": "STRING", "location": "PATH"}}
	h.fails(400, codeAPIExists, "POST", "/apis", p2)
	h.fails(400, codeUndeclaredPath, "POST", "/apis", mockAPI(g, "no_param", "GET", "/x/{id}", "NORMAL", "x"))
	bad := mockAPI(g, "bad_method", "FETCH", "/y", "NORMAL", "x")
	h.fails(400, codeInvalid, "POST", "/apis", bad)
	noMock := mockAPI(g, "no_mock", "GET", "/z", "NORMAL", "x")
	delete(noMock, "mock_info")
	h.fails(400, codeMissing, "POST", "/apis", noMock)
	h.fails(404, codeGroupNotFound, "POST", "/apis", mockAPI("nope", "lost_api", "GET", "/l", "NORMAL", "x"))
	h.fails(400, codeInvalidBody, "POST", "/apis", "not an object")

	upd := mockAPI(g, "list_items", "POST", "/items", "NORMAL", "changed")
	if b := h.must(200, "PUT", "/apis/"+id, upd); b["req_method"] != "POST" {
		t.Errorf("updated = %v", b)
	}
	upd["group_id"] = other
	h.fails(400, codeInvalid, "PUT", "/apis/"+id, upd)
	h.fails(404, codeAPINotFound, "GET", "/apis/nope", nil)

	list := h.must(200, "GET", "/apis?group_id="+g+"&name=list_items&precise_search=name", nil)
	if list["total"] != 1.0 {
		t.Fatalf("precise list = %v", list)
	}
	if item := list["apis"].([]any)[0].(map[string]any); item["mock_info"] != nil || item["backend_api"] != nil {
		t.Errorf("list items must be brief: %v", item)
	}
	if b := h.must(200, "GET", "/apis?group_id="+g+"&name=list_items", nil); b["total"] != 3.0 {
		t.Errorf("fuzzy list total = %v, want 3", b["total"])
	}
	h.must(204, "POST", "/apis/check", map[string]any{"type": "path", "group_id": g, "req_method": "GET", "req_uri": "/free"})
	h.fails(400, codeAPIExists, "POST", "/apis/check", map[string]any{"type": "path", "group_id": g, "req_method": "GET", "req_uri": "/items", "match_mode": "SWA"})

	h.fails(412, codeGroupHasAPIs, "DELETE", "/api-groups/"+g, nil)
	h.publish(id, ReleaseEnvID)
	h.fails(409, codeAPIPublished, "DELETE", "/apis/"+id, nil)
	batch := h.must(200, "POST", "/apis/publish?action=offline", map[string]any{"env_id": ReleaseEnvID, "apis": []string{id, "nope"}})
	if len(batch["success"].([]any)) != 1 || len(batch["failure"].([]any)) != 1 {
		t.Errorf("batch offline = %v", batch)
	}
	h.fails(400, codeInvalid, "POST", "/apis/publish?action=sideways", map[string]any{"env_id": ReleaseEnvID, "apis": []string{id}})
	h.fails(404, codeEnvNotFound, "POST", "/apis/action", map[string]any{"action": "online", "api_id": id, "env_id": "nope"})
	h.fails(404, codeAPINotFound, "POST", "/apis/action", map[string]any{"action": "online", "api_id": "nope", "env_id": ReleaseEnvID})
	h.fails(400, codeInvalid, "POST", "/apis/action", map[string]any{"action": "up", "api_id": id, "env_id": ReleaseEnvID})
	h.fails(404, codePublishNotFound, "POST", "/apis/action", map[string]any{"action": "offline", "api_id": id, "env_id": ReleaseEnvID})
	whole := h.must(200, "POST", "/apis/publish?action=online", map[string]any{"env_id": ReleaseEnvID, "group_id": g})
	if len(whole["success"].([]any)) != 4 {
		t.Errorf("publish group = %v", whole)
	}
	h.must(200, "POST", "/apis/publish?action=offline", map[string]any{"env_id": ReleaseEnvID, "group_id": g})
	h.must(204, "DELETE", "/apis/"+id, nil)
}

func TestPoliciesAndPlugins(t *testing.T) {
	h := newHarness(t)
	g := h.group("policy_group")
	api := h.api(mockAPI(g, "guarded", "GET", "/g", "NORMAL", "x"))
	pub := str(h.publish(api, ReleaseEnvID)["publish_id"])

	th := h.must(201, "POST", "/throttles", map[string]any{"name": "per_second", "api_call_limits": 100, "time_interval": 1, "time_unit": "SECOND"})
	tid := str(th["id"])
	h.fails(400, codeThrottleNameTaken, "POST", "/throttles", map[string]any{"name": "per_second", "api_call_limits": 1, "time_interval": 1, "time_unit": "SECOND"})
	h.fails(400, codeInvalid, "POST", "/throttles", map[string]any{"name": "bad_unit", "api_call_limits": 1, "time_interval": 1, "time_unit": "WEEK"})
	h.fails(400, codeInvalid, "POST", "/throttles", map[string]any{"name": "bad_user", "api_call_limits": 1, "user_call_limits": 5, "time_interval": 1, "time_unit": "SECOND"})
	bind := h.must(201, "POST", "/throttle-bindings", map[string]any{"strategy_id": tid, "publish_ids": []string{pub}})
	bid := str(bind["throttle_applys"].([]any)[0].(map[string]any)["id"])
	if b := h.must(200, "GET", "/throttles/"+tid, nil); b["bind_num"] != 1.0 {
		t.Errorf("bind_num = %v", b["bind_num"])
	}
	th2 := str(h.must(201, "POST", "/throttles", map[string]any{"name": "per_minute", "api_call_limits": 100, "time_interval": 1, "time_unit": "MINUTE"})["id"])
	h.fails(400, codeInvalid, "POST", "/throttle-bindings", map[string]any{"strategy_id": th2, "publish_ids": []string{pub}})
	h.fails(404, codePublishNotFound, "POST", "/throttle-bindings", map[string]any{"strategy_id": th2, "publish_ids": []string{"nope"}})
	if b := h.must(200, "GET", "/throttle-bindings/binded-apis?throttle_id="+tid, nil); b["total"] != 1.0 {
		t.Errorf("binded-apis = %v", b)
	}
	if b := h.must(200, "GET", "/throttle-bindings/binded-throttles?api_id="+api, nil); b["total"] != 1.0 {
		t.Errorf("binded-throttles = %v", b)
	}
	h.fails(403, codeThrottleBound, "DELETE", "/throttles/"+tid, nil)
	h.must(204, "DELETE", "/throttle-bindings/"+bid, nil)
	h.fails(404, codeThrottleBndNotFound, "DELETE", "/throttle-bindings/"+bid, nil)
	h.must(204, "DELETE", "/throttles/"+tid, nil)
	h.fails(404, codeThrottleNotFound, "DELETE", "/throttles/"+tid, nil)

	acl := h.must(201, "POST", "/acls", map[string]any{"acl_name": "office_only", "acl_type": "PERMIT", "entity_type": "IP", "acl_value": "10.0.0.0/8,192.168.1.1"})
	aid := str(acl["id"])
	h.fails(400, codeACLNameTaken, "POST", "/acls", map[string]any{"acl_name": "office_only", "acl_type": "DENY", "entity_type": "IP", "acl_value": "1.2.3.4"})
	h.fails(400, codeInvalid, "POST", "/acls", map[string]any{"acl_name": "bad_ip", "acl_type": "DENY", "entity_type": "IP", "acl_value": "1.2.3"})
	ab := h.must(201, "POST", "/acl-bindings", map[string]any{"acl_id": aid, "publish_ids": []string{pub}})
	abid := str(ab["acl_bindings"].([]any)[0].(map[string]any)["id"])
	if b := h.must(200, "GET", "/acl-bindings/binded-acls?api_id="+api, nil); b["total"] != 1.0 {
		t.Errorf("binded-acls = %v", b)
	}
	h.fails(403, codeACLBound, "DELETE", "/acls/"+aid, nil)
	res := h.must(200, "PUT", "/acl-bindings?action=delete", map[string]any{"acl_bindings": []string{abid, "nope"}})
	if res["success_count"] != 1.0 || len(res["failure"].([]any)) != 1 {
		t.Errorf("batch unbind = %v", res)
	}
	h.must(204, "DELETE", "/acls/"+aid, nil)
	h.fails(404, codeACLNotFound, "GET", "/acls/"+aid, nil)

	cors := `{"allow_origin":"*","allow_methods":"GET,POST","max_age":86400}`
	pl := h.must(201, "POST", "/plugins", map[string]any{"plugin_name": "cors_all", "plugin_type": "cors", "plugin_scope": "global", "plugin_content": cors})
	plid := str(pl["plugin_id"])
	h.fails(400, codePluginNameTaken, "POST", "/plugins", map[string]any{"plugin_name": "cors_all", "plugin_type": "cors", "plugin_scope": "global", "plugin_content": cors})
	h.fails(400, codeInvalid, "POST", "/plugins", map[string]any{"plugin_name": "cors_bad", "plugin_type": "cors", "plugin_scope": "global", "plugin_content": "{"})
	unpublished := h.api(mockAPI(g, "not_out", "GET", "/n", "NORMAL", "x"))
	h.fails(409, codePluginNeedsOnline, "POST", "/plugins/"+plid+"/attach", map[string]any{"env_id": ReleaseEnvID, "api_ids": []string{unpublished}})
	att := h.must(201, "POST", "/plugins/"+plid+"/attach", map[string]any{"env_id": ReleaseEnvID, "api_ids": []string{api}})
	if len(att["attached_plugins"].([]any)) != 1 {
		t.Errorf("attach = %v", att)
	}
	cors2 := str(h.must(201, "POST", "/plugins", map[string]any{"plugin_name": "cors_two", "plugin_type": "cors", "plugin_scope": "global", "plugin_content": cors})["plugin_id"])
	h.must(201, "POST", "/apis/"+api+"/plugins/attach", map[string]any{"env_id": ReleaseEnvID, "plugin_ids": []string{cors2}})
	if b := h.must(200, "GET", "/apis/"+api+"/attached-plugins", nil); b["total"] != 1.0 || b["plugins"].([]any)[0].(map[string]any)["plugin_id"] != cors2 {
		t.Errorf("a second CORS plugin must replace the first: %v", b)
	}
	h.fails(409, codePluginBound, "DELETE", "/plugins/"+cors2, nil)
	h.must(204, "PUT", "/apis/"+api+"/plugins/detach", map[string]any{"env_id": ReleaseEnvID, "plugin_ids": []string{cors2}})
	h.must(204, "DELETE", "/plugins/"+cors2, nil)
	h.fails(404, codePluginNotFound, "GET", "/plugins/"+cors2, nil)
}

func TestDomainsAndCertificates(t *testing.T) {
	h := newHarness(t)
	g := h.group("domain_group")
	d := h.must(201, "POST", "/api-groups/"+g+"/domains", map[string]any{"url_domain": "api.example.com"})
	did := str(d["id"])
	if d["url_domain"] != "api.example.com" || d["min_ssl_version"] != "TLSv1.1" {
		t.Errorf("bound domain = %v", d)
	}
	h.fails(400, codeDomainExists, "POST", "/api-groups/"+g+"/domains", map[string]any{"url_domain": "api.example.com"})
	h.fails(400, "APIG.2024", "POST", "/api-groups/"+g+"/domains", map[string]any{"url_domain": "not a domain"})
	redirect := map[string]any{"min_ssl_version": "TLSv1.2", "is_http_redirect_to_https": true}
	h.fails(400, codeInvalid, "PUT", "/api-groups/"+g+"/domains/"+did, redirect)
	h.fails(400, codeMissing, "PUT", "/api-groups/"+g+"/domains/"+did, map[string]any{"is_http_redirect_to_https": false})
	cert, key := selfSigned(t, "api.example.com")
	h.fails(400, "APIG.2103", "POST", "/api-groups/"+g+"/domains/"+did+"/certificate", certFor(t, "other.example.org"))
	c := h.must(201, "POST", "/api-groups/"+g+"/domains/"+did+"/certificate", map[string]any{"name": "api_cert", "cert_content": cert, "private_key": key})
	if b := h.must(201, "PUT", "/api-groups/"+g+"/domains/"+did, redirect); b["is_http_redirect_to_https"] != true {
		t.Errorf("redirect = %v", b)
	}
	grp := h.must(200, "GET", "/api-groups/"+g, nil)
	dom := grp["url_domains"].([]any)[0].(map[string]any)
	info, _ := dom["ssl_infos"].([]any)
	if dom["ssl_id"] != c["ssl_id"] || len(info) != 1 || info[0].(map[string]any)["ssl_id"] != c["ssl_id"] || info[0].(map[string]any)["type"] != 1.0 {
		t.Errorf("group's domain = %v", dom)
	}
	if _, ok := dom["is_http_redirect_to_https"]; ok {
		t.Errorf("a group's domain (UrlDomain) says whether it redirects: %v", dom)
	}
	// Whether a domain redirects is read from its certificate's domains.
	certs := "/v2/" + h.srv.ProjectID() + "/apigw/certificates/" + str(c["ssl_id"]) + "/attached-domains"
	bound := h.must(200, "GET", certs+"?url_domain=api.example.com", nil)
	if bd, _ := bound["bound_domains"].([]any); bound["total"] != 1.0 || len(bd) != 1 || bd[0].(map[string]any)["is_http_redirect_to_https"] != true ||
		bd[0].(map[string]any)["api_group_id"] != g {
		t.Errorf("the certificate's domains = %v", bound)
	}
	if b := h.must(200, "GET", certs+"?url_domain=other.example.com", nil); b["total"] != 0.0 {
		t.Errorf("url_domain filters the certificate's domains: %v", b)
	}
	h.fails(404, codeCertNotFound, "GET", "/v2/"+h.srv.ProjectID()+"/apigw/certificates/nope/attached-domains", nil)
	other := h.group("domain_other")
	h.fails(400, codeDomainNotInGroup, "PUT", "/api-groups/"+other+"/domains/"+did, redirect)
	h.fails(404, codeDomainNotFound, "DELETE", "/api-groups/"+g+"/domains/nope", nil)
	h.must(204, "DELETE", "/api-groups/"+g+"/domains/"+did+"/certificate/"+str(c["ssl_id"]), nil)
	h.must(204, "DELETE", "/api-groups/"+g+"/domains/"+did, nil)
	h.must(204, "PUT", "/api-groups/"+g+"/sl-domain-access-settings", map[string]any{"sl_domain_access_enabled": false})
	for i := range 5 {
		h.must(201, "POST", "/api-groups/"+g+"/domains", map[string]any{"url_domain": fmt.Sprintf("d%d.example.com", i)})
	}
	h.fails(403, codeDomainQuota, "POST", "/api-groups/"+g+"/domains", map[string]any{"url_domain": "d5.example.com"})
	h.must(204, "DELETE", "/api-groups/"+g, nil)
}

func certFor(t *testing.T, host string) map[string]any {
	cert, key := selfSigned(t, host)
	return map[string]any{"name": "wrong_cert", "cert_content": cert, "private_key": key}
}

func selfSigned(t *testing.T, host string) (string, string) {
	t.Helper()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: host}, DNSNames: []string{host},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(k)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}))
}

func TestAuthAndScope(t *testing.T) {
	h := newHarness(t)
	h.must(200, "GET", h.base(), nil)
	if b := h.must(200, "GET", "/v2/"+h.srv.ProjectID()+"/apigw/instances", nil); b["total"] != 1.0 {
		t.Errorf("instances = %v", b)
	}
	h.fails(404, codeInstanceNotFound, "GET", "/v2/"+h.srv.ProjectID()+"/apigw/instances/nope/api-groups", nil)
	h.fails(403, codeNoPermission, "GET", "/v2/otherproject/apigw/instances/"+h.srv.InstanceID()+"/api-groups", nil)
	h.fails(404, codeUnknownOperation, "GET", "/nothing/here", nil)

	unsigned, _ := http.NewRequest("GET", h.ctl.URL+h.base()+"/api-groups", nil)
	if r := send(t, unsigned); r.status != 401 || r.body["error_code"] != codeBadToken {
		t.Errorf("unsigned = %d %s", r.status, r.raw)
	}
	stale, _ := http.NewRequest("GET", h.ctl.URL+h.base()+"/api-groups", nil)
	sdkhmac.Sign(stale, nil, testAK, testSK, time.Now().Add(-20*time.Minute))
	if r := send(t, stale); r.status != 401 || r.body["error_code"] != codeExpired {
		t.Errorf("stale = %d %s", r.status, r.raw)
	}
	wrongProject, _ := http.NewRequest("GET", h.ctl.URL+h.base()+"/api-groups", nil)
	wrongProject.Header.Set(sdkhmac.HeaderProjectID, "another")
	sdkhmac.Sign(wrongProject, nil, testAK, testSK, time.Now())
	if r := send(t, wrongProject); r.status != 403 || r.body["error_code"] != codeNoPermission {
		t.Errorf("X-Project-Id mismatch = %d %s", r.status, r.raw)
	}
}

func TestFaults(t *testing.T) {
	srv, err := New(Config{AccessKeys: map[string]string{testAK: testSK}, Seed: 3,
		Faults: Faults{ErrorRate: 0.5, ThrottleRate: 0.2}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	h := &harness{t: t, srv: srv, ctl: httptestServer(t, srv)}
	seen := map[int]int{}
	for i := range 40 {
		r := h.do("POST", "/api-groups", map[string]any{"name": fmt.Sprintf("fault_%02d", i)})
		seen[r.status]++
		if r.status == 429 && (r.header.Get("Retry-After") == "" || r.body["error_code"] != codeThrottled) {
			t.Errorf("429: %s (Retry-After %q)", r.raw, r.header.Get("Retry-After"))
		}
		if r.status == 500 && r.body["error_code"] != codeSystemError {
			t.Errorf("500: %s", r.raw)
		}
	}
	if seen[500] == 0 || seen[429] == 0 || seen[201] == 0 {
		t.Fatalf("statuses = %v, want some 201, 429 and 500", seen)
	}
	if len(srv.groups) != seen[201] {
		t.Errorf("%d groups made, %d calls answered 201", len(srv.groups), seen[201])
	}
}
