package compiler

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/parser"

	"github.com/gwsync/gwsync/schema"
)

// The compiler checks a desired state against the JSON Schema generated from
// schema/gateway.cue rather than unifying it with #Desired. These tests hold
// the two to the same verdict on every CUE input of the compiler's tests.

// agreementInput is one desired state written in CUE: file name → source.
type agreementInput struct {
	name  string
	files map[string]string
}

// gw is the smallest valid gateway block, for the cases below.
const gw = "gateway: provider: \"aliyun\"\n"

// route wraps route fields into a desired state with one route.
func route(fields string) string {
	return gw + "httpApis: a: routes: r: {\n" + fields + "}\n"
}

// service wraps service fields into a desired state with one service.
func service(fields string) string {
	return gw + "services: s: {\n" + fields + "}\n"
}

// agreementCases are inputs written for this test: valid ones, schema
// violations of every kind the schema has, and CUE's own forms (defaults,
// bytes, floats, optional and required markers, definitions, hidden fields,
// comprehensions) where a JSON Schema check could drift from CUE.
var agreementCases = map[string]string{
	// Valid.
	"minimal":                  "gateway: provider: \"local\"\n",
	"gateway id and region":    "gateway: {provider: \"huawei\", id: \"gw-1\", region: \"cn-north-4\"}\n",
	"environment with id":      gw + "environments: prod: {id: \"env-123\", alias: \"p\", description: \"d\"}\n",
	"service with ports":       service("\tsourceType: \"K8S\"\n\tnamespace: \"ns\"\n\tports: [{name: \"http\", port: 8080, protocol: \"HTTP\"}]\n\tprotocol: \"GRPC\"\n"),
	"service with healthCheck": service("\tsourceType: \"DNS\"\n\thealthCheck: {enable: true, protocol: \"HTTP\", httpPath: \"/h\", expectedStatuses: [200, 204], interval: 5}\n"),
	"https domain with tls":    gw + "domains: \"a.example.com\": {protocol: \"HTTPS\", certIdentifier: \"1-cn\", tlsMin: \"TLS1.2\", tlsMax: \"TLS1.3\", http2Option: \"Open\", mTLSEnabled: false}\n",
	"route with conditions": route(okRoute + "\tmatch: headers: [{name: \"x-v\", type: \"Exact\", value: \"2\"}]\n" +
		"\tmatch: queryParams: [{name: \"q\", type: \"Regex\", value: \"^a\"}]\n\tmatch: ignoreUriCase: true\n"),
	"ratio backend": route("\tmatch: path: {type: \"Exact\", value: \"/x\"}\n" +
		"\tbackend: {scene: \"MultiServiceByRatio\", services: [{service: \"a\", weight: 30}, {service: \"b\", weight: 70, port: 0}]}\n"),
	"api with basePath":        gw + "httpApis: a: {basePath: \"/v1\", protocols: [\"HTTPS\"], policies: [\"p\"]}\n",
	"policy without config":    gw + "policies: p: className: \"Waf\"\n",
	"policy config any shape":  gw + "policies: p: {className: \"Cors\", config: {a: [1, 2.5, {b: null}], c: 'bytes'}}\n",
	"definitions and hidden":   gw + "#route: {match: path: {type: \"Prefix\", value: \"/\"}, backend: scene: \"Mock\"}\n_x: 1\nhttpApis: a: routes: r: #route\n",
	"expressions":              "gateway: {provider: \"aliyun\", region: \"cn\" + \"-hangzhou\"}\n",
	"pattern constraint":       gw + "environments: [string]: alias: \"x\"\nenvironments: prod: {}\n",
	"comprehension and let":    gw + "let names = [\"a\", \"b\"]\nhttpApis: api: routes: {for n in names {(n): {\n" + okRoute + "}}}\n",
	"optional unknown field":   gw + "routes?: {}\n",
	"optional field bad value": gw + "gateway: id?: 5\n",
	"CUE default":              "gateway: provider: *\"aliyun\" | \"huawei\"\n",
	"CUE default in route":     route("\tenvironment: *\"prod\" | string\n" + okRoute),
	"probe with every field":   gw + "probes: p: {request: {method: \"GET\", domain: \"a.example.com\", path: \"/o\", headers: {X: \"1\"}, query: {q: \"2\"}}, source: \"10.0.0.1\", expect: status: 200}\n",
	// Deliberately not here: `gateway: provider?: "aliyun"`. CUE lets the
	// schema's required field turn the optional one into data; gwsync reads
	// a desired state's own regular fields, so a field marked optional is
	// not written, and gwsync reports it missing.

	// Invalid.
	"top level is a list":           "[1]\n",
	"no gateway":                    "environments: prod: {}\n",
	"provider not in enum":          "gateway: provider: \"aws\"\n",
	"empty gateway id":              "gateway: {provider: \"aliyun\", id: \"\"}\n",
	"environment id pattern":        gw + "environments: prod: id: \"prod-1\"\n",
	"service without type":          service("\taddresses: [\"a:80\"]\n"),
	"service port 0":                service("\tsourceType: \"VIP\"\n\tports: [{port: 0}]\n"),
	"healthCheck interval 0":        service("\tsourceType: \"DNS\"\n\thealthCheck: {enable: true, interval: 0}\n"),
	"healthCheck without enable":    service("\tsourceType: \"DNS\"\n\thealthCheck: {protocol: \"TCP\"}\n"),
	"backend port 65536":            route("\tmatch: path: {type: \"Prefix\", value: \"/\"}\n\tbackend: {scene: \"SingleService\", services: [{service: \"s\", port: 65536}]}\n"),
	"backend weight 101":            route("\tmatch: path: {type: \"Prefix\", value: \"/\"}\n\tbackend: {scene: \"MultiServiceByRatio\", services: [{service: \"s\", weight: 101}]}\n"),
	"backend weight 50.5":           route("\tmatch: path: {type: \"Prefix\", value: \"/\"}\n\tbackend: {scene: \"MultiServiceByRatio\", services: [{service: \"s\", weight: 50.5}]}\n"),
	"backend service empty":         route("\tmatch: path: {type: \"Prefix\", value: \"/\"}\n\tbackend: {scene: \"SingleService\", services: [{service: \"\"}]}\n"),
	"method not in enum":            route(okRoute + "\tmatch: methods: [\"FETCH\"]\n"),
	"condition without value":       route(okRoute + "\tmatch: headers: [{name: \"x\", type: \"Exact\"}]\n"),
	"condition empty name":          route(okRoute + "\tmatch: queryParams: [{name: \"\", type: \"Exact\", value: \"v\"}]\n"),
	"empty path value":              route("\tmatch: path: {type: \"Prefix\", value: \"\"}\n\tbackend: scene: \"Mock\"\n"),
	"unknown field in path":         route("\tmatch: path: {type: \"Prefix\", value: \"/\", regex: true}\n\tbackend: scene: \"Mock\"\n"),
	"route without match":           route("\tbackend: scene: \"Mock\"\n"),
	"route domains not a list":      route(okRoute + "\tdomains: \"a.example.com\"\n"),
	"routes as a list":              gw + "httpApis: a: routes: [{name: \"r\"}]\n",
	"domain without protocol":       gw + "domains: \"a.example.com\": forceHttps: true\n",
	"domain protocol FTP":           gw + "domains: \"a.example.com\": protocol: \"FTP\"\n",
	"tls version not in enum":       gw + "domains: \"a.example.com\": {protocol: \"HTTPS\", tlsMin: \"TLS1.4\"}\n",
	"className not in enum":         gw + "policies: p: {className: \"Throttle\", config: {}}\n",
	"config not a struct":           gw + "policies: p: {className: \"Timeout\", config: 5}\n",
	"api protocol not in enum":      gw + "httpApis: a: protocols: [\"WS\"]\n",
	"basePath without slash":        gw + "httpApis: a: basePath: \"v1\"\n",
	"description null":              gw + "httpApis: a: description: null\n",
	"required marker unmet":         gw + "gateway: region!: string\n",
	"list length conflict":          route(okRoute + "\tdomains: []\n\tdomains: [\"a\"]\n"),
	"integer written as float":      route("\tmatch: path: {type: \"Prefix\", value: \"/\"}\n\tbackend: {scene: \"SingleService\", services: [{service: \"s\", port: 80.0}]}\n"),
	"integer written with exponent": route("\tmatch: path: {type: \"Prefix\", value: \"/\"}\n\tbackend: {scene: \"MultiServiceByRatio\", services: [{service: \"s\", weight: 1e2}]}\n"),
	"status written as float":       service("\tsourceType: \"DNS\"\n\thealthCheck: {enable: true, expectedStatuses: [200.0]}\n"),
	"bytes for a string":            gw + "httpApis: a: description: 'orders'\n",
	"bytes for a pattern string":    gw + "environments: prod: id: 'env-1'\n",
	"probe path with a query":       gw + "probes: p: {request: {method: \"GET\", domain: \"a\", path: \"/o?x\"}, expect: status: 200}\n",
	"probe status 600":              gw + "probes: p: {request: {method: \"GET\", domain: \"a\", path: \"/\"}, expect: status: 600}\n",
	"probe query not a string":      gw + "probes: p: {request: {method: \"GET\", domain: \"a\", path: \"/\", query: q: 1}, expect: status: 200}\n",
	"probe without request":         gw + "probes: p: expect: status: 200\n",
}

