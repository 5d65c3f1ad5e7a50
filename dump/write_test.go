package dump_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/dump"
)

func dumpFile(name, body string) dump.File {
	return dump.File{Name: name, Data: []byte(dump.HeaderPrefix + " from test.\npackage gateway\n" + body)}
}

func TestWriteReplacesItsOwnFilesOnly(t *testing.T) {
	dir := t.TempDir()
	if _, err := dump.Write(dir, []dump.File{dumpFile("gateway.cue", ""), dumpFile("api-old.cue", "")}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths, err := dump.Write(dir, []dump.File{dumpFile("gateway.cue", "x: 1\n")})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || filepath.Base(paths[0]) != "gateway.cue" {
		t.Errorf("wrote %v", paths)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "README.md gateway.cue" {
		t.Errorf("the directory holds %s: the stale api-old.cue should be gone, README.md kept", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "gateway.cue")); !strings.Contains(string(b), "x: 1") {
		t.Errorf("gateway.cue not replaced: %s", b)
	}
	// Policy configs may hold secrets: the owner alone reads the files,
	// as with a saved plan.
	if fi, err := os.Stat(paths[0]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v (%v), want 0600", paths[0], fi.Mode().Perm(), err)
	}
}

func TestWriteRefusesForeignFiles(t *testing.T) {
	for _, name := range []string{"gateway.cue", "extra.cue", "values.yaml", "state.json"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			foreign := filepath.Join(dir, name)
			if err := os.WriteFile(foreign, []byte("package gateway\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := dump.Write(dir, []dump.File{dumpFile("gateway.cue", "")})
			if err == nil || !strings.Contains(err.Error(), name+", which gwsync dump did not write") {
				t.Fatalf("err = %v, want a refusal naming %s", err, name)
			}
			if b, _ := os.ReadFile(foreign); string(b) != "package gateway\n" {
				t.Errorf("%s was changed", name)
			}
		})
	}
}
