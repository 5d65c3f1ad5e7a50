package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// jsonFinding is one finding in the contract's JSON shape.
type jsonFinding struct {
	Rule     string        `json:"rule"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	Resource string        `json:"resource"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Related  []jsonRelated `json:"related,omitempty"`
	Witness  string        `json:"witness,omitempty"`
}

type jsonRelated struct {
	Resource string `json:"resource"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

type jsonValidation struct {
	Findings []jsonFinding `json:"findings"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
}

// JSON writes the contract's validation object: findings, errors, warnings.
func JSON(w io.Writer, v Validation) error {
	out := jsonValidation{Findings: make([]jsonFinding, 0, len(v.Findings))}
	out.Errors, out.Warnings = diag.Counts(v.Findings)
	for _, f := range v.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	return encodeJSON(w, out)
}

func toJSONFinding(f diag.Finding) jsonFinding {
	jf := jsonFinding{
		Rule: f.Rule, Severity: string(f.Severity), Message: f.Message, Resource: f.Resource,
		File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column, Witness: f.Witness,
	}
	for _, r := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{Resource: r.Resource, File: r.Pos.File, Line: r.Pos.Line, Column: r.Pos.Column})
	}
	return jf
}

// encodeJSON writes v indented, without HTML escaping.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// ReadJSON reads the contract's validation object, as JSON writes it
// (gwsync validate --format json), back into findings, for views made
// later such as a pull request comment.
func ReadJSON(r io.Reader) ([]diag.Finding, error) {
	var v jsonValidation
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not the JSON of gwsync validate --format json: %w", err)
	}
	out := make([]diag.Finding, 0, len(v.Findings))
	for i, jf := range v.Findings {
		f, err := fromJSONFinding(jf)
		if err != nil {
			return nil, fmt.Errorf("finding %d: %w", i+1, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func fromJSONFinding(jf jsonFinding) (diag.Finding, error) {
	sev := diag.Severity(jf.Severity)
	if sev != diag.Error && sev != diag.Warning {
		return diag.Finding{}, fmt.Errorf("severity %q is neither %q nor %q", jf.Severity, diag.Error, diag.Warning)
	}
	f := diag.Finding{Rule: jf.Rule, Severity: sev, Message: jf.Message, Resource: jf.Resource,
		Pos: model.Pos{File: jf.File, Line: jf.Line, Column: jf.Column}, Witness: jf.Witness}
	for _, r := range jf.Related {
		f.Related = append(f.Related, diag.Related{Resource: r.Resource, Pos: model.Pos{File: r.File, Line: r.Line, Column: r.Column}})
	}
	return f, nil
}