// hw is the smallest valid Huawei gateway block.
const hw = "gateway: {provider: \"huawei\", id: \"i-1\", projectId: \"p\"}\n"

// huaweiAPI wraps API fields into a Huawei desired state with one API.
func huaweiAPI(fields string) string {
	return hw + "groups: g: apis: a: {\n" + fields + "}\n"
}

// okHuaweiAPI is the frontend and backend every Huawei API case starts
// from.
const okHuaweiAPI = "\treq_method: \"GET\"\n\treq_uri: \"/a\"\n\tauth_type: \"NONE\"\n\tbackend_type: \"MOCK\"\n"

// huaweiAgreementCases are the Huawei shape's cases, valid and invalid.
var huaweiAgreementCases = map[string]string{
	// Valid.
	"huawei minimal":        "gateway: provider: \"huawei\"\n",
	"huawei gateway":        hw,
	"huawei local gateway":  "gateway: {provider: \"huawei\", local: true}\n",
	"huawei probe":          hw + "probes: p: {request: {method: \"GET\", domain: \"a.example.com\", path: \"/a\", headers: \"X-Stage\": \"TEST\"}, expect: status: 200}\n",
	"huawei environments":   hw + "environments: {RELEASE: {}, TEST: remark: \"t\"}\n",
	"huawei group":          hw + "groups: g: {remark: \"r\", domains: \"a.example.com\": {certificate: \"c\", is_http_redirect_to_https: true, min_ssl_version: \"TLSv1.2\"}, variables: RELEASE: host: \"h:80\"}\n",
	"huawei mock api":       huaweiAPI(okHuaweiAPI + "\tmock_info: {result_content: \"ok\", status_code: 201}\n\tpublish: [\"RELEASE\"]\n"),
	"huawei http api":       huaweiAPI(okHuaweiAPI + "\tbackend_api: {req_protocol: \"HTTP\", req_method: \"ANY\", req_uri: \"/b\", url_domain: \"#host#\", timeout: 5000, retry_count: -1}\n"),
	"huawei params":         huaweiAPI(okHuaweiAPI + "\treq_params: [{name: \"id\", type: \"NUMBER\", location: \"PATH\", required: 1, min_num: 0}]\n\tbackend_params: [{name: \"x\", location: \"HEADER\", origin: \"CONSTANT\", value: \"v\"}]\n"),
	"huawei policy backend": huaweiAPI(okHuaweiAPI + "\tpolicy_functions: [{name: \"pf\", effect_mode: \"ALL\", function_urn: \"u\", invocation_type: \"async\", network_type: \"V2\", conditions: [{condition_origin: \"system\", sys_param_name: \"req_method\", condition_type: \"exact\", condition_value: \"GET\"}]}]\n"),
	"huawei policies": hw + "throttles: t: {api_call_limits: 10, time_interval: 1, time_unit: \"MINUTE\", bind: [{api: \"a\", env: \"RELEASE\"}]}\n" +
		"acls: l: {acl_type: \"PERMIT\", entity_type: \"IP\", acl_value: [\"10.0.0.1\"]}\n" +
		"plugins: p: {plugin_type: \"cors\", plugin_content: {allow_origin: \"*\", max_age: 1.5e2, x: 'b'}}\n",
	"huawei CUE default provider": "gateway: provider: *\"huawei\" | \"aliyun\"\ngroups: g: {}\n",
	// Invalid.
	"huawei unknown provider field":   "gateway: {provider: \"huawei\", zone: \"z\"}\n",
	"huawei local not a bool":         "gateway: {provider: \"huawei\", local: \"yes\"}\n",
	"huawei probe without expect":     hw + "probes: p: request: {method: \"GET\", domain: \"a.example.com\", path: \"/a\"}\n",
	"aliyun with local":               "gateway: {provider: \"aliyun\", local: true}\n",
	"huawei with aliyun resources":    hw + "services: s: sourceType: \"DNS\"\n",
	"aliyun with huawei resources":    gw + "groups: g: {}\n",
	"aliyun with projectId":           "gateway: {provider: \"aliyun\", projectId: \"p\"}\n",
	"huawei method not in enum":       huaweiAPI("\treq_method: \"FETCH\"\n\treq_uri: \"/a\"\n\tauth_type: \"NONE\"\n\tbackend_type: \"MOCK\"\n"),
	"huawei api without req_uri":      huaweiAPI("\treq_method: \"GET\"\n\tauth_type: \"NONE\"\n\tbackend_type: \"MOCK\"\n"),
	"huawei backend timeout 0":        huaweiAPI(okHuaweiAPI + "\tbackend_api: {req_protocol: \"HTTP\", req_method: \"GET\", req_uri: \"/\", timeout: 0}\n"),
	"huawei func_info without urn":    huaweiAPI(okHuaweiAPI + "\tfunc_info: {invocation_type: \"sync\", network_type: \"V1\", timeout: 1}\n"),
	"huawei required as bool":         huaweiAPI(okHuaweiAPI + "\treq_params: [{name: \"q\", type: \"STRING\", location: \"QUERY\", required: true}]\n"),
	"huawei retry_count as string":    huaweiAPI(okHuaweiAPI + "\tbackend_api: {req_protocol: \"HTTP\", req_method: \"GET\", req_uri: \"/\", timeout: 1, retry_count: \"-1\"}\n"),
	"huawei condition origin":         huaweiAPI(okHuaweiAPI + "\tpolicy_mocks: [{name: \"pm\", effect_mode: \"ANY\", conditions: [{condition_origin: \"header\", condition_value: \"v\"}]}]\n"),
	"huawei variables not strings":    hw + "groups: g: variables: RELEASE: port: 80\n",
	"huawei throttle limit 0":         hw + "throttles: t: {api_call_limits: 0, time_interval: 1, time_unit: \"SECOND\"}\n",
	"huawei acl_value a string":       hw + "acls: l: {acl_type: \"DENY\", entity_type: \"IP\", acl_value: \"10.0.0.1,10.0.0.2\"}\n",
	"huawei plugin type":              hw + "plugins: p: {plugin_type: \"waf\", plugin_content: {}}\n",
	"huawei bind without env":         hw + "plugins: p: {plugin_type: \"cors\", plugin_content: {}, bind: [{api: \"a\"}]}\n",
	"huawei integer written as float": hw + "throttles: t: {api_call_limits: 10.0, time_interval: 1, time_unit: \"SECOND\"}\n",
	"huawei domain redirect string":   hw + "groups: g: domains: \"a.example.com\": is_http_redirect_to_https: \"yes\"\n",
}

