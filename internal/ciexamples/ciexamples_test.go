// Package ciexamples checks the GitHub Actions files users copy: the
// action at the repository root (action.yml) and the example workflows in
// examples/ci. They parse as YAML, have the shape GitHub requires, ask
// for the permissions what they run needs, and every gwsync command line
// in them uses a command and flags the CLI has.
package ciexamples

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/gwsync/gwsync/cli"
)

const root = "../.."

// actionRepo is this repository as a workflow's uses: names it.
const actionRepo = "gwsync/gwsync"

// commands are the gwsync commands the action and the examples may run.
var commands = []string{"validate", "plan", "apply", "drift", "comment", "changed"}

// loadYAML parses a YAML file into plain maps and lists.
func loadYAML(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if strings.Contains(string(data), "\t") {
		t.Errorf("%s: holds a tab", path)
	}
	return doc
}

// workflows are the example workflows by file name.
func workflows(t *testing.T) map[string]map[string]any {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(root, "examples/ci/*.yml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example workflows: %v", err)
	}
	out := map[string]map[string]any{}
	for _, p := range paths {
		out[filepath.Base(p)] = loadYAML(t, p)
	}
	for _, want := range []string{"validate.yml", "plan-comment.yml", "apply.yml", "drift.yml"} {
		if out[want] == nil {
			t.Errorf("examples/ci/%s is missing", want)
		}
	}
	return out
}

// step is one step of a job, with where it is for messages.
type step struct {
	where string
	job   map[string]any
	m     map[string]any
}

// jobs returns a workflow's jobs, checking each has runs-on and steps.
func jobs(t *testing.T, name string, wf map[string]any) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	js, _ := wf["jobs"].(map[string]any)
	if len(js) == 0 {
		t.Errorf("%s: no jobs", name)
	}
	for id, j := range js {
		job, _ := j.(map[string]any)
		if s, _ := job["runs-on"].(string); s == "" {
			t.Errorf("%s: job %s has no runs-on", name, id)
		}
		if ss, _ := job["steps"].([]any); len(ss) == 0 {
			t.Errorf("%s: job %s has no steps", name, id)
		}
		out[id] = job
	}
	return out
}

// steps lists every step of a workflow.
func steps(t *testing.T, name string, wf map[string]any) []step {
	t.Helper()
	var out []step
	for id, job := range jobs(t, name, wf) {
		ss, _ := job["steps"].([]any)
		for i, s := range ss {
			m, _ := s.(map[string]any)
			out = append(out, step{where: name + ": job " + id + " step " + strconv.Itoa(i+1), job: job, m: m})
		}
	}
	return out
}

func TestWorkflowShape(t *testing.T) {
	for name, wf := range workflows(t) {
		for _, key := range []string{"name", "on", "permissions", "jobs"} {
			if wf[key] == nil {
				t.Errorf("%s: no %q (a workflow sets its permissions)", name, key)
			}
		}
		for _, s := range steps(t, name, wf) {
			checkStep(t, s)
		}
	}
}

// checkStep checks a step runs one thing, pins what it uses, uses this
// action whole, and keeps expressions out of scripts.
func checkStep(t *testing.T, s step) {
	t.Helper()
	uses, _ := s.m["uses"].(string)
	run, _ := s.m["run"].(string)
	if (uses == "") == (run == "") {
		t.Errorf("%s: wants exactly one of uses and run", s.where)
	}
	if uses != "" && !strings.Contains(uses, "@") {
		t.Errorf("%s: %s names no version", s.where, uses)
	}
	if strings.HasPrefix(uses, actionRepo) && !strings.HasPrefix(uses, actionRepo+"@") {
		t.Errorf("%s: %s is not the action at the repository root", s.where, uses)
	}
	if strings.Contains(run, "${{") {
		t.Errorf("%s: an expression inside a script (pass it through env: instead)", s.where)
	}
}

// secretRef finds the secrets a workflow reads.
var secretRef = regexp.MustCompile(`secrets\.([A-Za-z0-9_]+)`)

func TestWorkflowSecrets(t *testing.T) {
	allowed := []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"}
	paths, _ := filepath.Glob(filepath.Join(root, "examples/ci/*.yml"))
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		for _, m := range secretRef.FindAllStringSubmatch(string(data), -1) {
			if !slices.Contains(allowed, m[1]) {
				t.Errorf("%s: reads secret %s; the contract names only %v", filepath.Base(p), m[1], allowed)
			}
		}
	}
}

// permission reports whether a step's job, or else its workflow, grants
// scope the level.
func permission(wf, job map[string]any, scope, level string) bool {
	perms, ok := job["permissions"].(map[string]any)
	if !ok {
		perms, _ = wf["permissions"].(map[string]any)
	}
	return perms[scope] == level
}

