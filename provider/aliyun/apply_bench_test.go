package aliyun_test

// Apply benchmarks against the emulator (issue 7): a plan made by
// sync.Diff against an empty emulated gateway, read through the provider,
// is applied with sync.Apply over loopback HTTP, with the emulator's
// per-call latency, deploy duration and per-key QPS limit set and the
// client pacing itself at the same QPS. Each apply runs on a fresh
// emulator; the read, the diff and the check afterwards are not timed.
//
//	go test -run '^$' -bench Apply -benchtime 1x ./provider/aliyun
//
// Figures are reported as custom metrics: wall-s (the apply's wall time),
// calls (HTTP requests the emulator answered during the apply, retries
// included), lowerbound-s and ratio-to-lowerbound (see applyLowerBound),
// polls/deploy and throttled; every run also logs its calls by action and
// when each action's calls started and ended.

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gwsync/gwsync/compiler"
	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/internal/synth"
	"github.com/gwsync/gwsync/model"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// emuSettings are the emulator's timing settings an apply runs under; the
// client's QPS limit is set to the emulator's.
type emuSettings struct {
	// Latency is added to every call before the emulator handles it.
	Latency time.Duration
	// DeployDelay is how long a route stays Deploying.
	DeployDelay time.Duration
	// QPS limits the calls per second of one access key (the emulator
	// answers calls over it Throttling.User) and paces the client.
	QPS float64
}

// benchQPS sets the QPS limit of every benchmark below; 0 lifts it, so
// that the parallelism and the latency bound an apply instead.
var benchQPS = flag.Float64("apply.qps", 200, "the emulator's and the client's QPS limit in the apply benchmarks (0: none)")

// benchSettings are the settings of every benchmark below, except for the
// deploy duration where a benchmark varies it: 20 ms a call, 200 ms
// deploys, 200 QPS (-apply.qps). The emulator admits QPS calls a second
// per access key with a bucket of QPS tokens; the client starts at most
// QPS calls a second with a bucket of one, so a paced client is never
// throttled (each run reports throttled responses to show it).
func benchSettings() emuSettings {
	return emuSettings{Latency: 20 * time.Millisecond, DeployDelay: 200 * time.Millisecond, QPS: *benchQPS}
}

// applyBound is a lower bound on the wall time of an apply.
type applyBound struct {
	// Calls are the calls the plan's changes need: one per change (two for
	// a replace: delete, then create) and one deploy status read per deploy
	// or undeploy.
	Calls int
	// Chain is the longest run of calls that must follow one another.
	Chain time.Duration
	// Rate is Calls divided by the QPS limit.
	Rate time.Duration
	// InFlight is the calls of the changes (status reads left out) times
	// Latency, divided by the parallelism: each of them holds one of the
	// parallelism's slots for at least Latency.
	InFlight time.Duration
	// ListedCalls and ListedRate are Calls and Rate if the status reads
	// were list calls (ListHttpApiRoutes, 100 routes a page) that read
	// every route of an HTTP API deployed in the same round at once: one
	// page per 100 deploys per HTTP API. The sync.Gateway interface reads
	// one route at a time, so Total leaves them out; they show what
	// batching the reads would gain.
	ListedCalls int
	ListedRate  time.Duration
}

// Total is the bound: max(Chain, Rate, InFlight).
func (b applyBound) Total() time.Duration { return max(b.Chain, b.Rate, b.InFlight) }

