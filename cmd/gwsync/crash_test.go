package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
)

// The desired state the crash test applies: 3 HTTP APIs of 10 routes, on 4
// domains, over 6 services, with 6 policies attached to domains and routes
// (about 110 changes, 30 of them deploys).
var crashState = synth.Config{Routes: 30, APIs: 3, Domains: 4, Services: 6, Policies: 6, Provider: "aliyun", Seed: 1}

// Deploy delays of the emulator: deploys that settle almost at once, and
// deploys slow enough that a kill often lands while routes are Deploying.
const (
	shortDeploy = 20 * time.Millisecond
	longDeploy  = 800 * time.Millisecond
	callLatency = 3 * time.Millisecond
)

// TestCrash kills gwsync apply (SIGKILL) at many points and checks that a
// rerun converges: no resource made twice, none lost, every route
// deployed, and resources made by hand left as they were.
//
// Each round starts from an empty emulated gateway (plus the hand-made
// resources), so that every kill point finds work to interrupt. A kill
// round kills one apply and then the apply that recovers from it, then
// runs apply to completion; rounds alternate short and long deploy delays.
// A kill point is a control-plane call number. The call that trips the
// wire, and every call after it, is held until the process is dead; then
// each one, by a seeded coin, either never arrives or is carried out with
// nobody to hear the answer: the crash came before the request, or
// between the gateway doing the work and the client learning of it.
//
// A lost-answer round kills nothing: the gateway carries out three write
// calls and then drops their connections, so the client retries work
// that is already done (a create meets its own resource) and the apply
// must still converge by itself.
//
// Kill points and lost answers are drawn from GWSYNC_CRASH_SEED (logged; a
// fresh seed each run otherwise) as call numbers, so a seed repeats them
// whatever the machine's speed; closely, not exactly, since which call is
// the n-th depends on how concurrent calls interleave.
func TestCrash(t *testing.T) {
	seed := crashSeed(t)
	dir := t.TempDir()
	if _, err := synth.Write(filepath.Join(dir, "gw"), crashState); err != nil {
		t.Fatal(err)
	}
	full := map[time.Duration]applyRun{}
	for _, delay := range []time.Duration{shortDeploy, longDeploy} {
		full[delay] = calibrate(t, dir, seed, delay)
	}
	// Three rounds are one of each kind; nine take ~20 s on two cores,
	// under the race detector (which slows each gwsync run several
	// times over, but sees races in apply's concurrent calls) ~50 s.
	rounds := 9
	if testing.Short() || raceDetector {
		rounds = 3
	}
	for i := range rounds {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		r := crashRound{dir: dir, seed: seed + uint64(i), rng: rng, delay: shortDeploy}
		switch i % 3 {
		case 1:
			r.delay = longDeploy
			fallthrough
		case 0:
			// The first apply is killed anywhere in its run; the one
			// recovering from it in its first half, as it has less to do.
			calls := full[r.delay].calls
			r.kills = []int{1 + rng.IntN(calls), 1 + rng.IntN(calls/2)}
		case 2:
			for _, n := range rng.Perm(full[r.delay].writes)[:3] {
				r.lose = append(r.lose, n+1)
			}
		}
		t.Run(fmt.Sprintf("round%d", i), r.run)
	}
}

