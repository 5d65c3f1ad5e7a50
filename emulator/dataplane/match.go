package dataplane

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Compiled is a Table prepared for serving: regular expressions compiled,
// routes indexed by host in precedence order, domain ACLs keyed by
// lowercase host. It is safe for concurrent use.
type Compiled struct {
	src         *Table
	byHost      map[string][]*entry
	domainACL   map[string][]ACL
	gatewayACL  []ACL
	forceHTTPS  map[string]bool
	gatewayNote []string
	domainNote  map[string][]string
	err         error
}

// entry is one compiled route.
type entry struct {
	route    *Route
	index    int // position in Table.Routes, the last tie-break
	rank     int // rankExact, rankPrefix or rankRegex
	plen     int // Prefix value length in runes (0 otherwise)
	path     func(string) bool
	headers  []condition
	query    []condition
	backends []backendState
	weights  int // sum of the backends' positive weights
	pol      *policies
	notes    []string // for UnmodelledHeader
}

// condition is one compiled header or query condition.
type condition struct {
	name  string
	match func(string) bool
}

const (
	rankExact = iota
	rankPrefix
	rankRegex
)

// Compile prepares t for matching and serving. A nil Table has no routes.
func Compile(t *Table) *Compiled {
	c := &Compiled{src: t, byHost: map[string][]*entry{}, domainACL: map[string][]ACL{},
		forceHTTPS: map[string]bool{}, domainNote: map[string][]string{}}
	if t == nil {
		return c
	}
	c.gatewayACL, c.gatewayNote = t.GatewayAccess, t.Unmodelled
	byHost(t.DomainAccess, c.domainACL)
	byHost(t.DomainUnmodelled, c.domainNote)
	for host, on := range t.ForceHTTPS {
		c.forceHTTPS[normalizeHost(host)] = c.forceHTTPS[normalizeHost(host)] || on
	}
	c.err = c.addRoutes(t.Routes)
	return c
}

// byHost copies m into out keyed by normalized host, merging keys that
// normalize alike in sorted key order.
func byHost[T any](m map[string][]T, out map[string][]T) {
	for _, host := range slices.Sorted(maps.Keys(m)) {
		k := normalizeHost(host)
		out[k] = append(out[k], m[host]...)
	}
}

// outerNotes are the notes on the gateway's and host's unmodelled
// policies.
func (c *Compiled) outerNotes(host string) []string {
	if c == nil {
		return nil
	}
	return append(slices.Clip(c.gatewayNote), c.domainNote[host]...)
}

// forcesHTTPS reports whether plain HTTP to host is redirected to HTTPS.
func (c *Compiled) forcesHTTPS(host string) bool {
	return c != nil && c.forceHTTPS[host]
}

// addRoutes compiles and indexes routes, returning the errors of those that
// can never match.
func (c *Compiled) addRoutes(routes []Route) error {
	var errs []error
	for i := range routes {
		e, err := compileRoute(&routes[i], i)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.index(e)
	}
	for _, es := range c.byHost {
		slices.SortFunc(es, precedence)
	}
	return errors.Join(errs...)
}

// index files e under each of its distinct, non-empty domains.
func (c *Compiled) index(e *entry) {
	seen := map[string]bool{}
	for _, d := range e.route.Domains {
		h := normalizeHost(d)
		if h != "" && !seen[h] {
			seen[h] = true
			c.byHost[h] = append(c.byHost[h], e)
		}
	}
}

// Err reports the routes that can never match because their path or a
// condition does not compile; nil when every route compiled.
func (c *Compiled) Err() error {
	if c == nil {
		return nil
	}
	return c.err
}

// precedence orders entries: Exact, then Prefix longest first, then Regex;
// ties by name, ID and table order.
func precedence(a, b *entry) int {
	return cmp.Or(
		cmp.Compare(a.rank, b.rank),
		cmp.Compare(b.plen, a.plen),
		strings.Compare(a.route.Name, b.route.Name),
		strings.Compare(a.route.ID, b.route.ID),
		cmp.Compare(a.index, b.index),
	)
}

func compileRoute(r *Route, i int) (*entry, error) {
	path, err := compileMatcher(r.PathType, r.PathValue, r.IgnoreURICase)
	if err != nil {
		return nil, fmt.Errorf("route %s (%s): path: %w", r.Name, r.ID, err)
	}
	headers, err := compileConds(r.Headers)
	if err != nil {
		return nil, fmt.Errorf("route %s (%s): header %w", r.Name, r.ID, err)
	}
	query, err := compileConds(r.Query)
	if err != nil {
		return nil, fmt.Errorf("route %s (%s): query parameter %w", r.Name, r.ID, err)
	}
	e := &entry{route: r, index: i, rank: rankOf(r.PathType), path: path, headers: headers, query: query}
	if e.rank == rankPrefix {
		e.plen = utf8.RuneCountInString(r.PathValue)
	}
	e.backends, e.weights = compileBackends(r.Backends)
	e.pol, e.notes = compilePolicies(r.Policies)
	e.notes = append(slices.Clip(r.Unmodelled), e.notes...)
	return e, nil
}