// applyLowerBound is the least wall time in which any executor, calling
// through a client that starts at most s.QPS calls a second with at most
// parallelism changes' calls in flight (0: the default), could apply plan
// against the emulator with settings s. It is computed from the settings
// and the plan, not measured: max(Chain, Calls/QPS, InFlight), where
//
//   - every call costs s.Latency (the emulator waits that long before it
//     handles a call; loopback HTTP and signing are taken as free);
//   - Calls counts only calls that cannot be avoided (applyBoundCalls): no
//     status read of a deploy is counted but the one that finds it done;
//   - Chain is the longest path through the changes' real dependencies,
//     those the emulator would refuse or that a deploy needs to be right:
//     a route create or update waits for its HTTP API, services and
//     domains when the plan creates or updates them; an attach waits for
//     its policy and for what it attaches to; a deploy waits for its
//     route and for every attach to that route. Nothing else waits: the
//     executor's steps are not dependencies, changes to one resource (two
//     attachments to one route) may run side by side, and deletes,
//     detaches and undeploys are taken as waiting for nothing, which can
//     only lower the bound;
//   - a deploy (or undeploy) costs max(DeployDelay, Latency) + Latency:
//     the emulator starts it when it handles the call, after Latency, and
//     it settles DeployDelay later; the status read that finds it done is
//     handled Latency after it is sent, and it cannot be sent before the
//     deploy call has answered (Latency) nor be handled before the deploy
//     settles, so it is sent at the earliest max(DeployDelay, Latency)
//     after the deploy call and answers Latency after that;
//   - InFlight counts the changes' calls only, not the status reads, so
//     it holds whether or not an executor gives status reads a slot.
//
// The client's token bucket holds one call and the emulator's QPS calls,
// so a paced client is never throttled; the bound takes the client's pace
// (a client allowed the emulator's burst could start up to QPS calls, one
// second's worth, at once).
//
// The apply is timed from its start to its end; the read before it (made
// to plan) and the check after it are not, so neither is in the bound.
func applyLowerBound(plan *gwsync.Plan, s emuSettings, parallelism int) applyBound {
	if parallelism <= 0 {
		parallelism = gwsync.DefaultParallelism
	}
	calls, reads, listed := applyBoundCalls(plan)
	b := applyBound{Calls: calls, Chain: applyChain(plan, s), ListedCalls: calls - reads + listed,
		InFlight: time.Duration(calls-reads) * s.Latency / time.Duration(parallelism)}
	if s.QPS > 0 {
		b.Rate = perQPS(b.Calls, s.QPS)
		b.ListedRate = perQPS(b.ListedCalls, s.QPS)
	}
	return b
}

// perQPS is how long n calls take at qps calls a second.
func perQPS(n int, qps float64) time.Duration {
	return time.Duration(float64(n) / qps * float64(time.Second))
}

// applyBoundCalls counts the calls plan's changes cannot do without, and
// of them the deploy status reads; listed is how many status reads would
// do if each read a page of 100 routes of one HTTP API.
func applyBoundCalls(plan *gwsync.Plan) (calls, reads, listed int) {
	perAPI := map[string]int{}
	for _, c := range plan.Changes {
		switch c.Action {
		case gwsync.Replace:
			calls += 2 // delete and create
		case gwsync.Deploy, gwsync.Undeploy:
			calls += 2 // the call and the status read that finds it done
			reads++
			perAPI[c.API]++
		default:
			calls++
		}
	}
	for _, n := range perAPI {
		listed += (n + 99) / 100
	}
	return calls, reads, listed
}

// applyChain is the longest path through the changes' real dependencies
// (see applyLowerBound). The plan's order puts every change after those
// it depends on, so one pass in that order finds each change's end.
func applyChain(plan *gwsync.Plan, s emuSettings) time.Duration {
	made := map[string]time.Duration{}     // resource path -> when its create or update ends
	attached := map[string]time.Duration{} // resource path -> when the last attach to it ends
	var longest time.Duration
	for _, c := range plan.Changes {
		end := s.Latency
		switch c.Action {
		case gwsync.Deploy, gwsync.Undeploy:
			end = max(made[c.Resource], attached[c.Resource]) + max(s.DeployDelay, s.Latency) + s.Latency
		case gwsync.Attach:
			if a, ok := c.After.(*gwsync.AttachmentDoc); ok {
				end += max(made[alimodel.PolicyPath(a.Policy)], made[a.Resource])
				attached[a.Resource] = max(attached[a.Resource], end)
			}
		case gwsync.Create, gwsync.Update, gwsync.Replace:
			end += routeInputsMade(c, made)
			if c.Action == gwsync.Replace {
				end += s.Latency
			}
			made[c.Resource] = end
		}
		longest = max(longest, end)
	}
	return longest
}

// routeInputsMade is when the last of a route's HTTP API, services and
// domains made in this plan is made (0 for a change that is not a route's).
func routeInputsMade(c *gwsync.Change, made map[string]time.Duration) time.Duration {
	rd, ok := c.After.(*gwsync.RouteDoc)
	if c.Kind != gwsync.KindRoute || !ok {
		return 0
	}
	t := made[alimodel.HTTPAPIPath(rd.API)]
	for _, sv := range rd.Backend.Services {
		t = max(t, made[alimodel.ServicePath(sv.Service)])
	}
	for _, d := range rd.Domains {
		t = max(t, made[alimodel.DomainPath(d)])
	}
	return t
}

