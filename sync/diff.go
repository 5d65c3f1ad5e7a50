package sync

import (
	"fmt"

	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
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
func Diff(d *model.Desired, live *model.Live, opts Options) (*Plan, []diag.Finding) {
	if hwmodel.Of(d) != nil {
		return diffHuawei(d, live, opts)
	}
	df := newDiffer(d, live, opts)
	df.environments()
	df.services()
	df.domains()
	df.policies()
	df.httpAPIs()
	df.routes()
	df.attachments()
	df.findings = append(df.findings, precheck(d, df.unmanagedRoutes(), live.IDs, conflicts.Budget{})...)
	sortChanges(df.plan.Changes)
	sortNotes(df.plan.Notes)
	return df.plan, diag.Sort(df.findings)
}

// differ is the state of one Diff call.
type differ struct {
	d        *model.Desired
	live     *model.Live
	opts     Options
	plan     *Plan
	findings []diag.Finding
	idx      liveIndex
	// declared holds the resource path of every declared resource.
	declared map[string]bool
	// changed holds the route paths whose configuration a change touches
	// (so they must be deployed again).
	changed map[string]string
	// gone holds the resource paths a change deletes or replaces.
	gone map[string]bool
	// replacedPolicies are the policies deleted and created again.
	replacedPolicies map[string]bool
}

func newDiffer(d *model.Desired, live *model.Live, opts Options) *differ {
	df := &differ{d: d, live: live, opts: opts, plan: &Plan{Gateway: d.Gateway, Changes: []*Change{}, Notes: []Note{}},
		idx: indexLive(live), declared: map[string]bool{}, changed: map[string]string{}, gone: map[string]bool{},
		replacedPolicies: map[string]bool{}}
	df.declare()
	return df
}

func (df *differ) declare() {
	for _, s := range df.d.Services {
		df.declared[model.ServicePath(s.Name)] = true
	}
	for _, dm := range df.d.Domains {
		df.declared[model.DomainPath(dm.Name)] = true
	}
	for _, p := range df.d.Policies {
		df.declared[model.PolicyPath(p.Name)] = true
	}
	for _, a := range df.d.HTTPAPIs {
		df.declared[model.HTTPAPIPath(a.Name)] = true
		for _, r := range a.Routes {
			df.declared[r.Path()] = true
			df.declared["routes."+r.Name] = true
		}
	}
}

// add records a change.
func (df *differ) add(c *Change) { df.plan.Changes = append(df.plan.Changes, c) }

// note records something left alone.
func (df *differ) note(k Kind, name, resource, reason string) {
	df.plan.Notes = append(df.plan.Notes, Note{Kind: k, Name: name, Resource: resource, ID: df.live.IDs[resource], Reason: reason})
}

// keep records a note on something this desired state made and no longer
// declares, kept because of KeepRemoved (Options.Prune false).
func (df *differ) keep(k Kind, name, resource, reason string) {
	df.plan.Notes = append(df.plan.Notes, Note{Kind: k, Name: name, Resource: resource, ID: df.live.IDs[resource], Reason: reason, Kept: true})
}

// errorf records a finding that makes the plan unsafe to apply.
func (df *differ) errorf(rule, resource string, pos model.Pos, format string, args ...any) {
	df.findings = append(df.findings, diag.Errorf(rule, resource, pos, fmt.Sprintf(format, args...)))
}

// id is the live ID of a resource path.
func (df *differ) id(path string) string { return df.live.IDs[path] }

// compare plans the create or update of one resource whose live form may
// be missing (live nil).
func (df *differ) compare(k Kind, name, path string, pos model.Pos, live, want Document) *Change {
	if live == nil {
		c := &Change{Action: Create, Kind: k, Name: name, Resource: path, After: want, Pos: pos}
		df.add(c)
		return c
	}
	if equalDocs(live, want) {
		return nil
	}
	c := &Change{Action: Update, Kind: k, Name: name, Resource: path, ID: df.id(path), Before: live, After: want,
		Fields: fieldChanges(live, want), Pos: pos}
	df.add(c)
	return c
}

func (df *differ) environments() {
	for _, e := range df.d.Environments {
		live := df.idx.environments[e.Name]
		switch {
		case live == nil:
			df.errorf(diag.RuleLiveEnvironment, model.EnvironmentPath(e.Name), e.Pos,
				"gateway %s has no environment %q (it has %s): fix the name, or create the environment in the console",
				df.live.State.Gateway.ID, e.Name, df.idx.environmentNames())
		case e.ID != "" && e.ID != live.ID:
			df.errorf(diag.RuleLiveEnvironment, model.EnvironmentPath(e.Name), e.Pos,
				"environment %q of gateway %s has ID %s, not %s: fix the id or remove it", e.Name, df.live.State.Gateway.ID, live.ID, e.ID)
		}
	}
}
