package huawei

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	emu "github.com/gwsync/gwsync/emulator/huawei"
	hwmodel "github.com/gwsync/gwsync/model/huawei"
)

// TestRetriesConverge builds examples/huawei-orders and reads it back
// while the emulator fails 30% of calls with 500 APIG.9999 and throttles
// 20% with 429: retries by cause get every call through.
func TestRetriesConverge(t *testing.T) {
	dir := t.TempDir()
	writeCert(t, dir, "orders_example_com", "api.orders.example.com")
	var mu sync.Mutex
	var waits []time.Duration
	h := newHarness(t, emu.Faults{ErrorRate: 0.3, ThrottleRate: 0.2}, func(c *Config) {
		c.CertDir, c.MaxRetries = dir, 20
		c.Sleep = func(_ context.Context, d time.Duration) error {
			mu.Lock()
			defer mu.Unlock()
			waits = append(waits, d)
			return nil
		}
	})
	want := hwmodel.Of(orders(t))
	seed(t, h, want)
	live, err := h.gw.Read(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := hwmodel.Of(&live.State); len(got.APIs()) != 4 || len(got.Plugins[0].Bind) != 3 || len(got.Throttles[0].Bind) != 3 {
		t.Errorf("read under faults: %+v", got)
	}
	if len(waits) == 0 {
		t.Fatal("no retry happened; the faults did not bite")
	}
	for _, w := range waits {
		if w < 0 || w > DefaultMaxBackoff {
			t.Errorf("wait %s outside [0, %s]", w, DefaultMaxBackoff)
		}
	}
}

// scripted is a server answering each call with the next of its answers
// (the last one repeats).
type scripted struct {
	mu      sync.Mutex
	answers []func(w http.ResponseWriter)
	calls   int
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	a := s.answers[min(s.calls, len(s.answers)-1)]
	s.calls++
	s.mu.Unlock()
	a(w)
}

func answer(status int, code string, header ...string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(status)
		if code != "" {
			fmt.Fprintf(w, `{"error_code":%q,"error_msg":"scripted"}`, code)
		} else {
			fmt.Fprint(w, `{"id":"ok"}`)
		}
	}
}

func scriptedClient(t *testing.T, s http.Handler, mod ...func(*Config)) (*Client, *[]time.Duration) {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	var waits []time.Duration
	cfg := Config{Endpoint: srv.URL, ProjectID: "p1", AccessKey: testAK, SecretKey: testSK, Seed: 1,
		Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, &waits
}

var getEnvs = Request{Op: "ListEnvironmentsV2", Method: "GET", Path: "/envs", Params: map[string]string{"instance_id": "i1"}}

func TestRetryByCause(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answers []func(http.ResponseWriter)
		calls   int
		code    string // "" when the call succeeds
	}{
		{"etcd sync failure", []func(http.ResponseWriter){answer(500, "APIG.3500"), answer(500, "APIG.3500"), answer(200, "")}, 3, ""},
		{"system error", []func(http.ResponseWriter){answer(500, "APIG.9999"), answer(200, "")}, 2, ""},
		{"throttled", []func(http.ResponseWriter){answer(429, "APIG.0308", "Retry-After", "2"), answer(200, "")}, 2, ""},
		{"bad gateway", []func(http.ResponseWriter){answer(502, "APIG.9998"), answer(200, "")}, 2, ""},
		{"invalid value", []func(http.ResponseWriter){answer(400, "APIG.2011")}, 1, "APIG.2011"},
		{"published", []func(http.ResponseWriter){answer(409, "APIG.3416")}, 1, "APIG.3416"},
		{"not found", []func(http.ResponseWriter){answer(404, "APIG.3003")}, 1, "APIG.3003"},
		{"bounded", []func(http.ResponseWriter){answer(500, "APIG.3500")}, 4, "APIG.3500"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &scripted{answers: tc.answers}
			c, waits := scriptedClient(t, s, func(c *Config) { c.MaxRetries = 3 })
			_, err := c.Call(ctx(t), getEnvs)
			if s.calls != tc.calls || (tc.code == "") != (err == nil) || (tc.code != "" && !HasCode(err, tc.code)) {
				t.Fatalf("%d calls, err %v; want %d calls, code %q", s.calls, err, tc.calls, tc.code)
			}
			if tc.name == "throttled" && (*waits)[0] < 2*time.Second {
				t.Errorf("waited %s despite Retry-After: 2", (*waits)[0])
			}
			if err != nil && strings.Contains(err.Error(), testSK) {
				t.Errorf("the error shows the SK: %v", err)
			}
		})
	}
}

