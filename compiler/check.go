package compiler

import (
	"strconv"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/schema"
)

// checkSchema checks the evaluated desired state against the schema,
// returning a finding at the offending field for each violation.
//
// The CUE schema in schema/gateway.cue is checked through the JSON Schema
// that CUE's own generator derives from it (schema/gwsync.schema.json):
// unifying 10,000 routes with the CUE definitions costs more than
// evaluating them, while the generated JSON Schema gives the same verdicts
// in a fraction of the time. A test holds the two to the same verdicts on
// the test corpus.
func (c *compilation) checkSchema(v *node) []diag.Finding {
	s, err := schema.Desired()
	if err != nil {
		return []diag.Finding{diag.Errorf(diag.RuleSchema, "", model.Pos{}, "gwsync's own schema does not compile: "+err.Error())}
	}
	var out []diag.Finding
	for _, viol := range schema.Check(s, v.plain()) {
		path := splitPointer(viol.Pointer)
		out = append(out, c.schemaFinding(path, c.pos(v.at(path).pos), viol.Message))
	}
	return out
}

// schemaFinding builds a schema finding about the field at path.
func (c *compilation) schemaFinding(path []string, pos model.Pos, msg string) diag.Finding {
	res, field := splitResource(unquoteAll(path))
	if len(field) > 0 && !strings.HasPrefix(msg, "unknown field") {
		msg = strings.Join(field, ".") + ": " + msg
	}
	return diag.Errorf(diag.RuleSchema, res, pos, msg)
}

// unquoteAll removes CUE's quoting from path labels ("orders-route").
func unquoteAll(path []string) []string {
	out := make([]string, len(path))
	for i, p := range path {
		if s, err := strconv.Unquote(p); err == nil && strings.HasPrefix(p, `"`) {
			p = s
		}
		out[i] = p
	}
	return out
}
