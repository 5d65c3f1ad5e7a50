package dataplane

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Policy is one policy a route is subject to, besides IpAccessControl
// (which is an [ACL]): attached to the route or to its HTTP API.
type Policy struct {
	Name  string // the policy's name
	Class string // its className
	// On says where it is attached, for messages: "route orders-route",
	// "HTTP API orders-http-api".
	On string
	// Key identifies the attachment: a RateLimit policy counts requests
	// per key, so one attached to an HTTP API counts its routes together.
	Key string
	// Config is the policy's config, as the API holds it (a JSON object).
	Config json.RawMessage
}

// Note is how a note on a policy the data plane does not model reads:
// "policy orders-waf (class Waf) on the gateway".
func (p Policy) Note() string {
	return fmt.Sprintf("policy %s (class %s) on %s", p.Name, p.Class, p.On)
}

// policies are a route's compiled policies, at most one of each class (a
// route's own takes the place of its HTTP API's).
type policies struct {
	timeout  time.Duration // 0: none
	cors     *corsPolicy
	headers  *headerPolicy
	rewrite  *rewritePolicy
	rate     *ratePolicy
	direct   *directPolicy
	redirect *redirectPolicy
}

// compilers are the policy classes the data plane models, each reading
// its config into a route's policies.
var compilers = map[string]func(p Policy, into *policies) error{
	"Timeout":        compileTimeout,
	"Cors":           compileCors,
	"HeaderModify":   compileHeaders,
	"HttpRewrite":    compileRewrite,
	"RateLimit":      compileRate,
	"DirectResponse": compileDirect,
	"Redirect":       compileRedirect,
}

// Modelled reports whether the data plane models className (IpAccessControl
// included).
func Modelled(className string) bool {
	_, ok := compilers[className]
	return ok || className == "IpAccessControl"
}

// compilePolicies reads ps in order; it returns the notes on those the
// data plane does not model or cannot read. A disabled policy
// (enable: false) is skipped.
func compilePolicies(ps []Policy) (*policies, []string) {
	out := &policies{}
	var notes []string
	for _, p := range ps {
		var on struct{ Enable *bool }
		if json.Unmarshal(p.Config, &on) == nil && on.Enable != nil && !*on.Enable {
			continue
		}
		compile, ok := compilers[p.Class]
		if !ok {
			notes = append(notes, p.Note())
			continue
		}
		if err := compile(p, out); err != nil {
			notes = append(notes, fmt.Sprintf("%s: its config cannot be read (%v), so it is not applied", p.Note(), err))
		}
	}
	return out, notes
}

// decode reads a policy's config into v, naming the policy when it fails.
func decode(p Policy, v any) error {
	if err := json.Unmarshal(p.Config, v); err != nil {
		return fmt.Errorf("config of %s: %w", p.Name, err)
	}
	return nil
}

// timeUnits are the durations of Timeout's and RateLimit's time units.
var timeUnits = map[string]time.Duration{
	"ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour,
}

func compileTimeout(p Policy, into *policies) error {
	var c struct {
		UnitNum  int64  `json:"unitNum"`
		TimeUnit string `json:"timeUnit"`
	}
	if err := decode(p, &c); err != nil {
		return err
	}
	unit, ok := timeUnits[c.TimeUnit]
	if !ok || c.TimeUnit == "d" || c.UnitNum < 1 {
		return fmt.Errorf("unitNum %d timeUnit %q: want unitNum >= 1 and timeUnit ms, s, m or h", c.UnitNum, c.TimeUnit)
	}
	into.timeout = time.Duration(c.UnitNum) * unit
	return nil
}

// directPolicy is a DirectResponse: the gateway answers code and body.
type directPolicy struct {
	code int
	body string
}

func compileDirect(p Policy, into *policies) error {
	var c struct {
		Code int    `json:"code"`
		Body string `json:"body"`
	}
	if err := decode(p, &c); err != nil {
		return err
	}
	if c.Code == 0 {
		c.Code = http.StatusOK
	}
	if c.Code < 100 || c.Code > 599 {
		return fmt.Errorf("code %d is not an HTTP status", c.Code)
	}
	into.direct = &directPolicy{code: c.Code, body: c.Body}
	return nil
}

// redirectPolicy is a Redirect: the gateway answers with a redirect to host
// and/or path (each empty keeps the request's).
type redirectPolicy struct {
	code       int
	host, path string
}