// TestApplyLowerBound checks the bound on a plan of one route with one
// policy attached, and with a deploy shorter than a call.
func TestApplyLowerBound(t *testing.T) {
	const ms = time.Millisecond
	route := &gwsync.RouteDoc{API: "a", Environment: "prod", Domains: []string{"d.example.com"},
		Backend: gwsync.BackendDoc{Scene: "SingleService", Services: []gwsync.BackendServiceDoc{{Service: "s", Protocol: "HTTP"}}}}
	attachment := &gwsync.AttachmentDoc{Policy: "p", ResourceType: "HttpApiRoute", Resource: model.RoutePath("a", "r"), ResourceName: "r"}
	plan := &gwsync.Plan{Changes: []*gwsync.Change{
		{Action: gwsync.Create, Kind: gwsync.KindService, Name: "s", Resource: alimodel.ServicePath("s"), After: &gwsync.ServiceDoc{}},
		{Action: gwsync.Create, Kind: gwsync.KindDomain, Name: "d.example.com", Resource: alimodel.DomainPath("d.example.com"), After: &gwsync.DomainDoc{}},
		{Action: gwsync.Create, Kind: gwsync.KindPolicy, Name: "p", Resource: alimodel.PolicyPath("p"), After: &gwsync.PolicyDoc{}},
		{Action: gwsync.Create, Kind: gwsync.KindHTTPAPI, Name: "a", Resource: alimodel.HTTPAPIPath("a"), After: &gwsync.HTTPAPIDoc{}},
		{Action: gwsync.Create, Kind: gwsync.KindRoute, Name: "r", API: "a", Resource: model.RoutePath("a", "r"), After: route},
		{Action: gwsync.Attach, Kind: gwsync.KindAttachment, Name: "p", Resource: alimodel.AttachmentKey("p", attachment.Resource), After: attachment},
		{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: "r", API: "a", Resource: model.RoutePath("a", "r")},
	}}
	for _, tc := range []struct {
		name        string
		s           emuSettings
		parallelism int
		chain       time.Duration
		total       time.Duration
	}{
		// Creates of s, d, p and a side by side (10), the route (10), the
		// attach (10), the deploy (10), its settling (100 after the deploy
		// call) and the status read (10).
		{"chain", emuSettings{Latency: 10 * ms, DeployDelay: 100 * ms, QPS: 1000}, 0, 140 * ms, 140 * ms},
		// 8 calls at 10 a second.
		{"rate", emuSettings{Latency: 10 * ms, DeployDelay: 100 * ms, QPS: 10}, 0, 140 * ms, 800 * ms},
		// The deploy settles before its call answers: the status read
		// follows the answer.
		{"short deploy", emuSettings{Latency: 10 * ms, DeployDelay: 2 * ms, QPS: 1000}, 0, 50 * ms, 50 * ms},
		{"no latency", emuSettings{DeployDelay: 100 * ms}, 0, 100 * ms, 100 * ms},
		// One call at a time: the 7 changes' calls, 10 each.
		{"in flight", emuSettings{Latency: 10 * ms, DeployDelay: 10 * ms}, 1, 50 * ms, 70 * ms},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := applyLowerBound(plan, tc.s, tc.parallelism)
			if b.Calls != 8 || b.ListedCalls != 8 || b.Chain != tc.chain || b.Total() != tc.total {
				t.Errorf("bound = %d calls (%d listed), chain %s, total %s; want 8 (8), %s, %s",
					b.Calls, b.ListedCalls, b.Chain, b.Total(), tc.chain, tc.total)
			}
		})
	}
}

// TestApplyBoundListedReads checks the count of status reads that list
// routes: a page per 100 deploys per HTTP API.
func TestApplyBoundListedReads(t *testing.T) {
	plan := &gwsync.Plan{}
	for i := range 151 {
		api := "a"
		if i == 150 {
			api = "b"
		}
		name := fmt.Sprintf("r%d", i)
		plan.Changes = append(plan.Changes, &gwsync.Change{Action: gwsync.Deploy, Kind: gwsync.KindRoute, Name: name, API: api, Resource: model.RoutePath(api, name)})
	}
	calls, reads, listed := applyBoundCalls(plan)
	if calls != 302 || reads != 151 || listed != 3 {
		t.Errorf("calls, reads, listed = %d, %d, %d; want 302, 151, 3", calls, reads, listed)
	}
}

