package sync

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	gosync "sync"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/model"
)

// Planner is what plan, apply and drift need of a gateway kind: its diff
// and the order of its changes, and what each of its changes is called,
// carries and depends on. A gateway kind implements it and registers it
// with RegisterHook; sync looks a kind up by gateway.provider (Diff,
// Plan.Term) or, for a change alone, by the change's resource kind and
// documents (see DocumentTypes).
type Planner interface {
	// Diff plans the changes that make live match d, with opts: a plan
	// for d.Gateway with its changes and notes in any order (sync.Diff
	// orders them by ChangeOrder), and the findings that make it unsafe
	// to apply. A kind's diff builds on Differ.
	Diff(d *model.Desired, live *model.Live, opts Options) (*Plan, []diag.Finding)
	// ChangeOrder is the order table the kind's changes run in.
	ChangeOrder() *Order
	// ActionTerms are the kind's words for the actions it names
	// otherwise than the contract does; nil when it names none so.
	ActionTerms() map[Action]Term
	// DocumentTypes lists the documents the kind's changes carry: a
	// change is the kind's when its resource kind is listed here, and a
	// saved change's documents decode into the types listed.
	DocumentTypes() []DocumentType
	// DeclaredPositions adds to at the resource path and position of each
	// resource of d the kind manages (nothing when d is not the kind's).
	DeclaredPositions(d *model.Desired, at map[string]model.Pos)
	// HashDesired puts each resource of d the kind manages, as the
	// document it would be written as, into a desired state's hash (see
	// DesiredHash); nothing when d is not the kind's.
	HashDesired(d *model.Desired, opts Options, put func(kind, name string, v any))
	ChangeRules
	RouteRules
}

// RouteRules is what apply and Verify need of a gateway kind whose
// routes deploy asynchronously (changes of KindRoute): where each route
// sits, and what a deploy of it must leave on the gateway. A kind
// without such routes answers nil and "".
type RouteRules interface {
	// LiveRouteAPIs maps the resource path of each route of live to the
	// name of the API it belongs to (nil when live is not the kind's):
	// apply waits on a route an attachment change touches while the
	// route is busy.
	LiveRouteAPIs(live *model.Live) map[string]string
	// RouteAPIPath is the resource path of the API named api that routes
	// of the kind belong to: reads of a route's deploy state take its
	// live ID.
	RouteAPIPath(api string) string
	// VerifiedRoutes lists the routes of d a deploy must leave as
	// declared, for Verify (nil when d is not the kind's).
	VerifiedRoutes(d *model.Desired) []VerifiedRoute
}

// VerifiedRoute is a declared route as Verify checks it after a deploy.
type VerifiedRoute struct {
	// Path is the route's resource path, as its deploy change names it.
	Path string
	// APIPath is the resource path of the API it belongs to.
	APIPath string
	// Environment is the environment it must be deployed in ("" when
	// none is declared).
	Environment string
	// Domains are the domains it must serve on.
	Domains []VerifiedDomain
}

// VerifiedDomain is a domain a verified route serves on.
type VerifiedDomain struct {
	// Name is the domain's name, as a route's live read lists it.
	Name string
	// Path is its resource path, whose live ID its statistics read takes.
	Path string
}

// ChangeRules is what a gateway kind says of each of its changes: how
// people call it, what the executor must order around it, and what it
// means as drift.
type ChangeRules interface {
	// ChangeLabel names c's resource for people, or "" for the common
	// "KIND NAME".
	ChangeLabel(c *Change) string
	// ChangeMarks lists what c leaves unusable besides its resource when
	// it fails or is skipped: the marks that changes needing it carry
	// (see ChangeNeeds).
	ChangeMarks(c *Change) []string
	// ChangeNeeds lists the marks c depends on: c is skipped when a
	// change that left one of them failed or was skipped.
	ChangeNeeds(c *Change) []string
	// ChangeSerialKey names what c must not touch concurrently with the
	// other changes of its step, or "" for its resource alone.
	ChangeSerialKey(c *Change) string
	// LiveDocument is the live document of the resource a create or
	// attach c is about, normalised as the kind's diff normalises it
	// against c.After, or nil when live has no such resource.
	LiveDocument(live *model.Live, c *Change) Document
	// ChangeDrift says what Drift needs to know of c beyond its action.
	ChangeDrift(c *Change) ChangeDrift
	// DriftNote classifies a note of the kind's plan as drift: an item
	// when the note is about something inside what the desired state
	// declares (declaredAt: each declared resource path's position),
	// nothing otherwise.
	DriftNote(n Note, live *model.Live, declaredAt map[string]model.Pos) (DriftItem, bool)
}

