package aliyun

import (
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Planner is the Alibaba Cloud APIG kind's sync.Planner: its diff, order
// table and documents, and the rules of its changes.
type Planner struct{}

// documentTypes are the documents of an APIG plan's changes.
var documentTypes = []gwsync.DocumentType{
	{Kind: gwsync.KindService, New: func() gwsync.Document { return &gwsync.ServiceDoc{} }},
	{Kind: gwsync.KindDomain, New: func() gwsync.Document { return &gwsync.DomainDoc{} }},
	{Kind: gwsync.KindPolicy, New: func() gwsync.Document { return &gwsync.PolicyDoc{} }, Sets: []string{"/config/ipAccessControlContent"}},
	{Kind: gwsync.KindHTTPAPI, New: func() gwsync.Document { return &gwsync.HTTPAPIDoc{} }},
	{Kind: gwsync.KindRoute, New: func() gwsync.Document { return &gwsync.RouteDoc{} }},
	{Kind: gwsync.KindAttachment, New: func() gwsync.Document { return &gwsync.AttachmentDoc{} }},
}

// Diff plans an APIG desired state (see the package's Diff).
func (Planner) Diff(d *model.Desired, live *model.Live, opts gwsync.Options) (*gwsync.Plan, []diag.Finding) {
	return Diff(d, live, opts)
}

// ChangeOrder is the APIG order table.
func (Planner) ChangeOrder() *gwsync.Order { return order }

// ActionTerms are none: APIG's words are the contract's.
func (Planner) ActionTerms() map[gwsync.Action]gwsync.Term { return nil }

// DocumentTypes are the documents of an APIG plan's changes.
func (Planner) DocumentTypes() []gwsync.DocumentType { return documentTypes }

// DeclaredPositions adds the APIG resources of d to at.
func (Planner) DeclaredPositions(d *model.Desired, at map[string]model.Pos) {
	if s := alimodel.Of(d); s != nil {
		declaredPositions(s, at)
	}
}

// HashDesired puts the APIG resources of d into its hash.
func (Planner) HashDesired(d *model.Desired, opts gwsync.Options, put func(kind, name string, v any)) {
	if s := alimodel.Of(d); s != nil {
		hashDesired(s, opts, put)
	}
}

// ChangeLabel names attachments (see label).
func (Planner) ChangeLabel(c *gwsync.Change) string { return label(c) }

// ChangeMarks lists what a failed APIG change leaves unusable.
func (Planner) ChangeMarks(c *gwsync.Change) []string { return marks(c) }

// ChangeNeeds lists what an APIG change depends on.
func (Planner) ChangeNeeds(c *gwsync.Change) []string { return needs(c) }

// ChangeSerialKey serialises the attachments to one resource.
func (Planner) ChangeSerialKey(c *gwsync.Change) string { return serialKey(c) }

// LiveDocument is the live document an APIG create or attach finds.
func (Planner) LiveDocument(live *model.Live, c *gwsync.Change) gwsync.Document {
	return liveDocument(live, c)
}

// ChangeDrift says what drift needs of an APIG change.
func (Planner) ChangeDrift(c *gwsync.Change) gwsync.ChangeDrift { return changeDrift(c) }

// DriftNote classifies a note of an APIG plan as drift (see driftNote).
func (Planner) DriftNote(n gwsync.Note, live *model.Live, declaredAt map[string]model.Pos) (gwsync.DriftItem, bool) {
	return driftNote(n, live, declaredAt)
}

// LiveRouteAPIs maps each route of an APIG live state to its HTTP API.
func (Planner) LiveRouteAPIs(live *model.Live) map[string]string {
	s := alimodel.Of(&live.State)
	if s == nil {
		return nil
	}
	out := map[string]string{}
	for _, r := range s.Routes() {
		out[r.Path()] = r.API
	}
	return out
}

// RouteAPIPath is the resource path of the HTTP API named api.
func (Planner) RouteAPIPath(api string) string { return alimodel.HTTPAPIPath(api) }

// VerifiedRoutes lists the routes of an APIG desired state, with their
// HTTP API, environment and domains.
func (Planner) VerifiedRoutes(d *model.Desired) []gwsync.VerifiedRoute {
	s := alimodel.Of(d)
	if s == nil {
		return nil
	}
	var out []gwsync.VerifiedRoute
	for _, r := range s.Routes() {
		v := gwsync.VerifiedRoute{Path: r.Path(), APIPath: alimodel.HTTPAPIPath(r.API), Environment: r.Environment.Name}
		for _, dm := range r.Domains {
			v.Domains = append(v.Domains, gwsync.VerifiedDomain{Name: dm.Name, Path: alimodel.DomainPath(dm.Name)})
		}
		out = append(out, v)
	}
	return out
}
