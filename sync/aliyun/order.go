package aliyun

import gwsync "github.com/gwsync/gwsync/sync"

// order is the order apply starts an APIG plan's changes in, as the
// orchestration guide requires:
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
// once the routes that used them point elsewhere. Ties inside a step
// break services before domains, and so on in the order kinds are
// declared.
var order = &gwsync.Order{
	Steps: []gwsync.Step{
		{Action: gwsync.Undeploy, Kinds: []gwsync.Kind{gwsync.KindRoute}, N: 1},
		{Action: gwsync.Detach, Kinds: []gwsync.Kind{gwsync.KindAttachment}, N: 2},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{gwsync.KindRoute}, N: 3},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{gwsync.KindPolicy}, N: 4},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{gwsync.KindService, gwsync.KindDomain}, N: 5},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{gwsync.KindService, gwsync.KindDomain}, N: 5},
		{Action: gwsync.Replace, Kinds: []gwsync.Kind{gwsync.KindService, gwsync.KindDomain}, N: 5},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{gwsync.KindPolicy}, N: 6},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{gwsync.KindPolicy}, N: 6},
		{Action: gwsync.Replace, Kinds: []gwsync.Kind{gwsync.KindPolicy}, N: 6},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{gwsync.KindHTTPAPI}, N: 7},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{gwsync.KindHTTPAPI}, N: 7},
		{Action: gwsync.Create, Kinds: []gwsync.Kind{gwsync.KindRoute}, N: 8},
		{Action: gwsync.Update, Kinds: []gwsync.Kind{gwsync.KindRoute}, N: 8},
		{Action: gwsync.Replace, Kinds: []gwsync.Kind{gwsync.KindRoute}, N: 8},
		{Action: gwsync.Attach, Kinds: []gwsync.Kind{gwsync.KindAttachment}, N: 9},
		{Action: gwsync.Deploy, Kinds: []gwsync.Kind{gwsync.KindRoute}, N: 10},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{gwsync.KindHTTPAPI}, N: 11},
		{Action: gwsync.Delete, Kinds: []gwsync.Kind{gwsync.KindDomain, gwsync.KindService}, N: 12},
	},
	Rank: map[gwsync.Kind]int{gwsync.KindService: 0, gwsync.KindDomain: 1, gwsync.KindPolicy: 2, gwsync.KindHTTPAPI: 3,
		gwsync.KindRoute: 4, gwsync.KindAttachment: 5},
}
