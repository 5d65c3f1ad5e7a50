// Package dataplane is the emulated gateway's data plane: an [http.Handler]
// that forwards real HTTP traffic for the routes the control plane has
// deployed and enforces IP access control.
//
// # Routing
//
// A request is routed by exactly the semantics gwsync decides offline
// (README, "Which routes overlap: the semantics gwsync decides"). A route
// matches when the request's host (r.Host, lowercased, any port stripped) is
// one of its Domains, its method is in Methods (none = every method,
// compared case-insensitively), its path (r.URL.Path) matches, and every
// header and query Condition holds:
//
//   - Exact: the path equals the value. Prefix: the path starts with the
//     value as a string, so "/orders" also matches "/orders-export". Regex:
//     the whole path matches the RE2 expression. IgnoreURICase makes each
//     comparison case-insensitive.
//   - A header Condition (name case-insensitive) or query Condition (name
//     exact) holds when some value the request sends for that name meets it
//     (Exact, Prefix, or a whole-value Regex match, all case-sensitive); a
//     name the request does not send fails it.
//
// When several routes match, Exact wins over Prefix, a longer Prefix value
// (counted in characters, as written) over a shorter one, and Prefix over
// Regex. The gateway's choice between routes of equal precedence is
// undefined (gwsync reports such routes as conflicts or overlaps); the
// emulator picks deterministically: the route whose Name sorts first, then
// ID, then table order. Header and query conditions do not raise a route's
// precedence.
//
// A route whose path or conditions cannot be compiled (an invalid RE2
// expression, an unknown match type) never matches; [Compiled.Err] lists
// such routes.
//
// # Access control
//
// Each ACL judges one client address, by its Layer (IpAccessControl's
// protocolLayer): an L7 ACL judges the address HTTP reports, the first
// address of X-Forwarded-For (the original client's, as proxies append
// theirs), or r.RemoteAddr when the request sends none; any other ACL (L4,
// or no layer) judges r.RemoteAddr only and never trusts X-Forwarded-For.
// The gateway's ACLs are checked first, then the host's DomainAccess ACLs,
// both before routing (so they guard unmatched paths too), then the matched
// route's Access ACLs. A White ACL denies an address in none of its CIDRs, a
// Black ACL one in any of them; ACLs of any other type are ignored. When the
// judged address is not an IP address (an unparseable RemoteAddr, or
// "unknown" first in X-Forwarded-For), any White or Black ACL that applies
// denies (fail closed). A denial is 403 with a JSON body naming the address
// judged and the level (gateway, domain or route) that denied.
//
// # Scenes and forwarding
//
// SingleService forwards to Backends[0]; MultiServiceByRatio picks a backend
// with probability Weight/sum(Weight) from a PCG generator seeded by
// [New]'s seed, so a run of sequential requests is repeatable;
// MultiServiceByTag forwards to Backends[0] (tag selection is not
// emulated). Within a backend, addresses are used round-robin. Mock answers
// 200 with {"route":NAME,"mock":true}; Redirect, and any other scene,
// answers 501.
//
// Forwarding uses one [httputil.ReverseProxy] sharing one transport: the
// path and query go out as received, the outgoing Host is the backend's
// host:port (as a gateway sets it), X-Forwarded-For gets the client address
// appended and X-Forwarded-Host/-Proto are set. HTTPS backends are verified
// against the system roots (TLS verification is never skipped; pass
// [WithTransport] to trust something else). Environment proxy settings are
// not used. Responses carry X-Gwsync-Route (the route name) and, when a
// backend was chosen, X-Gwsync-Service, so probes can see which route
// answered. An unreachable backend is 502, a backend with no addresses (or
// no positive weight) 503; error bodies are JSON {"code","message"}.
package dataplane
