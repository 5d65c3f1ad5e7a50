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

// stepWithID is the action's step with the given id.
func stepWithID(t *testing.T, id string) map[string]any {
	t.Helper()
	for _, s := range actionSteps(t) {
		if s["id"] == id {
			return s
		}
	}
	t.Fatalf("action.yml: no step with id %s", id)
	return nil
}

// buildKey runs the action's build-key step in a copy of go.mod and a
// source file, as the action's directory, and returns its outputs.
func buildKey(t *testing.T, dir string, env map[string]string) map[string]string {
	t.Helper()
	outFile := filepath.Join(t.TempDir(), "github_output")
	base := map[string]string{"PATH": os.Getenv("PATH"), "GITHUB_OUTPUT": outFile, "GITHUB_WORKSPACE": t.TempDir(),
		"RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "GWSYNC_GO_VERSION_FILE": "", "GWSYNC_REF": "v1.4.0"}
	for k, v := range env {
		base[k] = v
	}
	if code := runBash(t, dir, script(t, func(s map[string]any) bool { return s["id"] == "build" }), base); code != 0 {
		t.Fatalf("build-key step exited %d", code)
	}
	return readOutputs(t, outFile)
}

// toolchain is go.mod's toolchain version (1.26.10 for go1.26.10).
func toolchain(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^toolchain go(\S+)$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod has no toolchain line; it names the patched Go the action builds with")
	}
	return string(m[1])
}

// TestActionBuildsOncePerVersion: the action builds gwsync only when its
// cache has no binary for this version, keyed by the Go that builds it and
// a hash of the action's sources, with the Go of go.mod's toolchain line.
func TestActionBuildsOncePerVersion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	gomod, _ := os.ReadFile(filepath.Join(root, "go.mod"))
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), gomod, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := buildKey(t, dir, nil)
	want := toolchain(t)
	if out["go-version"] != want || out["go-version-file"] != "" {
		t.Errorf("builds with go-version %q (file %q), want go.mod's toolchain %s", out["go-version"], out["go-version-file"], want)
	}
	if !strings.HasPrefix(out["key"], "gwsync-Linux-X64-go"+want+"-") || out["version"] != "v1.4.0" {
		t.Errorf("key %q, version %q", out["key"], out["version"])
	}
	if again := buildKey(t, dir, nil); again["key"] != out["key"] {
		t.Errorf("the key changed with nothing changed: %s, then %s", out["key"], again["key"])
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main // changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if changed := buildKey(t, dir, nil); changed["key"] == out["key"] {
		t.Errorf("a changed source kept the key %s", out["key"])
	}
	if odd := buildKey(t, dir, map[string]string{"GWSYNC_REF": `v1 "$(id)"`}); odd["version"] != "v1id" {
		t.Errorf("ref %q gives version %q; want only safe characters", `v1 "$(id)"`, odd["version"])
	}

	steps := actionSteps(t)
	uses := func(s map[string]any) string { u, _ := s["uses"].(string); return u }
	restore, save := stepWithID(t, "cache"), map[string]any(nil)
	for _, s := range steps {
		switch u := uses(s); {
		case strings.HasPrefix(u, "actions/cache/save@"):
			save = s
		case strings.HasPrefix(u, "actions/setup-go@"), s["name"] == "Build gwsync":
			if s["if"] != "steps.cache.outputs.cache-hit != 'true'" {
				t.Errorf("action.yml: %v runs whether or not the binary was restored", s["name"])
			}
			with, _ := s["with"].(map[string]any)
			if with["cache-dependency-path"] != nil || (uses(s) != "" && with["cache"] != false) {
				t.Errorf("action.yml: setup-go caches modules by a go.sum outside the workspace: %v", with)
			}
		}
	}
	if save == nil || !strings.HasPrefix(uses(restore), "actions/cache/restore@") {
		t.Fatal("action.yml: no actions/cache/restore step with id cache, or no actions/cache/save step")
	}
	rw, _ := restore["with"].(map[string]any)
	sw, _ := save["with"].(map[string]any)
	if rw["path"] != sw["path"] || rw["key"] != sw["key"] || rw["key"] != "${{ steps.build.outputs.key }}" {
		t.Errorf("action.yml: restore %v and save %v differ in path or key", rw, sw)
	}
}

// TestWorkflowsUseCurrentActions: no step uses an action version GitHub
// has deprecated.
func TestWorkflowsUseCurrentActions(t *testing.T) {
	deprecated := []string{"github/codeql-action/upload-sarif@v1", "github/codeql-action/upload-sarif@v2", "github/codeql-action/upload-sarif@v3"}
	for name, wf := range workflows(t) {
		for _, s := range steps(t, name, wf) {
			if u, _ := s.m["uses"].(string); slices.Contains(deprecated, u) {
				t.Errorf("%s: %s is deprecated; use github/codeql-action/upload-sarif@v4", s.where, u)
			}
		}
	}
}
