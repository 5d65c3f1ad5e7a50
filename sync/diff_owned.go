package sync

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// Routes, HTTP APIs and policies carry the ownership marker in their
// description. This file holds what the three share: claiming a declared
// resource and deciding about an undeclared one.

// claim reads the marker of a declared resource's live description. A
// resource another desired state owns is a finding (ok false); an
// unmarked one is adopted: an update that changes it also adds the marker
// (see unmarkedOnly for one that would change nothing else).
func (df *differ) claim(k Kind, name, path string, pos model.Pos, description string) (own ownership, ok bool) {
	own, other := ownerOf(description, df.opts.Owner)
	if own == otherOwner {
		df.errorf(diag.RuleLiveOwner, path, pos,
			"%s %q (%s) is managed by another desired state (%s, marker %s in its description), not by this one (%s): a resource belongs to one desired state; remove it from one of them",
			k, name, df.id(path), ownerName(other), Marker(other), ownerName(df.opts.Owner))
		return own, false
	}
	return own, true
}

// adoptReason explains an update of a resource gwsync did not create.
func adoptReason(own ownership) string {
	switch own {
	case unmarked:
		return "adopts a live resource gwsync did not create: its description gains the ownership marker"
	case unnamed:
		return "adopts a live resource marked [gwsync] without an owner: its description gains this desired state's marker"
	}
	return ""
}

// unmarkedNote is the reason of the note on a declared resource that
// matches the desired state but for the ownership marker.
const unmarkedNote = "declared here but not marked as gwsync's: it is marked when gwsync next changes it; until then it is not deleted when removed from the desired state"

// unmarkedOnly reports whether a declared live resource without a marker
// already is what the desired state says, but for the marker: have is its
// live document and bare the desired one without the marker. Adding the
// marker alone is not worth an update (after gwsync dump, every adopted
// route, HTTP API and policy would show one), so the plan gets a note
// instead and the marker comes with the next real change.
func (df *differ) unmarkedOnly(k Kind, name, path string, own ownership, have, bare Document) bool {
	if !adoptable(own) || !equalButMarker(have, bare) {
		return false
	}
	note := unmarkedNote
	if own == unnamed {
		note = unnamedNote
	}
	df.note(k, name, path, note)
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
		return equalDocs(have, bare)
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

// refuseUnmarkedReplace records that a resource gwsync did not create
// cannot be deleted to be created again.
func (df *differ) refuseUnmarkedReplace(k Kind, name, path string, pos model.Pos, why string) {
	df.errorf(diag.RuleLiveReplace, path, pos,
		"%s %q (%s) must be deleted and created again (%s), but gwsync did not create it (no ownership marker in its description) and will not delete it: rename the desired %s, or delete the live one yourself",
		k, name, df.id(path), why, k)
}

// undeclared decides about a live resource the desired state does not
// declare: it may be pruned (true) only with Options.Prune and only if it
// carries this desired state's marker; otherwise a note says why not.
// where qualifies the note ("in HTTP API x").
func (df *differ) undeclared(k Kind, name, path, description, where string) bool {
	own, other := ownerOf(description, df.opts.Owner)
	switch {
	case own == otherOwner:
		df.note(k, name, path, fmt.Sprintf("not declared%s; managed by another desired state (%s), so left alone", where, ownerName(other)))
	case own == unmarked:
		df.note(k, name, path, "not declared"+where+"; not created by gwsync (no ownership marker), so left alone")
	case own == unnamed:
		df.note(k, name, path, "not declared"+where+"; marked [gwsync] without an owner, not "+Marker(df.opts.Owner)+", so gwsync cannot tell it is this desired state's and leaves it alone: delete it yourself, or declare it")
	case !df.opts.Prune:
		df.keep(k, name, path, "not declared"+where+"; it carries this desired state's marker "+Marker(df.opts.Owner)+": kept (--keep-removed); plan without --keep-removed to delete it")
	default:
		return true
	}
	return false
}

// pruneReason is why a pruned resource may be deleted.
func (df *differ) pruneReason(where string) string {
	return "no longer declared" + where + ", and it carries this desired state's ownership marker " + Marker(df.opts.Owner)
}
