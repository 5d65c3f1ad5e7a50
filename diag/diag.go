// Package diag holds findings: what validation says about a desired state,
// each with a stable rule ID, a severity, the resource it is about, where it
// was written, and where the other side of the problem is.
//
// Findings are collected, not thrown: every stage returns all it found, and
// the CLI prints them once, sorted, at the edge.
package diag

import (
	"cmp"
	"slices"

	"github.com/gwsync/gwsync/model"
)

// Severity says whether a finding fails validation.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Related is another place a finding involves, e.g. the other route of an
// overlap.
type Related struct {
	Resource string
	Pos      model.Pos
}

// Finding is one problem in a desired state.
type Finding struct {
	Rule     string
	Severity Severity
	Message  string
	Resource string // resource path, e.g. httpApis.a.routes.r; "" for a file
	Pos      model.Pos
	Related  []Related
	// Witness is an example request both routes match, "METHOD HOST PATH".
	Witness string
}

// Errorf returns an error finding.
func Errorf(rule, resource string, pos model.Pos, msg string) Finding {
	return Finding{Rule: rule, Severity: Error, Message: msg, Resource: resource, Pos: pos}
}

// Warnf returns a warning finding.
func Warnf(rule, resource string, pos model.Pos, msg string) Finding {
	return Finding{Rule: rule, Severity: Warning, Message: msg, Resource: resource, Pos: pos}
}

// Compare orders findings by file, line, column, rule, resource and message,
// so that output is deterministic.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Column, b.Pos.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Resource, b.Resource),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Witness, b.Witness),
	)
}

// Sort sorts findings and drops exact repeats, so each is reported once.
// Long values in them are cut (Cut): every view of findings sorts them.
func Sort(fs []Finding) []Finding {
	for i := range fs {
		fs[i].Message, fs[i].Resource, fs[i].Witness = Cut(fs[i].Message), Cut(fs[i].Resource), Cut(fs[i].Witness)
	}
	slices.SortFunc(fs, Compare)
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return Compare(a, b) == 0 && slices.Equal(a.Related, b.Related)
	})
}

// Counts returns the number of errors and warnings in fs.
func Counts(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}
