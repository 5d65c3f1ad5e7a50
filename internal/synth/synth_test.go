package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	alimodel "github.com/gwsync/gwsync/model/aliyun"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/parser"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/schema"
)

// routeNameRE is the contract's route-name rule.
var routeNameRE = regexp.MustCompile(`^[a-z0-9.-]{1,64}$`)

// Decoded desired state, as far as these tests look at it.
type (
	state struct {
		Domains  map[string]struct{ Protocol string }
		HTTPAPIs map[string]struct {
			Routes map[string]stateRoute
		} `json:"httpApis"`
	}
	stateRoute struct {
		Environment string
		Domains     []string
		Match       struct {
			Path    struct{ Type, Value string }
			Methods []string
		}
		Backend struct {
			Scene    string
			Services []struct{ Weight int }
		}
		Policies []string
	}
)

// write generates c into a fresh directory.
func write(t *testing.T, c Config) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := Write(dir, c); err != nil {
		t.Fatal(err)
	}
	return dir
}

// evaluate loads the package in dir with the CUE API, as gwsync does.
func evaluate(t *testing.T, dir string) (*cue.Context, cue.Value) {
	t.Helper()
	insts := load.Instances([]string{"."}, &load.Config{Dir: dir})
	if err := insts[0].Err; err != nil {
		t.Fatal(err)
	}
	ctx := cuecontext.New(cuecontext.EvaluatorVersion(cuecontext.EvalV3))
	v := ctx.BuildInstance(insts[0])
	if err := v.Validate(cue.Concrete(true)); err != nil {
		t.Fatal(err)
	}
	return ctx, v
}

func decode(t *testing.T, v cue.Value) state {
	t.Helper()
	var s state
	if err := v.Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// routes returns every route of a decoded state by name, failing on a
// name used twice.
func routes(t *testing.T, s state) map[string]stateRoute {
	t.Helper()
	out := map[string]stateRoute{}
	for api, a := range s.HTTPAPIs {
		for name, r := range a.Routes {
			if _, dup := out[name]; dup {
				t.Errorf("route name %s used twice (again in %s)", name, api)
			}
			out[name] = r
		}
	}
	return out
}

func TestDeterministic(t *testing.T) {
	c := Config{Routes: 700, Files: 9, Environments: 2, Policies: 5, Seed: 7}
	a, b := write(t, c), write(t, c)
	names := dirFiles(t, a)
	if !slices.Equal(names, dirFiles(t, b)) {
		t.Fatalf("file lists differ: %v vs %v", names, dirFiles(t, b))
	}
	for _, n := range names {
		x, _ := os.ReadFile(filepath.Join(a, n))
		y, _ := os.ReadFile(filepath.Join(b, n))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes of one config", n)
		}
	}
	c.Seed++
	other, err := Build(c)
	if err != nil {
		t.Fatal(err)
	}
	if y, _ := os.ReadFile(filepath.Join(a, other[1].Name)); bytes.Equal(other[1].Data, y) {
		t.Errorf("seeds %d and %d gave the same %s", c.Seed-1, c.Seed, other[1].Name)
	}
}

