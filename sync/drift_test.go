package sync_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// driftDesired declares policy timeout, HTTP API orders with route
// orders (timeout attached), and domain api.
func driftDesired() *model.Desired {
	r := &model.Route{Name: "orders", API: "orders", Pos: model.Pos{File: "gw.cue", Line: 9, Column: 3}}
	return &model.Desired{
		State: &alimodel.State{
			Domains:  []*alimodel.Domain{{Name: "api", Pos: model.Pos{File: "gw.cue", Line: 2, Column: 1}}},
			Policies: []*alimodel.Policy{{Name: "timeout", Pos: model.Pos{File: "gw.cue", Line: 4, Column: 1}}},
			HTTPAPIs: []*alimodel.HTTPAPI{{Name: "orders", Routes: []*model.Route{r}, Pos: model.Pos{File: "gw.cue", Line: 7, Column: 1}}},
		},
	}
}

// driftLive holds the declared route, a route added by hand (hotfix) to
// orders, a route of another API (other), and a foreign policy attached
// to route orders.
func driftLive() *model.Live {
	return &model.Live{State: model.Desired{
		State: &alimodel.State{
			HTTPAPIs: []*alimodel.HTTPAPI{
				{Name: "orders", Routes: []*model.Route{
					{Name: "orders", API: "orders"},
					{Name: "hotfix", API: "orders", Description: "by hand", Match: model.Match{Path: model.PathMatch{Type: "Exact", Value: "/hotfix"}}},
				}},
				{Name: "legacy", Routes: []*model.Route{{Name: "other", API: "legacy"}}},
			},
			Attachments: []*alimodel.Attachment{{Policy: model.Ref{Name: "ratelimit"}, Resource: "httpApis.orders.routes.orders"}},
		},
	}}
}

const (
	ordersRoute = "httpApis.orders.routes.orders"
	timeoutKey  = "attachments.timeout@httpApis.orders.routes.orders"
)

var declaredRoutePos = model.Pos{File: "gw.cue", Line: 9, Column: 3}

