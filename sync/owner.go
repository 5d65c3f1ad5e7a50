package sync

import (
	"regexp"
	"strings"
)

// The ownership marker gwsync writes at the end of the description (or
// remark) of each resource it manages: "[gwsync:OWNER]", OWNER naming
// the desired state (gateway.owner, or else one derived from where the
// desired state lives, see the CLI), so several desired states can share
// one gateway and each deletes only its own. "[gwsync]" is the marker of
// an owner with no name: what gwsync wrote before identities were
// derived; a desired state with a name adopts such a resource when it
// declares it, and never deletes it otherwise. A resource kind with no
// field to carry the marker is never pruned (gateway kinds say which).
var markerPattern = regexp.MustCompile(`\s*\[gwsync(?::([a-z0-9][a-z0-9._-]*))?\]$`)

// Marker is the ownership marker for owner ("" for the default owner).
func Marker(owner string) string {
	if owner == "" {
		return "[gwsync]"
	}
	return "[gwsync:" + owner + "]"
}

// WithMarker appends owner's marker to a description.
func WithMarker(description, owner string) string {
	description = strings.TrimSpace(StripMarker(description))
	if description == "" {
		return Marker(owner)
	}
	return description + " " + Marker(owner)
}

// StripMarker removes an ownership marker from the end of a description.
func StripMarker(description string) string {
	return markerPattern.ReplaceAllString(description, "")
}

// Ownership is what a live description (or remark) says about who
// manages a resource.
type Ownership int

// Ownerships.
const (
	Unmarked   Ownership = iota // no marker: made by hand or by another tool
	Ours                        // this desired state's marker
	OtherOwner                  // another desired state's marker
	Unnamed                     // "[gwsync]", to a desired state with a name
)

// OwnerOf reads the marker of a live description for the desired state
// of owner: who manages it, and the owner name the marker gives ("" for
// the default owner).
func OwnerOf(description, owner string) (Ownership, string) {
	m := markerPattern.FindStringSubmatch(description)
	switch {
	case m == nil:
		return Unmarked, ""
	case m[1] == owner:
		return Ours, m[1]
	case m[1] == "":
		return Unnamed, ""
	default:
		return OtherOwner, m[1]
	}
}

// Adoptable reports an ownership a declaration takes over: no marker, or
// the unnamed owner's.
func (own Ownership) Adoptable() bool { return own == Unmarked || own == Unnamed }

// ownerName renders an owner for messages.
func ownerName(owner string) string {
	if owner == "" {
		return "the default owner"
	}
	return "owner " + owner
}

// MarkerOwner reads the ownership marker at the end of a description: the
// owner it names ("" for the default owner), and whether there is one.
func MarkerOwner(description string) (owner string, marked bool) {
	m := markerPattern.FindStringSubmatch(description)
	if m == nil {
		return "", false
	}
	return m[1], true
}
