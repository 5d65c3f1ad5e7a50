package probe

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gwsync/gwsync/model"
)

// newProbe is a GET probe of api.example.com at path expecting status,
// declared at probes.cue:line:2.
func newProbe(name, path string, status, line int) *model.Probe {
	return &model.Probe{
		Name: name, Method: "GET", Domain: model.Ref{Name: "api.example.com"}, Path: path, Status: status,
		Pos: model.Pos{File: "probes.cue", Line: line, Column: 2},
	}
}

// plane starts a stand-in data plane and returns its host:port.
func plane(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// fast are options that give up quickly.
var fast = Options{Settle: -1, Timeout: 2 * time.Second}

func TestRequestAsSent(t *testing.T) {
	type seen struct{ method, host, uri, xff, version, agent string }
	got := make(chan seen, 1)
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		got <- seen{r.Method, r.Host, r.RequestURI, r.Header.Get("X-Forwarded-For"), r.Header.Get("X-Version"), r.UserAgent()}
	})
	p := newProbe("orders", "/orders/a%2Fb", 200, 3)
	p.Method, p.Source = "DELETE", "10.1.2.3"
	p.Headers = []model.Param{{Name: "X-Version", Value: "2"}}
	p.Query = []model.Param{{Name: "z", Value: "1"}, {Name: "a", Value: "two words"}}
	res := Run(context.Background(), addr, []*model.Probe{p}, fast)
	if !res[0].OK() {
		t.Fatalf("probe failed: %v", res[0].Failure())
	}
	want := seen{"DELETE", "api.example.com", "/orders/a%2Fb?z=1&a=two+words", "10.1.2.3", "2", "gwsync-probe"}
	if s := <-got; s != want {
		t.Errorf("data plane saw %+v, want %+v", s, want)
	}
}

func TestNoSourceSendsNoForwardedFor(t *testing.T) {
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Header["X-Forwarded-For"]; ok {
			w.WriteHeader(http.StatusTeapot)
		}
	})
	if res := Run(context.Background(), addr, []*model.Probe{newProbe("p", "/", 200, 1)}, fast); !res[0].OK() {
		t.Error(res[0].Failure())
	}
}

func TestResults(t *testing.T) {
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
		case "/moved":
			http.Redirect(w, r, "https://api.example.com/ok", http.StatusMovedPermanently)
		case "/denied":
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, "{\"code\":\"Forbidden\",\n  \"message\":\"GET api.example.com /denied from 203.0.113.9 denied\"}\n")
		case "/long":
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, strings.Repeat("é", 300)+"\x1b[31m")
		default:
			http.NotFound(w, r)
		}
	})
	denied := newProbe("denied", "/denied", 200, 5)
	denied.Source = "203.0.113.9"
	probes := []*model.Probe{
		newProbe("ok", "/ok", 200, 1),
		newProbe("moved", "/moved", 301, 2),
		denied,
		newProbe("long", "/long", 200, 7),
		newProbe("expects-404", "/nowhere", 404, 9),
	}
	res := Run(context.Background(), addr, probes, fast)
	for i, c := range []struct {
		ok      bool
		status  int
		failure string
	}{
		{true, 200, ""},
		{true, 301, ""},
		{false, 403, `probes.cue:5:2: probe denied: GET api.example.com/denied from 203.0.113.9: got 403, want 200: {"code":"Forbidden", "message":"GET api.example.com /denied from 203.0.113.9 denied"}`},
		{false, 502, "probes.cue:7:2: probe long: GET api.example.com/long: got 502, want 200: " + strings.Repeat("é", ExcerptLen) + "..."},
		{true, 404, ""},
	} {
		r := res[i]
		if r.Probe != probes[i] || r.OK() != c.ok || r.Status != c.status {
			t.Errorf("result %d: probe %s ok %v status %d, want probe %s ok %v status %d", i, r.Probe.Name, r.OK(), r.Status, probes[i].Name, c.ok, c.status)
		}
		if err := r.Failure(); (err == nil) != c.ok || err != nil && err.Error() != c.failure {
			t.Errorf("result %d: failure\n %v\nwant\n %s", i, err, c.failure)
		}
		if c.ok && r.Excerpt != "" {
			t.Errorf("result %d passed but keeps an excerpt %q", i, r.Excerpt)
		}
	}
}

