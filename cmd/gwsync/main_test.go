package main

import (
	"errors"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/gwsync/gwsync/cli"
	"github.com/gwsync/gwsync/internal/synth"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gwsync": func() { os.Exit(cli.Main()) },
	})
}

// TestScript runs the CLI scripts in testdata/script, one behaviour per
// file. GWSYNC_UPDATE=1 rewrites their golden output.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("GWSYNC_UPDATE") != "",
		Setup:         setup,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exits": cmdExits, "waitfile": cmdWaitFile, "readyenv": cmdReadyEnv, "reseal": cmdReseal, "gateway": cmdGateway,
			"emulator": cmdEmulator, "replace": cmdReplace, "sleep": cmdSleep, "synth": cmdSynth,
			"github": cmdGitHub, "helpexamples": cmdHelpExamples, "readme": cmdReadme,
		},
	})
}

// setup prepares each script: the repository's examples in its work
// directory, and the cue CLI on its PATH when it is installed where go
// install puts it, so that scripts guarded by [exec:cue] run the real cue
// vet (and are skipped, saying so, where there is none).
func setup(env *testscript.Env) error {
	if dir := cueBinDir(); dir != "" {
		env.Setenv("PATH", dir+string(os.PathListSeparator)+env.Getenv("PATH"))
	}
	return copyExamples(env)
}

// copyExamples puts the repository's examples/ into each script's work
// directory, so scripts validate the examples users see.
func copyExamples(env *testscript.Env) error {
	return os.CopyFS(filepath.Join(env.WorkDir, "examples"), os.DirFS("../../examples"))
}

// cueBinDir is the directory of a cue binary that is not on PATH but in
// $GOBIN or $GOPATH/bin (go install cuelang.org/go/cmd/cue@...), or "".
func cueBinDir() string {
	if _, err := exec.LookPath("cue"); err == nil {
		return ""
	}
	for _, dir := range []string{os.Getenv("GOBIN"), filepath.Join(build.Default.GOPATH, "bin")} {
		if dir == "" {
			continue
		}
		if fi, err := os.Stat(filepath.Join(dir, "cue")); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return dir
		}
	}
	return ""
}

// cmdExits runs a command and checks its exit code:
//
//	exits 3 gwsync validate --format xml
//
// Its stdout and stderr are then available to the stdout and stderr
// commands, as after exec.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// cmdWaitFile waits (up to 30s) until a file exists, e.g. the --ready-file
// of a command started in the background:
//
//	waitfile $WORK/ready
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	path := ts.MkAbs(args[0])
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return
		}
	}
	ts.Fatalf("waitfile: %s did not appear within 30s", args[0])
}

// cmdReadyEnv reads the --ready-file of gwsync emulator serve into the
// script's environment, as a user's shell would: the control plane's
// host:port as GWSYNC_ALIYUN_ENDPOINT (GWSYNC_HUAWEI_ENDPOINT when the file
// names a Huawei instance) and the data plane's as DATAPLANE.
//
//	readyenv $WORK/ready
func cmdReadyEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: readyenv FILE")
	}
	endpoint, controlPlane, dataPlane := "GWSYNC_ALIYUN_ENDPOINT", "", ""
	for _, line := range strings.Split(ts.ReadFile(args[0]), "\n") {
		key, value, _ := strings.Cut(line, ": ")
		switch key {
		case "control plane":
			controlPlane = strings.TrimPrefix(value, "http://")
		case "data plane":
			dataPlane = strings.TrimPrefix(value, "http://")
		case "instance":
			endpoint = "GWSYNC_HUAWEI_ENDPOINT"
		}
	}
	if controlPlane == "" || dataPlane == "" {
		ts.Fatalf("readyenv: %s names no control plane and data plane", args[0])
	}
	ts.Setenv(endpoint, controlPlane)
	ts.Setenv("DATAPLANE", dataPlane)
}

// cmdSleep waits a while, for what a script cannot observe, such as a
// signal reaching a background command:
//
//	sleep 500ms
func cmdSleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep DURATION")
	}
	d, err := time.ParseDuration(args[0])
	if err != nil {
		ts.Fatalf("sleep: %v", err)
	}
	time.Sleep(d)
}

// cmdSynth writes a synthetic desired state of ROUTES routes for the
// local gateway into DIR (internal/synth), for scripts that need a big
// one:
//
//	synth big 400
func cmdSynth(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: synth DIR ROUTES")
	}
	routes, err := strconv.Atoi(args[1])
	if err != nil || routes < 1 {
		ts.Fatalf("synth: ROUTES must be a positive number, got %q", args[1])
	}
	_, err = synth.Write(ts.MkAbs(args[0]), synth.Config{Routes: routes, Provider: "local", Seed: 1})
	ts.Check(err)
}
