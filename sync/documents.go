package sync

import (
	"bytes"
	"encoding/json"
)

// Document is the normalised, comparable form of one resource: what a plan
// shows as before and after, and what apply sends. Its concrete type is
// one of ServiceDoc, DomainDoc, PolicyDoc, HTTPAPIDoc, RouteDoc,
// AttachmentDoc and DeployDoc, or one a gateway kind lists in its
// DocumentTypes.
type Document interface {
	// IsDocument marks the type as a document.
	IsDocument()
}

// ServiceDoc is a backend service.
type ServiceDoc struct {
	SourceType string   `json:"sourceType"`
	Namespace  string   `json:"namespace,omitempty"`
	GroupName  string   `json:"groupName,omitempty"`
	Addresses  []string `json:"addresses,omitempty"`
	Protocol   string   `json:"protocol,omitempty"`
	// Ports and HealthCheck are compared only when the desired state
	// declares them (the gateway derives its own); DNSServers and a health
	// check's expectedStatuses are written but never compared: APIG does
	// not answer them.
	Ports       []PortDoc      `json:"ports,omitempty"`
	DNSServers  []string       `json:"dnsServers,omitempty"`
	HealthCheck map[string]any `json:"healthCheck,omitempty"`
}

// PortDoc is one named port of a service.
type PortDoc struct {
	Name     string `json:"name,omitempty"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol,omitempty"`
}

// DomainDoc is a custom domain.
type DomainDoc struct {
	Protocol       string `json:"protocol"`
	CertIdentifier string `json:"certIdentifier,omitempty"`
	MTLSEnabled    bool   `json:"mTLSEnabled,omitempty"`
	ForceHTTPS     bool   `json:"forceHttps,omitempty"`
	TLSMin         string `json:"tlsMin,omitempty"`
	TLSMax         string `json:"tlsMax,omitempty"`
	// CACertIdentifier and HTTP2Option are compared only when declared
	// (the read takes them from GetDomain: ListDomains lacks them).
	CACertIdentifier string `json:"caCertIdentifier,omitempty"`
	HTTP2Option      string `json:"http2Option,omitempty"`
}

// PolicyDoc is a classic policy.
type PolicyDoc struct {
	ClassName   string `json:"className"`
	Description string `json:"description,omitempty"`
	// Config is the config object in canonical form: the config string
	// the API takes decoded into plain JSON values, address lists sorted.
	Config map[string]any `json:"config"`
}

// HTTPAPIDoc is an HTTP API (type Http), without its routes.
type HTTPAPIDoc struct {
	Description string   `json:"description,omitempty"`
	BasePath    string   `json:"basePath"`
	Protocols   []string `json:"protocols"`
}

// RouteDoc is a route, referring to its API, environment, domains and
// services by name.
type RouteDoc struct {
	API         string     `json:"api"`
	Description string     `json:"description,omitempty"`
	Environment string     `json:"environment"`
	Domains     []string   `json:"domains"`
	Match       MatchDoc   `json:"match"`
	Backend     BackendDoc `json:"backend"`
}

// MatchDoc is a route's match.
type MatchDoc struct {
	Path          PathDoc        `json:"path"`
	Methods       []string       `json:"methods,omitempty"` // none: every method
	Headers       []ConditionDoc `json:"headers,omitempty"`
	QueryParams   []ConditionDoc `json:"queryParams,omitempty"`
	IgnoreURICase bool           `json:"ignoreUriCase,omitempty"`
}

// PathDoc is the path part of a match.
type PathDoc struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// ConditionDoc is a header or query parameter condition.
type ConditionDoc struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// BackendDoc is a route's backend.
type BackendDoc struct {
	Scene    string              `json:"scene"`
	Services []BackendServiceDoc `json:"services,omitempty"`
}

// BackendServiceDoc is one service behind a route.
type BackendServiceDoc struct {
	Service  string `json:"service"`
	Protocol string `json:"protocol"`
	Port     int    `json:"port,omitempty"`
	Weight   int    `json:"weight,omitempty"`  // MultiServiceByRatio only
	Version  string `json:"version,omitempty"` // MultiServiceByTag only
}

// AttachmentDoc is one policy attached to one resource.
type AttachmentDoc struct {
	Policy       string `json:"policy"`
	ResourceType string `json:"resourceType"`
	// Resource is the resource path, ResourceName the resource's name.
	Resource     string `json:"resource"`
	ResourceName string `json:"resourceName"`
	// Environment is "" for an environment-agnostic attachment ("*").
	Environment string `json:"environment,omitempty"`
}

// DeployDoc is a route's deploy state: the environment it serves in.
type DeployDoc struct {
	Environment string `json:"environment"`
	Status      string `json:"status,omitempty"` // live side only
}

// Live deploy states of a route gwsync reads (model.Deploy.Status).
const (
	StatusDeployed    = "Deployed"
	StatusNotDeployed = "NotDeployed"
)

// IsDocument marks ServiceDoc as a document.
func (*ServiceDoc) IsDocument() {}

// IsDocument marks DomainDoc as a document.
func (*DomainDoc) IsDocument() {}

// IsDocument marks PolicyDoc as a document.
func (*PolicyDoc) IsDocument() {}

// IsDocument marks HTTPAPIDoc as a document.
func (*HTTPAPIDoc) IsDocument() {}

// IsDocument marks RouteDoc as a document.
func (*RouteDoc) IsDocument() {}

// IsDocument marks AttachmentDoc as a document.
func (*AttachmentDoc) IsDocument() {}

// IsDocument marks DeployDoc as a document.
func (*DeployDoc) IsDocument() {}

// newDocument returns an empty document of the type a change of kind k
// and action a carries, decoding b (see DocumentType.Field); b nil asks
// only whether the change is one a plan makes.
func newDocument(k Kind, a Action, b json.RawMessage) (Document, error) {
	if a == Deploy || a == Undeploy {
		return &DeployDoc{}, nil
	}
	dt, err := documentType(k, b)
	if err != nil {
		return nil, err
	}
	return dt.New(), nil
}

// decodeDocument decodes a document written by a plan; null is nil.
func decodeDocument(k Kind, a Action, b json.RawMessage) (Document, error) {
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil, nil
	}
	d, err := newDocument(k, a, b)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(d); err != nil {
		return nil, err
	}
	return d, nil
}