// agreementInputs collects every CUE input of the package's tests whose
// verdict is a schema question: the agreement cases, the example, the split
// test data and the CUE bad inputs that parse.
func agreementInputs(t *testing.T) []agreementInput {
	t.Helper()
	var out []agreementInput
	for _, cases := range []map[string]string{agreementCases, huaweiAgreementCases} {
		for _, name := range slices.Sorted(maps.Keys(cases)) {
			out = append(out, agreementInput{name, map[string]string{"gw.cue": cases[name]}})
		}
	}
	out = append(out,
		agreementInput{"examples/orders", map[string]string{"orders.cue": readFile(t, filepath.Join(ordersDir, "orders.cue"))}},
		agreementInput{"examples/huawei-orders", map[string]string{"orders.cue": readFile(t, filepath.Join(huaweiOrdersDir, "orders.cue"))}},
		agreementInput{"testdata/split", map[string]string{
			"gateway.cue": readFile(t, "testdata/split/gateway.cue"),
			"routes.cue":  readFile(t, "testdata/split/routes.cue"),
		}},
		agreementInput{"user-written IpAccessControl fields", map[string]string{"gw.cue": userWrittenIPFields}},
		agreementInput{"unattached IpAccessControl", map[string]string{"gw.cue": unattachedIPPolicy}},
		agreementInput{"CUE defaults", map[string]string{"gw.cue": cueDefaults}},
	)
	for _, b := range badInputs {
		if !b.load && allCUE(b.files) {
			out = append(out, agreementInput{"bad input: " + b.name, b.files})
		}
	}
	return out
}

