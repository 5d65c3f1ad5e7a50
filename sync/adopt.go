package sync

import (
	"context"
	"fmt"
	"strings"
	gosync "sync"
	"time"

	"github.com/gwsync/gwsync/model"
)

// adoptExisting decides about a resource a create found already there:
// read it, and if it is what the change wanted (an earlier, interrupted
// apply made it), take its ID and go on; otherwise the change fails with
// a conflict that says what differs.
func (r *run) adoptExisting(c *Change, exists *ExistsError) error {
	live, err := r.adopt.read(r.calls, time.Now())
	if err != nil {
		return fmt.Errorf("%w; reading the gateway to compare it failed: %w", exists, err)
	}
	have := liveDocOf(live, c)
	if have == nil {
		return fmt.Errorf("%w, but reading the gateway again did not find it: retry the apply", exists)
	}
	if !EqualDocs(have, c.After) {
		return fmt.Errorf("conflict: a %s of this name already exists on the gateway as %s and %s; gwsync did not make it for this desired state: rename the %s in the desired state, or change or remove the live one (%s)",
			c.Kind, exists.ID, changedPaths(FieldChanges(have, c.After)), c.Kind, unlabelled(c, exists.Err))
	}
	id := live.IDs[c.Resource]
	if id == "" {
		id = exists.ID
	}
	r.recordID(c.Resource, id)
	return nil
}

func changedPaths(fs []FieldChange) string {
	paths := make([]string, len(fs))
	for i, f := range fs {
		paths[i] = f.Path
	}
	return "differs from the desired state at " + strings.Join(paths, ", ")
}

// adopter reads the live gateway for adoptions, sharing one read among
// the conflicts met while it was under way.
type adopter struct {
	gw Gateway

	mu     gosync.Mutex
	live   *model.Live
	readAt time.Time // when the read of live started
}

// read returns a read of the gateway that started after since.
func (a *adopter) read(ctx context.Context, since time.Time) (*model.Live, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.live != nil && a.readAt.After(since) {
		return a.live, nil
	}
	start := time.Now()
	live, err := a.gw.Read(ctx)
	if err != nil {
		return nil, err
	}
	a.live, a.readAt = live, start
	return live, nil
}

// liveDocOf is the live document of the resource a create or attach is
// about, normalised as Diff normalises it against the wanted document,
// or nil when the gateway has no such resource (see
// ChangeRules.LiveDocument).
func liveDocOf(live *model.Live, c *Change) Document {
	if k := ownerOf(c); k != nil {
		return k.LiveDocument(live, c)
	}
	return nil
}
