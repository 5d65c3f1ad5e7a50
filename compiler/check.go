package compiler

import (
	"strconv"
	"strings"

	"cuelang.org/go/cue"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/schema"
)

// checkSchema checks the evaluated desired state against the schema,
// recording a finding at the offending field for each violation.
//
// The CUE schema in schema/gateway.cue is checked through the JSON Schema
// that CUE's own generator derives from it (schema/gwsync.schema.json):
// unifying 10,000 routes with the CUE definitions costs more than
// evaluating them, while the generated JSON Schema gives the same verdicts
// in a fraction of the time. A test holds the two to the same verdicts on
// the test corpus.
func (c *compilation) checkSchema(v cue.Value) bool {
	s, err := schema.Desired()
	if err != nil {
		c.add("", model.Pos{}, "gwsync's own schema does not compile: "+err.Error())
		return false
	}
	vs := schema.Check(s, c.jsonOf(v, "", nil))
	for _, viol := range vs {
		path := splitPointer(viol.Pointer)
		c.findings = append(c.findings, c.schemaFinding(path, c.pos(lookup(v, path).Pos()), viol.Message))
	}
	return len(vs) == 0
}

// schemaFinding builds a schema finding about the field at path.
func (c *compilation) schemaFinding(path []string, pos model.Pos, msg string) diag.Finding {
	res, field := splitResource(unquoteAll(path))
	if len(field) > 0 && !strings.HasPrefix(msg, "unknown field") {
		msg = strings.Join(field, ".") + ": " + msg
	}
	return diag.Errorf(diag.RuleSchema, res, pos, msg)
}

// lookup finds the value at a path of field names and list indexes,
// stopping at the deepest value that exists.
func lookup(v cue.Value, path []string) cue.Value {
	for _, p := range path {
		var next cue.Value
		if v.Kind() == cue.ListKind {
			i, err := strconv.Atoi(p)
			if err != nil {
				return v
			}
			next = v.LookupPath(cue.MakePath(cue.Index(i)))
		} else {
			next = v.LookupPath(cue.MakePath(cue.Str(p)))
		}
		if !next.Exists() {
			return v
		}
		v = next
	}
	return v
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
