package report

import (
	"fmt"

	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/sync"
)

// Wording is what the views need of a gateway kind: what its desired
// states are counted in, and the titles of the changes it words its own
// way.
type Wording interface {
	// DesiredCounts counts what d, a desired state of the kind,
	// declares, in the order validate's summary line lists them.
	DesiredCounts(d *model.Desired) []Count
	// ChangeTitle names what change c does to which resource when the
	// kind words it its own way (see LiveRef for the ID it shows), or
	// is "" for the common title.
	ChangeTitle(c *sync.Change) string
}

var kinds kindreg.Registry[Wording]

// RegisterHook makes w the wording of each of providers, replacing any
// earlier one.
func RegisterHook(providers []string, w Wording) { kinds.Register(providers, w) }

// StatsOf counts what d declares, in the words of its gateway's kind, for
// Validation.Stats.
func StatsOf(d *model.Desired) ([]Count, error) {
	w, err := kinds.Find(d.Gateway.Provider)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Gateway.Pos, err)
	}
	return w.DesiredCounts(d), nil
}

// titler titles the changes of a plan of provider's gateway: in its
// kind's words where it has its own, in the common ones otherwise.
func titler(provider string) func(*sync.Change) string {
	w, ok := kinds.Lookup(provider)
	return func(c *sync.Change) string {
		if ok {
			if t := w.ChangeTitle(c); t != "" {
				return t
			}
		}
		return changeTitle(c)
	}
}
