package aliyun

// The resources the emulator keeps, in the API's own JSON spelling so that a
// stored document and a response body are the same bytes. Fields the API
// computes on read (a route's backend, an API's environments) are filled by
// the handlers, not stored.

// Store kinds: the bucket each resource kind is written to.
const (
	kindGateway    = "gateways"
	kindService    = "services"
	kindDomain     = "domains"
	kindAPI        = "http-apis"
	kindRoute      = "routes"
	kindPolicy     = "policies"
	kindAttachment = "policy-attachments"
)

// Deploy states a route goes through.
const (
	statusNotDeployed    = "NotDeployed"
	statusDeploying      = "Deploying"
	statusDeployed       = "Deployed"
	statusDeployFailed   = "DeployFailed"
	statusUndeploying    = "Undeploying"
	statusUndeployFailed = "UndeployFailed"
)

type gatewayRec struct {
	GatewayID       string           `json:"gatewayId"`
	Name            string           `json:"name"`
	GatewayType     string           `json:"gatewayType"`
	GatewayEdition  string           `json:"gatewayEdition"`
	Status          string           `json:"status"`
	Version         string           `json:"version"`
	Spec            string           `json:"spec"`
	ChargeType      string           `json:"chargeType"`
	Environments    []environmentRec `json:"environments"`
	CreateTimestamp int64            `json:"createTimestamp"`
	UpdateTimestamp int64            `json:"updateTimestamp"`
}

type environmentRec struct {
	EnvironmentID   string `json:"environmentId"`
	Name            string `json:"name"`
	Alias           string `json:"alias"`
	Description     string `json:"description"`
	Default         bool   `json:"default"`
	CreateTimestamp int64  `json:"createTimestamp"`
	UpdateTimestamp int64  `json:"updateTimestamp"`
}

type portRec struct {
	Name     string `json:"name,omitempty"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol,omitempty"`
}

type serviceRec struct {
	ServiceID         string         `json:"serviceId"`
	Name              string         `json:"name"`
	SourceType        string         `json:"sourceType"`
	GatewayID         string         `json:"gatewayId"`
	Namespace         string         `json:"namespace,omitempty"`
	GroupName         string         `json:"groupName,omitempty"`
	Addresses         []string       `json:"addresses"`
	DNSServers        []string       `json:"dnsServers,omitempty"`
	Ports             []portRec      `json:"ports"`
	Protocol          string         `json:"protocol"`
	HealthStatus      string         `json:"healthStatus"`
	HealthCheckConfig map[string]any `json:"healthCheck,omitempty"`
	CreateTimestamp   int64          `json:"createTimestamp"`
	UpdateTimestamp   int64          `json:"updateTimestamp"`
}

type domainRec struct {
	DomainID         string `json:"domainId"`
	Name             string `json:"name"`
	Protocol         string `json:"protocol"`
	CertIdentifier   string `json:"certIdentifier,omitempty"`
	CACertIdentifier string `json:"caCertIdentifier,omitempty"`
	MTLSEnabled      bool   `json:"mTLSEnabled"`
	ForceHTTPS       bool   `json:"forceHttps"`
	DomainScope      string `json:"domainScope"`
	GatewayType      string `json:"gatewayType"`
	HTTP2Option      string `json:"http2Option"`
	TLSMin           string `json:"tlsMin,omitempty"`
	TLSMax           string `json:"tlsMax,omitempty"`
	Status           string `json:"status"`
	CreateFrom       string `json:"createFrom"`
	CreateTimestamp  int64  `json:"createTimestamp"`
	UpdateTimestamp  int64  `json:"updateTimestamp"`
}

type apiRec struct {
	HTTPAPIID       string   `json:"httpApiId"`
	Name            string   `json:"name"`
	Type            string   `json:"type"`
	BasePath        string   `json:"basePath"`
	Protocols       []string `json:"protocols"`
	Description     string   `json:"description"`
	GatewayID       string   `json:"gatewayId"`
	CreateTimestamp int64    `json:"createTimestamp"`
	UpdateTimestamp int64    `json:"updateTimestamp"`
}

type pathMatch struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type condition struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

type routeMatch struct {
	Path          pathMatch   `json:"path"`
	Methods       []string    `json:"methods,omitempty"`
	Headers       []condition `json:"headers,omitempty"`
	QueryParams   []condition `json:"queryParams,omitempty"`
	IgnoreURICase bool        `json:"ignoreUriCase"`
}

type backendService struct {
	ServiceID string `json:"serviceId"`
	Name      string `json:"name,omitempty"`
	Protocol  string `json:"protocol,omitempty"`
	Port      int    `json:"port,omitempty"`
	Weight    int    `json:"weight,omitempty"`
	Version   string `json:"version,omitempty"`
}

type backendConfig struct {
	Scene    string           `json:"scene"`
	Services []backendService `json:"services"`
}

// routeSpec is what a route is configured with: what the API writes and what
// a deploy takes a snapshot of.
type routeSpec struct {
	Description   string        `json:"description"`
	EnvironmentID string        `json:"environmentId"`
	DomainIDs     []string      `json:"domainIds"`
	Match         routeMatch    `json:"match"`
	BackendConfig backendConfig `json:"backendConfig"`
}

type routeRec struct {
	RouteID            string     `json:"routeId"`
	HTTPAPIID          string     `json:"httpApiId"`
	Name               string     `json:"name"`
	Spec               routeSpec  `json:"spec"`
	DeployStatus       string     `json:"deployStatus"`
	DeployErrorMessage string     `json:"deployErrorMessage,omitempty"`
	Deployed           *routeSpec `json:"deployed,omitempty"`  // the spec the data plane serves
	StatusDue          int64      `json:"statusDue,omitempty"` // when a Deploying/Undeploying state settles (ms)
	CreateTimestamp    int64      `json:"createTimestamp"`
	UpdateTimestamp    int64      `json:"updateTimestamp"`
}

type policyRec struct {
	PolicyID        string `json:"policyId"`
	Name            string `json:"name"`
	ClassName       string `json:"className"`
	Config          string `json:"config"`
	Description     string `json:"description"`
	CreateTimestamp int64  `json:"createTimestamp"`
	UpdateTimestamp int64  `json:"updateTimestamp"`
}

type attachmentRec struct {
	PolicyAttachmentID string `json:"policyAttachmentId"`
	PolicyID           string `json:"policyId"`
	AttachResourceID   string `json:"attachResourceId"`
	AttachResourceType string `json:"attachResourceType"`
	EnvironmentID      string `json:"environmentId"`
	GatewayID          string `json:"gatewayId"`
	CreateTimestamp    int64  `json:"createTimestamp"`
}
