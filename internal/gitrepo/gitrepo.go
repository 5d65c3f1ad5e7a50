// Package gitrepo reads a Git repository through the git executable, as
// CI has it: the commit a name means, the files two commits differ in, and
// the tree of a commit as an fs.FS. It never writes to the repository.
package gitrepo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Errors a caller tells apart: mistakes in how it was asked rather than
// failures of git.
var (
	// ErrNotRepo: the directory is not in a Git working tree.
	ErrNotRepo = errors.New("not in a Git working tree")
	// ErrNoCommit: a name that names no commit.
	ErrNoCommit = errors.New("names no commit")
	// ErrNoMergeBase: two commits that share no history (or whose shared
	// history a shallow clone does not hold).
	ErrNoMergeBase = errors.New("no common ancestor")
)

// Repo is a Git working tree.
type Repo struct {
	// Top is the working tree's top directory, as git prints it.
	Top string
	ctx context.Context
}

// Open finds the working tree dir is in, and the path of dir in it
// (slash-separated, "." for the top).
func Open(ctx context.Context, dir string) (r *Repo, prefix string, err error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, "", fmt.Errorf("git is not installed (or not on PATH): %w", err)
	}
	out, err := run(ctx, dir, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		// git says why: no repository, or one it does not trust (owned by
		// another user), ...
		return nil, "", fmt.Errorf("%w (%v)", ErrNotRepo, err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) < 1 || lines[0] == "" {
		return nil, "", ErrNotRepo
	}
	prefix = "."
	if len(lines) > 1 && lines[1] != "" {
		prefix = strings.TrimSuffix(lines[1], "/")
	}
	return &Repo{Top: lines[0], ctx: ctx}, prefix, nil
}

// Commit is the full ID of the commit name means (a branch, a tag, an ID,
// origin/main, HEAD~2, ...).
func (r *Repo) Commit(name string) (string, error) {
	if name == "" || strings.HasPrefix(name, "-") {
		return "", fmt.Errorf("%q %w", name, ErrNoCommit)
	}
	out, err := r.git("rev-parse", "--verify", "--quiet", "--end-of-options", name+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%q %w in %s", name, ErrNoCommit, r.Top)
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase is the best common ancestor of two commits, where a pull
// request's changes start from (what git diff A...B compares with B).
func (r *Repo) MergeBase(a, b string) (string, error) {
	out, err := r.git("merge-base", a, b)
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		return "", ErrNoMergeBase
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Change is a file two commits differ in.
type Change struct {
	// Status is git's letter: A added, D deleted, M modified, T type
	// changed (renames are a deletion and an addition).
	Status byte
	// Path is slash-separated, from the top of the working tree.
	Path string
}

// Diff lists the files that differ between two commits.
func (r *Repo) Diff(from, to string) ([]Change, error) {
	out, err := r.git("diff", "--name-status", "--no-renames", "-z", "--no-ext-diff", from, to, "--")
	if err != nil {
		return nil, err
	}
	fields := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	var changes []Change
	for i := 0; i+1 < len(fields); i += 2 {
		if fields[i] != "" {
			changes = append(changes, Change{Status: fields[i][0], Path: fields[i+1]})
		}
	}
	return changes, nil
}

// git runs git at the top of the working tree and returns its stdout.
func (r *Repo) git(args ...string) ([]byte, error) {
	return run(r.ctx, r.Top, args...)
}

// run runs git in dir, with the user's configuration for diffs and paths
// set aside, and returns its stdout; an error carries git's stderr.
func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	full := append([]string{"-C", dir, "-c", "core.quotePath=false", "-c", "diff.relative=false", "--no-pager"}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, &gitError{command: args[0], stderr: strings.TrimSpace(stderr.String()), err: err}
	}
	return out, nil
}

// gitError is a git command that failed: what git said, else how it
// ended.
type gitError struct {
	command, stderr string
	err             error
}

func (e *gitError) Error() string {
	if e.stderr != "" {
		line, _, _ := strings.Cut(e.stderr, "\n")
		return "git " + e.command + ": " + line
	}
	return "git " + e.command + ": " + e.err.Error()
}

func (e *gitError) Unwrap() error { return e.err }
