package dump

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/model"
)

// liveConfig is a live policy's config decoded with every number as
// written (json.Number), or nil when it is not a JSON object.
func liveConfig(p *model.Policy) map[string]any {
	src := p.ConfigJSON
	if src == "" && p.Config != nil {
		b, err := json.Marshal(p.Config)
		if err != nil {
			return nil
		}
		src = string(b)
	}
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

// valueExpr is a JSON value as CUE: objects as structs with sorted keys,
// lists as lists, numbers as written (integral ones as integers).
func valueExpr(v any) ast.Expr {
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
		return ast.NewLit(token.INT, strconv.Itoa(x))
	case int64:
		return ast.NewLit(token.INT, strconv.FormatInt(x, 10))
	case []any:
		elts := make([]ast.Expr, len(x))
		for i, e := range x {
			elts[i] = valueExpr(e)
		}
		return ast.NewList(elts...)
	case []string:
		return stringList(x)
	case map[string]any:
		var o obj
		for _, k := range sortedKeys(x) {
			o.add(k, valueExpr(x[k]))
		}
		return o.expr()
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

func stringList(s []string) *ast.ListLit {
	elts := make([]ast.Expr, len(s))
	for i, v := range s {
		elts[i] = ast.NewString(v)
	}
	return ast.NewList(elts...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sortedSet returns the distinct values of s, sorted.
func sortedSet(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

func upper(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToUpper(v)
	}
	return out
}

// splitList splits an address list written with commas, newlines or
// semicolons, as the gateway takes it.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// obj builds a struct field by field, in the order the schema lists them.
type obj struct{ elts []ast.Decl }

func (o *obj) add(name string, v ast.Expr) {
	o.elts = append(o.elts, &ast.Field{Label: ast.NewStringLabel(name), Value: v})
}

// str adds a string field unless v is empty.
func (o *obj) str(name, v string) {
	if v != "" {
		o.add(name, ast.NewString(v))
	}
}

// strs adds a list of strings unless v is empty.
func (o *obj) strs(name string, v []string) {
	if len(v) > 0 {
		o.add(name, stringList(v))
	}
}

// flag adds a bool field when v is true (false is the default).
func (o *obj) flag(name string, v bool) {
	if v {
		o.add(name, ast.NewBool(true))
	}
}

// num adds an integer field unless v is 0.
func (o *obj) num(name string, v int) {
	if v != 0 {
		o.add(name, ast.NewLit(token.INT, strconv.Itoa(v)))
	}
}

func (o *obj) expr() *ast.StructLit {
	s := ast.NewStruct()
	s.Elts = o.elts
	return s
}

// inline is the struct on one line, for small ones: {type: "Exact", value: "/x"}.
func (o *obj) inline() *ast.StructLit {
	s := o.expr()
	for _, e := range s.Elts {
		ast.SetRelPos(e, token.Blank)
	}
	s.Rbrace = token.Blank.Pos()
	return s
}

// entry is one keyed member of a struct of resources: a field, or a
// comment standing for a left-out resource.
type entry struct {
	name string
	decl ast.Decl
}

// keyed is a struct of resources sorted by name.
func keyed(entries []entry) *ast.StructLit {
	slices.SortStableFunc(entries, func(a, b entry) int { return cmp.Compare(a.name, b.name) })
	s := ast.NewStruct()
	for _, e := range entries {
		s.Elts = append(s.Elts, e.decl)
	}
	return s
}
