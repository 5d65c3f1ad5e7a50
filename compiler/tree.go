package compiler

import (
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"
)

// node is one JSON value of the evaluated desired state with the source
// position it was written at. The compiler walks CUE's value once to build
// the tree (CUE's field iteration is its most expensive read), then both
// checks the schema on it and decodes the model from it.
type node struct {
	pos    token.Pos
	kind   cue.Kind
	str    string
	num    float64
	isInt  bool
	int    int64
	b      bool
	fields []field // struct fields, in declaration order
	elems  []*node // list elements
	// odd is true when the node or one below it is a float or bytes,
	// which the kind check looks for.
	odd bool
}

// field is one named struct field.
type field struct {
	name string
	val  *node
}

// treeOf converts a concrete CUE value into a node tree. The values of a
// typed desired state, whose places written indexes (nil for others), are
// placed where the user's files write them.
func treeOf(v cue.Value, written writtenIndex) *node {
	return treeAt(v, written, "", token.NoPos)
}

// treeAt is treeOf for the value at key, below one at parent.
func treeAt(v cue.Value, written writtenIndex, key string, parent token.Pos) *node {
	if d, ok := v.Default(); ok {
		v = d
	}
	n := &node{pos: v.Pos(), kind: v.Kind()}
	if written != nil {
		n.pos = written.place(key, n.pos, parent)
	}
	switch n.kind {
	case cue.StructKind:
		it, _ := v.Fields()
		for it.Next() {
			name := it.Selector().Unquoted()
			f := field{name, treeAt(it.Value(), written, written.child(key, name), n.pos)}
			n.fields = append(n.fields, f)
			n.odd = n.odd || f.val.odd
		}
	case cue.ListKind:
		it, _ := v.List()
		for i := 0; it.Next(); i++ {
			e := treeAt(it.Value(), written, written.child(key, strconv.Itoa(i)), n.pos)
			n.elems = append(n.elems, e)
			n.odd = n.odd || e.odd
		}
	default:
		n.scalar(v)
		n.odd = n.kind == cue.FloatKind || n.kind == cue.BytesKind
	}
	return n
}

// scalar reads a scalar value into n.
func (n *node) scalar(v cue.Value) {
	switch n.kind {
	case cue.StringKind:
		n.str, _ = v.String()
	case cue.BytesKind:
		b, _ := v.Bytes()
		n.str = string(b)
	case cue.IntKind:
		if i, err := v.Int64(); err == nil {
			n.isInt, n.int = true, i
		} else {
			n.num, _ = v.Float64()
		}
	case cue.FloatKind:
		n.num, _ = v.Float64()
	case cue.BoolKind:
		n.b, _ = v.Bool()
	}
}

// plain returns the node as plain JSON values (map[string]any, []any,
// string, int64, float64, bool, nil), as JSON Schema validators want.
func (n *node) plain() any {
	switch n.kind {
	case cue.StructKind:
		m := make(map[string]any, len(n.fields))
		for _, f := range n.fields {
			m[f.name] = f.val.plain()
		}
		return m
	case cue.ListKind:
		l := make([]any, len(n.elems))
		for i, e := range n.elems {
			l[i] = e.plain()
		}
		return l
	case cue.StringKind, cue.BytesKind:
		return n.str
	case cue.IntKind, cue.FloatKind:
		if n.isInt {
			return n.int
		}
		return n.num
	case cue.BoolKind:
		return n.b
	}
	return nil
}

// isRoutes reports whether a field of an HTTP API is its struct of routes,
// whose members are checked one by one.
func isRoutes(f field) bool { return f.name == "routes" && f.val.kind == cue.StructKind }

// routeNode is one route of an HTTP API's struct of routes.
type routeNode struct {
	api, name string
	n         *node
}

// routes lists the routes of every HTTP API that has a struct of routes.
func (n *node) routes() []routeNode {
	var out []routeNode
	apis := n.get("httpApis")
	if apis == nil || apis.kind != cue.StructKind {
		return nil
	}
	for _, a := range apis.fields {
		for _, af := range a.val.fields {
			if !isRoutes(af) {
				continue
			}
			for _, r := range af.val.fields {
				out = append(out, routeNode{a.name, r.name, r.val})
			}
		}
	}
	return out
}

// plainWithoutRoutes is the root as plain JSON with every HTTP API's struct
// of routes left empty: the routes are checked one by one.
func (n *node) plainWithoutRoutes() any {
	return n.plainFields(func(f field) any {
		if f.name != "httpApis" {
			return f.val.plain()
		}
		return f.val.plainFields(func(api field) any {
			return api.val.plainFields(func(af field) any {
				if isRoutes(af) {
					return map[string]any{}
				}
				return af.val.plain()
			})
		})
	})
}

// plainFields renders a struct's fields each through render; other nodes
// render plainly.
func (n *node) plainFields(render func(field) any) any {
	if n.kind != cue.StructKind {
		return n.plain()
	}
	m := make(map[string]any, len(n.fields))
	for _, f := range n.fields {
		m[f.name] = render(f)
	}
	return m
}

// get returns the field called name, or nil.
func (n *node) get(name string) *node {
	if n == nil {
		return nil
	}
	for _, f := range n.fields {
		if f.name == name {
			return f.val
		}
	}
	return nil
}

// at returns the node at a path of field names and list indexes, stopping
// at the deepest node that exists.
func (n *node) at(path []string) *node {
	for _, p := range path {
		next := n.get(p)
		if n.kind == cue.ListKind {
			if i, err := strconv.Atoi(p); err == nil && i >= 0 && i < len(n.elems) {
				next = n.elems[i]
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// positions records the position of every node under n by JSON pointer.
func (n *node) positions(ptr string, out map[string]token.Pos) {
	out[ptr] = n.pos
	for _, f := range n.fields {
		f.val.positions(ptr+"/"+escapePointer(f.name), out)
	}
	for i, e := range n.elems {
		e.positions(ptr+"/"+strconv.Itoa(i), out)
	}
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
