package sync

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Differ is the part of one diff that every gateway kind's Diff shares:
// the plan it makes and its findings, which resource paths the desired
// state declares and which the plan deletes, and how ownership markers
// decide what a plan may adopt, change and delete. A kind's diff holds
// one, fills Declared, and plans through its methods.
type Differ struct {
	// Desired and Live are the two sides, Opts the diff's options.
	Desired *model.Desired
	Live    *model.Live
	Opts    Options
	// Plan is the plan being made (changes and notes in any order: Diff
	// orders them), Findings what makes it unsafe to apply.
	Plan     *Plan
	Findings []diag.Finding
	// Declared holds the resource paths (and whatever other keys a kind
	// finds its resources by) the desired state declares.
	Declared map[string]bool
	// Gone holds the resource paths a change deletes or replaces.
	Gone map[string]bool
	// MarkerField is the field of a live resource that carries the
	// ownership marker, as messages name it ("description").
	MarkerField string
}

// NewDiffer starts a diff of d against live with opts, for a kind whose
// resources carry the ownership marker in markerField.
func NewDiffer(d *model.Desired, live *model.Live, opts Options, markerField string) *Differ {
	return &Differ{Desired: d, Live: live, Opts: opts, Plan: &Plan{Gateway: d.Gateway, Changes: []*Change{}, Notes: []Note{}},
		Declared: map[string]bool{}, Gone: map[string]bool{}, MarkerField: markerField}
}

// Result returns the plan and the findings, sorted.
func (df *Differ) Result() (*Plan, []diag.Finding) { return df.Plan, diag.Sort(df.Findings) }

// Add records a change.
func (df *Differ) Add(c *Change) { df.Plan.Changes = append(df.Plan.Changes, c) }

// Note records something left alone.
func (df *Differ) Note(k Kind, name, resource, reason string) {
	df.Plan.Notes = append(df.Plan.Notes, Note{Kind: k, Name: name, Resource: resource, ID: df.ID(resource), Reason: reason})
}

// Keep records a note on something this desired state made and no longer
// declares, kept because of KeepRemoved (Options.Prune false).
func (df *Differ) Keep(k Kind, name, resource, reason string) {
	df.Plan.Notes = append(df.Plan.Notes, Note{Kind: k, Name: name, Resource: resource, ID: df.ID(resource), Reason: reason, Kept: true})
}

// Errorf records a finding that makes the plan unsafe to apply.
func (df *Differ) Errorf(rule, resource string, pos model.Pos, format string, args ...any) {
	df.Findings = append(df.Findings, diag.Errorf(rule, resource, pos, fmt.Sprintf(format, args...)))
}

// ID is the live ID of a resource path.
func (df *Differ) ID(path string) string { return df.Live.IDs[path] }

// Compare plans the create or update of one resource whose live form may
// be missing (live nil), and returns the change, or nil when there is
// nothing to do.
func (df *Differ) Compare(k Kind, name, path string, pos model.Pos, live, want Document) *Change {
	if live == nil {
		c := &Change{Action: Create, Kind: k, Name: name, Resource: path, After: want, Pos: pos}
		df.Add(c)
		return c
	}
	if EqualDocs(live, want) {
		return nil
	}
	c := &Change{Action: Update, Kind: k, Name: name, Resource: path, ID: df.ID(path), Before: live, After: want,
		Fields: FieldChanges(live, want), Pos: pos}
	df.Add(c)
	return c
}

// Marked plans the create or update of a declared resource that carries
// the ownership marker: liveMarked is the live field that carries it (nil
// when the resource is missing), have and want its live and desired
// documents, bare the desired one without the marker. See Claim and
// Adopt.
func (df *Differ) Marked(k Kind, name, path string, pos model.Pos, liveMarked *string, have, want, bare Document) *Change {
	if liveMarked == nil {
		return df.Compare(k, name, path, pos, nil, want)
	}
	own, ok := df.Claim(k, name, path, pos, *liveMarked)
	if !ok {
		return nil
	}
	return df.Adopt(k, name, path, pos, own, have, want, bare)
}

// Claim reads the marker of a declared resource's live field marked. A
// resource another desired state owns is a finding (ok false); an
// unmarked one is adopted: an update that changes it also adds the marker
// (see UnmarkedOnly for one that would change nothing else).
func (df *Differ) Claim(k Kind, name, path string, pos model.Pos, marked string) (own Ownership, ok bool) {
	own, other := OwnerOf(marked, df.Opts.Owner)
	if own == OtherOwner {
		df.Errorf(diag.RuleLiveOwner, path, pos,
			"%s %q (%s) is managed by another desired state (%s, marker %s in its %s), not by this one (%s): a resource belongs to one desired state; remove it from one of them",
			k, name, df.ID(path), ownerName(other), Marker(other), df.MarkerField, ownerName(df.Opts.Owner))
		return own, false
	}
	return own, true
}

