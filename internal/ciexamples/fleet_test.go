package ciexamples

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/report"
)

// The fleet workflows: gwsync changed computes a matrix, jobs fan out
// over it.
const (
	fleetPlan  = "fleet-plan.yml"
	fleetApply = "fleet-apply.yml"
	fleetDrift = "fleet-drift.yml"
)

// matrixFrom finds the job a matrix is computed by.
var matrixFrom = regexp.MustCompile(`^\$\{\{ fromJSON\(needs\.([a-z-]+)\.outputs\.matrix\) \}\}$`)

// matrixJobs lists, by job, the jobs of a workflow that fan out over a
// matrix another job computes, and which.
func matrixJobs(t *testing.T, name string, wf map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for id, job := range jobs(t, name, wf) {
		strategy, _ := job["strategy"].(map[string]any)
		m, _ := strategy["matrix"].(string)
		if sm := matrixFrom.FindStringSubmatch(m); sm != nil {
			out[id] = sm[1]
		}
	}
	return out
}

func TestFleetWorkflowsFanOut(t *testing.T) {
	wfs := workflows(t)
	for _, name := range []string{fleetPlan, fleetApply, fleetDrift} {
		if len(matrixJobs(t, name, wfs[name])) == 0 {
			t.Errorf("%s: no job fans out over a matrix gwsync changed computes", name)
		}
	}
}

// TestFleetMatrixJobs checks each job that fans out over gwsync
// changed's matrix: the job computing it runs gwsync changed --format
// json into its output; with --base, its checkout holds the history
// (fetch-depth: 0), and the matrix job skips an empty matrix, which
// GitHub refuses.
func TestFleetMatrixJobs(t *testing.T) {
	for name, wf := range workflows(t) {
		js := jobs(t, name, wf)
		for id, from := range matrixJobs(t, name, wf) {
			producer := js[from]
			if producer == nil {
				t.Errorf("%s: job %s fans out over the matrix of job %s, which does not exist", name, id, from)
				continue
			}
			if needs := fmtNeeds(js[id]["needs"]); !slices.Contains(needs, from) {
				t.Errorf("%s: job %s reads job %s's output but needs only %v", name, id, from, needs)
			}
			base, all := changedRuns(t, name, producer)
			if !base && !all {
				t.Errorf("%s: job %s computes a matrix without gwsync changed --format json", name, from)
			}
			if base && !fullHistory(producer) {
				t.Errorf("%s: job %s runs gwsync changed --base without the history: check out with fetch-depth: 0", name, from)
			}
			if cond, _ := js[id]["if"].(string); base && !strings.Contains(cond, "fromJSON(needs."+from+".outputs.matrix).include[0] != null") {
				t.Errorf("%s: job %s does not skip an empty matrix (if: %q)", name, id, cond)
			}
		}
	}
}

// fmtNeeds reads a job's needs: one name or a list.
func fmtNeeds(v any) []string {
	switch n := v.(type) {
	case string:
		return []string{n}
	case []any:
		var out []string
		for _, s := range n {
			out = append(out, s.(string))
		}
		return out
	}
	return nil
}

// changedRuns reports whether a job runs gwsync changed --format json
// with --base and with --all, writing its output as the job's matrix
// output.
func changedRuns(t *testing.T, name string, job map[string]any) (base, all bool) {
	t.Helper()
	for _, s := range steps(t, name, map[string]any{"jobs": map[string]any{"job": job}}) {
		run, _ := s.m["run"].(string)
		if !strings.Contains(run, `echo "matrix=`) {
			continue
		}
		for _, c := range commandLines(t, s) {
			if c.command != "changed" || !slices.Contains(c.flags, "--format") {
				continue
			}
			base = base || slices.Contains(c.flags, "--base")
			all = all || slices.Contains(c.flags, "--all")
		}
	}
	return base, all
}

// fullHistory reports whether a job checks out the whole history.
func fullHistory(job map[string]any) bool {
	ss, _ := job["steps"].([]any)
	for _, s := range ss {
		m, _ := s.(map[string]any)
		uses, _ := m["uses"].(string)
		with, _ := m["with"].(map[string]any)
		if strings.HasPrefix(uses, "actions/checkout@") && with["fetch-depth"] == 0 {
			return true
		}
	}
	return false
}

// matrixKey finds the matrix keys a workflow reads.
var matrixKey = regexp.MustCompile(`matrix\.([A-Za-z_-]+)`)

