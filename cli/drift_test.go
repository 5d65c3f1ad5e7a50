package cli

import (
	"strings"
	"testing"

	"github.com/gwsync/gwsync/report"
	gwsync "github.com/gwsync/gwsync/sync"
)

// TestDriftIssue checks what --issue would keep in the drift issue: a
// title naming the gateway, the Markdown body, and whether there is drift.
func TestDriftIssue(t *testing.T) {
	v := report.DriftView{Gateway: "aliyun gateway gw-1 (cn-hangzhou)", Items: []gwsync.DriftItem{
		{Kind: gwsync.DriftChanged, Type: gwsync.KindRoute, Name: "orders", Resource: "httpApis.a.routes.orders", ID: "hr-1"}}}
	title, body, drifted := driftIssue(v)
	if title != "Drift: aliyun gateway gw-1 (cn-hangzhou)" || !drifted ||
		!strings.HasPrefix(body, "### gwsync drift: aliyun gateway gw-1 (cn-hangzhou)\n") || !strings.Contains(body, "route orders (hr-1)") {
		t.Errorf("got %q, %v,\n%s", title, drifted, body)
	}
	v.Items = nil
	if _, body, drifted := driftIssue(v); drifted || !strings.Contains(body, "No drift.") {
		t.Errorf("without drift: %v,\n%s", drifted, body)
	}
}
