package sync

import (
	"testing"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// TestTerms: a plan for Huawei Cloud APIG, and a Huawei change alone,
// call deploys publishes and attaches bindings; every other gateway and
// change keeps the contract's action names.
func TestTerms(t *testing.T) {
	plans := []struct {
		provider string
		action   Action
		want     Term
	}{
		{"huawei", Deploy, Term{"publish", "published", "publish", "publishes"}},
		{"huawei", Undeploy, Term{"unpublish", "unpublished", "unpublish", "unpublishes"}},
		{"huawei", Attach, Term{"bind", "bound", "binding", "bindings"}},
		{"huawei", Detach, Term{"unbind", "unbound", "unbinding", "unbindings"}},
		{"huawei", Create, Term{"create", "created", "create", "creates"}},
		{"aliyun", Deploy, Term{"deploy", "deployed", "deploy", "deploys"}},
		{"aliyun", Detach, Term{"detach", "detached", "detach", "detaches"}},
		{"local", Attach, Term{"attach", "attached", "attach", "attaches"}},
		{"", Replace, Term{"replace", "replaced", "replace", "replaces"}},
	}
	for _, tc := range plans {
		p := &Plan{Gateway: model.Gateway{Provider: tc.provider}}
		if got := p.Term(tc.action); got != tc.want {
			t.Errorf("%q plan: Term(%s) = %+v, want %+v", tc.provider, tc.action, got, tc.want)
		}
	}
	changes := []struct {
		action Action
		kind   Kind
		verb   string
	}{
		{Deploy, KindAPI, "publish"},
		{Undeploy, KindAPI, "unpublish"},
		{Create, KindAPI, "create"},
		{Attach, KindBinding, "bind"},
		{Detach, KindBinding, "unbind"},
		{Deploy, KindRoute, "deploy"},
		{Attach, KindAttachment, "attach"},
		{Update, KindDomain, "update"},
	}
	for _, tc := range changes {
		c := &Change{Action: tc.action, Kind: tc.kind}
		if got := c.Term().Verb; got != tc.verb {
			t.Errorf("%s of a %s: verb %q, want %q", tc.action, tc.kind, got, tc.verb)
		}
	}
}

// TestHuaweiBindingLabel names a binding by its policy's kind, so that a
// verb reads before it: "bind throttle t1 -> api a in RELEASE".
func TestHuaweiBindingLabel(t *testing.T) {
	c := &Change{Action: Detach, Kind: KindBinding, Name: "t1",
		Before: &HuaweiBindingDoc{PolicyKind: hwmodel.KindThrottle, Policy: "t1", Group: "g", API: "a", Env: "RELEASE"}}
	if got, want := c.Label(), "throttle t1 -> api a in RELEASE"; got != want {
		t.Errorf("Label() = %q, want %q", got, want)
	}
}
