// Package dump writes a live gateway as a gwsync desired state, for teams
// adopting a gateway made by hand: model.Live -> CUE AST -> formatted files
// of one package (package gateway) in the contract's shape.
//
// The output compiles back to the documents the live gateway has, so that
// gwsync plan finds nothing to change: names are keys and references are by
// name, configs are structured CUE, and what the gateway derives or fills
// by itself (server defaults, the ownership marker) is left out. What the
// desired state cannot express (a resource gwsync does not model, one
// marked by another desired state, one that depends on a left-out
// resource) is written as a comment where it would go, and listed in
// Result.LeftOut, never dropped silently.
//
// The output is deterministic: the same live gateway gives the same bytes
// (everything sorted by name, no timestamps).
//
// What to write of a gateway is the kind's: each kind registers a Dumper
// (see RegisterHook), and Build dispatches by provider. This package holds
// what every kind's dump shares: the options and result, the writing of
// CUE (Writer, Obj, Keyed, ...), the choice of owner, and Write, which
// puts the files in place.
//
// It is one of the few packages that import cuelang.org/go: it builds CUE
// syntax and formats it with CUE's own formatter.
package dump

import (
	"cmp"
	"fmt"

	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/model"
)

// Split values: how the output is cut into files.
const (
	// SplitSingle writes one file, gateway.cue.
	SplitSingle = "single"
	// SplitPerAPI writes one file per HTTP API (api-<name>.cue) and
	// gateway.cue with everything else; a kind whose APIs live inside
	// their group writes one file per group (group-<name>.cue).
	SplitPerAPI = "per-api"
)

// SharedFile is the file holding the gateway block and every resource
// that is not written to a file of its own (with SplitSingle,
// everything).
const SharedFile = "gateway.cue"

// Options shape a dump.
type Options struct {
	// Gateway is written as the gateway block (provider, id, region and
	// what else the kind's gateway block says).
	// Owner, when set, is the owner whose marked resources are dumped;
	// otherwise the dump picks the owner that marks most of them.
	Gateway model.Gateway
	// Split is SplitSingle (the default when empty) or SplitPerAPI.
	Split string
	// WithIDs writes live IDs: as fields where the schema has them, and
	// as an "id:" comment above every other resource (resources are
	// found by name).
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

// Count is how many resources of one sort a dump wrote.
type Count struct {
	// N is the number written.
	N int
	// Noun names one of them ("HTTP API"), to be pluralised for N.
	Noun string
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
	// Counts are what is written, in the order gwsync dump's summary
	// gives them.
	Counts []Count
}

// Dumper is what the dump needs of a gateway kind: writing a live
// gateway of the kind as its desired state, and how gwsync dump presents
// the kind.
type Dumper interface {
	// DumpLive writes live, a gateway of the kind, as a desired state.
	// opts.Split is SplitSingle or SplitPerAPI.
	DumpLive(live *model.Live, opts Options) (*Result, error)
	// DumpUsage is what gwsync dump's help and flag checks say of the
	// kind.
	DumpUsage() Usage
}

var kinds kindreg.Registry[Dumper]

// RegisterHook makes d the dump of the gateways of providers (see
// gatewaykind.Register, which calls it for every kind).
func RegisterHook(providers []string, d Dumper) { kinds.Register(providers, d) }

// Build writes the live gateway as a desired state, through the dump of
// the kind serving opts.Gateway.Provider (or, when that is empty, the
// live gateway's provider).
func Build(live *model.Live, opts Options) (*Result, error) {
	switch opts.Split {
	case "":
		opts.Split = SplitSingle
	case SplitSingle, SplitPerAPI:
	default:
		return nil, fmt.Errorf("split %q: use %q or %q", opts.Split, SplitSingle, SplitPerAPI)
	}
	provider := cmp.Or(opts.Gateway.Provider, live.State.Gateway.Provider)
	d, err := kinds.Find(provider)
	if err != nil {
		return nil, fmt.Errorf("dump: %w", err)
	}
	return d.DumpLive(live, opts)
}
