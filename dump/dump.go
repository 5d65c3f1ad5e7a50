// Package dump writes a live gateway as a gwsync desired state, for teams
// adopting a gateway made by hand: model.Live -> CUE AST -> formatted files
// of one package (package gateway) in the contract's shape.
//
// The output compiles back to the documents the live gateway has, so that
// gwsync plan finds nothing to change: names are keys and references are by
// name, policy configs are structured CUE, and what the gateway derives or
// fills by itself (server defaults, IpAccessControl's target fields, the
// ownership marker) is left out. What the desired state cannot express (a
// policy class gwsync does not model, an attachment to a resource gwsync
// does not manage or in an environment it cannot name, a route that is not
// deployed) is written as a comment where it would go, and listed in
// Result.LeftOut, never dropped silently.
//
// The output is deterministic: the same live gateway gives the same bytes
// (everything sorted by name, no timestamps).
//
// A Huawei Cloud APIG instance (State.Huawei) is written in the shape of
// schema/huawei.cue, as examples/huawei-orders writes it (see huawei.go).
//
// It is one of the few packages that import cuelang.org/go: it builds CUE
// syntax and formats it with CUE's own formatter.
package dump

import (
	"fmt"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// Split values: how the output is cut into files.
const (
	// SplitSingle writes one file, gateway.cue.
	SplitSingle = "single"
	// SplitPerAPI writes one file per HTTP API (api-<name>.cue) and
	// gateway.cue with everything else; for a Huawei instance, whose APIs
	// live inside their group, one file per group (group-<name>.cue).
	SplitPerAPI = "per-api"
)

// SharedFile is the file holding the gateway block and every resource
// that is not an HTTP API (with SplitSingle, everything).
const SharedFile = "gateway.cue"

// Options shape a dump.
type Options struct {
	// Gateway is written as the gateway block (provider, id, region; for
	// provider huawei also projectId, or local: true).
	// Owner, when set, is the owner whose marked resources are dumped;
	// otherwise the dump picks the owner that marks most of them.
	Gateway model.Gateway
	// Split is SplitSingle (the default when empty) or SplitPerAPI.
	Split string
	// WithIDs writes live IDs: environments' id fields, and an "id:"
	// comment above every other resource (the schema has no field for
	// them: resources are found by name).
	WithIDs bool
}

// File is one output file: its name inside the output directory, and its
// content.
type File struct {
	Name string
	Data []byte
}

// LeftOut is something live that the desired state cannot express,
// written as a comment in File.
type LeftOut struct {
	// What names it: `policy "gw-whitelist" (p-12)`.
	What string
	// Why says why it is left out and what to do about it.
	Why string
	// File is the output file holding the comment.
	File string
}

// String renders l as one line, as gwsync dump prints it on stderr.
func (l LeftOut) String() string {
	return fmt.Sprintf("left out: %s: %s; written as a comment in %s", l.What, l.Why, l.File)
}

// Result is what Build made.
type Result struct {
	// Files are the output files, sorted by name.
	Files []File
	// LeftOut lists what is written only as a comment, by file and name.
	LeftOut []LeftOut
	// Notes are things the first plan after the dump will still change,
	// with why (each also written as a comment in the output).
	Notes []string
	// Owner is the owner whose ownership marker the dump kept
	// (gateway.owner; "" for the default owner).
	Owner string
	// Counts of what is written (for a Huawei instance: Domains bound to
	// groups, and Policies counting throttles, ACLs and plugins).
	Services, Domains, Policies, HTTPAPIs, Routes int
	// Huawei is set for a Huawei instance's dump, whose counts are
	// Environments, Groups, APIs, Domains and Policies.
	Huawei bool
	// Counts of what is written for a Huawei instance.
	Environments, Groups, APIs int
}

// Build writes the live gateway as a desired state. It does not copy
// live.Notes: each note of the read has a structured counterpart the dump
// reads itself (live.Unmanaged, a policy config that does not decode).
func Build(live *model.Live, opts Options) (*Result, error) {
	switch opts.Split {
	case "":
		opts.Split = SplitSingle
	case SplitSingle, SplitPerAPI:
	default:
		return nil, fmt.Errorf("split %q: use %q or %q", opts.Split, SplitSingle, SplitPerAPI)
	}
	if hwmodel.Of(&live.State) != nil || opts.Gateway.Provider == "huawei" {
		return buildHuawei(live, opts)
	}
	sel := choose(live, opts.Gateway.Owner)
	w := newWriter(live, sel, opts)
	files, err := w.files()
	if err != nil {
		return nil, err
	}
	res := &Result{Files: files, LeftOut: w.leftOut, Notes: w.notes, Owner: sel.owner}
	res.Services, res.Domains = len(live.State.Services), len(live.State.Domains)
	res.Policies, res.HTTPAPIs, res.Routes = sel.counts()
	return res, nil
}
