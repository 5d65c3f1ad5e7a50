package compiler

import (
	"encoding/json"
	"reflect"
	"testing"

	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// TestCompileFormatsAgree compiles the orders desired state written in each
// supported way and expects the same model as examples/orders (positions
// aside: they name different files).
func TestCompileFormatsAgree(t *testing.T) {
	want := withoutPositions(compileOrders(t))
	for _, c := range []struct {
		name  string
		paths []string
	}{
		{"one JSON file", []string{"orders.json"}},
		{"one YAML file", []string{"orders.yaml"}},
		{"two CUE files of one package, as a directory", []string{"split"}},
		{"two CUE files of one package, as two paths", []string{"split/gateway.cue", "split/routes.cue"}},
		{"a CUE file and a YAML file, as two paths", []string{"mixed/gateway.cue", "mixed/routes.yaml"}},
		{"a directory holding a CUE and a YAML file", []string{"mixed"}},
		{"the same file twice", []string{"orders.json", "./orders.json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := withoutPositions(mustCompile(t, "testdata", c.paths...))
			if !reflect.DeepEqual(got, want) {
				gj, _ := json.MarshalIndent(got, "", "  ")
				wj, _ := json.MarshalIndent(want, "", "  ")
				t.Errorf("model differs from examples/orders\ngot:\n%s\nwant:\n%s", gj, wj)
			}
		})
	}
}

// TestCompileDirectoryLoadsCUEAndYAML checks that both files of a mixed
// directory contribute, and positions name each file.
func TestCompileDirectoryLoadsCUEAndYAML(t *testing.T) {
	d := mustCompile(t, "testdata", "mixed")
	if d.Gateway.Pos.File != "mixed/gateway.cue" {
		t.Errorf("gateway declared at %s, want mixed/gateway.cue", d.Gateway.Pos)
	}
	st := alimodel.Of(d)
	if len(st.HTTPAPIs) != 1 || st.HTTPAPIs[0].Pos.File != "mixed/routes.yaml" {
		t.Fatalf("HTTP APIs %v: want one, declared in mixed/routes.yaml", st.HTTPAPIs)
	}
	if r := st.HTTPAPIs[0].Routes[1]; r.Name != "orders-route" || r.Pos.Line == 0 {
		t.Errorf("route %s at %s: want orders-route with a line", r.Name, r.Pos)
	}
}

// TestCompileDataFilePositions checks that positions in YAML and JSON files
// name the file and the line of the key.
func TestCompileDataFilePositions(t *testing.T) {
	for _, file := range []string{"orders.yaml", "orders.json"} {
		t.Run(file, func(t *testing.T) {
			src := readFile(t, "testdata/"+file)
			d := mustCompile(t, "testdata", file)
			r := alimodel.Of(d).HTTPAPIs[0].Routes[1]
			want := lineOf(t, src, "", "orders-route")
			if r.Pos.File != file || r.Pos.Line != want {
				t.Errorf("orders-route at %s, want %s:%d", r.Pos, file, want)
			}
			want = lineOf(t, src, "orders-route", "prod")
			if r.Environment.Pos.File != file || r.Environment.Pos.Line != want {
				t.Errorf("environment at %s, want %s:%d", r.Environment.Pos, file, want)
			}
		})
	}
}
