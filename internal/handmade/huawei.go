package handmade

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"time"

	"github.com/gwsync/gwsync/provider/huawei"
)

// HuaweiConsole makes calls to one Huawei Cloud APIG instance, as a person
// at the Huawei console does: raw API calls, no ownership markers (but
// where it stands for another desired state), defaults left to the API.
type HuaweiConsole struct {
	c        *huawei.Client
	instance string
}

// NewHuawei returns a console for the instance.
func NewHuawei(c *huawei.Client, instanceID string) *HuaweiConsole {
	return &HuaweiConsole{c: c, instance: instanceID}
}

// hwSteps runs calls in order until one fails.
type hwSteps struct {
	k   *HuaweiConsole
	ctx context.Context
	err error
}

// call makes one call and returns the string field of its answer ("" for
// none).
func (s *hwSteps) call(op, method, path string, params map[string]string, body any, field string) string {
	if s.err != nil {
		return ""
	}
	p := map[string]string{"instance_id": s.k.instance}
	for k, v := range params {
		p[k] = v
	}
	data, err := s.k.c.Call(s.ctx, huawei.Request{Op: op, Method: method, Path: path, Params: p, Body: body})
	if err != nil {
		s.err = fmt.Errorf("%s: %w", op, err)
		return ""
	}
	if field == "" {
		return ""
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		s.err = fmt.Errorf("%s: %w", op, err)
		return ""
	}
	return fmt.Sprint(m[field])
}

// api creates an API, public unless body says otherwise (the console's
// default).
func (s *hwSteps) api(body map[string]any) string {
	if body["type"] == nil {
		body["type"] = 1
	}
	return s.call("CreateApiV2", "POST", "/apis", nil, body, "id")
}

// publish puts an API online in an environment and returns the publish_id.
func (s *hwSteps) publish(api, env string) string {
	return s.call("CreateOrDeletePublishRecordForApiV2", "POST", "/apis/action", nil,
		map[string]string{"action": "online", "api_id": api, "env_id": env}, "publish_id")
}

// ReleaseEnvID is the ID every APIG instance gives RELEASE.
const ReleaseEnvID = "DEFAULT_ENVIRONMENT_RELEASE_ID"