func rankOf(typ string) int {
	switch typ {
	case Exact:
		return rankExact
	case Prefix:
		return rankPrefix
	}
	return rankRegex
}

func compileConds(cs []Condition) ([]condition, error) {
	out := make([]condition, 0, len(cs))
	for _, c := range cs {
		m, err := compileMatcher(c.Type, c.Value, false)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", c.Name, err)
		}
		out = append(out, condition{name: c.Name, match: m})
	}
	return out, nil
}

// compileMatcher turns a match type and value into a predicate on strings.
func compileMatcher(typ, value string, fold bool) (func(string) bool, error) {
	switch typ {
	case Exact:
		if fold {
			return func(s string) bool { return strings.EqualFold(s, value) }, nil
		}
		return func(s string) bool { return s == value }, nil
	case Prefix:
		if fold {
			return func(s string) bool { return hasPrefixFold(s, value) }, nil
		}
		return func(s string) bool { return strings.HasPrefix(s, value) }, nil
	case Regex:
		return wholeRegexp(value, fold)
	}
	return nil, fmt.Errorf("unknown match type %q", typ)
}

// wholeRegexp compiles expr to match whole strings.
func wholeRegexp(expr string, fold bool) (func(string) bool, error) {
	src := "^(?:" + expr + ")$"
	if fold {
		src = "(?i)" + src
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("invalid RE2 expression %q: %w", expr, err)
	}
	return re.MatchString, nil
}

// hasPrefixFold reports whether s starts with prefix under simple Unicode
// case folding, rune by rune (bytes that are not UTF-8 compare exactly).
func hasPrefixFold(s, prefix string) bool {
	for prefix != "" {
		a, n := utf8.DecodeRuneInString(s)
		b, m := utf8.DecodeRuneInString(prefix)
		if s == "" || !runeFoldEqual(a, s[:n], b, prefix[:m]) {
			return false
		}
		s, prefix = s[n:], prefix[m:]
	}
	return true
}

func runeFoldEqual(a rune, as string, b rune, bs string) bool {
	if a == utf8.RuneError || b == utf8.RuneError {
		return as == bs
	}
	return strings.EqualFold(as, bs)
}

// Match returns the route that takes a request to t: t is compiled on
// every call, so servers should Compile once and use [Compiled.Match].
func Match(t *Table, method, host, path string, header http.Header, query url.Values) (*Route, bool) {
	return Compile(t).Match(method, host, path, header, query)
}

// Match returns the route that takes a request, by the package's matching
// and precedence rules. host may carry a port and any case.
func (c *Compiled) Match(method, host, path string, header http.Header, query url.Values) (*Route, bool) {
	e := c.match(method, normalizeHost(host), path, header, query)
	if e == nil {
		return nil, false
	}
	return e.route, true
}

// match returns the first entry for host (already normalized) that matches.
func (c *Compiled) match(method, host, path string, header http.Header, query url.Values) *entry {
	if c == nil {
		return nil
	}
	for _, e := range c.byHost[host] {
		if e.matches(method, path, header, query) {
			return e
		}
	}
	return nil
}

func (e *entry) matches(method, path string, header http.Header, query url.Values) bool {
	return e.hasMethod(method) && e.path(path) &&
		allHold(e.headers, func(c condition) bool { return c.holdsHeader(header) }) &&
		allHold(e.query, func(c condition) bool { return slices.ContainsFunc(query[c.name], c.match) })
}

func (e *entry) hasMethod(method string) bool {
	ms := e.route.Methods
	return len(ms) == 0 || slices.ContainsFunc(ms, func(m string) bool { return strings.EqualFold(m, method) })
}

func allHold(cs []condition, holds func(condition) bool) bool {
	for _, c := range cs {
		if !holds(c) {
			return false
		}
	}
	return true
}

// holdsHeader reports whether some value of the header named c.name (in any
// case, canonical or not) meets c.
func (c condition) holdsHeader(h http.Header) bool {
	for k, vs := range h {
		if strings.EqualFold(k, c.name) && slices.ContainsFunc(vs, c.match) {
			return true
		}
	}
	return false
}

// normalizeHost lowercases a host and strips any port (and the brackets of
// an IPv6 literal).
func normalizeHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	return strings.ToLower(host)
}