// TestNetworkErrorsRetried: a refused connection is retried, then
// reported with the operation.
func TestNetworkErrorsRetried(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	n := 0
	c, err := NewClient(Config{Endpoint: url, ProjectID: "p1", AccessKey: testAK, SecretKey: testSK, MaxRetries: 2,
		Sleep: func(context.Context, time.Duration) error { n++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Call(ctx(t), getEnvs)
	if err == nil || n != 2 || !strings.Contains(err.Error(), "ListEnvironmentsV2") || strings.Contains(err.Error(), testSK) {
		t.Errorf("err = %v after %d waits", err, n)
	}
}

// TestContextCancels: the SDK takes no context, but the transport gives
// the caller's to the request, so a cancelled call returns at once.
func TestContextCancels(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, err := NewClient(Config{Endpoint: srv.URL, ProjectID: "p1", AccessKey: testAK, SecretKey: testSK})
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Call(cctx, getEnvs)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %s", err, time.Since(start))
	}
}

// TestCallHeaderNotSent: the header that carries the context stays in
// the process and the signature still verifies (the emulator checks it).
func TestCallHeaderNotSent(t *testing.T) {
	var saw atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k := range r.Header {
			if strings.Contains(strings.ToLower(k), "gwsync") {
				saw.Store(true)
			}
		}
		answer(200, "")(w)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(Config{Endpoint: srv.URL, ProjectID: "p1", AccessKey: testAK, SecretKey: testSK})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(ctx(t), getEnvs); err != nil || saw.Load() {
		t.Errorf("err %v, call header sent: %v", err, saw.Load())
	}
}

// TestSecretKeyNeverShown: the SK appears in no error and no rendering
// of the Config.
func TestSecretKeyNeverShown(t *testing.T) {
	h := newHarness(t, emu.Faults{})
	wrong, err := NewClient(Config{Endpoint: h.ctl.URL, ProjectID: h.srv.ProjectID(), AccessKey: testAK, SecretKey: testSK + "x", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err1 := NewGateway(wrong, h.srv.InstanceID()).Read(ctx(t))
	_, err2 := NewClient(Config{Endpoint: "http://example.com", ProjectID: "p", AccessKey: testAK, SecretKey: testSK})
	_, err3 := NewClient(Config{Region: "cn-north-4", AccessKey: testAK, SecretKey: testSK})
	cfg := Config{Region: "cn-north-4", ProjectID: "p", AccessKey: testAK, SecretKey: testSK, SecurityToken: "tok-secret"}
	for i, s := range []string{fmt.Sprint(err1), fmt.Sprint(err2), fmt.Sprint(err3), cfg.String(), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%v", cfg)} {
		if strings.Contains(s, testSK) || strings.Contains(s, "tok-secret") {
			t.Errorf("rendering %d shows a secret: %s", i, s)
		}
	}
	if !HasCode(err1, "APIG.1002") {
		t.Errorf("wrong SK: %v", err1)
	}
}

// TestQPSLimit: the client starts at most QPS calls a second.
func TestQPSLimit(t *testing.T) {
	s := &scripted{answers: []func(http.ResponseWriter){answer(200, "")}}
	c, _ := scriptedClient(t, s, func(c *Config) { c.QPS = 20 })
	start := time.Now()
	for range 6 {
		if _, err := c.Call(ctx(t), getEnvs); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("6 calls at 20 QPS took %s, want at least 250ms", d)
	}
}
