package dataplane

import "net/netip"

// Table is the routing table: the Deployed routes and the access rules that
// guard them. The control plane must not modify a Table once the data plane
// has seen it: it builds a new one and swaps the pointer (compiled forms are
// cached by pointer).
type Table struct {
	Routes        []Route
	DomainAccess  map[string][]ACL // lowercase host -> IpAccessControl rules attached to that domain
	GatewayAccess []ACL            // IpAccessControl rules attached to the whole gateway
	// ForceHTTPS holds the hosts (lowercase) whose plain-HTTP requests are
	// redirected to HTTPS: HTTPS domains with forceHttps.
	ForceHTTPS map[string]bool
	// Unmodelled notes the policies on the gateway, and DomainUnmodelled
	// those on a domain (by lowercase host), that the data plane does not
	// model: every answer on them carries these notes in
	// UnmodelledHeader.
	Unmodelled       []string
	DomainUnmodelled map[string][]string
}

// Route is one Deployed route: what it matches and where it sends traffic.
type Route struct {
	ID, Name      string      // hr-... and route name
	Domains       []string    // hosts this route serves (lowercase, no port)
	Methods       []string    // upper case; empty = every method
	PathType      string      // "Exact" | "Prefix" | "Regex"
	PathValue     string      // the literal, prefix or RE2 expression
	IgnoreURICase bool        // compare the path case-insensitively
	Headers       []Condition // all must hold
	Query         []Condition // all must hold
	Scene         string      // "SingleService" | "MultiServiceByRatio" | "MultiServiceByTag" | "Mock" | "Redirect"
	Backends      []Backend   // the services traffic goes to
	Access        []ACL       // IpAccessControl rules attached to the route (and to its HTTP API)
	// Policies are the other policies on the route's HTTP API and on the
	// route, in that order: of two policies of one class, the later (the
	// route's own) applies.
	Policies []Policy
	// Unmodelled notes policies that apply to the route's traffic but are
	// not in Policies (e.g. on its services), for UnmodelledHeader.
	Unmodelled []string
}

// Condition is a header or query parameter condition. Type is "Exact",
// "Prefix" or "Regex"; header names are case-insensitive, query parameter
// names exact, values case-sensitive.
type Condition struct{ Name, Type, Value string }

// Backend is one service a route forwards to.
type Backend struct {
	Service   string   // service name, for messages and the X-Gwsync-Service header
	Addresses []string // "host:port" (DNS names or IPs); empty strings are ignored
	Port      int      // 0 = use the address's own port; else dial the address's host at this port
	Protocol  string   // "HTTPS" dials TLS; anything else is plain HTTP
	Weight    int      // percentage, used by MultiServiceByRatio; negative counts as 0
}

// ACL is one IpAccessControl rule.
type ACL struct {
	Type  string         // "White" (only these may pass) | "Black" (these are denied)
	CIDRs []netip.Prefix // single IPs are /32 or /128
	// Layer is the rule's protocolLayer: L7 judges the client address
	// HTTP reports (the first X-Forwarded-For address, when sent), any
	// other value the peer's address.
	Layer string
}

// Path match, condition and ACL types, and scenes.
const (
	Exact  = "Exact"
	Prefix = "Prefix"
	Regex  = "Regex"

	White = "White"
	Black = "Black"

	L4 = "L4"
	L7 = "L7"

	SceneSingle   = "SingleService"
	SceneRatio    = "MultiServiceByRatio"
	SceneTag      = "MultiServiceByTag"
	SceneMock     = "Mock"
	SceneRedirect = "Redirect"
)
