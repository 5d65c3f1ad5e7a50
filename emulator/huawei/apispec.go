package huawei

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// apiCore is the part of an ApiCreate body the emulator checks and serves;
// the whole body is kept as sent.
type apiCore struct {
	Name         string      `json:"name"`
	Type         int         `json:"type"`
	ReqProtocol  string      `json:"req_protocol"`
	ReqMethod    string      `json:"req_method"`
	ReqURI       string      `json:"req_uri"`
	MatchMode    string      `json:"match_mode"`
	AuthType     string      `json:"auth_type"`
	AuthorizerID string      `json:"authorizer_id"`
	BackendType  string      `json:"backend_type"`
	GroupID      string      `json:"group_id"`
	Remark       string      `json:"remark"`
	Tags         []string    `json:"tags"`
	ReqParams    []reqParam  `json:"req_params"`
	BackendAPI   *backendAPI `json:"backend_api"`
	MockInfo     *mockInfo   `json:"mock_info"`
	FuncInfo     *funcInfo   `json:"func_info"`
	Cors         bool        `json:"cors"`
	// The policy backends, by name only: the data plane does not evaluate
	// their conditions.
	PolicyHTTPs     []named `json:"policy_https"`
	PolicyFunctions []named `json:"policy_functions"`
	PolicyMocks     []named `json:"policy_mocks"`
}

// named is anything with a name.
type named struct {
	Name string `json:"name"`
}

type reqParam struct {
	Name     string `json:"name"`
	Location string `json:"location"`
}

type backendAPI struct {
	ReqProtocol      string `json:"req_protocol"`
	ReqMethod        string `json:"req_method"`
	ReqURI           string `json:"req_uri"`
	URLDomain        string `json:"url_domain"`
	Timeout          int    `json:"timeout"`
	VpcChannelStatus int    `json:"vpc_channel_status"`
}

type mockInfo struct {
	ResultContent string `json:"result_content"`
	StatusCode    int    `json:"status_code"`
}

type funcInfo struct {
	FunctionURN string `json:"function_urn"`
	Timeout     int    `json:"timeout"`
}

