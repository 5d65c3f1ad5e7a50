package sync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	hwmodel "github.com/gwsync/gwsync/model/huawei"
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
//	create/update/delete environment  HuaweiEnvironmentDoc  CreateEnvironmentV2 / UpdateEnvironmentV2 / DeleteEnvironmentV2
//	create/update/delete group        HuaweiGroupDoc        CreateApiGroupV2 / UpdateApiGroupV2 / DeleteApiGroupV2
//	create/update/delete variable     HuaweiVariableDoc     CreateEnvironmentVariableV2 / UpdateEnvironmentVariableV2 / DeleteEnvironmentVariableV2
//	create/update/delete api          HuaweiAPIDoc          CreateApiV2 / UpdateApiV2 / DeleteApiV2
//	deploy/undeploy api               DeployDoc             CreateOrDeletePublishRecordForApiV2, action online / offline
//	create/update/delete throttle     HuaweiThrottleDoc     ...RequestThrottlingPolicyV2
//	create/update/delete acl          HuaweiACLDoc          CreateAclStrategyV2 / UpdateAclStrategyV2 / DeleteAclV2
//	create/update/delete plugin       HuaweiPluginDoc       CreatePlugin / UpdatePlugin / DeletePlugin
//	attach/detach binding             HuaweiBindingDoc      throttle-bindings, acl-bindings, plugins/{id}/attach|detach
//	create/update/delete domain       HuaweiDomainDoc       AssociateDomainV2 / UpdateDomainV2 / DisassociateDomainV2 (+ certificate)
//
// Execute returns the live ID of what a create or an attach made (the
// group's id, the binding's id, ...), which apply records under
// Change.Resource; for a deploy it returns the publish_id, recorded under
// the publication key Change.Resource is (HuaweiPublicationKey), so that a
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

// Huawei kinds.
const (
	KindEnvironment Kind = "environment"
	KindGroup       Kind = "group"
	KindVariable    Kind = "variable"
	KindAPI         Kind = "api"
	KindThrottle    Kind = "throttle"
	KindACL         Kind = "acl"
	KindPlugin      Kind = "plugin"
	KindBinding     Kind = "binding"
	// A domain bound to a group is KindDomain with a HuaweiDomainDoc.
)

// huaweiProvider is gateway.provider of a Huawei Cloud APIG desired state.
const huaweiProvider = "huawei"

// huaweiTerms are Huawei Cloud APIG's words for a plan's actions, as its
// API and console use them: an API is published to an environment (and
// taken offline: unpublished), a policy is bound to an API in an
// environment (and unbound).
var huaweiTerms = map[Action]Term{
	Deploy:   {"publish", "published", "publish", "publishes"},
	Undeploy: {"unpublish", "unpublished", "unpublish", "unpublishes"},
	Attach:   {"bind", "bound", "binding", "bindings"},
	Detach:   {"unbind", "unbound", "unbinding", "unbindings"},
}

// HuaweiPublicationKey is the IDs key of an API's publication in an
// environment, mapped to its publish_id: "publications.ENV@groups.G.apis.A".
// It is the Resource of a deploy or undeploy of KindAPI.
func HuaweiPublicationKey(group, api, env string) string {
	return "publications." + env + "@" + hwmodel.APIPath(group, api)
}

// HuaweiBindingKey is the IDs key of a policy's binding to an API in an
// environment, mapped to the binding's id: policyKind is
// hwmodel.KindThrottle, HuaweiKindACL or HuaweiKindPlugin, e.g.
// "bindings.throttles.t1@RELEASE@groups.G.apis.A". It is the Resource of
// an attach or detach of KindBinding.
func HuaweiBindingKey(policyKind, policy, group, api, env string) string {
	return "bindings." + policyKind + "." + policy + "@" + env + "@" + hwmodel.APIPath(group, api)
}

// HuaweiEnvironmentDoc is an environment (name is Change.Name).
type HuaweiEnvironmentDoc struct {
	Remark string `json:"remark,omitempty"`
}

// HuaweiGroupDoc is an API group, without its domains, variables and APIs.
type HuaweiGroupDoc struct {
	Remark string `json:"remark,omitempty"`
}

