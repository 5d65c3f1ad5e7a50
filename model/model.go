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
	Gateway Gateway
	// Probes are the live-traffic checks apply runs once its changes are
	// live. They change nothing on the gateway.
	Probes []*Probe
	// State is what the gateway kind keeps below the gateway block: the
	// resources of its own model package, under model/.
	State KindState
}

// KindState is the desired state of a gateway kind: its package's
// resources, which only that kind's stages read.
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

// RoutePath is the resource path of a route.
func RoutePath(api, name string) string { return "httpApis." + api + ".routes." + name }

// ProbePath is the resource path of a probe.
func ProbePath(name string) string { return "probes." + name }
