//go:build linux

package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	gwsync "github.com/gwsync/gwsync/sync"
)

// fleetGateway is a small local desired state serving one route on host.
const fleetGateway = `package gateway

gateway: provider: "local"
environments: prod: {}
services: svc: {sourceType: "DNS", addresses: ["svc.internal:80"]}
domains: %[1]q: {protocol: "HTTP"}
httpApis: api: routes: r: {
	environment: "prod"
	domains: [%[1]q]
	match: path: {type: "Prefix", value: "/"}
	backend: {scene: "SingleService", services: [{service: "svc", port: 80}]}
}
`

// writeFleet writes a fleet of local gateways, one per name, and returns
// its root.
func writeFleet(t *testing.T, names ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, n := range names {
		dir := filepath.Join(root, n)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "gateway.cue"), []byte(fmt.Sprintf(fleetGateway, n+".example.com")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// terminal opens a pseudo-terminal whose input already holds typed, and
// returns its terminal end, which gwsync reads as a person's stdin.
func terminal(t *testing.T, typed string) *os.File {
	t.Helper()
	ptm, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptm.Close() })
	if err := unix.IoctlSetPointerInt(int(ptm.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptm.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	pts, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { pts.Close() })
	if _, err := ptm.WriteString(typed); err != nil {
		t.Fatal(err)
	}
	return pts
}

// TestApplyFleetAsksOnce: apply ROOT/... on a terminal shows every
// gateway's plan, then asks one question for all of them; "yes" applies
// them all, anything else applies none.
func TestApplyFleetAsksOnce(t *testing.T) {
	root := writeFleet(t, "a", "b")
	var stdout, stderr bytes.Buffer
	code := Run([]string{"apply", root + "/..."}, terminal(t, "no\n"), &stdout, &stderr)
	if code != ExitError || !strings.Contains(stderr.String(), "apply cancelled; nothing was changed") {
		t.Fatalf("answered no: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if n := strings.Count(stdout.String(), "Only 'yes' is accepted"); n != 1 {
		t.Errorf("asked %d times, want once:\n%s", n, stdout.String())
	}
	if code := Run([]string{"plan", "--detailed-exitcode", root + "/..."}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); code != ExitChanges {
		t.Errorf("after no, plan exited %d, want 2 (nothing applied)", code)
	}

	stdout.Reset()
	stderr.Reset()
	code = Run([]string{"apply", root + "/..."}, terminal(t, "yes\n"), &stdout, &stderr)
	out := stdout.String()
	if code != ExitOK {
		t.Fatalf("answered yes: exit %d\n%s\n%s", code, out, stderr.String())
	}
	question := strings.Index(out, "Apply the changes above to 2 gateways? Only 'yes' is accepted")
	if question < 0 || strings.Count(out, "Only 'yes'") != 1 {
		t.Fatalf("no single question for the fleet:\n%s", out)
	}
	if strings.Count(out[:question], "Plan: 4 to create") != 2 || strings.Count(out[question:], "Apply: 5 applied, 0 failed, 0 skipped.") != 2 {
		t.Errorf("want both plans before the question and both applies after it:\n%s", out)
	}
	if !strings.HasSuffix(out, "Fleet: 2 gateways: 2 changed, 0 unchanged, 0 failed.\n") {
		t.Errorf("summary line missing:\n%s", out)
	}
	if code := Run([]string{"plan", "--detailed-exitcode", root + "/..."}, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); code != ExitOK {
		t.Errorf("after yes, plan exited %d, want 0 (all applied)", code)
	}
}

// TestFleetApprovalNeedsThePlanShown: the second pass applies a gateway
// only if the plan made then is the one the first pass showed.
func TestFleetApprovalNeedsThePlanShown(t *testing.T) {
	shown := make([]string, 1)
	first := &planned{plan: &gwsync.Plan{Changes: []*gwsync.Change{{Action: gwsync.Create, Kind: gwsync.KindService, Name: "svc", Resource: "services.svc"}}}, label: "local gateway gw-1"}
	if err := hold(shown, 0).approve(first); err != errHeld {
		t.Fatalf("the first pass gave %v, want it held", err)
	}
	if err := stillShown(shown, 0).approve(first); err != nil {
		t.Errorf("the plan shown was refused: %v", err)
	}
	other := &planned{plan: &gwsync.Plan{Changes: []*gwsync.Change{{Action: gwsync.Delete, Kind: gwsync.KindService, Name: "svc", Resource: "services.svc"}}}, label: "local gateway gw-1"}
	if err := stillShown(shown, 0).approve(other); err == nil || !strings.Contains(err.Error(), "changed since its plan was shown") {
		t.Errorf("another plan was approved: %v", err)
	}
}
