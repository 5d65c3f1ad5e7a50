package model

import "slices"

// The Huawei Cloud APIG (dedicated instance, API v2) desired state.
//
// A desired state whose gateway block says provider "huawei" compiles into
// Desired.Huawei; its Aliyun lists (Environments, Services, Domains,
// Policies, HTTPAPIs, Attachments, Probes) stay empty, so the Aliyun rules
// find nothing to say about it. Desired.Gateway keeps the gateway block for
// every provider: for Huawei, ID is the instance ID, Region the region and
// ProjectID the project ID.
//
// Field names follow the Huawei APIG API (req_uri becomes ReqURI), so a
// reader of the API reference is at home. Resources refer to each other by
// name (the key they are declared under), never by live ID. Optional
// numbers that the API treats differently when absent are pointers (nil
// when not written); optional strings are "" when not written.
//
// Every resource keeps the position it was declared at (Pos), and maps the
// JSON pointer of each field written under it, relative to the resource
// ("/req_uri", "/backend_api/timeout", "/req_params/0/name"), to the
// position it was written at (FieldPos); PositionOf looks one up.

// HuaweiState is the Huawei part of a desired state: everything below the
// gateway block. Slices are sorted by name.
type HuaweiState struct {
	Environments []*HuaweiEnvironment
	Groups       []*HuaweiGroup
	Throttles    []*HuaweiThrottle
	ACLs         []*HuaweiACL
	Plugins      []*HuaweiPlugin
}

// HuaweiEnvironment is an instance-wide environment (RELEASE is built in
// and is bound, never created).
type HuaweiEnvironment struct {
	Name   string
	Remark string
	Pos    Pos
}

// HuaweiReleaseEnv is the name of the environment every instance has.
const HuaweiReleaseEnv = "RELEASE"

// HuaweiGroup is an API group with its bound domains, its environment
// variables and its APIs.
type HuaweiGroup struct {
	Name    string
	Remark  string
	Domains []*HuaweiDomain // sorted by domain name
	// Variables are the group's environment variables, sorted by
	// environment then variable name.
	Variables []*HuaweiVariable
	APIs      []*HuaweiAPI // sorted by name
	Pos       Pos
}

// HuaweiDomain is a custom domain bound to a group (url_domain).
type HuaweiDomain struct {
	// Name is the domain name (url_domain), the key it is declared under.
	Name  string
	Group string
	// Certificate names the SSL certificate (an APIG certificate, by name)
	// bound to the domain; Name is "" when none is written.
	Certificate Ref
	// MinSSLVersion is min_ssl_version: TLSv1.1 or TLSv1.2 ("" when not
	// written; the API's default varies by region).
	MinSSLVersion string
	// HTTPSRedirect is is_http_redirect_to_https (default false).
	HTTPSRedirect    bool
	HTTPSRedirectPos Pos // where it was written; zero when not written
	// IngressHTTPPort and IngressHTTPSPort are ingress_http_port and
	// ingress_https_port (-1 disables one); nil when not written.
	IngressHTTPPort  *int
	IngressHTTPSPort *int
	Pos              Pos
}

// HuaweiVariable is one environment variable of a group in one
// environment; backends use it as #Name#.
type HuaweiVariable struct {
	Group string
	Env   Ref // the environment, and where its key was written
	Name  string
	Value string
	Pos   Pos
}

// Huawei API request protocols (req_protocol).
const (
	HuaweiHTTP  = "HTTP"
	HuaweiHTTPS = "HTTPS"
	HuaweiBoth  = "BOTH"
	HuaweiGRPC  = "GRPC"
	HuaweiGRPCS = "GRPCS"
)

// Huawei match modes (match_mode).
const (
	HuaweiMatchNormal = "NORMAL" // exact
	HuaweiMatchSWA    = "SWA"    // prefix, on segment boundaries
)

