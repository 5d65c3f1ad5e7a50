package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gwsync/gwsync/sync"
)

// DriftText writes drift for people: a header naming the gateway, one
// section per kind of drift (changed out of band, missing, not declared,
// no longer deployed), the findings (as validate's text shows them), and
// a summary line.
//
// An item starts with its kind in words, "[changed]", "[missing]", "[not
// declared]" or "[not deployed]" (not plan's symbols: "+" and "<" mean
// create and undeploy there), explained once by a legend line under the
// header; then the resource, its live ID and where it is declared. Under
// it come what was found as a "# " comment, then the fields: "~ /path:
// live → desired" for a change (a list's elements as plan shows them),
// "/path = value" for what is not declared. A secret's value is never
// shown. With a Plan, it ends with what reconciling would do.
func DriftText(w io.Writer, v DriftView) error {
	var b strings.Builder
	b.WriteString(v.title())
	b.WriteByte('\n')
	if v.Drifted() {
		b.WriteString(driftLegend + "\n")
	}
	writeDriftItems(&b, v.Items)
	if len(v.Findings) > 0 {
		b.WriteByte('\n')
	}
	for _, f := range v.Findings {
		writeTextFinding(&b, f)
	}
	b.WriteByte('\n')
	for _, s := range []string{driftSentence(v.Items, v.Findings), incompleteSentence(v.Findings), reconcileSentence(v)} {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DriftLeftText writes the drift left after drift --reconcile, one
// section per kind as DriftText shows them, then a line counting it and
// saying that the gateway does not match the desired state (drift
// --reconcile exits 2, or 1); it writes nothing when none is left.
func DriftLeftText(w io.Writer, items []sync.DriftItem) error {
	if len(items) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nDrift left after reconciling (%d):\n", len(items))
	writeDriftItems(&b, items)
	b.WriteString("\n" + leftSentence(items) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// leftSentence counts the drift left after reconciling, by kind, and
// says the gateway does not match.
func leftSentence(items []sync.DriftItem) string {
	counts := strings.TrimSuffix(strings.TrimPrefix(driftSentence(items, nil), "Drift: "), ".")
	return "Drift left: " + counts + ". The gateway does not match the desired state."
}

// writeDriftItems writes one section per kind.
func writeDriftItems(b *strings.Builder, items []sync.DriftItem) {
	for _, group := range byKind(items) {
		fmt.Fprintf(b, "\n%s (%d):\n", driftHeadings[group[0].Kind], len(group))
		for _, it := range group {
			for _, l := range itemLines(it) {
				b.WriteString(l.text())
				b.WriteByte('\n')
			}
		}
	}
}

// reconcileSentence says what reconciling would change, when the view
// carries the plan and there is drift.
func reconcileSentence(v DriftView) string {
	switch {
	case v.Plan == nil || len(v.Items) == 0:
		return ""
	case v.Plan.Empty():
		return "Reconciling changes nothing: what is left is left alone (see the reasons above)."
	}
	return "To reconcile: " + strings.Replace(countsSentence(v.Plan, false), "Plan: ", "", 1)
}
