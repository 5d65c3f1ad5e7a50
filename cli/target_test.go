package cli

import (
	"strings"
	"testing"

	// The kinds, which the CLI reaches through their registered hooks.
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
	"github.com/gwsync/gwsync/model"
)

// An endpoint override is said to be ignored only for an embedded
// gateway, naming the flag before the variable, and the variable of the
// gateway's own provider.
func TestEndpointIgnored(t *testing.T) {
	env := map[string]string{"GWSYNC_ALIYUN_ENDPOINT": "127.0.0.1:9080", "GWSYNC_HUAWEI_ENDPOINT": " 127.0.0.1:9090 "}
	getenv := func(k string) string { return env[k] }
	none := func(string) string { return "" }
	local := model.Gateway{Provider: "local"}
	huaweiLocal := model.Gateway{Provider: "huawei", Local: true, Pos: model.Pos{File: "gw/gateway.cue", Line: 3, Column: 1}}
	for _, tc := range []struct {
		name   string
		g      model.Gateway
		flag   string
		getenv func(string) string
		want   string // a prefix of the warning; "" for none
	}{
		{"local, flag", local, "localhost:1", none, `--endpoint localhost:1 is ignored: gateway.provider "local" runs gwsync's embedded gateway in this process`},
		{"local, flag and variable", local, "localhost:1", getenv, "--endpoint localhost:1 is ignored"},
		{"local, variable", local, "", getenv, `$GWSYNC_ALIYUN_ENDPOINT (127.0.0.1:9080) is ignored: gateway.provider "local" runs`},
		{"local, neither", local, "", none, ""},
		{"huawei local, variable", huaweiLocal, "", getenv, "$GWSYNC_HUAWEI_ENDPOINT (127.0.0.1:9090) is ignored: gateway.local: true (gw/gateway.cue:3:1) runs gwsync's embedded Huawei gateway"},
		{"aliyun", model.Gateway{Provider: "aliyun", ID: "gw-1"}, "127.0.0.1:9080", getenv, ""},
		{"huawei", model.Gateway{Provider: "huawei", ID: "i-1"}, "127.0.0.1:9090", getenv, ""},
	} {
		got := endpointIgnored(tc.g, tc.flag, tc.getenv)
		if (tc.want == "") != (got == "") || !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: got %q, want it to start %q", tc.name, got, tc.want)
		}
	}
	if got := endpointIgnored(huaweiLocal, "x:1", none); !strings.HasSuffix(got, "remove local: true and set gateway.id and gateway.projectId to the instance and project it prints") {
		t.Errorf("the Huawei warning says what to set: %q", got)
	}
}