// Adopt plans the update of a claimed live resource (own its ownership,
// have its live document) to want, unless it differs only by the marker
// (bare is want without it; see UnmarkedOnly). It returns the change, or
// nil when there is none.
func (df *Differ) Adopt(k Kind, name, path string, pos model.Pos, own Ownership, have, want, bare Document) *Change {
	if df.UnmarkedOnly(k, name, path, own, have, bare) {
		return nil
	}
	c := df.Compare(k, name, path, pos, have, want)
	if c != nil {
		c.Reason = df.AdoptReason(own)
	}
	return c
}

// AdoptReason explains an update of a resource gwsync did not create.
func (df *Differ) AdoptReason(own Ownership) string {
	switch own {
	case Unmarked:
		return "adopts a live resource gwsync did not create: its " + df.MarkerField + " gains the ownership marker"
	case Unnamed:
		return "adopts a live resource marked [gwsync] without an owner: its " + df.MarkerField + " gains this desired state's marker"
	}
	return ""
}

// unmarkedNote is the reason of the note on a declared resource that
// matches the desired state but for the ownership marker.
const unmarkedNote = "declared here but not marked as gwsync's: it is marked when gwsync next changes it; until then it is not deleted when removed from the desired state"

// UnmarkedOnly reports whether a declared live resource without a marker
// already is what the desired state says, but for the marker: have is its
// live document and bare the desired one without the marker. Adding the
// marker alone is not worth an update (after gwsync dump, every adopted
// resource would show one), so the plan gets a note instead and the
// marker comes with the next real change.
func (df *Differ) UnmarkedOnly(k Kind, name, path string, own Ownership, have, bare Document) bool {
	if !own.Adoptable() || !equalButMarker(have, bare) {
		return false
	}
	note := unmarkedNote
	if own == Unnamed {
		note = unnamedNote
	}
	df.Note(k, name, path, note)
	return true
}

// unnamedNote is unmarkedNote for a resource marked by the unnamed owner.
const unnamedNote = "declared here and marked [gwsync] without an owner (by an earlier gwsync, or a desired state without one): it takes this desired state's marker when gwsync next changes it; until then it is not deleted"

// equalButMarker reports whether a live document is bare, the desired one
// without a marker, once any marker is taken off its description or
// remark.
func equalButMarker(have, bare Document) bool {
	h, ok := toJSON(have).(map[string]any)
	if !ok {
		return EqualDocs(have, bare)
	}
	for _, k := range []string{"description", "remark"} {
		if s, ok := h[k].(string); ok {
			if h[k] = strings.TrimSpace(StripMarker(s)); h[k] == "" {
				delete(h, k)
			}
		}
	}
	return reflect.DeepEqual(h, toJSON(bare))
}

// Undeclared decides about a live resource the desired state does not
// declare, whose field that carries the marker is marked: it may be
// pruned (true) only with Options.Prune and only if it carries this
// desired state's marker; otherwise a note says why not. where qualifies
// the note ("in HTTP API x").
func (df *Differ) Undeclared(k Kind, name, path, marked, where string) bool {
	own, other := OwnerOf(marked, df.Opts.Owner)
	switch {
	case own == OtherOwner:
		df.Note(k, name, path, fmt.Sprintf("not declared%s; managed by another desired state (%s), so left alone", where, ownerName(other)))
	case own == Unmarked:
		df.Note(k, name, path, "not declared"+where+"; not created by gwsync (no ownership marker), so left alone")
	case own == Unnamed:
		df.Note(k, name, path, "not declared"+where+"; marked [gwsync] without an owner, not "+Marker(df.Opts.Owner)+", so gwsync cannot tell it is this desired state's and leaves it alone: delete it yourself, or declare it")
	case !df.Opts.Prune:
		df.Keep(k, name, path, "not declared"+where+"; it carries this desired state's marker "+Marker(df.Opts.Owner)+": kept (--keep-removed); plan without --keep-removed to delete it")
	default:
		return true
	}
	return false
}

// PruneHolder decides about an undeclared live resource that holds
// others (its marker in marked, before its live document), as Undeclared
// does, and plans its delete when it may go and none of what it holds
// stays: staying names what it still holds that gwsync does not delete,
// held says what those are ("routes"). It returns the delete, or nil.
func (df *Differ) PruneHolder(k Kind, name, path, marked string, before Document, held string, staying []string) *Change {
	if !df.Undeclared(k, name, path, marked, "") {
		return nil
	}
	if len(staying) > 0 {
		df.Note(k, name, path, "not declared, but it still holds "+held+" gwsync does not delete ("+ListNames(staying)+"); left alone")
		return nil
	}
	return df.Prune(k, name, path, before, "")
}

// Prune plans the delete of an undeclared live resource that Undeclared
// (or the kind's own rule) allowed: before is its live document, where
// qualifies the reason. It marks the resource gone and returns the
// change.
func (df *Differ) Prune(k Kind, name, path string, before Document, where string) *Change {
	df.Gone[path] = true
	c := &Change{Action: Delete, Kind: k, Name: name, Resource: path, ID: df.ID(path), Before: before, Reason: df.PruneReason(where)}
	df.Add(c)
	return c
}

// PruneReason is why a pruned resource may be deleted.
func (df *Differ) PruneReason(where string) string {
	return "no longer declared" + where + ", and it carries this desired state's ownership marker " + Marker(df.Opts.Owner)
}
