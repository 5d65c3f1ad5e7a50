package conflicts_test

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gwsync/gwsync/model"
)

// This file holds what the route engine tests share: a builder for
// model.Route values and a matcher, written independently of the engine,
// that says whether a route matches a request.

const (
	testAPI    = "orders-http-api"
	testEnv    = "prod"
	testDomain = "api.example.com"
)

// opt adjusts a route built by mk.
type opt func(*model.Route)

// mk builds a route of testAPI in testEnv on testDomain, for every method,
// with no conditions, then applies opts.
func mk(name, typ, value string, opts ...opt) *model.Route {
	r := &model.Route{
		Name:        name,
		API:         testAPI,
		Environment: model.Ref{Name: testEnv},
		Domains:     []model.Ref{{Name: testDomain}},
		Match:       model.Match{Path: model.PathMatch{Type: typ, Value: value}},
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

func exact(name, value string, opts ...opt) *model.Route {
	return mk(name, model.PathExact, value, opts...)
}

func prefix(name, value string, opts ...opt) *model.Route {
	return mk(name, model.PathPrefix, value, opts...)
}

func regex(name, value string, opts ...opt) *model.Route {
	return mk(name, model.PathRegex, value, opts...)
}

func methods(ms ...string) opt { return func(r *model.Route) { r.Match.Methods = ms } }

func fold() opt { return func(r *model.Route) { r.Match.IgnoreURICase = true } }

func env(name string) opt { return func(r *model.Route) { r.Environment = model.Ref{Name: name} } }

func api(name string) opt { return func(r *model.Route) { r.API = name } }

func domains(ds ...string) opt {
	return func(r *model.Route) {
		r.Domains = nil
		for _, d := range ds {
			r.Domains = append(r.Domains, model.Ref{Name: d})
		}
	}
}

func header(name, typ, value string) opt {
	return func(r *model.Route) {
		r.Match.Headers = append(r.Match.Headers, model.Condition{Name: name, Type: typ, Value: value})
	}
}

func query(name, typ, value string) opt {
	return func(r *model.Route) {
		r.Match.QueryParams = append(r.Match.QueryParams, model.Condition{Name: name, Type: typ, Value: value})
	}
}

// placed gives each route a distinct path position (line 10, 20, ...), so
// findings and their related entries can be checked against it.
func placed(rs ...*model.Route) []*model.Route {
	for i, r := range rs {
		r.Match.Path.Pos = model.Pos{File: "routes.cue", Line: 10 * (i + 1), Column: 3}
	}
	return rs
}

// request is what a witness names: METHOD HOST PATH.
type request struct{ method, host, path string }

// parseWitness splits a witness; the path may be empty.
func parseWitness(w string) (request, error) {
	parts := strings.SplitN(w, " ", 3)
	if len(parts) != 3 {
		return request{}, fmt.Errorf("witness %q is not METHOD HOST PATH", w)
	}
	return request{parts[0], parts[1], parts[2]}, nil
}

// serves reports whether r matches method, host and path, ignoring header
// and query conditions (a witness does not name them).
func serves(r *model.Route, q request) bool {
	return hasMethod(r, q.method) && hasDomain(r, q.host) && pathMatches(r.Match.Path.Type, r.Match.Path.Value, r.Match.IgnoreURICase, q.path)
}

func hasMethod(r *model.Route, m string) bool {
	return len(r.Match.Methods) == 0 || slices.ContainsFunc(r.Match.Methods, func(x string) bool { return strings.EqualFold(x, m) })
}

func hasDomain(r *model.Route, host string) bool {
	return slices.ContainsFunc(r.Domains, func(d model.Ref) bool { return d.Name == host })
}

// pathMatches is the documented semantics, written with strings and
// regexp rather than automata.
func pathMatches(typ, value string, fold bool, path string) bool {
	eq := func(a, b string) bool {
		if fold {
			return strings.EqualFold(a, b)
		}
		return a == b
	}
	switch typ {
	case model.PathExact:
		return eq(path, value)
	case model.PathPrefix: // the path's first characters, as many as the value has
		rs := []rune(path)
		n := utf8.RuneCountInString(value)
		return len(rs) >= n && eq(string(rs[:n]), value)
	case model.PathRegex:
		re := wholeRegexp(value, fold)
		return re != nil && re.MatchString(path)
	}
	return false
}

var regexCache sync.Map // string -> *regexp.Regexp (nil when invalid)

// wholeRegexp compiles expr to match whole strings, or returns nil when it
// is not RE2.
func wholeRegexp(expr string, fold bool) *regexp.Regexp {
	src := expr
	if fold {
		src = "(?i)" + src
	}
	if re, ok := regexCache.Load(src); ok {
		return re.(*regexp.Regexp)
	}
	re := wholeOf(src)
	regexCache.Store(src, re)
	return re
}

// wholeOf compiles expr to match whole strings, or returns nil when it is
// not RE2. It anchors the parsed expression: text wrapped around expr would
// be swallowed by a trailing \Q.
func wholeOf(expr string) *regexp.Regexp {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	whole := &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{{Op: syntax.OpBeginText}, re, {Op: syntax.OpEndText}}}
	compiled, err := regexp.Compile(whole.String())
	if err != nil {
		return nil
	}
	return compiled
}

// condHolds reports whether value satisfies a header or query condition
// (values are compared case-sensitively).
func condHolds(c model.Condition, value string) bool {
	return pathMatches(c.Type, c.Value, false, value)
}