// Huawei backend types (backend_type).
const (
	HuaweiBackendHTTP     = "HTTP"
	HuaweiBackendFunction = "FUNCTION"
	HuaweiBackendMock     = "MOCK"
	HuaweiBackendGRPC     = "GRPC"
)

// Huawei authentication types (auth_type).
const (
	HuaweiAuthNone       = "NONE"
	HuaweiAuthApp        = "APP"
	HuaweiAuthIAM        = "IAM"
	HuaweiAuthAuthorizer = "AUTHORIZER"
)

// HuaweiAPI is one API of a group: its frontend (request) definition, its
// backend, its policy backends, and the environments it is published to.
type HuaweiAPI struct {
	Name  string
	Group string
	// Type is 1 (public, the default when not written) or 2 (private).
	Type    int
	Version string
	Remark  string
	// Frontend.
	ReqProtocol string // HTTP, HTTPS (default), BOTH, GRPC or GRPCS
	ReqMethod   string // GET POST PUT DELETE HEAD PATCH OPTIONS ANY
	ReqURI      string // may hold {param} and {param+} templates
	MatchMode   string // NORMAL (default) or SWA
	AuthType    string // NONE, APP, IAM or AUTHORIZER
	// AuthorizerID is the frontend custom authorizer (auth_type AUTHORIZER).
	AuthorizerID string
	// AppCodeAuthType is auth_opt.app_code_auth_type: DISABLE or HEADER
	// ("" when not written).
	AppCodeAuthType string
	CORS            bool // cors (default false)
	ContentType     string
	BodyRemark      string
	// ResultNormalSample and ResultFailureSample are the result samples
	// ("" when not written).
	ResultNormalSample  string
	ResultFailureSample string
	Tags                []Ref // each tag with its position; Name holds the tag
	ReqParams           []*HuaweiReqParam
	// Backend.
	BackendType string // HTTP, FUNCTION, MOCK or GRPC
	// BackendAPI is backend_api (HTTP and GRPC backends); nil when not
	// written.
	BackendAPI *HuaweiBackendAPI
	// FuncInfo is func_info (FUNCTION backends); nil when not written.
	FuncInfo *HuaweiFuncInfo
	// MockInfo is mock_info (MOCK backends); nil when not written.
	MockInfo      *HuaweiMockInfo
	BackendParams []*HuaweiBackendParam
	// Policy backends, chosen over the default backend by their
	// conditions, each in declaration order.
	PolicyHTTPs     []*HuaweiPolicyBackend // policy_https
	PolicyFunctions []*HuaweiPolicyBackend // policy_functions
	PolicyMocks     []*HuaweiPolicyBackend // policy_mocks
	// Publish are the environments the API is published to, in
	// declaration order.
	Publish []Ref
	// FieldPos maps the JSON pointer of each field written under the API
	// to its position.
	FieldPos map[string]Pos
	Pos      Pos
}

// PositionOf returns the position of the API's field at the JSON pointer
// ptr ("/req_uri", "/backend_api/timeout"), or of its nearest written
// ancestor, or of the API.
func (a *HuaweiAPI) PositionOf(ptr string) Pos { return positionOf(a.FieldPos, ptr, a.Pos) }

// Path returns the API's resource path, e.g. groups.orders.apis.Api_http.
func (a *HuaweiAPI) Path() string { return HuaweiAPIPath(a.Group, a.Name) }

// IsGRPC reports whether the API's frontend speaks gRPC (GRPC or GRPCS).
func (a *HuaweiAPI) IsGRPC() bool {
	return a.ReqProtocol == HuaweiGRPC || a.ReqProtocol == HuaweiGRPCS
}

