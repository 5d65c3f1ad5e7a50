package console_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	apigemu "github.com/gwsync/gwsync/emulator/aliyun"
	"github.com/gwsync/gwsync/emulator/aliyun/console"
	"github.com/gwsync/gwsync/provider/aliyun"
)

const (
	testAK     = "console-ak"
	testSecret = "console-secret"
)

// serve runs an emulated account of the gateways ids (one with a new ID
// when none) on loopback and returns a client for it.
func serve(t *testing.T, ids ...string) *aliyun.Client {
	t.Helper()
	return serveWith(t, apigemu.Faults{}, ids...)
}

// serveWith is serve with faults.
func serveWith(t *testing.T, faults apigemu.Faults, ids ...string) *aliyun.Client {
	t.Helper()
	acct, err := apigemu.NewAccount(apigemu.Config{AccessKeys: map[string]string{testAK: testSecret}, DeployDelay: time.Millisecond, Faults: faults}, ids)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(acct.Handler())
	t.Cleanup(func() { hs.Close(); acct.Close() })
	return client(t, hs.Listener.Addr().String())
}

func client(t *testing.T, endpoint string) *aliyun.Client {
	t.Helper()
	c, err := aliyun.NewClient(aliyun.Config{Endpoint: endpoint, AccessKeyID: testAK, AccessKeySecret: testSecret, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// An endpoint that does not answer the emulator's own question is not
// changed: the question is the only call made.
func TestOpenRefusesWhatIsNotTheEmulator(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	cloud := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls = append(calls, r.Method+" "+r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"RequestId":"r-1","Code":"InvalidAction.NotFound","Message":"Specified api is not found"}`))
	}))
	defer cloud.Close()
	_, err := console.Open(context.Background(), client(t, cloud.Listener.Addr().String()), "gw-orders-prod")
	if err == nil || !strings.Contains(err.Error(), "it is not gwsync's emulator") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("Open = %v, want a refusal saying it is not the emulator", err)
	}
	if !slices.Equal(calls, []string{"GET /emulator/v1/about"}) {
		t.Errorf("calls %v, want only the about question", calls)
	}
}

func TestOpenSaysWhyItCannotStart(t *testing.T) {
	_, err := console.Open(context.Background(), client(t, "127.0.0.1:1"), "")
	if err == nil || !strings.Contains(err.Error(), "nothing answered") || !strings.Contains(err.Error(), "start gwsync emulator serve") {
		t.Errorf("Open with nothing listening = %v, want it to say so", err)
	}
	_, err = console.Open(context.Background(), serve(t, "gw-orders-prod"), "gw-other")
	if want := "the emulator does not serve gateway gw-other (it serves gw-orders-prod): give --gateway-id one of those"; err == nil || err.Error() != want {
		t.Errorf("Open of a gateway not served = %v, want %q", err, want)
	}
}

func TestOpenTakesTheOnlyGatewayOrAsks(t *testing.T) {
	k, err := console.Open(context.Background(), serve(t, "gw-orders-prod"), "")
	if err != nil || k.GatewayID() != "gw-orders-prod" {
		t.Fatalf("Open of a lone gateway = %v, %v; want gw-orders-prod", k, err)
	}
	two := serve(t, "gw-a", "gw-b")
	if _, err := console.Open(context.Background(), two, ""); err == nil || !strings.Contains(err.Error(), "the emulator serves 2 gateways (gw-a, gw-b): name one with --gateway-id") {
		t.Errorf("Open of two gateways without an ID = %v, want it to ask which", err)
	}
	if k, err := console.Open(context.Background(), two, "gw-b"); err != nil || k.GatewayID() != "gw-b" {
		t.Errorf("Open gw-b = %v, %v", k, err)
	}
}

func TestOpenRefusesAKeyTheEmulatorWasNotGiven(t *testing.T) {
	acct, err := apigemu.NewAccount(apigemu.Config{AccessKeys: map[string]string{testAK: "another-secret"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(acct.Handler())
	defer func() { hs.Close(); acct.Close() }()
	_, err = console.Open(context.Background(), client(t, hs.Listener.Addr().String()), "")
	if err == nil || !strings.Contains(err.Error(), "the key was refused (SignatureDoesNotMatch)") {
		t.Errorf("Open = %v, want the key refused", err)
	}
}
