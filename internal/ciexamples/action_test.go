package ciexamples

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// action is action.yml, parsed.
func action(t *testing.T) map[string]any {
	t.Helper()
	return loadYAML(t, filepath.Join(root, "action.yml"))
}

// actionSteps are the composite action's steps.
func actionSteps(t *testing.T) []map[string]any {
	t.Helper()
	runs, _ := action(t)["runs"].(map[string]any)
	if runs["using"] != "composite" {
		t.Fatalf("action.yml: runs.using is %v, want composite", runs["using"])
	}
	var out []map[string]any
	ss, _ := runs["steps"].([]any)
	for _, s := range ss {
		m, _ := s.(map[string]any)
		out = append(out, m)
	}
	return out
}

func TestActionShape(t *testing.T) {
	a := action(t)
	for _, key := range []string{"name", "description", "inputs", "outputs", "runs"} {
		if a[key] == nil {
			t.Errorf("action.yml: no %q", key)
		}
	}
	inputs, _ := a["inputs"].(map[string]any)
	for name, in := range inputs {
		if d, _ := in.(map[string]any)["description"].(string); d == "" {
			t.Errorf("action.yml: input %s is not described", name)
		}
	}
	outputs, _ := a["outputs"].(map[string]any)
	for name, out := range outputs {
		o, _ := out.(map[string]any)
		if d, _ := o["description"].(string); d == "" || o["value"] == nil {
			t.Errorf("action.yml: output %s wants a description and a value", name)
		}
	}
	for i, s := range actionSteps(t) {
		if _, ok := s["run"]; ok && s["shell"] == nil {
			t.Errorf("action.yml: step %d runs a script without a shell", i+1)
		}
	}
}

// inputRef finds the inputs an expression reads.
var inputRef = regexp.MustCompile(`inputs\.([a-z-]+)`)

func TestActionInputsExist(t *testing.T) {
	inputs, _ := action(t)["inputs"].(map[string]any)
	data, _ := os.ReadFile(filepath.Join(root, "action.yml"))
	for _, m := range inputRef.FindAllStringSubmatch(string(data), -1) {
		if inputs[m[1]] == nil {
			t.Errorf("action.yml reads inputs.%s, which it does not declare", m[1])
		}
	}
	for name, wf := range workflows(t) {
		for _, s := range steps(t, name, wf) {
			uses, _ := s.m["uses"].(string)
			if !strings.HasPrefix(uses, actionRepo+"@") {
				continue
			}
			with, _ := s.m["with"].(map[string]any)
			for k := range with {
				if inputs[k] == nil {
					t.Errorf("%s: the action has no input %s", s.where, k)
				}
			}
		}
	}
}

// script returns the script of the action's step with the given id or
// name prefix; it must hold no expression, so that it runs as written.
func script(t *testing.T, match func(map[string]any) bool) string {
	t.Helper()
	i := slices.IndexFunc(actionSteps(t), match)
	if i < 0 {
		t.Fatal("action.yml: no such step")
	}
	run, _ := actionSteps(t)[i]["run"].(string)
	if strings.Contains(run, "${{") {
		t.Fatalf("action.yml: step %d has an expression in its script", i+1)
	}
	return run
}

// fakeGwsync is a gwsync that prints its arguments one per line and
// exits with $FAKE_EXIT.
const fakeGwsync = "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\nexit \"$FAKE_EXIT\"\n"

// runResult is what the action's run and result steps did.
type runResult struct {
	outputs  map[string]string
	stdout   string
	exitCode int
}

// runAction runs the action's run step and then its result step under
// bash, with a fake gwsync on PATH and env holding the inputs.
func runAction(t *testing.T, env map[string]string) runResult {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "gwsync"), []byte(fakeGwsync), 0o755); err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(dir, "github_output")
	base := map[string]string{"PATH": bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GITHUB_OUTPUT": outFile,
		"RUNNER_TEMP": dir, "GWSYNC_ARGS": "", "GWSYNC_STDOUT_FILE": "", "GWSYNC_FAIL_ON_CHANGES": "false", "FAKE_EXIT": "0"}
	for k, v := range env {
		base[k] = v
	}
	runBash(t, dir, script(t, func(s map[string]any) bool { return s["id"] == "run" }), base)
	res := runResult{outputs: readOutputs(t, outFile)}
	if f := res.outputs["stdout-file"]; f != "" {
		data, _ := os.ReadFile(filepath.Join(dir, f))
		if filepath.IsAbs(f) {
			data, _ = os.ReadFile(f)
		}
		res.stdout = string(data)
	}
	base["GWSYNC_EXIT"], base["GWSYNC_CHANGES"] = res.outputs["exit-code"], res.outputs["changes"]
	res.exitCode = runBash(t, dir, script(t, func(s map[string]any) bool {
		n, _ := s["name"].(string)
		return strings.HasSuffix(n, " result")
	}), base)
	return res
}

// runBash runs a script in dir as GitHub runs a step's "shell: bash"
// script, and returns its exit code.
func runBash(t *testing.T, dir, script string, env map[string]string) int {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir = dir
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	t.Logf("bash:\n%s", out)
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

// readOutputs reads a GITHUB_OUTPUT file of name=value lines.
func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		k, v, _ := strings.Cut(l, "=")
		out[k] = v
	}
	return out
}

func TestActionExitCodes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	for _, tc := range []struct {
		name                 string
		command, exit, fail  string
		wantExit             int
		wantCode, wantChange string
	}{
		{"ok", "validate", "0", "false", 0, "0", "false"},
		{"validation error", "validate", "1", "false", 1, "1", "false"},
		{"bad usage", "plan", "3", "false", 3, "3", "false"},
		{"plan changes pass", "plan", "2", "false", 0, "2", "true"},
		{"plan changes fail", "plan", "2", "true", 2, "2", "true"},
		{"drift passes", "drift", "2", "false", 0, "2", "true"},
		{"apply 2 is no change", "apply", "2", "false", 2, "2", "false"},
		{"unknown command", "rm", "0", "false", 3, "3", "false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := runAction(t, map[string]string{"GWSYNC_COMMAND": tc.command, "FAKE_EXIT": tc.exit, "GWSYNC_FAIL_ON_CHANGES": tc.fail})
			if res.exitCode != tc.wantExit || res.outputs["exit-code"] != tc.wantCode || res.outputs["changes"] != tc.wantChange {
				t.Errorf("step exit %d, outputs %v; want exit %d, exit-code %s, changes %s",
					res.exitCode, res.outputs, tc.wantExit, tc.wantCode, tc.wantChange)
			}
		})
	}
}

func TestActionArgsAreWords(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	res := runAction(t, map[string]string{"GWSYNC_COMMAND": "validate",
		"GWSYNC_ARGS": "--format  sarif\n  gw/* $HOME `id` 'a b'", "GWSYNC_STDOUT_FILE": "out/gwsync.sarif"})
	want := "arg: validate\narg: --format\narg: sarif\narg: gw/*\narg: $HOME\narg: `id`\narg: 'a\narg: b'\n"
	if res.stdout != want {
		t.Errorf("gwsync got\n%s\nwant\n%s", res.stdout, want)
	}
	if res.outputs["stdout-file"] != "out/gwsync.sarif" {
		t.Errorf("stdout-file output %q, want the input's", res.outputs["stdout-file"])
	}
}
