package huawei

import gwsync "github.com/gwsync/gwsync/sync"

// order is the order apply starts a Huawei plan's changes in (fact sheet
// §2: create environments, groups, variables, APIs, publish, bind,
// domains; delete in reverse):
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
// Ties inside a step break in the order kinds are declared.
var order = &gwsync.Order{
	Steps: []gwsync.Step{
		{Action: gwsync.Detach, Kinds: []gwsync.Kind{KindBinding}, N: 1},
		{Action: gwsync.Undeploy, Kinds: []gwsync.Kind{KindAPI}, N: 2},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{KindAPI}, N: 3},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{KindThrottle, KindACL, KindPlugin}, N: 4},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{KindEnvironment}, N: 5},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{KindEnvironment}, N: 5},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{KindGroup}, N: 6},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{KindGroup}, N: 6},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{KindVariable}, N: 7},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{KindVariable}, N: 7},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{KindAPI}, N: 8},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{KindAPI}, N: 8},
		{Action: gwsync.Deploy, Kinds: []gwsync.Kind{KindAPI}, N: 9},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{KindThrottle, KindACL, KindPlugin}, N: 10},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{KindThrottle, KindACL, KindPlugin}, N: 10},
		{Action: gwsync.Attach, Kinds: []gwsync.Kind{KindBinding}, N: 11},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{gwsync.KindDomain}, N: 12},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{gwsync.KindDomain}, N: 13},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{gwsync.KindDomain}, N: 13},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{KindVariable}, N: 14},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{KindGroup}, N: 15},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{KindEnvironment}, N: 16},
	},
	Rank: map[gwsync.Kind]int{KindEnvironment: 0, KindGroup: 1, KindVariable: 2, KindAPI: 3, KindThrottle: 4, KindACL: 5,
		KindPlugin: 6, KindBinding: 7, gwsync.KindDomain: 8},
}
