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

	"github.com/gwsync/gwsync/internal/gitrepo/gittest"
)

func TestRepo(t *testing.T) {
	tr := gittest.New(t)
	tr.Commit(map[string]string{"a/one.cue": "one\n", "a/b/two.json": "{}\n", "old name.txt": "x\n"})
	tr.Git("checkout", "-q", "-b", "topic")
	tr.Commit(map[string]string{"a/one.cue": "one changed\n", "new name.txt": "x\n", "old name.txt": "", "c/three.yaml": "y: 1\n"})
	tr.Git("checkout", "-q", "main")
	tr.Commit(map[string]string{"main-only.txt": "m\n"})
	tr.Git("checkout", "-q", "topic")

	repo, prefix, err := Open(context.Background(), filepath.Join(tr.Dir, "a", "b"))
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
	tr := gittest.New(t)
	tr.Commit(map[string]string{"a.txt": "a\n"})
	tr.Git("checkout", "-q", "--orphan", "other")
	tr.Commit(map[string]string{"b.txt": "b\n"})
	repo, _, err := Open(context.Background(), tr.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.MergeBase("main", "other"); !errors.Is(err, ErrNoMergeBase) {
		t.Errorf("MergeBase of unrelated histories: %v, want ErrNoMergeBase", err)
	}
}
