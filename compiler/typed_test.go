package compiler

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/schema"
	"github.com/gwsync/gwsync/validate"
)

// moduleFile is a file of the schema module, as CUE names it in positions.
const moduleFile = schema.ModuleRoot + "/gateway.cue"

// typedModFile declares the schema module as a dependency.
const typedModFile = `module: "example.com/gateway"
language: version: "v0.13.0"
deps: "github.com/gwsync/gwsync/schema@v0": v: "v0.1.0"
`

// parityTemplate is a desired state whose second and third lines import
// and embed the schema in its typed form and are empty in its plain form,
// so that both put every value at the same line and column.
const parityTemplate = `package gateway
%s
%s
gateway: {provider: "local", id: "gw-1"}
environments: prod: {}
services: "orders-backend": {
	sourceType: "DNS"
	addresses: ["orders.internal:80"]
}
domains: "api.example.com": {protocol: "HTTP"}
policies: "orders-timeout": {
	className: "Timeout"
	config: {unitNum: 3, timeUnit: "s", enable: true}
}
httpApis: orders: routes: {
	"orders-route": {
		environment: "prod"
		domains: ["api.example.com"]
		match: {path: {type: "Prefix", value: "/orders"}, methods: ["GET"]}
		backend: {scene: "SingleService", services: [{service: "orders-backend", port: 80}]}
		policies: ["orders-timeout"]
	}
	"orders-export": {
		environment: "prod"
		domains: ["api.example.com"]
		match: {path: {type: "Exact", value: "/exports/orders.csv"}, methods: ["GET"]}
		backend: {scene: "SingleService", services: [{service: "orders-backend", port: 8080}]}
	}
}
`

// parityFindings writes the desired state in its typed or plain form with
// one mistake (old replaced by new) and returns what validate reports:
// the compiler's findings, then the rules' when it compiles.
func parityFindings(t *testing.T, typed bool, old, new string) []diag.Finding {
	t.Helper()
	imp, embed := "", ""
	files := map[string]string{}
	if typed {
		imp, embed = `import "github.com/gwsync/gwsync/schema"`, "schema.#Desired"
		files["cue.mod/module.cue"] = typedModFile
	}
	src := fmt.Sprintf(parityTemplate, imp, embed)
	if !strings.Contains(src, old) {
		t.Fatalf("template has no %q", old)
	}
	files["gateway.cue"] = strings.Replace(src, old, new, 1)
	dir := writeTree(t, files)
	res := compileSafely(t, []string{dir}, Options{Dir: dir})
	if res.Desired != nil {
		return diag.Sort(append(res.Findings, validate.Desired(res.Desired)...))
	}
	return res.Findings
}

