package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/provider/aliyun"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Keys a script's emulator accepts; gwsync finds them in the environment.
const (
	scriptAccessKeyID     = "script-ak"
	scriptAccessKeySecret = "script-secret-not-real"
)

// scriptEmulators holds the emulator each running script started.
var scriptEmulators sync.Map // *testscript.TestScript -> *scriptEmulator

// scriptEmulator is an emulated APIG serving one script over loopback
// HTTP, as the cloud is reached, with a door that can hold a write call.
type scriptEmulator struct {
	srv  *apigemu.Server
	door *door
	// gw reaches the emulator through the provider, as another apply would
	// (for its lease); lease is the ID of the lease it took.
	gw    *aliyun.Gateway
	lease string
}

// cmdEmulator runs an emulated Alibaba Cloud APIG for a script and acts on
// it from outside, as the cloud's own machinery would:
//
//	emulator start [flags]           start it; it stops when the script ends
//	emulator fail-next-deploy ROUTE  the route's next deploy ends DeployFailed
//	emulator count KIND N            check the number of services, domains, policies, httpApis, routes or attachments (duplicates counted)
//	emulator status ROUTE STATUS     check a route's deployStatus (Deployed, NotDeployed, DeployFailed, ...)
//	emulator writes N                check the write calls (POST, PUT, DELETE) that came in since start or the last check
//	emulator faulted MIN             check that at least MIN calls were answered with an injected 503 or throttling
//	emulator hold                    the next write call waits at the door (once per script)...
//	emulator held                    ...wait (up to 30s) until one does...
//	emulator release                 ...and let it in
//	emulator lease HOLDER TTL        take the apply lease as another apply would (THISHOST: this host)
//	emulator lease-expire            let that lease expire
//	emulator deny-reads-after N      once N more write calls came in, reads of the gateway fail (403)
//
// start's flags are those of gwsync emulator serve: --seed, --latency,
// --deploy-delay (default 20ms), --error-rate, --throttle-rate, --qps and
// --fail-deploy ROUTE (repeatable). It sets GWSYNC_ALIYUN_ENDPOINT,
// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, so that
// gwsync reaches it for a desired state with provider "aliyun", and
// GW_ID (its gateway ID, for gateway.id) and DATAPLANE (host:port).
func cmdEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: emulator start|fail-next-deploy|count|status|writes|faulted|hold|held|release ARGS...")
	}
	if args[0] == "start" {
		startEmulator(ts, args[1:])
		return
	}
	v, ok := scriptEmulators.Load(ts)
	if !ok {
		ts.Fatalf("emulator %s: no emulator; run emulator start first", args[0])
	}
	e := v.(*scriptEmulator)
	verbs := map[string]func(*testscript.TestScript, []string){
		"fail-next-deploy": e.failNextDeploy, "count": e.count, "status": e.status, "writes": e.writes, "faulted": e.faulted,
		"hold": e.hold, "held": e.held, "release": e.release, "lease": e.takeLease, "lease-expire": e.expireLease,
		"deny-reads-after": e.denyReadsAfter,
	}
	verb, ok := verbs[args[0]]
	if !ok {
		ts.Fatalf("emulator: unknown verb %q", args[0])
	}
	verb(ts, args[1:])
}

func startEmulator(ts *testscript.TestScript, args []string) {
	if _, ok := scriptEmulators.Load(ts); ok {
		ts.Fatalf("emulator start: this script already started one")
	}
	cfg, err := emulatorFlags(args)
	ts.Check(err)
	srv, err := apigemu.New(cfg)
	ts.Check(err)
	e := &scriptEmulator{srv: srv, door: newDoor()}
	control := httptest.NewServer(e.door.wrap(srv.Handler()))
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: control.Listener.Addr().String(), AccessKeyID: scriptAccessKeyID, AccessKeySecret: scriptAccessKeySecret})
	ts.Check(err)
	e.gw = aliyun.NewGateway(c, srv.GatewayID())
	data := httptest.NewServer(srv.DataPlane())
	scriptEmulators.Store(ts, e)
	ts.Defer(func() {
		e.door.open()
		control.Close()
		data.Close()
		srv.Close()
		scriptEmulators.Delete(ts)
	})
	ts.Setenv("GWSYNC_ALIYUN_ENDPOINT", control.Listener.Addr().String())
	ts.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", scriptAccessKeyID)
	ts.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", scriptAccessKeySecret)
	ts.Setenv("GW_ID", srv.GatewayID())
	ts.Setenv("DATAPLANE", data.Listener.Addr().String())
}