// HuaweiReqParam is one frontend request parameter (req_params[]).
type HuaweiReqParam struct {
	Name     string
	Type     string // STRING or NUMBER
	Location string // PATH, QUERY, HEADER or COOKIE
	// Required is 1 (yes) or 2 (no); 0 when not written (the API then
	// uses 1 for PATH parameters and 2 for the others).
	Required int
	// ValidEnable is 1 (check) or 2 (default); 0 when not written.
	ValidEnable int
	// PassThrough is 1 (yes) or 2 (no); 0 when not written.
	PassThrough  int
	DefaultValue string
	SampleValue  string
	Remark       string
	Enumerations string // comma-separated, as the API wants
	MinNum       *int   // NUMBER parameters
	MaxNum       *int
	MinSize      *int // STRING parameters
	MaxSize      *int
	Pos          Pos
}

// IsRequired reports whether the parameter is required, with the API's
// default for an unwritten required.
func (p *HuaweiReqParam) IsRequired() bool {
	if p.Required == 0 {
		return p.Location == "PATH"
	}
	return p.Required == 1
}

// HuaweiBackendAPI is a web (HTTP) or gRPC backend (backend_api), and the
// backend fields of a policy_https entry.
type HuaweiBackendAPI struct {
	ReqProtocol string // HTTP, HTTPS or GRPCS
	ReqMethod   string
	ReqURI      string // may hold {param} and #var#
	// URLDomain is url_domain, host[:port], for a direct backend; it may
	// hold #var#. "" when a VPC channel is used.
	URLDomain string
	// VPCChannelStatus is vpc_channel_status (1 VPC channel, 2 direct);
	// 0 when not written (the compiler does not infer it).
	VPCChannelStatus int
	// VPCChannelID and VPCChannelProxyHost are vpc_channel_info's fields.
	VPCChannelID        string
	VPCChannelProxyHost string
	// Timeout is in milliseconds (0 when not written).
	Timeout int
	// RetryCount is retry_count (-1 to 10; the API's default is -1); nil
	// when not written. Written as a number; the API wants a string.
	RetryCount      *int
	EnableClientSSL bool
	AuthorizerID    string // backend custom authorizer
	Version         string
	Remark          string
	Pos             Pos
}

// HuaweiFuncInfo is a FunctionGraph backend (func_info), and the backend
// fields of a policy_functions entry.
type HuaweiFuncInfo struct {
	FunctionURN    string
	InvocationType string // sync or async
	NetworkType    string // V1 (non-VPC, timeout at most 60000) or V2 (VPC)
	// Timeout is in milliseconds (0 when not written).
	Timeout      int
	Version      string
	AliasURN     string // wins over Version
	AuthorizerID string
	ReqProtocol  string // HTTPS (default) or GRPCS
	Remark       string
	Pos          Pos
}

// HuaweiMockInfo is a mock backend (mock_info), and the backend fields of a
// policy_mocks entry.
type HuaweiMockInfo struct {
	ResultContent string
	// StatusCode is the HTTP status the mock answers with; 0 when not
	// written (200).
	StatusCode   int
	Version      string
	AuthorizerID string
	Remark       string
	Pos          Pos
}

// Huawei policy backend kinds.
const (
	HuaweiPolicyHTTP     = "policy_https"
	HuaweiPolicyFunction = "policy_functions"
	HuaweiPolicyMock     = "policy_mocks"
)

// HuaweiPolicyBackend is one policy backend of an API: a backend chosen
// instead of the default one when its conditions hold.
type HuaweiPolicyBackend struct {
	Name string
	// Kind is HuaweiPolicyHTTP, HuaweiPolicyFunction or HuaweiPolicyMock;
	// exactly the matching one of HTTP, Function and Mock is set.
	Kind          string
	EffectMode    string // effect_mode: ALL or ANY
	Conditions    []*HuaweiCondition
	BackendParams []*HuaweiBackendParam
	AuthorizerID  string
	HTTP          *HuaweiBackendAPI
	Function      *HuaweiFuncInfo
	Mock          *HuaweiMockInfo
	Pos           Pos
}

