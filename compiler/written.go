package compiler

import (
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"
)

// writtenIndex records where the user's files write each value of a typed
// desired state, by path. CUE places a value that unifies what the user
// wrote with a definition of the schema module at the definition (and
// finding that place costs an evaluation of each conjunct); the index
// reads the same places off the parsed files, as gwsync shows them for a
// package that does not import the module: a field at its label, a list
// element at its start, the root at each file's start.
//
// A path's key is its labels, unquoted, joined by pathSep; list elements
// are labelled by index. Positions are in the order the files are read.
// Values a comprehension or a reference makes are not in the index.
type writtenIndex map[string][]token.Pos

// pathSep joins the labels of a path into its key.
const pathSep = "\x00"

// pathKey is the key of a path of unquoted labels.
func pathKey(labels []string) string { return strings.Join(labels, pathSep) }

// child is the key of the value labelled name below the one at key; ""
// when there is no index (the desired state is not typed), which needs no
// keys.
func (w writtenIndex) child(key, name string) string {
	switch {
	case w == nil:
		return ""
	case key == "":
		return name
	}
	return key + pathSep + name
}

// addFile records what a CUE file writes.
func (w writtenIndex) addFile(f *ast.File) {
	w.add(nil, f.Pos())
	w.decls(nil, f.Decls)
}

// addData records what a JSON or YAML file's expression writes.
func (w writtenIndex) addData(e ast.Expr) {
	w.add(nil, e.Pos())
	w.expr(nil, e)
}

// add records that the value at path is written at p.
func (w writtenIndex) add(path []string, p token.Pos) {
	if p.IsValid() {
		k := pathKey(path)
		w[k] = append(w[k], p)
	}
}

// decls records the fields of a struct at path, and those of the structs
// it embeds.
func (w writtenIndex) decls(path []string, decls []ast.Decl) {
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.Field:
			name, _, err := ast.LabelName(d.Label)
			if err != nil {
				continue // a pattern or dynamic label
			}
			p := append(slices.Clip(path), name)
			w.add(p, d.Label.Pos())
			w.expr(p, d.Value)
		case *ast.EmbedDecl:
			w.expr(path, d.Expr)
		}
	}
}

// expr records what an expression at path writes: a struct's fields, a
// list's elements, and those of the operands of a unification (a value
// written as schema.#TimeoutConfig & {...}).
func (w writtenIndex) expr(path []string, e ast.Expr) {
	switch e := e.(type) {
	case *ast.StructLit:
		w.decls(path, e.Elts)
	case *ast.ListLit:
		w.elems(path, e.Elts)
	case *ast.BinaryExpr:
		if e.Op == token.AND {
			w.expr(path, e.X)
			w.expr(path, e.Y)
		}
	case *ast.ParenExpr:
		w.expr(path, e.X)
	}
}

// elems records a list's elements, up to the first whose index the source
// does not tell (after a comprehension or "...").
func (w writtenIndex) elems(path []string, elts []ast.Expr) {
	for i, x := range elts {
		switch x.(type) {
		case *ast.Comprehension, *ast.Ellipsis:
			return
		}
		p := append(slices.Clip(path), strconv.Itoa(i))
		w.add(p, x.Pos())
		w.expr(p, x)
	}
}

// place is where the tree shows the value at key of a typed desired state:
// the first place the user's files write it, else its own position when
// that is in the user's files, else its parent's.
func (w writtenIndex) place(key string, own, parent token.Pos) token.Pos {
	if at := w[key]; len(at) > 0 {
		return at[0]
	}
	if outsideSchema(own) {
		return own
	}
	return parent
}
