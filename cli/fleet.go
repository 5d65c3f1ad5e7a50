package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/provider"
)

// fleetHelp is what the commands that take ROOT/... say of it.
const fleetHelp = `A PATH of the form ROOT/... (Go's pattern) means every gateway under ROOT: each
directory whose desired state has a gateway block, each its own desired state, handled
--fleet-parallelism at a time, with a section per gateway and a summary line; the exit
status combines theirs (1 if any failed, else 2 if any has changes or drift).
`

// defaultFleetParallelism is how many gateways a fleet run handles at
// once unless --fleet-parallelism says.
const defaultFleetParallelism = 4

// maxFleetParallelism bounds --fleet-parallelism.
const maxFleetParallelism = 64

// fleetArgs are the flags of the commands that take ROOT/....
type fleetArgs struct {
	parallelism int
}

func (f *fleetArgs) register(cmd *cobra.Command) {
	cmd.Flags().IntVar(&f.parallelism, "fleet-parallelism", defaultFleetParallelism, "with ROOT/...: most gateways handled at once")
}

func (f fleetArgs) check() error {
	if f.parallelism < 1 || f.parallelism > maxFleetParallelism {
		return usagef("--fleet-parallelism must be from 1 to %d, got %d", maxFleetParallelism, f.parallelism)
	}
	return nil
}

// fleetRoot reads the PATHs as a fleet: the root of a ROOT/... pattern
// given alone. ok is false for PATHs that make one desired state; a
// pattern among other PATHs is a usage error.
func fleetRoot(paths []string) (root string, ok bool, err error) {
	for i, p := range paths {
		r, isFleet := compiler.FleetPattern(p)
		if !isFleet {
			continue
		}
		if len(paths) > 1 {
			others := append(append([]string{}, paths[:i]...), paths[i+1:]...)
			return "", false, usagef("%s means every gateway under %s, each its own desired state: give it alone, not with other PATHs (%s)", p, r, strings.Join(others, " "))
		}
		return r, true, nil
	}
	return "", false, nil
}

// fleet is every gateway under a root, named by the PATH ROOT/... (Go's
// pattern): the gateway directories, sorted, with the gateway each names.
// Each is its own desired state, compiled, read, planned and applied on
// its own, several at once (runFleet).
type fleet struct {
	dirs []string
	ids  []fleetID
}

// fleetID is the gateway a directory names; ok is false when its gateway
// block could not be read (compiling it says why).
type fleetID struct {
	compiler.Identity
	ok bool
}

// findFleet lists the gateways under root and refuses two directories
// that name one gateway, before anything runs.
func findFleet(root string, f fleetArgs) (*fleet, error) {
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s/...: %s is not a directory", filepath.ToSlash(root), filepath.ToSlash(root))
	}
	dirs, err := compiler.GatewayDirs(root)
	if err != nil {
		return nil, fmt.Errorf("%s/...: %w", filepath.ToSlash(root), err)
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("no gateway under %s: no directory there holds a desired state with a gateway block", filepath.ToSlash(root))
	}
	fl := &fleet{dirs: dirs, ids: identify(dirs, f.parallelism)}
	return fl, fl.duplicates()
}

// identify reads the gateway each directory names, parallelism at once.
func identify(dirs []string, parallelism int) []fleetID {
	ids := make([]fleetID, len(dirs))
	var g errgroup.Group
	g.SetLimit(parallelism)
	for i, dir := range dirs {
		g.Go(func() error {
			ids[i].Identity, ids[i].ok = compiler.Identify(dir)
			return nil
		})
	}
	_ = g.Wait()
	return ids
}

// duplicates refuses two directories that name one gateway (provider and
// ID). Embedded gateways keep their state beside their directory, so
// they never collide.
func (f *fleet) duplicates() error {
	var keys []compiler.Identity
	dirs := map[compiler.Identity][]string{}
	for i, id := range f.ids {
		if !id.ok || id.Local || id.ID == "" {
			continue
		}
		key := compiler.Identity{Provider: id.Provider, ID: id.ID}
		if len(dirs[key]) == 0 {
			keys = append(keys, key)
		}
		dirs[key] = append(dirs[key], f.path(i))
	}
	var dups []string
	for _, key := range keys {
		if ds := dirs[key]; len(ds) > 1 {
			dups = append(dups, fmt.Sprintf("%s name one gateway, %s", andList(ds), fleetID{key, true}.name()))
		}
	}
	if len(dups) == 0 {
		return nil
	}
	return fmt.Errorf("%s\n  a gateway is planned and applied from one directory: give each its own gateway.id, or merge them into one desired state; nothing was run", strings.Join(dups, "\n  "))
}

// andList is "a and b", "a, b and c".
func andList(items []string) string { return series(items, " and ") }

// orList is "a or b", "a, b or c".
func orList(items []string) string { return series(items, " or ") }

// path is directory i as output names it.
func (f *fleet) path(i int) string { return filepath.ToSlash(f.dirs[i]) }

// name names the gateway an identity reads, as its kind does, or "" when
// it is not known.
func (id fleetID) name() string {
	if !id.ok {
		return ""
	}
	if c, ok := provider.Lookup(id.Provider); ok {
		return c.GatewayName(model.Gateway{Provider: id.Provider, ID: id.ID, Local: id.Local})
	}
	return strings.TrimSpace(id.Provider + " gateway " + id.ID)
}

// all is the indexes of every gateway of f.
func (f *fleet) all() []int {
	idx := make([]int, len(f.dirs))
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// fleetUsage checks the flags of a run over a fleet.
func fleetUsage(f fleetArgs, t targetArgs) error {
	if err := f.check(); err != nil {
		return err
	}
	if t.stateDir != "" {
		return usagef("--state-dir names one local gateway's state, and a fleet's local gateways each keep theirs beside their directory (.gwsync): leave --state-dir out with ROOT/...")
	}
	return nil
}

// fleetDone runs cmd on every gateway of f and ends the run (fleetEnd).
func (a *app) fleetDone(ctx context.Context, f *fleet, fa fleetArgs, cmd fleetCommand, view fleetView, title string) error {
	rows := a.runFleet(ctx, f, f.all(), fa.parallelism, cmd, view)
	return a.fleetEnd(rows, cmd.words, view, title)
}

// fleetEnd prints the summary, adds the job summary when title names one
// (plan and drift), and combines the gateways' exit codes.
func (a *app) fleetEnd(rows []fleetRow, words fleetWords, view fleetView, title string) error {
	if err := view.end(a, summarize(rows), words); err != nil {
		return err
	}
	if title != "" {
		if err := a.stepSummary(title, words, rows); err != nil {
			return err
		}
	}
	return fleetExit(rows)
}
