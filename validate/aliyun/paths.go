package aliyun

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/internal/reqpath"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// checkPaths checks that match patterns are well formed: Exact and Prefix
// paths are request paths in the one form the gateway matches (package
// reqpath: starting with "/", only characters a request path carries,
// well-formed percent-escapes, escapes of unreserved characters decoded),
// and every Regex (path, header or query condition) is RE2, the syntax
// APIG and gwsync's overlap analysis read.
func checkPaths(d *model.Desired, out *[]diag.Finding) {
	for _, r := range alimodel.Of(d).Routes() {
		p := r.Match.Path
		if p.Type == model.PathRegex {
			checkRegex(r, "match.path.value", p.Value, p.Pos, out)
		} else if problem := reqpath.Problem(p.Value); problem != "" {
			msg := fmt.Sprintf("match.path.value: %s path %q %s", p.Type, p.Value, problem)
			*out = append(*out, diag.Errorf(diag.RuleSchema, r.Path(), p.Pos, msg))
		}
		for _, c := range append(append([]model.Condition(nil), r.Match.Headers...), r.Match.QueryParams...) {
			if c.Type == model.PathRegex {
				checkRegex(r, "condition "+c.Name, c.Value, c.Pos, out)
			}
		}
	}
}

func checkRegex(r *model.Route, what, expr string, pos model.Pos, out *[]diag.Finding) {
	if _, err := regexp.Compile(expr); err != nil {
		msg := fmt.Sprintf("%s: %q is not a valid RE2 regular expression (%s); fix the expression (RE2 has no lookaround or backreferences)", what, expr, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		*out = append(*out, diag.Errorf(diag.RuleSchema, r.Path(), pos, msg))
	}
}
