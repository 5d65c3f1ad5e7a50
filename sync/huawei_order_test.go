package sync

import "testing"

// TestHuaweiStepOf pins the Huawei order table: the fact sheet's order
// for creates (environments, groups, variables, APIs, publish, policies,
// bindings, domains), its reverse for deletes.
func TestHuaweiStepOf(t *testing.T) {
	tests := []struct {
		action Action
		kind   Kind
		want   int
	}{
		{Detach, KindBinding, 1},
		{Undeploy, KindAPI, 2},
		{Delete, KindAPI, 3},
		{Delete, KindThrottle, 4}, {Delete, KindACL, 4}, {Delete, KindPlugin, 4},
		{Create, KindEnvironment, 5}, {Update, KindEnvironment, 5},
		{Create, KindGroup, 6}, {Update, KindGroup, 6},
		{Create, KindVariable, 7}, {Update, KindVariable, 7},
		{Create, KindAPI, 8}, {Update, KindAPI, 8},
		{Deploy, KindAPI, 9},
		{Create, KindThrottle, 10}, {Update, KindACL, 10}, {Create, KindPlugin, 10},
		{Attach, KindBinding, 11},
		{Delete, KindDomain, 12},
		{Create, KindDomain, 13}, {Update, KindDomain, 13},
		{Delete, KindVariable, 14},
		{Delete, KindGroup, 15},
		{Delete, KindEnvironment, 16},
		// Changes that do not exist.
		{Replace, KindAPI, 0}, {Deploy, KindGroup, 0}, {Attach, KindAPI, 0}, {Create, KindRoute, 0}, {Create, KindService, 0},
	}
	for _, tt := range tests {
		if got := HuaweiStepOf(tt.action, tt.kind); got != tt.want {
			t.Errorf("HuaweiStepOf(%s, %s) = %d, want %d", tt.action, tt.kind, got, tt.want)
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
		first := HuaweiStepOf(Action(b.first[0]), Kind(b.first[1]))
		then := HuaweiStepOf(Action(b.then[0]), Kind(b.then[1]))
		if first == 0 || then == 0 || first >= then {
			t.Errorf("%s %s (step %d) must come before %s %s (step %d)", b.first[0], b.first[1], first, b.then[0], b.then[1], then)
		}
	}
}

// TestChainsSerialiseHuaweiBindings: every binding write of a step runs
// in one chain (APIG.3500 otherwise), whatever policy or API it is about;
// other Huawei changes keep one chain per resource.
func TestChainsSerialiseHuaweiBindings(t *testing.T) {
	step := []*Change{
		{Action: Attach, Kind: KindBinding, Name: "t", Resource: HuaweiBindingKey("throttles", "t", "g", "a", "RELEASE")},
		{Action: Attach, Kind: KindBinding, Name: "p", Resource: HuaweiBindingKey("plugins", "p", "g", "b", "TEST")},
		{Action: Attach, Kind: KindBinding, Name: "acl", Resource: HuaweiBindingKey("acls", "acl", "h", "c", "RELEASE")},
	}
	if got := chains(step); len(got) != 1 || len(got[0]) != 3 {
		t.Errorf("bindings split into %d chains, want 1 of 3", len(got))
	}
	deploys := []*Change{
		{Action: Deploy, Kind: KindAPI, Name: "a", Resource: HuaweiPublicationKey("g", "a", "RELEASE")},
		{Action: Deploy, Kind: KindAPI, Name: "b", Resource: HuaweiPublicationKey("g", "b", "RELEASE")},
	}
	if got := chains(deploys); len(got) != 2 {
		t.Errorf("publishes of two APIs in %d chains, want 2", len(got))
	}
}
