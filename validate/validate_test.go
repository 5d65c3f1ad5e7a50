package validate_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/validatetest"
	"github.com/gwsync/gwsync/validate"
)

// TestBaseIsValid guards every table: the base document alone yields no
// finding, so each finding a case expects comes from its snippet.
func TestBaseIsValid(t *testing.T) {
	t.Parallel()
	validatetest.Case{Name: "base"}.Check(t)
	if l := strings.Split(validatetest.Base, "\n")[validatetest.BaseOrdersRouteLine-1]; !strings.Contains(l, `"orders-route"`) {
		t.Errorf("base line %d is %q, want the declaration of orders-route", validatetest.BaseOrdersRouteLine, l)
	}
}

// TestCanonicalExample checks that the contract's canonical desired state
// compiles and validates with no finding.
func TestCanonicalExample(t *testing.T) {
	t.Parallel()
	dir := "../examples/orders"
	res := compiler.Compile([]string{dir}, compiler.Options{Dir: "."})
	if len(res.Findings) > 0 || res.Desired == nil {
		t.Fatalf("compile findings on %s: %+v", dir, res.Findings)
	}
	if fs := validate.Desired(res.Desired); len(fs) > 0 {
		t.Errorf("validate findings on %s, want none: %+v", dir, fs)
	}
}

// deterministicSrc breaks many rules at once, across resource kinds, so
// that any order dependence in checks or in the compiler shows.
const deterministicSrc = `
services: {
	"b-svc": {sourceType: "VIP", addresses: ["backend.internal:80", "10.0.0.1:0"]}
	"a-svc": {sourceType: "DNS", addresses: []}
}
domains: "z.example.com": {protocol: "HTTPS", policies: ["orders-timeout", "nope"]}
httpApis: {
	"b-api": routes: {
		"Dup_Route": {
			domains: ["api.example.com"]
			match: path: {type: "Exact", value: "/dup"}
			backend: {scene: "MultiServiceByRatio", services: [{service: "a-svc", weight: 30}, {service: "b-svc", weight: 30}]}
			policies: ["orders-timeout", "orders-timeout"]
		}
	}
	"a-api": routes: {
		"Dup_Route": {
			environment: "prd"
			match: path: {type: "Exact", value: "/dup2"}
			backend: {scene: "SingleService", services: [{service: "orders-bakend"}, {service: "a-svc"}]}
		}
	}
}
`

// TestDeterministic checks that the same input gives identical findings,
// compiled and validated twice, and validated twice from one compilation.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	doc, _ := validatetest.Case{Src: deterministicSrc}.Document()
	res1, res2 := validatetest.CompileSource(t, doc), validatetest.CompileSource(t, doc)
	if res1.Desired == nil || res2.Desired == nil {
		t.Fatalf("compile failed: %+v", res1.Findings)
	}
	first := validate.Desired(res1.Desired)
	if len(first) < 10 {
		t.Fatalf("want many findings to compare, got %d: %+v", len(first), first)
	}
	if again := validate.Desired(res1.Desired); !reflect.DeepEqual(first, again) {
		t.Errorf("validating one compilation twice differs:\n%+v\n%+v", first, again)
	}
	if other := validate.Desired(res2.Desired); !reflect.DeepEqual(first, other) {
		t.Errorf("validating two compilations of one input differs:\n%+v\n%+v", first, other)
	}
	for i := 0; i < 5; i++ {
		if again := validate.Desired(validatetest.CompileSource(t, doc).Desired); !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d differs:\n%+v\n%+v", i, first, again)
		}
	}
}
