// Package dumptest holds what the tests of package dump and of the
// kinds' dumps share: compiling a dump's output back, and checking what
// it left out. Its callers register the kinds (the compiler and validate
// dispatch to them).
package dumptest

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/validate"
)

// CompileBack writes files to a directory, compiles and validates them.
func CompileBack(t *testing.T, files []dump.File) (*model.Desired, []diag.Finding) {
	t.Helper()
	dir := t.TempDir()
	if _, err := dump.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	res := compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
	if res.Desired == nil {
		return nil, res.Findings
	}
	return res.Desired, diag.Sort(append(res.Findings, validate.Desired(res.Desired)...))
}

// CheckLeftOut fails t unless res left out exactly as many things as
// want names, each of want among them (by a part of LeftOut.What).
func CheckLeftOut(t *testing.T, res *dump.Result, want []string) {
	t.Helper()
	var got []string
	for _, l := range res.LeftOut {
		got = append(got, l.What)
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("left out:\n%s\nwant %s among them", all, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("left out %d things, want %d:\n%s", len(got), len(want), all)
	}
}
