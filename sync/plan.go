package sync

import (
	"encoding/json"
	"fmt"

	"github.com/gwsync/gwsync/model"
)

// Action is what a change does, as the contract spells it.
type Action string

// Actions.
const (
	Create   Action = "create"
	Update   Action = "update"
	Delete   Action = "delete"
	Replace  Action = "replace" // delete and create again: an immutable field changed
	Deploy   Action = "deploy"
	Undeploy Action = "undeploy"
	Attach   Action = "attach"
	Detach   Action = "detach"
)

// Kind is the kind of resource a change is about, as the contract spells it.
type Kind string

// Kinds.
const (
	KindService    Kind = "service"
	KindDomain     Kind = "domain"
	KindPolicy     Kind = "policy"
	KindHTTPAPI    Kind = "httpApi"
	KindRoute      Kind = "route"
	KindAttachment Kind = "attachment"
)

// Change is one step of a plan.
type Change struct {
	Action Action `json:"action"`
	Kind   Kind   `json:"kind"`
	// Name is the resource's name; for an attachment, the policy's.
	Name string `json:"name"`
	// API is the route's HTTP API (routes, and deploys of routes).
	API string `json:"api,omitempty"`
	// Resource is the resource path (model.RoutePath, ...); for an
	// attachment, its key as the kind names it.
	Resource string `json:"resource"`
	// ID is the live ID the change acts on ("" for a create).
	ID string `json:"id,omitempty"`
	// Step is the change's place in the order table (see Order).
	Step int `json:"step"`
	// Before is the live document and After the desired one (nil for a
	// create and a delete respectively). Their type follows Kind.
	Before Document `json:"before"`
	After  Document `json:"after"`
	// Fields lists what an update or replace changes, field by field.
	Fields []FieldChange `json:"fields,omitempty"`
	// Reason says why the change is planned: why a delete is allowed,
	// which immutable field forces a replace, why a route is deployed.
	Reason string `json:"reason,omitempty"`
	// Pos is where the resource is declared (empty for deletes).
	Pos model.Pos `json:"-"`
}

// FieldChange is one field of a document that differs: a JSON pointer
// into the document and the values before and after (nil: absent).
type FieldChange struct {
	Path   string `json:"path"`
	Before any    `json:"before"`
	After  any    `json:"after"`
	// Sensitive marks a value that is masked when shown.
	Sensitive bool `json:"sensitive,omitempty"`
}

// Label names the change's resource for people: "route orders-route",
// or as the gateway kind the change is of names it (see
// ChangeRules.ChangeLabel).
func (c *Change) Label() string {
	if k := ownerOf(c); k != nil {
		if l := k.ChangeLabel(c); l != "" {
			return l
		}
	}
	return fmt.Sprintf("%s %s", c.Kind, c.Name)
}

// AttachTarget is the resource path an attachment change points at: its
// document's resource, or the change's own.
func AttachTarget(c *Change) string {
	for _, d := range []Document{c.After, c.Before} {
		if a, ok := d.(*AttachmentDoc); ok {
			return a.Resource
		}
	}
	return c.Resource
}

// Note is something the plan found and leaves alone: a live resource the
// desired state does not declare, a delete --prune would make, or a delete
// it refuses.
type Note struct {
	Kind Kind   `json:"kind"`
	Name string `json:"name"`
	// Resource is the resource path, ID its live ID.
	Resource string `json:"resource"`
	ID       string `json:"id,omitempty"`
	// Reason says why it is left alone and what would change that.
	Reason string `json:"reason"`
	// Kept marks something this desired state made and no longer
	// declares, left because the plan was made with --keep-removed: the
	// gateway does not match the desired state while it stays.
	Kept bool `json:"kept,omitempty"`
}

// Kept counts the notes on what this desired state made and keeps though
// it no longer declares it.
func (p *Plan) Kept() int {
	n := 0
	for _, note := range p.Notes {
		if note.Kept {
			n++
		}
	}
	return n
}

// Plan is the ordered change set for one gateway.
type Plan struct {
	// Gateway is the target.
	Gateway model.Gateway `json:"-"`
	// Changes are in the order apply starts them.
	Changes []*Change `json:"changes"`
	// Notes are what the plan leaves alone, sorted.
	Notes []Note `json:"notes"`
}

// Summary counts a plan's changes by action.
type Summary map[Action]int

// Summary counts the plan's changes by action; every action the contract
// names is present, with 0 when absent.
func (p *Plan) Summary() Summary {
	s := Summary{}
	for _, a := range []Action{Create, Update, Delete, Replace, Deploy, Undeploy, Attach, Detach} {
		s[a] = 0
	}
	for _, c := range p.Changes {
		s[c.Action]++
	}
	return s
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// changeJSON is Change on the wire, with its position and typed documents.
type changeJSON struct {
	Action   Action          `json:"action"`
	Kind     Kind            `json:"kind"`
	Name     string          `json:"name"`
	API      string          `json:"api,omitempty"`
	Resource string          `json:"resource"`
	ID       string          `json:"id,omitempty"`
	Step     int             `json:"step"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	Fields   []FieldChange   `json:"fields,omitempty"`
	Reason   string          `json:"reason,omitempty"`
	File     string          `json:"file,omitempty"`
	Line     int             `json:"line,omitempty"`
	Column   int             `json:"column,omitempty"`
}

// MarshalJSON writes a change with its position as file, line and column.
func (c *Change) MarshalJSON() ([]byte, error) {
	before, err := json.Marshal(c.Before)
	if err != nil {
		return nil, err
	}
	after, err := json.Marshal(c.After)
	if err != nil {
		return nil, err
	}
	return json.Marshal(changeJSON{Action: c.Action, Kind: c.Kind, Name: c.Name, API: c.API, Resource: c.Resource,
		ID: c.ID, Step: c.Step, Before: before, After: after, Fields: c.Fields, Reason: c.Reason,
		File: c.Pos.File, Line: c.Pos.Line, Column: c.Pos.Column})
}

// UnmarshalJSON reads a change written by MarshalJSON, decoding its
// documents into the type its kind (and action) calls for.
func (c *Change) UnmarshalJSON(b []byte) error {
	var w changeJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = Change{Action: w.Action, Kind: w.Kind, Name: w.Name, API: w.API, Resource: w.Resource, ID: w.ID, Step: w.Step,
		Fields: w.Fields, Reason: w.Reason, Pos: model.Pos{File: w.File, Line: w.Line, Column: w.Column}}
	var err error
	if c.Before, err = decodeDocument(c.Kind, c.Action, w.Before); err != nil {
		return fmt.Errorf("%s: before: %w", c.Label(), err)
	}
	if c.After, err = decodeDocument(c.Kind, c.Action, w.After); err != nil {
		return fmt.Errorf("%s: after: %w", c.Label(), err)
	}
	return nil
}
