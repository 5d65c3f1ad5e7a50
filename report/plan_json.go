package report

import (
	"io"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/sync"
)

// jsonPlan is the contract's plan object.
type jsonPlan struct {
	Changes  []jsonChange  `json:"changes"`
	Summary  jsonSummary   `json:"summary"`
	Notes    []sync.Note   `json:"notes"`
	Findings []jsonFinding `json:"findings"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
}

// jsonChange is one change, its documents and fields masked.
type jsonChange struct {
	Action   sync.Action `json:"action"`
	Kind     sync.Kind   `json:"kind"`
	Name     string      `json:"name"`
	API      string      `json:"api,omitempty"`
	Resource string      `json:"resource"`
	ID       string      `json:"id,omitempty"`
	Step     int         `json:"step"`
	Before   any         `json:"before"`
	After    any         `json:"after"`
	Fields   []jsonField `json:"fields,omitempty"`
	Reason   string      `json:"reason,omitempty"`
	File     string      `json:"file,omitempty"`
	Line     int         `json:"line,omitempty"`
	Column   int         `json:"column,omitempty"`
}

// jsonField is one changed field; a secret's values are the mask.
type jsonField struct {
	Path      string        `json:"path"`
	Before    any           `json:"before"`
	After     any           `json:"after"`
	Sensitive bool          `json:"sensitive,omitempty"`
	Elements  *jsonElements `json:"elements,omitempty"`
}

// jsonElements is what a changed list of scalars gains and loses (see
// sync.FieldChange.Elements); both lists are present, [] when empty.
type jsonElements struct {
	Added   []any `json:"added"`
	Removed []any `json:"removed"`
}

// toJSONField is a field change as JSON: masked, and for a list of
// scalars that is no secret, its elements added and removed.
func toJSONField(f sync.FieldChange) jsonField {
	s := sensitiveField(f)
	j := jsonField{Path: f.Path, Before: maskedValue(f.Before, s), After: maskedValue(f.After, s), Sensitive: s}
	if added, removed, ok := f.Elements(); ok && !s {
		j.Elements = &jsonElements{Added: append([]any{}, added...), Removed: append([]any{}, removed...)}
	}
	return j
}

// jsonSummary counts changes by action; every action is present.
type jsonSummary struct {
	Create   int `json:"create"`
	Update   int `json:"update"`
	Delete   int `json:"delete"`
	Replace  int `json:"replace"`
	Deploy   int `json:"deploy"`
	Undeploy int `json:"undeploy"`
	Attach   int `json:"attach"`
	Detach   int `json:"detach"`
}

// PlanJSON writes the contract's plan object: changes (in apply order,
// documents masked), summary, notes, findings (as validate's JSON shows
// them), errors and warnings. Lists are [] when empty.
func PlanJSON(w io.Writer, v PlanView) error {
	out := jsonPlan{
		Changes:  make([]jsonChange, 0, len(v.changes())),
		Summary:  toJSONSummary(v.summary()),
		Notes:    append([]sync.Note{}, v.notes()...),
		Findings: make([]jsonFinding, 0, len(v.Findings)),
	}
	for _, c := range v.changes() {
		out.Changes = append(out.Changes, toJSONChange(c))
	}
	for _, f := range v.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	out.Errors, out.Warnings = diag.Counts(v.Findings)
	return encodeJSON(w, out)
}

func toJSONChange(c *sync.Change) jsonChange {
	jc := jsonChange{
		Action: c.Action, Kind: c.Kind, Name: c.Name, API: c.API, Resource: c.Resource, ID: c.ID, Step: c.Step,
		Before: sync.Masked(c.Before), After: sync.Masked(c.After), Reason: c.Reason,
		File: c.Pos.File, Line: c.Pos.Line, Column: c.Pos.Column,
	}
	for _, f := range c.Fields {
		jc.Fields = append(jc.Fields, toJSONField(f))
	}
	return jc
}

func toJSONSummary(s sync.Summary) jsonSummary {
	return jsonSummary{
		Create: s[sync.Create], Update: s[sync.Update], Delete: s[sync.Delete], Replace: s[sync.Replace],
		Deploy: s[sync.Deploy], Undeploy: s[sync.Undeploy], Attach: s[sync.Attach], Detach: s[sync.Detach],
	}
}