// HuaweiCondition is one condition of a policy backend.
type HuaweiCondition struct {
	// Origin is condition_origin: param, source, system, cookie or
	// frontend_authorizer.
	Origin string
	// Type is condition_type: exact, enum or pattern ("" when not
	// written; source conditions need none).
	Type  string
	Value string // condition_value
	// The parameter the condition looks at, by origin: ReqParamName
	// (param), SysParamName (system: req_path or req_method),
	// CookieParamName (cookie), FrontendAuthorizerParamName
	// (frontend_authorizer).
	ReqParamName                string
	SysParamName                string
	CookieParamName             string
	FrontendAuthorizerParamName string
	Pos                         Pos
}

// HuaweiBackendParam is one backend parameter (backend_params[]).
type HuaweiBackendParam struct {
	Name     string
	Location string // PATH, QUERY or HEADER
	Origin   string // REQUEST, CONSTANT or SYSTEM
	// Value is a req_params name (REQUEST), a literal (CONSTANT) or a
	// $context.* / $context.authorizer.* name (SYSTEM).
	Value  string
	Remark string
	Pos    Pos
}

// HuaweiBinding binds a policy to one API in one environment. It is
// written in the policy's bind list.
type HuaweiBinding struct {
	API Ref // the API, by name (API names are unique per instance)
	Env Ref // the environment, by name
	Pos Pos // the bind entry
}

// Huawei policy kinds, as resource paths name their lists.
const (
	HuaweiKindThrottle = "throttles"
	HuaweiKindACL      = "acls"
	HuaweiKindPlugin   = "plugins"
)

// HuaweiThrottle is a request throttling policy.
type HuaweiThrottle struct {
	Name          string
	Remark        string
	APICallLimits int // api_call_limits (required)
	// UserCallLimits, AppCallLimits and IPCallLimits are nil when not
	// written.
	UserCallLimits *int
	AppCallLimits  *int
	IPCallLimits   *int
	TimeInterval   int
	TimeUnit       string // SECOND, MINUTE, HOUR or DAY
	// Type is 1 (a limit per bound API) or 2 (shared); 0 when not written.
	Type     int
	Bind     []HuaweiBinding
	FieldPos map[string]Pos
	Pos      Pos
}

// PositionOf returns the position of the policy's field at the JSON
// pointer ptr, or of its nearest written ancestor, or of the policy.
func (t *HuaweiThrottle) PositionOf(ptr string) Pos { return positionOf(t.FieldPos, ptr, t.Pos) }

// HuaweiACL is an access control policy.
type HuaweiACL struct {
	Name       string
	ACLType    string // PERMIT or DENY
	EntityType string // IP, DOMAIN or DOMAIN_ID
	// Values are acl_value's entries, each with its position (the API
	// wants them comma-joined).
	Values   []Ref
	Bind     []HuaweiBinding
	FieldPos map[string]Pos
	Pos      Pos
}

// PositionOf returns the position of the policy's field at the JSON
// pointer ptr, or of its nearest written ancestor, or of the policy.
func (a *HuaweiACL) PositionOf(ptr string) Pos { return positionOf(a.FieldPos, ptr, a.Pos) }

// HuaweiPlugin is a plugin (plugin_type cors, set_resp_headers, rate_limit,
// breaker, kafka_log, third_auth, proxy_cache, proxy_mirror, oidc_auth or
// jwt_auth), with its plugin_content written as structured CUE.
type HuaweiPlugin struct {
	Name   string
	Type   string // plugin_type
	Remark string
	// Content is plugin_content as written, decoded into JSON values
	// (map[string]any, []any, string, float64, int64, bool, nil).
	Content map[string]any
	// ContentJSON is Content as the JSON string the API wants, keys
	// sorted. The compiler sets it.
	ContentJSON string
	Bind        []HuaweiBinding
	// FieldPos maps the JSON pointer of each field written under the
	// plugin ("/plugin_content/allow_origin") to its position.
	FieldPos map[string]Pos
	Pos      Pos
}

// PositionOf returns the position of the plugin's field at the JSON pointer
// ptr, or of its nearest written ancestor, or of the plugin.
func (p *HuaweiPlugin) PositionOf(ptr string) Pos { return positionOf(p.FieldPos, ptr, p.Pos) }