// HuaweiDomainDoc is a custom domain bound to a group (url_domain is
// Change.Name). MinSSLVersion and the ingress ports are compared only
// when the desired state writes them (nil / "": the API's own default).
type HuaweiDomainDoc struct {
	Group string `json:"group"`
	// Certificate names the APIG certificate bound to the domain.
	Certificate           string `json:"certificate,omitempty"`
	MinSSLVersion         string `json:"min_ssl_version,omitempty"`
	IsHTTPRedirectToHTTPS bool   `json:"is_http_redirect_to_https"`
	IngressHTTPPort       *int   `json:"ingress_http_port,omitempty"`
	IngressHTTPSPort      *int   `json:"ingress_https_port,omitempty"`
}

// HuaweiVariableDoc is one environment variable of a group.
type HuaweiVariableDoc struct {
	Group         string `json:"group"`
	Env           string `json:"env"`
	VariableName  string `json:"variable_name"`
	VariableValue string `json:"variable_value"`
}

// HuaweiAPIDoc is an API: the ApiCreate body without name (Change.Name)
// and group_id (Group names the group). Defaults are written out: type 1,
// req_protocol HTTPS, match_mode NORMAL, cors false; auth_opt is omitted
// when app_code_auth_type is DISABLE (the default). Tags are sorted,
// req_params and backend_params sorted by location then name, policy
// backends by name.
type HuaweiAPIDoc struct {
	Group               string                   `json:"group"`
	Type                int                      `json:"type"`
	Version             string                   `json:"version,omitempty"`
	Remark              string                   `json:"remark,omitempty"`
	ReqProtocol         string                   `json:"req_protocol"`
	ReqMethod           string                   `json:"req_method"`
	ReqURI              string                   `json:"req_uri"`
	MatchMode           string                   `json:"match_mode"`
	AuthType            string                   `json:"auth_type"`
	AuthorizerID        string                   `json:"authorizer_id,omitempty"`
	AuthOpt             *HuaweiAuthOptDoc        `json:"auth_opt,omitempty"`
	CORS                bool                     `json:"cors"`
	ContentType         string                   `json:"content_type,omitempty"`
	BodyRemark          string                   `json:"body_remark,omitempty"`
	ResultNormalSample  string                   `json:"result_normal_sample,omitempty"`
	ResultFailureSample string                   `json:"result_failure_sample,omitempty"`
	Tags                []string                 `json:"tags,omitempty"`
	ReqParams           []HuaweiReqParamDoc      `json:"req_params,omitempty"`
	BackendType         string                   `json:"backend_type"`
	BackendAPI          *HuaweiBackendAPIDoc     `json:"backend_api,omitempty"`
	FuncInfo            *HuaweiFuncInfoDoc       `json:"func_info,omitempty"`
	MockInfo            *HuaweiMockInfoDoc       `json:"mock_info,omitempty"`
	BackendParams       []HuaweiBackendParamDoc  `json:"backend_params,omitempty"`
	PolicyHTTPs         []HuaweiPolicyBackendDoc `json:"policy_https,omitempty"`
	PolicyFunctions     []HuaweiPolicyBackendDoc `json:"policy_functions,omitempty"`
	PolicyMocks         []HuaweiPolicyBackendDoc `json:"policy_mocks,omitempty"`
}

// HuaweiAuthOptDoc is auth_opt.
type HuaweiAuthOptDoc struct {
	AppCodeAuthType string `json:"app_code_auth_type"`
}

