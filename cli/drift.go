package cli

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/gh"
	"github.com/gwsync/gwsync/report"
	gwsync "github.com/gwsync/gwsync/sync"
)

// driftArgs are the flags of gwsync drift.
type driftArgs struct {
	format    string
	reconcile bool
	// issue keeps a GitHub issue in step with the drift; repo overrides
	// GITHUB_REPOSITORY.
	issue  bool
	repo   string
	engine engineArgs
	target targetArgs
	fleet  fleetArgs
}

func (a *app) driftCommand() *cobra.Command {
	var args driftArgs
	cmd := &cobra.Command{
		Use:   "drift [PATH...]",
		Short: "Report how the live gateway departs from the desired state; with --reconcile, put it back",
		Long: `Drift loads and validates the desired state at PATH (default "."), reads the whole live
gateway it names, and reports how the gateway departs from it, by kind:

  changed     a declared resource changed out of band, field by field (live → desired)
  deleted     a declared resource missing from the gateway (deleted out of band, or never applied)
  unmanaged   a live resource inside what this desired state manages that it does not
              declare: a route added by hand to a declared HTTP API, a policy attached by hand
  undeployed  a declared route that is no longer deployed, failed to deploy, or is
              deployed in another environment

Nothing is written to the gateway unless --reconcile is given: then the plan that puts
the desired state back is applied as gwsync apply applies it (confirmation or
--auto-approve, --parallelism, deploys polled, verified). What this desired state made
and no longer declares is deleted (unless --keep-removed); what gwsync did not make (a
route made in the console) is reported and left alone.

` + fleetHelp + `
Exit status: 0 no drift (with --reconcile: reconciled and verified), 2 drift (with
--reconcile: drift left that reconciling leaves alone), 1 error, 3 bad usage.`,
		Example: `  gwsync drift examples/orders
  gwsync drift --format markdown . > drift.md       # for a drift issue
  gwsync drift --reconcile --auto-approve .         # in CI: put the desired state back
  gwsync drift gateways/...                         # every gateway under gateways/`,
		RunE: func(cmd *cobra.Command, paths []string) error { return a.runDrift(paths, args) },
	}
	f := cmd.Flags()
	f.StringVar(&args.format, "format", "text", "output format: "+strings.Join(report.DriftFormats(), ", ")+" (--reconcile: text, json)")
	f.BoolVar(&args.reconcile, "reconcile", false, "apply the desired state back, as gwsync apply does")
	f.BoolVar(&args.issue, "issue", false, "keep one GitHub issue per gateway (label "+driftLabel+") open and up to date while there is drift, and close it when there is none (needs GITHUB_TOKEN with issues: write)")
	f.StringVar(&args.repo, "repo", "", "with --issue: the repository OWNER/NAME (default $GITHUB_REPOSITORY)")
	args.engine.register(cmd)
	args.target.register(cmd)
	args.target.registerDataplane(cmd)
	args.fleet.register(cmd)
	return cmd
}

func (args driftArgs) check(w io.Writer) error {
	if err := args.engine.check(w); err != nil {
		return err
	}
	if args.reconcile && args.format == "markdown" {
		return usagef("--reconcile reports as text or json, not markdown")
	}
	return nil
}

func (a *app) runDrift(paths []string, args driftArgs) error {
	write, err := report.ForDrift(args.format)
	if err != nil {
		return usageError{err: err}
	}
	if err := args.check(a.stderr); err != nil {
		return err
	}
	root, isFleet, err := fleetRoot(paths)
	if err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	args.target.readOnly = !args.reconcile
	if isFleet {
		return a.driftFleet(ctx, stop, root, args, write)
	}
	_, err = a.driftOne(ctx, stop, paths, args, write)
	return err
}