// crashSeed is GWSYNC_CRASH_SEED, or a fresh seed; logged either way.
func crashSeed(t *testing.T) uint64 {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("GWSYNC_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("GWSYNC_CRASH_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (GWSYNC_CRASH_SEED=%d repeats this run's crash points)", seed, seed)
	return seed
}

// calibrate applies the desired state to an empty gateway with nothing
// going wrong, checks that it converges, and returns how it went: the
// calls it made are the range crash points are drawn from.
func calibrate(t *testing.T, dir string, seed uint64, delay time.Duration) applyRun {
	g := newCrashGateway(t, seed, delay)
	d := g.writeDesired(t, dir, "calibrate-"+delay.String())
	res := g.apply(d.dir, fault{}, nil)
	if res.code != 0 {
		t.Fatalf("an apply with no crash (deploy delay %s) exited %d:\n%s", delay, res.code, res.output)
	}
	t.Logf("deploy delay %s: an uninterrupted apply makes %d calls (%d writes) in %s", delay, res.calls, res.writes, res.elapsed.Round(time.Millisecond))
	return res
}

// crashRound is one round: kills in turn at each call number of kills,
// or one apply that loses the answers to the write calls numbered in
// lose; then apply to completion, and the checks.
type crashRound struct {
	dir   string
	seed  uint64
	rng   *rand.Rand
	delay time.Duration
	kills []int
	lose  []int
}

func (r crashRound) run(t *testing.T) {
	g := newCrashGateway(t, r.seed, r.delay)
	hand := g.makeByHand(t)
	d := g.writeDesired(t, r.dir, t.Name())
	for _, at := range r.kills {
		res := g.apply(d.dir, fault{killAt: at}, r.rng)
		t.Logf("deploy delay %s, kill at call %d: %s", r.delay, at, res.summary())
	}
	if len(r.lose) > 0 {
		res := g.apply(d.dir, fault{lose: r.lose}, r.rng)
		t.Logf("deploy delay %s, answers lost to write calls %v: %s", r.delay, r.lose, res.summary())
		if res.code != 0 {
			t.Errorf("apply that lost answers exited %d, want 0 (a retry that meets its own work should adopt it):\n%s", res.code, res.output)
		}
	}
	finish(t, g, d)
	g.checkConverged(t, d)
	g.checkHandMade(t, hand)
}

// finish runs apply to completion. One run must do: a rerun right after a
// crash is what an operator or a CI retry does, and a route the crashed
// run left Deploying is the rerun's to wait for, not a reason to fail. If
// it fails anyway, the test reports it, waits for the gateway to settle
// and tries once more, so that the checks after it still say whether
// anything was duplicated or lost.
func finish(t *testing.T, g *crashGateway, d *crashDesired) {
	res := g.apply(d.dir, fault{}, nil)
	if res.code == 0 {
		return
	}
	t.Errorf("apply after the crash exited %d, want 0 (one rerun should converge):\n%s", res.code, res.output)
	time.Sleep(2 * g.delay)
	if res := g.apply(d.dir, fault{}, nil); res.code != 0 {
		t.Fatalf("a second apply after the crash exited %d:\n%s", res.code, res.output)
	}
}

// crashGateway is an emulated APIG behind a tripwire, and the environment
// that points gwsync at it.
type crashGateway struct {
	srv    *apigemu.Server
	wire   *tripwire
	env    []string
	client *aliyun.Client
	delay  time.Duration
}

const (
	crashAccessKeyID     = "crash-ak"
	crashAccessKeySecret = "crash-secret-not-real"
)

func newCrashGateway(t *testing.T, seed uint64, delay time.Duration) *crashGateway {
	srv, err := apigemu.New(apigemu.Config{
		AccessKeys:  map[string]string{crashAccessKeyID: crashAccessKeySecret},
		DeployDelay: delay, Seed: seed, Faults: apigemu.Faults{Latency: callLatency},
	})
	if err != nil {
		t.Fatal(err)
	}
	wire := &tripwire{next: srv.Handler()}
	hs := httptest.NewServer(wire)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	endpoint := hs.Listener.Addr().String()
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: endpoint, AccessKeyID: crashAccessKeyID, AccessKeySecret: crashAccessKeySecret})
	if err != nil {
		t.Fatal(err)
	}
	env := append(ownEnviron(), aliyun.EnvEndpoint+"="+endpoint,
		aliyun.EnvAccessKeyID+"="+crashAccessKeyID, aliyun.EnvAccessKeySecret+"="+crashAccessKeySecret)
	return &crashGateway{srv: srv, wire: wire, env: env, client: c, delay: delay}
}

// ownEnviron is this process's environment (PATH finds the gwsync that
// TestMain set up) without any cloud credentials or endpoint of the
// person running the test.
func ownEnviron() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "ALIBABA_CLOUD_") || strings.HasPrefix(kv, aliyun.EnvEndpoint+"=")
	})
}

// crashDesired is the desired state as written for one gateway, and what
// it declares.
type crashDesired struct {
	dir string
	*model.Desired
}

// writeDesired writes the synthetic desired state for g into a fresh
// directory under dir, with g's gateway ID.
func (g *crashGateway) writeDesired(t *testing.T, dir, name string) *crashDesired {
	out := filepath.Join(dir, strings.NewReplacer("/", "-").Replace(name))
	if err := os.CopyFS(out, os.DirFS(filepath.Join(dir, "gw"))); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(out, synth.SharedFile)
	src, err := os.ReadFile(shared)
	if err != nil {
		t.Fatal(err)
	}
	old := fmt.Sprintf("%q", "gw-synth-"+strconv.FormatInt(crashState.Seed, 10))
	if !bytes.Contains(src, []byte(old)) {
		t.Fatalf("%s has no gateway id %s", shared, old)
	}
	src = bytes.Replace(src, []byte(old), []byte(strconv.Quote(g.srv.GatewayID())), 1)
	if err := os.WriteFile(shared, src, 0o644); err != nil {
		t.Fatal(err)
	}
	res := compiler.Compile([]string{out}, compiler.Options{Dir: out})
	if res.Desired == nil {
		t.Fatalf("the synthetic desired state does not compile: %v", res.Findings)
	}
	return &crashDesired{dir: out, Desired: res.Desired}
}