// callLog counts and times the requests a handler serves, by action (the
// x-acs-action header).
type callLog struct {
	next http.Handler

	mu        sync.Mutex
	calls     map[string]int
	first     map[string]time.Time // when the first call of an action came in
	last      map[string]time.Time // when the last call of an action was answered
	throttled int
	failed    int
}

func newCallLog(next http.Handler) *callLog {
	l := &callLog{next: next}
	l.reset()
	return l
}

// reset forgets every call so far.
func (l *callLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls, l.first, l.last = map[string]int{}, map[string]time.Time{}, map[string]time.Time{}
	l.throttled, l.failed = 0, 0
}

func (l *callLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	l.next.ServeHTTP(sw, r)
	end := time.Now()
	action := r.Header.Get("x-acs-action")
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls[action]++
	if _, ok := l.first[action]; !ok {
		l.first[action] = start
	}
	l.last[action] = end
	switch {
	case w.Header().Get("Retry-After") != "": // the emulator sends it only when throttling
		l.throttled++
	case sw.status >= 300:
		l.failed++
	}
}

// statusWriter notes the status a handler answers with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// total is the number of calls.
func (l *callLog) total() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.calls {
		n += c
	}
	return n
}

// timeline describes the calls by action, in the order each action
// started, on one line: count, and when its first call came in and its
// last was answered, in seconds from t0.
func (l *callLog) timeline(t0 time.Time) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	actions := slices.SortedFunc(maps.Keys(l.calls), func(a, b string) int { return l.first[a].Compare(l.first[b]) })
	parts := make([]string, len(actions))
	for i, a := range actions {
		parts[i] = fmt.Sprintf("%s %d [%.2f-%.2fs]", a, l.calls[a], l.first[a].Sub(t0).Seconds(), l.last[a].Sub(t0).Seconds())
	}
	return strings.Join(parts, ", ")
}

// benchGateway is a fresh emulator with settings s behind a call log, and
// a provider Gateway whose client is paced at s.QPS.
type benchGateway struct {
	log   *callLog
	gw    *aliyun.Gateway
	close func()
}

func newBenchGateway(tb testing.TB, s emuSettings) *benchGateway {
	tb.Helper()
	srv, err := apigemu.New(apigemu.Config{AccessKeys: map[string]string{"bench-ak": "bench-sk"}, DeployDelay: s.DeployDelay,
		Faults: apigemu.Faults{Latency: s.Latency, QPS: s.QPS}, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	log := newCallLog(srv.Handler())
	hs := httptest.NewServer(log)
	closeAll := func() { hs.Close(); srv.Close() }
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: hs.URL, AccessKeyID: "bench-ak", AccessKeySecret: "bench-sk", QPS: s.QPS, Seed: 1})
	if err != nil {
		closeAll()
		tb.Fatal(err)
	}
	return &benchGateway{log: log, gw: aliyun.NewGateway(c, srv.GatewayID()), close: closeAll}
}

// applyRun is what one timed apply did.
type applyRun struct {
	wall      time.Duration
	calls     int
	polls     int // GetHttpApiRoute: deploy status reads
	deploys   int
	throttled int
	bound     applyBound
	timeline  string
	// verifyWall and verifyCalls are those of sync.Verify after the
	// apply, when asked for (not part of wall).
	verifyWall  time.Duration
	verifyCalls int
}

// timedApply plans d against a fresh emulator with settings s, applies the
// plan with the given parallelism (0: the default), runs sync.Verify after
// it if verify is set (as gwsync apply does) and checks that a second plan
// is empty. Only the apply is timed: b's timer is stopped around
// everything else.
func timedApply(b *testing.B, d *model.Desired, s emuSettings, parallelism int, verify bool) applyRun {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	ctx := context.Background()
	g := newBenchGateway(b, s)
	defer g.close()
	live, err := g.gw.Read(ctx)
	if err != nil {
		b.Fatal(err)
	}
	plan, findings := gwsync.Diff(d, live, gwsync.Options{})
	if len(findings) > 0 {
		b.Fatalf("plan findings: %v", findings)
	}
	g.log.reset()
	start := time.Now()
	b.StartTimer()
	res := gwsync.Apply(ctx, g.gw, plan, live, gwsync.ApplyOptions{Parallelism: parallelism})
	b.StopTimer()
	run := applyRun{wall: time.Since(start), bound: applyLowerBound(plan, s, parallelism), timeline: g.log.timeline(start)}
	if !res.OK() {
		b.Fatalf("apply: %d applied, %d failed, %d skipped: %v", res.Applied, res.Failed, res.Skipped, res.Errors)
	}
	run.calls, run.throttled = g.log.total(), g.log.throttled
	run.polls, run.deploys = g.log.calls["GetHttpApiRoute"], g.log.calls["DeployHttpApi"]
	if verify {
		g.log.reset()
		start := time.Now()
		errs := gwsync.Verify(ctx, g.gw, gwsync.Verification{Desired: d, Plan: plan, IDs: res, GatewayID: live.State.Gateway.ID,
			Parallelism: cmp.Or(parallelism, gwsync.DefaultParallelism), Routes: res.Routes})
		run.verifyWall, run.verifyCalls = time.Since(start), g.log.total()
		if len(errs) > 0 {
			b.Fatalf("verify: %d checks failed, the first: %v", len(errs), errs[0])
		}
	}
	checkApplied(b, g.gw, d)
	return run
}

