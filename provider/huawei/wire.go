package huawei

// Wire shapes of APIG v2 resources, as the API answers them. Each holds
// only fields its answer's model in the official SDK has (the conformance
// test, conformance_test.go, holds every one to its model), and reads
// decode only the fields gwsync compares or resolves.

type wireInstance struct {
	ID     string `json:"id"`
	Name   string `json:"instance_name"`
	Status string `json:"status"`
}

type wireEnv struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Remark string `json:"remark"`
}

type wireVariable struct {
	ID      string `json:"id"`
	GroupID string `json:"group_id"`
	EnvID   string `json:"env_id"`
	Name    string `json:"variable_name"`
	Value   string `json:"variable_value"`
}

type wireGroup struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Remark     string       `json:"remark"`
	URLDomains []wireDomain `json:"url_domains"`
}

// wireDomain is a domain bound to a group, as the group answers it
// (UrlDomain). It does not say whether HTTP is redirected to HTTPS:
// only the answers about a domain itself do (wireDomainSettings).
type wireDomain struct {
	ID               string        `json:"id"`
	Domain           string        `json:"domain"`
	SslID            string        `json:"ssl_id"`
	SslName          string        `json:"ssl_name"`
	MinSslVersion    string        `json:"min_ssl_version"`
	IngressHTTPPort  *int          `json:"ingress_http_port,omitempty"`
	IngressHTTPSPort *int          `json:"ingress_https_port,omitempty"`
	SslInfos         []wireSslInfo `json:"ssl_infos"`
}

// wireSslInfo is one certificate bound to a domain (SslInfo).
type wireSslInfo struct {
	SslID   string `json:"ssl_id"`
	SslName string `json:"ssl_name"`
}

// certificate is the ID and name of the domain's certificate: ssl_id and
// ssl_name, or the first of ssl_infos.
func (d wireDomain) certificate() (id, name string) {
	if d.SslID != "" || len(d.SslInfos) == 0 {
		return d.SslID, d.SslName
	}
	return d.SslInfos[0].SslID, d.SslInfos[0].SslName
}

// wireDomainSettings is a domain's settings as the calls about the domain
// itself answer them: AssociateDomainV2 and UpdateDomainV2
// (UrlDomainBaseInfo) and ListAttachedDomainsV2 (UrlDomainRefInfo), the
// only reads that say whether HTTP is redirected to HTTPS.
type wireDomainSettings struct {
	ID            string `json:"id"`
	URLDomain     string `json:"url_domain"`
	MinSslVersion string `json:"min_ssl_version"`
	Redirect      bool   `json:"is_http_redirect_to_https"`
}

// wireAPI is an API: ApiCreate's fields plus what the gateway adds.
type wireAPI struct {
	ID                  string               `json:"id,omitempty"`
	Name                string               `json:"name"`
	Type                int                  `json:"type"`
	Version             string               `json:"version,omitempty"`
	ReqProtocol         string               `json:"req_protocol"`
	ReqMethod           string               `json:"req_method"`
	ReqURI              string               `json:"req_uri"`
	AuthType            string               `json:"auth_type"`
	AuthOpt             *wireAuthOpt         `json:"auth_opt,omitempty"`
	CORS                bool                 `json:"cors"`
	MatchMode           string               `json:"match_mode,omitempty"`
	BackendType         string               `json:"backend_type"`
	Remark              string               `json:"remark,omitempty"`
	GroupID             string               `json:"group_id"`
	BodyRemark          string               `json:"body_remark,omitempty"`
	ResultNormalSample  string               `json:"result_normal_sample,omitempty"`
	ResultFailureSample string               `json:"result_failure_sample,omitempty"`
	AuthorizerID        string               `json:"authorizer_id,omitempty"`
	Tags                []string             `json:"tags,omitempty"`
	ContentType         string               `json:"content_type,omitempty"`
	ReqParams           []wireReqParam       `json:"req_params,omitempty"`
	BackendAPI          *wireBackendAPI      `json:"backend_api,omitempty"`
	FuncInfo            *wireFuncInfo        `json:"func_info,omitempty"`
	MockInfo            *wireMockInfo        `json:"mock_info,omitempty"`
	BackendParams       []wireBackendParam   `json:"backend_params,omitempty"`
	PolicyHTTPs         []wirePolicyHTTP     `json:"policy_https,omitempty"`
	PolicyFunctions     []wirePolicyFunction `json:"policy_functions,omitempty"`
	PolicyMocks         []wirePolicyMock     `json:"policy_mocks,omitempty"`
	// Computed: where the API is published, "|"-joined.
	RunEnvID  string `json:"run_env_id,omitempty"`
	PublishID string `json:"publish_id,omitempty"`
}

