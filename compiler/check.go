package compiler

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"
	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/schema"
)

// checkSchema checks the evaluated desired state against the schema,
// recording a finding at the offending field for each violation.
//
// The CUE schema in schema/gateway.cue is checked through the JSON Schema
// that CUE generates from it (schema/gwsync.schema.json): unifying 10,000
// routes with the CUE definitions costs more than evaluating them, while
// the generated JSON Schema gives the same verdicts in a fraction of the
// time. A test holds the two to the same verdicts on the test corpus.
func (c *compilation) checkSchema(v cue.Value) bool {
	s, err := schema.Desired()
	if err != nil {
		c.add("", model.Pos{}, "gwsync's own schema does not compile: "+err.Error())
		return false
	}
	err = s.Validate(c.jsonOf(v, "", nil))
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return err == nil
	}
	for _, leaf := range leaves(ve) {
		c.addViolation(v, leaf)
	}
	return false
}

// leaves returns the innermost causes of a validation error: the ones that
// say what is wrong, not which schema branch noticed.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// addViolation records one JSON Schema violation as a finding.
func (c *compilation) addViolation(root cue.Value, ve *jsonschema.ValidationError) {
	path := splitPointer(ve.InstanceLocation)
	keyword := ve.KeywordLocation[strings.LastIndex(ve.KeywordLocation, "/")+1:]
	msg := c.violationMessage(keyword, ve)
	if keyword == "additionalProperties" {
		for _, name := range quoted(ve.Message) {
			p := append(slices.Clip(path), name)
			c.findings = append(c.findings, c.schemaFinding(p, lookup(root, p).Pos(),
				fmt.Sprintf("unknown field %q; %s", name, msg)))
		}
		return
	}
	c.findings = append(c.findings, c.schemaFinding(path, lookup(root, path).Pos(), msg))
}

// violationMessage rewrites a JSON Schema message into one that says what
// to change.
func (c *compilation) violationMessage(keyword string, ve *jsonschema.ValidationError) string {
	switch keyword {
	case "required":
		names := quoted(ve.Message)
		if len(names) == 1 {
			return fmt.Sprintf("missing required field %q", names[0])
		}
		return "missing required fields " + strings.Join(quoteAll(names), ", ")
	case "additionalProperties":
		if allowed := allowedFields(ve.AbsoluteKeywordLocation); len(allowed) > 0 {
			return "allowed fields here: " + strings.Join(allowed, ", ")
		}
		return "remove it"
	case "enum":
		return strings.Replace(ve.Message, "value must be one of", "must be one of", 1)
	case "type":
		return "must be " + strings.TrimPrefix(ve.Message, "expected ")
	case "not":
		return "must not be empty"
	}
	return ve.Message
}

// schemaFinding builds a schema finding about the field at path.
func (c *compilation) schemaFinding(path []string, pos token.Pos, msg string) diag.Finding {
	res, field := splitResource(unquoteAll(path))
	if len(field) > 0 {
		msg = strings.Join(field, ".") + ": " + msg
	}
	return diag.Errorf(diag.RuleSchema, res, c.pos(pos), msg)
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

var quotedRE = regexp.MustCompile(`'([^']*)'`)

// quoted returns the 'single-quoted' names in a JSON Schema message.
func quoted(msg string) []string {
	var out []string
	for _, m := range quotedRE.FindAllStringSubmatch(msg, -1) {
		out = append(out, m[1])
	}
	return out
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strconv.Quote(n)
	}
	return out
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

var schemaDoc = sync.OnceValue(func() map[string]any {
	var doc map[string]any
	_ = json.Unmarshal(schema.JSONSchema, &doc)
	return doc
})

// allowedFields lists the properties of the schema object whose
// additionalProperties keyword is at the absolute location loc.
func allowedFields(loc string) []string {
	_, frag, ok := strings.Cut(loc, "#")
	if !ok {
		return nil
	}
	var node any = schemaDoc()
	for _, tok := range splitPointer(strings.TrimSuffix(frag, "/additionalProperties")) {
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[tok]
	}
	m, _ := node.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
