// Package huawei is the Huawei Cloud APIG (dedicated instance, API v2)
// desired state: what a desired state whose gateway block says provider
// "huawei" compiles into (model.Desired.State holds a *State).
package huawei

import (
	"slices"

	"github.com/gwsync/gwsync/model"
)

// A desired state whose gateway block says provider "huawei" compiles into
// a *State in model.Desired.State; the desired state's own lists
// (Environments, Services, Domains, Policies, HTTPAPIs, Attachments) stay
// empty. Desired.Gateway keeps the gateway block for
// every provider: for Huawei, ID is the instance ID, Region the region and
// ProjectID the project ID.
//
// Field names follow the Huawei APIG API (req_uri becomes ReqURI), so a
// reader of the API reference is at home. Resources refer to each other by
// name (the key they are declared under), never by live ID. Optional
// numbers that the API treats differently when absent are pointers (nil
// when not written); optional strings are "" when not written.
//
// Every resource keeps the position it was declared at (model.Pos), and maps the
// JSON pointer of each field written under it, relative to the resource
// ("/req_uri", "/backend_api/timeout", "/req_params/0/name"), to the
// position it was written at (FieldPos); PositionOf looks one up.

// State is the Huawei part of a desired state: everything below the
// gateway block. Slices are sorted by name.
type State struct {
	Environments []*Environment
	Groups       []*Group
	Throttles    []*Throttle
	ACLs         []*ACL
	Plugins      []*Plugin
}

// Provider is the gateway.provider value of a Huawei desired state.
const Provider = "huawei"

// GatewayKind names the kind a State belongs to.
func (h *State) GatewayKind() string { return Provider }

// Of returns the Huawei state of d, or nil when d is not a Huawei
// desired state.
func Of(d *model.Desired) *State {
	h, _ := d.State.(*State)
	return h
}

// Environment is an instance-wide environment (RELEASE is built in
// and is bound, never created).
type Environment struct {
	Name   string
	Remark string
	Pos    model.Pos
}

// ReleaseEnv is the name of the environment every instance has.
const ReleaseEnv = "RELEASE"

// Group is an API group with its bound domains, its environment
// variables and its APIs.
type Group struct {
	Name    string
	Remark  string
	Domains []*Domain // sorted by domain name
	// Variables are the group's environment variables, sorted by
	// environment then variable name.
	Variables []*Variable
	APIs      []*API // sorted by name
	Pos       model.Pos
}

// Domain is a custom domain bound to a group (url_domain).
type Domain struct {
	// Name is the domain name (url_domain), the key it is declared under.
	Name  string
	Group string
	// Certificate names the SSL certificate (an APIG certificate, by name)
	// bound to the domain; Name is "" when none is written.
	Certificate model.Ref
	// MinSSLVersion is min_ssl_version: TLSv1.1 or TLSv1.2 ("" when not
	// written; the API's default varies by region).
	MinSSLVersion string
	// HTTPSRedirect is is_http_redirect_to_https (default false).
	HTTPSRedirect    bool
	HTTPSRedirectPos model.Pos // where it was written; zero when not written
	// IngressHTTPPort and IngressHTTPSPort are ingress_http_port and
	// ingress_https_port (-1 disables one); nil when not written.
	IngressHTTPPort  *int
	IngressHTTPSPort *int
	Pos              model.Pos
}

// Variable is one environment variable of a group in one
// environment; backends use it as #Name#.
type Variable struct {
	Group string
	Env   model.Ref // the environment, and where its key was written
	Name  string
	Value string
	Pos   model.Pos
}

// Huawei API request protocols (req_protocol).
const (
	HTTP  = "HTTP"
	HTTPS = "HTTPS"
	Both  = "BOTH"
	GRPC  = "GRPC"
	GRPCS = "GRPCS"
)

// Huawei match modes (match_mode).
const (
	MatchNormal = "NORMAL" // exact
	MatchSWA    = "SWA"    // prefix, on segment boundaries
)

// Huawei backend types (backend_type).
const (
	BackendHTTP     = "HTTP"
	BackendFunction = "FUNCTION"
	BackendMock     = "MOCK"
	BackendGRPC     = "GRPC"
)

// Huawei authentication types (auth_type).
const (
	AuthNone       = "NONE"
	AuthApp        = "APP"
	AuthIAM        = "IAM"
	AuthAuthorizer = "AUTHORIZER"
)