type wireAuthOpt struct {
	AppCodeAuthType string `json:"app_code_auth_type,omitempty"`
}

type wireReqParam struct {
	Name         string `json:"name"`
	Type         string `json:"type"`
	Location     string `json:"location"`
	Required     int    `json:"required,omitempty"`
	ValidEnable  int    `json:"valid_enable,omitempty"`
	PassThrough  int    `json:"pass_through,omitempty"`
	DefaultValue string `json:"default_value,omitempty"`
	SampleValue  string `json:"sample_value,omitempty"`
	Remark       string `json:"remark,omitempty"`
	Enumerations string `json:"enumerations,omitempty"`
	MinNum       *int   `json:"min_num,omitempty"`
	MaxNum       *int   `json:"max_num,omitempty"`
	MinSize      *int   `json:"min_size,omitempty"`
	MaxSize      *int   `json:"max_size,omitempty"`
}

type wireVPCChannelInfo struct {
	VPCChannelID        string `json:"vpc_channel_id,omitempty"`
	VPCChannelProxyHost string `json:"vpc_channel_proxy_host,omitempty"`
}

type wireBackendAPI struct {
	ReqProtocol      string              `json:"req_protocol,omitempty"`
	ReqMethod        string              `json:"req_method,omitempty"`
	ReqURI           string              `json:"req_uri,omitempty"`
	URLDomain        string              `json:"url_domain,omitempty"`
	VPCChannelStatus int                 `json:"vpc_channel_status,omitempty"`
	VPCChannelInfo   *wireVPCChannelInfo `json:"vpc_channel_info,omitempty"`
	Timeout          int                 `json:"timeout"`
	RetryCount       *string             `json:"retry_count,omitempty"` // a number in a string, "-1" to "10"
	EnableClientSSL  bool                `json:"enable_client_ssl,omitempty"`
	AuthorizerID     string              `json:"authorizer_id,omitempty"`
	Version          string              `json:"version,omitempty"`
	Remark           string              `json:"remark,omitempty"`
}

type wireFuncInfo struct {
	FunctionURN    string `json:"function_urn"`
	InvocationType string `json:"invocation_type,omitempty"`
	NetworkType    string `json:"network_type,omitempty"`
	Timeout        int    `json:"timeout,omitempty"`
	Version        string `json:"version,omitempty"`
	AliasURN       string `json:"alias_urn,omitempty"`
	AuthorizerID   string `json:"authorizer_id,omitempty"`
	ReqProtocol    string `json:"req_protocol,omitempty"`
	Remark         string `json:"remark,omitempty"`
}

// wireMockInfo is mock_info as the API answers it (ApiMock): without the
// status_code a desired state may write, which no SDK model has.
type wireMockInfo struct {
	ResultContent string `json:"result_content,omitempty"`
	Version       string `json:"version,omitempty"`
	AuthorizerID  string `json:"authorizer_id,omitempty"`
	Remark        string `json:"remark,omitempty"`
}

type wireBackendParam struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	Origin   string `json:"origin"`
	Value    string `json:"value"`
	Remark   string `json:"remark,omitempty"`
}

