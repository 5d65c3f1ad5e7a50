package validate

import (
	"fmt"
	"unicode"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// checkText refuses probe names that hold a control character; each
// gateway kind checks its own resources' names and match values with
// CheckControl.
func checkText(d *model.Desired, out *[]diag.Finding) {
	for _, p := range d.Probes {
		CheckName("probe", p.Name, model.ProbePath(p.Name), p.Pos, out)
	}
}

// CheckName refuses a resource name that holds a control character (see
// CheckControl); kind says what the resource is ("probe", "HTTP API").
func CheckName(kind, name, path string, pos model.Pos, out *[]diag.Finding) {
	CheckControl(fmt.Sprintf("%s name %q", kind, name), name, path, pos, out)
}

// CheckControl refuses names and match values that hold a control
// character (newline, carriage return, tab, NUL, escape, Unicode line
// separators and bidirectional overrides): the gateway cannot hold them,
// and pull-request text that reaches a CI log could start a line with a
// workflow command. It reports the first control character of s, which
// what describes, as a schema finding about path at pos.
func CheckControl(what, s, path string, pos model.Pos, out *[]diag.Finding) {
	for _, r := range s {
		if isControl(r) {
			msg := fmt.Sprintf("%s holds the control character %U: names and match values cannot hold one (the gateway refuses them, and they would reach CI logs); remove it", what, r)
			*out = append(*out, diag.Errorf(diag.RuleSchema, path, pos, msg))
			return
		}
	}
}

// isControl reports a rune that must not appear in a name or path: C0
// and C1 controls, DEL, line and paragraph separators, and the
// bidirectional formatting characters that make text read otherwise.
func isControl(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' ||
		('\u202a' <= r && r <= '\u202e') || ('\u2066' <= r && r <= '\u2069')
}
