package report

import (
	"io"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/sync"
)

// jsonDrift is drift's machine object.
type jsonDrift struct {
	Gateway   string         `json:"gateway"`
	Drift     bool           `json:"drift"`
	Items     []jsonDrifted  `json:"items"`
	Summary   jsonDriftCount `json:"summary"`
	Findings  []jsonFinding  `json:"findings"`
	Errors    int            `json:"errors"`
	Warnings  int            `json:"warnings"`
	Reconcile *jsonReconcile `json:"reconcile,omitempty"`
}

// jsonDrifted is one drift item; a secret's values are the mask.
type jsonDrifted struct {
	Kind      sync.DriftKind `json:"kind"`
	Type      sync.Kind      `json:"type"`
	Resource  string         `json:"resource"`
	Name      string         `json:"name"`
	API       string         `json:"api,omitempty"`
	ID        string         `json:"id,omitempty"`
	File      string         `json:"file,omitempty"`
	Line      int            `json:"line,omitempty"`
	Column    int            `json:"column,omitempty"`
	Reason    string         `json:"reason,omitempty"`
	LeftAlone bool           `json:"leftAlone,omitempty"`
	Fields    []jsonField    `json:"fields"`
}

// jsonDriftCount counts drift items by kind; every kind is present.
type jsonDriftCount struct {
	Changed    int `json:"changed"`
	Deleted    int `json:"deleted"`
	Unmanaged  int `json:"unmanaged"`
	Undeployed int `json:"undeployed"`
}

// jsonReconcile is what drift --reconcile did.
type jsonReconcile struct {
	Converged bool          `json:"converged"`
	Apply     any           `json:"apply"`
	Left      []jsonDrifted `json:"left"`
}

// DriftJSON writes drift's machine object:
//
//	{"gateway": "...", "drift": true,
//	 "items": [{"kind": "changed", "type": "route", "resource": "httpApis.a.routes.r", "name": "r",
//	            "api": "a", "id": "hr-1", "file": "gw.cue", "line": 9, "column": 3, "reason": "...",
//	            "fields": [{"path": "/match/path/value", "before": "/v2", "after": "/v1"}]}],
//	 "summary": {"changed": 1, "deleted": 0, "unmanaged": 0, "undeployed": 0},
//	 "findings": [], "errors": 0, "warnings": 0}
//
// kind is one of changed, deleted (missing from the gateway), unmanaged
// (live, not declared) and undeployed; type is the resource kind as the
// plan names it. A field's before is the live value and after the
// desired one (null: absent); secrets are masked. A changed list of
// scalars also has "elements": {"added": [...], "removed": [...]}, as in
// the plan's JSON. leftAlone marks drift
// reconciling does not change. With --reconcile, "reconcile" holds
// converged, apply (apply's JSON object) and left (the items found
// afterwards). Lists are [] when empty.
func DriftJSON(w io.Writer, v DriftView) error {
	out := jsonDrift{Gateway: v.Gateway, Drift: v.Drifted(), Items: toJSONDrifted(v.Items),
		Summary: toJSONDriftCount(sync.SummarizeDrift(v.Items)), Findings: make([]jsonFinding, 0, len(v.Findings))}
	for _, f := range v.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	out.Errors, out.Warnings = diag.Counts(v.Findings)
	if r := v.Reconcile; r != nil {
		out.Reconcile = &jsonReconcile{Converged: r.Converged, Apply: r.Apply, Left: toJSONDrifted(r.Left)}
	}
	return encodeJSON(w, out)
}

func toJSONDrifted(items []sync.DriftItem) []jsonDrifted {
	out := make([]jsonDrifted, 0, len(items))
	for _, it := range items {
		j := jsonDrifted{Kind: it.Kind, Type: it.Type, Resource: it.Resource, Name: it.Name, API: it.API, ID: it.ID,
			File: it.Pos.File, Line: it.Pos.Line, Column: it.Pos.Column, Reason: it.Reason, LeftAlone: it.LeftAlone,
			Fields: make([]jsonField, 0, len(it.Fields))}
		for _, f := range it.Fields {
			j.Fields = append(j.Fields, toJSONField(f))
		}
		out = append(out, j)
	}
	return out
}

func toJSONDriftCount(s sync.DriftSummary) jsonDriftCount {
	return jsonDriftCount{Changed: s[sync.DriftChanged], Deleted: s[sync.DriftDeleted], Unmanaged: s[sync.DriftUnmanaged], Undeployed: s[sync.DriftUndeployed]}
}
