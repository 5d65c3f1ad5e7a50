// Package gittest makes Git repositories for tests: a working tree in a
// temporary directory, git's identity and configuration set for the test
// alone, and commits of files.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Repo is a test's repository.
type Repo struct {
	t   testing.TB
	Dir string
}

// New makes a repository on branch main; it skips the test when git is
// not installed.
func New(t testing.TB) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "gwsync", "GIT_AUTHOR_EMAIL": "gwsync@example.com",
		"GIT_COMMITTER_NAME": "gwsync", "GIT_COMMITTER_EMAIL": "gwsync@example.com",
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1"} {
		t.Setenv(k, v)
	}
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git("init", "-q", "-b", "main")
	return r
}

// Git runs git in the repository and returns what it printed.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	out, err := exec.Command("git", append([]string{"-C", r.Dir}, args...)...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// Commit writes files (slash paths; an empty content removes the file)
// and commits everything.
func (r *Repo) Commit(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if content == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.Git("add", "-A")
	r.Git("commit", "-q", "--allow-empty", "-m", "change")
}
