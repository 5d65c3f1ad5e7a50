package schema

import "slices"

// Attach resource types, as the APIG API spells attachResourceType.
const (
	AttachHTTPAPI     = "HttpApi"
	AttachOperation   = "Operation"
	AttachRoute       = "GatewayRoute"
	AttachService     = "GatewayService"
	AttachServicePort = "GatewayServicePort"
	AttachDomain      = "Domain"
	AttachGateway     = "Gateway"
)

// Class describes a policy className: where APIG lets it be attached, and
// whether a route-level attachment needs the route's environment.
type Class struct {
	Name string
	// AttachTo lists the attachResourceTypes the class may be attached to.
	AttachTo []string
	// EnvironmentFree is true for classes whose route-level attachments
	// need no environmentId (IpAccessControl, per the orchestration guide).
	EnvironmentFree bool
}

// CanAttach reports whether the class may be attached to resourceType.
func (c Class) CanAttach(resourceType string) bool {
	return slices.Contains(c.AttachTo, resourceType)
}

var (
	routeLevel   = []string{AttachHTTPAPI, AttachOperation, AttachRoute}
	opRouteLevel = []string{AttachOperation, AttachRoute}
)

// classes is the attach table of the APIG 2024-03-27 API (PolicyInfo
// comment in the SDK; see the project's API fact sheet).
var classes = map[string]Class{
	"RateLimit":        {AttachTo: routeLevel},
	"ConcurrencyLimit": {AttachTo: routeLevel},
	"CircuitBreaker":   {AttachTo: routeLevel},
	"HttpRewrite":      {AttachTo: routeLevel},
	"HeaderModify":     {AttachTo: routeLevel},
	"Cors":             {AttachTo: routeLevel},
	"FlowCopy":         {AttachTo: routeLevel},
	"Timeout":          {AttachTo: routeLevel},
	"Retry":            {AttachTo: routeLevel},
	"IpAccessControl": {
		AttachTo:        []string{AttachHTTPAPI, AttachOperation, AttachRoute, AttachDomain, AttachGateway},
		EnvironmentFree: true,
	},
	"DirectResponse": {AttachTo: opRouteLevel},
	"Redirect":       {AttachTo: []string{AttachRoute}},
	"Fallback":       {AttachTo: opRouteLevel},
	"ServiceTls":     {AttachTo: []string{AttachService}},
	"ServiceLb":      {AttachTo: []string{AttachService}},
	"ServicePortTls": {AttachTo: []string{AttachServicePort}},
	"Waf":            {AttachTo: []string{AttachRoute, AttachGateway}},
	"JWTAuth":        {AttachTo: []string{AttachGateway}},
	"OIDCAuth":       {AttachTo: []string{AttachGateway}},
	"ExternalZAuth":  {AttachTo: []string{AttachGateway}},
}

// LookupClass returns what gwsync knows of a className.
func LookupClass(name string) (Class, bool) {
	c, ok := classes[name]
	c.Name = name
	return c, ok
}

// ClassNames lists every known className, sorted.
func ClassNames() []string {
	out := make([]string, 0, len(classes))
	for k := range classes {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
