package compiler

import (
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"
)

// Node is one JSON value of the evaluated desired state with the source
// position it was written at. The compiler walks CUE's value once to build
// the tree (CUE's field iteration is its most expensive read), then the
// gateway kind both checks the schema on it and decodes the model from it
// (see Decoder). Its accessors read a missing (nil) node as the zero
// value.
type Node struct {
	pos    token.Pos
	kind   cue.Kind
	str    string
	num    float64
	isInt  bool
	int    int64
	b      bool
	fields []Field // struct fields, in declaration order
	elems  []*Node // list elements
	// odd is true when the node or one below it is a float or bytes,
	// which the kind check looks for.
	odd bool
}

// Field is one named struct field.
type Field struct {
	Name  string
	Value *Node
}

// treeOf converts a concrete CUE value into a node tree. The values of a
// typed desired state, whose places written indexes (nil for others), are
// placed where the user's files write them.
func treeOf(v cue.Value, written writtenIndex) *Node {
	return treeAt(v, written, "", token.NoPos)
}

// treeAt is treeOf for the value at key, below one at parent.
func treeAt(v cue.Value, written writtenIndex, key string, parent token.Pos) *Node {
	if d, ok := v.Default(); ok {
		v = d
	}
	n := &Node{pos: v.Pos(), kind: v.Kind()}
	if written != nil {
		n.pos = written.place(key, n.pos, parent)
	}
	switch n.kind {
	case cue.StructKind:
		it, _ := v.Fields()
		for it.Next() {
			name := it.Selector().Unquoted()
			f := Field{name, treeAt(it.Value(), written, written.child(key, name), n.pos)}
			n.fields = append(n.fields, f)
			n.odd = n.odd || f.Value.odd
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
func (n *Node) scalar(v cue.Value) {
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

// Plain returns the node as plain JSON values (map[string]any, []any,
// string, int64, float64, bool, nil), as JSON Schema validators want.
func (n *Node) Plain() any {
	switch n.kind {
	case cue.StructKind:
		m := make(map[string]any, len(n.fields))
		for _, f := range n.fields {
			m[f.Name] = f.Value.Plain()
		}
		return m
	case cue.ListKind:
		l := make([]any, len(n.elems))
		for i, e := range n.elems {
			l[i] = e.Plain()
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

// Get returns the field called name, or nil.
func (n *Node) Get(name string) *Node {
	if n == nil {
		return nil
	}
	for _, f := range n.fields {
		if f.Name == name {
			return f.Value
		}
	}
	return nil
}

// at returns the node at a path of field names and list indexes, stopping
// at the deepest node that exists.
func (n *Node) at(path []string) *Node {
	for _, p := range path {
		next := n.Get(p)
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
func (n *Node) positions(ptr string, out map[string]token.Pos) {
	out[ptr] = n.pos
	for _, f := range n.fields {
		f.Value.positions(ptr+"/"+escapePointer(f.Name), out)
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

// Fields are a struct's fields, in declaration order (none for other
// nodes).
func (n *Node) Fields() []Field {
	if n == nil {
		return nil
	}
	return n.fields
}

// Elems are a list's elements (none for other nodes).
func (n *Node) Elems() []*Node {
	if n == nil {
		return nil
	}
	return n.elems
}

// IsStruct reports whether the node is a struct.
func (n *Node) IsStruct() bool { return n != nil && n.kind == cue.StructKind }

// Str reads a string (or bytes); other nodes read as "".
func (n *Node) Str() string {
	if n == nil {
		return ""
	}
	return n.str
}

// Bool reads a bool; other nodes read as false.
func (n *Node) Bool() bool { return n != nil && n.b }

// Int reads an integer; other nodes read as 0.
func (n *Node) Int() int {
	if n == nil {
		return 0
	}
	return int(n.int)
}

// Strs reads a list of strings.
func (n *Node) Strs() []string {
	var out []string
	for _, e := range n.Elems() {
		out = append(out, e.Str())
	}
	return out
}
