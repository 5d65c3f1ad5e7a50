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

// The CUE schema (schema/*.cue) is checked through the JSON Schema
// that CUE's own generator derives from it (schema/gwsync.schema.json):
// unifying 10,000 routes with the CUE definitions costs more than
// evaluating them, while the generated JSON Schema gives the same verdicts
// in a fraction of the time (schema_agreement_test.go holds the two to the
// same verdicts). A kind may check parts of its desired state one at a
// time, against their own definitions, and the rest without them (see
// Decoding.Check).

// checkDesired checks the whole desired state at root against #Desired.
func (c *compilation) checkDesired(root *Node) []diag.Finding {
	s, err := schema.DesiredValidator()
	if err != nil {
		return []diag.Finding{SchemaBroken(err)}
	}
	return c.check(s, root, root.Plain(), nil, nil)
}

// Check checks n, the value at path (nil: the whole desired state),
// against s; doc is n's plain form (Node.Plain), from which the kind may
// have left out parts it checks on their own: apart reports those, by
// their path from the desired state's top (nil: none). It returns a
// finding at the offending field for each violation, and for each float
// or bytes value the schema cannot tell from an integer or a string.
func (dc *Decoding) Check(s *schema.Validator, n *Node, doc any, path []string, apart func(path []string, n *Node) bool) []diag.Finding {
	return dc.c.check(s, n, doc, path, apart)
}

// SchemaBroken is the finding that gwsync's own schema does not compile.
func SchemaBroken(err error) diag.Finding {
	return diag.Errorf(diag.RuleSchema, "", model.Pos{}, "gwsync's own schema does not compile: "+err.Error())
}

// check is Decoding.Check.
func (c *compilation) check(s *schema.Validator, n *Node, doc any, path []string, apart func([]string, *Node) bool) []diag.Finding {
	var out []diag.Finding
	violated := map[string]bool{}
	for _, viol := range s.Check(doc) {
		rel := splitPointer(viol.Pointer)
		out = append(out, c.schemaFinding(append(slices.Clip(path), rel...), c.nodePos(n.at(rel)), viol.Message))
		violated[viol.Pointer] = true
	}
	return append(out, c.checkKinds(n, nil, path, violated, apart)...)
}

// nodePos is a node's position, or the first input file's when the node
// has none (an empty file's root).
func (c *compilation) nodePos(n *Node) model.Pos {
	if n.pos.IsValid() {
		return c.pos(n.pos)
	}
	return c.filePos(c.firstInput)
}

// checkKinds finds what JSON Schema cannot tell apart, where it found
// nothing else wrong: a whole float such as 80.0 (JSON Schema counts it as
// an integer, and it would decode as 0) and CUE bytes ('x', which it sees
// as a string). The schema has no float or bytes field outside the kinds'
// free-form configurations (Layout.FreeForm), whose own schemas judge
// them.
//
// rel is n's path below the checked document, base the document's path;
// the parts apart reports are left to their own check.
func (c *compilation) checkKinds(n *Node, rel, base []string, violated map[string]bool, apart func([]string, *Node) bool) []diag.Finding {
	if !n.odd {
		return nil
	}
	if apart != nil && apart(slices.Concat(base, rel), n) {
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
		out = append(out, c.checkKinds(f.Value, append(slices.Clip(rel), f.Name), base, violated, apart)...)
	}
	for i, e := range n.elems {
		out = append(out, c.checkKinds(e, append(slices.Clip(rel), strconv.Itoa(i)), base, violated, apart)...)
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