// applyRun is how one gwsync apply ended.
type applyRun struct {
	code          int // exit code; -1 when killed
	calls, writes int // control-plane calls it made, and how many wrote
	killed        bool
	landed        []bool // for each call held at the kill: carried out?
	elapsed       time.Duration
	output        string
}

func (r applyRun) summary() string {
	if !r.killed {
		return fmt.Sprintf("ran to the end (exit %d) after %d calls, %s", r.code, r.calls, r.elapsed.Round(time.Millisecond))
	}
	return fmt.Sprintf("killed after %s; held calls carried out: %v", r.elapsed.Round(time.Millisecond), r.landed)
}

// fault is what goes wrong in one apply: a kill once killAt calls have
// come in (0: none), and the answers to the write calls numbered in lose.
type fault struct {
	killAt int
	lose   []int
}

// apply runs gwsync apply --auto-approve --prune in dir, with the fault
// f; rng decides the fate of each call held at a kill.
func (g *crashGateway) apply(dir string, f fault, rng *rand.Rand) applyRun {
	tripped := g.wire.arm(f)
	var out bytes.Buffer
	cmd := exec.Command("gwsync", "apply", "--auto-approve", "--prune", ".")
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, g.env, &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return applyRun{code: -1, output: err.Error()}
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var run applyRun
	var err error
	select {
	case err = <-exited:
	case <-tripped:
		_ = cmd.Process.Kill() // SIGKILL: no deferred call, no cleanup
		err = <-exited
		run.killed = true
	}
	run.elapsed = time.Since(start)
	run.landed, run.calls, run.writes = g.wire.settle(rng)
	run.code, run.output = exitCode(err), out.String()
	return run
}

func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -1
}

// tripwire stands in front of the control plane and counts calls. Armed
// to kill at call n, it holds the n-th call and every later one until
// settle lets each through or drops it. Armed to lose answers, it carries
// out the write calls so numbered and then drops their connections
// without an answer.
type tripwire struct {
	next http.Handler

	mu       sync.Mutex
	calls    int
	writes   int
	f        fault
	tripped  chan struct{}
	held     []chan bool // each held call waits for its fate
	inFlight int
}

// arm resets the counts and sets the fault; the channel returned is
// closed when the kill point is reached.
func (w *tripwire) arm(f fault) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls, w.writes, w.f, w.tripped = 0, 0, f, make(chan struct{})
	return w.tripped
}

func (w *tripwire) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	w.calls++
	w.inFlight++
	lose := false
	if r.Method != http.MethodGet {
		w.writes++
		lose = slices.Contains(w.f.lose, w.writes)
	}
	fate := w.hold()
	w.mu.Unlock()
	defer w.done()
	switch {
	case lose:
		loseAnswer(rw, r, w.next)
	case fate == nil:
		w.next.ServeHTTP(rw, r)
	case <-fate:
		// Carried out after the client died: nobody hears the answer.
		w.next.ServeHTTP(rw, r.WithContext(context.WithoutCancel(r.Context())))
	}
}

// loseAnswer carries out a call and then drops its connection, so the
// client never learns that it was done.
func loseAnswer(rw http.ResponseWriter, r *http.Request, next http.Handler) {
	next.ServeHTTP(httptest.NewRecorder(), r)
	if hj, ok := rw.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
		}
	}
}

// hold returns the channel a call must wait on, or nil (with w.mu held).
func (w *tripwire) hold() chan bool {
	if w.f.killAt == 0 || w.calls < w.f.killAt {
		return nil
	}
	if w.calls == w.f.killAt {
		close(w.tripped)
	}
	fate := make(chan bool, 1)
	w.held = append(w.held, fate)
	return fate
}

func (w *tripwire) done() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inFlight--
}