// driftOne reports one desired state's drift, and with --reconcile puts
// the desired state back.
func (a *app) driftOne(ctx context.Context, stop context.CancelFunc, paths []string, args driftArgs, write report.DriftWriter) (gatewayOutcome, error) {
	p, err := a.makePlan(ctx, paths, args.engine.removal.prune(), args.target)
	if err != nil {
		return gatewayOutcome{}, err
	}
	defer p.target.close()
	if args.reconcile {
		p.preflight()
	}
	found := driftView(p)
	out := gatewayOutcome{name: p.target.name, changes: len(found.Items)}
	if !args.reconcile {
		if err := write(a.stdout, found); err != nil {
			return out, err
		}
		return out, a.driftDone(ctx, p, found, driftExit(found), args)
	}
	return out, a.reconcile(ctx, stop, p, found, args)
}

// driftFleet reports the drift of every gateway under root, each on its
// own, and with --reconcile puts them back (engineFleet).
func (a *app) driftFleet(ctx context.Context, stop context.CancelFunc, root string, args driftArgs, write report.DriftWriter) error {
	if err := fleetUsage(args.fleet, args.target); err != nil {
		return err
	}
	cmd := fleetCommand{name: "drift", words: driftWords,
		failedJSON: func(w *bytes.Buffer, fs []diag.Finding) error {
			return report.DriftJSON(w, report.DriftView{Findings: fs})
		},
	}
	run := func(ctx context.Context, sub *app, dir string, e engineArgs) (gatewayOutcome, error) {
		one := args
		one.engine = e
		return sub.driftOne(ctx, stop, []string{dir}, one, write)
	}
	if args.reconcile {
		cmd.name, cmd.words = "drift --reconcile", reconcileWords
		return a.engineFleet(ctx, root, engineRun{fleet: args.fleet, engine: args.engine, format: args.format, cmd: cmd, run: run, title: "gwsync drift --reconcile"})
	}
	f, err := findFleet(root, args.fleet)
	if err != nil {
		return err
	}
	cmd.one = func(ctx context.Context, sub *app, dir string) (gatewayOutcome, error) {
		return run(ctx, sub, dir, args.engine)
	}
	return a.fleetDone(ctx, f, args.fleet, cmd, newFleetView(args.format, cmd), "gwsync drift")
}

// reconcileWords are drift --reconcile's words for a fleet's summary.
var reconcileWords = fleetWords{"reconciled", "in sync"}

// driftView is the drift a plan shows.
func driftView(p *planned) report.DriftView {
	return report.DriftView{Items: gwsync.Drift(p.plan, p.desired, p.live), Findings: p.findings, Gateway: p.label, Version: version(),
		RunURL: runURL()}
}

// driftExit maps a drift report to the contract's exit code: 1 when
// checking found errors, 2 when there is drift.
func driftExit(v report.DriftView) error {
	if errs, _ := diag.Counts(v.Findings); errs > 0 {
		return exitError{ExitError}
	}
	if v.Drifted() {
		return exitError{ExitChanges}
	}
	return nil
}

// reconcile shows the drift, and unless there is none (or only what
// reconciling leaves alone), applies the plan that puts the desired
// state back, then reports the drift left.
func (a *app) reconcile(ctx context.Context, stop context.CancelFunc, p *planned, found report.DriftView, args driftArgs) error {
	found.Plan = p.plan
	if args.format == "text" && !args.engine.approval.shown {
		if err := report.DriftText(a.stdout, found); err != nil {
			return err
		}
	}
	// Nothing is applied when checking found errors (the plan is unsafe),
	// when there is no drift, or when reconciling would change nothing.
	if errs, _ := diag.Counts(found.Findings); errs > 0 || !found.Drifted() || p.plan.Empty() {
		if args.format == "json" {
			found.Plan, found.Reconcile = nil, &report.ReconcileView{Converged: errs == 0, Left: found.Items}
			if err := report.DriftJSON(a.stdout, found); err != nil {
				return err
			}
		}
		return a.driftDone(ctx, p, found, driftExit(found), args)
	}
	if err := a.approve(p, args.engine, "drift --reconcile"); err != nil {
		return err
	}
	out, err := a.execute(ctx, stop, p, args.engine)
	if err != nil {
		return err
	}
	left := found
	left.Plan, left.Items = nil, nil
	if out.remaining != nil && out.live != nil {
		left.Items = gwsync.Drift(out.remaining, p.desired, out.live)
	}
	if err := a.reconcileResult(args.format, found, left, out); err != nil {
		return err
	}
	return a.driftDone(ctx, p, left, reconcileExit(out, left), args)
}