// API is one API of a group: its frontend (request) definition, its
// backend, its policy backends, and the environments it is published to.
type API struct {
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
	Tags                []model.Ref // each tag with its position; Name holds the tag
	ReqParams           []*ReqParam
	// Backend.
	BackendType string // HTTP, FUNCTION, MOCK or GRPC
	// BackendAPI is backend_api (HTTP and GRPC backends); nil when not
	// written.
	BackendAPI *BackendAPI
	// FuncInfo is func_info (FUNCTION backends); nil when not written.
	FuncInfo *FuncInfo
	// MockInfo is mock_info (MOCK backends); nil when not written.
	MockInfo      *MockInfo
	BackendParams []*BackendParam
	// Policy backends, chosen over the default backend by their
	// conditions, each in declaration order.
	PolicyHTTPs     []*PolicyBackend // policy_https
	PolicyFunctions []*PolicyBackend // policy_functions
	PolicyMocks     []*PolicyBackend // policy_mocks
	// Publish are the environments the API is published to, in
	// declaration order.
	Publish []model.Ref
	// FieldPos maps the JSON pointer of each field written under the API
	// to its position.
	FieldPos map[string]model.Pos
	Pos      model.Pos
}

// PositionOf returns the position of the API's field at the JSON pointer
// ptr ("/req_uri", "/backend_api/timeout"), or of its nearest written
// ancestor, or of the API.
func (a *API) PositionOf(ptr string) model.Pos { return positionOf(a.FieldPos, ptr, a.Pos) }

// Path returns the API's resource path, e.g. groups.orders.apis.Api_http.
func (a *API) Path() string { return APIPath(a.Group, a.Name) }

// IsGRPC reports whether the API's frontend speaks gRPC (GRPC or GRPCS).
func (a *API) IsGRPC() bool {
	return a.ReqProtocol == GRPC || a.ReqProtocol == GRPCS
}

// ReqParam is one frontend request parameter (req_params[]).
type ReqParam struct {
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
	Pos          model.Pos
}

// IsRequired reports whether the parameter is required, with the API's
// default for an unwritten required.
func (p *ReqParam) IsRequired() bool {
	if p.Required == 0 {
		return p.Location == "PATH"
	}
	return p.Required == 1
}

// BackendAPI is a web (HTTP) or gRPC backend (backend_api), and the
// backend fields of a policy_https entry.
type BackendAPI struct {
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
	Pos             model.Pos
}

// FuncInfo is a FunctionGraph backend (func_info), and the backend
// fields of a policy_functions entry.
type FuncInfo struct {
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
	Pos          model.Pos
}

// MockInfo is a mock backend (mock_info), and the backend fields of a
// policy_mocks entry.
type MockInfo struct {
	ResultContent string
	// StatusCode is the HTTP status the mock answers with; 0 when not
	// written (200).
	StatusCode   int
	Version      string
	AuthorizerID string
	Remark       string
	Pos          model.Pos
}

// Huawei policy backend kinds.
const (
	PolicyHTTP     = "policy_https"
	PolicyFunction = "policy_functions"
	PolicyMock     = "policy_mocks"
)

// PolicyBackend is one policy backend of an API: a backend chosen
// instead of the default one when its conditions hold.
type PolicyBackend struct {
	Name string
	// Kind is PolicyHTTP, PolicyFunction or PolicyMock;
	// exactly the matching one of HTTP, Function and Mock is set.
	Kind          string
	EffectMode    string // effect_mode: ALL or ANY
	Conditions    []*Condition
	BackendParams []*BackendParam
	AuthorizerID  string
	HTTP          *BackendAPI
	Function      *FuncInfo
	Mock          *MockInfo
	Pos           model.Pos
}

// Condition is one condition of a policy backend.
type Condition struct {
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
	Pos                         model.Pos
}

// BackendParam is one backend parameter (backend_params[]).
type BackendParam struct {
	Name     string
	Location string // PATH, QUERY or HEADER
	Origin   string // REQUEST, CONSTANT or SYSTEM
	// Value is a req_params name (REQUEST), a literal (CONSTANT) or a
	// $context.* / $context.authorizer.* name (SYSTEM).
	Value  string
	Remark string
	Pos    model.Pos
}

// Binding binds a policy to one API in one environment. It is
// written in the policy's bind list.
type Binding struct {
	API model.Ref // the API, by name (API names are unique per instance)
	Env model.Ref // the environment, by name
	Pos model.Pos // the bind entry
}

// Huawei policy kinds, as resource paths name their lists.
const (
	KindThrottle = "throttles"
	KindACL      = "acls"
	KindPlugin   = "plugins"
)

// Throttle is a request throttling policy.
type Throttle struct {
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
	Bind     []Binding
	FieldPos map[string]model.Pos
	Pos      model.Pos
}

// PositionOf returns the position of the policy's field at the JSON
// pointer ptr, or of its nearest written ancestor, or of the policy.
func (t *Throttle) PositionOf(ptr string) model.Pos { return positionOf(t.FieldPos, ptr, t.Pos) }