func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestFormatted(t *testing.T) {
	files, err := Build(Config{Routes: 300, Files: 4, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		out, err := format.Source(f.Data)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !bytes.Equal(out, f.Data) {
			t.Errorf("%s is not formatted as cue fmt would", f.Name)
		}
	}
}

func TestLoads500Routes(t *testing.T) {
	ctx, v := evaluate(t, write(t, Config{Routes: 500, Seed: 1}))
	rs := routes(t, decode(t, v))
	if len(rs) != 500 {
		t.Errorf("got %d routes, want 500", len(rs))
	}
	for name := range rs {
		if !routeNameRE.MatchString(name) {
			t.Errorf("route name %q breaks the route-name rule", name)
		}
	}
	def := schemaValue(t, ctx).LookupPath(cue.ParsePath("#AliyunDesired"))
	if err := def.Err(); err != nil {
		t.Fatal(err)
	}
	if err := def.Unify(v).Validate(cue.Concrete(true)); err != nil {
		t.Errorf("schema #AliyunDesired rejects the generated state: %v", err)
	}
}

// schemaValue builds the schema package's files as one instance.
func schemaValue(t *testing.T, ctx *cue.Context) cue.Value {
	t.Helper()
	inst := build.NewContext().NewInstance("", nil)
	for name, src := range schema.CUESources() {
		f, err := parser.ParseFile(name, src)
		if err != nil {
			t.Fatal(err)
		}
		if err := inst.AddSyntax(f); err != nil {
			t.Fatal(err)
		}
	}
	return ctx.BuildInstance(inst)
}

// TestCovers checks that a mid-sized state has every shape the generator
// promises, so benchmarks exercise every path of the checks.
func TestCovers(t *testing.T) {
	_, v := evaluate(t, write(t, Config{Routes: 500, Seed: 1}))
	s := decode(t, v)
	seen := map[string]bool{}
	for _, r := range routes(t, s) {
		seen[r.Match.Path.Type] = true
		seen[r.Backend.Scene] = true
		seen["domains="+string(rune('0'+len(r.Domains)))] = true
		for _, p := range r.Policies {
			seen[strings.TrimRight(p, "0123456789")] = true
		}
		if !slices.IsSorted(r.Match.Methods) || len(r.Match.Methods) == 0 {
			t.Errorf("methods %v are not a sorted non-empty set", r.Match.Methods)
		}
	}
	for _, d := range s.Domains {
		seen[d.Protocol] = true
	}
	for _, want := range []string{"Prefix", "Exact", "Regex", "SingleService", "MultiServiceByRatio",
		"domains=1", "domains=2", "timeout-", "route-ip-whitelist-", "HTTP", "HTTPS"} {
		if !seen[want] {
			t.Errorf("no %s in 500 routes", want)
		}
	}
}

// TestNoOverlap is a cheap self-check of the validity promise: no two
// routes on a shared domain match one request.
func TestNoOverlap(t *testing.T) {
	_, v := evaluate(t, write(t, Config{Routes: 500, Seed: 1, Environments: 2}))
	byDomain := map[string][]stateRoute{}
	for _, r := range routes(t, decode(t, v)) {
		for _, d := range r.Domains {
			byDomain[d] = append(byDomain[d], r)
		}
	}
	for d, rs := range byDomain {
		for i, a := range rs {
			for _, b := range rs[i+1:] {
				if overlap(a.Match.Path.Type, a.Match.Path.Value, b.Match.Path.Type, b.Match.Path.Value) {
					t.Errorf("on %s, %s %q and %s %q may match one request", d,
						a.Match.Path.Type, a.Match.Path.Value, b.Match.Path.Type, b.Match.Path.Value)
				}
			}
		}
	}
}

// overlap reports whether two path matches may take one request: every
// path each takes starts with its literal prefix, so the two can only
// meet if one literal prefix starts with the other.
func overlap(ta, va, tb, vb string) bool {
	pa, pb := literalPrefix(ta, va), literalPrefix(tb, vb)
	switch {
	case ta == "Exact" && tb == "Exact":
		return va == vb
	case ta == "Exact":
		return strings.HasPrefix(va, pb)
	case tb == "Exact":
		return strings.HasPrefix(vb, pa)
	}
	return strings.HasPrefix(pa, pb) || strings.HasPrefix(pb, pa)
}

// literalPrefix returns what every path a match takes starts with.
func literalPrefix(typ, v string) string {
	if typ != "Regex" {
		return v
	}
	p, _ := regexp.MustCompile(strings.TrimPrefix(v, "^")).LiteralPrefix()
	return p
}

func TestOverlapCatchesOverlaps(t *testing.T) {
	for _, c := range [][4]string{
		{"Prefix", "/a/", "Exact", "/a/b"},
		{"Prefix", "/a", "Prefix", "/ab/"},
		{"Exact", "/a/b", "Exact", "/a/b"},
		{"Regex", "^/a/v[0-9]+$", "Prefix", "/a/"},
		{"Regex", "^/a/v[0-9]+$", "Exact", "/a/v1"},
	} {
		if !overlap(c[0], c[1], c[2], c[3]) || !overlap(c[2], c[3], c[0], c[1]) {
			t.Errorf("overlap%v = false, want true", c)
		}
	}
}

// TestCompilerAccepts runs gwsync's own compiler (schema checks through the
// generated JSON Schema, decoding, attachments) on states of many shapes.
func TestCompilerAccepts(t *testing.T) {
	for _, c := range []Config{
		{Routes: 500, Seed: 1},
		{Routes: 0},
		{Routes: 1},
		{Routes: 3, APIs: 5, Domains: 1, Services: 1},
		{Routes: 250, APIs: 3, Files: 7, Policies: 7, Environments: 3, Provider: "aliyun"},
		{Routes: 250, APIs: 8, Files: 3, Policies: 1, Seed: -5, Provider: "local"},
		{Routes: 40, Files: 100, Policies: 2},
	} {
		dir := write(t, c)
		res := compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
		for _, f := range res.Findings {
			t.Errorf("%+v: %s %s %s: %s", c, f.Rule, f.Resource, f.Pos, f.Message)
		}
		if res.Desired == nil {
			continue
		}
		if got := len(alimodel.Of(res.Desired).Routes()); got != c.Routes {
			t.Errorf("%+v: compiled %d routes", c, got)
		}
		if got, want := len(alimodel.Of(res.Desired).HTTPAPIs), c.withDefaults().APIs; got != want {
			t.Errorf("%+v: compiled %d HTTP APIs, want %d", c, got, want)
		}
		checkPolicyConfigs(t, c, res)
	}
}

// checkPolicyConfigs checks every policy config against its className's
// schema, where gwsync ships one.
func checkPolicyConfigs(t *testing.T, c Config, res compiler.Result) {
	t.Helper()
	for _, p := range alimodel.Of(res.Desired).Policies {
		s, ok, err := schema.PolicyConfig(p.ClassName)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			if err := s.Validate(p.Config); err != nil {
				t.Errorf("%+v: policy %s: %v", c, p.Name, err)
			}
		}
	}
}

func TestWriteRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "extra.cue"), []byte("package gateway\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, Config{Routes: 10}); err == nil {
		t.Error("Write into a directory holding extra.cue succeeded")
	}
	dir = write(t, Config{Routes: 10})
	if _, err := Write(dir, Config{Routes: 10}); err != nil {
		t.Errorf("rewriting the same config: %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []Config{{Routes: -1}, {Routes: 5, Services: -2}, {Provider: "nginx"}} {
		if _, err := Build(c); err == nil {
			t.Errorf("Build(%+v) succeeded", c)
		}
	}
}

func TestDefaults(t *testing.T) {
	got := Config{Routes: 10000}.withDefaults()
	want := Config{Routes: 10000, APIs: 100, Domains: 100, Services: 200, Policies: 3,
		Environments: 1, Files: 100, Provider: "local"}
	if got != want {
		t.Errorf("defaults = %+v, want %+v", got, want)
	}
}
