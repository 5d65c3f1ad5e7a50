// Package aliyun is the Alibaba Cloud API Gateway (APIG) desired state:
// what a desired state whose gateway block says provider "aliyun" or
// "local" compiles into (model.Desired.State holds a *State), and what
// the APIG provider reads a live gateway into (model.Live.State.State).
//
// Resources refer to each other by name. Every resource, and every field
// a rule talks about, keeps the source position it was declared at
// (model.Pos), so a finding can point at the line to change. Routes are
// model.Route values: the overlap analysis (package conflicts) reads
// them as every kind's routes.
package aliyun

import "github.com/gwsync/gwsync/model"

// State is the APIG part of a desired state: everything below the
// gateway block except the probes. Slices are sorted by name.
type State struct {
	Environments []*Environment
	Services     []*Service
	Domains      []*Domain
	Policies     []*Policy
	HTTPAPIs     []*HTTPAPI
	// Attachments are the policy attachments implied by the policies lists
	// of domains, HTTP APIs and routes, in declaration order.
	Attachments []*Attachment
	// Unmanaged lists, in a live state, the policy attachments the read
	// found to resources gwsync does not manage (the gateway, an
	// operation, a service port...), which Attachments cannot hold; each
	// also has a note in model.Live.Notes. A desired state has none.
	Unmanaged []UnmanagedAttachment
}

// Provider is the gateway.provider value of an APIG desired state on
// Alibaba Cloud (provider "local" selects the embedded APIG gateway).
const Provider = "aliyun"

// GatewayKind names the kind a State belongs to.
func (s *State) GatewayKind() string { return Provider }

// Of returns the APIG state of d, or nil when d is not an APIG desired
// state.
func Of(d *model.Desired) *State {
	s, _ := d.State.(*State)
	return s
}

// Environment is a gateway environment, bound by name unless ID is set.
type Environment struct {
	Name        string
	ID          string
	Alias       string
	Description string
	Pos         model.Pos
}

// Service is a backend service.
type Service struct {
	Name        string
	SourceType  string
	Addresses   []model.Ref // each address with its position; Name holds the address
	Namespace   string
	GroupName   string
	Protocol    string
	Ports       []ServicePort
	DNSServers  []string
	HealthCheck map[string]any // as written; compared canonically
	Pos         model.Pos
}

// ServicePort is one named port of a service.
type ServicePort struct {
	Name     string
	Port     int
	Protocol string
}

// Domain is a custom domain bound to the gateway.
type Domain struct {
	Name             string
	Protocol         string
	CertIdentifier   string
	CACertIdentifier string
	MTLSEnabled      bool
	ForceHTTPS       bool
	HTTP2Option      string
	TLSMin           string
	TLSMax           string
	Policies         []model.Ref
	Pos              model.Pos
	ProtocolPos      model.Pos
}

// Policy is a classic gateway policy.
type Policy struct {
	Name        string
	ClassName   string
	Description string
	// Config is the config as written, decoded into JSON values
	// (map[string]any, []any, string, float64, int64, bool, nil).
	Config map[string]any
	// ConfigPos maps a JSON pointer inside Config ("" for the config
	// itself, "/ipAccessControlContent/1" for an element) to where it was
	// written.
	ConfigPos map[string]model.Pos
	// ConfigJSON is the config string the API wants: Config with the
	// fields that follow from where the policy is attached filled in
	// (IpAccessControl's name, ipAccessControlResourceName and
	// ipAccessControlResourceType), lists the API wants as text joined,
	// and keys sorted. The compiler sets it.
	ConfigJSON string
	Pos        model.Pos
}

// PositionOf returns the position of the config node at the JSON pointer
// ptr, or of its nearest written ancestor, or of the policy.
func (p *Policy) PositionOf(ptr string) model.Pos {
	for {
		if pos, ok := p.ConfigPos[ptr]; ok {
			return pos
		}
		if ptr == "" {
			return p.Pos
		}
		i := len(ptr) - 1
		for i > 0 && ptr[i] != '/' {
			i--
		}
		ptr = ptr[:i]
	}
}

// HTTPAPI is an HTTP API (type Http) and its routes.
type HTTPAPI struct {
	Name        string
	Description string
	Protocols   []string
	BasePath    string
	Policies    []model.Ref
	Routes      []*model.Route
	Pos         model.Pos
}

// Attach resource types, as the APIG API spells them.
const (
	AttachDomain  = "Domain"
	AttachHTTPAPI = "HttpApi"
	AttachRoute   = "GatewayRoute"
	AttachService = "GatewayService"
	AttachGateway = "Gateway"
)

// Attachment is one policy attached to one resource.
type Attachment struct {
	Policy       model.Ref // the policy, and where the attachment was written
	ResourceType string    // AttachDomain, AttachHTTPAPI or AttachRoute
	Resource     string    // resource path, e.g. domains.api.example.com
	ResourceName string    // the resource's own name (domain, API or route name)
	// Environment is the environment name for route attachments ("" for
	// environment-agnostic attachments, which the API writes as "*").
	Environment string
	// ResourcePos is where the resource is declared.
	ResourcePos model.Pos
}

// DomainPath is the resource path of a domain.
func DomainPath(name string) string { return "domains." + name }

// ServicePath is the resource path of a service.
func ServicePath(name string) string { return "services." + name }

// PolicyPath is the resource path of a policy.
func PolicyPath(name string) string { return "policies." + name }

// EnvironmentPath is the resource path of an environment.
func EnvironmentPath(name string) string { return "environments." + name }

// HTTPAPIPath is the resource path of an HTTP API.
func HTTPAPIPath(name string) string { return "httpApis." + name }

// Routes returns every route of every HTTP API, in API then route order.
func (s *State) Routes() []*model.Route {
	var n int
	for _, a := range s.HTTPAPIs {
		n += len(a.Routes)
	}
	out := make([]*model.Route, 0, n)
	for _, a := range s.HTTPAPIs {
		out = append(out, a.Routes...)
	}
	return out
}

// UnmanagedAttachment is a policy attached to a resource gwsync does not
// manage, as the gateway reports it.
type UnmanagedAttachment struct {
	Policy       string // the policy's name
	ResourceType string // attachResourceType, e.g. Gateway
	ResourceID   string // the resource's live ID
	ID           string // the attachment's live ID
	// Environment is the environment's name, or its ID when the gateway
	// has no such environment ("" for every environment).
	Environment string
}

// AttachmentKey names one attachment of a policy to a resource, as the
// IDs map keys it: "attachments.<policy>@<resource path>".
func AttachmentKey(policy, resource string) string {
	return "attachments." + policy + "@" + resource
}
