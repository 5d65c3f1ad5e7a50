package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/report"
	gwsync "github.com/gwsync/gwsync/sync"
)

// applyArgs are the flags of gwsync apply.
type applyArgs struct {
	planFile string
	format   string
	engine   engineArgs
	target   targetArgs
	fleet    fleetArgs
}

// engineArgs are the flags of the commands that change the gateway
// (apply, drift --reconcile): how the changes are confirmed and made.
type engineArgs struct {
	autoApprove   bool
	parallelism   int
	removal       removalArgs
	deployTimeout time.Duration
	// lock takes the gateway's apply lease for the run (--lock=false:
	// not, as Terraform's -lock=false).
	lock bool
	// heartbeat is how often a log (not a terminal) says what is still in
	// flight; 0 never.
	heartbeat time.Duration
	// approval stands in for the prompt in a fleet that asks once.
	approval fleetApproval
}

func (e *engineArgs) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&e.autoApprove, "auto-approve", false, "apply without asking for confirmation")
	f.IntVar(&e.parallelism, "parallelism", gwsync.DefaultParallelism, "most changes in flight at once")
	e.removal.register(cmd)
	f.DurationVar(&e.deployTimeout, "deploy-timeout", gwsync.DefaultDeployTimeout, "longest wait for one route's deploy")
	f.DurationVar(&e.heartbeat, "heartbeat", heartbeatEvery, "without a terminal (CI), how often to log the changes still in flight, 0 never")
	f.BoolVar(&e.lock, "lock", true, "hold the gateway's apply lease while planning and applying, so two applies cannot interleave (--lock=false is dangerous when others may apply)")
}

func (e engineArgs) check(w io.Writer) error {
	if err := e.removal.check(w); err != nil {
		return err
	}
	switch {
	case e.parallelism < 1 || e.parallelism > 256:
		return usagef("--parallelism must be from 1 to 256, got %d", e.parallelism)
	case e.deployTimeout <= 0:
		return usagef("--deploy-timeout must be positive")
	case e.heartbeat < 0:
		return usagef("--heartbeat must be 0 (never) or positive")
	}
	return nil
}

func (a *app) applyCommand() *cobra.Command {
	var args applyArgs
	cmd := &cobra.Command{
		Use:   "apply [PATH...]",
		Short: "Make the live gateway match the desired state: plan, confirm, apply in order, deploy and verify",
		Long: `Apply plans the desired state at PATH (default ".") against the live gateway, shows the
plan, asks for confirmation (unless --auto-approve), and makes the changes in the order
the gateway requires: services and domains, policies, HTTP APIs, routes, attachments,
then deploys, each polled until the route is live; deletes in reverse. Independent
changes run concurrently (--parallelism); a change that fails skips only what depends
on it. Afterwards the gateway is read again to verify that nothing is left to change.

With --plan FILE it applies a plan saved by gwsync plan --out, and refuses it, naming
what changed, if the desired state or the live gateway changed since.

` + fleetHelp + `Over a fleet, every gateway's plan is shown first, then one question asks for all of
them; each is planned again and applied only if its plan is still the one shown
(--auto-approve plans and applies each in one pass). --plan takes one gateway's plan.

Exit status: 0 converged, 1 error.`,
		Example: `  gwsync apply --auto-approve examples/orders
  gwsync plan --out plan.json . && gwsync apply --plan plan.json --auto-approve .
  gwsync apply --auto-approve gateways/...   # every gateway under gateways/, four at a time`,
		RunE: func(cmd *cobra.Command, paths []string) error { return a.runApply(paths, args) },
	}
	f := cmd.Flags()
	f.StringVar(&args.planFile, "plan", "", "apply the plan saved in FILE by gwsync plan --out")
	f.StringVar(&args.format, "format", "text", "output format: text, json")
	args.engine.register(cmd)
	args.target.register(cmd)
	args.target.registerDataplane(cmd)
	args.fleet.register(cmd)
	return cmd
}