// settle decides the fate of every held call (rng's coin: carried out or
// dropped), waits until no call is in flight, disarms, and returns the
// fates and the calls and writes counted.
func (w *tripwire) settle(rng *rand.Rand) (fates []bool, calls, writes int) {
	for {
		w.mu.Lock()
		held, idle := w.held, w.inFlight == 0
		w.held = nil
		if idle && len(held) == 0 {
			calls, writes = w.calls, w.writes
			w.f = fault{}
			w.mu.Unlock()
			return fates, calls, writes
		}
		w.mu.Unlock()
		for _, fate := range held {
			land := rng.IntN(2) == 0
			fates = append(fates, land)
			fate <- land
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// handMade are resources made by hand, outside gwsync, before a round: as
// they were, to compare with what they are after it.
type handMade struct {
	service, domain, api, policy apigemu.Resource
	route                        apigemu.RouteState
	attachment                   apigemu.AttachmentState
}

// Names of the hand-made resources.
const (
	handService = "hand-svc"
	handDomain  = "hand.example.com"
	handAPI     = "hand-api"
	handRoute   = "hand-route"
	handPolicy  = "hand-timeout"
)

// makeByHand makes a service, a domain, an HTTP API with a deployed route
// and a Timeout policy attached to it, through the API, without gwsync's
// marker, and waits until the route is deployed.
func (g *crashGateway) makeByHand(t *testing.T) handMade {
	gw := g.srv.GatewayID()
	env, _ := g.srv.EnvironmentID("prod")
	svc := g.create(t, "CreateService", "/v1/services", "serviceIds", map[string]any{
		"gatewayId": gw, "sourceType": "DNS", "serviceConfigs": []any{map[string]any{"name": handService, "addresses": []string{"hand.internal:80"}}}})
	dom := g.create(t, "CreateDomain", "/v1/domains", "domainId", map[string]any{"name": handDomain, "protocol": "HTTP"})
	api := g.create(t, "CreateHttpApi", "/v1/http-apis", "httpApiId", map[string]any{"name": handAPI, "type": "Http", "description": "made by hand"})
	route := g.create(t, "CreateHttpApiRoute", "/v1/http-apis/"+api+"/routes", "routeId", map[string]any{
		"name": handRoute, "description": "made by hand", "environmentId": env, "domainIds": []string{dom},
		"match":         map[string]any{"path": map[string]any{"type": "Exact", "value": "/hand"}},
		"backendConfig": map[string]any{"scene": "SingleService", "services": []any{map[string]any{"serviceId": svc, "protocol": "HTTP", "port": 80}}},
	})
	pol := g.create(t, "CreatePolicy", "/v2/policies", "policyId", map[string]any{
		"name": handPolicy, "className": "Timeout", "config": `{"unitNum":5,"timeUnit":"s","enable":true}`, "description": "made by hand"})
	g.create(t, "CreatePolicyAttachment", "/v1/policy-attachments", "policyAttachmentId", map[string]any{
		"policyId": pol, "attachResourceId": route, "attachResourceType": "GatewayRoute", "environmentId": env, "gatewayId": gw})
	g.call(t, "DeployHttpApi", "/v1/http-apis/"+api+"/deploy", map[string]any{"routeId": route})
	for deadline := time.Now().Add(30 * time.Second); g.handRoute(t).Status != "Deployed"; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the hand-made route is still %s", g.handRoute(t).Status)
		}
	}
	return g.handSnapshot(t)
}

func (g *crashGateway) call(t *testing.T, action, path string, body any) json.RawMessage {
	t.Helper()
	data, err := g.client.Call(context.Background(), aliyun.Request{Action: action, Method: "POST", Path: path, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// create makes one resource and returns the ID in field of the answer.
func (g *crashGateway) create(t *testing.T, action, path, field string, body any) string {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(g.call(t, action, path, body), &out); err != nil {
		t.Fatal(err)
	}
	id := out[field]
	if ids, ok := id.([]any); ok && len(ids) == 1 {
		id = ids[0]
	}
	s, ok := id.(string)
	if !ok || s == "" {
		t.Fatalf("%s answered %v, without %s", action, out, field)
	}
	return s
}

func (g *crashGateway) handRoute(t *testing.T) apigemu.RouteState {
	for _, r := range g.srv.Snapshot().Routes {
		if r.Name == handRoute {
			return r
		}
	}
	t.Fatalf("no route %s", handRoute)
	return apigemu.RouteState{}
}

// handSnapshot finds each hand-made resource (exactly one of each).
func (g *crashGateway) handSnapshot(t *testing.T) handMade {
	s := g.srv.Snapshot()
	var h handMade
	h.service = only(t, s.Services, func(r apigemu.Resource) bool { return r.Name == handService })
	h.domain = only(t, s.Domains, func(r apigemu.Resource) bool { return r.Name == handDomain })
	h.api = only(t, s.HTTPAPIs, func(r apigemu.Resource) bool { return r.Name == handAPI })
	h.policy = only(t, s.Policies, func(r apigemu.Resource) bool { return r.Name == handPolicy })
	h.route = only(t, s.Routes, func(r apigemu.RouteState) bool { return r.Name == handRoute })
	h.attachment = only(t, s.Attachments, func(a apigemu.AttachmentState) bool { return a.Policy == handPolicy })
	return h
}

func only[T any](t *testing.T, all []T, match func(T) bool) T {
	t.Helper()
	var found []T
	for _, v := range all {
		if match(v) {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		var zero T
		t.Errorf("%d hand-made %T found, want 1: %+v", len(found), zero, found)
		return zero
	}
	return found[0]
}

// checkHandMade checks that the hand-made resources are still there,
// unchanged (same IDs, not updated, the route still deployed).
func (g *crashGateway) checkHandMade(t *testing.T, before handMade) {
	if after := g.handSnapshot(t); after != before {
		t.Errorf("hand-made resources changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// checkConverged checks the gateway against the desired state: a plan
// finds nothing to change, and the emulator holds exactly one of every
// declared resource, every declared route deployed, and nothing else but
// the hand-made resources.
func (g *crashGateway) checkConverged(t *testing.T, d *crashDesired) {
	cmd := exec.Command("gwsync", "plan", "--detailed-exitcode", "--prune", ".")
	cmd.Dir, cmd.Env = d.dir, g.env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("plan after the rerun: %v (want exit 0, no changes):\n%s", err, out)
	}
	s := g.srv.Snapshot()
	st := alimodel.Of(d.Desired)
	compareNames(t, "service", names(s.Services), wantNames(st.Services, func(v *alimodel.Service) string { return v.Name }), handService)
	compareNames(t, "domain", names(s.Domains), wantNames(st.Domains, func(v *alimodel.Domain) string { return v.Name }), handDomain)
	// A killed apply's lease policy stays until it expires or an apply
	// that changes something takes it over; it is no policy of the
	// desired state (the read leaves it out).
	policies := slices.DeleteFunc(names(s.Policies), func(n string) bool { return strings.HasPrefix(n, "gwsync-lease-") })
	compareNames(t, "policy", policies, wantNames(st.Policies, func(v *alimodel.Policy) string { return v.Name }), handPolicy)
	compareNames(t, "HTTP API", names(s.HTTPAPIs), wantNames(st.HTTPAPIs, func(v *alimodel.HTTPAPI) string { return v.Name }), handAPI)
	compareNames(t, "route", routeKeys(s.Routes), wantNames(st.Routes(), func(r *model.Route) string { return r.API + "/" + r.Name }), handAPI+"/"+handRoute)
	for _, r := range s.Routes {
		if r.Status != "Deployed" {
			t.Errorf("route %s/%s is %s, want Deployed", r.API, r.Name, r.Status)
		}
	}
	compareNames(t, "attachment", attachmentKeys(s.Attachments), wantNames(st.Attachments, desiredAttachmentKey), handPolicy+" -> GatewayRoute "+handRoute+" in prod")
}

func names(rs []apigemu.Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}

func wantNames[T any](vs []T, name func(T) string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = name(v)
	}
	return out
}

// routeKeys names each live route by its API and name.
func routeKeys(rs []apigemu.RouteState) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.API + "/" + r.Name
	}
	return out
}

func attachmentKeys(as []apigemu.AttachmentState) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = fmt.Sprintf("%s -> %s %s in %s", a.Policy, a.ResourceType, a.ResourceName, a.Environment)
	}
	return out
}

func desiredAttachmentKey(a *alimodel.Attachment) string {
	env := a.Environment
	if env == "" {
		env = "*"
	}
	return fmt.Sprintf("%s -> %s %s in %s", a.Policy.Name, a.ResourceType, a.ResourceName, env)
}

// compareNames checks that live holds each wanted name exactly once, and
// nothing else but the extra names allowed.
func compareNames(t *testing.T, kind string, live, want []string, allowed ...string) {
	t.Helper()
	count := map[string]int{}
	for _, n := range live {
		count[n]++
	}
	var dup, lost, extra []string
	for _, n := range append(slices.Clone(want), allowed...) {
		switch count[n] {
		case 0:
			lost = append(lost, n)
		case 1:
		default:
			dup = append(dup, fmt.Sprintf("%s (%d times)", n, count[n]))
		}
		delete(count, n)
	}
	for n := range count {
		extra = append(extra, n)
	}
	slices.Sort(extra)
	for _, f := range []struct {
		what string
		list []string
	}{{"duplicated", dup}, {"missing", lost}, {"not declared", extra}} {
		if len(f.list) > 0 {
			t.Errorf("%s %s: %s", kind, f.what, strings.Join(f.list, ", "))
		}
	}
}
