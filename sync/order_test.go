package sync

import (
	"testing"
)

// TestStepOf pins the order table: the guide's order for creates, its
// reverse for deletes.
func TestStepOf(t *testing.T) {
	tests := []struct {
		action Action
		kind   Kind
		want   int
	}{
		{Undeploy, KindRoute, 1},
		{Detach, KindAttachment, 2},
		{Delete, KindRoute, 3},
		{Delete, KindPolicy, 4},
		{Create, KindService, 5}, {Update, KindService, 5}, {Replace, KindService, 5},
		{Create, KindDomain, 5}, {Update, KindDomain, 5},
		{Create, KindPolicy, 6}, {Update, KindPolicy, 6}, {Replace, KindPolicy, 6},
		{Create, KindHTTPAPI, 7}, {Update, KindHTTPAPI, 7},
		{Create, KindRoute, 8}, {Update, KindRoute, 8}, {Replace, KindRoute, 8},
		{Attach, KindAttachment, 9},
		{Deploy, KindRoute, 10},
		{Delete, KindHTTPAPI, 11},
		{Delete, KindDomain, 12}, {Delete, KindService, 12},
		// Changes that do not exist.
		{Deploy, KindPolicy, 0}, {Attach, KindRoute, 0}, {Replace, KindHTTPAPI, 0}, {Update, KindAttachment, 0},
	}
	for _, tt := range tests {
		if got := StepOf(tt.action, tt.kind); got != tt.want {
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
		first := StepOf(Action(b.first[0]), Kind(b.first[1]))
		then := StepOf(Action(b.then[0]), Kind(b.then[1]))
		if first == 0 || then == 0 || first >= then {
			t.Errorf("%s %s (step %d) must come before %s %s (step %d)", b.first[0], b.first[1], first, b.then[0], b.then[1], then)
		}
	}
}

// TestSortChangesBreaksTiesByName keeps plans stable.
func TestSortChangesBreaksTiesByName(t *testing.T) {
	cs := []*Change{
		{Action: Deploy, Kind: KindRoute, Name: "b", API: "x"},
		{Action: Create, Kind: KindRoute, Name: "b", API: "x"},
		{Action: Create, Kind: KindDomain, Name: "a.example.com"},
		{Action: Create, Kind: KindService, Name: "z"},
		{Action: Create, Kind: KindRoute, Name: "a", API: "x"},
		{Action: Undeploy, Kind: KindRoute, Name: "old", API: "x"},
	}
	sortChanges(cs)
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
