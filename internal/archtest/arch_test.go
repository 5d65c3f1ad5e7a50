// Package archtest holds the import edges the design relies on: leaf
// packages import nothing of ours, only the compiler knows CUE, and nothing
// imports the command.
package archtest

import (
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/gwsync/gwsync"

type pkg struct {
	Name       string
	ImportPath string
	Imports    []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func ours(imports []string) []string {
	var out []string
	for _, i := range imports {
		if strings.HasPrefix(i, module+"/") || i == module {
			out = append(out, strings.TrimPrefix(i, module+"/"))
		}
	}
	return out
}

func TestImportEdges(t *testing.T) {
	// callpolicy is what the providers share of calling a cloud; it knows
	// no provider, model or gateway.
	leaves := []string{"model", "schema", "provider/internal/callpolicy"}
	// dump writes CUE rather than reading it: it builds CUE syntax and
	// formats it with CUE's own formatter, which no hand-made printer
	// matches for quoting and layout. The kinds' dumps under it do too.
	cueAllowed := []string{"compiler", "schema/internal/jsonschemagen", "internal/synth", "dump", "dump/aliyun", "dump/huawei"}
	for _, p := range listPackages(t) {
		name := strings.TrimPrefix(p.ImportPath, module+"/")
		mine := ours(p.Imports)
		// A leaf may keep a lookup of the gateway kinds (internal/kindreg
		// imports nothing of gwsync's).
		if slices.Contains(leaves, name) && len(slices.DeleteFunc(slices.Clone(mine), func(i string) bool { return i == "internal/kindreg" })) > 0 {
			t.Errorf("%s is a leaf package but imports %v", name, mine)
		}
		if name == "diag" && !slices.Equal(mine, []string{"model"}) {
			t.Errorf("diag may import only model, imports %v", mine)
		}
		// Probes reach a data plane over HTTP, as they reach a cloud
		// gateway's, never the emulator in-process.
		if name == "probe" && !slices.Equal(mine, []string{"model"}) {
			t.Errorf("probe may import only model, imports %v", mine)
		}
		for _, i := range mine {
			if strings.HasPrefix(i, "cmd/") {
				t.Errorf("%s imports the command %s", name, i)
			}
			// The diff and the executor know providers only by the
			// sync.Gateway interface, and nothing of how plans are shown.
			if name == "sync" && (strings.HasPrefix(i, "provider/") || strings.HasPrefix(i, "emulator") || i == "report" || i == "cli") {
				t.Errorf("sync imports %s: it must reach gateways only through sync.Gateway and leave views to report", i)
			}
			// Providers reach the emulator only over HTTP, as they reach the cloud.
			if strings.HasPrefix(name, "provider/") && strings.HasPrefix(i, "emulator") {
				t.Errorf("%s imports %s: a provider must talk to the emulator through its API, never in-process", name, i)
			}
		}
		for _, i := range p.Imports {
			if strings.HasPrefix(i, "cuelang.org/go") && !slices.Contains(cueAllowed, name) {
				t.Errorf("%s imports %s; only the compiler knows CUE", name, i)
				break
			}
		}
	}
}

// kindOf is the gateway kind a package belongs to: the name of the
// first folder of its path named for a kind ("" for a shared package).
func kindOf(name string) string {
	for _, seg := range strings.Split(name, "/") {
		if slices.Contains(kindFolders, seg) {
			return seg
		}
	}
	return ""
}

// kindFolders are the folder names that hold what is particular to one
// gateway kind; registry is the one package that wires the kinds in.
var (
	kindFolders = []string{"aliyun", "huawei"}
	registry    = "gatewaykind/builtin"
)

// TestKindsBehindOneInterface: the shared stages import no kind (they
// reach kinds through the hooks gatewaykind registers), only the registry
// (and commands, for its side effect) imports it, and one kind's
// packages import nothing of another's. Packages under internal/ (test
// support: fixtures, generators, the SDK facts) may import kinds.
func TestKindsBehindOneInterface(t *testing.T) {
	var kinds int
	for _, p := range listPackages(t) {
		name := strings.TrimPrefix(p.ImportPath, module+"/")
		own := kindOf(name)
		if own != "" {
			kinds++
		}
		for _, i := range ours(p.Imports) {
			switch {
			case i == registry && p.Name != "main":
				t.Errorf("%s imports the registry %s: only commands do", name, i)
			case kindOf(i) == "" || name == registry || strings.HasPrefix(name, "internal/"):
			case own == "":
				t.Errorf("%s is shared but imports %s, which belongs to a kind: reach kinds through their hooks", name, i)
			case kindOf(i) != own:
				t.Errorf("%s belongs to kind %s but imports %s of kind %s", name, own, i, kindOf(i))
			}
		}
	}
	if kinds == 0 {
		t.Fatal("no package belongs to a kind: the test looks at the wrong folders")
	}
}

// TestLayoutNamesEveryPackage: README's "Layout" section names every
// package's folder (as `dir/`), a folder under an internal/ or cmd/
// folder being covered by the folder named above it, and every folder it
// names exists.
func TestLayoutNamesEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, layout, ok := strings.Cut(string(readme), "\n## Layout\n")
	if !ok {
		t.Fatal(`README has no "## Layout" section`)
	}
	if end := strings.Index(layout, "\n## "); end >= 0 {
		layout = layout[:end]
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile("`([a-z0-9_./-]+)/`").FindAllStringSubmatch(layout, -1) {
		named[m[1]] = true
	}
	for dir := range named {
		if fi, err := os.Stat("../../" + dir); err != nil || !fi.IsDir() {
			t.Errorf("README's layout names %s/, which is not a folder of the tree", dir)
		}
	}
	for _, p := range listPackages(t) {
		dir := strings.TrimPrefix(p.ImportPath, module+"/")
		if !layoutCovers(named, dir) {
			t.Errorf("README's layout does not name %s/", dir)
		}
	}
}

// layoutCovers reports whether dir is named, or lies under an internal/
// or cmd/ folder below (or at) a named folder.
func layoutCovers(named map[string]bool, dir string) bool {
	if named[dir] {
		return true
	}
	for a := range named {
		rest, ok := strings.CutPrefix(dir, a+"/")
		if ok && (strings.HasSuffix(a, "internal") || strings.HasPrefix(rest, "internal/") || strings.HasPrefix(rest, "cmd/")) {
			return true
		}
	}
	return false
}