func TestDrift(t *testing.T) {
	deploy := func(before *gwsync.DeployDoc, reason string) *gwsync.Change {
		c := &gwsync.Change{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: "orders", API: "orders", Resource: ordersRoute,
			ID: "hr-1", After: &gwsync.DeployDoc{Environment: "prod"}, Pos: declaredRoutePos, Reason: reason}
		if before != nil {
			c.Before = before
		}
		return c
	}
	attach := func(env string) *gwsync.Change {
		return &gwsync.Change{Action: gwsync.Attach, Kind: gwsync.KindAttachment, Name: "timeout", Resource: timeoutKey,
			After: &gwsync.AttachmentDoc{Policy: "timeout", ResourceType: "GatewayRoute", Resource: ordersRoute, ResourceName: "orders", Environment: env}}
	}
	detach := func(env, reason string) *gwsync.Change {
		return &gwsync.Change{Action: gwsync.Detach, Kind: gwsync.KindAttachment, Name: "timeout", Resource: timeoutKey, ID: "pa-1",
			Before: &gwsync.AttachmentDoc{Policy: "timeout", ResourceType: "GatewayRoute", Resource: ordersRoute, ResourceName: "orders", Environment: env},
			Reason: reason}
	}
	update := &gwsync.Change{Action: gwsync.Update, Kind: gwsync.KindRoute, Name: "orders", API: "orders", Resource: ordersRoute, ID: "hr-1",
		Fields: []gwsync.FieldChange{{Path: "/match/path/value", Before: "/orders/v2", After: "/orders"}}, Pos: declaredRoutePos}
	create := &gwsync.Change{Action: gwsync.Create, Kind: gwsync.KindRoute, Name: "orders", API: "orders", Resource: ordersRoute,
		After: &gwsync.RouteDoc{API: "orders", Environment: "prod"}, Pos: declaredRoutePos}
	policyReplace := &gwsync.Change{Action: gwsync.Replace, Kind: gwsync.KindPolicy, Name: "timeout", Resource: "policies.timeout", ID: "p-1",
		Fields: []gwsync.FieldChange{{Path: "/className", Before: "Timeout", After: "Retry"}}, Reason: "className Timeout becomes Retry"}
	pruneRoute := &gwsync.Change{Action: gwsync.Delete, Kind: gwsync.KindRoute, Name: "hotfix", API: "orders", Resource: "httpApis.orders.routes.hotfix",
		ID: "hr-2", Before: &gwsync.RouteDoc{API: "orders", Environment: "prod"}, Reason: "not declared; --prune"}
	pruneUndeploy := &gwsync.Change{Action: gwsync.Undeploy, Kind: gwsync.KindRoute, Name: "hotfix", API: "orders", Resource: "httpApis.orders.routes.hotfix",
		ID: "hr-2", Before: &gwsync.DeployDoc{Environment: "prod", Status: "Deployed"}}

	tests := []struct {
		name    string
		changes []*gwsync.Change
		notes   []gwsync.Note
		want    []string
	}{
		{"nothing", nil, nil, nil},
		{"an update, and the deploy it brings, are one changed item with its fields",
			[]*gwsync.Change{update, deploy(&gwsync.DeployDoc{Environment: "prod", Status: "Deployed"}, "the route changed")}, nil,
			[]string{`changed route orders hr-1 gw.cue:9:3 [/match/path/value: "/orders/v2" -> "/orders"]`}},
		{"a route deleted out of band is one deleted item: its deploy and attachments follow",
			[]*gwsync.Change{create, deploy(nil, "a new route"), attach("")}, nil,
			[]string{`deleted route orders  gw.cue:9:3 [/api: <nil> -> "orders" /backend/scene: <nil> -> "" /environment: <nil> -> "prod" /match/path/type: <nil> -> "" /match/path/value: <nil> -> ""]`}},
		{"a failed deploy is undeployed",
			[]*gwsync.Change{deploy(&gwsync.DeployDoc{Environment: "prod", Status: "DeployFailed"}, "live deploy status is DeployFailed: boom")}, nil,
			[]string{`undeployed route orders hr-1 gw.cue:9:3 [/status: "DeployFailed" -> "Deployed"]`}},
		{"a route never deployed, or undeployed, is undeployed",
			[]*gwsync.Change{deploy(nil, "not deployed")}, nil,
			[]string{`undeployed route orders hr-1 gw.cue:9:3 [/environment: <nil> -> "prod" /status: "NotDeployed" -> "Deployed"]`}},
		{"a route deployed in another environment is undeployed",
			[]*gwsync.Change{deploy(&gwsync.DeployDoc{Environment: "test", Status: "Deployed"}, "deployed in environment \"test\"")}, nil,
			[]string{`undeployed route orders hr-1 gw.cue:9:3 [/environment: "test" -> "prod"]`}},
		{"an attachment detached out of band is deleted",
			[]*gwsync.Change{attach("")}, nil,
			[]string{`deleted attachment timeout  - [/policy: <nil> -> "timeout" /resource: <nil> -> "httpApis.orders.routes.orders" /resourceName: <nil> -> "orders" /resourceType: <nil> -> "GatewayRoute"]`}},
		{"an attachment detached and attached again in another environment is changed",
			[]*gwsync.Change{detach("test", "the attachment's environment changes"), attach("prod")}, nil,
			[]string{`changed attachment timeout pa-1 - [/environment: "test" -> "prod"]`}},
		{"a replaced policy takes its attachments with it",
			[]*gwsync.Change{detach("", "policy is replaced"), policyReplace, attach("")}, nil,
			[]string{`changed policy timeout p-1 - [/className: "Timeout" -> "Retry"]`}},
		{"an attachment made out of band is unmanaged, declared where its resource is",
			[]*gwsync.Change{detach("", "httpApis.orders.routes.orders no longer lists policy \"timeout\"")}, nil,
			[]string{`unmanaged attachment timeout pa-1 gw.cue:9:3 [/policy: "timeout" -> <nil> /resource: "httpApis.orders.routes.orders" -> <nil> /resourceName: "orders" -> <nil> /resourceType: "GatewayRoute" -> <nil>]`}},
		{"a pruned route is one unmanaged item, placed at its HTTP API",
			[]*gwsync.Change{pruneUndeploy, pruneRoute}, nil,
			[]string{`unmanaged route hotfix hr-2 gw.cue:7:1 [/api: "orders" -> <nil> /backend/scene: "" -> <nil> /environment: "prod" -> <nil> /match/path/type: "" -> <nil> /match/path/value: "" -> <nil>]`}},
		{"a route left alone in a declared HTTP API is unmanaged; other notes are not drift",
			nil, []gwsync.Note{
				{Kind: gwsync.KindRoute, Name: "hotfix", Resource: "httpApis.orders.routes.hotfix", ID: "hr-2", Reason: "not declared; left alone"},
				{Kind: gwsync.KindRoute, Name: "other", Resource: "httpApis.legacy.routes.other", ID: "hr-3", Reason: "not declared"},
				{Kind: gwsync.KindService, Name: "svc", Resource: "services.svc", Reason: "not declared"},
			},
			[]string{`unmanaged route hotfix hr-2 gw.cue:7:1 left alone [/api: "orders" -> <nil> /backend/scene: "" -> <nil> /description: "by hand" -> <nil> /domains: [] -> <nil> /environment: "" -> <nil> /match/path/type: "Exact" -> <nil> /match/path/value: "/hotfix" -> <nil>]`}},
		{"a declared route noted only for its missing marker is not drift",
			nil, []gwsync.Note{{Kind: gwsync.KindRoute, Name: "orders", Resource: ordersRoute, ID: "hr-1",
				Reason: "declared here but not marked as gwsync's: it is marked when gwsync next changes it; until then --prune leaves it alone"}},
			nil},
		{"a foreign policy attached to a declared route is unmanaged",
			nil, []gwsync.Note{{Kind: gwsync.KindAttachment, Name: "ratelimit", Resource: "attachments.ratelimit@httpApis.orders.routes.orders", ID: "pa-9", Reason: "left alone"}},
			[]string{`unmanaged attachment ratelimit pa-9 gw.cue:9:3 left alone [/policy: "ratelimit" -> <nil> /resource: "httpApis.orders.routes.orders" -> <nil> /resourceName: "" -> <nil> /resourceType: "" -> <nil>]`}},
		{"items are sorted by kind, then in plan order",
			[]*gwsync.Change{deploy(nil, "not deployed"), attach(""), policyUpdate()}, []gwsync.Note{
				{Kind: gwsync.KindRoute, Name: "hotfix", Resource: "httpApis.orders.routes.hotfix", ID: "hr-2", Reason: "left alone"}},
			[]string{"changed policy", "deleted attachment", "unmanaged route", "undeployed route"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &gwsync.Plan{Changes: tt.changes, Notes: tt.notes}
			got := gwsync.Drift(p, driftDesired(), driftLive())
			var lines []string
			for _, it := range got {
				lines = append(lines, driftLine(it))
			}
			if len(tt.want) > 0 && !strings.Contains(tt.want[0], "[") {
				for i := range lines {
					lines[i] = strings.Join(strings.Fields(lines[i])[:2], " ")
				}
			}
			if !reflect.DeepEqual(lines, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(lines, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func policyUpdate() *gwsync.Change {
	return &gwsync.Change{Action: gwsync.Update, Kind: gwsync.KindPolicy, Name: "timeout", Resource: "policies.timeout", ID: "p-1",
		Fields: []gwsync.FieldChange{{Path: "/config/unitNum", Before: 30.0, After: 3.0}}}
}

// driftLine renders an item compactly: kind, type, name, ID, position,
// "left alone" and the fields.
func driftLine(it gwsync.DriftItem) string {
	pos := "-"
	if it.Pos.IsValid() {
		pos = it.Pos.String()
	}
	var fields []string
	for _, f := range it.Fields {
		fields = append(fields, fmt.Sprintf("%s: %s -> %s", f.Path, show(f.Before), show(f.After)))
	}
	alone := ""
	if it.LeftAlone {
		alone = " left alone"
	}
	return fmt.Sprintf("%s %s %s %s %s%s [%s]", it.Kind, it.Type, it.Name, it.ID, pos, alone, strings.Join(fields, " "))
}

func show(v any) string {
	switch t := v.(type) {
	case nil:
		return "<nil>"
	case string:
		return fmt.Sprintf("%q", t)
	}
	return fmt.Sprint(v)
}

func TestSummarizeDrift(t *testing.T) {
	s := gwsync.SummarizeDrift([]gwsync.DriftItem{{Kind: gwsync.DriftChanged}, {Kind: gwsync.DriftChanged}, {Kind: gwsync.DriftUndeployed}})
	want := gwsync.DriftSummary{gwsync.DriftChanged: 2, gwsync.DriftDeleted: 0, gwsync.DriftUnmanaged: 0, gwsync.DriftUndeployed: 1}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %v, want %v", s, want)
	}
}
