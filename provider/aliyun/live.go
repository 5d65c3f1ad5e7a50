package aliyun

import (
	"encoding/json"
	"reflect"
)

// Wire shapes of the live resources, as APIG 2024-03-27 answers them. Only
// the fields gwsync compares or resolves are decoded.

type listPage[T any] struct {
	Items     []T `json:"items"`
	TotalSize int `json:"totalSize"`
}

type wireGateway struct {
	GatewayID    string `json:"gatewayId"`
	Environments []struct {
		EnvironmentID string `json:"environmentId"`
		Name          string `json:"name"`
		Alias         string `json:"alias"`
	} `json:"environments"`
}

// wireService is the SDK's Service. It has no DNS servers, and its health
// check no expected statuses: both are written and never read back.
type wireService struct {
	ServiceID  string   `json:"serviceId"`
	Name       string   `json:"name"`
	SourceType string   `json:"sourceType"`
	Namespace  string   `json:"namespace"`
	GroupName  string   `json:"groupName"`
	Addresses  []string `json:"addresses"`
	Protocol   string   `json:"protocol"`
	Ports      []struct {
		Name     string `json:"name"`
		Port     int    `json:"port"`
		Protocol string `json:"protocol"`
	} `json:"ports"`
	HealthCheck map[string]any `json:"healthCheck"`
}

// wireDomain is the SDK's DomainInfo (a ListDomains item), with what only
// GetDomain answers filled in by the read.
type wireDomain struct {
	DomainID         string `json:"domainId"`
	Name             string `json:"name"`
	Protocol         string `json:"protocol"`
	CertIdentifier   string `json:"certIdentifier"`
	MTLSEnabled      bool   `json:"mTLSEnabled"`
	ForceHTTPS       bool   `json:"forceHttps"`
	TLSMin           string `json:"tlsMin"`
	TLSMax           string `json:"tlsMax"`
	CACertIdentifier string `json:"-"`
	HTTP2Option      string `json:"-"`
}

// wireDomainDetail is what the read takes from GetDomain.
type wireDomainDetail struct {
	CACertIdentifier string `json:"caCertIdentifier"`
	HTTP2Option      string `json:"http2Option"`
}

// wireDomainStatistics is GetDomain's statisticsInfo: the resources online
// on the domain by type (HttpApi, GatewayRoute), and their total.
type wireDomainStatistics struct {
	StatisticsInfo *struct {
		ResourceStatistics []struct {
			ResourceCount int    `json:"resourceCount"`
			ResourceType  string `json:"resourceType"`
		} `json:"resourceStatistics"`
	} `json:"statisticsInfo"`
}

type wireAPI struct {
	HTTPAPIID   string   `json:"httpApiId"`
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	BasePath    string   `json:"basePath"`
	Protocols   []string `json:"protocols"`
	Description string   `json:"description"`
}

// wireAPIGroup is ListHttpApis' item: the versions of one API name.
type wireAPIGroup struct {
	Name              string    `json:"name"`
	VersionedHTTPAPIs []wireAPI `json:"versionedHttpApis"`
}

// wireMatch is a route's match, as requests send it and answers return it.
type wireMatch struct {
	Path struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"path"`
	Methods       []string        `json:"methods,omitempty"`
	Headers       []wireCondition `json:"headers,omitempty"`
	QueryParams   []wireCondition `json:"queryParams,omitempty"`
	IgnoreURICase bool            `json:"ignoreUriCase"`
}

type wireCondition struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// wireRoute is the SDK's HttpRoute. It has no deployErrorMessage (the
// guide's section 6 names one): a failed deploy's reason is not readable,
// only gatewayStatus, the status on each gateway.
type wireRoute struct {
	RouteID       string            `json:"routeId"`
	Name          string            `json:"name"`
	Description   string            `json:"description"`
	DeployStatus  string            `json:"deployStatus"`
	GatewayStatus map[string]string `json:"gatewayStatus"`
	Match         wireMatch         `json:"match"`
	Backend       struct {
		Scene    string `json:"scene"`
		Services []struct {
			ServiceID string `json:"serviceId"`
			Name      string `json:"name"`
			Protocol  string `json:"protocol"`
			Port      int    `json:"port"`
			Weight    int    `json:"weight"`
			Version   string `json:"version"`
		} `json:"services"`
	} `json:"backend"`
	DomainInfos []struct {
		DomainID string `json:"domainId"`
		Name     string `json:"name"`
	} `json:"domainInfos"`
	EnvironmentInfo struct {
		EnvironmentID string `json:"environmentId"`
		Name          string `json:"name"`
	} `json:"environmentInfo"`
}

type wireAttachment struct {
	PolicyAttachmentID string `json:"policyAttachmentId"`
	AttachResourceID   string `json:"attachResourceId"`
	AttachResourceType string `json:"attachResourceType"`
	EnvironmentID      string `json:"environmentId"`
}

// wirePolicy is the SDK's PolicyInfo (a ListPolicies item), with the
// description, which only GetPolicy answers, filled in by the read.
type wirePolicy struct {
	PolicyID    string           `json:"policyId"`
	Name        string           `json:"name"`
	ClassName   string           `json:"className"`
	Config      string           `json:"config"`
	Attachments []wireAttachment `json:"attachments"`
	Description string           `json:"-"`
}

// wirePolicyDetail is what the read takes from GetPolicy.
type wirePolicyDetail struct {
	Description string `json:"description"`
}

// raw keeps an item's JSON beside its decoded form, for fingerprints.
type raw[T any] struct {
	v   T
	doc json.RawMessage
}

func (r *raw[T]) UnmarshalJSON(b []byte) error {
	r.doc = append(json.RawMessage(nil), b...)
	return json.Unmarshal(b, &r.v)
}

// WireType is the type raw decodes its item into (the conformance test
// sees through raw with it).
func (r *raw[T]) WireType() reflect.Type { return reflect.TypeFor[T]() }

// addDoc adds a second answer about the item (a Get after its list) to
// what its fingerprint covers.
func (r *raw[T]) addDoc(doc json.RawMessage) {
	r.doc = append(append(r.doc, '\n'), doc...)
}
