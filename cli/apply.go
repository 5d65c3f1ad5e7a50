package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/report"
	gwsync "github.com/gwsync/gwsync/sync"
)

// applyArgs are the flags of gwsync apply.
type applyArgs struct {
	planFile      string
	autoApprove   bool
	parallelism   int
	prune         bool
	format        string
	deployTimeout time.Duration
	target        targetArgs
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

Exit status: 0 converged, 1 error.`,
		Example: `  gwsync apply --auto-approve examples/orders
  gwsync plan --out plan.json . && gwsync apply --plan plan.json --auto-approve .`,
		RunE: func(cmd *cobra.Command, paths []string) error { return a.runApply(paths, args) },
	}
	f := cmd.Flags()
	f.StringVar(&args.planFile, "plan", "", "apply the plan saved in FILE by gwsync plan --out")
	f.BoolVar(&args.autoApprove, "auto-approve", false, "apply without asking for confirmation")
	f.IntVar(&args.parallelism, "parallelism", gwsync.DefaultParallelism, "most changes in flight at once")
	f.BoolVar(&args.prune, "prune", false, "delete undeclared live resources that carry this desired state's ownership marker")
	f.StringVar(&args.format, "format", "text", "output format: text, json")
	f.DurationVar(&args.deployTimeout, "deploy-timeout", gwsync.DefaultDeployTimeout, "longest wait for one route's deploy")
	args.target.register(cmd)
	return cmd
}

func (a *app) runApply(paths []string, args applyArgs) error {
	if err := args.check(); err != nil {
		return err
	}
	ctx, stop := signalContext()
	defer stop()
	p, err := a.planForApply(ctx, paths, args)
	if err != nil {
		return err
	}
	defer p.target.close()
	if args.format == "text" {
		if err := report.PlanText(a.stdout, report.PlanView{Plan: p.plan, Findings: p.findings, Gateway: p.label, Version: version()}); err != nil {
			return err
		}
	}
	if errs, _ := diag.Counts(p.findings); errs > 0 {
		return exitError{ExitError}
	}
	if p.plan.Empty() {
		return a.applyResult(args, &gwsync.Result{}, nil)
	}
	if err := a.confirm(args.autoApprove); err != nil {
		return err
	}
	return a.execute(ctx, p, args)
}

func (args applyArgs) check() error {
	switch {
	case args.parallelism < 1 || args.parallelism > 256:
		return usagef("--parallelism must be from 1 to 256, got %d", args.parallelism)
	case args.format != "text" && args.format != "json":
		return usagef("--format must be text or json, got %q", args.format)
	case args.deployTimeout <= 0:
		return usagef("--deploy-timeout must be positive")
	case args.planFile != "" && args.prune:
		return usagef("--prune is recorded in a saved plan: plan with --prune instead")
	}
	return nil
}

// planForApply makes a fresh plan, or loads a saved one and checks that
// it still fits the desired state and the live gateway.
func (a *app) planForApply(ctx context.Context, paths []string, args applyArgs) (*planned, error) {
	if args.planFile == "" {
		return a.makePlan(ctx, paths, args.prune, args.target)
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
	p.plan = saved.Plan()
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

// confirm asks on a terminal; elsewhere apply needs --auto-approve.
func (a *app) confirm(autoApprove bool) error {
	if autoApprove {
		return nil
	}
	if !isTerminal(a.stdin) {
		return usagef("apply needs confirmation, and stdin is not a terminal: review the plan and run with --auto-approve")
	}
	fmt.Fprint(a.stdout, "\nApply these changes? Only 'yes' is accepted: ")
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	if strings.TrimSpace(line) != "yes" {
		return fmt.Errorf("apply cancelled; nothing was changed")
	}
	return nil
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// execute applies the plan, then reads the gateway again to verify it.
func (a *app) execute(ctx context.Context, p *planned, args applyArgs) error {
	tg := p.target
	res := gwsync.Apply(ctx, tg.gw, p.plan, p.live, gwsync.ApplyOptions{
		Parallelism: args.parallelism, DeployTimeout: args.deployTimeout, Progress: a.progress(args.format)})
	var remaining *gwsync.Plan
	if res.OK() {
		live, err := tg.gw.Read(ctx)
		if err != nil {
			return fmt.Errorf("verifying %s: %w", tg.label, err)
		}
		remaining, _ = gwsync.Diff(p.desired, live, p.opts)
	}
	return a.applyResult(args, res, remaining)
}

// progress prints one line per change as it starts and ends.
func (a *app) progress(format string) func(gwsync.Event) {
	if format != "text" {
		return nil
	}
	return func(e gwsync.Event) {
		line := fmt.Sprintf("%s %s", e.Change.Action, e.Change.Label())
		switch e.Outcome {
		case gwsync.Started:
			fmt.Fprintf(a.stderr, "  … %s\n", line)
		case gwsync.Applied:
			fmt.Fprintf(a.stderr, "  ✓ %s (%s)\n", line, e.Elapsed.Round(time.Millisecond))
		case gwsync.Failed:
			fmt.Fprintf(a.stderr, "  ✗ %s\n", e.Err)
		case gwsync.Skipped:
			fmt.Fprintf(a.stderr, "  - %s: %v\n", line, e.Err)
		}
	}
}

// applyResult reports an apply and maps it to an exit code.
func (a *app) applyResult(args applyArgs, res *gwsync.Result, remaining *gwsync.Plan) error {
	converged := res.OK() && (remaining == nil || remaining.Empty())
	if args.format == "json" {
		if err := a.applyJSON(res, remaining, converged); err != nil {
			return err
		}
	} else {
		a.applyText(res, remaining, converged)
	}
	if !converged {
		return exitError{ExitError}
	}
	return nil
}

func (a *app) applyText(res *gwsync.Result, remaining *gwsync.Plan, converged bool) {
	fmt.Fprintf(a.stdout, "\nApply: %d applied, %d failed, %d skipped.\n", res.Applied, res.Failed, res.Skipped)
	for _, err := range res.Errors {
		fmt.Fprintf(a.stderr, "gwsync: %v\n", err)
	}
	switch {
	case converged:
		fmt.Fprintln(a.stdout, "The gateway matches the desired state.")
	case remaining != nil && !remaining.Empty():
		fmt.Fprintf(a.stderr, "gwsync: verification: %d changes remain after apply:\n", len(remaining.Changes))
		for _, c := range remaining.Changes {
			fmt.Fprintf(a.stderr, "  %s %s\n", c.Action, c.Label())
		}
	}
}

func (a *app) applyJSON(res *gwsync.Result, remaining *gwsync.Plan, converged bool) error {
	out := struct {
		Applied   int             `json:"applied"`
		Failed    int             `json:"failed"`
		Skipped   int             `json:"skipped"`
		Converged bool            `json:"converged"`
		Errors    []string        `json:"errors"`
		Remaining []remainingJSON `json:"remaining"`
	}{Applied: res.Applied, Failed: res.Failed, Skipped: res.Skipped, Converged: converged, Errors: []string{}, Remaining: []remainingJSON{}}
	for _, err := range res.Errors {
		out.Errors = append(out.Errors, err.Error())
	}
	if remaining != nil {
		for _, c := range remaining.Changes {
			out.Remaining = append(out.Remaining, remainingJSON{Action: c.Action, Kind: c.Kind, Name: c.Name, Resource: c.Resource})
		}
	}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// remainingJSON names a change left after an apply (without its values,
// which may hold secrets).
type remainingJSON struct {
	Action   gwsync.Action `json:"action"`
	Kind     gwsync.Kind   `json:"kind"`
	Name     string        `json:"name"`
	Resource string        `json:"resource"`
}