// checkApplied fails b unless the gateway now matches d.
func checkApplied(b *testing.B, gw *aliyun.Gateway, d *model.Desired) {
	b.Helper()
	live, err := gw.Read(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if plan, _ := gwsync.Diff(d, live, gwsync.Options{}); !plan.Empty() {
		b.Fatalf("after the apply a plan still has %d changes, the first %s %s", len(plan.Changes), plan.Changes[0].Action, plan.Changes[0].Label())
	}
}

// logRun logs one apply's figures and its calls by action, on one line
// (the testing package keeps only the first lines a benchmark logs).
func logRun(b *testing.B, name string, a applyRun) {
	b.Helper()
	bd := a.bound
	verify := ""
	if a.verifyCalls > 0 {
		verify = fmt.Sprintf("; then sync.Verify %.2fs, %d calls", a.verifyWall.Seconds(), a.verifyCalls)
	}
	b.Logf("%s: wall %.2fs, %d calls (%d throttled, %.2f status reads a deploy); "+
		"lower bound %.2fs = max(chain %.2fs, %d calls at the QPS limit %.2fs, in flight %.2fs), ratio %.3f; "+
		"with listed status reads %d calls, %.2fs; calls by action [first in - last out]: %s%s",
		name, a.wall.Seconds(), a.calls, a.throttled, float64(a.polls)/float64(max(a.deploys, 1)),
		bd.Total().Seconds(), bd.Chain.Seconds(), bd.Calls, bd.Rate.Seconds(), bd.InFlight.Seconds(), a.wall.Seconds()/bd.Total().Seconds(),
		bd.ListedCalls, bd.ListedRate.Seconds(), a.timeline, verify)
}

// runs is a sum of applyRuns, for reporting their means.
type runs struct {
	n                                             int
	wall, bound, verifyWall                       time.Duration
	calls, polls, deploys, throttled, verifyCalls int
}

func (r *runs) add(a applyRun) {
	r.n++
	r.wall += a.wall
	r.bound += a.bound.Total()
	r.calls += a.calls
	r.polls += a.polls
	r.deploys += a.deploys
	r.throttled += a.throttled
	r.verifyWall += a.verifyWall
	r.verifyCalls += a.verifyCalls
}

func (r *runs) meanWall() float64 { return r.wall.Seconds() / float64(r.n) }

// report reports the means as metrics, each unit prefixed by prefix.
func (r *runs) report(b *testing.B, prefix string) {
	n := float64(r.n)
	b.ReportMetric(r.meanWall(), prefix+"wall-s")
	b.ReportMetric(float64(r.calls)/n, prefix+"calls")
	b.ReportMetric(r.bound.Seconds()/n, prefix+"lowerbound-s")
	b.ReportMetric(r.wall.Seconds()/r.bound.Seconds(), prefix+"ratio-to-lowerbound")
	b.ReportMetric(float64(r.polls)/float64(max(r.deploys, 1)), prefix+"polls/deploy")
	b.ReportMetric(float64(r.throttled)/n, prefix+"throttled")
	if r.verifyCalls > 0 {
		b.ReportMetric(r.verifyWall.Seconds()/n, prefix+"verify-s")
		b.ReportMetric(float64(r.verifyCalls)/n, prefix+"verify-calls")
	}
}

var (
	desiredMu    sync.Mutex
	desiredCache = map[[2]int]*model.Desired{}
)

// applyDesired is a synthetic desired state (internal/synth) of routes
// routes over apis HTTP APIs, compiled once per size: routes/100 domains
// (at least one), routes/50 services, three policies (a Timeout and an IP
// whitelist attached to four routes in ten, an IP whitelist attached to
// every other domain) and one environment, prod.
func applyDesired(tb testing.TB, routes, apis int) *model.Desired {
	tb.Helper()
	desiredMu.Lock()
	defer desiredMu.Unlock()
	key := [2]int{routes, apis}
	if d := desiredCache[key]; d != nil {
		return d
	}
	dir := tb.TempDir()
	paths, err := synth.Write(dir, synth.Config{Routes: routes, APIs: apis, Provider: "aliyun"})
	if err != nil {
		tb.Fatal(err)
	}
	res := compiler.Compile(paths, compiler.Options{Dir: dir})
	if res.Desired == nil {
		tb.Fatalf("synthetic desired state does not compile: %v", res.Findings)
	}
	desiredCache[key] = res.Desired
	return res.Desired
}

// BenchmarkApply1000Routes applies 1,000 routes over 20 HTTP APIs (10
// domains, 20 services, 3 policies, 581 attachments) to an empty gateway
// at the default parallelism under benchSettings (20 ms a call, 200 ms
// deploys, 200 QPS unless -apply.qps says otherwise), and reports the
// wall time against the lower bound (target: at most 1.25x). It also
// times sync.Verify after the apply (verify-s, verify-calls), which gwsync
// apply runs next; that is not in the apply's wall time or its bound.
func BenchmarkApply1000Routes(b *testing.B) {
	d := applyDesired(b, 1000, 20)
	var r runs
	for range b.N {
		a := timedApply(b, d, benchSettings(), 0, true)
		logRun(b, "1000 routes, parallelism 10", a)
		r.add(a)
	}
	r.report(b, "")
}

// parallelismRoutes sizes BenchmarkApplyParallelism.
var parallelismRoutes = flag.Int("apply.parallelism-routes", 200,
	"routes (over 20 HTTP APIs) BenchmarkApplyParallelism applies at parallelism 1 and 10; 1000 takes about 100 s")

// BenchmarkApplyParallelism applies 200 routes over 20 HTTP APIs (set
// -apply.parallelism-routes for another size) at parallelism 1 and at the
// default (10), one after the other in each iteration, under
// benchSettings, and reports both and the ratio of their wall times
// (p1/p10-ratio). 200 routes, not 1,000, keep the parallelism-1 apply
// (one call at a time, 20 ms each) near 15 s:
//
//	go test -run '^$' -bench ApplyParallelism -benchtime 1x ./provider/aliyun -args -apply.parallelism-routes=1000
func BenchmarkApplyParallelism(b *testing.B) {
	d := applyDesired(b, *parallelismRoutes, 20)
	name := fmt.Sprintf("%d routes, parallelism ", *parallelismRoutes)
	var p1, p10 runs
	for range b.N {
		a := timedApply(b, d, benchSettings(), 1, false)
		logRun(b, name+"1", a)
		p1.add(a)
		a = timedApply(b, d, benchSettings(), 0, false)
		logRun(b, name+"10", a)
		p10.add(a)
	}
	p1.report(b, "p1-")
	p10.report(b, "p10-")
	b.ReportMetric(p1.meanWall()/p10.meanWall(), "p1/p10-ratio")
}

// BenchmarkApplyDeployWait applies 200 routes over 20 HTTP APIs with 10
// ms deploys and with 1 s deploys, otherwise under benchSettings, one
// after the other in each iteration, and reports the difference of their
// wall times (deploywait-overhead-s; target: under 3 s, where waiting for
// each deploy in a worker would cost 200 x 1 s / 10 workers = 20 s).
func BenchmarkApplyDeployWait(b *testing.B) {
	d := applyDesired(b, 200, 20)
	fast, slow := benchSettings(), benchSettings()
	fast.DeployDelay, slow.DeployDelay = 10*time.Millisecond, time.Second
	var rf, rs runs
	for range b.N {
		a := timedApply(b, d, fast, 0, false)
		logRun(b, "200 routes, deploys 10ms", a)
		rf.add(a)
		a = timedApply(b, d, slow, 0, false)
		logRun(b, "200 routes, deploys 1s", a)
		rs.add(a)
	}
	rf.report(b, "deploy10ms-")
	rs.report(b, "deploy1s-")
	b.ReportMetric(rs.meanWall()-rf.meanWall(), "deploywait-overhead-s")
}