// emulatorFlags reads emulator start's flags into a configuration.
func emulatorFlags(args []string) (apigemu.Config, error) {
	cfg := apigemu.Config{AccessKeys: map[string]string{scriptAccessKeyID: scriptAccessKeySecret}}
	fs := flag.NewFlagSet("emulator start", flag.ContinueOnError)
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed for IDs and fault decisions")
	fs.DurationVar(&cfg.DeployDelay, "deploy-delay", 20*time.Millisecond, "how long a route stays Deploying")
	fs.DurationVar(&cfg.Faults.Latency, "latency", 0, "latency added to every call")
	fs.Float64Var(&cfg.Faults.ErrorRate, "error-rate", 0, "fraction of calls answered 503")
	fs.Float64Var(&cfg.Faults.ThrottleRate, "throttle-rate", 0, "fraction of calls answered Throttling.User")
	fs.Float64Var(&cfg.Faults.QPS, "qps", 0, "calls per second allowed (0: no limit)")
	fs.Func("fail-deploy", "route whose next deploy fails (repeatable)", func(name string) error {
		cfg.Faults.FailDeploys = append(cfg.Faults.FailDeploys, name)
		return nil
	})
	fs.SetOutput(new(strings.Builder))
	if err := fs.Parse(args); err != nil {
		return cfg, fmt.Errorf("emulator start: %v", err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("emulator start: unexpected arguments %q", fs.Args())
	}
	return cfg, nil
}

// denyReadsAfter makes reads of the gateway fail (ListServices answered
// 403) once N write calls have come in, counted from now.
func (e *scriptEmulator) denyReadsAfter(ts *testscript.TestScript, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: emulator deny-reads-after N")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	e.door.mu.Lock()
	defer e.door.mu.Unlock()
	e.door.writes, e.door.denyAfter = 0, n
}

// takeLease takes the gateway's apply lease as another apply would:
// HOLDER (THISHOST in it is this host's name) for TTL.
func (e *scriptEmulator) takeLease(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: emulator lease HOLDER TTL")
	}
	ttl, err := time.ParseDuration(args[1])
	ts.Check(err)
	host, _ := os.Hostname()
	e.lease, err = e.gw.AcquireLease(context.Background(), strings.ReplaceAll(args[0], "THISHOST", host), ttl)
	ts.Check(err)
	e.door.takeWrites()
}

// expireLease ends the lease takeLease took, as if its holder had died
// long ago.
func (e *scriptEmulator) expireLease(ts *testscript.TestScript, args []string) {
	if len(args) != 0 || e.lease == "" {
		ts.Fatalf("usage: emulator lease-expire, after emulator lease")
	}
	ts.Check(e.gw.RenewLease(context.Background(), e.lease, "someone gone", -time.Minute))
	e.door.takeWrites()
}

func (e *scriptEmulator) failNextDeploy(ts *testscript.TestScript, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: emulator fail-next-deploy ROUTE")
	}
	e.srv.FailNextDeploy(args[0])
}

func (e *scriptEmulator) count(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: emulator count KIND N")
	}
	want, err := strconv.Atoi(args[1])
	ts.Check(err)
	s := e.srv.Snapshot()
	got := map[string]int{"services": len(s.Services), "domains": len(s.Domains), "policies": len(s.Policies),
		"httpApis": len(s.HTTPAPIs), "routes": len(s.Routes), "attachments": len(s.Attachments)}
	n, ok := got[args[0]]
	if !ok {
		ts.Fatalf("emulator count: unknown kind %q", args[0])
	}
	if n != want {
		ts.Fatalf("emulator: %d %s, want %d", n, args[0], want)
	}
}

func (e *scriptEmulator) status(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: emulator status ROUTE STATUS")
	}
	var found []string
	for _, r := range e.srv.Snapshot().Routes {
		if r.Name == args[0] {
			found = append(found, r.Status)
		}
	}
	switch {
	case len(found) == 0:
		ts.Fatalf("emulator: no route %q", args[0])
	case len(found) > 1:
		ts.Fatalf("emulator: %d routes called %q", len(found), args[0])
	case found[0] != args[1]:
		ts.Fatalf("emulator: route %q is %s, want %s", args[0], found[0], args[1])
	}
}

func (e *scriptEmulator) writes(ts *testscript.TestScript, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: emulator writes N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	if n := e.door.takeWrites(); n != want {
		ts.Fatalf("emulator: %d write calls, want %d", n, want)
	}
}

