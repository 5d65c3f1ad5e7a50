// Package model is the typed desired state that every gwsync stage shares:
// the compiler produces it from CUE, validate and conflicts read it, and
// later stages diff it against a live gateway.
//
// Resources refer to each other by name. Every resource, and every field a
// rule talks about, keeps the source position it was declared at, so a
// finding can point at the line to change.
package model

import "fmt"

// Pos is a source position: a file relative to the working directory (with
// forward slashes), and a 1-based line and column. The zero Pos means
// "unknown".
type Pos struct {
	File   string
	Line   int
	Column int
}

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.File != "" }

// String renders p as file:line:col (or file when line is unknown).
func (p Pos) String() string {
	switch {
	case !p.IsValid():
		return "-"
	case p.Line == 0:
		return p.File
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	}
}

// Before orders positions by file, line and column.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}

// Ref is a reference by name to another resource, with where it was written.
type Ref struct {
	Name string
	Pos  Pos
}

// Desired is the whole desired state of one gateway. Slices are sorted by
// name so every stage sees the same order.
type Desired struct {
	Gateway      Gateway
	Environments []*Environment
	Services     []*Service
	Domains      []*Domain
	Policies     []*Policy
	HTTPAPIs     []*HTTPAPI
	// Attachments are the policy attachments implied by the policies lists
	// of domains, HTTP APIs and routes, in declaration order.
	Attachments []*Attachment
	// Probes are the live-traffic checks apply runs once its changes are
	// live. They change nothing on the gateway.
	Probes []*Probe
	// State is what a gateway kind with a shape of its own keeps below
	// the gateway block (the lists above are then empty), and nil for a
	// kind that uses the lists above.
	State KindState
}

// KindState is the desired state of a gateway kind that has a shape of
// its own: its package's resources, which only that kind's stages read.
type KindState interface {
	// GatewayKind names the kind the state belongs to.
	GatewayKind() string
}

// Gateway names the target gateway.
type Gateway struct {
	Provider string
	// ID is the live gateway ID (for some kinds an instance ID).
	ID     string
	Region string
	// ProjectID is the cloud project the gateway lives in, for kinds
	// whose accounts have projects ("" otherwise).
	ProjectID string
	// Local selects the kind's embedded gateway (gateway.local) instead
	// of its cloud.
	Local bool
	// Owner names this desired state among several sharing a gateway;
	// it is written into the ownership marker ("" for the default).
	Owner string
	Pos   Pos
}

// Environment is a gateway environment, bound by name unless ID is set.
type Environment struct {
	Name        string
	ID          string
	Alias       string
	Description string
	Pos         Pos
}

// Service is a backend service.
type Service struct {
	Name        string
	SourceType  string
	Addresses   []Ref // each address with its position; Name holds the address
	Namespace   string
	GroupName   string
	Protocol    string
	Ports       []ServicePort
	DNSServers  []string
	HealthCheck map[string]any // as written; compared canonically
	Pos         Pos
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
	Policies         []Ref
	Pos              Pos
	ProtocolPos      Pos
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
	ConfigPos map[string]Pos
	// ConfigJSON is the config string the API wants: Config with the
	// fields that follow from where the policy is attached filled in
	// (IpAccessControl's name, ipAccessControlResourceName and
	// ipAccessControlResourceType), lists the API wants as text joined,
	// and keys sorted. The compiler sets it.
	ConfigJSON string
	Pos        Pos
}

// PositionOf returns the position of the config node at the JSON pointer
// ptr, or of its nearest written ancestor, or of the policy.
func (p *Policy) PositionOf(ptr string) Pos {
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
	Policies    []Ref
	Routes      []*Route
	Pos         Pos
}

// Route is one route of an HTTP API.
type Route struct {
	Name        string
	API         string
	Description string
	Environment Ref // Name is "" when no environment was written
	Domains     []Ref
	Match       Match
	Backend     Backend
	Policies    []Ref
	Pos         Pos
}

// Path returns the route's resource path, e.g.
// httpApis.orders-http-api.routes.orders-route.
func (r *Route) Path() string { return RoutePath(r.API, r.Name) }

