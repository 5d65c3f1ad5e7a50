package report

import (
	"encoding/json"
	"io"

	"github.com/gwsync/gwsync/diag"
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
