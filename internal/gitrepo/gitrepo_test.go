package gitrepo

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// testRepo is a repository in a temporary directory, with git's
// identity and configuration set for the test.
type testRepo struct {
	t   *testing.T
	dir string
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for k, v := range map[string]string{"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.com",
		"GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.com", "GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1"} {
		t.Setenv(k, v)
	}
	r := &testRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	out, err := exec.Command("git", append([]string{"-C", r.dir}, args...)...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// commit writes files (empty content: remove the file) and commits all.
func (r *testRepo) commit(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
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
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", "change")
}

func TestRepo(t *testing.T) {
	tr := newTestRepo(t)
	tr.commit(map[string]string{"a/one.cue": "one\n", "a/b/two.json": "{}\n", "old name.txt": "x\n"})
	tr.git("checkout", "-q", "-b", "topic")
	tr.commit(map[string]string{"a/one.cue": "one changed\n", "new name.txt": "x\n", "old name.txt": "", "c/three.yaml": "y: 1\n"})
	tr.git("checkout", "-q", "main")
	tr.commit(map[string]string{"main-only.txt": "m\n"})
	tr.git("checkout", "-q", "topic")

	repo, prefix, err := Open(context.Background(), filepath.Join(tr.dir, "a", "b"))
	if err != nil || prefix != "a/b" {
		t.Fatalf("Open(a/b) = prefix %q, %v; want a/b", prefix, err)
	}
	head, err := repo.Commit("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	main, err := repo.Commit("main")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"nope", "--all", "", "HEAD~9"} {
		if _, err := repo.Commit(bad); !errors.Is(err, ErrNoCommit) {
			t.Errorf("Commit(%q) error %v, want ErrNoCommit", bad, err)
		}
	}

	// The changes of topic since it left main: not main's later commit.
	base, err := repo.MergeBase(main, head)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := repo.Diff(base, head)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{'M', "a/one.cue"}, {'A', "c/three.yaml"}, {'A', "new name.txt"}, {'D', "old name.txt"}}
	if !slices.Equal(changes, want) {
		t.Errorf("Diff = %q, want %q", changes, want)
	}

	tree, err := repo.Tree(head)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	if err := fstest.TestFS(tree, "a/one.cue", "a/b/two.json", "c/three.yaml", "new name.txt"); err != nil {
		t.Error(err)
	}
	if data, err := tree.ReadFile("a/one.cue"); err != nil || string(data) != "one changed\n" {
		t.Errorf("ReadFile(a/one.cue) = %q, %v", data, err)
	}
	if _, err := tree.ReadFile("old name.txt"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile of a deleted file: %v, want not exist", err)
	}
}

func TestOpenOutsideARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", os.TempDir())
	if _, _, err := Open(context.Background(), t.TempDir()); !errors.Is(err, ErrNotRepo) {
		t.Errorf("Open outside a repository: %v, want ErrNotRepo", err)
	}
}

func TestMergeBaseOfUnrelatedHistories(t *testing.T) {
	tr := newTestRepo(t)
	tr.commit(map[string]string{"a.txt": "a\n"})
	tr.git("checkout", "-q", "--orphan", "other")
	tr.commit(map[string]string{"b.txt": "b\n"})
	repo, _, err := Open(context.Background(), tr.dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.MergeBase("main", "other"); !errors.Is(err, ErrNoMergeBase) {
		t.Errorf("MergeBase of unrelated histories: %v, want ErrNoMergeBase", err)
	}
}
