package compiler

import (
	"fmt"
	"strings"
	"testing"

	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
)

// parseIndex indexes where src, a file called gw.cue, writes each value.
func parseIndex(t *testing.T, src string) writtenIndex {
	t.Helper()
	f, err := parser.ParseFile("gw.cue", src)
	if err != nil {
		t.Fatal(err)
	}
	w := writtenIndex{}
	w.addFile(f)
	return w
}

// lineCols renders positions as line:col, space-separated.
func lineCols(ps []token.Pos) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%d:%d", p.Line(), p.Column())
	}
	return strings.Join(out, " ")
}

func TestWrittenIndex(t *testing.T) {
	const src = `package gateway

import "github.com/gwsync/gwsync/schema"

schema.#Desired

services: "orders-backend": {
	sourceType: "DNS"
	addresses: ["a:80", "b:80"]
}
services: "orders-backend": sourceType: "DNS"
policies: t: config: schema.#TimeoutConfig & {unitNum: 3}
httpApis: a: routes: r: (schema.#Route & {match: path: {type: "Exact"}})
{
	domains: "api.example.com": protocol: "HTTP"
}
for n in ["x"] {
	services: (n): {}
}
probes: [string]: {}
list: [{a: 1}, for x in [] {x}, {b: 2}]
#template: {port: 80}
`
	w := parseIndex(t, src)
	tests := []struct {
		name, path, want string
	}{
		{"a field, at its label", "services/orders-backend", "7:11 11:11"},
		{"a field in a struct, every place it is written", "services/orders-backend/sourceType", "8:2 11:29"},
		{"a list element, at its start", "services/orders-backend/addresses/1", "9:22"},
		{"a field of a unification's struct", "policies/t/config/unitNum", "12:47"},
		{"a field inside parentheses", "httpApis/a/routes/r/match/path/type", "13:57"},
		{"a field of an embedded struct", "domains/api.example.com/protocol", "15:30"},
		{"a field a comprehension makes is not known", "services/x", ""},
		{"a pattern constraint is not a field", "probes", "20:1"},
		{"list elements after a comprehension are not known", "list/2", ""},
		{"list elements before a comprehension are", "list/0/a", "21:9"},
		{"a definition is indexed by its name", "#template/port", "22:13"},
		{"the root, at the file's start", "", "1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var labels []string
			if tt.path != "" {
				labels = strings.Split(tt.path, "/")
			}
			if got := lineCols(w[pathKey(labels)]); got != tt.want {
				t.Errorf("index at %s = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

func TestWrittenIndexPlace(t *testing.T) {
	w := parseIndex(t, "package gateway\n\nservices: svc: {sourceType: \"DNS\"}\n")
	user := token.NewFile("gw.cue", -1, 100)
	user.SetLinesForContent([]byte(strings.Repeat("x\n", 50)))
	module := token.NewFile(moduleFile, -1, 100)
	module.SetLinesForContent([]byte(strings.Repeat("x\n", 50)))
	own, parent := user.Pos(20, token.NoRelPos), user.Pos(40, token.NoRelPos)
	tests := []struct {
		name      string
		key       string
		own, want token.Pos
	}{
		{"written: its first label", pathKey([]string{"services", "svc"}), module.Pos(10, token.NoRelPos), w["services"+pathSep+"svc"][0]},
		{"not written, its own position in the user's files", "elsewhere", own, own},
		{"not written and placed in the module: its parent's", "elsewhere", module.Pos(10, token.NoRelPos), parent},
		{"no position at all: its parent's", "elsewhere", token.NoPos, parent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := w.place(tt.key, tt.own, parent); got != tt.want {
				t.Errorf("place = %v, want %v", got, tt.want)
			}
		})
	}
}
