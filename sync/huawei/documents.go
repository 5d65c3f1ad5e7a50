package huawei

import (
	"fmt"
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// The Huawei Cloud APIG (dedicated instance, API v2) side of a plan: its
// kinds, its documents, and the keys of the live IDs a Huawei provider
// reads and Execute looks up.
//
// A change names its resource by Change.Name (the environment, group,
// variable, API, policy or domain name, which the API calls name,
// variable_name, acl_name, plugin_name or url_domain) and Change.Resource
// (the resource path, hwmodel.APIPath and its siblings). Documents
// carry every other field under the API's own JSON name (snake_case, as
// the desired state writes them), refer to other resources by name, never
// by live ID (Execute resolves names through ids: hwmodel.GroupPath,
// hwmodel.EnvironmentPath, ...), and are normalised so that a live and
// a desired resource that the API treats alike encode alike: sets sorted,
// the defaults the API fills in written out on both sides.
//
// What each change asks of Execute:
//
//	create/update/delete environment  EnvironmentDoc  CreateEnvironmentV2 / UpdateEnvironmentV2 / DeleteEnvironmentV2
//	create/update/delete group        GroupDoc        CreateApiGroupV2 / UpdateApiGroupV2 / DeleteApiGroupV2
//	create/update/delete variable     VariableDoc     CreateEnvironmentVariableV2 / UpdateEnvironmentVariableV2 / DeleteEnvironmentVariableV2
//	create/update/delete api          APIDoc          CreateApiV2 / UpdateApiV2 / DeleteApiV2
//	deploy/undeploy api               sync.DeployDoc  CreateOrDeletePublishRecordForApiV2, action online / offline
//	create/update/delete throttle     ThrottleDoc     ...RequestThrottlingPolicyV2
//	create/update/delete acl          ACLDoc          CreateAclStrategyV2 / UpdateAclStrategyV2 / DeleteAclV2
//	create/update/delete plugin       PluginDoc       CreatePlugin / UpdatePlugin / DeletePlugin
//	attach/detach binding             BindingDoc      throttle-bindings, acl-bindings, plugins/{id}/attach|detach
//	create/update/delete domain       DomainDoc       AssociateDomainV2 / UpdateDomainV2 / DisassociateDomainV2 (+ certificate)
//
// Execute returns the live ID of what a create or an attach made (the
// group's id, the binding's id, ...), which apply records under
// Change.Resource; for a deploy it returns the publish_id, recorded under
// the publication key Change.Resource is (PublicationKey), so that a
// binding later in the same apply finds it. Update, delete, undeploy and
// detach return "".
//
// What plan expects of a Huawei provider's Read (model.Live):
//   - State.Gateway.Provider "huawei"; State.Huawei holds every
//     environment (RELEASE included), group (with its bound domains and
//     its variables), API, throttle, ACL and plugin, in the desired
//     state's own types and spelling; HuaweiAPI.Publish lists the
//     environments the API is online in; each policy's Bind lists its
//     bindings (API by name, environment by name).
//   - IDs maps each resource path to its live ID (environments.RELEASE to
//     DEFAULT_ENVIRONMENT_RELEASE_ID), each publication key to the
//     publish_id and each binding key to the binding's id (for a plugin,
//     the plugin_attach_id).

// The resource kinds of a Huawei plan.
const (
	KindEnvironment gwsync.Kind = "environment"
	KindGroup       gwsync.Kind = "group"
	KindVariable    gwsync.Kind = "variable"
	KindAPI         gwsync.Kind = "api"
	KindThrottle    gwsync.Kind = "throttle"
	KindACL         gwsync.Kind = "acl"
	KindPlugin      gwsync.Kind = "plugin"
	KindBinding     gwsync.Kind = "binding"
	// A domain bound to a group is sync.KindDomain with a DomainDoc.
)

// terms are Huawei Cloud APIG's words for a plan's actions, as its API
// and console use them: an API is published to an environment (and taken
// offline: unpublished), a policy is bound to an API in an environment
// (and unbound).
var terms = map[gwsync.Action]gwsync.Term{
	gwsync.Deploy:   {Verb: "publish", Past: "published", One: "publish", Many: "publishes"},
	gwsync.Undeploy: {Verb: "unpublish", Past: "unpublished", One: "unpublish", Many: "unpublishes"},
	gwsync.Attach:   {Verb: "bind", Past: "bound", One: "binding", Many: "bindings"},
	gwsync.Detach:   {Verb: "unbind", Past: "unbound", One: "unbinding", Many: "unbindings"},
}

// PublicationKey is the IDs key of an API's publication in an
// environment, mapped to its publish_id: "publications.ENV@groups.G.apis.A".
// It is the Resource of a deploy or undeploy of KindAPI.
func PublicationKey(group, api, env string) string {
	return "publications." + env + "@" + hwmodel.APIPath(group, api)
}

// BindingKey is the IDs key of a policy's binding to an API in an
// environment, mapped to the binding's id: policyKind is
// hwmodel.KindThrottle, KindACL or KindPlugin, e.g.
// "bindings.throttles.t1@RELEASE@groups.G.apis.A". It is the Resource of
// an attach or detach of KindBinding.
func BindingKey(policyKind, policy, group, api, env string) string {
	return "bindings." + policyKind + "." + policy + "@" + env + "@" + hwmodel.APIPath(group, api)
}

// EnvironmentDoc is an environment (name is Change.Name).
type EnvironmentDoc struct {
	Remark string `json:"remark,omitempty"`
}

// GroupDoc is an API group, without its domains, variables and APIs.
type GroupDoc struct {
	Remark string `json:"remark,omitempty"`
}

// DomainDoc is a custom domain bound to a group (url_domain is
// Change.Name). MinSSLVersion and the ingress ports are compared only
// when the desired state writes them (nil / "": the API's own default).
type DomainDoc struct {
	Group string `json:"group"`
	// Certificate names the APIG certificate bound to the domain.
	Certificate           string `json:"certificate,omitempty"`
	MinSSLVersion         string `json:"min_ssl_version,omitempty"`
	IsHTTPRedirectToHTTPS bool   `json:"is_http_redirect_to_https"`
	IngressHTTPPort       *int   `json:"ingress_http_port,omitempty"`
	IngressHTTPSPort      *int   `json:"ingress_https_port,omitempty"`
}

// VariableDoc is one environment variable of a group.
type VariableDoc struct {
	Group         string `json:"group"`
	Env           string `json:"env"`
	VariableName  string `json:"variable_name"`
	VariableValue string `json:"variable_value"`
}

// APIDoc is an API: the ApiCreate body without name (Change.Name)
// and group_id (Group names the group). Defaults are written out: type 1,
// req_protocol HTTPS, match_mode NORMAL, cors false; auth_opt is omitted
// when app_code_auth_type is DISABLE (the default). Tags are sorted,
// req_params and backend_params sorted by location then name, policy
// backends by name.
type APIDoc struct {
	Group               string             `json:"group"`
	Type                int                `json:"type"`
	Version             string             `json:"version,omitempty"`
	Remark              string             `json:"remark,omitempty"`
	ReqProtocol         string             `json:"req_protocol"`
	ReqMethod           string             `json:"req_method"`
	ReqURI              string             `json:"req_uri"`
	MatchMode           string             `json:"match_mode"`
	AuthType            string             `json:"auth_type"`
	AuthorizerID        string             `json:"authorizer_id,omitempty"`
	AuthOpt             *AuthOptDoc        `json:"auth_opt,omitempty"`
	CORS                bool               `json:"cors"`
	ContentType         string             `json:"content_type,omitempty"`
	BodyRemark          string             `json:"body_remark,omitempty"`
	ResultNormalSample  string             `json:"result_normal_sample,omitempty"`
	ResultFailureSample string             `json:"result_failure_sample,omitempty"`
	Tags                []string           `json:"tags,omitempty"`
	ReqParams           []ReqParamDoc      `json:"req_params,omitempty"`
	BackendType         string             `json:"backend_type"`
	BackendAPI          *BackendAPIDoc     `json:"backend_api,omitempty"`
	FuncInfo            *FuncInfoDoc       `json:"func_info,omitempty"`
	MockInfo            *MockInfoDoc       `json:"mock_info,omitempty"`
	BackendParams       []BackendParamDoc  `json:"backend_params,omitempty"`
	PolicyHTTPs         []PolicyBackendDoc `json:"policy_https,omitempty"`
	PolicyFunctions     []PolicyBackendDoc `json:"policy_functions,omitempty"`
	PolicyMocks         []PolicyBackendDoc `json:"policy_mocks,omitempty"`
}

// AuthOptDoc is auth_opt.
type AuthOptDoc struct {
	AppCodeAuthType string `json:"app_code_auth_type"`
}

// ReqParamDoc is one req_params entry. Required is written out
// (1 for PATH parameters, else 2, when not written), as are
// valid_enable (2) and pass_through (1: the seed document's CreateApiV2
// answers a parameter sent without it with 1).
type ReqParamDoc struct {
	Name         string `json:"name"`
	Type         string `json:"type"`
	Location     string `json:"location"`
	Required     int    `json:"required"`
	ValidEnable  int    `json:"valid_enable"`
	PassThrough  int    `json:"pass_through"`
	DefaultValue string `json:"default_value,omitempty"`
	SampleValue  string `json:"sample_value,omitempty"`
	Remark       string `json:"remark,omitempty"`
	Enumerations string `json:"enumerations,omitempty"`
	MinNum       *int   `json:"min_num,omitempty"`
	MaxNum       *int   `json:"max_num,omitempty"`
	MinSize      *int   `json:"min_size,omitempty"`
	MaxSize      *int   `json:"max_size,omitempty"`
}

// BackendAPIDoc is backend_api. vpc_channel_status is written out
// (1 when a VPC channel is named, else 2), and retry_count too ("-1",
// the API's default; a string, as the API wants it). With a VPC channel,
// a url_domain that is the channel's ID is left out: the API answers a
// backend sent without url_domain with the channel's ID there.
type BackendAPIDoc struct {
	ReqProtocol      string         `json:"req_protocol"`
	ReqMethod        string         `json:"req_method"`
	ReqURI           string         `json:"req_uri"`
	URLDomain        string         `json:"url_domain,omitempty"`
	VPCChannelStatus int            `json:"vpc_channel_status"`
	VPCChannelInfo   *VPCChannelDoc `json:"vpc_channel_info,omitempty"`
	Timeout          int            `json:"timeout,omitempty"`
	RetryCount       string         `json:"retry_count"`
	EnableClientSSL  bool           `json:"enable_client_ssl,omitempty"`
	AuthorizerID     string         `json:"authorizer_id,omitempty"`
	Version          string         `json:"version,omitempty"`
	Remark           string         `json:"remark,omitempty"`
}

// VPCChannelDoc is vpc_channel_info.
type VPCChannelDoc struct {
	VPCChannelID        string `json:"vpc_channel_id"`
	VPCChannelProxyHost string `json:"vpc_channel_proxy_host,omitempty"`
}

// FuncInfoDoc is func_info; req_protocol is written out (HTTPS).
type FuncInfoDoc struct {
	FunctionURN    string `json:"function_urn"`
	InvocationType string `json:"invocation_type"`
	NetworkType    string `json:"network_type"`
	Timeout        int    `json:"timeout,omitempty"`
	Version        string `json:"version,omitempty"`
	AliasURN       string `json:"alias_urn,omitempty"`
	AuthorizerID   string `json:"authorizer_id,omitempty"`
	ReqProtocol    string `json:"req_protocol"`
	Remark         string `json:"remark,omitempty"`
}

// MockInfoDoc is mock_info. status_code is sent only when the
// desired state writes it: the SDK's models (ApiMockCreate, ApiMock) have
// no status_code, so no read reports it, and a live mock is compared as
// if it had the status the desired state wants.
type MockInfoDoc struct {
	ResultContent string `json:"result_content,omitempty"`
	StatusCode    int    `json:"status_code,omitempty"`
	Version       string `json:"version,omitempty"`
	AuthorizerID  string `json:"authorizer_id,omitempty"`
	Remark        string `json:"remark,omitempty"`
}

// BackendParamDoc is one backend_params entry.
type BackendParamDoc struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	Origin   string `json:"origin"`
	Value    string `json:"value"`
	Remark   string `json:"remark,omitempty"`
}