func TestNoAnswer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := strings.TrimPrefix(srv.URL, "http://")
	srv.Close()
	res := Run(context.Background(), addr, []*model.Probe{newProbe("gone", "/", 200, 4)}, fast)
	err := res[0].Failure()
	if res[0].OK() || res[0].Status != 0 || err == nil {
		t.Fatalf("probe of a closed data plane: %+v", res[0])
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "probes.cue:4:2: probe gone: GET api.example.com/: no answer, want 200: ") || strings.Contains(msg, `Get "http`) {
		t.Errorf("failure %q does not say plainly that no answer came", msg)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) { <-release })
	defer close(release)
	opts := Options{Settle: -1, Timeout: 50 * time.Millisecond}
	res := Run(context.Background(), addr, []*model.Probe{newProbe("slow", "/", 200, 1)}, opts)
	if err := res[0].Failure(); err == nil || !strings.HasSuffix(err.Error(), "no answer within 50ms") {
		t.Errorf("failure %v, want one ending in \"no answer within 50ms\"", err)
	}
}

// A route deployed a moment ago may not be served yet: the probe is tried
// again until it is, within Settle.
func TestRetriedUntilServed(t *testing.T) {
	var calls atomic.Int32
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			http.NotFound(w, r)
		}
	})
	res := Run(context.Background(), addr, []*model.Probe{newProbe("p", "/", 200, 1)}, Options{Settle: 5 * time.Second})
	if !res[0].OK() || res[0].Attempts != 3 {
		t.Errorf("got ok %v after %d attempts (%v), want ok after 3", res[0].OK(), res[0].Attempts, res[0].Failure())
	}
}

func TestGivesUpAfterSettle(t *testing.T) {
	addr := plane(t, http.NotFound)
	start := time.Now()
	res := Run(context.Background(), addr, []*model.Probe{newProbe("p", "/", 200, 1)}, Options{Settle: 400 * time.Millisecond})
	if elapsed := time.Since(start); res[0].OK() || res[0].Attempts < 2 || elapsed > 2*time.Second {
		t.Errorf("ok %v after %d attempts in %s, want a failure after a few attempts within the settle time", res[0].OK(), res[0].Attempts, elapsed)
	}
}

func TestCancelStopsRetries(t *testing.T) {
	addr := plane(t, http.NotFound)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	res := Run(ctx, addr, []*model.Probe{newProbe("p", "/", 200, 1)}, Options{Settle: time.Minute})
	if res[0].OK() || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled probe: ok %v after %s", res[0].OK(), time.Since(start))
	}
}

func TestParallelismBound(t *testing.T) {
	var mu sync.Mutex
	var now, peak int
	addr := plane(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		now++
		peak = max(peak, now)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		now--
		mu.Unlock()
	})
	var probes []*model.Probe
	for i := range 12 {
		probes = append(probes, newProbe(fmt.Sprint("p", i), "/", 200, i+1))
	}
	res := Run(context.Background(), addr, probes, Options{Parallelism: 3, Settle: -1})
	for _, r := range res {
		if !r.OK() {
			t.Error(r.Failure())
		}
	}
	if peak > 3 || peak < 2 {
		t.Errorf("at most %d probes were in flight at once, want 2 or 3 (parallelism 3)", peak)
	}
}

// A path that cannot be sent fails at once, without tries.
func TestBadPath(t *testing.T) {
	addr := plane(t, func(http.ResponseWriter, *http.Request) {})
	res := Run(context.Background(), addr, []*model.Probe{newProbe("p", "/a%zz", 200, 1)}, Options{Settle: time.Minute})
	if err := res[0].Failure(); err == nil || !strings.Contains(err.Error(), `probe p: GET api.example.com/a%zz: not sent: path "/a%zz" is not a request path`) {
		t.Errorf("failure %v, want one saying the path is not a request path", err)
	}
	if res[0].Attempts != 0 {
		t.Errorf("a path that cannot be sent was tried %d times", res[0].Attempts)
	}
}

func TestDescribe(t *testing.T) {
	p := newProbe("p", "/orders/1", 200, 1)
	if got := Describe(p); got != "GET api.example.com/orders/1" {
		t.Errorf("Describe = %q", got)
	}
	p.Query, p.Source = []model.Param{{Name: "q", Value: "a&b"}}, "2001:db8::1"
	if got := Describe(p); got != "GET api.example.com/orders/1?q=a%26b from 2001:db8::1" {
		t.Errorf("Describe = %q", got)
	}
}
