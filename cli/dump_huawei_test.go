package cli

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	emu "github.com/gwsync/gwsync/emulator/huawei"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/internal/handmade"
	"github.com/gwsync/gwsync/provider/huawei"
)

// TestDumpHuaweiByFlags dumps a Huawei instance named by flags
// (--provider huawei --gateway-id --region --project-id, credentials from
// the environment, --endpoint the emulator's) after building it by hand,
// and plans the result against it: no changes.
func TestDumpHuaweiByFlags(t *testing.T) {
	const ak, sk = "dumpAK", "dump-secret-0123456789"
	srv, err := emu.New(emu.Config{AccessKeys: map[string]string{ak: sk}, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := huawei.NewClient(huawei.Config{Endpoint: hs.URL, ProjectID: srv.ProjectID(), AccessKey: ak, SecretKey: sk})
	if err != nil {
		t.Fatal(err)
	}
	if err := handmade.NewHuawei(c, srv.InstanceID()).Shop(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Setenv(huawei.EnvAccessKey, ak)
	t.Setenv(huawei.EnvSecretKey, sk)
	t.Setenv(huawei.EnvProjectID, "")
	endpoint := strings.TrimPrefix(hs.URL, "http://")
	out := filepath.Join(t.TempDir(), "adopted")
	var stdout, stderr bytes.Buffer
	code := Run([]string{"dump", "--provider", "huawei", "--gateway-id", srv.InstanceID(), "--region", "cn-north-4",
		"--project-id", srv.ProjectID(), "--endpoint", endpoint, "--out", out}, strings.NewReader(""), &stdout, &stderr)
	if code != ExitOK {
		t.Fatalf("dump exited %d:\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if want := "Dumped huawei instance " + srv.InstanceID() + " (cn-north-4): 4 APIs, 2 groups, 1 domain, 3 policies, 2 environments."; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout:\n%s\nwant %q", stdout.String(), want)
	}
	data, err := os.ReadFile(filepath.Join(out, "gateway.cue"))
	if err != nil {
		t.Fatal(err)
	}
	for _, re := range []string{`(?m)^\tid: +"` + srv.InstanceID() + `"$`, `(?m)^\tregion: +"cn-north-4"$`, `(?m)^\tprojectId: +"` + srv.ProjectID() + `"$`} {
		if !regexp.MustCompile(re).Match(data) {
			t.Errorf("gateway.cue has no match for %s:\n%s", re, data)
		}
	}
	stdout.Reset()
	stderr.Reset()
	code = Run([]string{"plan", "--detailed-exitcode", "--endpoint", endpoint, out}, strings.NewReader(""), &stdout, &stderr)
	if code != ExitOK || !strings.Contains(stdout.String(), "No changes") {
		t.Fatalf("plan exited %d, want 0 and no changes:\n%s\n%s", code, stdout.String(), stderr.String())
	}
}