// ChangeDrift is what Drift needs to know of a change beyond its action.
type ChangeDrift struct {
	// Also lists the resource paths the change acts on besides its
	// Resource (the live path of a resource a replace moves).
	Also []string
	// Published is the resource path of what a deploy or undeploy
	// publishes, when it is not the change's Resource: a deploy that
	// follows from that resource's create or update is no drift of its
	// own.
	Published string
	// Policy and Target are the resource paths of the policy and of the
	// resource an attach or detach joins.
	Policy, Target string
	// Holder is the resource path of the declared resource a deleted one
	// sits in, whose position the drift item takes ("": its own).
	Holder string
}

// DocumentType is a type of document a gateway kind's changes carry.
type DocumentType struct {
	// Kind is the resource kind whose create, update, delete or replace
	// carries the document (deploys and undeploys carry a DeployDoc).
	Kind Kind
	// New returns an empty document of the type.
	New func() Document
	// Field, when set, is a JSON field only this type has among the
	// document types of Kind (a resource kind more than one gateway kind
	// has): a saved document of Kind is of this type when it has the
	// field, and of the type without Field otherwise.
	Field string
	// Sets are the JSON pointers of the fields the document holds as one
	// string that is a set, its elements joined with commas: the API
	// takes them that way, and people read them as lists (see
	// FieldChange.Elements).
	Sets []string
}

// registry holds the registered gateway kinds: by gateway.provider (and
// in registration order), and by the resource kinds their changes have.
var registry struct {
	providers kindreg.Registry[Planner]

	mu gosync.RWMutex
	// docs are the document types by resource kind, each with its kind.
	docs map[Kind][]kindDocument
}

type kindDocument struct {
	DocumentType
	p   Planner
	typ reflect.Type
}

// RegisterHook makes p the Planner of the gateway kind serving
// providers (gateway.provider values; the first is the kind's own name).
// A kind registered again under the same first provider replaces the
// earlier one. gatewaykind.Register calls it.
func RegisterHook(providers []string, p Planner) {
	registry.providers.Register(providers, p)
	registry.mu.Lock()
	defer registry.mu.Unlock()
	registry.docs = map[Kind][]kindDocument{}
	for _, p := range registry.providers.All() {
		for _, dt := range p.DocumentTypes() {
			registry.docs[dt.Kind] = append(registry.docs[dt.Kind], kindDocument{DocumentType: dt, p: p, typ: reflect.TypeOf(dt.New())})
		}
	}
}

// lookup returns the Planner of the gateway kind serving provider.
func lookup(provider string) (Planner, error) { return registry.providers.Find(provider) }

// planners returns the registered kinds in registration order.
func planners() []Planner { return registry.providers.All() }

// documentTypes returns the document types of resource kind k.
func documentTypes(k Kind) []kindDocument {
	registry.mu.RLock()
	defer registry.mu.RUnlock()
	return registry.docs[k]
}

// isSetString reports whether a document field, by its JSON pointer, is
// a set held as one string in some registered kind's documents.
func isSetString(path string) bool {
	registry.mu.RLock()
	defer registry.mu.RUnlock()
	for _, dts := range registry.docs {
		for _, dt := range dts {
			if slices.Contains(dt.Sets, path) {
				return true
			}
		}
	}
	return false
}

// ownerOf returns the gateway kind a change is of: the one kind whose
// changes have its resource kind, or, for a resource kind more than one
// has, the kind whose document type its documents are; nil when none is.
func ownerOf(c *Change) Planner {
	dts := documentTypes(c.Kind)
	if len(dts) == 1 {
		return dts[0].p
	}
	for _, doc := range []Document{c.After, c.Before} {
		if doc == nil {
			continue
		}
		for _, dt := range dts {
			if dt.typ == reflect.TypeOf(doc) {
				return dt.p
			}
		}
	}
	return nil
}

// ownerOfKind returns the one gateway kind whose changes have resource
// kind k, or nil when none or several have it.
func ownerOfKind(k Kind) Planner {
	if dts := documentTypes(k); len(dts) == 1 {
		return dts[0].p
	}
	return nil
}

// documentType returns the type of a saved document b of resource kind
// k (see DocumentType.Field); b nil asks only whether k is known.
func documentType(k Kind, b json.RawMessage) (DocumentType, error) {
	dts := documentTypes(k)
	if len(dts) == 0 {
		return DocumentType{}, fmt.Errorf("unknown kind %q", k)
	}
	if len(dts) == 1 {
		return dts[0].DocumentType, nil
	}
	var probe map[string]json.RawMessage
	_ = json.Unmarshal(b, &probe)
	fallback := dts[0].DocumentType
	for _, dt := range dts {
		if _, ok := probe[dt.Field]; ok && dt.Field != "" {
			return dt.DocumentType, nil
		}
		if dt.Field == "" {
			fallback = dt.DocumentType
		}
	}
	return fallback, nil
}
