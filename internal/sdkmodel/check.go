package sdkmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Violation is one place where a document departs from its SDK model.
type Violation struct {
	// Path is where, as a key path from the document's root, for example
	// data.items[0].description.
	Path string
	// Problem says what the document has and what the model says.
	Problem string
}

// String is "path: problem".
func (v Violation) String() string { return v.Path + ": " + v.Problem }

// CheckJSON checks the JSON document doc against s, recursively: every key
// must be one the model has and every value of the model's type. root
// names the document in the violations' paths.
func (m Models) CheckJSON(doc []byte, s *Shape, root string) ([]Violation, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s is not JSON: %w", root, err)
	}
	return m.Check(v, s, root), nil
}

// Check checks a value decoded from JSON (with UseNumber) against s. A
// null is allowed anywhere: every model field is optional.
func (m Models) Check(v any, s *Shape, path string) []Violation {
	return m.check(v, s, path, "")
}

// check is Check for a value held by the model owner ("" at the root).
func (m Models) check(v any, s *Shape, path, owner string) []Violation {
	s, model := m.resolve(s)
	if v == nil || s == nil || s.Kind == Any {
		return nil
	}
	if model == "" {
		model = owner
	}
	if got := kindOf(v); !fits(got, s.Kind) {
		return []Violation{{path, fmt.Sprintf("is %s; the SDK's model%s says %s", got, named(model), s.Kind)}}
	}
	switch s.Kind {
	case Object:
		return m.checkObject(v.(map[string]any), s, model, path)
	case Map:
		return m.checkMap(v.(map[string]any), s, path)
	case Array:
		return m.checkArray(v.([]any), s, path)
	}
	return checkEnum(v, s, path)
}

func (m Models) checkObject(obj map[string]any, s *Shape, model, path string) []Violation {
	var out []Violation
	for _, k := range sortedKeys(obj) {
		f, ok := s.Fields[k]
		if !ok {
			out = append(out, Violation{join(path, k), fmt.Sprintf("the SDK's model%s has no such key (it has %s)", named(model), list(s.keys()))})
			continue
		}
		out = append(out, m.check(obj[k], f, join(path, k), model)...)
	}
	return out
}

func (m Models) checkMap(obj map[string]any, s *Shape, path string) []Violation {
	var out []Violation
	for _, k := range sortedKeys(obj) {
		out = append(out, m.Check(obj[k], s.Elem, join(path, k))...)
	}
	return out
}

func (m Models) checkArray(arr []any, s *Shape, path string) []Violation {
	var out []Violation
	for i, e := range arr {
		out = append(out, m.Check(e, s.Elem, fmt.Sprintf("%s[%d]", path, i))...)
	}
	return out
}

// checkEnum holds a scalar to an enumeration's values.
func checkEnum(v any, s *Shape, path string) []Violation {
	if len(s.Enum) == 0 {
		return nil
	}
	b, _ := json.Marshal(v)
	if slices.Contains(s.Enum, string(b)) {
		return nil
	}
	return []Violation{{path, fmt.Sprintf("%s is not one of the SDK's values %s", b, strings.Join(s.Enum, ", "))}}
}

// kindOf is the JSON kind of a decoded value.
func kindOf(v any) Kind {
	switch v := v.(type) {
	case map[string]any:
		return Object
	case []any:
		return Array
	case string:
		return String
	case bool:
		return Boolean
	case json.Number:
		if strings.ContainsAny(v.String(), ".eE") {
			return Number
		}
		return Integer
	}
	return Any
}

// fits reports whether a value of kind got may stand where want is declared.
func fits(got, want Kind) bool {
	switch want {
	case Map:
		return got == Object || got == Map
	case Number:
		return got == Number || got == Integer
	}
	return got == want
}

func named(model string) string {
	if model == "" {
		return ""
	}
	return " " + model
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// list is keys joined, cut after a dozen.
func list(keys []string) string {
	if len(keys) > 12 {
		return strings.Join(keys[:12], ", ") + fmt.Sprintf(", ... %d more", len(keys)-12)
	}
	if len(keys) == 0 {
		return "no keys"
	}
	return strings.Join(keys, ", ")
}
