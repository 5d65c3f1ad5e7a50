package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// checkPaths checks that match patterns are well formed: Exact and Prefix
// paths start with "/", and every Regex (path, header or query condition)
// is RE2, the syntax APIG and gwsync's overlap analysis read.
func checkPaths(d *model.Desired, out *[]diag.Finding) {
	for _, r := range d.Routes() {
		p := r.Match.Path
		switch {
		case p.Type == model.PathRegex:
			checkRegex(r, "match.path.value", p.Value, p.Pos, out)
		case !strings.HasPrefix(p.Value, "/"):
			msg := fmt.Sprintf("match.path.value: %s path %q does not start with \"/\"; write it as %q", p.Type, p.Value, "/"+p.Value)
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