// ConditionDoc is one condition of a policy backend.
type ConditionDoc struct {
	ConditionOrigin             string `json:"condition_origin"`
	ConditionType               string `json:"condition_type,omitempty"`
	ConditionValue              string `json:"condition_value"`
	ReqParamName                string `json:"req_param_name,omitempty"`
	SysParamName                string `json:"sys_param_name,omitempty"`
	CookieParamName             string `json:"cookie_param_name,omitempty"`
	FrontendAuthorizerParamName string `json:"frontend_authorizer_param_name,omitempty"`
}

// PolicyBackendDoc is one entry of policy_https, policy_functions or
// policy_mocks: the common fields, then those of its backend kind (the
// others are empty and omitted). Conditions keep their declaration order.
type PolicyBackendDoc struct {
	Name          string            `json:"name"`
	EffectMode    string            `json:"effect_mode"`
	Conditions    []ConditionDoc    `json:"conditions"`
	BackendParams []BackendParamDoc `json:"backend_params,omitempty"`
	AuthorizerID  string            `json:"authorizer_id,omitempty"`
	// policy_https (and req_protocol, timeout, version of policy_functions).
	ReqProtocol      string         `json:"req_protocol,omitempty"`
	ReqMethod        string         `json:"req_method,omitempty"`
	ReqURI           string         `json:"req_uri,omitempty"`
	URLDomain        string         `json:"url_domain,omitempty"`
	VPCChannelStatus int            `json:"vpc_channel_status,omitempty"`
	VPCChannelInfo   *VPCChannelDoc `json:"vpc_channel_info,omitempty"`
	Timeout          int            `json:"timeout,omitempty"`
	RetryCount       string         `json:"retry_count,omitempty"`
	// policy_functions.
	FunctionURN    string `json:"function_urn,omitempty"`
	InvocationType string `json:"invocation_type,omitempty"`
	NetworkType    string `json:"network_type,omitempty"`
	Version        string `json:"version,omitempty"`
	AliasURN       string `json:"alias_urn,omitempty"`
	// policy_mocks.
	ResultContent string `json:"result_content,omitempty"`
	StatusCode    int    `json:"status_code,omitempty"`
}

