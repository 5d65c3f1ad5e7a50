package dump

import (
	"fmt"

	gwsync "github.com/gwsync/gwsync/sync"
)

// MostMarked is the owner whose marker is on most of descs (ties to the
// first by name; "" for the default owner or when nothing is marked).
func MostMarked(descs []string) string {
	counts := map[string]int{}
	for _, d := range descs {
		if o, ok := gwsync.MarkerOwner(d); ok {
			counts[o]++
		}
	}
	best := ""
	for o, n := range counts {
		if n > counts[best] || (n == counts[best] && o < best) {
			best = o
		}
	}
	return best
}

// OtherOwnerWhy says why a resource whose field (description, remark)
// carries another owner's marker than owner's is left out, or "".
func OtherOwnerWhy(field, owner, text string) string {
	o, ok := gwsync.MarkerOwner(text)
	if !ok || o == owner {
		return ""
	}
	return fmt.Sprintf("its %s carries %s, another desired state's marker, and this dump is for %s (to dump the resources of %s, give a PATH whose gateway.owner is %q)",
		field, gwsync.Marker(o), ownerLabel(owner), ownerLabel(o), o)
}

func ownerLabel(o string) string {
	if o == "" {
		return "the default owner"
	}
	return "owner " + o
}
