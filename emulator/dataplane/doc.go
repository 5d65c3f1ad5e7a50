// Package dataplane is the emulated gateway's data plane: an [http.Handler]
// that forwards real HTTP traffic for the routes the control plane has
// deployed, enforces IP access control and applies the policies it models
// (RateLimit, Cors, Redirect, DirectResponse, HeaderModify, HttpRewrite,
// Timeout), naming the others in a response header.
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
// # HTTPS
//
// The data plane listens on plain HTTP. A request whose first
// X-Forwarded-Proto value is "https" (or that arrives over TLS) is served
// as an HTTPS request: a probe with scheme https sends that header. Plain
// HTTP to a host in ForceHTTPS (an HTTPS domain with forceHttps) is
// answered 301 with Location https://HOST/PATH?QUERY, whatever the method,
// before routing.
//
// # Policies
//
// A route's Policies (its HTTP API's, then its own: of two of one class,
// the route's applies) are applied in this order once the route is matched
// and its ACLs admit the request; a policy whose config says
// "enable": false is skipped. Config fields are those of the schemas in
// schema/policies (gwsync's reading of fields the gateway does not
// document).
//
//   - RateLimit: at most limit requests per timeUnit (s, m, h, d), counted
//     per attachment in fixed windows that open with the first request
//     counted (package window); over the limit is 429 TooManyRequests with
//     Retry-After.
//   - Cors: a preflight (OPTIONS with Origin and
//     Access-Control-Request-Method) is routed by the method it asks about
//     and answered 200 with Access-Control-Allow-Origin (* when any origin
//     may call and credentials are off, else the origin),
//     -Allow-Methods, -Allow-Headers (the request's when the policy allows
//     any), -Allow-Credentials and -Max-Age; an origin or method not allowed
//     is 403. Other requests with an allowed Origin get
//     Access-Control-Allow-Origin (and -Allow-Credentials,
//     -Expose-Headers), replacing the backend's.
//   - Redirect: the answer is a redirect (code, default 301) to host and
//     path (each defaulting to the request's), with the request's scheme
//     and query.
//   - DirectResponse: the answer is code (default 200) and body.
//   - HeaderModify: request changes are made before forwarding, response
//     changes to every answer (removals, then sets, then additions).
//   - HttpRewrite: the backend gets the path rewritten (Exact: replaced;
//     Prefix: the route's prefix replaced; Regex: pattern replaced by
//     substitution) and host as Host.
//   - Timeout: a backend that has not answered within the timeout is cut
//     off with 504 GatewayTimeout.
//
// Every other class is not modelled: answers carry one UnmodelledHeader
// line per such policy that applies (on the gateway, the host's domain,
// the route, its HTTP API or its services; Table.Unmodelled,
// Table.DomainUnmodelled, Route.Unmodelled), and for a modelled policy
// whose config cannot be read, so that probes can say what they do not
// prove.
//
// # Scenes and forwarding
//
// SingleService forwards to Backends[0]; MultiServiceByRatio picks a backend
// with probability Weight/sum(Weight) from a PCG generator seeded by
// [New]'s seed, so a run of sequential requests is repeatable;
// MultiServiceByTag forwards to Backends[0] (tag selection is not
// emulated). Within a backend, addresses are used round-robin. Mock answers
// 200 with {"route":NAME,"mock":true} unless a DirectResponse policy says
// otherwise; Redirect answers as its Redirect policy says, or 503 when the
// route has none; any other scene answers 501.
//
// Forwarding uses one [httputil.ReverseProxy] sharing one transport: the
// path and query go out as received (unless HttpRewrite changes them), the
// outgoing Host is the backend's host:port (as a gateway sets it),
// X-Forwarded-For gets the client address appended and X-Forwarded-Host and
// -Proto are set (-Proto to the client's scheme). HTTPS backends are
// verified against the system roots (TLS verification is never skipped;
// pass [WithTransport] to trust something else). Environment proxy
// settings are not used. Responses carry X-Gwsync-Route (the route name)
// and, when a backend was chosen, X-Gwsync-Service, so probes can see which
// route answered. An unreachable backend is 502, a backend with no
// addresses (or no positive weight) 503; error bodies are JSON
// {"code","message"}.
package dataplane
