package huawei

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Wire shapes of APIG v2 resources, as the API takes and answers them.
// Reads decode only the fields gwsync compares or resolves; the API shapes
// are also what Execute sends.

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

type wireDomain struct {
	ID               string `json:"id"`
	Domain           string `json:"domain"`
	SslID            string `json:"ssl_id"`
	SslName          string `json:"ssl_name"`
	MinSslVersion    string `json:"min_ssl_version"`
	Redirect         bool   `json:"is_http_redirect_to_https"`
	IngressHTTPPort  *int   `json:"ingress_http_port,omitempty"`
	IngressHTTPSPort *int   `json:"ingress_https_port,omitempty"`
	SslInfos         []struct {
		CertID   string `json:"cert_id"`
		CertName string `json:"cert_name"`
	} `json:"ssl_infos"`
}

// wireAPI is an API: ApiCreate's fields plus what the gateway adds.
type wireAPI struct {
	ID                  string              `json:"id,omitempty"`
	Name                string              `json:"name"`
	Type                int                 `json:"type"`
	Version             string              `json:"version,omitempty"`
	ReqProtocol         string              `json:"req_protocol"`
	ReqMethod           string              `json:"req_method"`
	ReqURI              string              `json:"req_uri"`
	AuthType            string              `json:"auth_type"`
	AuthOpt             *wireAuthOpt        `json:"auth_opt,omitempty"`
	CORS                bool                `json:"cors"`
	MatchMode           string              `json:"match_mode,omitempty"`
	BackendType         string              `json:"backend_type"`
	Remark              string              `json:"remark,omitempty"`
	GroupID             string              `json:"group_id"`
	BodyRemark          string              `json:"body_remark,omitempty"`
	ResultNormalSample  string              `json:"result_normal_sample,omitempty"`
	ResultFailureSample string              `json:"result_failure_sample,omitempty"`
	AuthorizerID        string              `json:"authorizer_id,omitempty"`
	Tags                []string            `json:"tags,omitempty"`
	ContentType         string              `json:"content_type,omitempty"`
	ReqParams           []wireReqParam      `json:"req_params,omitempty"`
	BackendAPI          *wireBackendAPI     `json:"backend_api,omitempty"`
	FuncInfo            *wireFuncInfo       `json:"func_info,omitempty"`
	MockInfo            *wireMockInfo       `json:"mock_info,omitempty"`
	BackendParams       []wireBackendParam  `json:"backend_params,omitempty"`
	PolicyHTTPs         []wirePolicyBackend `json:"policy_https,omitempty"`
	PolicyFunctions     []wirePolicyBackend `json:"policy_functions,omitempty"`
	PolicyMocks         []wirePolicyBackend `json:"policy_mocks,omitempty"`
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

// retryCount is retry_count: a JSON string on the wire ("-1"), a number
// in the desired state. It reads a number too.
type retryCount int

func (r retryCount) MarshalJSON() ([]byte, error) {
	return json.Marshal(strconv.Itoa(int(r)))
}

func (r *retryCount) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return err
	}
	*r = retryCount(n)
	return nil
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
	RetryCount       *retryCount         `json:"retry_count,omitempty"`
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

type wireMockInfo struct {
	ResultContent string `json:"result_content,omitempty"`
	StatusCode    int    `json:"status_code,omitempty"`
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

// wirePolicyBackend is a policy_https, policy_functions or policy_mocks
// entry: the common fields and the backend fields of its kind, inline.
type wirePolicyBackend struct {
	Name          string             `json:"name"`
	EffectMode    string             `json:"effect_mode"`
	Conditions    []wireCondition    `json:"conditions"`
	BackendParams []wireBackendParam `json:"backend_params,omitempty"`
	AuthorizerID  string             `json:"authorizer_id,omitempty"`
	// policy_https
	ReqProtocol      string              `json:"req_protocol,omitempty"`
	ReqMethod        string              `json:"req_method,omitempty"`
	ReqURI           string              `json:"req_uri,omitempty"`
	URLDomain        string              `json:"url_domain,omitempty"`
	VPCChannelStatus int                 `json:"vpc_channel_status,omitempty"`
	VPCChannelInfo   *wireVPCChannelInfo `json:"vpc_channel_info,omitempty"`
	Timeout          int                 `json:"timeout,omitempty"`
	RetryCount       *retryCount         `json:"retry_count,omitempty"`
	EnableClientSSL  bool                `json:"enable_client_ssl,omitempty"`
	// policy_functions
	FunctionURN    string `json:"function_urn,omitempty"`
	InvocationType string `json:"invocation_type,omitempty"`
	NetworkType    string `json:"network_type,omitempty"`
	AliasURN       string `json:"alias_urn,omitempty"`
	// policy_mocks
	ResultContent string `json:"result_content,omitempty"`
	StatusCode    int    `json:"status_code,omitempty"`
	// shared
	Version string `json:"version,omitempty"`
	Remark  string `json:"remark,omitempty"`
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

// wireBound is one binding of a policy, as the bound-API lists give it:
// throttles (id, run_env_id, throttle_apply_id), ACLs (api_id, env_id,
// bind_id) and plugins (api_id, env_id, plugin_attach_id).
type wireBound struct {
	ID              string `json:"id"`
	APIID           string `json:"api_id"`
	RunEnvID        string `json:"run_env_id"`
	EnvID           string `json:"env_id"`
	ThrottleApplyID string `json:"throttle_apply_id"`
	BindID          string `json:"bind_id"`
	PluginAttachID  string `json:"plugin_attach_id"`
}

// api is the bound API's ID.
func (b wireBound) api() string {
	if b.APIID != "" {
		return b.APIID
	}
	return b.ID
}

// env is the bound environment's ID.
func (b wireBound) env() string {
	if b.EnvID != "" {
		return b.EnvID
	}
	return b.RunEnvID
}

// binding is the binding's own ID.
func (b wireBound) binding() string {
	for _, id := range []string{b.ThrottleApplyID, b.BindID, b.PluginAttachID} {
		if id != "" {
			return id
		}
	}
	return ""
}
