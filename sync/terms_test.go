package sync_test

import (
	"testing"

	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	gwsync "github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

// TestTerms: a plan for Huawei Cloud APIG, and a Huawei change alone,
// call deploys publishes and attaches bindings; every other gateway and
// change keeps the contract's action names.
func TestTerms(t *testing.T) {
	plans := []struct {
		provider string
		action   gwsync.Action
		want     gwsync.Term
	}{
		{"huawei", gwsync.Deploy, gwsync.Term{"publish", "published", "publish", "publishes"}},
		{"huawei", gwsync.Undeploy, gwsync.Term{"unpublish", "unpublished", "unpublish", "unpublishes"}},
		{"huawei", gwsync.Attach, gwsync.Term{"bind", "bound", "binding", "bindings"}},
		{"huawei", gwsync.Detach, gwsync.Term{"unbind", "unbound", "unbinding", "unbindings"}},
		{"huawei", gwsync.Create, gwsync.Term{"create", "created", "create", "creates"}},
		{"aliyun", gwsync.Deploy, gwsync.Term{"deploy", "deployed", "deploy", "deploys"}},
		{"aliyun", gwsync.Detach, gwsync.Term{"detach", "detached", "detach", "detaches"}},
		{"local", gwsync.Attach, gwsync.Term{"attach", "attached", "attach", "attaches"}},
		{"", gwsync.Replace, gwsync.Term{"replace", "replaced", "replace", "replaces"}},
	}
	for _, tc := range plans {
		p := &gwsync.Plan{Gateway: model.Gateway{Provider: tc.provider}}
		if got := p.Term(tc.action); got != tc.want {
			t.Errorf("%q plan: Term(%s) = %+v, want %+v", tc.provider, tc.action, got, tc.want)
		}
	}
	changes := []struct {
		action gwsync.Action
		kind   gwsync.Kind
		verb   string
	}{
		{gwsync.Deploy, hwsync.KindAPI, "publish"},
		{gwsync.Undeploy, hwsync.KindAPI, "unpublish"},
		{gwsync.Create, hwsync.KindAPI, "create"},
		{gwsync.Attach, hwsync.KindBinding, "bind"},
		{gwsync.Detach, hwsync.KindBinding, "unbind"},
		{gwsync.Deploy, gwsync.KindRoute, "deploy"},
		{gwsync.Attach, gwsync.KindAttachment, "attach"},
		{gwsync.Update, gwsync.KindDomain, "update"},
	}
	for _, tc := range changes {
		c := &gwsync.Change{Action: tc.action, Kind: tc.kind}
		if got := c.Term().Verb; got != tc.verb {
			t.Errorf("%s of a %s: verb %q, want %q", tc.action, tc.kind, got, tc.verb)
		}
	}
}

// TestHuaweiBindingLabel names a binding by its policy's kind, so that a
// verb reads before it: "bind throttle t1 -> api a in RELEASE".
func TestHuaweiBindingLabel(t *testing.T) {
	c := &gwsync.Change{Action: gwsync.Detach, Kind: hwsync.KindBinding, Name: "t1",
		Before: &hwsync.BindingDoc{PolicyKind: hwmodel.KindThrottle, Policy: "t1", Group: "g", API: "a", Env: "RELEASE"}}
	if got, want := c.Label(), "throttle t1 -> api a in RELEASE"; got != want {
		t.Errorf("Label() = %q, want %q", got, want)
	}
}
