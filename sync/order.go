package sync

import (
	"cmp"
	"slices"
)

// The order apply starts changes in, as the orchestration guide requires:
//
//	 1 undeploy routes            that are deleted or replaced
//	 2 detach attachments         before what they join goes away
//	 3 delete routes
//	 4 delete policies            (detached in step 2)
//	 5 services, domains          create, update, replace: independent of each other
//	 6 policies                   create, update, replace
//	 7 HTTP APIs                  create, update
//	 8 routes                     create, update, replace (need 5 and 7)
//	 9 attach attachments         (need 6 and 8)
//	10 deploy routes              (need 8 and 9)
//	11 delete HTTP APIs           (their routes went in step 3)
//	12 delete domains, services   (no route uses them after step 8)
//
// Route and policy deletes come before the creates so that a new route can
// take the path of a deleted one; domain and service deletes come last,
// once the routes that used them point elsewhere.
var steps = []struct {
	action Action
	kinds  []Kind
	step   int
}{
	{Undeploy, []Kind{KindRoute}, 1},
	{Detach, []Kind{KindAttachment}, 2},
	{Delete, []Kind{KindRoute}, 3},
	{Delete, []Kind{KindPolicy}, 4},
	{Create, []Kind{KindService, KindDomain}, 5},
	{Update, []Kind{KindService, KindDomain}, 5},
	{Replace, []Kind{KindService, KindDomain}, 5},
	{Create, []Kind{KindPolicy}, 6},
	{Update, []Kind{KindPolicy}, 6},
	{Replace, []Kind{KindPolicy}, 6},
	{Create, []Kind{KindHTTPAPI}, 7},
	{Update, []Kind{KindHTTPAPI}, 7},
	{Create, []Kind{KindRoute}, 8},
	{Update, []Kind{KindRoute}, 8},
	{Replace, []Kind{KindRoute}, 8},
	{Attach, []Kind{KindAttachment}, 9},
	{Deploy, []Kind{KindRoute}, 10},
	{Delete, []Kind{KindHTTPAPI}, 11},
	{Delete, []Kind{KindDomain, KindService}, 12},
}

// StepOf returns the step a change of action and kind runs in, or 0 if no
// such change exists.
func StepOf(a Action, k Kind) int {
	for _, s := range steps {
		if s.action == a && slices.Contains(s.kinds, k) {
			return s.step
		}
	}
	return 0
}

// kindRank breaks ties inside a step: services before domains, and so on
// in the order kinds are declared.
var kindRank = map[Kind]int{KindService: 0, KindDomain: 1, KindPolicy: 2, KindHTTPAPI: 3, KindRoute: 4, KindAttachment: 5}

// sortChanges puts changes in step order, breaking ties by kind, API, name
// and resource, so a plan reads the same every time.
func sortChanges(cs []*Change) {
	for _, c := range cs {
		c.Step = StepOf(c.Action, c.Kind)
	}
	slices.SortStableFunc(cs, func(a, b *Change) int {
		return cmp.Or(cmp.Compare(a.Step, b.Step), cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]),
			cmp.Compare(a.API, b.API), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Resource, b.Resource))
	})
}
