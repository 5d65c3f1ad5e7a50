package compiler

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gwsync/gwsync/diag"
)

// fuzzMaxFileSize keeps fuzz inputs small; larger ones must give the size
// finding, which the invariants cover too.
const fuzzMaxFileSize = 8 << 10

// FuzzCompileCUE compiles arbitrary bytes as a .cue file.
func FuzzCompileCUE(f *testing.F) {
	addSeeds(f, ".cue")
	f.Fuzz(func(t *testing.T, src []byte) { fuzzCompile(t, "gw.cue", src) })
}

// FuzzCompileYAML compiles arbitrary bytes as a .yaml file.
func FuzzCompileYAML(f *testing.F) {
	addSeeds(f, ".yaml", ".json")
	f.Fuzz(func(t *testing.T, src []byte) { fuzzCompile(t, "gw.yaml", src) })
}

// FuzzCompileJSON compiles arbitrary bytes as a .json file.
func FuzzCompileJSON(f *testing.F) {
	addSeeds(f, ".json")
	f.Fuzz(func(t *testing.T, src []byte) { fuzzCompile(t, "gw.json", src) })
}

// addSeeds adds the package's test inputs with the given extensions: the
// example (and its JSON and YAML forms), the bad inputs and, for CUE, the
// schema agreement cases.
func addSeeds(f *testing.F, exts ...string) {
	for _, p := range []string{
		filepath.Join(ordersDir, "orders.cue"), filepath.Join(huaweiOrdersDir, "orders.cue"),
		"testdata/orders.json", "testdata/orders.yaml",
		"testdata/split/gateway.cue", "testdata/split/routes.cue", "testdata/mixed/routes.yaml",
	} {
		if hasExt(p, exts) {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	for _, b := range badInputs {
		for _, name := range slices.Sorted(maps.Keys(b.files)) {
			if hasExt(name, exts) {
				f.Add([]byte(b.files[name]))
			}
		}
	}
	if hasExt(".cue", exts) {
		for _, cases := range []map[string]string{agreementCases, huaweiAgreementCases} {
			for _, name := range slices.Sorted(maps.Keys(cases)) {
				f.Add([]byte(cases[name]))
			}
		}
	}
}

func hasExt(name string, exts []string) bool {
	for _, e := range exts {
		if filepath.Ext(name) == e {
			return true
		}
	}
	return false
}

// fuzzCompile writes src as file in a fresh directory, compiles it and checks
// Compile's promise: bad input is a schema finding with a position, never a
// crash or a silent pass.
func fuzzCompile(t *testing.T, file string, src []byte) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, file), src, 0o644); err != nil {
		t.Fatal(err)
	}
	res := compileWithin(t, fuzzTimeout, []string{file}, Options{Dir: dir, MaxFileSize: fuzzMaxFileSize})
	checkCompileInvariants(t, res)
}

// fuzzTimeout bounds one Compile of a small input: a hang is a crash too.
const fuzzTimeout = 10 * time.Second

// compileWithin runs Compile, failing the test if it panics or does not
// return within limit.
func compileWithin(t *testing.T, limit time.Duration, paths []string, opts Options) Result {
	t.Helper()
	type outcome struct {
		res   Result
		panic any
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{panic: r}
			}
		}()
		done <- outcome{res: Compile(paths, opts)}
	}()
	select {
	case o := <-done:
		if o.panic != nil {
			t.Fatalf("Compile panicked: %v", o.panic)
		}
		return o.res
	case <-time.After(limit):
		t.Fatalf("Compile did not return within %s", limit)
	}
	return Result{}
}

// checkCompileInvariants checks what holds for any input: a desired state
// or a reason, never both, and every schema finding placed in a file.
func checkCompileInvariants(t *testing.T, res Result) {
	t.Helper()
	if res.Desired == nil && len(res.Findings) == 0 {
		t.Fatal("Desired is nil and there is no finding: the input was rejected silently")
	}
	if res.Desired != nil && hasSchemaFinding(res.Findings) {
		t.Fatalf("Desired is set despite schema findings:\n%s", formatFindings(res.Findings))
	}
	for _, f := range res.Findings {
		if f.Rule == diag.RuleSchema && f.Pos.File == "" {
			t.Fatalf("schema finding without a file: %q\nall findings:\n%s", f.Message, formatFindings(res.Findings))
		}
	}
}
