package report_test

import (
	"strings"
	"testing"

	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/model"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
	"github.com/gwsync/gwsync/report"
	"github.com/gwsync/gwsync/sync"
	hwsync "github.com/gwsync/gwsync/sync/huawei"
)

const huaweiGateway = "huawei instance inst-1 (cn-north-4)"

// huaweiPlan publishes an API to TEST and takes it offline in RELEASE,
// binds a throttle to it in TEST and unbinds an ACL in RELEASE.
func huaweiPlan() *sync.Plan {
	pos := model.Pos{File: "orders.cue", Line: 53, Column: 3}
	binding := func(a sync.Action, kind, policy, env, id string) *sync.Change {
		doc := &hwsync.BindingDoc{PolicyKind: kind, Policy: policy, Group: "g", API: "orders_list", Env: env}
		c := &sync.Change{Action: a, Kind: hwsync.KindBinding, Name: policy, ID: id,
			Resource: hwsync.BindingKey(kind, policy, "g", "orders_list", env)}
		if a == sync.Attach {
			c.After = doc
		} else {
			c.Before, c.Reason = doc, "no longer declared"
		}
		return c
	}
	return &sync.Plan{Gateway: model.Gateway{Provider: "huawei", ID: "inst-1"}, Changes: []*sync.Change{
		binding(sync.Detach, hwmodel.KindACL, "blocklist", "RELEASE", "b-1"),
		{Action: sync.Undeploy, Kind: hwsync.KindAPI, Name: "orders_list", ID: "pub-1", Resource: hwsync.PublicationKey("g", "orders_list", "RELEASE"),
			Before: &sync.DeployDoc{Environment: "RELEASE"}, Reason: "no longer published there"},
		{Action: sync.Deploy, Kind: hwsync.KindAPI, Name: "orders_list", Resource: hwsync.PublicationKey("g", "orders_list", "TEST"),
			After: &sync.DeployDoc{Environment: "TEST"}, Pos: pos, Reason: "newly published there"},
		binding(sync.Attach, hwmodel.KindThrottle, "orders_throttle", "TEST", ""),
	}}
}

// A Huawei plan is shown in Huawei's words, publishes and bindings, in
// change titles and the summary line; an Aliyun plan keeps APIG's.
func TestPlanTextHuaweiWords(t *testing.T) {
	out := report.RenderPlan(t, report.PlanText, report.PlanView{Plan: huaweiPlan(), Gateway: huaweiGateway})
	for _, want := range []string{
		"  - unbind acl blocklist from api orders_list (b-1) in environment \"RELEASE\"\n",
		"  < unpublish api orders_list (pub-1) from environment \"RELEASE\"\n",
		"  > publish api orders_list (new) in environment \"TEST\"   orders.cue:53:3\n",
		"  + bind throttle orders_throttle to api orders_list (new) in environment \"TEST\"\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got, want := report.LastLine(out), "Plan: 0 to create, 0 to update, 0 to delete, 0 to replace; 1 publish, 1 unpublish, 1 binding, 1 unbinding."; got != want {
		t.Errorf("summary line\n got %q\nwant %q", got, want)
	}
	for _, not := range []string{"deploy", "attach", "detach"} {
		if strings.Contains(out, not) {
			t.Errorf("a Huawei plan says %q:\n%s", not, out)
		}
	}

	only := &sync.Plan{Gateway: model.Gateway{Provider: "huawei"}, Changes: []*sync.Change{report.CreateRoute()}}
	if got, want := report.LastLine(report.RenderPlan(t, report.PlanText, report.PlanView{Plan: only})), "Plan: 1 to create, 0 to update, 0 to delete, 0 to replace; 0 publishes, 0 unpublishes, 0 bindings, 0 unbindings."; got != want {
		t.Errorf("a Huawei plan without publishes or bindings\n got %q\nwant %q", got, want)
	}
	drift := report.RenderPlan(t, report.PlanText, report.PlanView{Plan: huaweiPlan(), Drift: true})
	if got, want := report.LastLine(drift), "Drift: 0 to create, 0 to update, 0 to delete, 0 to replace; 1 publish, 1 unpublish, 1 binding, 1 unbinding."; got != want {
		t.Errorf("drift summary line\n got %q\nwant %q", got, want)
	}
}

func TestPlanMarkdownHuaweiWords(t *testing.T) {
	out := report.RenderPlan(t, report.PlanMarkdown, report.PlanView{Plan: huaweiPlan(), Gateway: huaweiGateway})
	report.CheckCommentShape(t, out, report.CommentLimit)
	for _, want := range []string{
		"| action | count |\n| --- | ---: |\n| publish | 1 |\n| unpublish | 1 |\n| bind | 1 |\n| unbind | 1 |\n\n",
		"> **Review first: 2 risky changes (1 unpublish, 1 unbinding).**\n",
		"> - **unbind** acl blocklist -&gt; api orders\\_list in RELEASE `b-1`: no longer declared\n",
		"> - **unpublish** api orders\\_list from environment \"RELEASE\" `pub-1`: no longer published there\n",
		"<b>throttle orders_throttle -&gt; api orders_list in TEST</b>: bind</summary>",
		"<b>api orders_list</b>: publish <code>orders.cue:53:3</code></summary>",
		"\n> publish api orders_list (new) in environment \"TEST\"   orders.cue:53:3\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"deploy", "attach", "detach"} {
		if strings.Contains(out, not) {
			t.Errorf("a Huawei plan says %q:\n%s", not, out)
		}
	}
}

// The JSON view keeps the contract's action names for every gateway.
func TestPlanJSONHuaweiKeepsActions(t *testing.T) {
	out := report.RenderPlan(t, report.PlanJSON, report.PlanView{Plan: huaweiPlan(), Gateway: huaweiGateway})
	for _, want := range []string{`"action": "deploy"`, `"action": "undeploy"`, `"action": "attach"`, `"action": "detach"`,
		`"deploy": 1`, `"undeploy": 1`, `"attach": 1`, `"detach": 1`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "publish") && !strings.Contains(out, "published") {
		t.Errorf("JSON uses Huawei's words:\n%s", out)
	}
}
