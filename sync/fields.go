package sync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// FieldChanges lists the fields that differ between two documents, as JSON
// pointers in document order. Scalars and lists of scalars are compared
// whole; objects and lists of objects are walked.
func FieldChanges(before, after Document) []FieldChange {
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

// EqualDocs reports whether two documents are the same: whether they
// encode to the same JSON (documents encode deterministically: fields in
// declaration order, map keys sorted).
func EqualDocs(a, b Document) bool {
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

// Elements returns what a change to a list of scalars adds and removes,
// element by element (as multisets, each in its list's order). ok is false
// for any other change (a scalar, a list of objects or lists, a field
// added or removed whole) and for a list only reordered. A set held as
// one string (see DocumentType.Sets) counts as the list of its elements.
func (f FieldChange) Elements() (added, removed []any, ok bool) {
	before, okBefore := elementsOf(f.Path, f.Before)
	after, okAfter := elementsOf(f.Path, f.After)
	if !okBefore || !okAfter {
		return nil, nil, false
	}
	added, removed = without(after, before), without(before, after)
	return added, removed, len(added)+len(removed) > 0
}

// elementsOf is a field value as a list of scalars, if it is one.
func elementsOf(path string, v any) ([]any, bool) {
	switch t := v.(type) {
	case []any:
		return t, !slices.ContainsFunc(t, isComposite)
	case []string:
		return stringsAsAny(t), true
	case string:
		if isSetString(path) {
			return stringsAsAny(SplitList(t)), true
		}
	}
	return nil, false
}

func isComposite(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

func stringsAsAny(s []string) []any {
	out := make([]any, len(s))
	for i, e := range s {
		out[i] = e
	}
	return out
}

// without is the elements of a that b does not have, counting repeats:
// [x x y] without [x] is [x y].
func without(a, b []any) []any {
	have := map[string]int{}
	for _, e := range b {
		have[elementKey(e)]++
	}
	var out []any
	for _, e := range a {
		k := elementKey(e)
		if have[k] > 0 {
			have[k]--
			continue
		}
		out = append(out, e)
	}
	return out
}

// elementKey is a scalar as JSON, so that 80 (float64 from JSON) and 80
// (int, from a document built in code) are one element.
func elementKey(e any) string {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Sprint(e)
	}
	return string(b)
}
