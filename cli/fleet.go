package cli

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
)

// A fleet is every gateway under a root, named by the PATH ROOT/... (Go's
// pattern): each gateway directory is its own desired state, compiled,
// read, planned and applied on its own, several at once. A fleet run
// streams: a gateway's model, live state and plan are dropped when it
// finishes, its output is held until the gateways before it are printed,
// and only a row of its outcome is kept for the summary.

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

// fleet is the gateway directories under a root, sorted, with the
// gateway each names.
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
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// path is directory i as output names it.
func (f *fleet) path(i int) string { return filepath.ToSlash(f.dirs[i]) }

// name names the gateway an identity reads, or "" when it is not known.
func (id fleetID) name() string {
	switch {
	case !id.ok:
		return ""
	case id.Provider == "local":
		return "local gateway"
	case id.Local:
		return "local huawei instance"
	case id.Provider == "huawei":
		return "huawei instance " + id.ID
	}
	return strings.TrimSpace(id.Provider + " gateway " + id.ID)
}

// gatewayOutcome is what one gateway's run tells the fleet about it.
type gatewayOutcome struct {
	// name is the gateway ("local gateway gw-1", "aliyun gateway gw-1
	// (cn-hangzhou)"); "" when the run did not reach it.
	name string
	// changes counts the changes planned or applied, or the drift found.
	changes int
	// findings are validate's, for a fleet's SARIF log.
	findings []diag.Finding
}

// fleetCommand is what a command brings to a fleet run.
type fleetCommand struct {
	// name is the command, for messages ("plan").
	name  string
	words fleetWords
	// one runs the command on one gateway directory, with sub's streams.
	one func(ctx context.Context, sub *app, dir string) (gatewayOutcome, error)
	// failedJSON writes the command's JSON object for a gateway whose
	// run wrote none (it stopped before its report), with the findings
	// that stopped it.
	failedJSON func(w *bytes.Buffer, fs []diag.Finding) error
}

// fleetWords are how a command's summary names its outcomes.
type fleetWords struct{ changed, unchanged string }

var (
	validateWords = fleetWords{"", "valid"}
	planWords     = fleetWords{"with changes", "unchanged"}
	driftWords    = fleetWords{"drifted", "in sync"}
	applyWords    = fleetWords{"changed", "unchanged"}
)

// gatewayStatus is a gateway's outcome in a fleet run.
type gatewayStatus int

const (
	statusUnchanged gatewayStatus = iota
	statusChanged
	statusFailed
	// statusHeld: planned and shown, waiting for the fleet's one
	// confirmation (apply, drift --reconcile).
	statusHeld
)

// word names a status in the command's words.
func (w fleetWords) word(s gatewayStatus) string {
	switch s {
	case statusChanged:
		return w.changed
	case statusFailed:
		return "failed"
	case statusHeld:
		return "waiting for confirmation"
	}
	return w.unchanged
}

// errHeld ends a gateway's run, in a fleet that asks once for all of
// them, when its plan has been shown and would be applied.
var errHeld = errors.New("held for the fleet's confirmation")

// gatewayRun is one gateway's run: its output, held until the gateways
// before it are printed, and its outcome.
type gatewayRun struct {
	outcome gatewayOutcome
	code    int
	status  gatewayStatus
	// errText is an error not reported in the command's own output.
	errText string
	// stopped are the findings that stopped the run before the
	// command's report (its desired state has errors).
	stopped          []diag.Finding
	out, raw, errOut lockedBuffer
}

// lockedBuffer is a buffer several goroutines of one gateway's run may
// write to (apply's progress and lease renewal).
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// fleetRow is what is kept of a gateway once its output is printed.
type fleetRow struct {
	path, gateway string
	changes       int
	status        gatewayStatus
	code          int
}

// runFleet runs cmd on the gateways idx of f, at most parallelism at once
// and at most fleetAhead times that many ahead of the printing, and
// prints each through view in order. It returns a row for each.
func (a *app) runFleet(ctx context.Context, f *fleet, idx []int, parallelism int, cmd fleetCommand, view fleetView) []fleetRow {
	done := make([]chan *gatewayRun, len(idx))
	for i := range done {
		done[i] = make(chan *gatewayRun, 1)
	}
	running := make(chan struct{}, parallelism)
	ahead := make(chan struct{}, fleetAhead*parallelism)
	go func() {
		for i, k := range idx {
			ahead <- struct{}{}
			running <- struct{}{}
			go func() {
				defer func() { <-running }()
				done[i] <- a.runGateway(ctx, f, k, cmd)
			}()
		}
	}()
	rows := make([]fleetRow, len(idx))
	for i, k := range idx {
		r := <-done[i]
		rows[i] = fleetRow{path: f.path(k), gateway: r.outcome.name, changes: r.outcome.changes, status: r.status, code: r.code}
		view.gateway(a, r, rows[i])
		<-ahead
	}
	return rows
}