// HuaweiReqParamDoc is one req_params entry. Required is written out
// (1 for PATH parameters, else 2, when not written), as are
// valid_enable (2) and pass_through (1: the seed document's CreateApiV2
// answers a parameter sent without it with 1).
type HuaweiReqParamDoc struct {
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

// HuaweiBackendAPIDoc is backend_api. vpc_channel_status is written out
// (1 when a VPC channel is named, else 2), and retry_count too ("-1",
// the API's default; a string, as the API wants it). With a VPC channel,
// a url_domain that is the channel's ID is left out: the API answers a
// backend sent without url_domain with the channel's ID there.
type HuaweiBackendAPIDoc struct {
	ReqProtocol      string               `json:"req_protocol"`
	ReqMethod        string               `json:"req_method"`
	ReqURI           string               `json:"req_uri"`
	URLDomain        string               `json:"url_domain,omitempty"`
	VPCChannelStatus int                  `json:"vpc_channel_status"`
	VPCChannelInfo   *HuaweiVPCChannelDoc `json:"vpc_channel_info,omitempty"`
	Timeout          int                  `json:"timeout,omitempty"`
	RetryCount       string               `json:"retry_count"`
	EnableClientSSL  bool                 `json:"enable_client_ssl,omitempty"`
	AuthorizerID     string               `json:"authorizer_id,omitempty"`
	Version          string               `json:"version,omitempty"`
	Remark           string               `json:"remark,omitempty"`
}

// HuaweiVPCChannelDoc is vpc_channel_info.
type HuaweiVPCChannelDoc struct {
	VPCChannelID        string `json:"vpc_channel_id"`
	VPCChannelProxyHost string `json:"vpc_channel_proxy_host,omitempty"`
}

// HuaweiFuncInfoDoc is func_info; req_protocol is written out (HTTPS).
type HuaweiFuncInfoDoc struct {
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

// HuaweiMockInfoDoc is mock_info. status_code is sent only when the
// desired state writes it: the SDK's models (ApiMockCreate, ApiMock) have
// no status_code, so no read reports it, and a live mock is compared as
// if it had the status the desired state wants.
type HuaweiMockInfoDoc struct {
	ResultContent string `json:"result_content,omitempty"`
	StatusCode    int    `json:"status_code,omitempty"`
	Version       string `json:"version,omitempty"`
	AuthorizerID  string `json:"authorizer_id,omitempty"`
	Remark        string `json:"remark,omitempty"`
}

// HuaweiBackendParamDoc is one backend_params entry.
type HuaweiBackendParamDoc struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	Origin   string `json:"origin"`
	Value    string `json:"value"`
	Remark   string `json:"remark,omitempty"`
}

// HuaweiConditionDoc is one condition of a policy backend.
type HuaweiConditionDoc struct {
	ConditionOrigin             string `json:"condition_origin"`
	ConditionType               string `json:"condition_type,omitempty"`
	ConditionValue              string `json:"condition_value"`
	ReqParamName                string `json:"req_param_name,omitempty"`
	SysParamName                string `json:"sys_param_name,omitempty"`
	CookieParamName             string `json:"cookie_param_name,omitempty"`
	FrontendAuthorizerParamName string `json:"frontend_authorizer_param_name,omitempty"`
}

// HuaweiPolicyBackendDoc is one entry of policy_https, policy_functions or
// policy_mocks: the common fields, then those of its backend kind (the
// others are empty and omitted). Conditions keep their declaration order.
type HuaweiPolicyBackendDoc struct {
	Name          string                  `json:"name"`
	EffectMode    string                  `json:"effect_mode"`
	Conditions    []HuaweiConditionDoc    `json:"conditions"`
	BackendParams []HuaweiBackendParamDoc `json:"backend_params,omitempty"`
	AuthorizerID  string                  `json:"authorizer_id,omitempty"`
	// policy_https (and req_protocol, timeout, version of policy_functions).
	ReqProtocol      string               `json:"req_protocol,omitempty"`
	ReqMethod        string               `json:"req_method,omitempty"`
	ReqURI           string               `json:"req_uri,omitempty"`
	URLDomain        string               `json:"url_domain,omitempty"`
	VPCChannelStatus int                  `json:"vpc_channel_status,omitempty"`
	VPCChannelInfo   *HuaweiVPCChannelDoc `json:"vpc_channel_info,omitempty"`
	Timeout          int                  `json:"timeout,omitempty"`
	RetryCount       string               `json:"retry_count,omitempty"`
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

// HuaweiThrottleDoc is a request throttling policy (name is Change.Name);
// type is written out (1).
type HuaweiThrottleDoc struct {
	APICallLimits  int    `json:"api_call_limits"`
	UserCallLimits *int   `json:"user_call_limits,omitempty"`
	AppCallLimits  *int   `json:"app_call_limits,omitempty"`
	IPCallLimits   *int   `json:"ip_call_limits,omitempty"`
	TimeInterval   int    `json:"time_interval"`
	TimeUnit       string `json:"time_unit"`
	Type           int    `json:"type"`
	Remark         string `json:"remark,omitempty"`
}

// HuaweiACLDoc is an ACL policy (acl_name is Change.Name); acl_value is
// the comma-joined, sorted set of values. An ACL has no remark, so it
// carries no ownership marker.
type HuaweiACLDoc struct {
	ACLType    string `json:"acl_type"`
	EntityType string `json:"entity_type"`
	ACLValue   string `json:"acl_value"`
}

// HuaweiPluginDoc is a plugin (plugin_name is Change.Name).
// PluginContent is plugin_content as an object, so a plan shows which of
// its fields change; Execute sends it as the JSON string the API wants
// (json.Marshal sorts its keys). plugin_scope is always "global".
type HuaweiPluginDoc struct {
	PluginType    string         `json:"plugin_type"`
	PluginScope   string         `json:"plugin_scope"`
	PluginContent map[string]any `json:"plugin_content"`
	Remark        string         `json:"remark,omitempty"`
}

// HuaweiBindingDoc is one policy bound to one published API in one
// environment (Change.Name is the policy's name).
type HuaweiBindingDoc struct {
	// PolicyKind is hwmodel.KindThrottle, HuaweiKindACL or
	// HuaweiKindPlugin.
	PolicyKind string `json:"policy_kind"`
	Policy     string `json:"policy"`
	// PluginType is the plugin's plugin_type (plugins only).
	PluginType string `json:"plugin_type,omitempty"`
	Group      string `json:"group"`
	API        string `json:"api"`
	Env        string `json:"env"`
}

func (*HuaweiEnvironmentDoc) document() {}
func (*HuaweiGroupDoc) document()       {}
func (*HuaweiDomainDoc) document()      {}
func (*HuaweiVariableDoc) document()    {}
func (*HuaweiAPIDoc) document()         {}
func (*HuaweiThrottleDoc) document()    {}
func (*HuaweiACLDoc) document()         {}
func (*HuaweiPluginDoc) document()      {}
func (*HuaweiBindingDoc) document()     {}

// newHuaweiDocument returns an empty document of a Huawei kind, or nil.
func newHuaweiDocument(k Kind) Document {
	switch k {
	case KindEnvironment:
		return &HuaweiEnvironmentDoc{}
	case KindGroup:
		return &HuaweiGroupDoc{}
	case KindVariable:
		return &HuaweiVariableDoc{}
	case KindAPI:
		return &HuaweiAPIDoc{}
	case KindThrottle:
		return &HuaweiThrottleDoc{}
	case KindACL:
		return &HuaweiACLDoc{}
	case KindPlugin:
		return &HuaweiPluginDoc{}
	case KindBinding:
		return &HuaweiBindingDoc{}
	}
	return nil
}

// isHuaweiDomain reports whether a saved domain document is a Huawei one:
// only HuaweiDomainDoc has a group.
func isHuaweiDomain(b json.RawMessage) bool {
	var probe map[string]json.RawMessage
	if json.Unmarshal(b, &probe) != nil {
		return false
	}
	_, ok := probe["group"]
	return ok
}

// huaweiLabel names a Huawei change's resource for people, or "" for a
// kind Label words the common way.
func huaweiLabel(c *Change) string {
	switch c.Kind {
	case KindBinding:
		for _, d := range []Document{c.After, c.Before} {
			if b, ok := d.(*HuaweiBindingDoc); ok && b != nil {
				return fmt.Sprintf("%s %s -> api %s in %s", strings.TrimSuffix(b.PolicyKind, "s"), b.Policy, b.API, b.Env)
			}
		}
	case KindVariable:
		for _, d := range []Document{c.After, c.Before} {
			if v, ok := d.(*HuaweiVariableDoc); ok {
				return fmt.Sprintf("variable %s of group %s in %s", c.Name, v.Group, v.Env)
			}
		}
	}
	return ""
}

// decodeDomain decodes a domain document of either provider.
func decodeDomain(b json.RawMessage) (Document, error) {
	var d Document = &DomainDoc{}
	if isHuaweiDomain(b) {
		d = &HuaweiDomainDoc{}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(d); err != nil {
		return nil, err
	}
	return d, nil
}
