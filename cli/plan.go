package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/report"
	gwsync "github.com/gwsync/gwsync/sync"
)

// planArgs are the flags of gwsync plan.
type planArgs struct {
	format           string
	out              string
	detailedExitcode bool
	compact          bool
	removal          removalArgs
	target           targetArgs
	fleet            fleetArgs
}

func (a *app) planCommand() *cobra.Command {
	var args planArgs
	cmd := &cobra.Command{
		Use:   "plan [PATH...]",
		Short: "Read the live gateway and show the ordered changes that would make it match the desired state",
		Long: `Plan loads and validates the desired state at PATH (default "."), reads the whole live
gateway it names, and prints the changes apply would make, in the order it would make
them. Nothing is written to the gateway.

Git is the truth: what this desired state made (its ownership marker, which gwsync
appends to the descriptions of the routes, HTTP APIs and policies it manages) and no
longer declares is deleted or detached, each delete with its reason; --keep-removed
keeps it instead (and says so). What gwsync did not make, or another desired state
made, is listed and left alone, never deleted. Desired routes are also checked for
overlap against the live routes this desired state does not manage.

` + fleetHelp + `
Exit status: 0 success, 1 error; with --detailed-exitcode 0 no changes, 2 changes.`,
		Example: `  gwsync plan examples/orders
  gwsync plan --compact examples/orders            # one line a change
  gwsync plan --format markdown . > plan.md        # for a pull request comment
  gwsync plan --out plan.json .                    # for gwsync apply --plan plan.json
  gwsync plan --detailed-exitcode examples/orders  # exit 2 when there are changes
  gwsync plan gateways/...                         # every gateway under gateways/`,
		RunE: func(cmd *cobra.Command, paths []string) error { return a.runPlan(paths, args) },
	}
	cmd.Flags().StringVar(&args.format, "format", "text", "output format: "+strings.Join(report.PlanFormats(), ", "))
	cmd.Flags().StringVar(&args.out, "out", "", "write the plan to FILE, for gwsync apply --plan")
	cmd.Flags().BoolVar(&args.detailedExitcode, "detailed-exitcode", false, "exit 2 when there are changes, 0 when none")
	cmd.Flags().BoolVar(&args.compact, "compact", false, "text: one line a change, without the fields it changes")
	args.removal.register(cmd)
	args.target.register(cmd)
	args.fleet.register(cmd)
	return cmd
}

// removalArgs say what happens to what this desired state made and no
// longer declares: deleted (the default), or kept with --keep-removed.
type removalArgs struct {
	keepRemoved bool
	oldPrune    bool // --prune, deprecated: the default now
}

func (r *removalArgs) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&r.keepRemoved, "keep-removed", false, "keep what this desired state made and no longer declares, instead of deleting it (manual pruning, as Argo CD without auto-prune)")
	f.BoolVar(&r.oldPrune, "prune", false, "no longer needed: deleting what this desired state made and no longer declares is the default")
	_ = f.MarkHidden("prune")
}

// prune is whether the plan deletes what this desired state made and no
// longer declares.
func (r removalArgs) prune() bool { return !r.keepRemoved }

// check refuses --prune with --keep-removed, and says on w that --prune
// is no longer needed.
func (r removalArgs) check(w io.Writer) error {
	if r.oldPrune && r.keepRemoved {
		return usagef("--prune and --keep-removed contradict each other: deleting is the default, so give --keep-removed alone to keep")
	}
	if r.oldPrune {
		fmt.Fprintln(w, "gwsync: note: --prune is no longer needed: what this desired state made and no longer declares is deleted by default (--keep-removed keeps it)")
	}
	return nil
}

// planned is a plan with what it was made from.
type planned struct {
	desired  *model.Desired
	live     *model.Live
	plan     *gwsync.Plan
	findings []diag.Finding
	opts     gwsync.Options
	label    string
	// reviewed marks a plan saved and reviewed (apply --plan): applied only
	// as it is.
	reviewed bool
	// target stays open for apply; the caller closes it.
	target *target
}

func (a *app) runPlan(paths []string, args planArgs) error {
	write, err := report.ForPlan(args.format)
	if err != nil {
		return usageError{err: err}
	}
	if err := args.removal.check(a.stderr); err != nil {
		return err
	}
	if args.compact && args.format != "text" {
		return usagef("--compact shows the text format, not --format %s", args.format)
	}
	root, isFleet, err := fleetRoot(paths)
	if err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	args.target.readOnly = true
	if isFleet {
		return a.planFleet(ctx, root, args, write)
	}
	_, err = a.planOne(ctx, paths, args, write)
	return err
}

// planOne plans one desired state and reports the plan.
func (a *app) planOne(ctx context.Context, paths []string, args planArgs, write report.PlanWriter) (gatewayOutcome, error) {
	p, err := a.makePlan(ctx, paths, args.removal.prune(), args.target)
	if err != nil {
		return gatewayOutcome{}, err
	}
	p.target.close()
	p.preflight()
	out := gatewayOutcome{name: p.target.name, changes: len(p.plan.Changes)}
	if err := write(a.stdout, actionsContext(report.PlanView{Plan: p.plan, Findings: p.findings, Gateway: p.label, Version: version(), Compact: args.compact})); err != nil {
		return out, err
	}
	if errs, _ := diag.Counts(p.findings); errs > 0 {
		return out, exitError{ExitError}
	}
	if args.out != "" {
		saved := gwsync.NewSaved(p.plan, p.desired, p.live, p.opts)
		saved.Findings = p.findings
		if err := writeSaved(args.out, saved); err != nil {
			return out, err
		}
	}
	if args.detailedExitcode && !p.plan.Empty() {
		return out, exitError{ExitChanges}
	}
	return out, nil
}

