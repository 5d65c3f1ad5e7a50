// Package affected decides which gateways of a repository the commits
// since a base affect (gwsync changed): a gateway is affected when a file
// it is built from (compiler.GatewaySources) differs between the commit
// its changes start from and the one they end at, read in either commit,
// and a gateway directory of the first commit that is none in the last is
// reported as deleted. It reads the repository through git and knows no
// CUE: the compiler says what a gateway reads.
package affected

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/gitrepo"
)

// Gateway is a gateway directory the changes affect.
type Gateway struct {
	// Dir is the directory, a slash path from the top of the working tree.
	Dir string
	// Deleted: the directory held a gateway where the changes start and
	// holds none where they end (removed, moved, or its gateway field
	// gone); the resources it made are still on the gateway.
	Deleted bool
}

// Result is what Find found.
type Result struct {
	// Affected are the affected gateways, sorted by directory.
	Affected []Gateway
	// Gateways counts the gateways under the root where the changes end.
	Gateways int
}

// Range is the changes to look at: those from the merge base of Base and
// Head to Head, as git diff Base...Head shows them (and GitHub shows a
// pull request's), under Root.
type Range struct {
	Repo *gitrepo.Repo
	// Base and Head are commit IDs.
	Base, Head string
	// Root is a slash path from the top of the working tree ("." for the
	// top).
	Root string
}

// Changes are the changes of a range, read from the repository.
type Changes struct {
	r Range
	// from is the merge base, where the changes start.
	from       string
	changes    []gitrepo.Change
	head, base *gitrepo.Tree
}

// Open reads a range's merge base, the files changed since, and the
// trees of both ends. Close the Changes when done.
func Open(r Range) (*Changes, error) {
	c := &Changes{r: r}
	var err error
	if c.from, err = r.Repo.MergeBase(r.Base, r.Head); err != nil {
		return nil, err
	}
	if c.changes, err = r.Repo.Diff(c.from, r.Head); err != nil {
		return nil, err
	}
	if c.head, err = r.Repo.Tree(r.Head); err != nil {
		return nil, err
	}
	if c.base, err = r.Repo.Tree(c.from); err != nil {
		c.head.Close()
		return nil, err
	}
	return c, nil
}

// Close stops the git processes reading files.
func (c *Changes) Close() error {
	return errors.Join(c.head.Close(), c.base.Close())
}

// Gateways lists the gateways under the root that the changes affect.
func (c *Changes) Gateways() (Result, error) {
	now, err := compiler.GatewayDirsFS(c.head, c.r.Root)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Result{}, err
	}
	res := Result{Gateways: len(now)}
	if len(c.changes) == 0 {
		return res, nil
	}
	res.Affected = append(c.touched(now), c.deleted(now)...)
	slices.SortFunc(res.Affected, func(a, b Gateway) int { return cmp.Compare(a.Dir, b.Dir) })
	return res, nil
}

// touched lists the gateways of dirs that read a changed file in the
// head tree or in the base one (where a file deleted, or no longer
// imported, was read).
func (c *Changes) touched(dirs []string) []Gateway {
	var out []Gateway
	inHead := compiler.GatewaySources(c.head, dirs)
	inBase := sync.OnceValue(func() map[string]compiler.Sources { return compiler.GatewaySources(c.base, dirs) })
	for _, d := range dirs {
		if c.readsAny(inHead[d]) || c.readsAny(inBase()[d]) {
			out = append(out, Gateway{Dir: d})
		}
	}
	return out
}

func (c *Changes) readsAny(s compiler.Sources) bool {
	return slices.ContainsFunc(c.changes, func(ch gitrepo.Change) bool { return s.Reads(ch.Path) })
}

// deleted lists the directories under the root that held a gateway in
// the base tree and hold none now. Only a directory in which a file
// changed can have stopped being one.
func (c *Changes) deleted(now []string) []Gateway {
	var out []Gateway
	seen := map[string]bool{}
	for _, ch := range c.changes {
		dir := path.Dir(ch.Path)
		if seen[dir] || slices.Contains(now, dir) {
			continue
		}
		seen[dir] = true
		if compiler.IsGatewayDir(c.base, c.r.Root, dir) {
			out = append(out, Gateway{Dir: dir, Deleted: true})
		}
	}
	return out
}

// Identify reads the identity of a gateway Gateways reported: a present
// gateway's from the working tree (the checked-out files, which a plan of
// it reads), a deleted one's from the tree its changes start from.
func (c *Changes) Identify(g Gateway) (compiler.Identity, error) {
	if !g.Deleted {
		return compiler.GatewayIdentity(filepath.Join(c.r.Repo.Top, filepath.FromSlash(g.Dir)))
	}
	tmp, err := os.MkdirTemp("", "gwsync-deleted-")
	if err != nil {
		return compiler.Identity{}, err
	}
	defer os.RemoveAll(tmp)
	if err := extract(c.base, compiler.GatewaySources(c.base, []string{g.Dir})[g.Dir], tmp); err != nil {
		return compiler.Identity{}, fmt.Errorf("reading %s at %.12s: %w", g.Dir, c.from, err)
	}
	return compiler.GatewayIdentity(filepath.Join(tmp, filepath.FromSlash(g.Dir)))
}

// extract writes the files of a gateway's sources from a tree under dir,
// at their paths in the tree.
func extract(t *gitrepo.Tree, s compiler.Sources, dir string) error {
	for _, f := range s.Files {
		data, err := t.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue // an embedded file that is not there
		}
		if err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