// HuaweiPolicyRef is one binding of one policy, whatever its kind.
type HuaweiPolicyRef struct {
	Kind    string // HuaweiKindThrottle, HuaweiKindACL or HuaweiKindPlugin
	Name    string // the policy's name
	Type    string // plugin_type for plugins, else Kind
	Binding HuaweiBinding
	// PolicyPos is where the policy is declared.
	PolicyPos Pos
}

// Bindings returns every binding of every policy: throttles, then ACLs,
// then plugins, each in name then declaration order.
func (h *HuaweiState) Bindings() []HuaweiPolicyRef {
	var out []HuaweiPolicyRef
	for _, t := range h.Throttles {
		out = appendBindings(out, HuaweiKindThrottle, t.Name, HuaweiKindThrottle, t.Bind, t.Pos)
	}
	for _, a := range h.ACLs {
		out = appendBindings(out, HuaweiKindACL, a.Name, HuaweiKindACL, a.Bind, a.Pos)
	}
	for _, p := range h.Plugins {
		out = appendBindings(out, HuaweiKindPlugin, p.Name, p.Type, p.Bind, p.Pos)
	}
	return out
}

func appendBindings(out []HuaweiPolicyRef, kind, name, typ string, bs []HuaweiBinding, pos Pos) []HuaweiPolicyRef {
	for _, b := range bs {
		out = append(out, HuaweiPolicyRef{Kind: kind, Name: name, Type: typ, Binding: b, PolicyPos: pos})
	}
	return out
}

// APIs returns every API of every group, in group then API order.
func (h *HuaweiState) APIs() []*HuaweiAPI {
	var out []*HuaweiAPI
	for _, g := range h.Groups {
		out = append(out, g.APIs...)
	}
	return out
}

// API returns the API called name, or nil.
func (h *HuaweiState) API(name string) *HuaweiAPI {
	apis := h.APIs()
	if i := slices.IndexFunc(apis, func(a *HuaweiAPI) bool { return a.Name == name }); i >= 0 {
		return apis[i]
	}
	return nil
}

// Environment returns the environment called name, or nil.
func (h *HuaweiState) Environment(name string) *HuaweiEnvironment {
	if i := slices.IndexFunc(h.Environments, func(e *HuaweiEnvironment) bool { return e.Name == name }); i >= 0 {
		return h.Environments[i]
	}
	return nil
}

// Huawei resource paths, as findings name them.

// HuaweiEnvironmentPath is the resource path of a Huawei environment.
func HuaweiEnvironmentPath(name string) string { return "environments." + name }

// HuaweiGroupPath is the resource path of a group.
func HuaweiGroupPath(name string) string { return "groups." + name }

// HuaweiDomainPath is the resource path of a domain bound to a group.
func HuaweiDomainPath(group, domain string) string {
	return "groups." + group + ".domains." + domain
}

// HuaweiVariablePath is the resource path of a group's environment
// variable.
func HuaweiVariablePath(group, env, name string) string {
	return "groups." + group + ".variables." + env + "." + name
}

// HuaweiAPIPath is the resource path of an API.
func HuaweiAPIPath(group, name string) string { return "groups." + group + ".apis." + name }

// HuaweiPolicyPath is the resource path of a throttle, ACL or plugin
// (kind is HuaweiKindThrottle, HuaweiKindACL or HuaweiKindPlugin).
func HuaweiPolicyPath(kind, name string) string { return kind + "." + name }

// positionOf returns m[ptr], or the position of ptr's nearest ancestor in
// m, or fallback.
func positionOf(m map[string]Pos, ptr string, fallback Pos) Pos {
	for {
		if pos, ok := m[ptr]; ok {
			return pos
		}
		if ptr == "" {
			return fallback
		}
		i := len(ptr) - 1
		for i > 0 && ptr[i] != '/' {
			i--
		}
		ptr = ptr[:i]
	}
}
