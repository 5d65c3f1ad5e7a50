package schema

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// fastCases are desired states (JSON) on which the fast validator must give
// the general validator's verdicts, pointers and messages.
var fastCases = map[string]string{
	"valid": `{"gateway": {"provider": "aliyun", "id": "gw-1"}, "environments": {"prod": {}},
		"services": {"s": {"sourceType": "DNS", "addresses": ["s:80"], "ports": [{"port": 80}]}},
		"domains": {"d.example.com": {"protocol": "HTTPS", "certIdentifier": "1-cn"}},
		"policies": {"t": {"className": "Timeout", "config": {"unitNum": 1}}},
		"httpApis": {"a": {"basePath": "/v1", "routes": {"r": {"environment": "prod", "domains": ["d.example.com"],
			"match": {"path": {"type": "Prefix", "value": "/x"}, "methods": ["GET"], "headers": [{"name": "h", "type": "Exact", "value": "1"}]},
			"backend": {"scene": "MultiServiceByRatio", "services": [{"service": "s", "port": 80, "weight": 100}]}}}}}}`,
	"missing gateway":   `{}`,
	"top is a list":     `[1]`,
	"unknown top field": `{"gateway": {"provider": "local"}, "route": {}}`,
	"bad enum":          `{"gateway": {"provider": "aws"}}`,
	"empty id":          `{"gateway": {"provider": "aliyun", "id": ""}}`,
	"env id pattern":    `{"gateway": {"provider": "local"}, "environments": {"prod": {"id": "prod-1"}}}`,
	"wrong types":       `{"gateway": {"provider": "local"}, "services": {"s": {"sourceType": "DNS", "addresses": "s:80", "ports": [{"port": "80"}]}}}`,
	"port bounds":       `{"gateway": {"provider": "local"}, "services": {"s": {"sourceType": "DNS", "ports": [{"port": 0}, {"port": 70000}, {"port": 1.5}]}}}`,
	"health interval":   `{"gateway": {"provider": "local"}, "services": {"s": {"sourceType": "DNS", "healthCheck": {"enable": true, "interval": 0}}}}`,
	"route missing":     `{"gateway": {"provider": "local"}, "httpApis": {"a": {"routes": {"r": {"environment": "prod"}}}}}`,
	"route details":     `{"gateway": {"provider": "local"}, "httpApis": {"a": {"basePath": "v1", "routes": {"r": {"match": {"path": {"type": "Glob", "value": ""}, "methods": ["FETCH"]}, "backend": {"scene": "Single", "services": [{"service": "s", "weight": 101}]}, "extra": 1}}}}}`,
	"config not object": `{"gateway": {"provider": "local"}, "policies": {"p": {"className": "Timeout", "config": 3}}}`,
	"huawei valid": `{"gateway": {"provider": "huawei", "id": "i", "projectId": "p"}, "environments": {"RELEASE": {}},
		"groups": {"g": {"domains": {"a.example.com": {"certificate": "c", "is_http_redirect_to_https": true}}, "variables": {"RELEASE": {"h": "x:80"}},
			"apis": {"a": {"req_method": "GET", "req_uri": "/a", "auth_type": "NONE", "backend_type": "MOCK", "mock_info": {"result_content": "ok"}, "publish": ["RELEASE"]}}}},
		"throttles": {"t": {"api_call_limits": 1, "time_interval": 1, "time_unit": "SECOND", "bind": [{"api": "a", "env": "RELEASE"}]}},
		"plugins": {"c": {"plugin_type": "cors", "plugin_content": {"allow_origin": "*"}}}}`,
	"huawei details": `{"gateway": {"provider": "huawei", "zone": "z"}, "services": {},
		"groups": {"g": {"apis": {"a": {"req_method": "FETCH", "auth_type": "NONE", "backend_type": "MOCK", "backend_api": {"timeout": 0}}}}},
		"acls": {"l": {"acl_type": "DENY", "entity_type": "IP", "acl_value": "1.2.3.4"}}}`,
	"aliyun with huawei fields": `{"gateway": {"provider": "aliyun", "projectId": "p"}, "groups": {}}`,
	"no provider":               `{"gateway": {"id": "i"}, "groups": {}}`,
	"probe expectations": `{"gateway": {"provider": "local"}, "probes": {"p": {"request": {"method": "OPTIONS", "domain": "d", "path": "/",
		"scheme": "https", "origin": "https://a.example", "accessControlRequestMethod": "PUT"},
		"expect": {"status": 200, "headers": {"A": "*", "B": true, "C": false}, "location": "https://d/"}}}}`,
	"bad probe expectations": `{"gateway": {"provider": "local"}, "probes": {"p": {"request": {"method": "GET", "domain": "d", "path": "/",
		"scheme": "ftp", "origin": "", "accessControlRequestMethod": "FETCH"},
		"expect": {"status": 200, "headers": {"A": 3, "B": null, "C": ["x"]}, "location": ""}}}}`,
}

func TestFastValidatorAgrees(t *testing.T) {
	fast, err := DesiredValidator()
	if err != nil {
		t.Fatal(err)
	}
	general, err := Desired()
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range fastCases {
		t.Run(name, func(t *testing.T) {
			var doc any
			if err := json.Unmarshal([]byte(src), &doc); err != nil {
				t.Fatal(err)
			}
			got, want := render(fast.Check(ints(doc))), render(Check(general, doc))
			if !slices.Equal(got, want) {
				t.Errorf("fast validator:\n  %s\ngeneral validator:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			if name == "valid" && len(got) > 0 {
				t.Errorf("valid document rejected: %v", got)
			}
		})
	}
}

// ints turns whole JSON numbers into int64, as the compiler's trees hold them.
func ints(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = ints(e)
		}
	case []any:
		for i, e := range x {
			x[i] = ints(e)
		}
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
	}
	return v
}

func render(vs []Violation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Pointer + ": " + v.Message
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestFastValidatorRefusesUnknownKeywords(t *testing.T) {
	vc := &vcompiler{doc: map[string]any{}, defs: map[string]*vnode{}}
	_, err := vc.compile(map[string]any{"type": "string", "maxLength": 3.0})
	if err == nil || !strings.Contains(err.Error(), `"maxLength" is not supported`) {
		t.Fatalf("err = %v", err)
	}
}
