package huawei

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	emu "github.com/gwsync/gwsync/emulator/huawei"
)

const testAK, testSK = "testAK", "tEsTsEcReT-0123456789abcdef"

// harness is an emulator behind an httptest server and a client for it.
type harness struct {
	t   testing.TB
	srv *emu.Server
	ctl *httptest.Server
	c   *Client
	gw  *Gateway
}

func newHarness(t testing.TB, faults emu.Faults, mod ...func(*Config)) *harness {
	t.Helper()
	srv, err := emu.New(emu.Config{AccessKeys: map[string]string{testAK: testSK}, Seed: 11, Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	ctl := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ctl.Close(); srv.Close() })
	cfg := Config{Endpoint: ctl.URL, ProjectID: srv.ProjectID(), AccessKey: testAK, SecretKey: testSK,
		Seed: 3, Sleep: func(context.Context, time.Duration) error { return nil }}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, srv: srv, ctl: ctl, c: c, gw: NewGateway(c, srv.InstanceID())}
}

func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}