type wireCondition struct {
	Origin                      string `json:"condition_origin"`
	Type                        string `json:"condition_type,omitempty"`
	Value                       string `json:"condition_value"`
	ReqParamName                string `json:"req_param_name,omitempty"`
	SysParamName                string `json:"sys_param_name,omitempty"`
	CookieParamName             string `json:"cookie_param_name,omitempty"`
	FrontendAuthorizerParamName string `json:"frontend_authorizer_param_name,omitempty"`
}

// wirePolicyHTTP is a policy_https entry (ApiPolicyHttpResp).
type wirePolicyHTTP struct {
	Name             string              `json:"name"`
	EffectMode       string              `json:"effect_mode"`
	Conditions       []wireCondition     `json:"conditions"`
	BackendParams    []wireBackendParam  `json:"backend_params,omitempty"`
	AuthorizerID     string              `json:"authorizer_id,omitempty"`
	ReqProtocol      string              `json:"req_protocol,omitempty"`
	ReqMethod        string              `json:"req_method,omitempty"`
	ReqURI           string              `json:"req_uri,omitempty"`
	URLDomain        string              `json:"url_domain,omitempty"`
	VPCChannelStatus int                 `json:"vpc_channel_status,omitempty"`
	VPCChannelInfo   *wireVPCChannelInfo `json:"vpc_channel_info,omitempty"`
	Timeout          int                 `json:"timeout,omitempty"`
	RetryCount       *string             `json:"retry_count,omitempty"`
}

// wirePolicyFunction is a policy_functions entry (ApiPolicyFunctionResp).
type wirePolicyFunction struct {
	Name           string             `json:"name"`
	EffectMode     string             `json:"effect_mode"`
	Conditions     []wireCondition    `json:"conditions"`
	BackendParams  []wireBackendParam `json:"backend_params,omitempty"`
	AuthorizerID   string             `json:"authorizer_id,omitempty"`
	FunctionURN    string             `json:"function_urn,omitempty"`
	InvocationType string             `json:"invocation_type,omitempty"`
	NetworkType    string             `json:"network_type,omitempty"`
	ReqProtocol    string             `json:"req_protocol,omitempty"`
	Timeout        int                `json:"timeout,omitempty"`
	Version        string             `json:"version,omitempty"`
	AliasURN       string             `json:"alias_urn,omitempty"`
}

// wirePolicyMock is a policy_mocks entry (ApiPolicyMockResp).
type wirePolicyMock struct {
	Name          string             `json:"name"`
	EffectMode    string             `json:"effect_mode"`
	Conditions    []wireCondition    `json:"conditions"`
	BackendParams []wireBackendParam `json:"backend_params,omitempty"`
	AuthorizerID  string             `json:"authorizer_id,omitempty"`
	ResultContent string             `json:"result_content,omitempty"`
}

type wireThrottle struct {
	ID             string `json:"id,omitempty"`
	Name           string `json:"name"`
	APICallLimits  int    `json:"api_call_limits"`
	UserCallLimits *int   `json:"user_call_limits,omitempty"`
	AppCallLimits  *int   `json:"app_call_limits,omitempty"`
	IPCallLimits   *int   `json:"ip_call_limits,omitempty"`
	TimeInterval   int    `json:"time_interval"`
	TimeUnit       string `json:"time_unit"`
	Type           int    `json:"type,omitempty"`
	Remark         string `json:"remark,omitempty"`
	// IsIncluSpecial is 1 when the policy has special throttles (per app
	// or tenant), which gwsync does not manage (read only).
	IsIncluSpecial int `json:"is_inclu_special_throttle,omitempty"`
}

type wireACL struct {
	ID         string `json:"id,omitempty"`
	Name       string `json:"acl_name"`
	Type       string `json:"acl_type"`
	EntityType string `json:"entity_type"`
	Value      string `json:"acl_value"`
}

type wirePlugin struct {
	ID      string `json:"plugin_id,omitempty"`
	Name    string `json:"plugin_name"`
	Type    string `json:"plugin_type"`
	Scope   string `json:"plugin_scope"`
	Content string `json:"plugin_content"`
	Remark  string `json:"remark,omitempty"`
}

