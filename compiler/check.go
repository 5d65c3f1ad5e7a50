package compiler

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue"

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
	violated := map[string]bool{}
	for _, viol := range schema.Check(s, v.plain()) {
		path := splitPointer(viol.Pointer)
		out = append(out, c.schemaFinding(path, c.nodePos(v.at(path)), viol.Message))
		violated[viol.Pointer] = true
	}
	return append(out, c.checkKinds(v, nil, violated)...)
}

// nodePos is a node's position, or the first input file's when the node
// has none (an empty file's root).
func (c *compilation) nodePos(n *node) model.Pos {
	if n.pos.IsValid() {
		return c.pos(n.pos)
	}
	return c.filePos(c.firstInput)
}

// checkKinds finds what JSON Schema cannot tell apart, where it found
// nothing else wrong: a whole float such as 80.0 (JSON Schema counts it as
// an integer, and it would decode as 0) and CUE bytes ('x', which it sees
// as a string). The schema has no float or bytes field outside policy
// configs, whose own schemas judge them.
func (c *compilation) checkKinds(n *node, path []string, violated map[string]bool) []diag.Finding {
	if len(path) == 3 && path[0] == "policies" && path[2] == "config" {
		return nil
	}
	var out []diag.Finding
	if (n.kind == cue.FloatKind || n.kind == cue.BytesKind) && !violated[pointer(path)] {
		switch n.kind {
		case cue.FloatKind:
			out = append(out, c.schemaFinding(path, c.pos(n.pos), fmt.Sprintf("must be an integer, not %v; write %v", n.num, int64(n.num))))
		case cue.BytesKind:
			out = append(out, c.schemaFinding(path, c.pos(n.pos), fmt.Sprintf("must be a string, not bytes; write it in double quotes: %q", n.str)))
		}
	}
	for _, f := range n.fields {
		out = append(out, c.checkKinds(f.val, append(slices.Clip(path), f.name), violated)...)
	}
	for i, e := range n.elems {
		out = append(out, c.checkKinds(e, append(slices.Clip(path), strconv.Itoa(i)), violated)...)
	}
	return out
}

// pointer renders a path as a JSON pointer.
func pointer(path []string) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(escapePointer(p))
	}
	return b.String()
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