// planFleet plans every gateway under root, each on its own.
func (a *app) planFleet(ctx context.Context, root string, args planArgs, write report.PlanWriter) error {
	if err := fleetUsage(args.fleet, args.target); err != nil {
		return err
	}
	if args.out != "" {
		return usagef("--out saves one gateway's plan, and %s/... plans many: plan each gateway with its own --out (gwsync plan --out plan.json DIR)", filepath.ToSlash(root))
	}
	f, err := findFleet(root, args.fleet)
	if err != nil {
		return err
	}
	cmd := fleetCommand{name: "plan", words: planWords,
		one: func(ctx context.Context, sub *app, dir string) (gatewayOutcome, error) {
			return sub.planOne(ctx, []string{dir}, args, write)
		},
		failedJSON: func(w *bytes.Buffer, fs []diag.Finding) error {
			return report.PlanJSON(w, report.PlanView{Findings: fs})
		},
	}
	return a.fleetDone(ctx, f, args.fleet, cmd, newFleetView(args.format, cmd), "gwsync plan")
}

// makePlan loads the desired state, reads the gateway and diffs them. The
// gateway stays open (planned.target) until the caller closes it.
func (a *app) makePlan(ctx context.Context, paths []string, prune bool, t targetArgs) (*planned, error) {
	d, warnings, err := a.loadDesired(paths)
	if err != nil {
		return nil, err
	}
	t.paths = paths
	tg, err := a.connect(d, t)
	if err != nil {
		return nil, err
	}
	live, err := tg.gw.Read(ctx)
	if err != nil {
		tg.close()
		return nil, fmt.Errorf("reading %s: %w", tg.label, err)
	}
	owner, _ := ownerFor(d, paths)
	opts := gwsync.Options{Owner: owner, Prune: prune}
	plan, findings := gwsync.Diff(d, live, opts)
	return &planned{desired: d, live: live, plan: plan, findings: diag.Sort(append(warnings, findings...)), opts: opts,
		label: tg.label, target: tg}, nil
}

// preflight adds what the gateway's preflight checks find on the plan
// (sync.Preflight): what a change would fail on for want of something
// on this machine, such as the certificate files a domain names. plan,
// apply and drift --reconcile run it; drift alone reads, so it does not.
func (p *planned) preflight() {
	p.findings = diag.Sort(append(p.findings, gwsync.Preflight(p.target.gw, p.desired, p.plan)...))
}

// preflightError is an error naming what the gateway's preflight checks
// find wrong with plan, or nil when they find no error.
func preflightError(p *planned, plan *gwsync.Plan) error {
	var errs []string
	for _, f := range gwsync.Preflight(p.target.gw, p.desired, plan) {
		if f.Severity == diag.Error {
			errs = append(errs, fmt.Sprintf("%s: %s", f.Pos, f.Message))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%s changed since the plan shown was made, and the plan made now cannot be applied; nothing was changed:\n  %s", p.label, strings.Join(errs, "\n  "))
}

// lockPlan takes the gateway's apply lease (unless --lock=false) before
// anything is changed, and makes closing the target give it up. Under the
// lease it reads the gateway again and plans again. A plan someone saw and
// approved (confirmed at the prompt, or saved and reviewed) must still be
// the plan, or nothing is applied; with --auto-approve and no saved plan,
// the plan made under the lease is applied, with a note when it differs.
// So two applies to one gateway cannot interleave, and an apply that
// found nothing to change wrote nothing.
func (a *app) lockPlan(ctx context.Context, p *planned, e engineArgs) error {
	if !e.lock {
		return nil
	}
	if err := a.holdLease(ctx, p.target); err != nil {
		return fmt.Errorf("%s: %w", p.label, err)
	}
	live, err := p.target.gw.Read(ctx)
	if err != nil {
		return fmt.Errorf("reading %s again under the apply lease: %w", p.label, err)
	}
	fresh, _ := gwsync.Diff(p.desired, live, p.opts)
	if diff := gwsync.NewSaved(p.plan, p.desired, p.live, p.opts).Differs(fresh); diff != "" {
		if p.reviewed || !e.autoApprove {
			return fmt.Errorf("%s changed since the plan was made (another apply, or a change by hand): %s; plan again", p.label, diff)
		}
		if err := preflightError(p, fresh); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "gwsync: %s changed since the plan shown was made (%s); applying the plan made now, under the apply lease (%d changes)\n", p.label, diff, len(fresh.Changes))
	}
	p.live, p.plan = live, fresh
	return nil
}

// holdLease takes the gateway's apply lease for this process and makes
// closing the target give it up; a failed renewal is said on stderr.
func (a *app) holdLease(ctx context.Context, tg *target) error {
	var mu sync.Mutex
	release, err := gwsync.HoldLease(ctx, tg.gw, gwsync.LeaseHolder(), gwsync.DefaultLeaseTTL, func(err error) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(a.stderr, "gwsync: %s: %v\n", tg.label, err)
	})
	if err != nil {
		return err
	}
	tg.release = release
	return nil
}

// writeSaved writes a saved plan readable only by its owner: it holds the
// desired state's values.
func writeSaved(path string, s *gwsync.Saved) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gwsync-plan-*")
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := s.Write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("--out %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("--out %s: %w", path, err)
	}
	return nil
}