func allCUE(files map[string]string) bool {
	for name, src := range files {
		if filepath.Ext(name) != ".cue" {
			return false
		}
		if _, err := parser.ParseFile(name, src); err != nil {
			return false
		}
	}
	return len(files) > 0
}

// cueDesired is #Desired, built from the schema package's CUE files. On
// its own it is incomplete (its shape waits for gateway.provider), so the
// schema's own errors are those of the package instance.
var cueDesired = sync.OnceValues(func() (cue.Value, error) {
	ctx := cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3))
	inst := build.NewContext().NewInstance("", nil)
	sources := schema.CUESources()
	for _, name := range slices.Sorted(maps.Keys(sources)) {
		f, err := parser.ParseFile(name, sources[name], parser.ParseComments)
		if err != nil {
			return cue.Value{}, err
		}
		if err := inst.AddSyntax(f); err != nil {
			return cue.Value{}, err
		}
	}
	v := ctx.BuildInstance(inst)
	return v.LookupPath(cue.ParsePath("#Desired")), v.Err()
})

// cueVerdict unifies the input (one CUE package instance of the files in
// dir) with #Desired and validates it as concrete data: CUE's own verdict.
func cueVerdict(t *testing.T, dir string, files map[string]string) (ok bool, why string) {
	t.Helper()
	def, err := cueDesired()
	if err != nil {
		t.Fatalf("schema.CUE: %v", err)
	}
	insts := load.Instances(slices.Sorted(maps.Keys(files)), &load.Config{Dir: dir})
	if err := insts[0].Err; err != nil {
		t.Fatalf("input does not load: %v", err)
	}
	v := cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3)).BuildInstance(insts[0])
	if err := def.Unify(v).Validate(cue.Concrete(true)); err != nil {
		return false, err.Error()
	}
	return true, ""
}

func TestSchemaAgreesWithCUE(t *testing.T) {
	inputs := agreementInputs(t)
	if len(inputs) < 25 {
		t.Fatalf("only %d inputs; the agreement needs a corpus", len(inputs))
	}
	var valid, invalid int // CUE's verdicts, to show the corpus has both
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			dir := writeTree(t, in.files)
			cueOK, why := cueVerdict(t, dir, in.files)
			res := compileSafely(t, []string{"."}, Options{Dir: dir})
			gwOK := !hasSchemaFinding(res.Findings)
			if cueOK {
				valid++
			} else {
				invalid++
			}
			if cueOK != gwOK {
				t.Errorf("verdicts differ: CUE (#Desired & input) says ok=%v %s; gwsync says ok=%v:\n%s\ninput:\n%s",
					cueOK, why, gwOK, formatFindings(res.Findings), joinFiles(in.files))
			}
		})
	}
	if valid+invalid == len(inputs) && (valid < 5 || invalid < 5) {
		t.Errorf("corpus has %d valid and %d invalid inputs; want both kinds", valid, invalid)
	}
}

func joinFiles(files map[string]string) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b.WriteString("-- " + name + " --\n" + files[name])
	}
	return b.String()
}
