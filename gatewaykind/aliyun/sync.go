package aliyun

import (
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
	alisync "github.com/gwsync/gwsync/sync/aliyun"
)

// The kind's sync.Planner is alisync.Planner.
var planner alisync.Planner

// Diff plans the kind's desired state against a live gateway.
func (Kind) Diff(d *model.Desired, live *model.Live, opts gwsync.Options) (*gwsync.Plan, []diag.Finding) {
	return planner.Diff(d, live, opts)
}

// ChangeOrder is the kind's order table.
func (Kind) ChangeOrder() *gwsync.Order { return planner.ChangeOrder() }

// ActionTerms are the kind's words for actions.
func (Kind) ActionTerms() map[gwsync.Action]gwsync.Term { return planner.ActionTerms() }

// DocumentTypes are the documents of the kind's changes.
func (Kind) DocumentTypes() []gwsync.DocumentType { return planner.DocumentTypes() }

// DeclaredPositions adds the kind's declared resources of d to at.
func (Kind) DeclaredPositions(d *model.Desired, at map[string]model.Pos) {
	planner.DeclaredPositions(d, at)
}

// HashDesired puts the kind's resources of d into its hash.
func (Kind) HashDesired(d *model.Desired, opts gwsync.Options, put func(kind, name string, v any)) {
	planner.HashDesired(d, opts, put)
}

// ChangeLabel names a change of the kind for people.
func (Kind) ChangeLabel(c *gwsync.Change) string { return planner.ChangeLabel(c) }

// ChangeMarks lists what a failed change of the kind leaves unusable.
func (Kind) ChangeMarks(c *gwsync.Change) []string { return planner.ChangeMarks(c) }

// ChangeNeeds lists what a change of the kind depends on.
func (Kind) ChangeNeeds(c *gwsync.Change) []string { return planner.ChangeNeeds(c) }

// ChangeSerialKey names what a change of the kind is serialised by.
func (Kind) ChangeSerialKey(c *gwsync.Change) string { return planner.ChangeSerialKey(c) }

// LiveDocument is the live document a create or attach of the kind finds.
func (Kind) LiveDocument(live *model.Live, c *gwsync.Change) gwsync.Document {
	return planner.LiveDocument(live, c)
}

// ChangeDrift says what drift needs of a change of the kind.
func (Kind) ChangeDrift(c *gwsync.Change) gwsync.ChangeDrift { return planner.ChangeDrift(c) }

// DriftNote classifies a note of the kind's plan as drift.
func (Kind) DriftNote(n gwsync.Note, live *model.Live, declaredAt map[string]model.Pos) (gwsync.DriftItem, bool) {
	return planner.DriftNote(n, live, declaredAt)
}

// LiveRouteAPIs maps the kind's live routes to their APIs.
func (Kind) LiveRouteAPIs(live *model.Live) map[string]string { return planner.LiveRouteAPIs(live) }

// RouteAPIPath is the resource path of the API a route of the kind is in.
func (Kind) RouteAPIPath(api string) string { return planner.RouteAPIPath(api) }

// VerifiedRoutes lists the kind's routes of d that Verify checks.
func (Kind) VerifiedRoutes(d *model.Desired) []gwsync.VerifiedRoute { return planner.VerifiedRoutes(d) }