// wireAPIBrief is an API as ListApisV2 lists it; the read shows each in
// detail (wireAPI).
type wireAPIBrief struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// wireCreated is the ID a create answers with (environments, groups,
// variables, APIs, throttles, ACLs).
type wireCreated struct {
	ID string `json:"id"`
}

// wirePublished is what CreateOrDeletePublishRecordForApiV2 answers.
type wirePublished struct {
	PublishID string `json:"publish_id"`
}

// wireThrottleBindings is what AssociateRequestThrottlingPolicyV2
// answers.
type wireThrottleBindings struct {
	Applys []wireCreated `json:"throttle_applys"`
}

// wireACLBindings is what CreateApiAclBindingV2 answers.
type wireACLBindings struct {
	Bindings []wireCreated `json:"acl_bindings"`
}

// wirePluginAttachments is what AttachApiToPlugin answers.
type wirePluginAttachments struct {
	Attached []struct {
		ID string `json:"plugin_attach_id"`
	} `json:"attached_plugins"`
}

func (b wireThrottleBindings) first() string {
	if len(b.Applys) == 0 {
		return ""
	}
	return b.Applys[0].ID
}

func (b wireACLBindings) first() string {
	if len(b.Bindings) == 0 {
		return ""
	}
	return b.Bindings[0].ID
}

func (a wirePluginAttachments) first() string {
	if len(a.Attached) == 0 {
		return ""
	}
	return a.Attached[0].ID
}

// wireBinding is one binding of a policy: the bound API, environment and
// the binding's own ID.
type wireBinding struct {
	APIID, EnvID, ID string
}

// bound is a policy's bound-API list item.
type bound interface{ binding() wireBinding }

// wireThrottleBound is an API bound to a throttle
// (ListApisBindedToRequestThrottlingPolicyV2: ApiForThrottle).
type wireThrottleBound struct {
	APIID     string `json:"id"`
	EnvID     string `json:"run_env_id"`
	BindingID string `json:"throttle_apply_id"`
}

// wireACLBound is an API bound to an ACL (ListApisBindedToAclPolicyV2:
// AclBindApiInfo).
type wireACLBound struct {
	APIID     string `json:"api_id"`
	EnvID     string `json:"env_id"`
	BindingID string `json:"bind_id"`
}

// wirePluginBound is an API a plugin is attached to
// (ListPluginAttachedApis: PluginApiInfo).
type wirePluginBound struct {
	APIID     string `json:"api_id"`
	EnvID     string `json:"env_id"`
	BindingID string `json:"plugin_attach_id"`
}

func (b wireThrottleBound) binding() wireBinding { return wireBinding{b.APIID, b.EnvID, b.BindingID} }
func (b wireACLBound) binding() wireBinding      { return wireBinding{b.APIID, b.EnvID, b.BindingID} }
func (b wirePluginBound) binding() wireBinding   { return wireBinding{b.APIID, b.EnvID, b.BindingID} }

// named is a listed resource a create that meets a taken name looks up.
type named interface {
	name() string
	id() string
}

func (e wireEnv) name() string      { return e.Name }
func (e wireEnv) id() string        { return e.ID }
func (g wireGroup) name() string    { return g.Name }
func (g wireGroup) id() string      { return g.ID }
func (a wireAPIBrief) name() string { return a.Name }
func (a wireAPIBrief) id() string   { return a.ID }
func (t wireThrottle) name() string { return t.Name }
func (t wireThrottle) id() string   { return t.ID }
func (a wireACL) name() string      { return a.Name }
func (a wireACL) id() string        { return a.ID }
func (p wirePlugin) name() string   { return p.Name }
func (p wirePlugin) id() string     { return p.ID }
func (v wireVariable) name() string { return v.Name }
func (v wireVariable) id() string   { return v.ID }
func (c wireCreated) id() string    { return c.ID }
