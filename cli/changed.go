package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/affected"
	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/gitrepo"
	"github.com/gwsync/gwsync/report"
)

// changedArgs are the flags of gwsync changed.
type changedArgs struct {
	base   string
	all    bool
	format string
}

func (a *app) changedCommand() *cobra.Command {
	var args changedArgs
	cmd := &cobra.Command{
		Use:   "changed (--base REF | --all) [ROOT]",
		Short: "List the gateways under ROOT that the commits since REF affect (a GitHub Actions matrix with --format json)",
		Long: `Changed lists, one a line and sorted, the gateway directories under ROOT (default
".") that the commits since REF affect, as git diff REF...HEAD shows them: the
changes from where HEAD's history meets REF's (their merge base) to HEAD, which is
what GitHub shows of a pull request. Uncommitted changes do not count.

A gateway is affected by a change to a file it is built from, in HEAD or in the
merge base: a desired-state file in its directory (not a file whose name starts
with ".", nor one of another kind such as README.md), its CUE module's cue.mod,
a CUE package it imports (transitively: MODULE/x/y is the directory x/y of the
module, other paths are looked for under cue.mod/gen, pkg and usr), a file one of
these embeds (@embed). A directory that held a gateway at the merge base and holds
none at HEAD is listed as deleted: the resources it made are still on the gateway.

--format json prints a GitHub Actions matrix on one line:
  {"include": [{"path": ..., "gateway": ..., "provider": ..., "deleted": false}]}
gateway is gateway.id, read from the checked-out files (from the merge base for a
deleted gateway), or the path when there is none. No affected gateway is
{"include": []}, which GitHub refuses as a matrix: guard the matrix job with an if:.

--all lists every gateway under ROOT instead (no Git needed), e.g. for a scheduled
drift check over the fleet.

Exit status: 0 success (whether or not a gateway is affected), 1 error (ROOT holds
no gateway), 3 bad usage (not in a Git working tree, or a REF that names no commit).`,
		Example: `  gwsync changed --base HEAD~1
  gwsync changed --base HEAD~1 --format json
  gwsync changed --all --format json examples`,
		Args: maxOneRoot,
		RunE: func(cmd *cobra.Command, roots []string) error {
			return a.runChanged(roots, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&args.base, "base", "", "list the gateways that the commits from REF's merge base with HEAD to HEAD affect (a branch, tag or commit, e.g. origin/main)")
	f.BoolVar(&args.all, "all", false, "list every gateway under ROOT, changed or not")
	f.StringVar(&args.format, "format", "text", "output format: "+strings.Join(report.ChangedFormats(), ", "))
	return cmd
}

// maxOneRoot refuses more than one ROOT, as a usage error.
func maxOneRoot(cmd *cobra.Command, args []string) error {
	if len(args) > 1 {
		return usagef("%s takes one ROOT, got %d arguments", cmd.CommandPath(), len(args))
	}
	return nil
}

func (a *app) runChanged(roots []string, args changedArgs) error {
	write, err := report.ForChanged(args.format)
	if err != nil {
		return usageError{err: err}
	}
	switch {
	case args.base != "" && args.all:
		return usagef("--base and --all do not go together: --base lists the gateways the commits since REF affect, --all every gateway")
	case args.base == "" && !args.all:
		return usagef("gwsync changed needs --base REF (the gateways the commits since REF affect, e.g. --base origin/main) or --all (every gateway)")
	}
	root := "."
	if len(roots) == 1 {
		root = roots[0]
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return usagef("ROOT %s is not a directory", root)
	}
	var gs []report.ChangedGateway
	if args.all {
		gs, err = a.allGateways(root, args.format == "json")
	} else {
		gs, err = a.changedGateways(root, args.base, args.format == "json")
	}
	if err != nil {
		return err
	}
	return write(a.stdout, gs)
}

// allGateways lists every gateway under root (--all).
func (a *app) allGateways(root string, identify bool) ([]report.ChangedGateway, error) {
	dirs, err := compiler.GatewayDirs(root)
	if err != nil {
		return nil, err
	}
	if len(dirs) == 0 {
		return nil, noGateway(root)
	}
	gs := make([]report.ChangedGateway, len(dirs))
	for i, d := range dirs {
		gs[i].Path = filepath.ToSlash(filepath.Clean(d))
	}
	if identify {
		a.identify(gs, func(i int) (compiler.Identity, error) { return compiler.GatewayIdentity(dirs[i]) })
	}
	return gs, nil
}

// changedGateways lists the gateways under root the commits since base
// affect (--base).
func (a *app) changedGateways(root, base string, identify bool) ([]report.ChangedGateway, error) {
	ctx, stop := signalContext()
	defer stop()
	repo, prefix, err := gitrepo.Open(ctx, root)
	if errors.Is(err, gitrepo.ErrNotRepo) {
		return nil, usagef("%s: %v; gwsync changed --base compares commits: run it in a clone (or list every gateway with --all)", root, err)
	}
	if err != nil {
		return nil, err
	}
	r := affected.Range{Repo: repo, Root: prefix}
	if r.Base, err = repo.Commit(base); err != nil {
		return nil, usagef("--base %q names no commit of this repository; in a shallow clone fetch it first (actions/checkout: fetch-depth: 0)", base)
	}
	if r.Head, err = repo.Commit("HEAD"); err != nil {
		return nil, usagef("HEAD names no commit: the repository has no commits yet")
	}
	ch, err := affected.Open(r)
	if errors.Is(err, gitrepo.ErrNoMergeBase) {
		return nil, usagef("--base %q and HEAD share no history; in a shallow clone fetch all of it (actions/checkout: fetch-depth: 0)", base)
	}
	if err != nil {
		return nil, err
	}
	defer ch.Close()
	res, err := ch.Gateways()
	if err != nil {
		return nil, err
	}
	if res.Gateways == 0 && len(res.Affected) == 0 {
		return nil, noGateway(root)
	}
	gs := make([]report.ChangedGateway, len(res.Affected))
	for i, g := range res.Affected {
		gs[i] = report.ChangedGateway{Path: pathUnder(root, prefix, g.Dir), Deleted: g.Deleted}
	}
	if identify {
		a.identify(gs, func(i int) (compiler.Identity, error) { return ch.Identify(res.Affected[i]) })
	}
	return gs, nil
}

func noGateway(root string) error {
	return fmt.Errorf("%s holds no gateway (no directory under it whose desired state declares a top-level gateway field)", root)
}

// pathUnder is the path of dir (a slash path from the top of the working
// tree) as the user wrote root (whose path from the top is prefix).
func pathUnder(root, prefix, dir string) string {
	rel := dir
	switch {
	case dir == prefix:
		rel = "."
	case prefix != ".":
		rel = strings.TrimPrefix(dir, prefix+"/")
	}
	return filepath.ToSlash(filepath.Join(root, filepath.FromSlash(rel)))
}

// identify fills in each gateway's ID and provider, on every core. A
// gateway whose gateway block cannot be read is named by its path, with a
// note: its plan says what is wrong.
func (a *app) identify(gs []report.ChangedGateway, read func(i int) (compiler.Identity, error)) {
	errs := make([]error, len(gs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range gs {
		g.Go(func() error {
			id, err := read(i)
			gs[i].Gateway, gs[i].Provider, errs[i] = id.ID, id.Provider, err
			if gs[i].Gateway == "" {
				gs[i].Gateway = gs[i].Path
			}
			return nil
		})
	}
	_ = g.Wait()
	for i, err := range errs {
		if err != nil {
			fmt.Fprintf(a.stderr, "gwsync: note: %s: cannot read its gateway block (%v); its gateway is named by its path\n", gs[i].Path, err)
		}
	}
}
