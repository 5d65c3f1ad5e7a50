// Package report renders findings for people and programs: text that reads
// like a compiler's, the contract's JSON, GitHub workflow annotations, and
// SARIF 2.1.0 for code scanning. Every format is a Writer behind one
// function type, chosen by name.
//
// It renders plans the same way, as PlanWriters chosen by name: text in
// the manner of Terraform's plan, the contract's JSON, and Markdown for a
// pull request comment. Secrets in a plan are never shown.
package report

import (
	"io"

	"github.com/gwsync/gwsync/diag"
)

// Validation is what validate found, with what the renderers need to say
// about it.
type Validation struct {
	// Findings are sorted and each reported once.
	Findings []diag.Finding
	// Inputs names what was validated, for the summary line.
	Inputs []string
	// Stats counts the resources validated, in the words of the
	// gateway's kind; nil when the input did not compile.
	Stats []Count
	// Version is gwsync's version, for SARIF.
	Version string
}

// Count is how many of one kind of resource a desired state declares:
// "3 routes" is Count{3, "route"}.
type Count struct {
	N int
	// Noun is the resource's name, singular; Plural makes it plural.
	Noun string
}

// Writer renders a validation result to w.
type Writer func(w io.Writer, v Validation) error

// formats maps --format names to writers.
var formats = map[string]Writer{
	"text":   Text,
	"json":   JSON,
	"github": GitHub,
	"sarif":  SARIF,
}

// ValidationFormats lists the format names validate accepts, sorted.
func ValidationFormats() []string { return formatNames(formats) }

// ForValidation returns the writer for a format name.
func ForValidation(format string) (Writer, error) { return forFormat(formats, format) }