func compileRedirect(p Policy, into *policies) error {
	var c struct {
		Code int    `json:"code"`
		Host string `json:"host"`
		Path string `json:"path"`
	}
	if err := decode(p, &c); err != nil {
		return err
	}
	if c.Code == 0 {
		c.Code = http.StatusMovedPermanently
	}
	if c.Code < 300 || c.Code > 399 {
		return fmt.Errorf("code %d is not a redirect status", c.Code)
	}
	into.redirect = &redirectPolicy{code: c.Code, host: c.Host, path: c.Path}
	return nil
}

// location is where r is redirected to.
func (rp *redirectPolicy) location(q requestInfo, r *http.Request) string {
	host, path := rp.host, rp.path
	if host == "" {
		host = r.Host
	}
	if path == "" {
		path = q.path
	}
	loc := q.scheme + "://" + host + path
	if r.URL != nil && r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	return loc
}

// headerPolicy is a HeaderModify: changes to request headers (before
// forwarding) and to response headers (before answering).
type headerPolicy struct {
	request, response headerOps
}

// headerOps are the changes to one side's headers: removals, then sets,
// then additions.
type headerOps struct {
	Add    []headerKV `json:"add"`
	Set    []headerKV `json:"set"`
	Remove []string   `json:"remove"`
}

type headerKV struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

func compileHeaders(p Policy, into *policies) error {
	var c struct {
		Request  headerOps `json:"request"`
		Response headerOps `json:"response"`
	}
	if err := decode(p, &c); err != nil {
		return err
	}
	into.headers = &headerPolicy{request: c.Request, response: c.Response}
	return nil
}

// apply changes h.
func (o headerOps) apply(h http.Header) {
	for _, k := range o.Remove {
		h.Del(k)
	}
	for _, kv := range o.Set {
		h.Set(kv.Key, kv.Value)
	}
	for _, kv := range o.Add {
		h.Add(kv.Key, kv.Value)
	}
}

// rewritePolicy is an HttpRewrite: the path (and Host) the backend gets.
type rewritePolicy struct {
	pathType, path string
	pattern        *regexp.Regexp
	substitution   string
	host           string
}

func compileRewrite(p Policy, into *policies) error {
	var c struct {
		PathType     string `json:"pathType"`
		Path         string `json:"path"`
		Pattern      string `json:"pattern"`
		Substitution string `json:"substitution"`
		Host         string `json:"host"`
	}
	if err := decode(p, &c); err != nil {
		return err
	}
	rp := &rewritePolicy{pathType: c.PathType, path: c.Path, substitution: c.Substitution, host: c.Host}
	switch c.PathType {
	case "", Exact, Prefix:
	case Regex:
		re, err := regexp.Compile(c.Pattern)
		if err != nil {
			return fmt.Errorf("pattern: %w", err)
		}
		rp.pattern = re
	default:
		return fmt.Errorf("pathType %q: want Exact, Prefix or Regex", c.PathType)
	}
	into.rewrite = rp
	return nil
}

// rewritePath is the path the backend gets for a request to path on route:
// Exact replaces it, Prefix replaces the route's Prefix value at its start
// (the whole path's start when the route is not a Prefix route), Regex
// replaces every match of pattern with substitution.
func (rp *rewritePolicy) rewritePath(route *Route, path string) string {
	switch {
	case rp.pathType == Exact && rp.path != "":
		return rp.path
	case rp.pathType == Prefix && rp.path != "":
		old := ""
		if route.PathType == Prefix && len(path) >= len(route.PathValue) && hasPrefixFold(path, route.PathValue) {
			old = path[:len(route.PathValue)]
		}
		return rp.path + strings.TrimPrefix(path, old)
	case rp.pattern != nil:
		return rp.pattern.ReplaceAllString(path, rp.substitution)
	}
	return path
}

// ratePolicy is a RateLimit: limit requests per window, counted under key.
type ratePolicy struct {
	name, key string
	limit     int64
	unit      string
	period    time.Duration
}

func compileRate(p Policy, into *policies) error {
	var c struct {
		Limit    int64  `json:"limit"`
		TimeUnit string `json:"timeUnit"`
	}
	if err := decode(p, &c); err != nil {
		return err
	}
	period, ok := timeUnits[c.TimeUnit]
	if !ok || c.TimeUnit == "ms" || c.Limit < 1 {
		return fmt.Errorf("limit %d timeUnit %q: want limit >= 1 and timeUnit s, m, h or d", c.Limit, c.TimeUnit)
	}
	into.rate = &ratePolicy{name: p.Name, key: p.Key, limit: c.Limit, unit: c.TimeUnit, period: period}
	return nil
}
