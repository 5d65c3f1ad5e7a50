package sync

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// fieldChanges lists the fields that differ between two documents, as JSON
// pointers in document order. Scalars and lists of scalars are compared
// whole; objects and lists of objects are walked.
func fieldChanges(before, after Document) []FieldChange {
	bj, aj := toJSON(before), toJSON(after)
	b, a := flatten(bj), flatten(aj)
	secrets := secretLeaves(bj)
	maps.Copy(secrets, secretLeaves(aj))
	paths := make([]string, 0, len(a)+len(b))
	for p := range b {
		paths = append(paths, p)
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	var out []FieldChange
	for _, p := range paths {
		bv, av := b[p], a[p]
		if !reflect.DeepEqual(bv, av) {
			out = append(out, FieldChange{Path: p, Before: bv, After: av, Sensitive: Sensitive(p) || secrets[p]})
		}
	}
	return out
}

// equalDocs reports whether two documents are the same: whether they
// encode to the same JSON (documents encode deterministically: fields in
// declaration order, map keys sorted).
func equalDocs(a, b Document) bool {
	ab, err1 := json.Marshal(a)
	bb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ab, bb)
}

// toJSON is a document as plain JSON values.
func toJSON(d Document) any {
	if d == nil || reflect.ValueOf(d).IsNil() {
		return nil
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil
	}
	var v any
	if json.Unmarshal(b, &v) != nil {
		return nil
	}
	return v
}

// flatten maps each leaf of v to its JSON pointer.
func flatten(v any) map[string]any {
	out := map[string]any{}
	flattenInto(out, "", v)
	return out
}

func flattenInto(out map[string]any, path string, v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			flattenInto(out, path+"/"+escapePointer(k), e)
		}
	case []any:
		if !hasObjects(t) {
			out[path] = t
			return
		}
		for i, e := range t {
			flattenInto(out, path+"/"+strconv.Itoa(i), e)
		}
	case nil:
	default:
		out[path] = t
	}
}

func hasObjects(list []any) bool {
	for _, e := range list {
		if _, ok := e.(map[string]any); ok {
			return true
		}
	}
	return false
}

func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}
