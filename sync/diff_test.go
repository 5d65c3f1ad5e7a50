package sync_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/livejson"
	gwsync "github.com/gwsync/gwsync/sync"
)

var update = flag.Bool("update", os.Getenv("GWSYNC_UPDATE") != "", "rewrite the golden plans in testdata/diff")

// TestDiffGolden runs each testdata/diff/*.txtar case: desired.cue (a
// desired state), live.json (a model.Live, keys matched to its Go field
// names) and options (one "prune" or "owner NAME" per line), and compares
// the plan and findings with the file's "plan" section. GWSYNC_UPDATE=1
// rewrites that section.
func TestDiffGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/diff/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/diff")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := runCase(t, ar)
			want := section(ar, "plan")
			if *update {
				setSection(ar, "plan", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("plan differs from the golden (GWSYNC_UPDATE=1 rewrites it)\n--- got\n%s\n--- want\n%s", got, want)
			}
		})
	}
}

// runCase compiles the desired state, decodes the live gateway, diffs them
// and renders the result.
func runCase(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "desired.cue"), []byte(section(ar, "desired.cue")), 0o644); err != nil {
		t.Fatal(err)
	}
	res := compiler.Compile([]string{filepath.Join(dir, "desired.cue")}, compiler.Options{Dir: dir})
	if res.Desired == nil {
		t.Fatalf("desired.cue does not compile: %v", res.Findings)
	}
	live, err := livejson.Decode(section(ar, "live.json"))
	if err != nil {
		t.Fatalf("live.json: %v", err)
	}
	plan, findings := gwsync.Diff(res.Desired, live, options(section(ar, "options")))
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(plan); err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		fmt.Fprintf(&b, "%s: %s [%s] %s: %s\n", f.Pos, f.Severity, f.Rule, f.Resource, f.Message)
	}
	return b.String()
}

func options(text string) gwsync.Options {
	var o gwsync.Options
	for _, line := range strings.Split(text, "\n") {
		switch f := strings.Fields(line); {
		case len(f) == 1 && f[0] == "prune":
			o.Prune = true
		case len(f) == 2 && f[0] == "owner":
			o.Owner = f[1]
		}
	}
	return o
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func setSection(ar *txtar.Archive, name, data string) {
	for i, f := range ar.Files {
		if f.Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}
