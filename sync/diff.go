package sync

import (
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Options shape a diff.
type Options struct {
	// Owner names this desired state among those sharing a gateway
	// (gateway.owner); it is written into the ownership marker.
	Owner string
	// Prune deletes live resources the desired state does not declare,
	// when they carry this desired state's ownership marker.
	Prune bool
}

// Diff compares a desired state with a live gateway and returns the plan
// that makes the gateway match, plus findings: problems that make the plan
// unsafe to apply (an environment the gateway lacks, a resource another
// desired state owns, an immutable change gwsync may not make) and clashes
// of desired routes with live routes this desired state does not manage.
// The gateway kind serving d's provider makes the plan (see Planner), and
// its order table orders it; a provider no kind serves is a finding.
func Diff(d *model.Desired, live *model.Live, opts Options) (*Plan, []diag.Finding) {
	k, err := lookup(d.Gateway.Provider)
	if err != nil {
		return &Plan{Gateway: d.Gateway, Changes: []*Change{}, Notes: []Note{}},
			[]diag.Finding{diag.Errorf(diag.RuleSchema, "gateway", d.Gateway.Pos, err.Error())}
	}
	plan, findings := k.Diff(d, live, opts)
	k.ChangeOrder().Sort(plan)
	return plan, findings
}
