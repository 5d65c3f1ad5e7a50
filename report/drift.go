package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/sync"
)

// DriftView is what a drift renderer shows: the drift found on one
// gateway, by kind.
type DriftView struct {
	// Items are the drift found, sorted by kind (see sync.Drift).
	Items []sync.DriftItem
	// Findings are problems found while checking; errors make the report
	// incomplete.
	Findings []diag.Finding
	// Gateway names the target for the header, as its kind names it,
	// e.g. "local gateway gw-1 (state in gw/.gwsync)".
	Gateway string
	// Version is gwsync's version.
	Version string
	// RunURL is where the full report can be read, e.g. the GitHub Actions
	// run whose log printed it: the Markdown view links "the CI log" to
	// it; "" links nothing.
	RunURL string
	// Plan, when set, is the plan that reconciles the drift: text ends
	// with what it would do (drift --reconcile shows it before asking).
	Plan *sync.Plan
	// Reconcile, when set, is what drift --reconcile did: JSON shows it
	// as "reconcile".
	Reconcile *ReconcileView
}

// ReconcileView is what drift --reconcile did, for the JSON view.
type ReconcileView struct {
	// Converged reports whether every change was made and verified.
	Converged bool
	// Apply is apply's own machine result (the object gwsync apply
	// --format json writes), shown as is.
	Apply any
	// Left is the drift found when the gateway was read again afterwards
	// (what reconciling leaves alone, or could not fix).
	Left []sync.DriftItem
}

// Drifted reports whether the view shows any drift.
func (v DriftView) Drifted() bool { return len(v.Items) > 0 }

// DriftWriter renders a drift view to w.
type DriftWriter func(w io.Writer, v DriftView) error

// driftFormats maps --format names to drift writers.
var driftFormats = map[string]DriftWriter{
	"text":     DriftText,
	"json":     DriftJSON,
	"markdown": DriftMarkdown,
}

// DriftFormats lists the format names drift accepts, sorted.
func DriftFormats() []string { return formatNames(driftFormats) }

// ForDrift returns the drift writer for a format name.
func ForDrift(format string) (DriftWriter, error) { return forFormat(driftFormats, format) }

// driftHeadings name each kind's section in text and Markdown.
var driftHeadings = map[sync.DriftKind]string{
	sync.DriftChanged:    "Changed out of band",
	sync.DriftDeleted:    "Missing (deleted out of band, or never applied)",
	sync.DriftUnmanaged:  "Not declared, inside what this desired state manages",
	sync.DriftUndeployed: "No longer deployed",
}

// driftWords name each kind in the summary sentence, and in brackets
// ("[missing]") mark its items in text: words, not plan's symbols, where
// "+" and "<" would read as a create and an undeploy.
var driftWords = map[sync.DriftKind]string{
	sync.DriftChanged: "changed", sync.DriftDeleted: "missing", sync.DriftUnmanaged: "not declared", sync.DriftUndeployed: "not deployed",
}

// driftMark is the mark text shows before an item of kind k.
func driftMark(k sync.DriftKind) string { return "[" + driftWords[k] + "]" }

// driftLegend says once, above the items, what each mark means.
const driftLegend = "Marks: [changed] edited on the gateway (fields: live → desired); [missing] declared, not on the gateway; " +
	"[not declared] on the gateway, not in the desired state; [not deployed] declared, not serving as declared."

// title heads the report: what it is and which gateway it is for.
func (v DriftView) title() string {
	return PlanView{Gateway: v.Gateway, Drift: true}.title()
}

// byKind groups the items by kind, in DriftKinds order; kinds without
// items are left out.
func byKind(items []sync.DriftItem) [][]sync.DriftItem {
	var out [][]sync.DriftItem
	for _, k := range sync.DriftKinds() {
		var group []sync.DriftItem
		for _, it := range items {
			if it.Kind == k {
				group = append(group, it)
			}
		}
		if len(group) > 0 {
			out = append(out, group)
		}
	}
	return out
}

