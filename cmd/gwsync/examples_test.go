package main

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// serveFor is how long an example of gwsync emulator serve, which serves
// until interrupted, runs before it is interrupted.
const serveFor = "2"

// cmdHelpExamples runs every example in the --help of each command named,
// as written, through sh in the script's work directory, one after the
// other, and fails on one that exits other than 0 or 2 (changes or drift,
// which examples may show) or on a command without examples:
//
//	helpexamples validate plan 'emulator serve'
//
// An example of gwsync emulator serve is interrupted after serveFor
// seconds and must have printed its addresses and exited 0; it listens on
// ports of its own (the flags added last win), since tests run in
// parallel and the default ports may be taken.
func cmdHelpExamples(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: helpexamples COMMAND...")
	}
	for _, name := range args {
		ts.Check(ts.Exec("gwsync", append(strings.Fields(name), "--help")...))
		examples := helpExamples(ts.ReadFile("stdout"))
		if len(examples) == 0 {
			ts.Fatalf("gwsync %s --help has no examples", name)
		}
		for _, ex := range examples {
			runExample(ts, ex)
		}
	}
}

// runExample runs one example and checks how it ended.
func runExample(ts *testscript.TestScript, ex string) {
	serve := strings.HasPrefix(ex, "gwsync emulator serve ")
	line := ex
	if serve {
		// --foreground: timeout interrupts the example alone, once. Without
		// it, timeout interrupts its process group as well, a second
		// SIGINT that kills the example with exit status 130 when it
		// comes after the first has been handled and the example has
		// stopped listening for signals.
		line = "timeout --foreground --preserve-status -s INT " + serveFor + " " + ex + " --listen 127.0.0.1:0 --dataplane 127.0.0.1:0"
	}
	ts.Logf("example: %s", ex)
	code := 0
	if err := ts.Exec("sh", "-c", line); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("example %q: %v", ex, err)
		}
		code = ee.ExitCode()
	}
	switch {
	case serve && (code != 0 || !strings.Contains(ts.ReadFile("stdout"), "control plane: http://")):
		ts.Fatalf("example %q: exit %d, or no addresses printed:\n%s%s", ex, code, ts.ReadFile("stdout"), ts.ReadFile("stderr"))
	case code != 0 && code != 2:
		ts.Fatalf("example %q: exit %d:\n%s", ex, code, ts.ReadFile("stderr"))
	}
}

// helpExamples extracts the examples of a command's help: the lines of its
// Examples section, a line ending in a backslash joined to the next.
func helpExamples(help string) []string {
	_, section, ok := strings.Cut(help, "\nExamples:\n")
	if !ok {
		return nil
	}
	section, _, _ = strings.Cut(section, "\n\n")
	var examples []string
	pending := ""
	for _, l := range strings.Split(section, "\n") {
		l = strings.TrimSpace(l)
		if cont, ok := strings.CutSuffix(l, "\\"); ok {
			pending += cont
			continue
		}
		if l = pending + l; l != "" {
			examples = append(examples, l)
		}
		pending = ""
	}
	return examples
}

// cmdReadme writes the Nth fenced block (from 1, any language) of a
// section of the repository's README to FILE, so that a script runs the
// README's commands as written, or compares output with what it shows:
//
//	readme Quickstart 3 quickstart.sh
//
// Two substitutions make the commands run in the script: "go run
// ./cmd/gwsync" is the gwsync under test, and "/tmp/" is $WORK/tmp/.
func cmdReadme(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: readme SECTION N FILE")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	readme, err := os.ReadFile("../../README.md")
	ts.Check(err)
	blocks := readmeBlocks(string(readme), args[0])
	if n < 1 || n > len(blocks) {
		ts.Fatalf("readme: section %q has %d fenced blocks, not %d", args[0], len(blocks), n)
	}
	text := strings.ReplaceAll(blocks[n-1], "go run ./cmd/gwsync", "gwsync")
	text = strings.ReplaceAll(text, "/tmp/", "$WORK/tmp/")
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte(text), 0o644))
}

// readmeBlocks returns the fenced blocks of the README section whose
// heading ("## " or "### ") is title, up to the next heading of any level.
func readmeBlocks(readme, title string) []string {
	var blocks []string
	in, fenced := false, false
	var block strings.Builder
	for _, l := range strings.Split(readme, "\n") {
		switch {
		case !fenced && strings.HasPrefix(l, "#"):
			in = strings.TrimSpace(strings.TrimLeft(l, "#")) == title
		case in && strings.HasPrefix(l, "```"):
			if fenced {
				blocks = append(blocks, block.String())
				block.Reset()
			}
			fenced = !fenced
		case in && fenced:
			block.WriteString(l + "\n")
		}
	}
	return blocks
}
