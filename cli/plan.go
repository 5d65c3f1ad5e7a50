package cli

import (
	"context"
	"fmt"
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
	prune            bool
	target           targetArgs
}

func (a *app) planCommand() *cobra.Command {
	var args planArgs
	cmd := &cobra.Command{
		Use:   "plan [PATH...]",
		Short: "Read the live gateway and show the ordered changes that would make it match the desired state",
		Long: `Plan loads and validates the desired state at PATH (default "."), reads the whole live
gateway it names, and prints the changes apply would make, in the order it would make
them. Nothing is written to the gateway.

Only declared resources are changed. A live resource the desired state does not
declare is listed and left alone; with --prune it is deleted, but only if it carries
this desired state's ownership marker (which gwsync appends to the descriptions of the
routes, HTTP APIs and policies it manages). Desired routes are also checked for
overlap against the live routes this desired state does not manage.

Exit status: 0 success, 1 error; with --detailed-exitcode 0 no changes, 2 changes.`,
		Example: `  gwsync plan examples/orders
  gwsync plan --format markdown . > plan.md        # for a pull request comment
  gwsync plan --out plan.json . && gwsync apply --plan plan.json
  GWSYNC_ALIYUN_ENDPOINT=127.0.0.1:8080 gwsync plan --detailed-exitcode .`,
		RunE: func(cmd *cobra.Command, paths []string) error { return a.runPlan(paths, args) },
	}
	cmd.Flags().StringVar(&args.format, "format", "text", "output format: "+strings.Join(report.PlanFormats(), ", "))
	cmd.Flags().StringVar(&args.out, "out", "", "write the plan to FILE, for gwsync apply --plan")
	cmd.Flags().BoolVar(&args.detailedExitcode, "detailed-exitcode", false, "exit 2 when there are changes, 0 when none")
	cmd.Flags().BoolVar(&args.prune, "prune", false, "delete undeclared live resources that carry this desired state's ownership marker")
	args.target.register(cmd)
	return cmd
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
		return usageError{err}
	}
	ctx, stop := signalContext()
	defer stop()
	p, err := a.makePlan(ctx, paths, args.prune, args.target)
	if err != nil {
		return err
	}
	p.target.close()
	if err := write(a.stdout, actionsContext(report.PlanView{Plan: p.plan, Findings: p.findings, Gateway: p.label, Version: version()})); err != nil {
		return err
	}
	if errs, _ := diag.Counts(p.findings); errs > 0 {
		return exitError{ExitError}
	}
	if args.out != "" {
		saved := gwsync.NewSaved(p.plan, p.desired, p.live, p.opts)
		saved.Findings = p.findings
		if err := writeSaved(args.out, saved); err != nil {
			return err
		}
	}
	if args.detailedExitcode && !p.plan.Empty() {
		return exitError{ExitChanges}
	}
	return nil
}

// makePlan loads the desired state, reads the gateway and diffs them. The
// gateway stays open (planned.target) until the caller closes it.
func (a *app) makePlan(ctx context.Context, paths []string, prune bool, t targetArgs) (*planned, error) {
	d, warnings, err := a.loadDesired(paths)
	if err != nil {
		return nil, err
	}
	tg, err := openTarget(d, t)
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
