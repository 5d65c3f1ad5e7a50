package cli

import (
	"context"
	"fmt"

	gwsync "github.com/gwsync/gwsync/sync"
)

// fleetApproval stands in for the prompt in a fleet that asks once for
// all its gateways (see engineFleet).
type fleetApproval struct {
	// approve decides instead of the prompt (nil: the prompt, or
	// --auto-approve).
	approve func(p *planned) error
	// shown: the plan was shown in the fleet's first pass, and is not
	// shown again.
	shown bool
}

// engineRun is a command that changes gateways (apply, drift
// --reconcile) over a fleet.
type engineRun struct {
	fleet  fleetArgs
	engine engineArgs
	format string
	cmd    fleetCommand
	// run runs the command on one gateway with engine flags e.
	run func(ctx context.Context, sub *app, dir string, e engineArgs) (gatewayOutcome, error)
	// title names the job summary's table ("" none).
	title string
}

// engineFleet runs a command that changes gateways over the fleet under
// root. With --auto-approve each gateway is planned and applied in one
// pass. Otherwise, as one run of Terraform over many resources, every
// plan is shown first and one question asks for all of them; then each
// gateway with changes is planned again and applied only if its plan is
// still the one shown.
func (a *app) engineFleet(ctx context.Context, root string, r engineRun) error {
	if r.format == "json" && !r.engine.autoApprove {
		return usagef("--format json over a fleet needs --auto-approve: the plans and the question are for people (gwsync plan --format json %s/... shows the plans)", root)
	}
	f, err := findFleet(root, r.fleet)
	if err != nil {
		return err
	}
	view := newFleetView(r.format, r.cmd)
	if r.engine.autoApprove {
		r.cmd.one = func(ctx context.Context, sub *app, dir string) (gatewayOutcome, error) {
			return r.run(ctx, sub, dir, r.engine)
		}
		return a.fleetDone(ctx, f, r.fleet, r.cmd, view, r.title)
	}
	shown := make([]string, len(f.dirs))
	rows := a.runFleet(ctx, f, f.all(), r.fleet.parallelism, r.withApproval(f, func(k int) fleetApproval { return hold(shown, k) }), view)
	if held := heldOf(rows); len(held) > 0 {
		if err := a.ask(r.cmd.name, fleetQuestion(rows, len(held))); err != nil {
			return err
		}
		again := a.runFleet(ctx, f, held, r.fleet.parallelism, r.withApproval(f, func(k int) fleetApproval { return stillShown(shown, k) }), view)
		for i, k := range held {
			rows[k] = again[i]
		}
	}
	return a.fleetEnd(rows, r.cmd.words, view, r.title)
}

// withApproval is the command with, for gateway k, the approval of k.
func (r engineRun) withApproval(f *fleet, approval func(k int) fleetApproval) fleetCommand {
	index := make(map[string]int, len(f.dirs))
	for k, dir := range f.dirs {
		index[dir] = k
	}
	cmd := r.cmd
	cmd.one = func(ctx context.Context, sub *app, dir string) (gatewayOutcome, error) {
		e := r.engine
		e.approval = approval(index[dir])
		return r.run(ctx, sub, dir, e)
	}
	return cmd
}

// hold is the first pass's approval of gateway k: its plan was shown,
// so note what it was and hold it for the fleet's question.
func hold(shown []string, k int) fleetApproval {
	return fleetApproval{approve: func(p *planned) error {
		shown[k] = gwsync.Digest(p.plan)
		return errHeld
	}}
}

// stillShown is the second pass's approval of gateway k: the plan made
// now must be the one shown, or nothing is applied to the gateway.
func stillShown(shown []string, k int) fleetApproval {
	return fleetApproval{shown: true, approve: func(p *planned) error {
		if gwsync.Digest(p.plan) != shown[k] {
			return fmt.Errorf("%s changed since its plan was shown (the desired state, or the gateway): nothing was applied to it; plan again", p.label)
		}
		return nil
	}}
}

// heldOf lists the gateways held for the fleet's question.
func heldOf(rows []fleetRow) []int {
	var held []int
	for k, r := range rows {
		if r.status == statusHeld {
			held = append(held, k)
		}
	}
	return held
}

// fleetQuestion asks for the held gateways, saying which are left out.
func fleetQuestion(rows []fleetRow, held int) string {
	q := fmt.Sprintf("Apply the changes above to %s?", count(held, "gateway", "gateways"))
	if failed := summarize(rows).Failed; failed > 0 {
		q = fmt.Sprintf("Apply the changes above to %s (%s failed and left out)?", count(held, "gateway", "gateways"), count(failed, "gateway", "gateways"))
	}
	return q
}
