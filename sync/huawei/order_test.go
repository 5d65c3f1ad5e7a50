package huawei

import (
	"testing"

	gwsync "github.com/gwsync/gwsync/sync"
)

// TestHuaweiStepOf pins the Huawei order table: the fact sheet's order
// for creates (environments, groups, variables, APIs, publish, policies,
// bindings, domains), its reverse for deletes.
func TestHuaweiStepOf(t *testing.T) {
	tests := []struct {
		action gwsync.Action
		kind   gwsync.Kind
		want   int
	}{
		{gwsync.Detach, KindBinding, 1},
		{gwsync.Undeploy, KindAPI, 2},
		{gwsync.Delete, KindAPI, 3},
		{gwsync.Delete, KindThrottle, 4}, {gwsync.Delete, KindACL, 4}, {gwsync.Delete, KindPlugin, 4},
		{gwsync.Create, KindEnvironment, 5}, {gwsync.Update, KindEnvironment, 5},
		{gwsync.Create, KindGroup, 6}, {gwsync.Update, KindGroup, 6},
		{gwsync.Create, KindVariable, 7}, {gwsync.Update, KindVariable, 7},
		{gwsync.Create, KindAPI, 8}, {gwsync.Update, KindAPI, 8},
		{gwsync.Deploy, KindAPI, 9},
		{gwsync.Create, KindThrottle, 10}, {gwsync.Update, KindACL, 10}, {gwsync.Create, KindPlugin, 10},
		{gwsync.Attach, KindBinding, 11},
		{gwsync.Delete, gwsync.KindDomain, 12},
		{gwsync.Create, gwsync.KindDomain, 13}, {gwsync.Update, gwsync.KindDomain, 13},
		{gwsync.Delete, KindVariable, 14},
		{gwsync.Delete, KindGroup, 15},
		{gwsync.Delete, KindEnvironment, 16},
		// Changes that do not exist.
		{gwsync.Replace, KindAPI, 0}, {gwsync.Deploy, KindGroup, 0}, {gwsync.Attach, KindAPI, 0}, {gwsync.Create, gwsync.KindRoute, 0}, {gwsync.Create, gwsync.KindService, 0},
	}
	for _, tt := range tests {
		if got := order.StepOf(tt.action, tt.kind); got != tt.want {
			t.Errorf("StepOf(%s, %s) = %d, want %d", tt.action, tt.kind, got, tt.want)
		}
	}
}

// TestHuaweiStepDependencies checks the Huawei table against what each
// change needs to exist before it (or to be gone after it).
func TestHuaweiStepDependencies(t *testing.T) {
	before := []struct{ first, then [2]string }{
		// Creates: the fact sheet's order.
		{[2]string{"create", "environment"}, [2]string{"create", "variable"}},
		{[2]string{"create", "group"}, [2]string{"create", "variable"}},
		{[2]string{"create", "group"}, [2]string{"create", "api"}},
		{[2]string{"create", "variable"}, [2]string{"deploy", "api"}},
		{[2]string{"create", "environment"}, [2]string{"deploy", "api"}},
		{[2]string{"create", "api"}, [2]string{"deploy", "api"}},
		{[2]string{"update", "api"}, [2]string{"deploy", "api"}},
		// Only a published API binds, to a policy that exists.
		{[2]string{"deploy", "api"}, [2]string{"attach", "binding"}},
		{[2]string{"create", "throttle"}, [2]string{"attach", "binding"}},
		{[2]string{"create", "acl"}, [2]string{"attach", "binding"}},
		{[2]string{"create", "plugin"}, [2]string{"attach", "binding"}},
		{[2]string{"create", "group"}, [2]string{"create", "domain"}},
		{[2]string{"attach", "binding"}, [2]string{"create", "domain"}},
		// Deletes: unbind, offline, delete API, policies, variables, group.
		{[2]string{"detach", "binding"}, [2]string{"undeploy", "api"}},
		{[2]string{"undeploy", "api"}, [2]string{"delete", "api"}},
		{[2]string{"detach", "binding"}, [2]string{"delete", "throttle"}},
		{[2]string{"detach", "binding"}, [2]string{"delete", "plugin"}},
		{[2]string{"delete", "api"}, [2]string{"delete", "group"}},
		{[2]string{"delete", "variable"}, [2]string{"delete", "group"}},
		{[2]string{"undeploy", "api"}, [2]string{"delete", "environment"}},
		{[2]string{"delete", "variable"}, [2]string{"delete", "environment"}},
		// Variables go once the APIs that used them are published again.
		{[2]string{"deploy", "api"}, [2]string{"delete", "variable"}},
		// A new API may take the path of a deleted one; a domain moves.
		{[2]string{"delete", "api"}, [2]string{"create", "api"}},
		{[2]string{"delete", "domain"}, [2]string{"create", "domain"}},
		{[2]string{"undeploy", "api"}, [2]string{"deploy", "api"}},
	}
	for _, b := range before {
		first := order.StepOf(gwsync.Action(b.first[0]), gwsync.Kind(b.first[1]))
		then := order.StepOf(gwsync.Action(b.then[0]), gwsync.Kind(b.then[1]))
		if first == 0 || then == 0 || first >= then {
			t.Errorf("%s %s (step %d) must come before %s %s (step %d)", b.first[0], b.first[1], first, b.then[0], b.then[1], then)
		}
	}
}