func (a *app) runApply(paths []string, args applyArgs) error {
	if err := args.check(a.stderr); err != nil {
		return err
	}
	root, isFleet, err := fleetRoot(paths)
	if err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	if isFleet {
		return a.applyFleet(ctx, stop, root, args)
	}
	_, err = a.applyOne(ctx, stop, paths, args)
	return err
}

// applyOne plans one desired state, shows the plan, and once approved
// applies it and reports the outcome.
func (a *app) applyOne(ctx context.Context, stop context.CancelFunc, paths []string, args applyArgs) (gatewayOutcome, error) {
	p, err := a.planForApply(ctx, paths, args)
	if err != nil {
		return gatewayOutcome{}, err
	}
	defer p.target.close()
	p.preflight()
	result := gatewayOutcome{name: p.target.name, changes: len(p.plan.Changes)}
	if args.format == "text" && !args.engine.approval.shown {
		if err := a.applyPreamble(p); err != nil {
			return result, err
		}
	}
	if errs, _ := diag.Counts(p.findings); errs > 0 {
		return result, a.refusePlan(args.format, paths, p)
	}
	if p.plan.Empty() {
		out := applyOutcome{res: &gwsync.Result{}, remaining: p.plan}
		out.probe(ctx, a, p)
		return result, a.applyResult(args.format, out)
	}
	if err := a.approve(p, args.engine, "apply"); err != nil {
		return result, err
	}
	out, err := a.execute(ctx, stop, p, args.engine)
	if err != nil {
		return result, err
	}
	result.changes = out.res.Applied
	return result, a.applyResult(args.format, out)
}

// applyFleet applies every gateway under root, each on its own.
func (a *app) applyFleet(ctx context.Context, stop context.CancelFunc, root string, args applyArgs) error {
	if err := fleetUsage(args.fleet, args.target); err != nil {
		return err
	}
	if args.planFile != "" {
		return usagef("--plan applies one gateway's saved plan, and %s/... names many: apply each saved plan with its gateway's directory (gwsync apply --plan plan.json DIR)", filepath.ToSlash(root))
	}
	cmd := fleetCommand{name: "apply", words: applyWords, failedJSON: failedApplyJSON}
	run := func(ctx context.Context, sub *app, dir string, e engineArgs) (gatewayOutcome, error) {
		one := args
		one.engine = e
		return sub.applyOne(ctx, stop, []string{dir}, one)
	}
	return a.engineFleet(ctx, root, engineRun{fleet: args.fleet, engine: args.engine, format: args.format, cmd: cmd, run: run})
}

