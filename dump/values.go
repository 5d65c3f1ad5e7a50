package dump

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"
)

// ValueExpr is a JSON value as CUE: objects as structs with sorted keys,
// lists as lists, numbers as written (integral ones as integers).
func ValueExpr(v any) ast.Expr {
	switch x := v.(type) {
	case nil:
		return ast.NewNull()
	case bool:
		return ast.NewBool(x)
	case string:
		return ast.NewString(x)
	case json.Number:
		return numberLit(x.String())
	case float64:
		return numberLit(strconv.FormatFloat(x, 'g', -1, 64))
	case int:
		return IntLit(x)
	case int64:
		return ast.NewLit(token.INT, strconv.FormatInt(x, 10))
	case []any:
		elts := make([]ast.Expr, len(x))
		for i, e := range x {
			elts[i] = ValueExpr(e)
		}
		return ast.NewList(elts...)
	case []string:
		return StringList(x)
	case map[string]any:
		var o Obj
		for _, k := range slices.Sorted(maps.Keys(x)) {
			o.Add(k, ValueExpr(x[k]))
		}
		return o.Expr()
	}
	return ast.NewString(fmt.Sprint(v))
}

// numberLit is a JSON number as a CUE literal: an integer when it has an
// integral value that float64 holds exactly (so 3.0 meets an int field as
// 3), else the number as written.
func numberLit(s string) ast.Expr {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return ast.NewLit(token.INT, s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return ast.NewLit(token.INT, strconv.FormatInt(int64(f), 10))
	}
	return ast.NewLit(token.FLOAT, s)
}

// IntLit is n as a CUE integer.
func IntLit(n int) ast.Expr { return ast.NewLit(token.INT, strconv.Itoa(n)) }

// StringList is s as a CUE list of strings.
func StringList(s []string) *ast.ListLit {
	elts := make([]ast.Expr, len(s))
	for i, v := range s {
		elts[i] = ast.NewString(v)
	}
	return ast.NewList(elts...)
}

// SortedSet returns the distinct values of s, sorted.
func SortedSet(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// Obj builds a struct field by field, in the order the schema lists them.
type Obj struct{ elts []ast.Decl }

// Add adds the field name: v.
func (o *Obj) Add(name string, v ast.Expr) {
	o.elts = append(o.elts, Field(name, v))
}

// Str adds a string field unless v is empty.
func (o *Obj) Str(name, v string) {
	if v != "" {
		o.Add(name, ast.NewString(v))
	}
}

// Strs adds a list of strings unless v is empty.
func (o *Obj) Strs(name string, v []string) {
	if len(v) > 0 {
		o.Add(name, StringList(v))
	}
}

// Flag adds a bool field when v is true (false is the default).
func (o *Obj) Flag(name string, v bool) {
	if v {
		o.Add(name, ast.NewBool(true))
	}
}

// Num adds an integer field unless v is 0.
func (o *Obj) Num(name string, v int) {
	if v != 0 {
		o.Add(name, IntLit(v))
	}
}

// IntIf adds an integer field unless v is one of the defaults left out.
func (o *Obj) IntIf(name string, v int, defaults ...int) {
	if !slices.Contains(defaults, v) {
		o.Add(name, IntLit(v))
	}
}

// IntPtr adds an integer field when v is set.
func (o *Obj) IntPtr(name string, v *int) {
	if v != nil {
		o.Add(name, IntLit(*v))
	}
}

// Expr is the struct built, one field a line.
func (o *Obj) Expr() *ast.StructLit {
	s := ast.NewStruct()
	s.Elts = o.elts
	return s
}

// Inline is the struct on one line, for small ones: {type: "Exact", value: "/x"}.
func (o *Obj) Inline() *ast.StructLit {
	s := o.Expr()
	for _, e := range s.Elts {
		ast.SetRelPos(e, token.Blank)
	}
	s.Rbrace = token.Blank.Pos()
	return s
}

// Entry is one keyed member of a struct of resources: a field, or a
// comment standing for a left-out resource.
type Entry struct {
	// Name is the resource's name, which Keyed sorts by.
	Name string
	Decl ast.Decl
}

// Keyed is a struct of resources sorted by name.
func Keyed(entries []Entry) *ast.StructLit {
	slices.SortStableFunc(entries, func(a, b Entry) int { return cmp.Compare(a.Name, b.Name) })
	s := ast.NewStruct()
	for _, e := range entries {
		s.Elts = append(s.Elts, e.Decl)
	}
	return s
}
