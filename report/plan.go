package report

import (
	"fmt"
	"io"
	"slices"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/sync"
)

// PlanView is what a plan renderer shows.
type PlanView struct {
	// Plan is the plan to show; nil when planning failed before a plan
	// was made (Findings then say why).
	Plan *sync.Plan
	// Findings are problems found while planning; errors make the plan
	// unusable.
	Findings []diag.Finding
	// Gateway names the target for the header, as its kind names it,
	// e.g. "local gateway gw-1 (state in gw/.gwsync)".
	Gateway string
	// Drift phrases the plan as drift ("drift detected", "in sync")
	// rather than as a plan ("changes", "no changes").
	Drift bool
	// Compact shows each change on one line, without its fields (text
	// only): apply's preamble for a large plan.
	Compact bool
	// Version is gwsync's version.
	Version string

	// Commit is the commit the plan was made for, a SHA (shown by its
	// first 7 characters) or a ref; "" says nothing about it. Only the
	// Markdown view shows it, as do CommitURL and FullPlanURL.
	Commit string
	// CommitURL links the commit, e.g.
	// https://github.com/OWNER/REPO/commit/SHA; "" links nothing.
	CommitURL string
	// FullPlanURL is where the whole plan can be read, e.g. the GitHub
	// Actions run whose log printed it. The Markdown view links it at the
	// top and in the line saying what was left out to fit a comment.
	FullPlanURL string
}

// PlanWriter renders a plan view to w.
type PlanWriter func(w io.Writer, v PlanView) error

// planFormats maps --format names to plan writers.
var planFormats = map[string]PlanWriter{
	"text":     PlanText,
	"json":     PlanJSON,
	"markdown": PlanMarkdown,
}

// PlanFormats lists the format names plan and drift accept, sorted.
func PlanFormats() []string { return formatNames(planFormats) }

// ForPlan returns the plan writer for a format name.
func ForPlan(format string) (PlanWriter, error) { return forFormat(planFormats, format) }

// planActions are the actions a plan summary counts, in the order it
// lists them.
var planActions = []sync.Action{
	sync.Create, sync.Update, sync.Delete, sync.Replace,
	sync.Deploy, sync.Undeploy, sync.Attach, sync.Detach,
}

// changes are the plan's changes, none when there is no plan.
func (v PlanView) changes() []*sync.Change {
	if v.Plan == nil {
		return nil
	}
	return v.Plan.Changes
}

// notes are what the plan leaves alone, none when there is no plan.
func (v PlanView) notes() []sync.Note {
	if v.Plan == nil {
		return nil
	}
	return v.Plan.Notes
}

// summary counts the plan's changes by action, every action present.
func (v PlanView) summary() sync.Summary {
	if v.Plan == nil {
		return (&sync.Plan{}).Summary()
	}
	return v.Plan.Summary()
}

// term is what people call action a on the plan's gateway.
func (v PlanView) term(a sync.Action) sync.Term {
	if v.Plan == nil {
		return (&sync.Plan{}).Term(a)
	}
	return v.Plan.Term(a)
}

// titles titles the plan's changes in the words of its gateway's kind.
func (v PlanView) titles() func(*sync.Change) string {
	if v.Plan == nil {
		return titler("")
	}
	return titler(v.Plan.Gateway.Provider)
}

// title heads the plan: what it is and which gateway it is for.
func (v PlanView) title() string {
	t := "gwsync plan"
	if v.Drift {
		t = "gwsync drift"
	}
	if v.Gateway != "" {
		t += ": " + v.Gateway
	}
	return t
}

// summarySentence says what the plan does in one line, or "" when
// planning failed and nothing can be said about the gateway.
func (v PlanView) summarySentence() string {
	errs, _ := diag.Counts(v.Findings)
	switch {
	case len(v.changes()) > 0:
		return countsSentence(v.Plan, v.Drift)
	case errs > 0:
		return ""
	case v.Plan != nil && v.Plan.Kept() > 0:
		return KeptSentence(v.Plan.Kept())
	case v.Drift:
		return "No drift. The gateway matches the desired state."
	}
	return "No changes. The gateway matches the desired state."
}

// KeptSentence is the summary of a plan with nothing to change but what
// --keep-removed keeps: the gateway does not match the desired state.
func KeptSentence(kept int) string {
	verb := "are"
	if kept == 1 {
		verb = "is"
	}
	return fmt.Sprintf("No changes; %s that this desired state made and no longer declares %s kept (--keep-removed), so the gateway does not match the desired state.",
		count(kept, "resource", "resources"), verb)
}

// countsSentence is the summary line of a plan with changes, in the
// words of the plan's gateway (sync.Plan.Term): "2 deploys, 1 attach" in
// the contract's words, "2 publishes, 1 binding" on a gateway that
// publishes APIs and binds policies to them.
func countsSentence(p *sync.Plan, drift bool) string {
	lead := "Plan"
	if drift {
		lead = "Drift"
	}
	s := p.Summary()
	counted := func(a sync.Action) string {
		t := p.Term(a)
		return count(s[a], t.One, t.Many)
	}
	return fmt.Sprintf("%s: %d to create, %d to update, %d to delete, %d to replace; %s, %s, %s, %s.", lead,
		s[sync.Create], s[sync.Update], s[sync.Delete], s[sync.Replace],
		counted(sync.Deploy), counted(sync.Undeploy), counted(sync.Attach), counted(sync.Detach))
}

// blockedSentence says that the plan cannot be used because planning
// found errors, or is "" when it found none.
func (v PlanView) blockedSentence() string {
	errs, _ := diag.Counts(v.Findings)
	switch {
	case errs == 0:
		return ""
	case v.Drift:
		return fmt.Sprintf("The drift report is incomplete: checking found %s.", count(errs, "error", "errors"))
	}
	return fmt.Sprintf("The plan cannot be applied: planning found %s.", count(errs, "error", "errors"))
}

// count renders n with the noun's singular or plural form.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ref names a resource by its live ID, or by its resource path when it has
// none yet.
func ref(id, resource string) string {
	if id != "" {
		return id
	}
	return resource
}

// sensitiveField reports whether a field change must be masked: marked
// sensitive, at a path named like a secret, or holding an object with such
// a key (defence in depth for plans built or edited by hand).
func sensitiveField(f sync.FieldChange) bool {
	return f.Sensitive || sync.Sensitive(f.Path) || hasSensitiveKey(f.Before) || hasSensitiveKey(f.After) ||
		holdsSecret(f.Before) || holdsSecret(f.After)
}

// holdsSecret reports whether v is, or (a list) holds, a value shaped like
// a credential.
func holdsSecret(v any) bool {
	if l, ok := v.([]any); ok {
		return slices.ContainsFunc(l, sync.LooksSecret)
	}
	return sync.LooksSecret(v)
}

// hasSensitiveKey reports whether v holds an object key named like a
// secret, at any depth.
func hasSensitiveKey(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if sync.Sensitive(k) || hasSensitiveKey(e) {
				return true
			}
		}
	case []any:
		return slices.ContainsFunc(t, hasSensitiveKey)
	}
	return false
}

// maskedValue is a field value as shown: SensitiveMask in place of a
// secret, nil (absent) left as is.
func maskedValue(v any, sensitive bool) any {
	if sensitive && v != nil {
		return sync.SensitiveMask
	}
	return v
}