// Shop builds an instance by hand: environment TEST; group shop with a
// domain bound to a certificate and redirecting HTTP to HTTPS, a variable
// in RELEASE and TEST, a web API published to both, a mock API with a
// path parameter and a mock policy backend published to RELEASE, a
// FunctionGraph API never published; group grpc with a gRPC API behind a
// VPC channel; a throttle, an ACL and a CORS plugin bound to published
// APIs. Some of it gwsync made earlier, for its default owner: group grpc,
// its API and the throttle carry the marker [gwsync] in their remarks. It
// also makes what another desired state (owner payments) made: an API in
// group shop and a plugin bound to it, marked [gwsync:payments].
func (k *HuaweiConsole) Shop(ctx context.Context) error {
	s := &hwSteps{k: k, ctx: ctx}
	test := s.call("CreateEnvironmentV2", "POST", "/envs", nil, map[string]string{"name": "TEST", "remark": "integration tests"}, "id")
	shop := s.call("CreateApiGroupV2", "POST", "/api-groups", nil, map[string]string{"name": "shop", "remark": "shop APIs"}, "id")
	grpc := s.call("CreateApiGroupV2", "POST", "/api-groups", nil, map[string]string{"name": "grpc", "remark": "[gwsync]"}, "id")
	for env, addr := range map[string]string{ReleaseEnvID: "10.0.0.1:8080", test: "10.0.0.2:8080"} {
		s.call("CreateEnvironmentVariableV2", "POST", "/env-variables", nil,
			map[string]string{"group_id": shop, "env_id": env, "variable_name": "shop_backend", "variable_value": addr}, "")
	}
	s.domain(shop, "api.shop.example.com", "shop_example_com")

	items := s.api(map[string]any{"group_id": shop, "name": "list_items", "type": 1, "req_protocol": "HTTPS", "req_method": "GET",
		"req_uri": "/items", "auth_type": "NONE", "backend_type": "HTTP", "remark": "lists the items", "tags": []string{"shop"},
		"req_params": []any{map[string]any{"name": "page", "type": "NUMBER", "location": "QUERY", "required": 2, "min_num": 1}},
		"backend_api": map[string]any{"url_domain": "#shop_backend#", "req_protocol": "HTTP", "req_method": "GET", "req_uri": "/items",
			"timeout": 5000, "retry_count": "2"},
		"backend_params": []any{map[string]any{"name": "page", "value": "page", "location": "QUERY", "origin": "REQUEST"},
			map[string]any{"name": "X-App", "value": "$context.appId", "location": "HEADER", "origin": "SYSTEM"}}})
	itemsRelease, itemsTest := s.publish(items, ReleaseEnvID), s.publish(items, test)
	item := s.api(map[string]any{"group_id": shop, "name": "item_by_id", "req_protocol": "HTTPS", "req_method": "GET",
		"req_uri": "/items/{id}", "auth_type": "APP", "backend_type": "MOCK", "cors": true,
		"req_params": []any{map[string]any{"name": "id", "type": "STRING", "location": "PATH"}},
		"mock_info":  map[string]any{"result_content": "an item", "status_code": 200},
		"policy_mocks": []any{map[string]any{"name": "office_mock", "effect_mode": "ANY", "result_content": "an office item",
			"conditions": []any{map[string]any{"condition_origin": "source", "condition_value": "10.1.0.0/16"}}}}})
	s.publish(item, ReleaseEnvID)
	s.api(map[string]any{"group_id": shop, "name": "draft_report", "req_protocol": "BOTH", "req_method": "POST",
		"req_uri": "/reports", "match_mode": "SWA", "auth_type": "IAM", "backend_type": "FUNCTION",
		"func_info": map[string]any{"function_urn": "urn:fss:cn-north-4:p1:function:default:report", "invocation_type": "async",
			"network_type": "V2", "timeout": 30000, "version": "latest"}})
	rpc := s.api(map[string]any{"group_id": grpc, "name": "rpc", "req_protocol": "GRPCS", "req_method": "POST", "req_uri": "/shop.Items",
		"remark": "made by gwsync [gwsync]", "auth_type": "APP", "backend_type": "GRPC", "auth_opt": map[string]any{"app_code_auth_type": "HEADER"},
		"backend_api": map[string]any{"req_protocol": "GRPCS", "req_method": "POST", "req_uri": "/", "timeout": 3000,
			"vpc_channel_status": 1, "vpc_channel_info": map[string]any{"vpc_channel_id": "vpc-0123456789abcdef"}}})
	s.publish(rpc, ReleaseEnvID)
	payments := s.api(map[string]any{"group_id": shop, "name": "payments", "req_protocol": "HTTPS", "req_method": "POST",
		"req_uri": "/payments", "auth_type": "IAM", "backend_type": "MOCK", "remark": "made by payments [gwsync:payments]",
		"mock_info": map[string]any{"result_content": "paid"}})
	s.publish(payments, ReleaseEnvID)

	throttle := s.call("CreateRequestThrottlingPolicyV2", "POST", "/throttles", nil, map[string]any{"name": "shop_throttle",
		"api_call_limits": 100, "ip_call_limits": 10, "time_interval": 1, "time_unit": "SECOND", "remark": "100 a second [gwsync]"}, "id")
	s.call("AssociateRequestThrottlingPolicyV2", "POST", "/throttle-bindings", nil,
		map[string]any{"strategy_id": throttle, "publish_ids": []string{itemsRelease, itemsTest}}, "")
	acl := s.call("CreateAclStrategyV2", "POST", "/acls", nil, map[string]any{"acl_name": "shop_blocklist", "acl_type": "DENY",
		"entity_type": "IP", "acl_value": "203.0.113.0/24,198.51.100.7"}, "id")
	s.call("CreateApiAclBindingV2", "POST", "/acl-bindings", nil, map[string]any{"acl_id": acl, "publish_ids": []string{itemsRelease}}, "")
	cors := s.call("CreatePlugin", "POST", "/plugins", nil, map[string]any{"plugin_name": "shop_cors", "plugin_type": "cors",
		"plugin_scope": "global", "plugin_content": `{"allow_origin":"https://shop.example.com","allow_methods":"GET,HEAD","max_age":3600,"allow_credentials":false}`}, "plugin_id")
	s.call("AttachApiToPlugin", "POST", "/plugins/{plugin_id}/attach", map[string]string{"plugin_id": cors},
		map[string]any{"env_id": ReleaseEnvID, "api_ids": []string{item}}, "")
	headers := s.call("CreatePlugin", "POST", "/plugins", nil, map[string]any{"plugin_name": "payments_headers", "plugin_type": "set_resp_headers",
		"plugin_scope": "global", "remark": "[gwsync:payments]", "plugin_content": `{"response_headers":[{"name":"X-Paid","value":"yes","action":"override"}]}`}, "plugin_id")
	s.call("AttachApiToPlugin", "POST", "/plugins/{plugin_id}/attach", map[string]string{"plugin_id": headers},
		map[string]any{"env_id": ReleaseEnvID, "api_ids": []string{payments}}, "")
	return s.err
}

// domain binds a domain to a group, a self-signed certificate named cert
// to the domain, and turns on the HTTP-to-HTTPS redirect.
func (s *hwSteps) domain(group, domain, cert string) {
	did := s.call("AssociateDomainV2", "POST", "/api-groups/{group_id}/domains", map[string]string{"group_id": group},
		map[string]any{"url_domain": domain, "min_ssl_version": "TLSv1.2"}, "id")
	if s.err != nil {
		return
	}
	crt, key, err := selfSigned(domain)
	if err != nil {
		s.err = err
		return
	}
	params := map[string]string{"group_id": group, "domain_id": did}
	s.call("AssociateCertificateV2", "POST", "/api-groups/{group_id}/domains/{domain_id}/certificate", params,
		map[string]string{"name": cert, "cert_content": crt, "private_key": key}, "")
	s.call("UpdateDomainV2", "PUT", "/api-groups/{group_id}/domains/{domain_id}", params,
		map[string]any{"min_ssl_version": "TLSv1.2", "is_http_redirect_to_https": true}, "")
}

// selfSigned makes a PEM certificate and key for domain, valid for a day.
func selfSigned(domain string) (crt, key string, err error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", "", err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: domain}, DNSNames: []string{domain},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		return "", "", err
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		return "", "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})), nil
}
