// Package validatetest is what the tests of findings share: the expected
// finding (Want), the matcher that holds findings to exactly the expected
// ones, and the table cases of package validate's rules (Case), which
// compile a CUE document, validate it and match what both report.
package validatetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
)

// Want is one expected finding.
type Want struct {
	Rule string
	// Line is the finding's line, counted in the case's source (1 is its
	// first line).
	Line int
	// Related is the line (in the source) of the finding's first related
	// position; 0 means the finding must carry no related position.
	Related int
	// Msg is a fragment the message must contain ("" checks nothing).
	Msg string
	// Witness is the example request the finding must carry ("" checks
	// nothing).
	Witness string
}

// Matches reports whether f is the finding w describes, for a source
// that starts after offset lines of its file.
func (w Want) Matches(f diag.Finding, offset int) bool {
	if f.Rule != w.Rule || f.Pos.Line-offset != w.Line || !strings.Contains(f.Message, w.Msg) {
		return false
	}
	if w.Witness != "" && f.Witness != w.Witness {
		return false
	}
	if w.Related == 0 {
		return len(f.Related) == 0
	}
	return len(f.Related) > 0 && f.Related[0].Pos.Line-offset == w.Related
}

// Expects reports whether some of want matches f.
func Expects(want []Want, f diag.Finding, offset int) bool {
	return slices.ContainsFunc(want, func(w Want) bool { return w.Matches(f, offset) })
}

// Match holds got to exactly the multiset want, each finding matched by
// one Want, and fails t with what is missing and what is unexpected.
func Match(t testing.TB, got []diag.Finding, want []Want, offset int) {
	t.Helper()
	used := make([]bool, len(got))
	var missing []string
	for _, w := range want {
		i := -1
		for j, f := range got {
			if !used[j] && w.Matches(f, offset) {
				i = j
				break
			}
		}
		if i < 0 {
			missing = append(missing, fmt.Sprintf("%s at line %d (related %d, message containing %q)", w.Rule, w.Line, w.Related, w.Msg))
			continue
		}
		used[i] = true
	}
	var extra []string
	for i, f := range got {
		if !used[i] {
			extra = append(extra, Describe(f, offset))
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("findings differ\nmissing:\n  %s\nunexpected:\n  %s\nall findings:\n%s",
			strings.Join(missing, "\n  "), strings.Join(extra, "\n  "), DescribeAll(got, offset))
	}
}

// Describe renders f for a failure message, its lines counted in a source
// that starts after offset lines of its file.
func Describe(f diag.Finding, offset int) string {
	s := fmt.Sprintf("%s at src line %d (file line %d, %s): %s", f.Rule, f.Pos.Line-offset, f.Pos.Line, f.Resource, f.Message)
	for _, r := range f.Related {
		s += fmt.Sprintf(" [related %s at src line %d]", r.Resource, r.Pos.Line-offset)
	}
	return s
}

// DescribeAll renders fs for a failure message, one finding a line.
func DescribeAll(fs []diag.Finding, offset int) string {
	if len(fs) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + Describe(f, offset) + "\n")
	}
	return b.String()
}
