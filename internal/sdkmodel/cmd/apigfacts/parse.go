package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/gwsync/gwsync/internal/sdkmodel"
)

// opFunc is what one XWithOptions method of the SDK's client does.
type opFunc struct {
	method, path, action string
	query, body          map[string]string // wire name -> request field
	request, response    string            // model names
}

// parseModels reads every struct type in the SDK's client/*_model.go.
func parseModels(dir string) (map[string]*ast.StructType, error) {
	files, err := filepath.Glob(filepath.Join(dir, "client", "*_model.go"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no client/*_model.go under %s", dir)
	}
	out := map[string]*ast.StructType{}
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range file.Decls {
			collectStructs(d, out)
		}
	}
	return out, nil
}

func collectStructs(d ast.Decl, out map[string]*ast.StructType) {
	g, ok := d.(*ast.GenDecl)
	if !ok || g.Tok != token.TYPE {
		return
	}
	for _, s := range g.Specs {
		ts := s.(*ast.TypeSpec)
		if st, ok := ts.Type.(*ast.StructType); ok {
			out[ts.Name.Name] = st
		}
	}
}

// parseClient reads client/client.go: every operation's method, by action
// name, and the API version the client calls.
func parseClient(dir string) (map[string]*opFunc, string, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filepath.Join(dir, "client", "client.go"), nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, "", err
	}
	out := map[string]*opFunc{}
	version := ""
	for _, d := range file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || !strings.HasSuffix(fd.Name.Name, "WithOptions") {
			continue
		}
		op, v := readOpFunc(fd)
		if op.action != "" {
			out[op.action] = op
			version = v
		}
	}
	return out, version, nil
}

// readOpFunc reads one XWithOptions method.
func readOpFunc(fd *ast.FuncDecl) (*opFunc, string) {
	op := &opFunc{query: map[string]string{}, body: map[string]string{}}
	version := ""
	for _, p := range fd.Type.Params.List {
		if name := p.Names[0].Name; name == "request" || name == "tmpReq" {
			op.request = typeName(p.Type)
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			op.readAssign(n)
		case *ast.CompositeLit:
			if typeName(n.Type) == "Params" {
				version = op.readParams(n)
			}
		}
		return true
	})
	return op, version
}

// readAssign notes query["k"] = request.F, body["k"] = request.F, the
// shrink request that replaces the request model, and the result type.
func (op *opFunc) readAssign(a *ast.AssignStmt) {
	if len(a.Lhs) != 1 || len(a.Rhs) != 1 {
		return
	}
	if ix, ok := a.Lhs[0].(*ast.IndexExpr); ok {
		op.readParam(ix, a.Rhs[0])
		return
	}
	lhs, ok := a.Lhs[0].(*ast.Ident)
	if !ok {
		return
	}
	if u, ok := a.Rhs[0].(*ast.UnaryExpr); ok {
		switch lhs.Name {
		case "request": // request := &XShrinkRequest{}
			op.request = typeName(u.X.(*ast.CompositeLit).Type)
		case "_result":
			op.response = typeName(u.X.(*ast.CompositeLit).Type)
		}
	}
}

func (op *opFunc) readParam(ix *ast.IndexExpr, rhs ast.Expr) {
	m, ok := ix.X.(*ast.Ident)
	lit, isLit := ix.Index.(*ast.BasicLit)
	sel, isSel := rhs.(*ast.SelectorExpr)
	if !ok || !isLit || !isSel {
		return
	}
	key, _ := strconv.Unquote(lit.Value)
	switch m.Name {
	case "query":
		op.query[key] = sel.Sel.Name
	case "body":
		op.body[key] = sel.Sel.Name
	}
}

// readParams reads the openapiutil.Params literal: action, method, path.
func (op *opFunc) readParams(lit *ast.CompositeLit) string {
	version := ""
	for _, e := range lit.Elts {
		kv := e.(*ast.KeyValueExpr)
		key := kv.Key.(*ast.Ident).Name
		switch key {
		case "Action":
			op.action = stringArg(kv.Value)
		case "Method":
			op.method = stringArg(kv.Value)
		case "Version":
			version = stringArg(kv.Value)
		case "Pathname":
			op.path = pathTemplate(kv.Value.(*ast.CallExpr).Args[0])
		}
	}
	return version
}

// stringArg is s in dara.String("s").
func stringArg(e ast.Expr) string {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return ""
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok {
		return ""
	}
	s, _ := strconv.Unquote(lit.Value)
	return s
}

// pathTemplate turns "/v1/x/" + dara.PercentEncode(dara.StringValue(id))
// into /v1/x/{id}.
func pathTemplate(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return pathTemplate(e.X) + pathTemplate(e.Y)
	case *ast.BasicLit:
		s, _ := strconv.Unquote(e.Value)
		return s
	case *ast.CallExpr:
		if len(e.Args) == 1 {
			return pathTemplate(e.Args[0])
		}
	case *ast.Ident:
		return "{" + e.Name + "}"
	}
	return "{?}"
}

// typeName is the name of a (pointer to a, possibly qualified) type.
func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return typeName(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// jsonName is a field's wire name from its json tag.
func jsonName(f *ast.Field) string {
	if f.Tag == nil || len(f.Names) == 0 {
		return ""
	}
	tag, _ := strconv.Unquote(f.Tag.Value)
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// builder turns the SDK's struct types into shapes, adding each model it
// meets to models.
type builder struct {
	structs map[string]*ast.StructType
	models  sdkmodel.Models
}

// operation is the facts of one operation.
func (b *builder) operation(fn *opFunc) (*sdkmodel.Operation, error) {
	req, ok := b.structs[fn.request]
	if !ok && fn.request != "" {
		return nil, fmt.Errorf("no request model %q", fn.request)
	}
	resp, err := b.responseBody(fn.response)
	if err != nil {
		return nil, err
	}
	op := &sdkmodel.Operation{Method: fn.method, Path: fn.path, Request: fn.request, Response: b.ref(resp)}
	if op.Query, err = b.params(req, fn.query); err != nil {
		return nil, err
	}
	if op.Body, err = b.params(req, fn.body); err != nil {
		return nil, err
	}
	return op, nil
}

// responseBody is the model of XResponse's Body field.
func (b *builder) responseBody(response string) (string, error) {
	st, ok := b.structs[response]
	if !ok {
		return "", fmt.Errorf("no response model %q", response)
	}
	for _, f := range st.Fields.List {
		if len(f.Names) == 1 && f.Names[0].Name == "Body" {
			return typeName(f.Type), nil
		}
	}
	return "", fmt.Errorf("response model %s has no Body", response)
}

// params is the shape of each wire parameter, from the request field it
// is taken from.
func (b *builder) params(req *ast.StructType, wire map[string]string) (map[string]*sdkmodel.Shape, error) {
	if len(wire) == 0 {
		return nil, nil
	}
	if req == nil {
		return nil, fmt.Errorf("parameters %v without a request model", wire)
	}
	out := map[string]*sdkmodel.Shape{}
	for key, field := range wire {
		f := fieldNamed(req, field)
		if f == nil {
			return nil, fmt.Errorf("the request model has no field %s (parameter %s)", field, key)
		}
		out[key] = b.shape(f.Type)
	}
	return out, nil
}

func fieldNamed(st *ast.StructType, name string) *ast.Field {
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			if n.Name == name {
				return f
			}
		}
	}
	return nil
}

// ref is a reference to the named model, made on first use.
func (b *builder) ref(name string) *sdkmodel.Shape {
	if _, done := b.models[name]; !done {
		b.models[name] = &sdkmodel.Shape{Kind: sdkmodel.Object}
		b.models[name] = b.object(b.structs[name])
	}
	return &sdkmodel.Shape{Ref: name}
}

func (b *builder) object(st *ast.StructType) *sdkmodel.Shape {
	s := &sdkmodel.Shape{Kind: sdkmodel.Object, Fields: map[string]*sdkmodel.Shape{}}
	for _, f := range st.Fields.List {
		if name := jsonName(f); name != "" {
			s.Fields[name] = b.shape(f.Type)
		}
	}
	return s
}

// shape is the JSON shape of a field's Go type.
func (b *builder) shape(e ast.Expr) *sdkmodel.Shape {
	switch e := e.(type) {
	case *ast.StarExpr:
		return b.shape(e.X)
	case *ast.ArrayType:
		return &sdkmodel.Shape{Kind: sdkmodel.Array, Elem: b.shape(e.Elt)}
	case *ast.MapType:
		return &sdkmodel.Shape{Kind: sdkmodel.Map, Elem: b.shape(e.Value)}
	case *ast.Ident:
		return b.named(e.Name)
	}
	return &sdkmodel.Shape{Kind: sdkmodel.Any}
}

func (b *builder) named(name string) *sdkmodel.Shape {
	switch {
	case name == "string":
		return &sdkmodel.Shape{Kind: sdkmodel.String}
	case name == "bool":
		return &sdkmodel.Shape{Kind: sdkmodel.Boolean}
	case strings.HasPrefix(name, "int"), strings.HasPrefix(name, "uint"):
		return &sdkmodel.Shape{Kind: sdkmodel.Integer}
	case strings.HasPrefix(name, "float"):
		return &sdkmodel.Shape{Kind: sdkmodel.Number}
	}
	if _, ok := b.structs[name]; ok {
		return b.ref(name)
	}
	return &sdkmodel.Shape{Kind: sdkmodel.Any}
}
