package schema

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Violation is one way a document breaks a schema, phrased for people.
type Violation struct {
	// Pointer is the JSON pointer of the offending value; for an unknown
	// field it points at the field itself.
	Pointer string
	// Message says what is wrong and, where it can, what to write instead.
	Message string
}

// Check validates v (plain JSON values) against s and returns each
// violation once, innermost cause first. A nil result means v is valid.
func Check(s *jsonschema.Schema, v any) []Violation {
	ve, ok := s.Validate(v).(*jsonschema.ValidationError)
	if !ok {
		return nil
	}
	var out []Violation
	for _, leaf := range leaves(ve) {
		out = append(out, violations(leaf)...)
	}
	out = slices.CompactFunc(out, func(a, b Violation) bool { return a == b })
	return dropImplied(out)
}

// dropImplied removes "must be number" where "must be integer" is reported
// for the same value (CUE's int generates both types).
func dropImplied(vs []Violation) []Violation {
	ints := map[string]bool{}
	for _, v := range vs {
		if strings.HasPrefix(v.Message, "must be integer") {
			ints[v.Pointer] = true
		}
	}
	return slices.DeleteFunc(vs, func(v Violation) bool {
		return ints[v.Pointer] && strings.HasPrefix(v.Message, "must be number")
	})
}

// leaves returns the innermost causes of a validation error. For oneOf and
// anyOf it keeps only the branch that came closest (fewest causes), so a
// value that almost matches one alternative is not drowned in the others'
// complaints.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	if k := lastKeyword(ve.KeywordLocation); k == "oneOf" || k == "anyOf" {
		return closestBranch(ve)
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// closestBranch returns the causes of the oneOf or anyOf branch that came
// closest (fewest causes, the first of equals) among the branches for the
// value's type; when every branch wants another type, one cause saying
// which types would do ("expected array or string, but got number").
func closestBranch(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	var best []*jsonschema.ValidationError
	var types []string
	got := ""
	for _, c := range ve.Causes {
		l := leaves(c)
		if want, g, ok := wrongType(l, ve.InstanceLocation); ok {
			types, got = append(types, want), g
			continue
		}
		if best == nil || len(l) < len(best) {
			best = l
		}
	}
	if best != nil || len(types) == 0 {
		return best
	}
	return []*jsonschema.ValidationError{{
		KeywordLocation: ve.KeywordLocation + "/type", AbsoluteKeywordLocation: ve.AbsoluteKeywordLocation + "/type",
		InstanceLocation: ve.InstanceLocation,
		Message:          fmt.Sprintf("expected %s, but got %s", strings.Join(types, " or "), got),
	}}
}

// wrongType reports whether a branch's causes are only that the value at
// loc is not of the branch's type, and which type it wanted and got.
func wrongType(l []*jsonschema.ValidationError, loc string) (want, got string, ok bool) {
	if len(l) != 1 || l[0].InstanceLocation != loc || lastKeyword(l[0].KeywordLocation) != "type" {
		return "", "", false
	}
	want, got, ok = strings.Cut(strings.TrimPrefix(l[0].Message, "expected "), ", but got ")
	return want, got, ok
}

// violations phrases one leaf error.
func violations(ve *jsonschema.ValidationError) []Violation {
	switch lastKeyword(ve.KeywordLocation) {
	case "additionalProperties", "unevaluatedProperties":
		var out []Violation
		hint := "remove it"
		if allowed := allowedFields(ve.AbsoluteKeywordLocation); len(allowed) > 0 {
			hint = "allowed fields here: " + strings.Join(allowed, ", ")
		}
		for _, name := range quoted(ve.Message) {
			out = append(out, Violation{
				Pointer: ve.InstanceLocation + "/" + escapeToken(name),
				Message: fmt.Sprintf("unknown field %q; %s", name, hint),
			})
		}
		return out
	case "required":
		names := quoted(ve.Message)
		msg := "missing required fields " + strings.Join(quoteAll(names), ", ")
		if len(names) == 1 {
			msg = fmt.Sprintf("missing required field %q", names[0])
		}
		return []Violation{{Pointer: ve.InstanceLocation, Message: msg}}
	}
	return []Violation{{Pointer: ve.InstanceLocation, Message: phrase(ve)}}
}

// phrase rewrites the library's message for the remaining keywords.
func phrase(ve *jsonschema.ValidationError) string {
	m := ve.Message
	switch lastKeyword(ve.KeywordLocation) {
	case "enum":
		return strings.Replace(m, "value must be one of", "must be one of", 1)
	case "const":
		return strings.Replace(m, "value must be", "must be", 1)
	case "type":
		return "must be " + strings.TrimPrefix(m, "expected ")
	case "not":
		return "must not be empty"
	case "minItems":
		return "must not be empty"
	case "pattern":
		if d := descriptionAt(ve.AbsoluteKeywordLocation); d != "" {
			return "is not in the expected form: " + d
		}
		return "is not in the expected form"
	}
	return m
}

func lastKeyword(loc string) string { return loc[strings.LastIndex(loc, "/")+1:] }

// quoted returns the 'single-quoted' names in a library message.
func quoted(msg string) []string {
	var out []string
	for {
		i := strings.IndexByte(msg, '\'')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(msg[i+1:], '\'')
		if j < 0 {
			return out
		}
		out = append(out, msg[i+1:i+1+j])
		msg = msg[i+j+2:]
	}
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

func escapeToken(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// docs holds the parsed schema documents by URL, for looking up which
// fields an object allows.
var docs = sync.Map{}

func rememberDoc(url string, raw []byte) {
	var doc any
	if json.Unmarshal(raw, &doc) == nil {
		docs.Store(url, doc)
	}
}

// schemaNode returns the schema object holding the keyword at the absolute
// location loc.
func schemaNode(loc string) map[string]any {
	url, frag, _ := strings.Cut(loc, "#")
	node, ok := docs.Load(url)
	if !ok {
		return nil
	}
	for _, tok := range strings.Split(strings.Trim(strings.TrimSuffix(frag, lastKeyword(frag)), "/"), "/") {
		switch n := node.(type) {
		case map[string]any:
			if tok != "" {
				node = n[strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)]
			}
		case []any: // the branches of anyOf, oneOf and allOf
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) {
				return nil
			}
			node = n[i]
		}
	}
	m, _ := node.(map[string]any)
	return m
}

// descriptionAt returns the description of the schema object holding the
// keyword at loc, or else of the object whose anyOf, oneOf or allOf
// branch that is (the branches of "a list or a string" share one).
func descriptionAt(loc string) string {
	for {
		d, _ := schemaNode(loc)["description"].(string)
		if d != "" {
			return strings.Join(strings.Fields(d), " ")
		}
		parent, ok := branchParent(loc)
		if !ok {
			return ""
		}
		loc = parent
	}
}

// branchParent turns the location of a keyword inside an anyOf, oneOf or
// allOf branch (".../anyOf/1/pattern") into one inside the object holding
// the branches (".../anyOf"), whose description descriptionAt reads.
func branchParent(loc string) (string, bool) {
	parts := strings.Split(loc, "/")
	if len(parts) < 3 {
		return "", false
	}
	switch parts[len(parts)-3] {
	case "anyOf", "oneOf", "allOf":
		return strings.Join(parts[:len(parts)-2], "/"), true
	}
	return "", false
}

// allowedFields lists the properties of the schema object whose
// additionalProperties keyword is at the absolute location loc.
func allowedFields(loc string) []string {
	props, _ := schemaNode(loc)["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
