package cli

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/model"
)

// probeApp is an app writing to buffers.
func probeApp() (*app, *bytes.Buffer) {
	var stderr bytes.Buffer
	return &app{stdout: &bytes.Buffer{}, stderr: &stderr}, &stderr
}

func desiredProbes(probes ...*model.Probe) *model.Desired {
	return &model.Desired{Gateway: model.Gateway{Provider: "local"}, Probes: probes}
}

func TestRunProbesReportsFailures(t *testing.T) {
	plane := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Forwarded-For") != "10.1.2.3" {
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte(`{"code":"Forbidden","message":"denied"}`))
		}
	}))
	defer plane.Close()
	pass := &model.Probe{Name: "inside", Method: "GET", Domain: model.Ref{Name: "api.example.com"}, Path: "/orders/1",
		Source: "10.1.2.3", Status: 200, Pos: model.Pos{File: "probes.cue", Line: 2, Column: 2}}
	fail := &model.Probe{Name: "outside", Method: "GET", Domain: model.Ref{Name: "api.example.com"}, Path: "/orders/1",
		Source: "203.0.113.9", Status: 200, Pos: model.Pos{File: "probes.cue", Line: 7, Column: 2}}
	a, stderr := probeApp()
	tg := &target{dataplane: strings.TrimPrefix(plane.URL, "http://")}
	rep := a.runProbes(context.Background(), desiredProbes(pass, fail), tg)
	want := `probes.cue:7:2: probe outside: GET api.example.com/orders/1 from 203.0.113.9: got 403, want 200: {"code":"Forbidden","message":"denied"}`
	if errs := rep.failures; len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors %q, want one: %s", errs, want)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr %q, want nothing", stderr)
	}
}

func TestRunProbesWithoutDataPlane(t *testing.T) {
	a, stderr := probeApp()
	p := &model.Probe{Name: "p", Method: "GET", Domain: model.Ref{Name: "api.example.com"}, Path: "/", Status: 200}
	if rep := a.runProbes(context.Background(), desiredProbes(p), &target{}); rep.failures != nil || len(rep.notes) != 0 {
		t.Errorf("report %v, want nothing", rep)
	}
	if got := stderr.String(); got != "gwsync: probes skipped: no data plane; pass --dataplane HOST:PORT\n" {
		t.Errorf("stderr %q", got)
	}
	a, stderr = probeApp()
	if rep := a.runProbes(context.Background(), desiredProbes(), &target{}); rep.failures != nil || stderr.Len() > 0 {
		t.Errorf("no probes declared: errors %v, stderr %q; want neither", rep.failures, stderr)
	}
}

func TestLocalTargetDataPlane(t *testing.T) {
	d := desiredProbes()
	tg, err := openTarget(d, targetArgs{stateDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer tg.close()
	if !strings.HasPrefix(tg.dataplane, "127.0.0.1:") {
		t.Errorf("local gateway's data plane %q, want a loopback HOST:PORT", tg.dataplane)
	}
	over, err := openTarget(d, targetArgs{stateDir: t.TempDir(), dataplane: "gw.internal:8080"})
	if err != nil {
		t.Fatal(err)
	}
	defer over.close()
	if over.dataplane != "gw.internal:8080" {
		t.Errorf("--dataplane gw.internal:8080 gave %q", over.dataplane)
	}
}

func TestDataplaneFlagChecked(t *testing.T) {
	for _, flag := range []string{"--dataplane", "--dataplane-https"} {
		for _, addr := range []string{"gw.internal", "http://gw.internal:80", "gw.internal:0", "gw.internal:http", ":99999"} {
			var ue usageError
			if err := checkDataplane(flag, addr); !errors.As(err, &ue) || !strings.HasPrefix(err.Error(), flag+" must be HOST:PORT") {
				t.Errorf("%s %q: %v, want a usage error", flag, addr, err)
			}
		}
		for _, addr := range []string{"", "127.0.0.1:9081", "[::1]:80", "gw.internal:8080"} {
			if err := checkDataplane(flag, addr); err != nil {
				t.Errorf("%s %q: %v", flag, addr, err)
			}
		}
	}
}

func TestRunProbesReportsNotes(t *testing.T) {
	plane := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("X-Gwsync-Unmodelled", "auth_type IAM of API Api_mock")
	}))
	defer plane.Close()
	p := &model.Probe{Name: "mock", Method: "GET", Domain: model.Ref{Name: "api.example.com"}, Path: "/", Status: 200}
	a, _ := probeApp()
	rep := a.runProbes(context.Background(), desiredProbes(p), &target{dataplane: strings.TrimPrefix(plane.URL, "http://")})
	want := "auth_type IAM of API Api_mock is not modelled by the local data plane; probe mock does not prove it"
	if len(rep.failures) != 0 || len(rep.notes) != 1 || rep.notes[0] != want {
		t.Errorf("report %+v, want no failure and the note %q", rep, want)
	}
}