func (e *scriptEmulator) faulted(ts *testscript.TestScript, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: emulator faulted MIN")
	}
	least, err := strconv.Atoi(args[0])
	ts.Check(err)
	if n := e.door.faultCount(); n < least {
		ts.Fatalf("emulator: %d calls answered with an injected fault, want at least %d", n, least)
	}
}

func (e *scriptEmulator) hold(ts *testscript.TestScript, args []string) {
	if len(args) != 0 {
		ts.Fatalf("usage: emulator hold")
	}
	select {
	case <-e.door.holding:
		ts.Fatalf("emulator hold: the door holds one call per script, and it held one already")
	default:
	}
	e.door.arm()
}

func (e *scriptEmulator) held(ts *testscript.TestScript, args []string) {
	if len(args) != 0 {
		ts.Fatalf("usage: emulator held")
	}
	select {
	case <-e.door.holding:
	case <-time.After(30 * time.Second):
		ts.Fatalf("emulator held: no write call came to the door within 30s")
	}
}

func (e *scriptEmulator) release(ts *testscript.TestScript, args []string) {
	if len(args) != 0 {
		ts.Fatalf("usage: emulator release")
	}
	e.door.open()
}

// door stands in front of the control plane and counts the write calls
// that come in. Once armed, it stops the first write call that comes and
// keeps it waiting until opened: a client that has read and planned is
// caught just before it changes anything, while other clients go on.
type door struct {
	mu      sync.Mutex
	writes  int
	faults  int // calls answered 503 or throttled
	armed   bool
	holding chan struct{} // closed when a call is held
	opened  chan struct{} // closed when the held call may go in
	// denyAfter, when positive, refuses ListServices (403) once that many
	// write calls have come in: a read of the gateway then fails.
	denyAfter int
}

func newDoor() *door {
	return &door{holding: make(chan struct{}), opened: make(chan struct{})}
}

func (d *door) arm() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.armed = true
}

// stop counts a write call and reports whether it must wait: the first
// write after arm.
func (d *door) stop(r *http.Request) bool {
	if r.Method == http.MethodGet {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.writes++
	if !d.armed {
		return false
	}
	d.armed = false
	close(d.holding)
	return true
}

// takeWrites returns the write calls counted since the last take.
func (d *door) takeWrites() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := d.writes
	d.writes = 0
	return n
}

func (d *door) open() {
	d.mu.Lock()
	defer d.mu.Unlock()
	select {
	case <-d.opened:
	default:
		close(d.opened)
	}
}

// denied reports whether a call is refused by denyAfter.
func (d *door) denied(r *http.Request) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.denyAfter > 0 && d.writes >= d.denyAfter && r.Header.Get("x-acs-action") == "ListServices"
}

func (d *door) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d.denied(r) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"requestId":"denied","code":"Forbidden.RAM","message":"the script denies ListServices now"}`)
			return
		}
		if d.stop(r) {
			select {
			case <-d.opened:
			case <-r.Context().Done():
				return // the client gave up: the call never arrived
			}
		}
		rec := &faultRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.faulted {
			d.mu.Lock()
			d.faults++
			d.mu.Unlock()
		}
	})
}

func (d *door) faultCount() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.faults
}

// faultRecorder notes whether a response is a fault the emulator injected:
// 503 ServiceUnavailable, or throttling (which alone carries Retry-After).
type faultRecorder struct {
	http.ResponseWriter
	faulted bool
}

func (f *faultRecorder) WriteHeader(status int) {
	f.faulted = status == http.StatusServiceUnavailable || f.Header().Get("Retry-After") != ""
	f.ResponseWriter.WriteHeader(status)
}

// cmdReplace replaces every OLD in FILE with NEW (arguments are expanded,
// so NEW may be $GW_ID) and fails if FILE has no OLD:
//
//	replace examples/orders/orders.cue gw-orders-prod $GW_ID
//
// cmdReseal recomputes a saved plan's digest after an edit, as an attacker
// who can edit the file can (the digest holds no secret), so a script can
// show that apply still refuses what a plan would not make:
//
//	reseal plan.json
func cmdReseal(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: reseal FILE")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	var s gwsync.Saved
	ts.Check(json.Unmarshal(data, &s))
	f, err := os.Create(path)
	ts.Check(err)
	defer f.Close()
	ts.Check(s.Write(f))
}

func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if !strings.Contains(string(data), args[1]) {
		ts.Fatalf("replace: %s does not contain %q", args[0], args[1])
	}
	ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(data), args[1], args[2])), 0o644))
}
