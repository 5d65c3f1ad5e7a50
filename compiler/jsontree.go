package compiler

import (
	"strconv"
	"strings"

	"cuelang.org/go/cue"
)

// jsonOf converts a concrete CUE value into plain JSON values
// (map[string]any, []any, string, int64, float64, bool, nil). If at is not
// nil it records the position of every node under its JSON pointer.
func (c *compilation) jsonOf(v cue.Value, ptr string, at map[string]cue.Value) any {
	if at != nil {
		at[ptr] = v
	}
	switch v.Kind() {
	case cue.StructKind:
		m := map[string]any{}
		it, _ := v.Fields()
		for it.Next() {
			name := it.Selector().Unquoted()
			m[name] = c.jsonOf(it.Value(), ptr+"/"+escapePointer(name), at)
		}
		return m
	case cue.ListKind:
		var l []any
		it, _ := v.List()
		for i := 0; it.Next(); i++ {
			l = append(l, c.jsonOf(it.Value(), ptr+"/"+strconv.Itoa(i), at))
		}
		if l == nil {
			l = []any{}
		}
		return l
	case cue.StringKind:
		s, _ := v.String()
		return s
	case cue.BytesKind:
		b, _ := v.Bytes()
		return string(b)
	case cue.IntKind:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case cue.FloatKind:
		f, _ := v.Float64()
		return f
	case cue.BoolKind:
		b, _ := v.Bool()
		return b
	}
	return nil
}

// escapePointer escapes one JSON pointer token (RFC 6901).
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// splitPointer splits a JSON pointer into its unescaped tokens.
func splitPointer(p string) []string {
	if p == "" || p == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
	}
	return parts
}