// TestTypedFindingsMatchPlain holds that a desired state that imports the
// schema module is told of each mistake what one that does not is told, at
// the same line and column, and never of the module's files.
func TestTypedFindingsMatchPlain(t *testing.T) {
	tests := []struct{ name, old, new string }{
		{"misspelled field", `sourceType: "DNS"`, `sorceType: "DNS"`},
		{"missing required field", `sourceType: "DNS"`, ``},
		{"misspelled provider", `{provider: "local",`, `{providr: "local",`},
		{"unknown top-level field", `environments: prod: {}`, `environment: prod: {}`},
		{"wrong type", `{protocol: "HTTP"}`, `{protocol: "HTTP", forceHttps: "yes"}`},
		{"wrong type in a route", `port: 80}`, `port: "80"}`},
		{"bad enum value", `{protocol: "HTTP"}`, `{protocol: "HTTPX"}`},
		{"bad enum value in a route", `{type: "Exact"`, `{type: "Exactly"`},
		{"route name", `"orders-export": {`, `"Orders_Export": {`},
		{"route conflict", `{type: "Exact", value: "/exports/orders.csv"}`, `{type: "Prefix", value: "/orders"}`},
		{"backend count", `[{service: "orders-backend", port: 8080}]`, `[]`},
		{"unknown reference", `policies: ["orders-timeout"]`, `policies: ["orders-timeot"]`},
		{"unknown config field", `enable: true}`, `enable: true, unitNumb: 2}`},
		{"config value out of bounds", `unitNum: 3`, `unitNum: 0`},
		{"config enum value", `timeUnit: "s"`, `timeUnit: "sec"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain := parityFindings(t, false, tt.old, tt.new)
			typed := parityFindings(t, true, tt.old, tt.new)
			if len(plain) == 0 {
				t.Fatal("the plain desired state has no finding: the case tests nothing")
			}
			checkNoModulePaths(t, typed)
			if !reflect.DeepEqual(typed, plain) {
				t.Errorf("typed findings:\n%swant, as for the plain desired state:\n%s", formatFindings(typed), formatFindings(plain))
			}
		})
	}
}

// checkNoModulePaths fails when a finding names the schema module's files or
// cue.mod.
func checkNoModulePaths(t *testing.T, fs []diag.Finding) {
	t.Helper()
	for _, f := range fs {
		text := fmt.Sprintf("%s %s %+v", f.Pos, f.Message, f.Related)
		if strings.Contains(text, "schema@") || strings.Contains(text, "cue.mod") || !f.Pos.IsValid() {
			t.Errorf("finding is not placed in the user's files: %s", formatFindings([]diag.Finding{f}))
		}
	}
}

// TestTypedFindingsWhenOpenEvaluationFails covers a typed desired state
// that does not evaluate even with the schema's definitions open (two of
// its files disagree): CUE's own errors are reported, at the user's lines.
func TestTypedFindingsWhenOpenEvaluationFails(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cue.mod/module.cue": typedModFile,
		"base.cue": `package gateway

import "github.com/gwsync/gwsync/schema"

schema.#Desired

gateway: provider: "local"
services: orders: {sourceType: "DNS", addresses: ["orders.internal:80"]}
domains: "api.example.com": {protocol: "HTTP", forceHttps: "no"}
`,
		"team.cue": `package gateway

services: orders: sourceType: "VIP"
`,
	})
	res := compileSafely(t, []string{dir}, Options{Dir: dir})
	checkNoModulePaths(t, res.Findings)
	want := []string{
		`base.cue:9:48 domains.api.example.com "forceHttps: conflicting values \"no\" and bool (mismatched types string and bool)" related=[]`,
		`team.cue:3:31 services.orders "services.orders.sourceType: conflicting values \"VIP\" and \"DNS\"" related=[base.cue:8:32]`,
	}
	var got []string
	for _, f := range res.Findings {
		var related []string
		for _, r := range f.Related {
			related = append(related, r.Pos.String())
		}
		got = append(got, fmt.Sprintf("%s %s %q related=[%s]", f.Pos, f.Resource, f.Message, strings.Join(related, " ")))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// fakeError is a CUE error with a chosen path, message and positions.
type fakeError struct {
	path []string
	msg  string
	at   []token.Pos
}

func (e fakeError) Position() token.Pos {
	if len(e.at) == 0 {
		return token.NoPos
	}
	return e.at[0]
}
func (e fakeError) InputPositions() []token.Pos      { return e.at }
func (e fakeError) Error() string                    { return e.msg }
func (e fakeError) Path() []string                   { return e.path }
func (e fakeError) Msg() (string, []interface{})     { return e.msg, nil }
func (e fakeError) withMsg(msg string) fakeError     { e.msg = msg; return e }
func (e fakeError) withAt(at ...token.Pos) fakeError { e.at = at; return e }

// TestTypedFinding places CUE errors that involve the schema module.
func TestTypedFinding(t *testing.T) {
	dir := t.TempDir()
	src := `package gateway

import "github.com/gwsync/gwsync/schema"

schema.#Desired

services: orders: {
	sorceType: "DNS"
	port:      "80"
}
for n in ["gen"] {
	services: (n): {}
}
`
	f, err := parser.ParseFile(filepath.Join(dir, "gw.cue"), src)
	if err != nil {
		t.Fatal(err)
	}
	c := newCompilation(Options{Dir: dir})
	c.indexWritten(f)
	module := token.NewFile(moduleFile, -1, 1000)
	module.SetLinesForContent([]byte(strings.Repeat("x\n", 500)))
	inModule := module.Pos(300, token.NoRelPos)
	tests := []struct {
		name string
		err  fakeError
		want string
	}{
		{"a field the definition does not allow: unknown, at its label",
			fakeError{path: []string{"services", "orders", "sorceType"}, msg: "field not allowed", at: []token.Pos{inModule}},
			`gw.cue:8:2 [services.orders] unknown field "sorceType"`},
		{"a field not written: missing, at the struct that lacks it",
			fakeError{path: []string{"services", "orders", "sourceType"}, msg: `incomplete value "DNS" | "VIP"`},
			`gw.cue:7:11 [services.orders] missing required field "sourceType"`},
		{"a required field not written: missing",
			fakeError{path: []string{"services", "orders", "sourceType"}, msg: "field is required but not present", at: []token.Pos{inModule}},
			`gw.cue:7:11 [services.orders] missing required field "sourceType"`},
		{"a value the definition rejects: at its label",
			fakeError{path: []string{"services", "orders", "port"}, msg: `conflicting values "80" and int`, at: []token.Pos{inModule}},
			`gw.cue:9:2 [services.orders] port: conflicting values "80" and int`},
		{"a resource only a comprehension writes: named, at the nearest value written",
			fakeError{path: []string{"services", "gen", "sourceType"}, msg: "invalid value", at: []token.Pos{inModule}},
			`gw.cue:7:1 [services.gen] services.gen: sourceType: invalid value`},
		{"no path: at the root",
			fakeError{msg: "unresolved disjunction", at: []token.Pos{inModule}},
			`gw.cue:1:1 [] unresolved disjunction`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !c.touchesSchema(tt.err) {
				t.Fatal("touchesSchema = false, want true")
			}
			f := c.typedFinding(tt.err, tt.err.msg, errScope{file: dir})
			if got := fmt.Sprintf("%s [%s] %s", f.Pos, f.Resource, f.Message); got != tt.want {
				t.Errorf("finding = %s\nwant      %s", got, tt.want)
			}
		})
	}
}

// TestTypedEchoes drops the CUE errors that repeat another at their path.
func TestTypedEchoes(t *testing.T) {
	dir := t.TempDir()
	c := newCompilation(Options{Dir: dir})
	c.indexWritten()
	user := token.NewFile(filepath.Join(dir, "gw.cue"), -1, 100)
	user.SetLinesForContent([]byte(strings.Repeat("x\n", 50)))
	module := token.NewFile(moduleFile, -1, 100)
	module.SetLinesForContent([]byte(strings.Repeat("x\n", 50)))
	at := fakeError{path: []string{"domains", "d", "protocol"}}
	header := at.withMsg("2 errors in empty disjunction:")
	schemaSide := at.withMsg(`conflicting values "HTTP" and "HTTPX"`).withAt(module.Pos(10, token.NoRelPos), user.Pos(20, token.NoRelPos))
	userSide := at.withMsg(`conflicting values "HTTPS" and "HTTP"`).withAt(user.Pos(20, token.NoRelPos), user.Pos(30, token.NoRelPos))
	elsewhere := schemaSide
	elsewhere.path = []string{"domains", "e", "protocol"}
	tests := []struct {
		name string
		errs []errors.Error
		want []bool
	}{
		{"a disjunction's header before its errors", []errors.Error{header, schemaSide, schemaSide}, []bool{true, false, false}},
		{"a disjunction's header alone", []errors.Error{header}, []bool{false}},
		{"the schema's side of the user's conflict", []errors.Error{userSide, schemaSide}, []bool{false, true}},
		{"errors at other paths", []errors.Error{userSide, elsewhere}, []bool{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.echoes(tt.errs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("echoes = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOpenDefinitions(t *testing.T) {
	got := openDefinitions("policies.cue")
	for _, want := range []string{"package schema\n", "#TimeoutConfig: _\n", "#IpAccessControlConfig: _\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("openDefinitions(policies.cue) has no %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "let ") || strings.Contains(got, "unitNum") {
		t.Errorf("openDefinitions(policies.cue) keeps more than the definitions' names:\n%s", got)
	}
}