// ThrottleDoc is a request throttling policy (name is Change.Name);
// type is written out (1).
type ThrottleDoc struct {
	APICallLimits  int    `json:"api_call_limits"`
	UserCallLimits *int   `json:"user_call_limits,omitempty"`
	AppCallLimits  *int   `json:"app_call_limits,omitempty"`
	IPCallLimits   *int   `json:"ip_call_limits,omitempty"`
	TimeInterval   int    `json:"time_interval"`
	TimeUnit       string `json:"time_unit"`
	Type           int    `json:"type"`
	Remark         string `json:"remark,omitempty"`
}

// ACLDoc is an ACL policy (acl_name is Change.Name); acl_value is
// the comma-joined, sorted set of values. An ACL has no remark, so it
// carries no ownership marker.
type ACLDoc struct {
	ACLType    string `json:"acl_type"`
	EntityType string `json:"entity_type"`
	ACLValue   string `json:"acl_value"`
}

// PluginDoc is a plugin (plugin_name is Change.Name).
// PluginContent is plugin_content as an object, so a plan shows which of
// its fields change; Execute sends it as the JSON string the API wants
// (json.Marshal sorts its keys). plugin_scope is always "global".
type PluginDoc struct {
	PluginType    string         `json:"plugin_type"`
	PluginScope   string         `json:"plugin_scope"`
	PluginContent map[string]any `json:"plugin_content"`
	Remark        string         `json:"remark,omitempty"`
}