// TestFleetWorkflowsReadTheMatrix checks that every matrix key the fleet
// workflows read is one gwsync changed --format json writes.
func TestFleetWorkflowsReadTheMatrix(t *testing.T) {
	var keys map[string]any
	data, _ := json.Marshal(report.ChangedGateway{})
	if err := json.Unmarshal(data, &keys); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{fleetPlan, fleetApply, fleetDrift} {
		data, err := os.ReadFile(filepath.Join(root, "examples/ci", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matrixKey.FindAllStringSubmatch(string(data), -1) {
			if _, ok := keys[m[1]]; !ok {
				t.Errorf("%s reads matrix.%s, which gwsync changed does not write (it writes %v)", name, m[1], keys)
			}
		}
	}
}

func TestFleetApplyAndReconcileShareAGroup(t *testing.T) {
	wfs := workflows(t)
	const want = "gwsync-apply-${{ matrix.gateway }}"
	for _, place := range []struct{ file, job string }{{fleetApply, "apply"}, {fleetDrift, "reconcile"}} {
		job := jobs(t, place.file, wfs[place.file])[place.job]
		if job == nil {
			t.Errorf("%s: no %s job", place.file, place.job)
			continue
		}
		if group, cancel := concurrency(job); group != want || cancel {
			t.Errorf("%s: job %s concurrency %q cancel-in-progress %v; want %q, never cancelling", place.file, place.job, group, cancel, want)
		}
	}
}

// TestFleetApplyMatrixStep runs the step of fleet-apply.yml that computes
// the matrix, with a gwsync that answers a matrix naming its arguments:
// the commits since the push's before, or every gateway when there is no
// commit before.
func TestFleetApplyMatrixStep(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	var run string
	for _, s := range steps(t, fleetApply, workflows(t)[fleetApply]) {
		if s.m["id"] == "changed" {
			run, _ = s.m["run"].(string)
		}
	}
	if run == "" {
		t.Fatal("fleet-apply.yml: no step with id changed")
	}
	for before, want := range map[string]string{
		"0123456789abcdef0123456789abcdef01234567": "changed --base 0123456789abcdef0123456789abcdef01234567 --format json gateways",
		"0000000000000000000000000000000000000000": "changed --all --format json gateways",
		"": "changed --all --format json gateways",
	} {
		dir := t.TempDir()
		bin := filepath.Join(dir, "bin")
		if err := os.MkdirAll(bin, 0o755); err != nil {
			t.Fatal(err)
		}
		fake := "#!/bin/sh\nprintf '{\"include\":[{\"path\":\"%s\"}]}\\n' \"$*\"\n"
		if err := os.WriteFile(filepath.Join(bin, "gwsync"), []byte(fake), 0o755); err != nil {
			t.Fatal(err)
		}
		outFile := filepath.Join(dir, "github_output")
		env := map[string]string{"PATH": bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GITHUB_OUTPUT": outFile,
			"BEFORE": before, "FLEET_ROOT": "gateways"}
		if code := runBash(t, dir, run, env); code != 0 {
			t.Fatalf("before %q: the step exited %d", before, code)
		}
		if got := readOutputs(t, outFile)["matrix"]; got != `{"include":[{"path":"`+want+`"}]}` {
			t.Errorf("before %q: matrix output %q, want gwsync %s", before, got, want)
		}
	}
}

// TestActionRunsTheCommands checks that the action runs every command
// the examples may give it, and no other.
func TestActionRunsTheCommands(t *testing.T) {
	run := script(t, func(s map[string]any) bool { return s["id"] == "run" })
	m := regexp.MustCompile(`(?m)^\s*([a-z|]+)\) ;;$`).FindStringSubmatch(run)
	if m == nil {
		t.Fatal("action.yml: no case of the commands it runs")
	}
	got := strings.Split(m[1], "|")
	slices.Sort(got)
	want := slices.Sorted(slices.Values(commands))
	if !slices.Equal(got, want) {
		t.Errorf("action.yml runs %v, the examples may give it %v", got, want)
	}
}

// TestActionlint runs actionlint (github.com/rhysd/actionlint), the
// workflow linter, over the example workflows when it is on PATH: it
// checks expressions, contexts (matrix in a job's concurrency, needs
// outputs), and with shellcheck on PATH the scripts.
func TestActionlint(t *testing.T) {
	bin, err := exec.LookPath("actionlint")
	if err != nil {
		t.Skip("actionlint is not on PATH")
	}
	paths, _ := filepath.Glob(filepath.Join(root, "examples/ci/*.yml"))
	out, err := exec.Command(bin, append([]string{"-no-color"}, paths...)...).CombinedOutput()
	if err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}