// fleetAhead bounds, in multiples of the parallelism, how many gateways
// may have finished and wait to be printed: their output is held.
const fleetAhead = 4

// runGateway runs cmd on gateway k of f with streams of its own.
func (a *app) runGateway(ctx context.Context, f *fleet, k int, cmd fleetCommand) *gatewayRun {
	r := &gatewayRun{}
	sub := &app{stdin: a.stdin, stdout: &r.out, stderr: &r.errOut, rawStdout: &r.raw}
	if ctx.Err() != nil {
		r.errText = "not run: interrupted"
	} else {
		var err error
		r.outcome, err = cmd.one(ctx, sub, f.dirs[k])
		r.stopped = findingsOf(err)
		r.code, r.errText = gatewayCode(err)
		r.status = statusOf(err, r.code, r.outcome)
	}
	if r.errText != "" {
		r.code, r.status = ExitError, statusFailed
		fmt.Fprintf(&r.errOut, "gwsync: %s: %s\n", f.path(k), r.errText)
	}
	r.outcome.name = cmp.Or(r.outcome.name, f.ids[k].name())
	return r
}

// gatewayCode is a gateway run's exit code, and its error's text when
// it was not reported yet.
func gatewayCode(err error) (int, string) {
	var ee exitError
	switch {
	case err == nil, errors.Is(err, errHeld):
		return ExitOK, ""
	case errors.As(err, &ee):
		return ee.code, ""
	}
	return ExitError, err.Error()
}

// statusOf is a gateway's status from its run's error and exit code.
func statusOf(err error, code int, out gatewayOutcome) gatewayStatus {
	switch {
	case errors.Is(err, errHeld):
		return statusHeld
	case code == ExitError || code == ExitUsage:
		return statusFailed
	case out.changes > 0:
		return statusChanged
	}
	return statusUnchanged
}

// findingsOf are the findings that stopped a run, if it was stopped by
// its desired state's errors.
func findingsOf(err error) []diag.Finding {
	var inv invalidError
	if errors.As(err, &inv) {
		return inv.findings
	}
	return nil
}

// fleetSummary counts a fleet run's gateways by outcome.
type fleetSummary struct {
	Gateways  int `json:"gateways"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
}

func summarize(rows []fleetRow) fleetSummary {
	s := fleetSummary{Gateways: len(rows)}
	for _, r := range rows {
		switch r.status {
		case statusChanged:
			s.Changed++
		case statusFailed:
			s.Failed++
		default:
			s.Unchanged++
		}
	}
	return s
}

// sentence is the fleet's summary line:
// "Fleet: 3 gateways: 1 with changes, 2 unchanged, 0 failed."
func (s fleetSummary) sentence(w fleetWords) string {
	var parts []string
	if w.changed != "" {
		parts = append(parts, fmt.Sprintf("%d %s", s.Changed, w.changed))
	}
	parts = append(parts, fmt.Sprintf("%d %s", s.Unchanged, w.unchanged), fmt.Sprintf("%d failed", s.Failed))
	return fmt.Sprintf("Fleet: %s: %s.", count(s.Gateways, "gateway", "gateways"), strings.Join(parts, ", "))
}

// count is "1 gateway", "3 gateways".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// fleetExit combines the gateways' exit codes: 1 if any failed, else 2
// if any has changes or drift (where the command says so), else 0.
func fleetExit(rows []fleetRow) error {
	code := ExitOK
	for _, r := range rows {
		switch r.code {
		case ExitError, ExitUsage:
			return exitError{ExitError}
		case ExitChanges:
			code = ExitChanges
		}
	}
	if code != ExitOK {
		return exitError{code}
	}
	return nil
}

// all is the indexes of every gateway of f.
func (f *fleet) all() []int {
	idx := make([]int, len(f.dirs))
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// stepSummary adds a fleet run's table to the GitHub Actions job summary
// when $GITHUB_STEP_SUMMARY names its file.
func (a *app) stepSummary(title string, words fleetWords, rows []fleetRow) error {
	file := os.Getenv("GITHUB_STEP_SUMMARY")
	if file == "" {
		return nil
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	err = writeStepSummary(f, title, words, rows)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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