// BindingDoc is one policy bound to one published API in one
// environment (Change.Name is the policy's name).
type BindingDoc struct {
	// PolicyKind is hwmodel.KindThrottle, KindACL or KindPlugin.
	PolicyKind string `json:"policy_kind"`
	Policy     string `json:"policy"`
	// PluginType is the plugin's plugin_type (plugins only).
	PluginType string `json:"plugin_type,omitempty"`
	Group      string `json:"group"`
	API        string `json:"api"`
	Env        string `json:"env"`
}

// IsDocument marks EnvironmentDoc as a document.
func (*EnvironmentDoc) IsDocument() {}

// IsDocument marks GroupDoc as a document.
func (*GroupDoc) IsDocument() {}

// IsDocument marks DomainDoc as a document.
func (*DomainDoc) IsDocument() {}

// IsDocument marks VariableDoc as a document.
func (*VariableDoc) IsDocument() {}

// IsDocument marks APIDoc as a document.
func (*APIDoc) IsDocument() {}

// IsDocument marks ThrottleDoc as a document.
func (*ThrottleDoc) IsDocument() {}

// IsDocument marks ACLDoc as a document.
func (*ACLDoc) IsDocument() {}

// IsDocument marks PluginDoc as a document.
func (*PluginDoc) IsDocument() {}

