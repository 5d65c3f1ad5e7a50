package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// ordersDir is the canonical example desired state.
const ordersDir = "../examples/orders"

// huaweiOrdersDir is the canonical Huawei example.
const huaweiOrdersDir = "../examples/huawei-orders"

// absDir returns dir as an absolute path.
func absDir(t *testing.T, dir string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// writeTree writes files (slash-separated name relative to the tree → content)
// under a new temporary directory and returns the directory. A name ending in
// "/" makes an empty directory.
func writeTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// compileSafely runs Compile, turning a panic into a test failure that names
// the input.
func compileSafely(t testing.TB, paths []string, opts Options) (res Result) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Compile(%q, %+v) panicked: %v", paths, opts, r)
		}
	}()
	return Compile(paths, opts)
}

// mustCompile compiles paths relative to dir and fails the test on any
// finding.
func mustCompile(t *testing.T, dir string, paths ...string) *model.Desired {
	t.Helper()
	res := compileSafely(t, paths, Options{Dir: absDir(t, dir)})
	if len(res.Findings) > 0 {
		t.Fatalf("Compile(%q) findings:\n%s", paths, formatFindings(res.Findings))
	}
	if res.Desired == nil {
		t.Fatalf("Compile(%q): Desired is nil and there are no findings", paths)
	}
	return res.Desired
}

// hasSchemaFinding reports whether fs holds a finding of rule "schema".
func hasSchemaFinding(fs []diag.Finding) bool {
	for _, f := range fs {
		if f.Rule == diag.RuleSchema {
			return true
		}
	}
	return false
}

// formatFindings renders findings one a line, for failure messages.
func formatFindings(fs []diag.Finding) string {
	if len(fs) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %s [%s] %q", f.Rule, f.Severity, f.Pos, f.Resource, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, " related=%s", r.Pos)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// lineOf returns the 1-based line of the first occurrence of needle in src
// after the first occurrence of anchor ("" anchors at the start).
func lineOf(t *testing.T, src, anchor, needle string) int {
	t.Helper()
	start := strings.Index(src, anchor)
	if start < 0 {
		t.Fatalf("anchor %q not in source", anchor)
	}
	i := strings.Index(src[start:], needle)
	if i < 0 {
		t.Fatalf("%q not in source after %q", needle, anchor)
	}
	return strings.Count(src[:start+i], "\n") + 1
}

// readFile returns a file's content as a string.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var posType = reflect.TypeOf(model.Pos{})

// withoutPositions returns a deep copy of d with every model.Pos zeroed, so
// desired states read from different files and formats can be compared.
func withoutPositions(d *model.Desired) *model.Desired {
	if d == nil {
		return nil
	}
	return zeroPos(reflect.ValueOf(d)).Interface().(*model.Desired)
}

func zeroPos(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(zeroPos(v.Elem()))
		return out
	case reflect.Struct:
		if v.Type() == posType {
			return reflect.Zero(posType)
		}
		out := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			out.Field(i).Set(zeroPos(v.Field(i)))
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(zeroPos(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), zeroPos(it.Value()))
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(zeroPos(v.Elem()))
		return out
	}
	return v
}
