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

// The CUE schema in schema/gateway.cue is checked through the JSON Schema
// that CUE's own generator derives from it (schema/gwsync.schema.json):
// unifying 10,000 routes with the CUE definitions costs more than
// evaluating them, while the generated JSON Schema gives the same verdicts
// in a fraction of the time (schema_agreement_test.go holds the two to the
// same verdicts). Routes are checked one at a time against #Route, and
// the rest against #Desired with each HTTP API's routes left out.

// checkTop checks the desired state without its routes, returning a
// finding at the offending field for each violation.
func (c *compilation) checkTop(root *node) []diag.Finding {
	s, err := schema.DesiredValidator()
	if err != nil {
		return []diag.Finding{c.ownSchemaBroken(err)}
	}
	return c.check(s, root, root.plainWithoutRoutes(), nil)
}

// checkRoutes checks routes against #Route, one at a time.
func (c *compilation) checkRoutes(routes []routeNode) []diag.Finding {
	s, err := schema.RouteValidator()
	if err != nil {
		return []diag.Finding{c.ownSchemaBroken(err)}
	}
	var out []diag.Finding
	for _, r := range routes {
		out = append(out, c.check(s, r.n, r.n.plain(), []string{"httpApis", r.api, "routes", r.name})...)
	}
	return out
}

func (c *compilation) ownSchemaBroken(err error) diag.Finding {
	return diag.Errorf(diag.RuleSchema, "", model.Pos{}, "gwsync's own schema does not compile: "+err.Error())
}

// check validates doc, the plain form of n found at path, against s.
func (c *compilation) check(s *schema.Validator, n *node, doc any, path []string) []diag.Finding {
	var out []diag.Finding
	violated := map[string]bool{}
	for _, viol := range s.Check(doc) {
		rel := splitPointer(viol.Pointer)
		out = append(out, c.schemaFinding(append(slices.Clip(path), rel...), c.nodePos(n.at(rel)), viol.Message))
		violated[viol.Pointer] = true
	}
	return append(out, c.checkKinds(n, nil, path, violated)...)
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
//
// rel is n's path below the checked document, base the document's path;
// route subtrees below the top document are left to their own check.
func (c *compilation) checkKinds(n *node, rel, base []string, violated map[string]bool) []diag.Finding {
	if !n.odd {
		return nil
	}
	at := func(i int) string {
		if i < len(base) {
			return base[i]
		}
		return rel[i-len(base)]
	}
	if len(base)+len(rel) == 3 && isFreeForm(at(0), at(2)) {
		return nil
	}
	var out []diag.Finding
	if (n.kind == cue.FloatKind || n.kind == cue.BytesKind) && !violated[pointer(rel)] {
		path := append(slices.Clip(base), rel...)
		switch n.kind {
		case cue.FloatKind:
			out = append(out, c.schemaFinding(path, c.pos(n.pos), fmt.Sprintf("must be an integer, not %v; write %v", n.num, int64(n.num))))
		case cue.BytesKind:
			out = append(out, c.schemaFinding(path, c.pos(n.pos), fmt.Sprintf("must be a string, not bytes; write it in double quotes: %q", n.str)))
		}
	}
	for _, f := range n.fields {
		if len(base) == 0 && len(rel) == 2 && rel[0] == "httpApis" && isRoutes(f) {
			continue
		}
		out = append(out, c.checkKinds(f.val, append(slices.Clip(rel), f.name), base, violated)...)
	}
	for i, e := range n.elems {
		out = append(out, c.checkKinds(e, append(slices.Clip(rel), strconv.Itoa(i)), base, violated)...)
	}
	return out
}

// isFreeForm reports whether the field of a top-level resource holds a
// configuration of any shape, which its own schema judges: an Aliyun
// policy's config, a Huawei plugin's plugin_content.
func isFreeForm(top, fieldName string) bool {
	return top == "policies" && fieldName == "config" || top == "plugins" && fieldName == "plugin_content"
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
	if len(field) == 0 && len(path) > 0 && msg == "field not allowed" {
		// The field is the resource's own name (gateway.regon): name it.
		field = unquoteAll(path[len(path)-1:])
	}
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
