package sync

import (
	"regexp"
	"strings"
)

// The ownership marker gwsync writes at the end of the description of each
// route, HTTP API and policy it manages: "[gwsync:OWNER]", OWNER naming
// the desired state (gateway.owner, or else one derived from where the
// desired state lives, see the CLI), so several desired states can share
// one gateway and each deletes only its own. "[gwsync]" is the marker of
// an owner with no name: what gwsync wrote before identities were
// derived; a desired state with a name adopts such a resource when it
// declares it, and never deletes it otherwise. Services and domains have
// no description in APIG, so they carry no marker and are never pruned.
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

// ownership is what a live description says about who manages a resource.
type ownership int

const (
	unmarked   ownership = iota // no marker: made by hand or by another tool
	ours                        // this desired state's marker
	otherOwner                  // another desired state's marker
	unnamed                     // "[gwsync]", to a desired state with a name
)

// ownerOf reads the marker of a live description: who manages it, and the
// owner name the marker gives ("" for the default owner).
func ownerOf(description, owner string) (ownership, string) {
	m := markerPattern.FindStringSubmatch(description)
	switch {
	case m == nil:
		return unmarked, ""
	case m[1] == owner:
		return ours, m[1]
	case m[1] == "":
		return unnamed, ""
	default:
		return otherOwner, m[1]
	}
}

// adoptable reports an ownership a declaration takes over: no marker, or
// the unnamed owner's.
func adoptable(own ownership) bool { return own == unmarked || own == unnamed }

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