// driftSentence says in one line what was found, or "" when checking
// failed and nothing can be said about the gateway.
func driftSentence(items []sync.DriftItem, findings []diag.Finding) string {
	errs, _ := diag.Counts(findings)
	switch {
	case len(items) > 0:
		s := sync.SummarizeDrift(items)
		var parts []string
		for _, k := range sync.DriftKinds() {
			parts = append(parts, fmt.Sprintf("%d %s", s[k], driftWords[k]))
		}
		return fmt.Sprintf("Drift: %s.", strings.Join(parts, ", "))
	case errs > 0:
		return ""
	}
	return "No drift. The gateway matches the desired state."
}

// incompleteSentence says that checking found errors, or is "".
func incompleteSentence(findings []diag.Finding) string {
	return PlanView{Findings: findings, Drift: true}.blockedSentence()
}

// itemTitle names an item's resource: "route orders (hr-1)", with the
// resource path in place of an ID it does not have; an attachment names
// the policy and what it is attached to.
func itemTitle(it sync.DriftItem) string {
	name := fmt.Sprintf("%s %s", it.Type, it.Name)
	if it.Type == sync.KindAttachment {
		name = fmt.Sprintf("attachment of policy %s to %s", it.Name, attachmentResource(it))
	}
	return fmt.Sprintf("%s (%s)", name, ref(it.ID, it.Resource))
}

// attachmentResource is the resource path an attachment item's policy is
// attached to, from its fields, else its key.
func attachmentResource(it sync.DriftItem) string {
	for _, f := range it.Fields {
		if f.Path != "/resource" {
			continue
		}
		for _, v := range []any{f.After, f.Before} {
			if s, ok := v.(string); ok && s != "" {
				return s
			}
		}
	}
	_, target, _ := strings.Cut(it.Resource, "@")
	return target
}

// itemPlace says where an item is declared; an unmanaged item's position
// is that of what holds it.
func itemPlace(it sync.DriftItem) string {
	switch {
	case !it.Pos.IsValid():
		return ""
	case it.Kind == sync.DriftUnmanaged && it.Type == sync.KindRoute:
		return fmt.Sprintf("in HTTP API %s, %s", it.API, it.Pos)
	case it.Kind == sync.DriftUnmanaged:
		return "on " + it.Pos.String()
	}
	return it.Pos.String()
}

// itemFieldLines renders an item's fields: for a changed or undeployed
// item "~ /path: live → desired" (plan's field lines), for an unmanaged
// one the live values ("/path = value"). A missing item shows none: its
// declaration says it all. Secrets are masked.
func itemFieldLines(it sync.DriftItem) []planLine {
	var lines []planLine
	for _, f := range it.Fields {
		switch it.Kind {
		case sync.DriftChanged, sync.DriftUndeployed:
			lines = append(lines, fieldLines(f)...)
		case sync.DriftUnmanaged:
			lines = append(lines, planLine{detail: true, diff: '+', body: f.Path + " = " + shownValue(f.Before, sensitiveField(f))})
		}
	}
	return lines
}

// itemLines renders one item: its header (mark, title, place), its
// reason as a "# " comment, and its fields.
func itemLines(it sync.DriftItem) []planLine {
	body := itemTitle(it)
	if place := itemPlace(it); place != "" {
		body += "   " + place
	}
	diff := map[sync.DriftKind]byte{sync.DriftChanged: '!', sync.DriftDeleted: '-', sync.DriftUnmanaged: '+', sync.DriftUndeployed: '<'}[it.Kind]
	lines := []planLine{{mark: driftMark(it.Kind), diff: diff, body: body}}
	if it.Reason != "" {
		lines = append(lines, planLine{detail: true, diff: ' ', body: "# " + oneLine(it.Reason)})
	}
	return append(lines, itemFieldLines(it)...)
}
