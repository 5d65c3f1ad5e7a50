package aliyun

import (
	"testing"

	gwsync "github.com/gwsync/gwsync/sync"
)

// TestStepOf pins the order table: the guide's order for creates, its
// reverse for deletes.
func TestStepOf(t *testing.T) {
	tests := []struct {
		action gwsync.Action
		kind   gwsync.Kind
		want   int
	}{
		{gwsync.Undeploy, gwsync.KindRoute, 1},
		{gwsync.Detach, gwsync.KindAttachment, 2},
		{gwsync.Delete, gwsync.KindRoute, 3},
		{gwsync.Delete, gwsync.KindPolicy, 4},
		{gwsync.Create, gwsync.KindService, 5}, {gwsync.Update, gwsync.KindService, 5}, {gwsync.Replace, gwsync.KindService, 5},
		{gwsync.Create, gwsync.KindDomain, 5}, {gwsync.Update, gwsync.KindDomain, 5},
		{gwsync.Create, gwsync.KindPolicy, 6}, {gwsync.Update, gwsync.KindPolicy, 6}, {gwsync.Replace, gwsync.KindPolicy, 6},
		{gwsync.Create, gwsync.KindHTTPAPI, 7}, {gwsync.Update, gwsync.KindHTTPAPI, 7},
		{gwsync.Create, gwsync.KindRoute, 8}, {gwsync.Update, gwsync.KindRoute, 8}, {gwsync.Replace, gwsync.KindRoute, 8},
		{gwsync.Attach, gwsync.KindAttachment, 9},
		{gwsync.Deploy, gwsync.KindRoute, 10},
		{gwsync.Delete, gwsync.KindHTTPAPI, 11},
		{gwsync.Delete, gwsync.KindDomain, 12}, {gwsync.Delete, gwsync.KindService, 12},
		// Changes that do not exist.
		{gwsync.Deploy, gwsync.KindPolicy, 0}, {gwsync.Attach, gwsync.KindRoute, 0}, {gwsync.Replace, gwsync.KindHTTPAPI, 0}, {gwsync.Update, gwsync.KindAttachment, 0},
	}
	for _, tt := range tests {
		if got := order.StepOf(tt.action, tt.kind); got != tt.want {
			t.Errorf("StepOf(%s, %s) = %d, want %d", tt.action, tt.kind, got, tt.want)
		}
	}
}

// TestStepDependencies checks the table against what each change needs
// to exist before it (or to be gone after it).
func TestStepDependencies(t *testing.T) {
	before := []struct{ first, then [2]string }{
		// What a route needs.
		{[2]string{"create", "service"}, [2]string{"create", "route"}},
		{[2]string{"create", "domain"}, [2]string{"create", "route"}},
		{[2]string{"create", "httpApi"}, [2]string{"create", "route"}},
		// An attachment needs its policy and its resource.
		{[2]string{"create", "policy"}, [2]string{"attach", "attachment"}},
		{[2]string{"create", "route"}, [2]string{"attach", "attachment"}},
		// A deploy serves the route as updated, with its policies.
		{[2]string{"update", "route"}, [2]string{"deploy", "route"}},
		{[2]string{"attach", "attachment"}, [2]string{"deploy", "route"}},
		// Deletes: offline, detached, then gone, bottom up.
		{[2]string{"undeploy", "route"}, [2]string{"delete", "route"}},
		{[2]string{"detach", "attachment"}, [2]string{"delete", "policy"}},
		{[2]string{"detach", "attachment"}, [2]string{"delete", "route"}},
		{[2]string{"delete", "route"}, [2]string{"delete", "httpApi"}},
		{[2]string{"update", "route"}, [2]string{"delete", "service"}},
		{[2]string{"update", "route"}, [2]string{"delete", "domain"}},
		// A new route may take the path of a deleted one.
		{[2]string{"delete", "route"}, [2]string{"create", "route"}},
		{[2]string{"undeploy", "route"}, [2]string{"deploy", "route"}},
	}
	for _, b := range before {
		first := order.StepOf(gwsync.Action(b.first[0]), gwsync.Kind(b.first[1]))
		then := order.StepOf(gwsync.Action(b.then[0]), gwsync.Kind(b.then[1]))
		if first == 0 || then == 0 || first >= then {
			t.Errorf("%s %s (step %d) must come before %s %s (step %d)", b.first[0], b.first[1], first, b.then[0], b.then[1], then)
		}
	}
}

// TestSortChangesBreaksTiesByName keeps plans stable.
func TestSortChangesBreaksTiesByName(t *testing.T) {
	cs := []*gwsync.Change{
		{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: "b", API: "x"},
		{Action: gwsync.Create, Kind: gwsync.KindRoute, Name: "b", API: "x"},
		{Action: gwsync.Create, Kind: gwsync.KindDomain, Name: "a.example.com"},
		{Action: gwsync.Create, Kind: gwsync.KindService, Name: "z"},
		{Action: gwsync.Create, Kind: gwsync.KindRoute, Name: "a", API: "x"},
		{Action: gwsync.Undeploy, Kind: gwsync.KindRoute, Name: "old", API: "x"},
	}
	order.Sort(&gwsync.Plan{Changes: cs})
	var got []string
	for _, c := range cs {
		got = append(got, string(c.Action)+" "+string(c.Kind)+" "+c.Name)
	}
	want := []string{"undeploy route old", "create service z", "create domain a.example.com", "create route a", "create route b", "deploy route b"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
}