// reconcileResult reports what reconciling did and the drift left.
func (a *app) reconcileResult(format string, found, left report.DriftView, out applyOutcome) error {
	if format == "json" {
		found.Plan = nil
		found.Reconcile = &report.ReconcileView{Converged: out.converged(), Apply: newApplyJSON(out), Left: left.Items}
		return report.DriftJSON(a.stdout, found)
	}
	out.driftLeft = left.Drifted()
	a.applyText(out)
	return report.DriftLeftText(a.stdout, left.Items)
}

// reconcileExit is 1 when the apply did not converge, 2 when drift is
// left (what reconciling leaves alone), 0 otherwise.
func reconcileExit(out applyOutcome, left report.DriftView) error {
	switch {
	case !out.converged():
		return exitError{ExitError}
	case left.Drifted():
		return exitError{ExitChanges}
	}
	return nil
}

// driftDone ends a drift run whose final drift is final (after
// reconciling, what is left) and whose result is err. With --issue, it
// keeps the GitHub issue in step with final, unless err is an error
// other than exit 2 (drift).
func (a *app) driftDone(ctx context.Context, p *planned, final report.DriftView, err error, args driftArgs) error {
	var ee exitError
	if !args.issue || (err != nil && !(errors.As(err, &ee) && ee.code == ExitChanges)) {
		return err
	}
	if ierr := a.syncDriftIssue(ctx, p, final, args.repo); ierr != nil {
		return ierr
	}
	return err
}

// driftLabel labels the drift issues gwsync keeps.
const driftLabel = "gwsync-drift"

// syncDriftIssue opens or updates the gateway's drift issue when there
// is drift, and closes it when there is none. It reports on stderr, so
// that stdout keeps the drift report alone.
func (a *app) syncDriftIssue(ctx context.Context, p *planned, v report.DriftView, repo string) error {
	env, err := githubEnv(repo)
	if err == nil {
		err = requireToken(env, "issues: write")
	}
	if err != nil {
		return err
	}
	c, err := a.newGitHub(env)
	if err != nil {
		return err
	}
	marker := gh.DriftMarker(driftKey(p))
	title, body, drifted := driftIssue(v)
	if drifted {
		is, opened, err := c.SyncIssue(ctx, driftLabel, marker, title, body)
		if err == nil {
			fmt.Fprintf(a.stderr, "Drift issue %s: %s\n", map[bool]string{true: "opened", false: "updated"}[opened], is.URL)
		}
		return err
	}
	is, err := c.CloseIssue(ctx, driftLabel, marker, "gwsync drift finds no drift any more: the live gateway matches the desired state"+atCommit(env)+". Closing.")
	if err == nil && is != nil {
		fmt.Fprintf(a.stderr, "Drift issue closed: %s\n", is.URL)
	}
	return err
}

// driftKey keys a gateway's drift issue: its live ID, or for an
// embedded gateway, githubKey of its desired state.
func driftKey(p *planned) string {
	if g := p.desired.Gateway; g.Provider == "local" || g.Local {
		return githubKey(g.Provider, g.ID, p.opts.Owner)
	}
	return cmp.Or(p.live.State.Gateway.ID, p.desired.Gateway.Provider)
}

// atCommit names the commit a run checked, when known.
func atCommit(env gh.Env) string {
	if env.HeadSHA == "" {
		return ""
	}
	return " at commit " + env.HeadSHA
}

// driftIssue is what a drift issue holds for the final drift of a run:
// its title, its Markdown body (within GitHub's 65,536 characters), and
// whether there is drift (false: the issue should be closed).
func driftIssue(v report.DriftView) (title, body string, drifted bool) {
	var b strings.Builder
	_ = report.DriftMarkdown(&b, v) // a strings.Builder does not fail
	return "Drift: " + v.Gateway, b.String(), v.Drifted()
}
