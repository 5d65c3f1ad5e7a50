package huawei

// The resources the emulator keeps, in the API's own JSON spelling, so that
// a stored document and a response body agree. Counts and other fields the
// API computes on read are filled by the handlers.

// Store kinds: the bucket each resource kind is written to (prefixed so
// that an Alibaba and a Huawei emulator could share a file).
const (
	kindInstance    = "hw-instance"
	kindEnv         = "hw-envs"
	kindVariable    = "hw-env-variables"
	kindGroup       = "hw-groups"
	kindAPI         = "hw-apis"
	kindPublication = "hw-publications"
	kindThrottle    = "hw-throttles"
	kindThrottleBnd = "hw-throttle-bindings"
	kindACL         = "hw-acls"
	kindACLBnd      = "hw-acl-bindings"
	kindPlugin      = "hw-plugins"
	kindPluginBnd   = "hw-plugin-attachments"
)

// ReleaseEnvID and ReleaseEnvName are the environment every instance has.
const (
	ReleaseEnvID   = "DEFAULT_ENVIRONMENT_RELEASE_ID"
	ReleaseEnvName = "RELEASE"
)

type instanceRec struct {
	ID         string `json:"id"`
	ProjectID  string `json:"project_id"`
	Name       string `json:"instance_name"`
	Status     string `json:"status"`
	Version    string `json:"instance_version"`
	Spec       string `json:"spec"`
	IngressIP  string `json:"ingress_ip"`
	VpcID      string `json:"vpc_id"`
	CreateTime int64  `json:"create_time"`
}

type envRec struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Remark     string `json:"remark"`
	CreateTime string `json:"create_time"`
}

type variableRec struct {
	ID         string `json:"id"`
	GroupID    string `json:"group_id"`
	EnvID      string `json:"env_id"`
	Name       string `json:"variable_name"`
	Value      string `json:"variable_value"`
	CreateTime string `json:"create_time"` // kept for the order of lists; not answered
}

// variableView is a variable as the API answers it (EnvVariableInfo).
type variableView struct {
	ID      string `json:"id"`
	GroupID string `json:"group_id"`
	EnvID   string `json:"env_id"`
	Name    string `json:"variable_name"`
	Value   string `json:"variable_value"`
}

func (v *variableRec) view() variableView {
	return variableView{ID: v.ID, GroupID: v.GroupID, EnvID: v.EnvID, Name: v.Name, Value: v.Value}
}

// certRec is a certificate bound to a domain, as ssl_infos lists it
// (SslInfo).
type certRec struct {
	SslID   string `json:"ssl_id"`
	SslName string `json:"ssl_name"`
	// AlgorithmType is RSA, ECC or SM2.
	AlgorithmType string `json:"algorithm_type,omitempty"`
	// Type is the certificate's scope: 1 the instance, 2 global. A
	// certificate bound with its content (AssociateCertificateV2) is the
	// instance's.
	Type               int  `json:"type"`
	IsHasTrustedRootCA bool `json:"is_has_trusted_root_ca"`
}

type domainRec struct {
	ID                  string    `json:"id"`
	Domain              string    `json:"domain"`
	CnameStatus         int       `json:"cname_status"`
	Status              int       `json:"status"`
	SslID               string    `json:"ssl_id"`
	SslName             string    `json:"ssl_name"`
	MinSslVersion       string    `json:"min_ssl_version"`
	HTTPRedirectToHTTPS bool      `json:"is_http_redirect_to_https"`
	VerifiedClientCert  bool      `json:"verified_client_certificate_enabled"`
	IngressHTTPPort     int       `json:"ingress_http_port"`
	IngressHTTPSPort    int       `json:"ingress_https_port"`
	SslInfos            []certRec `json:"ssl_infos"`
	IsHasTrustedRootCA  bool      `json:"is_has_trusted_root_ca"`
}

type groupRec struct {
	ID                    string       `json:"id"`
	Name                  string       `json:"name"`
	Remark                string       `json:"remark"`
	Status                int          `json:"status"`
	SlDomain              string       `json:"sl_domain"`
	SlDomains             []string     `json:"sl_domains"`
	SlDomainAccessEnabled bool         `json:"sl_domain_access_enabled"`
	RegisterTime          string       `json:"register_time"`
	UpdateTime            string       `json:"update_time"`
	OnSellStatus          int          `json:"on_sell_status"`
	IsDefault             int          `json:"is_default"`
	URLDomains            []*domainRec `json:"url_domains"`
}

// apiRec is an API: the body the client last wrote (a full ApiCreate,
// kept as sent so that every field reads back) and what the gateway adds.
type apiRec struct {
	ID           string         `json:"id"`
	GroupID      string         `json:"group_id"`
	BackendID    string         `json:"backend_id"`
	Spec         map[string]any `json:"spec"`
	RegisterTime string         `json:"register_time"`
	UpdateTime   string         `json:"update_time"`
}

// publicationRec is an API published in an environment, with the
// definition it was published with: the data plane serves that snapshot
// until the API is published again.
type publicationRec struct {
	ID          string         `json:"publish_id"`
	APIID       string         `json:"api_id"`
	EnvID       string         `json:"env_id"`
	VersionID   string         `json:"version_id"`
	Remark      string         `json:"remark"`
	PublishTime string         `json:"publish_time"`
	Online      bool           `json:"online"`
	Snapshot    map[string]any `json:"snapshot"`
	GroupID     string         `json:"group_id"`
}

type throttleRec struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	APICallLimits  int64  `json:"api_call_limits"`
	UserCallLimits *int64 `json:"user_call_limits,omitempty"`
	AppCallLimits  *int64 `json:"app_call_limits,omitempty"`
	IPCallLimits   *int64 `json:"ip_call_limits,omitempty"`
	TimeInterval   int64  `json:"time_interval"`
	TimeUnit       string `json:"time_unit"`
	Remark         string `json:"remark"`
	Type           int    `json:"type"`
	CreateTime     string `json:"create_time"`
	BindNum        int    `json:"bind_num"`
	IsIncluSpecial int    `json:"is_inclu_special_throttle"`
	EnableAdaptive string `json:"enable_adaptive_control,omitempty"`
}

// bindingRec binds a throttling or ACL policy to an API in an environment.
type bindingRec struct {
	ID         string `json:"id"`
	PolicyID   string `json:"policy_id"`
	APIID      string `json:"api_id"`
	EnvID      string `json:"env_id"`
	PublishID  string `json:"publish_id"`
	CreateTime string `json:"create_time"`
}

type aclRec struct {
	ID         string `json:"id"`
	Name       string `json:"acl_name"`
	Type       string `json:"acl_type"`
	Value      string `json:"acl_value"`
	EntityType string `json:"entity_type"`
	UpdateTime string `json:"update_time"`
}

// aclListed is an ACL as ListAclStrategiesV2 answers it, with its count
// of bindings (ApiAclInfoWithBindNum); the create, update and show
// answers have none.
type aclListed struct {
	*aclRec
	BindNum int `json:"bind_num"`
}

type pluginRec struct {
	ID         string `json:"plugin_id"`
	Name       string `json:"plugin_name"`
	Type       string `json:"plugin_type"`
	Scope      string `json:"plugin_scope"`
	Content    string `json:"plugin_content"`
	Remark     string `json:"remark"`
	CreateTime string `json:"create_time"`
	UpdateTime string `json:"update_time"`
}

type pluginAttachRec struct {
	ID           string `json:"plugin_attach_id"`
	PluginID     string `json:"plugin_id"`
	EnvID        string `json:"env_id"`
	APIID        string `json:"api_id"`
	AttachedTime string `json:"attached_time"`
}