func TestWorkflowPermissions(t *testing.T) {
	for name, wf := range workflows(t) {
		for _, s := range steps(t, name, wf) {
			uses, _ := s.m["uses"].(string)
			need := map[string]bool{}
			if strings.HasPrefix(uses, "github/codeql-action/upload-sarif@") {
				need["security-events"] = true
			}
			for _, c := range commandLines(t, s) {
				switch {
				case c.command == "comment":
					need["pull-requests"] = true
				case c.command == "drift" && slices.Contains(c.flags, "--issue"):
					need["issues"] = true
				}
			}
			for scope := range need {
				if !permission(wf, s.job, scope, "write") {
					t.Errorf("%s: needs permissions %s: write", s.where, scope)
				}
			}
		}
	}
}

// concurrency is a workflow's or job's concurrency group and whether a
// new run cancels the one in progress.
func concurrency(m map[string]any) (group string, cancel bool) {
	c, _ := m["concurrency"].(map[string]any)
	group, _ = c["group"].(string)
	cancel, _ = c["cancel-in-progress"].(bool)
	return group, cancel
}

func TestApplyAndReconcileShareAGroup(t *testing.T) {
	wfs := workflows(t)
	applyGroup, cancel := concurrency(wfs["apply.yml"])
	if !strings.HasPrefix(applyGroup, "gwsync-apply-") || cancel {
		t.Errorf("apply.yml: concurrency %q cancel-in-progress %v; want a gwsync-apply- group that never cancels", applyGroup, cancel)
	}
	js := jobs(t, "drift.yml", wfs["drift.yml"])
	reconcile := js["reconcile"]
	if reconcile == nil {
		t.Fatal("drift.yml: no reconcile job")
	}
	if group, cancel := concurrency(reconcile); group != applyGroup || cancel {
		t.Errorf("drift.yml: reconcile concurrency %q cancel-in-progress %v; want apply.yml's %q, never cancelling", group, cancel, applyGroup)
	}
}

// commandLine is one gwsync command a step runs.
type commandLine struct {
	command string
	flags   []string
}

// gwsyncCall finds gwsync command lines in a script, indented ones (in
// an if or a loop) too.
var gwsyncCall = regexp.MustCompile(`(?m)(?:^[ \t]*|[;&|]\s*)gwsync\s+([a-z]+)([^\n;&|>]*)`)

// commandLines lists the gwsync commands a step runs: through the action
// (command and args) or in its script.
func commandLines(t *testing.T, s step) []commandLine {
	t.Helper()
	var out []commandLine
	if uses, _ := s.m["uses"].(string); strings.HasPrefix(uses, actionRepo+"@") {
		with, _ := s.m["with"].(map[string]any)
		if c, _ := with["command"].(string); c != "" {
			args, _ := with["args"].(string)
			out = append(out, commandLine{command: c, flags: flagsOf(args)})
		}
	}
	run, _ := s.m["run"].(string)
	run = strings.ReplaceAll(run, "\\\n", " ")
	for _, m := range gwsyncCall.FindAllStringSubmatch(run, -1) {
		out = append(out, commandLine{command: m[1], flags: flagsOf(m[2])})
	}
	return out
}

// flagsOf lists the long flags in an argument string, without values.
func flagsOf(args string) []string {
	var flags []string
	for _, f := range strings.Fields(args) {
		if strings.HasPrefix(f, "--") {
			flags = append(flags, strings.SplitN(f, "=", 2)[0])
		}
	}
	return flags
}

// helpFlag finds the flags a command's help lists.
var helpFlag = regexp.MustCompile(`(?m)^\s+(?:-\w, )?(--[a-z0-9-]+)`)

// cliFlags returns the flags gwsync's command has, and false when the
// CLI has no such command.
func cliFlags(command string) ([]string, bool) {
	var out, errb bytes.Buffer
	code := cli.Run([]string{command, "--help"}, strings.NewReader(""), &out, &errb)
	if code != cli.ExitOK || !strings.Contains(out.String(), "gwsync "+command) {
		return nil, false
	}
	var flags []string
	for _, m := range helpFlag.FindAllStringSubmatch(out.String(), -1) {
		flags = append(flags, m[1])
	}
	return flags, true
}

func TestCommandLinesMatchTheCLI(t *testing.T) {
	seen := 0
	for name, wf := range workflows(t) {
		for _, s := range steps(t, name, wf) {
			for _, c := range commandLines(t, s) {
				seen++
				checkCommandLine(t, s.where, c)
			}
		}
	}
	if seen == 0 {
		t.Fatal("found no gwsync command lines")
	}
}

// checkCommandLine checks a command line against the CLI's help.
func checkCommandLine(t *testing.T, where string, c commandLine) {
	t.Helper()
	if !slices.Contains(commands, c.command) {
		t.Errorf("%s: gwsync %s is not a command the action runs (%v)", where, c.command, commands)
		return
	}
	have, ok := cliFlags(c.command)
	if !ok {
		t.Errorf("%s: the CLI has no gwsync %s", where, c.command)
		return
	}
	for _, f := range c.flags {
		if !slices.Contains(have, f) {
			t.Errorf("%s: gwsync %s has no flag %s", where, c.command, f)
		}
	}
}