// failedApplyJSON is apply's JSON object for a gateway that stopped
// before applying: not converged, with the errors of its desired state.
func failedApplyJSON(w *bytes.Buffer, fs []diag.Finding) error {
	j := applyJSON{Errors: []string{}, Verification: []string{}, Probes: []string{}, ProbeNotes: []string{}, Remaining: []remainingJSON{}}
	for _, f := range fs {
		if f.Severity == diag.Error {
			j.Errors = append(j.Errors, fmt.Sprintf("%s: %s", f.Pos, f.Message))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}

// refusePlan ends an apply whose plan has errors, before anything is
// changed. The text preamble has shown them with the plan; for JSON they
// are written to stderr, as validate's text shows them.
func (a *app) refusePlan(format string, paths []string, p *planned) error {
	if format != "text" {
		if err := report.Text(a.stderr, report.Validation{Findings: p.findings, Inputs: inputsLabel(paths), Version: version()}); err != nil {
			return err
		}
	}
	return exitError{ExitError}
}

// compactAbove is the number of changes above which apply shows its plan
// one line a change: a 300-route plan would otherwise print thousands of
// lines before anything is applied.
const compactAbove = 30

// applyPreamble prints the plan apply is about to make, compact when it
// is large (saying so, and how to see every field).
func (a *app) applyPreamble(p *planned) error {
	compact := len(p.plan.Changes) > compactAbove
	if compact {
		fmt.Fprintf(a.stderr, "gwsync: note: %d changes, shown one line each; gwsync plan shows the fields each changes\n", len(p.plan.Changes))
	}
	return report.PlanText(a.stdout, report.PlanView{Plan: p.plan, Findings: p.findings, Gateway: p.label, Version: version(), Compact: compact})
}

func (args applyArgs) check(w io.Writer) error {
	if err := args.engine.check(w); err != nil {
		return err
	}
	switch {
	case args.format != "text" && args.format != "json":
		return usagef("--format must be text or json, got %q", args.format)
	case args.planFile != "" && args.engine.removal.keepRemoved:
		return usagef("--keep-removed is recorded in a saved plan: plan with --keep-removed instead")
	}
	return nil
}

// planForApply makes a fresh plan, or loads a saved one and checks that
// it still fits the desired state and the live gateway.
func (a *app) planForApply(ctx context.Context, paths []string, args applyArgs) (*planned, error) {
	if args.planFile == "" {
		return a.makePlan(ctx, paths, args.engine.removal.prune(), args.target)
	}
	saved, err := readSavedFile(args.planFile)
	if err != nil {
		return nil, err
	}
	p, err := a.makePlan(ctx, paths, saved.Prune, args.target)
	if err != nil {
		return nil, err
	}
	if stale := saved.Stale(p.desired, p.live); len(stale) > 0 {
		p.target.close()
		return nil, fmt.Errorf("the saved plan %s is stale; plan again:\n  %s", args.planFile, strings.Join(stale, "\n  "))
	}
	// Apply only what was reviewed: the saved changes must be exactly
	// those of a plan made now (p.plan), which is what runs.
	if diff := saved.Differs(p.plan); diff != "" {
		p.target.close()
		return nil, fmt.Errorf("the saved plan %s is not what gwsync plans for this desired state and gateway: %s; it was edited, or made by another gwsync: plan again and review the new plan", args.planFile, diff)
	}
	p.reviewed = true
	return p, nil
}

func readSavedFile(path string) (*gwsync.Saved, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--plan: %w", err)
	}
	defer f.Close()
	s, err := gwsync.ReadSaved(f)
	if err != nil {
		return nil, fmt.Errorf("--plan %s: %w", path, err)
	}
	return s, nil
}

// approve asks for a plan to be applied: the prompt (or --auto-approve),
// or in a fleet that asks once for all its gateways, the fleet's
// stand-in for it.
func (a *app) approve(p *planned, e engineArgs, command string) error {
	if e.approval.approve != nil {
		return e.approval.approve(p)
	}
	return a.confirm(e.autoApprove, command)
}

// confirm asks on a terminal; elsewhere the command (named for messages:
// "apply") needs --auto-approve.
func (a *app) confirm(autoApprove bool, command string) error {
	if autoApprove {
		return nil
	}
	return a.ask(command, "Apply these changes?")
}

// ask asks a question on a terminal, and refuses with a usage error
// elsewhere (the command then needs --auto-approve).
func (a *app) ask(command, question string) error {
	if !isTerminal(a.stdin) {
		return usagef("%s needs confirmation, and stdin is not a terminal: review the plan and run with --auto-approve", command)
	}
	fmt.Fprintf(a.stdout, "\n%s Only 'yes' is accepted: ", question)
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	if strings.TrimSpace(line) != "yes" {
		return fmt.Errorf("%s cancelled; nothing was changed", command)
	}
	return nil
}

// isTerminal reports whether a stream is a terminal: a file the terminal
// driver answers for, so not /dev/null (a character device too) nor a pipe.
func isTerminal(stream any) bool {
	f := streamFile(stream)
	return f != nil && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the width in columns of the terminal a stream writes
// to, or 80 when it cannot be read.
func terminalWidth(stream any) int {
	if f := streamFile(stream); f != nil {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 80
}

// streamFile is the file under a stream (through report.CommandSafe's
// writer), or nil.
func streamFile(stream any) *os.File {
	if u, ok := stream.(interface{ Unwrap() io.Writer }); ok {
		stream = u.Unwrap()
	}
	f, _ := stream.(*os.File)
	return f
}

// execute applies the plan, then checks it took: the guide's verification
// reads, a second read and diff, and the desired state's probes. The
// caller reports the outcome (also when the second read fails: that is a
// failed check, and the summary of what was applied still shows); err is a
// failure before anything was applied.
func (a *app) execute(ctx context.Context, stop context.CancelFunc, p *planned, e engineArgs) (applyOutcome, error) {
	if err := a.lockPlan(ctx, p, e); err != nil {
		return applyOutcome{}, err
	}
	tg := p.target
	prog := newProgress(a.stderr, a.progressStyle(e.heartbeat), len(p.plan.Changes))
	applied := make(chan struct{})
	go a.onInterrupt(ctx, stop, applied)
	res := gwsync.Apply(ctx, tg.gw, p.plan, p.live, gwsync.ApplyOptions{
		Parallelism: e.parallelism, DeployTimeout: e.deployTimeout, PollInterval: tg.pollInterval, Progress: prog.event})
	close(applied)
	prog.done()
	out := applyOutcome{res: res}
	if res.OK() && !res.Interrupted {
		out.verify = gwsync.Verify(ctx, tg.gw, gwsync.Verification{Desired: p.desired, Plan: p.plan, IDs: res,
			GatewayID: p.live.State.Gateway.ID, Parallelism: e.parallelism, Routes: res.Routes})
		live, err := tg.gw.Read(ctx)
		if err != nil {
			out.verify = append(out.verify, fmt.Errorf("reading %s again to check the apply: %w; what is left to change is not known: plan again", tg.label, err))
			return out, nil
		}
		out.live = live
		out.remaining, _ = gwsync.Diff(p.desired, live, p.opts)
		out.probe(ctx, a, p)
	}
	return out, nil
}

// onInterrupt tells the user what an interrupt does, and lets a second
// one end the process at once (stop restores the default handling).
func (a *app) onInterrupt(ctx context.Context, stop context.CancelFunc, applied <-chan struct{}) {
	select {
	case <-ctx.Done():
		stop()
		fmt.Fprintln(a.stderr, "gwsync: interrupted: starting no more changes; the calls in flight finish. Interrupt again to quit at once.")
	case <-applied:
	}
}

// applyOutcome is what an apply did and what checking it found.
type applyOutcome struct {
	res *gwsync.Result
	// verify lists the failed verification reads; remaining is the plan
	// from the gateway read again; probes the failed probes.
	verify, probes []error
	remaining      *gwsync.Plan
	// live is the gateway as read again after the apply (nil when it
	// was not: the apply failed or was interrupted).
	live *model.Live
	// probesSent counts the probes sent (0 when none were declared or
	// no data plane is known).
	probesSent int
	// probeNotes say what the probes do not prove: policies the local
	// data plane does not model.
	probeNotes []string
	// driftLeft is set by drift --reconcile when drift is left: the
	// gateway does not match, whatever the apply did.
	driftLeft bool
}

// probe runs the desired state's probes.
func (o *applyOutcome) probe(ctx context.Context, a *app, p *planned) {
	rep := a.runProbes(ctx, p.desired, p.target)
	o.probes, o.probeNotes = rep.failures, rep.notes
	if p.target.dataplane != "" {
		o.probesSent = len(p.desired.Probes)
	}
}

// converged reports whether the apply did everything and every check
// found the gateway as desired.
func (o applyOutcome) converged() bool {
	return o.res.OK() && !o.res.Interrupted && len(o.verify) == 0 && len(o.probes) == 0 &&
		(o.remaining == nil || o.remaining.Empty())
}

// applyResult reports an apply in a format (text or json) and maps it
// to an exit code.
func (a *app) applyResult(format string, out applyOutcome) error {
	if format == "json" {
		if err := a.applyJSON(out); err != nil {
			return err
		}
	} else {
		a.applyText(out)
	}
	if !out.converged() {
		return exitError{ExitError}
	}
	return nil
}

func (a *app) applyText(out applyOutcome) {
	res := out.res
	adopted := ""
	if res.Adopted > 0 {
		adopted = fmt.Sprintf(" (%d adopted)", res.Adopted)
	}
	fmt.Fprintf(a.stdout, "\nApply: %d applied%s, %d failed, %d skipped.\n", res.Applied, adopted, res.Failed, res.Skipped)
	for _, err := range res.Errors {
		fmt.Fprintf(a.stderr, "gwsync: %v\n", err)
	}
	if res.Interrupted {
		fmt.Fprintln(a.stderr, "gwsync: apply was interrupted; run it again to finish")
	}
	for _, err := range append(out.verify, out.probes...) {
		fmt.Fprintf(a.stderr, "gwsync: %v\n", err)
	}
	if out.probesSent > 0 {
		fmt.Fprintf(a.stdout, "Probes: %d sent, %d passed.\n", out.probesSent, out.probesSent-len(out.probes))
	}
	for _, n := range out.probeNotes {
		fmt.Fprintf(a.stdout, "  %s\n", n)
	}
	switch {
	case out.converged() && out.remaining != nil && out.remaining.Kept() > 0:
		fmt.Fprintln(a.stdout, report.KeptSentence(out.remaining.Kept()))
	case out.converged() && !out.driftLeft:
		fmt.Fprintln(a.stdout, "The gateway matches the desired state.")
	case out.remaining != nil && !out.remaining.Empty():
		fmt.Fprintf(a.stderr, "gwsync: verification: %d changes remain after apply:\n", len(out.remaining.Changes))
		for _, c := range out.remaining.Changes {
			fmt.Fprintf(a.stderr, "  %s %s\n", c.Term().Verb, c.Label())
		}
	}
}

func (a *app) applyJSON(out applyOutcome) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(newApplyJSON(out))
}

// newApplyJSON is an apply's outcome as its machine result.
func newApplyJSON(out applyOutcome) applyJSON {
	res := out.res
	j := applyJSON{Applied: res.Applied, Adopted: res.Adopted, Failed: res.Failed, Skipped: res.Skipped, Interrupted: res.Interrupted,
		Converged: out.converged(), Errors: errStrings(res.Errors), Verification: errStrings(out.verify), ProbesSent: out.probesSent, Probes: errStrings(out.probes),
		ProbeNotes: append([]string{}, out.probeNotes...), Remaining: []remainingJSON{}}
	if out.remaining != nil {
		for _, c := range out.remaining.Changes {
			j.Remaining = append(j.Remaining, remainingJSON{Action: c.Action, Kind: c.Kind, Name: c.Name, Resource: c.Resource})
		}
	}
	return j
}

// applyJSON is apply's machine result (--format json).
type applyJSON struct {
	Applied      int             `json:"applied"`
	Adopted      int             `json:"adopted"`
	Failed       int             `json:"failed"`
	Skipped      int             `json:"skipped"`
	Interrupted  bool            `json:"interrupted"`
	Converged    bool            `json:"converged"`
	Errors       []string        `json:"errors"`
	Verification []string        `json:"verification"`
	ProbesSent   int             `json:"probesSent"`
	Probes       []string        `json:"probes"`
	ProbeNotes   []string        `json:"probeNotes"`
	Remaining    []remainingJSON `json:"remaining"`
}

func errStrings(errs []error) []string {
	out := make([]string, len(errs))
	for i, err := range errs {
		out[i] = err.Error()
	}
	return out
}

// remainingJSON names a change left after an apply (without its values,
// which may hold secrets).
type remainingJSON struct {
	Action   gwsync.Action `json:"action"`
	Kind     gwsync.Kind   `json:"kind"`
	Name     string        `json:"name"`
	Resource string        `json:"resource"`
}