// Match selects the requests a route takes.
type Match struct {
	Path          PathMatch
	Methods       []string // empty means every method
	Headers       []Condition
	QueryParams   []Condition
	IgnoreURICase bool
	Pos           Pos
}

// Path match types.
const (
	PathExact  = "Exact"
	PathPrefix = "Prefix"
	PathRegex  = "Regex"
)

// PathMatch is the path part of a match.
type PathMatch struct {
	Type  string // PathExact, PathPrefix or PathRegex
	Value string
	Pos   Pos
}

// Condition is a header or query parameter condition.
type Condition struct {
	Name  string
	Type  string // PathExact, PathPrefix or PathRegex semantics
	Value string
	Pos   Pos
}

// Backend scenes.
const (
	SceneSingle   = "SingleService"
	SceneRatio    = "MultiServiceByRatio"
	SceneTag      = "MultiServiceByTag"
	SceneMock     = "Mock"
	SceneRedirect = "Redirect"
)

// Backend is a route's backendConfig.
type Backend struct {
	Scene    string
	Services []BackendService
	Pos      Pos
}

// BackendService is one service behind a route.
type BackendService struct {
	Service  Ref
	Protocol string
	Port     int // 0 when not written
	Weight   int // 0 when not written
	// HasWeight tells a written weight of 0 from an absent one.
	HasWeight bool
	Version   string
	Pos       Pos
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
	Policy       Ref    // the policy, and where the attachment was written
	ResourceType string // AttachDomain, AttachHTTPAPI or AttachRoute
	Resource     string // resource path, e.g. domains.api.example.com
	ResourceName string // the resource's own name (domain, API or route name)
	// Environment is the environment name for route attachments ("" for
	// environment-agnostic attachments, which the API writes as "*").
	Environment string
	// ResourcePos is where the resource is declared.
	ResourcePos Pos
}

// Probe is a request sent through the gateway's data plane after apply,
// and the answer it must get back.
type Probe struct {
	Name   string
	Method string
	// Domain is the declared domain the request is for, sent as the Host
	// header.
	Domain Ref
	// Path starts with "/" and holds no query.
	Path    string
	Headers []Param // extra request headers, in declaration order
	Query   []Param // query parameters, in declaration order
	// Scheme is "https" when the request stands for an HTTPS one, else ""
	// or "http"; SchemePos is where it was written.
	Scheme    string
	SchemePos Pos
	// Origin is sent as the Origin header ("" for none).
	Origin    string
	OriginPos Pos
	// PreflightMethod is sent as Access-Control-Request-Method ("" for
	// none); PreflightMethodPos is where it was written.
	PreflightMethod    string
	PreflightMethodPos Pos
	// Source is the client IP address the request stands for ("" for
	// none), sent as X-Forwarded-For; SourcePos is where it was written.
	Source    string
	SourcePos Pos
	// Status is the HTTP status the response must have.
	Status int
	// ExpectHeaders are the response headers the answer must carry (or
	// not), in declaration order.
	ExpectHeaders []HeaderExpectation
	// Location is the exact Location header the answer must carry, when
	// HasLocation; LocationPos is where it was written.
	Location    string
	HasLocation bool
	LocationPos Pos
	Pos         Pos
}

// HeaderExpectation is one response header a probe expects: with an exact
// Value, or only Present (true) or absent (false).
type HeaderExpectation struct {
	Name string
	// Exact is true when Value is the value wanted; otherwise Present says
	// whether the header must be there.
	Exact   bool
	Value   string
	Present bool
	Pos     Pos
}

// Param is a named string value: a probe's header or query parameter.
type Param struct {
	Name  string
	Value string
	Pos   Pos
}

// Resource paths, as findings name them.

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

// RoutePath is the resource path of a route.
func RoutePath(api, name string) string { return "httpApis." + api + ".routes." + name }

// ProbePath is the resource path of a probe.
func ProbePath(name string) string { return "probes." + name }

// Routes returns every route of every HTTP API, in API then route order.
func (d *Desired) Routes() []*Route {
	var n int
	for _, a := range d.HTTPAPIs {
		n += len(a.Routes)
	}
	out := make([]*Route, 0, n)
	for _, a := range d.HTTPAPIs {
		out = append(out, a.Routes...)
	}
	return out
}
