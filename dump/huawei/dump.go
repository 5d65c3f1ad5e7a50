// Package huawei is the dump of a Huawei Cloud APIG instance, or of the
// embedded Huawei gateway (gateway.local): a live instance (model.Live
// whose State is a model/huawei State) written in the shape of
// schema/huawei.cue, as examples/huawei-orders writes it: the API's own
// field names, groups holding their domains, variables and APIs, publish
// lists, and policies with their bind lists. It writes with the helpers
// of package dump.
//
// What the API fills in when a field is not written is left out, exactly
// the defaults the plan writes out on both sides of a comparison
// (sync/huawei_normalize.go): type 1, req_protocol HTTPS, match_mode
// NORMAL, app_code_auth_type DISABLE, retry_count -1, a function's
// req_protocol HTTPS, a req_param's required
// when it is the one for its location (1 for PATH, 2 otherwise),
// valid_enable 2 and pass_through 1, a url_domain that is the VPC
// channel's ID, vpc_channel_status when it follows
// from vpc_channel_info, a throttle's type 1. Remarks lose the ownership
// marker. IDs the desired state holds as IDs (authorizer_id,
// vpc_channel_id, function URNs) are written as they are. RELEASE is
// always declared (validate wants it declared to be published to; plan
// never changes it).
//
// With dump.SplitPerAPI, each group is written to group-<name>.cue (the
// analogue of a file per HTTP API: APIs live inside their group), and
// gateway.cue holds the rest.
//
// What the read noted but the desired state cannot say (a throttle's
// special throttles, a binding to an API the read did not find, ...) is
// written as a comment in gateway.cue and listed in Result.LeftOut.
package huawei

import (
	"cmp"

	"cuelang.org/go/cue/ast"

	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// Counterparts of the plan's normalisation defaults.
const (
	defaultType         = 1
	defaultReqProtocol  = hwmodel.HTTPS
	defaultMatchMode    = hwmodel.MatchNormal
	defaultAppCodeAuth  = "DISABLE"
	defaultRetryCount   = -1
	defaultFuncProtocol = "HTTPS"
	defaultNo           = 2 // valid_enable, required off PATH
	defaultPassThrough  = 1
	defaultThrottleType = 1
	vpcChannel          = 1
	direct              = 2
)

// readNote is why a note of the read is left out.
const readNote = "the read found it, and the desired state cannot say it"

// writer renders the selected resources of a live instance as CUE
// fields.
type writer struct {
	dump.Writer
	sel *selection
}

// Build writes a live Huawei instance as a desired state; opts.Split is
// dump.SplitSingle or dump.SplitPerAPI.
func Build(live *model.Live, opts dump.Options) (*dump.Result, error) {
	h := hwmodel.Of(&live.State)
	if h == nil {
		h = &hwmodel.State{}
	}
	sel := choose(h, opts.Gateway.Owner)
	w := &writer{Writer: dump.Writer{Live: live, Opts: opts, Out: sel.out}, sel: sel}
	if err := w.files(h); err != nil {
		return nil, err
	}
	return w.Result(sel.owner, sel.counts()...), nil
}

// counts are what is written: APIs, groups, domains bound to groups,
// policies (throttles, ACLs and plugins) and environments.
func (s *selection) counts() []dump.Count {
	var apis, groups, domains, policies int
	envs := 1 // RELEASE, declared even when the read did not list it
	for _, e := range s.h.Environments {
		if e.Name != hwmodel.ReleaseEnv && !s.left(hwmodel.EnvironmentPath(e.Name)) {
			envs++
		}
	}
	for _, g := range s.h.Groups {
		if s.left(hwmodel.GroupPath(g.Name)) {
			continue
		}
		groups++
		domains += len(g.Domains)
		for _, a := range g.APIs {
			if !s.left(a.Path()) {
				apis++
			}
		}
	}
	for _, p := range policyPaths(s.h) {
		if !s.left(p) {
			policies++
		}
	}
	return []dump.Count{{N: apis, Noun: "API"}, {N: groups, Noun: "group"}, {N: domains, Noun: "domain"},
		{N: policies, Noun: "policy"}, {N: envs, Noun: "environment"}}
}

func policyPaths(h *hwmodel.State) []string {
	var out []string
	for _, t := range h.Throttles {
		out = append(out, hwmodel.PolicyPath(hwmodel.KindThrottle, t.Name))
	}
	for _, a := range h.ACLs {
		out = append(out, hwmodel.PolicyPath(hwmodel.KindACL, a.Name))
	}
	for _, p := range h.Plugins {
		out = append(out, hwmodel.PolicyPath(hwmodel.KindPlugin, p.Name))
	}
	return out
}

// groupFile is the file of one group.
type groupFile struct {
	name  string
	group *hwmodel.Group
}

// files renders gateway.cue and, with dump.SplitPerAPI, a file per group.
func (w *writer) files(h *hwmodel.State) error {
	perGroup := w.Opts.Split == dump.SplitPerAPI
	w.File = dump.SharedFile
	decls := []ast.Decl{w.gateway()}
	if notes := w.readNotes(); notes != nil {
		decls = append(decls, notes)
	}
	var shared []dump.Entry
	var split []groupFile
	taken := map[string]bool{dump.SharedFile: true}
	for _, g := range h.Groups {
		if perGroup && !w.sel.left(hwmodel.GroupPath(g.Name)) {
			split = append(split, groupFile{dump.UniqueFile(taken, "group-", g.Name), g})
			continue
		}
		shared = append(shared, dump.Entry{Name: g.Name, Decl: w.group(g)})
	}
	sections := []struct {
		name    string
		entries []dump.Entry
	}{
		{"environments", w.environments(h)},
		{"groups", shared},
		{"throttles", w.throttles(h)},
		{"acls", w.acls(h)},
		{"plugins", w.plugins(h)},
	}
	for _, s := range sections {
		if len(s.entries) > 0 {
			decls = append(decls, dump.Field(s.name, dump.Keyed(s.entries)))
		}
	}
	if err := w.AddFile(dump.SharedFile, decls); err != nil {
		return err
	}
	for _, f := range split {
		w.File = f.name
		group := []dump.Entry{{Name: f.group.Name, Decl: w.group(f.group)}}
		if err := w.AddFile(f.name, []ast.Decl{dump.Field("groups", dump.Keyed(group))}); err != nil {
			return err
		}
	}
	return nil
}

// gateway is the gateway block: the embedded gateway is local: true, an
// instance in the cloud its id, region and projectId.
func (w *writer) gateway() *ast.Field {
	g := w.Opts.Gateway
	var o dump.Obj
	o.Str("provider", hwmodel.Provider)
	if !g.Local {
		o.Str("id", cmp.Or(g.ID, w.Live.State.Gateway.ID))
		o.Str("region", g.Region)
		o.Str("projectId", g.ProjectID)
	}
	o.Str("owner", w.sel.owner)
	o.Flag("local", g.Local)
	return dump.Field("gateway", o.Expr())
}

// readNotes writes the read's notes as a comment, each also left out.
func (w *writer) readNotes() ast.Decl {
	if len(w.Live.Notes) == 0 {
		return nil
	}
	lines := []string{"gwsync dump: the read found what the desired state cannot say; it is left as it is:"}
	for _, n := range dump.SortedSet(w.Live.Notes) {
		lines = append(lines, "- "+n)
		w.LeaveOut(n, readNote)
	}
	return dump.CommentGroup(false, lines)
}
