package aliyun

import (
	"github.com/gwsync/gwsync/conflicts"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Diff is sync's Diff for an APIG desired state: its changes and notes
// in the order they were found (sync.Diff orders them by the step
// table), and findings, among them the clashes of desired routes with
// live routes this desired state does not manage (see precheck).
func Diff(d *model.Desired, live *model.Live, opts gwsync.Options) (*gwsync.Plan, []diag.Finding) {
	df := newDiffer(d, live, opts)
	df.environments()
	df.services()
	df.domains()
	df.policies()
	df.httpAPIs()
	df.routes()
	df.attachments()
	df.Findings = append(df.Findings, precheck(d, df.unmanagedRoutes(), live.IDs, conflicts.Budget{})...)
	return df.Result()
}

// differ is the state of one APIG diff: the shared differ (notes,
// findings, ownership) and the APIG live index.
type differ struct {
	*gwsync.Differ
	// want and have are the APIG states of the desired state and of the
	// live gateway.
	want, have *alimodel.State
	idx        liveIndex
	// replacedPolicies are the policies deleted and created again.
	replacedPolicies map[string]bool
}

// markerField is where an APIG resource carries the ownership marker.
const markerField = "description"

// stateOf is d's APIG state, or an empty one.
func stateOf(d *model.Desired) *alimodel.State {
	if s := alimodel.Of(d); s != nil {
		return s
	}
	return &alimodel.State{}
}

func newDiffer(d *model.Desired, live *model.Live, opts gwsync.Options) *differ {
	df := &differ{Differ: gwsync.NewDiffer(d, live, opts, markerField), want: stateOf(d), have: stateOf(&live.State),
		replacedPolicies: map[string]bool{}}
	df.idx = indexLive(df.have)
	df.declare()
	return df
}

// declare marks what the desired state declares: the resource path of
// each resource (as drift places them, see declaredPositions), and each
// route by name ("routes.NAME"), since a route's name is unique per
// gateway whatever its HTTP API.
func (df *differ) declare() {
	at := map[string]model.Pos{}
	declaredPositions(df.want, at)
	for path := range at {
		df.Declared[path] = true
	}
	for _, r := range df.want.Routes() {
		df.Declared["routes."+r.Name] = true
	}
}

func (df *differ) environments() {
	for _, e := range df.want.Environments {
		live := df.idx.environments[e.Name]
		switch {
		case live == nil:
			df.Errorf(diag.RuleLiveEnvironment, alimodel.EnvironmentPath(e.Name), e.Pos,
				"gateway %s has no environment %q (it has %s): fix the name, or create the environment in the console",
				df.Live.State.Gateway.ID, e.Name, df.idx.environmentNames())
		case e.ID != "" && e.ID != live.ID:
			df.Errorf(diag.RuleLiveEnvironment, alimodel.EnvironmentPath(e.Name), e.Pos,
				"environment %q of gateway %s has ID %s, not %s: fix the id or remove it", e.Name, df.Live.State.Gateway.ID, live.ID, e.ID)
		}
	}
}

// refuseUnmarkedReplace records that a resource gwsync did not create
// cannot be deleted to be created again.
func (df *differ) refuseUnmarkedReplace(k gwsync.Kind, name, path string, pos model.Pos, why string) {
	df.Errorf(diag.RuleLiveReplace, path, pos,
		"%s %q (%s) must be deleted and created again (%s), but gwsync did not create it (no ownership marker in its description) and will not delete it: rename the desired %s, or delete the live one yourself",
		k, name, df.ID(path), why, k)
}
