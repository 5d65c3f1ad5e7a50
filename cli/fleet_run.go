package cli

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/gwsync/gwsync/diag"
)

// gatewayOutcome is what one gateway's run tells the fleet about it.
type gatewayOutcome struct {
	// name is the gateway as its kind names it ("local gateway gw-1", or
	// the kind, gateway.id and region); "" when the run did not reach it.
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

// runFleet runs cmd on the gateways idx of f, at most parallelism at
// once and at most fleetAhead times that many ahead of the printing, and
// prints each through view in order. It streams: a gateway's model, live
// state and plan are dropped when it finishes, its output is held until
// the gateways before it are printed, and only its row, returned, is
// kept for the summary.
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