// ACL is an access control policy.
type ACL struct {
	Name       string
	ACLType    string // PERMIT or DENY
	EntityType string // IP, DOMAIN or DOMAIN_ID
	// Values are acl_value's entries, each with its position (the API
	// wants them comma-joined).
	Values   []model.Ref
	Bind     []Binding
	FieldPos map[string]model.Pos
	Pos      model.Pos
}

// PositionOf returns the position of the policy's field at the JSON
// pointer ptr, or of its nearest written ancestor, or of the policy.
func (a *ACL) PositionOf(ptr string) model.Pos { return positionOf(a.FieldPos, ptr, a.Pos) }

// Plugin is a plugin (plugin_type cors, set_resp_headers, rate_limit,
// breaker, kafka_log, third_auth, proxy_cache, proxy_mirror, oidc_auth or
// jwt_auth), with its plugin_content written as structured CUE.
type Plugin struct {
	Name   string
	Type   string // plugin_type
	Remark string
	// Content is plugin_content as written, decoded into JSON values
	// (map[string]any, []any, string, float64, int64, bool, nil).
	Content map[string]any
	// ContentJSON is Content as the JSON string the API wants, keys
	// sorted. The compiler sets it.
	ContentJSON string
	Bind        []Binding
	// FieldPos maps the JSON pointer of each field written under the
	// plugin ("/plugin_content/allow_origin") to its position.
	FieldPos map[string]model.Pos
	Pos      model.Pos
}

// PositionOf returns the position of the plugin's field at the JSON pointer
// ptr, or of its nearest written ancestor, or of the plugin.
func (p *Plugin) PositionOf(ptr string) model.Pos { return positionOf(p.FieldPos, ptr, p.Pos) }

// PolicyRef is one binding of one policy, whatever its kind.
type PolicyRef struct {
	Kind    string // KindThrottle, KindACL or KindPlugin
	Name    string // the policy's name
	Type    string // plugin_type for plugins, else Kind
	Binding Binding
	// PolicyPos is where the policy is declared.
	PolicyPos model.Pos
}

// Bindings returns every binding of every policy: throttles, then ACLs,
// then plugins, each in name then declaration order.
func (h *State) Bindings() []PolicyRef {
	var out []PolicyRef
	for _, t := range h.Throttles {
		out = appendBindings(out, KindThrottle, t.Name, KindThrottle, t.Bind, t.Pos)
	}
	for _, a := range h.ACLs {
		out = appendBindings(out, KindACL, a.Name, KindACL, a.Bind, a.Pos)
	}
	for _, p := range h.Plugins {
		out = appendBindings(out, KindPlugin, p.Name, p.Type, p.Bind, p.Pos)
	}
	return out
}

func appendBindings(out []PolicyRef, kind, name, typ string, bs []Binding, pos model.Pos) []PolicyRef {
	for _, b := range bs {
		out = append(out, PolicyRef{Kind: kind, Name: name, Type: typ, Binding: b, PolicyPos: pos})
	}
	return out
}

// APIs returns every API of every group, in group then API order.
func (h *State) APIs() []*API {
	var out []*API
	for _, g := range h.Groups {
		out = append(out, g.APIs...)
	}
	return out
}

// API returns the API called name, or nil.
func (h *State) API(name string) *API {
	apis := h.APIs()
	if i := slices.IndexFunc(apis, func(a *API) bool { return a.Name == name }); i >= 0 {
		return apis[i]
	}
	return nil
}

// Environment returns the environment called name, or nil.
func (h *State) Environment(name string) *Environment {
	if i := slices.IndexFunc(h.Environments, func(e *Environment) bool { return e.Name == name }); i >= 0 {
		return h.Environments[i]
	}
	return nil
}

// Huawei resource paths, as findings name them.

// EnvironmentPath is the resource path of a Huawei environment.
func EnvironmentPath(name string) string { return "environments." + name }

// GroupPath is the resource path of a group.
func GroupPath(name string) string { return "groups." + name }

// DomainPath is the resource path of a domain bound to a group.
func DomainPath(group, domain string) string {
	return "groups." + group + ".domains." + domain
}

// VariablePath is the resource path of a group's environment
// variable.
func VariablePath(group, env, name string) string {
	return "groups." + group + ".variables." + env + "." + name
}

// APIPath is the resource path of an API.
func APIPath(group, name string) string { return "groups." + group + ".apis." + name }

// PolicyPath is the resource path of a throttle, ACL or plugin
// (kind is KindThrottle, KindACL or KindPlugin).
func PolicyPath(kind, name string) string { return kind + "." + name }

// positionOf returns m[ptr], or the position of ptr's nearest ancestor in
// m, or fallback.
func positionOf(m map[string]model.Pos, ptr string, fallback model.Pos) model.Pos {
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
