package dataplane

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// CORS request and response headers.
const (
	hOrigin           = "Origin"
	hRequestMethod    = "Access-Control-Request-Method"
	hRequestHeaders   = "Access-Control-Request-Headers"
	hAllowOrigin      = "Access-Control-Allow-Origin"
	hAllowMethods     = "Access-Control-Allow-Methods"
	hAllowHeaders     = "Access-Control-Allow-Headers"
	hExposeHeaders    = "Access-Control-Expose-Headers"
	hAllowCredentials = "Access-Control-Allow-Credentials"
	hMaxAge           = "Access-Control-Max-Age"
)

// corsPolicy is a Cors policy: who may call the route from a browser, and
// what a preflight answers. An empty list, or one holding "*", allows
// everything.
type corsPolicy struct {
	name, on                           string
	origins, methods, headers, exposed []string
	credentials                        bool
	maxAge                             *int
}

// stringList is a list written as a JSON list or as one comma-separated
// string.
type stringList []string

// UnmarshalJSON reads ["a","b"] or "a,b".
func (l *stringList) UnmarshalJSON(b []byte) error {
	var joined string
	if json.Unmarshal(b, &joined) == nil {
		*l = nil
		for _, s := range strings.Split(joined, ",") {
			if s = strings.TrimSpace(s); s != "" {
				*l = append(*l, s)
			}
		}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("want a list of strings or one comma-separated string")
	}
	*l = list
	return nil
}

func compileCors(p Policy, into *policies) error {
	var c struct {
		AllowOrigins     stringList `json:"allowOrigins"`
		AllowMethods     stringList `json:"allowMethods"`
		AllowHeaders     stringList `json:"allowHeaders"`
		ExposeHeaders    stringList `json:"exposeHeaders"`
		AllowCredentials bool       `json:"allowCredentials"`
		MaxAge           *int       `json:"maxAge"`
	}
	if err := decode(p, &c); err != nil {
		return err
	}
	into.cors = &corsPolicy{name: p.Name, on: p.On, origins: c.AllowOrigins, methods: c.AllowMethods,
		headers: c.AllowHeaders, exposed: c.ExposeHeaders, credentials: c.AllowCredentials, maxAge: c.MaxAge}
	return nil
}

// allowsAll reports whether list allows everything.
func allowsAll(list []string) bool { return len(list) == 0 || slices.Contains(list, "*") }

// allowOrigin is the Access-Control-Allow-Origin value for origin, and
// whether origin is allowed: "*" when any origin is and credentials are
// not, else origin itself.
func (c *corsPolicy) allowOrigin(origin string) (string, bool) {
	switch {
	case allowsAll(c.origins) && !c.credentials:
		return "*", true
	case allowsAll(c.origins) || slices.ContainsFunc(c.origins, func(o string) bool { return strings.EqualFold(o, origin) }):
		return origin, true
	}
	return "", false
}

// isPreflight reports whether r is a CORS preflight request.
func isPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get(hOrigin) != "" && r.Header.Get(hRequestMethod) != ""
}

// preflight answers a preflight request: 200 with the policy's
// Access-Control-* headers, or 403 when the origin or method is not
// allowed.
func (c *corsPolicy) preflight(w http.ResponseWriter, r *http.Request) {
	origin, method := r.Header.Get(hOrigin), r.Header.Get(hRequestMethod)
	allow, ok := c.allowOrigin(origin)
	if !ok {
		writeError(w, http.StatusForbidden, "Forbidden", fmt.Sprintf(
			"origin %s is not allowed by Cors policy %s on %s", origin, c.name, c.on))
		return
	}
	if !allowsAll(c.methods) && !slices.ContainsFunc(c.methods, func(m string) bool { return strings.EqualFold(m, method) }) {
		writeError(w, http.StatusForbidden, "Forbidden", fmt.Sprintf(
			"method %s is not allowed by Cors policy %s on %s (allowMethods %s)", method, c.name, c.on, strings.Join(c.methods, ",")))
		return
	}
	h := w.Header()
	c.originHeaders(h, allow)
	h.Set(hAllowMethods, listOrEcho(c.methods, method))
	if v := listOrEcho(c.headers, r.Header.Get(hRequestHeaders)); v != "" {
		h.Set(hAllowHeaders, v)
	}
	if c.maxAge != nil {
		h.Set(hMaxAge, strconv.Itoa(*c.maxAge))
	}
	w.WriteHeader(http.StatusOK)
}

// listOrEcho is list joined with commas, or what the request asked for
// when list allows everything.
func listOrEcho(list []string, asked string) string {
	if allowsAll(list) {
		return asked
	}
	return strings.Join(list, ",")
}

// originHeaders sets the headers every answer to an allowed origin
// carries.
func (c *corsPolicy) originHeaders(h http.Header, allow string) {
	h.Set(hAllowOrigin, allow)
	if allow != "*" {
		h.Add("Vary", hOrigin)
	}
	if c.credentials {
		h.Set(hAllowCredentials, "true")
	}
}

// simple adds the CORS headers to the answer to an actual (not preflight)
// request from origin: nothing when it sends no Origin or its origin is
// not allowed. The policy's headers replace any the backend set.
func (c *corsPolicy) simple(h http.Header, origin string) {
	if origin == "" {
		return
	}
	allow, ok := c.allowOrigin(origin)
	if !ok {
		return
	}
	c.originHeaders(h, allow)
	if len(c.exposed) > 0 {
		h.Set(hExposeHeaders, strings.Join(c.exposed, ","))
	}
}
