package huawei

import (
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Planner is the Huawei Cloud APIG kind's sync.Planner: its diff, order
// table, words and documents, and the rules of its changes.
type Planner struct{}

// Diff plans a Huawei desired state (see the package's Diff).
func (Planner) Diff(d *model.Desired, live *model.Live, opts gwsync.Options) (*gwsync.Plan, []diag.Finding) {
	return Diff(d, live, opts)
}

// ChangeOrder is the Huawei order table.
func (Planner) ChangeOrder() *gwsync.Order { return order }

// ActionTerms are Huawei Cloud APIG's words: publish and bind.
func (Planner) ActionTerms() map[gwsync.Action]gwsync.Term { return terms }

// DocumentTypes are the documents of a Huawei plan's changes.
func (Planner) DocumentTypes() []gwsync.DocumentType { return documentTypes }

// DeclaredPositions adds the resources of d's Huawei state to at.
func (Planner) DeclaredPositions(d *model.Desired, at map[string]model.Pos) {
	if h := hwmodel.Of(d); h != nil {
		declaredPositions(h, at)
	}
}

// HashDesired puts the resources of d's Huawei state into its hash.
func (Planner) HashDesired(d *model.Desired, opts gwsync.Options, put func(kind, name string, v any)) {
	if h := hwmodel.Of(d); h != nil {
		hashDesired(h, opts, put)
	}
}

// ChangeLabel names bindings and variables (see label).
func (Planner) ChangeLabel(c *gwsync.Change) string { return label(c) }

// ChangeMarks lists what a failed Huawei change leaves unusable.
func (Planner) ChangeMarks(c *gwsync.Change) []string { return marks(c) }

// ChangeNeeds lists what a Huawei change depends on.
func (Planner) ChangeNeeds(c *gwsync.Change) []string { return needs(c) }

// ChangeSerialKey runs every binding write of a step in one chain:
// parallel binding writes fail with APIG.3500 (fact sheet §1), an
// instance takes them one at a time.
func (Planner) ChangeSerialKey(c *gwsync.Change) string {
	if c.Kind == KindBinding {
		return "huawei-bindings"
	}
	return ""
}

// LiveDocument is the live document a Huawei create or attach finds.
func (Planner) LiveDocument(live *model.Live, c *gwsync.Change) gwsync.Document {
	return liveDocument(live, c)
}

// ChangeDrift says what drift needs of a Huawei change.
func (Planner) ChangeDrift(c *gwsync.Change) gwsync.ChangeDrift { return changeDrift(c) }

// DriftNote classifies no note of a Huawei plan as drift.
func (Planner) DriftNote(gwsync.Note, *model.Live, map[string]model.Pos) (gwsync.DriftItem, bool) {
	return gwsync.DriftItem{}, false
}

// LiveRouteAPIs is nil: a Huawei plan has no route changes (KindRoute),
// none of which apply waits on.
func (Planner) LiveRouteAPIs(*model.Live) map[string]string { return nil }

// RouteAPIPath is "": a Huawei plan has no route changes.
func (Planner) RouteAPIPath(string) string { return "" }

// VerifiedRoutes is nil: Verify checks no Huawei route.
func (Planner) VerifiedRoutes(*model.Desired) []gwsync.VerifiedRoute { return nil }
