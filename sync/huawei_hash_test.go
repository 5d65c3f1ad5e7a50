package sync_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// TestDesiredHashHuawei: a saved Huawei plan is tied to what its desired
// state asks of each resource, as an APIG one is: any edit of a resource,
// a publication, a variable or a binding changes the hash; moving the
// text about (a comment, blank lines) does not.
func TestDesiredHashHuawei(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/diff/huawei_empty_instance.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := section(ar, "desired.cue")
	opts := gwsync.Options{Owner: "team-a"}
	base := gwsync.DesiredHash(compileHuawei(t, src), opts)
	if got := gwsync.DesiredHash(compileHuawei(t, "// orders\n\n"+strings.Replace(src, "\ngroups:", "\n\n\ngroups:", 1)), opts); got != base {
		t.Error("a comment and blank lines changed the hash")
	}
	if got := gwsync.DesiredHash(compileHuawei(t, src), gwsync.Options{Owner: "team-b"}); got == base {
		t.Error("another owner (another marker in the remarks) left the hash alone")
	}
	for _, edit := range [][2]string{
		{`TEST: remark: "integration tests"`, `TEST: remark: "tests"`},
		{`remark: "orders APIs"`, `remark: "orders"`},
		{`min_ssl_version: "TLSv1.2"`, `min_ssl_version: "TLSv1.1"`},
		{`TEST: backend:    "10.0.0.2:8080"`, `TEST: backend:    "10.0.0.3:8080"`},
		{`req_uri:    "/orders/{id}"`, `req_uri:    "/order/{id}"`},
		{`publish: ["RELEASE", "TEST"]`, `publish: ["RELEASE"]`},
		{`mock_info: result_content: "pong"`, `mock_info: result_content: "pang"`},
		{`api_call_limits: 100`, `api_call_limits: 50`},
		{`acl_value: ["198.51.100.7"]`, `acl_value: ["198.51.100.8"]`},
		{`allow_origin: "*"`, `allow_origin: "https://example.com"`},
		{`bind: [{api: "ping", env: "RELEASE"}]`, `bind: [{api: "get_order", env: "RELEASE"}]`},
	} {
		if !strings.Contains(src, edit[0]) {
			t.Fatalf("the case has no %s", edit[0])
		}
		if got := gwsync.DesiredHash(compileHuawei(t, strings.Replace(src, edit[0], edit[1], 1)), opts); got == base {
			t.Errorf("%s -> %s left the hash alone", edit[0], edit[1])
		}
	}
}

// compileHuawei compiles one desired.cue.
func compileHuawei(t *testing.T, src string) *model.Desired {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "desired.cue")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := compiler.Compile([]string{file}, compiler.Options{Dir: dir})
	if res.Desired == nil {
		t.Fatalf("desired state does not compile: %v", res.Findings)
	}
	return res.Desired
}
