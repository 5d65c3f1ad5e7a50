package dump_test

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/dump/internal/dumptest"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/internal/livejson"
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

var update = os.Getenv("GWSYNC_UPDATE") != ""

// TestGolden runs each testdata/*.txtar case: live.json (a model.Live, keys
// matched to its Go field names) and options (lines "split per-api",
// "with-ids", "owner NAME", "provider P", "id ID", "region R",
// "project-id P", "local"). It dumps
// the live gateway and compares every output file with the section of
// its name, and the report with the "report" section: what was left out,
// the notes, then how the output fares when compiled back: the findings
// of compile and validate, and the plan against the same live gateway.
// GWSYNC_UPDATE=1 rewrites the output sections.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			live := readLive(t, section(ar, "live.json"))
			opts := options(t, section(ar, "options"))
			res, err := dump.Build(live, opts)
			if err != nil {
				t.Fatal(err)
			}
			again, err := dump.Build(readLive(t, section(ar, "live.json")), opts)
			if err != nil || fmt.Sprint(again) != fmt.Sprint(res) {
				t.Errorf("a second dump of the same gateway differs (%v)", err)
			}
			got := map[string]string{"report": report(t, res, live)}
			for _, f := range res.Files {
				got[f.Name] = string(f.Data)
			}
			if update {
				rewrite(t, file, ar, got)
				return
			}
			compare(t, ar, got)
		})
	}
}

func readLive(t *testing.T, src string) *model.Live {
	t.Helper()
	live, err := livejson.Decode(src)
	if err != nil {
		t.Fatalf("live.json: %v", err)
	}
	return live
}

func options(t *testing.T, src string) dump.Options {
	opts := dump.Options{Gateway: model.Gateway{Provider: "aliyun", ID: "gw-1", Region: "cn-hangzhou"}}
	for _, line := range strings.Split(strings.TrimSpace(src), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case f[0] == "with-ids":
			opts.WithIDs = true
		case len(f) == 2 && f[0] == "split":
			opts.Split = f[1]
		case len(f) == 2 && f[0] == "owner":
			opts.Gateway.Owner = f[1]
		case len(f) == 2 && f[0] == "provider":
			opts.Gateway.Provider = f[1]
		case len(f) == 2 && f[0] == "id":
			opts.Gateway.ID = f[1]
		case len(f) == 2 && f[0] == "region":
			opts.Gateway.Region = f[1]
		case len(f) == 2 && f[0] == "project-id":
			opts.Gateway.ProjectID = f[1]
		case f[0] == "local":
			opts.Gateway.Local = true
		default:
			t.Fatalf("options: bad line %q", line)
		}
	}
	return opts
}

// report renders what the dump left out and noted, then compiles the
// output back, validates it and plans it against live.
func report(t *testing.T, res *dump.Result, live *model.Live) string {
	t.Helper()
	var b strings.Builder
	for _, l := range res.LeftOut {
		fmt.Fprintln(&b, l)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(&b, "note:", n)
	}
	fmt.Fprintf(&b, "owner %q: %s\n", res.Owner, reportCounts(res.Counts))
	d, findings := dumptest.CompileBack(t, res.Files)
	for _, f := range findings {
		fmt.Fprintf(&b, "%s: %s: %s\n", f.Pos, f.Rule, f.Message)
	}
	if d == nil {
		b.WriteString("does not compile\n")
		return b.String()
	}
	if errs, _ := diag.Counts(findings); errs > 0 {
		// gwsync plan would stop here; the diff still shows that every
		// name and string read back as it was.
		b.WriteString("not valid; the diff regardless:\n")
	}
	plan, pfs := gwsync.Diff(d, live, gwsync.Options{Owner: d.Gateway.Owner})
	for _, f := range pfs {
		fmt.Fprintf(&b, "plan: %s: %s: %s\n", f.Pos, f.Rule, f.Message)
	}
	for _, c := range plan.Changes {
		fmt.Fprintf(&b, "plan: %s %s %v\n", c.Action, c.Label(), c.Fields)
	}
	for _, n := range plan.Notes {
		fmt.Fprintf(&b, "plan note: %s %s: %s\n", n.Kind, n.Name, n.Reason)
	}
	if plan.Empty() {
		b.WriteString("plan: no changes\n")
	}
	return b.String()
}

// reportOrder is the order the golden reports list counts in, by noun.
var reportOrder = []string{"environment", "service", "group", "domain", "API", "policy", "HTTP API", "route"}

// reportCounts renders counts as the golden reports do: "%d <nouns>",
// in reportOrder.
func reportCounts(counts []dump.Count) string {
	counts = slices.Clone(counts)
	slices.SortFunc(counts, func(a, b dump.Count) int {
		return cmp.Compare(slices.Index(reportOrder, a.Noun), slices.Index(reportOrder, b.Noun))
	})
	var parts []string
	for _, c := range counts {
		parts = append(parts, fmt.Sprintf("%d %s", c.N, plural(c.Noun)))
	}
	return strings.Join(parts, ", ")
}

func plural(noun string) string {
	if strings.HasSuffix(noun, "y") {
		return strings.TrimSuffix(noun, "y") + "ies"
	}
	return noun + "s"
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

// outputSection reports whether a section is written by the test.
func outputSection(name string) bool { return name == "report" || strings.HasSuffix(name, ".cue") }

func rewrite(t *testing.T, file string, ar *txtar.Archive, got map[string]string) {
	var kept []txtar.File
	for _, f := range ar.Files {
		if !outputSection(f.Name) {
			kept = append(kept, f)
		}
	}
	for _, name := range sortedNames(got) {
		kept = append(kept, txtar.File{Name: name, Data: []byte(got[name])})
	}
	ar.Files = kept
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func compare(t *testing.T, ar *txtar.Archive, got map[string]string) {
	want := map[string]string{}
	for _, f := range ar.Files {
		if outputSection(f.Name) {
			want[f.Name] = string(f.Data)
		}
	}
	for _, name := range sortedNames(got) {
		if got[name] != want[name] {
			t.Errorf("%s differs from the golden (GWSYNC_UPDATE=1 rewrites it)\n--- got\n%s\n--- want\n%s", name, got[name], want[name])
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("the dump no longer writes %s", name)
		}
	}
}

// sortedNames lists the sections by file name, the report last.
func sortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.Count(a, "report"), strings.Count(b, "report")), cmp.Compare(a, b))
	})
	return out
}

// TestBuildUnknownProvider: a provider no registered kind serves is an
// error that names it.
func TestBuildUnknownProvider(t *testing.T) {
	_, err := dump.Build(&model.Live{}, dump.Options{Gateway: model.Gateway{Provider: "nowhere"}})
	if err == nil || !strings.Contains(err.Error(), `"nowhere"`) {
		t.Fatalf("err = %v, want one naming provider \"nowhere\"", err)
	}
}