// Enumerations of ApiCreate.
var (
	reqProtocols  = []string{"HTTP", "HTTPS", "BOTH", "GRPCS"}
	reqMethods    = []string{"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "ANY"}
	matchModes    = []string{"NORMAL", "SWA"}
	authTypes     = []string{"NONE", "APP", "IAM", "AUTHORIZER"}
	backendTypes  = []string{"HTTP", "FUNCTION", "MOCK", "GRPC"}
	paramLocation = []string{"PATH", "QUERY", "HEADER", "COOKIE"}
)

// computedFields are what the gateway adds to an API; a body that sends
// them does not overwrite them.
var computedFields = []string{"id", "status", "register_time", "update_time", "group_name", "run_env_id",
	"run_env_name", "publish_id", "publish_time", "arrange_necessary", "group_version"}

// parseAPI reads an ApiCreate body into the kept spec and its core.
func parseAPI(body []byte) (map[string]any, apiCore, error) {
	var spec map[string]any
	var core apiCore
	if err := json.Unmarshal(body, &spec); err != nil || spec == nil {
		return nil, core, errf(http.StatusBadRequest, codeInvalidBody, "Invalid parameter value,parameterName:body. The body must be a JSON ApiCreate object")
	}
	if err := json.Unmarshal(body, &core); err != nil {
		return nil, core, invalid(fieldOf(err), "%v", err)
	}
	for _, f := range computedFields {
		delete(spec, f)
	}
	if core.MatchMode == "" {
		core.MatchMode = "NORMAL"
		spec["match_mode"] = "NORMAL"
	}
	return spec, core, nil
}

// fieldOf names the field a JSON type error is about.
func fieldOf(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok && te.Field != "" {
		return te.Field
	}
	return "body"
}

// check applies the field rules CreateApiV2 enforces (fact sheet §6.2).
func (a apiCore) check() error {
	for _, check := range []func() error{a.checkFront, a.checkURI, a.checkParams, a.checkBackend} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (a apiCore) checkFront() error {
	if err := checkName("name", a.Name, apiNameRe, ruleGroupName); err != nil {
		return err
	}
	if a.Type != 1 && a.Type != 2 {
		return invalid("type", "1 (public) or 2 (private), got %d", a.Type)
	}
	for _, e := range []struct {
		field, value string
		allowed      []string
	}{
		{"req_protocol", a.ReqProtocol, reqProtocols}, {"req_method", a.ReqMethod, reqMethods},
		{"match_mode", a.MatchMode, matchModes}, {"auth_type", a.AuthType, authTypes},
		{"backend_type", a.BackendType, backendTypes},
	} {
		if err := oneOf(e.field, e.value, e.allowed); err != nil {
			return err
		}
	}
	if a.ReqProtocol == "GRPCS" && a.ReqMethod != "POST" {
		return invalid("req_method", "a GRPCS API takes POST only")
	}
	if a.AuthType == "AUTHORIZER" && a.AuthorizerID == "" {
		return missing("authorizer_id")
	}
	if a.GroupID == "" {
		return missing("group_id")
	}
	return checkLen("remark", a.Remark, 255)
}

func oneOf(field, value string, allowed []string) error {
	if value == "" {
		return missing(field)
	}
	if !slices.Contains(allowed, value) {
		return invalid(field, "one of %s, got %q", strings.Join(allowed, ", "), value)
	}
	return nil
}

// placeholderRe finds {name} and {name+} in a path.
var placeholderRe = regexp.MustCompile(`\{([^{}/]*?)\+?\}`)

func (a apiCore) checkURI() error {
	if a.ReqURI == "" {
		return missing("req_uri")
	}
	if len(a.ReqURI) > 512 || !reqURIRe.MatchString(a.ReqURI) {
		return invalid("req_uri", "a path starting with /, at most 512 characters of letters, digits and *%%-_./{}, got %q", a.ReqURI)
	}
	if a.ReqProtocol == "GRPCS" && strings.ContainsAny(a.ReqURI, "{}") {
		return invalid("req_uri", "a GRPCS API takes no path parameters")
	}
	return nil
}

func (a apiCore) checkParams() error {
	seen := map[string]bool{}
	for i, p := range a.ReqParams {
		if !paramNameRe.MatchString(p.Name) {
			return invalid(fmt.Sprintf("req_params[%d].name", i), "1-32 characters: letters, digits, -, _ and ., starting with a letter; got %q", p.Name)
		}
		if err := oneOf(fmt.Sprintf("req_params[%d].location", i), p.Location, paramLocation); err != nil {
			return err
		}
		key := strings.ToLower(p.Name)
		if seen[key] {
			return taken(codeParamNameTaken, "The parameter name already exists: %s", p.Name)
		}
		seen[key] = true
	}
	for _, m := range placeholderRe.FindAllStringSubmatch(a.ReqURI, -1) {
		if !slices.ContainsFunc(a.ReqParams, func(p reqParam) bool { return p.Location == "PATH" && p.Name == m[1] }) {
			return errf(http.StatusBadRequest, codeUndeclaredPath, "The request path parameters are not defined: %s (add a req_params entry with location PATH)", m[1])
		}
	}
	return nil
}

func (a apiCore) checkBackend() error {
	switch a.BackendType {
	case "HTTP", "GRPC":
		return a.checkHTTPBackend()
	case "MOCK":
		if a.MockInfo == nil {
			return missing("mock_info")
		}
	case "FUNCTION":
		if a.FuncInfo == nil || a.FuncInfo.FunctionURN == "" {
			return missing("func_info.function_urn")
		}
	}
	return nil
}

func (a apiCore) checkHTTPBackend() error {
	b := a.BackendAPI
	if b == nil {
		return missing("backend_api")
	}
	if b.Timeout < 1 || b.Timeout > 600000 {
		return invalid("backend_api.timeout", "from 1 to 600000 ms, got %d", b.Timeout)
	}
	if b.VpcChannelStatus == 2 && b.URLDomain == "" {
		return missing("backend_api.url_domain")
	}
	if b.ReqURI == "" {
		return missing("backend_api.req_uri")
	}
	if a.BackendType == "GRPC" && b.ReqURI != "/" {
		return invalid("backend_api.req_uri", "a GRPC backend's path is /")
	}
	return nil
}

// routeKey is what must be unique among a group's APIs: method, path (with
// parameter names blanked, so /a/{x} and /a/{y} are the same path) and
// match mode.
func (a apiCore) routeKey() string {
	return a.ReqMethod + " " + placeholderRe.ReplaceAllString(a.ReqURI, "{}") + " " + a.MatchMode
}
