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

// The order apply starts a Huawei plan's changes in (fact sheet §2: create
// environments, groups, variables, APIs, publish, bind, domains; delete
// in reverse):
//
//	 1 detach bindings            unbind before the API goes offline or away
//	 2 undeploy APIs              take offline (bindings stay; step 1 went first)
//	 3 delete APIs                (offline in step 2)
//	 4 delete policies            throttles, ACLs, plugins (unbound in step 1)
//	 5 environments               create, update
//	 6 groups                     create, update
//	 7 variables                  create, update (need 5 and 6)
//	 8 APIs                       create, update (need 6; their #variables# 7)
//	 9 deploy APIs                publish (need 5, 7 and 8)
//	10 policies                   create, update
//	11 attach bindings            (need 9 and 10: only a published API binds)
//	12 delete domains             unbind a domain before another group takes it
//	13 domains                    create, update (need 6)
//	14 delete variables           once the published APIs no longer use them
//	15 delete groups              (their APIs went in step 3)
//	16 delete environments        (nothing published there after step 2)
//
// API and policy deletes come before the creates, so that a new API can
// take the method and path of a deleted one and a new policy its name;
// variables, groups and environments go last, once nothing uses them.
var huaweiSteps = []struct {
	action Action
	kinds  []Kind
	step   int
}{
	{Detach, []Kind{KindBinding}, 1},
	{Undeploy, []Kind{KindAPI}, 2},
	{Delete, []Kind{KindAPI}, 3},
	{Delete, []Kind{KindThrottle, KindACL, KindPlugin}, 4},
	{Create, []Kind{KindEnvironment}, 5},
	{Update, []Kind{KindEnvironment}, 5},
	{Create, []Kind{KindGroup}, 6},
	{Update, []Kind{KindGroup}, 6},
	{Create, []Kind{KindVariable}, 7},
	{Update, []Kind{KindVariable}, 7},
	{Create, []Kind{KindAPI}, 8},
	{Update, []Kind{KindAPI}, 8},
	{Deploy, []Kind{KindAPI}, 9},
	{Create, []Kind{KindThrottle, KindACL, KindPlugin}, 10},
	{Update, []Kind{KindThrottle, KindACL, KindPlugin}, 10},
	{Attach, []Kind{KindBinding}, 11},
	{Delete, []Kind{KindDomain}, 12},
	{Create, []Kind{KindDomain}, 13},
	{Update, []Kind{KindDomain}, 13},
	{Delete, []Kind{KindVariable}, 14},
	{Delete, []Kind{KindGroup}, 15},
	{Delete, []Kind{KindEnvironment}, 16},
}

// HuaweiStepOf returns the step a Huawei change of action and kind runs
// in, or 0 if no such change exists.
func HuaweiStepOf(a Action, k Kind) int {
	for _, s := range huaweiSteps {
		if s.action == a && slices.Contains(s.kinds, k) {
			return s.step
		}
	}
	return 0
}

// hwKindRank breaks ties inside a Huawei step, in the order kinds are
// declared.
var hwKindRank = map[Kind]int{KindEnvironment: 0, KindGroup: 1, KindVariable: 2, KindAPI: 3, KindThrottle: 4, KindACL: 5,
	KindPlugin: 6, KindBinding: 7, KindDomain: 8}

// sortHuaweiChanges puts a Huawei plan's changes in step order, breaking
// ties by kind, name and resource.
func sortHuaweiChanges(cs []*Change) {
	for _, c := range cs {
		c.Step = HuaweiStepOf(c.Action, c.Kind)
	}
	slices.SortStableFunc(cs, func(a, b *Change) int {
		return cmp.Or(cmp.Compare(a.Step, b.Step), cmp.Compare(hwKindRank[a.Kind], hwKindRank[b.Kind]),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.Resource, b.Resource))
	})
}

// sortHuaweiNotes sorts a Huawei plan's notes by kind, then resource.
func sortHuaweiNotes(ns []Note) {
	slices.SortFunc(ns, func(a, b Note) int {
		return cmp.Or(cmp.Compare(hwKindRank[a.Kind], hwKindRank[b.Kind]), cmp.Compare(a.Resource, b.Resource))
	})
}