// IsDocument marks BindingDoc as a document.
func (*BindingDoc) IsDocument() {}

// documentTypes are the documents of a Huawei plan's changes. A domain
// is sync.KindDomain, as in other kinds' plans; only DomainDoc has a
// group.
var documentTypes = []gwsync.DocumentType{
	{Kind: KindEnvironment, New: func() gwsync.Document { return &EnvironmentDoc{} }},
	{Kind: KindGroup, New: func() gwsync.Document { return &GroupDoc{} }},
	{Kind: KindVariable, New: func() gwsync.Document { return &VariableDoc{} }},
	{Kind: KindAPI, New: func() gwsync.Document { return &APIDoc{} }},
	{Kind: KindThrottle, New: func() gwsync.Document { return &ThrottleDoc{} }},
	{Kind: KindACL, New: func() gwsync.Document { return &ACLDoc{} }, Sets: []string{"/acl_value"}},
	{Kind: KindPlugin, New: func() gwsync.Document { return &PluginDoc{} }},
	{Kind: KindBinding, New: func() gwsync.Document { return &BindingDoc{} }},
	{Kind: gwsync.KindDomain, New: func() gwsync.Document { return &DomainDoc{} }, Field: "group"},
}

// label names a Huawei change's resource for people, or "" for a kind
// Label words the common way.
func label(c *gwsync.Change) string {
	switch c.Kind {
	case KindBinding:
		for _, d := range []gwsync.Document{c.After, c.Before} {
			if b, ok := d.(*BindingDoc); ok && b != nil {
				return fmt.Sprintf("%s %s -> api %s in %s", strings.TrimSuffix(b.PolicyKind, "s"), b.Policy, b.API, b.Env)
			}
		}
	case KindVariable:
		for _, d := range []gwsync.Document{c.After, c.Before} {
			if v, ok := d.(*VariableDoc); ok {
				return fmt.Sprintf("variable %s of group %s in %s", c.Name, v.Group, v.Env)
			}
		}
	}
	return ""
}
