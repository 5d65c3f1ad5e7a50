package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/sync"
)

// driftItems are one item of each kind; the changed policy has a secret.
func driftItems() []sync.DriftItem {
	pos := model.Pos{File: "gw.cue", Line: 9, Column: 3}
	return []sync.DriftItem{
		{Kind: sync.DriftChanged, Type: sync.KindPolicy, Name: "jwt", Resource: "policies.jwt", ID: "p-1", Pos: pos,
			Fields: []sync.FieldChange{{Path: "/config/secretKey", Before: "0ld-s3cr3t", After: "n3w-s3cr3t", Sensitive: true},
				{Path: "/config/unitNum", Before: 30.0, After: 3.0}}},
		{Kind: sync.DriftDeleted, Type: sync.KindRoute, Name: "health", API: "orders", Resource: "httpApis.orders.routes.health", Pos: pos,
			Reason: "missing: declared, but not on the gateway", Fields: []sync.FieldChange{{Path: "/api", After: "orders"}}},
		{Kind: sync.DriftUnmanaged, Type: sync.KindRoute, Name: "hotfix", API: "orders", Resource: "httpApis.orders.routes.hotfix", ID: "hr-2",
			Pos: model.Pos{File: "gw.cue", Line: 7, Column: 1}, Reason: "left alone", LeftAlone: true,
			Fields: []sync.FieldChange{{Path: "/match/path/value", Before: "/hotfix"}}},
		{Kind: sync.DriftUndeployed, Type: sync.KindRoute, Name: "orders", API: "orders", Resource: "httpApis.orders.routes.orders", ID: "hr-1", Pos: pos,
			Reason: "live deploy status is DeployFailed: boom", Fields: []sync.FieldChange{{Path: "/status", Before: "DeployFailed", After: "Deployed"}}},
	}
}

func TestDriftText(t *testing.T) {
	var b strings.Builder
	if err := DriftText(&b, DriftView{Items: driftItems(), Gateway: gatewayName}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"gwsync drift: " + gatewayName + "\n" + driftLegend + "\n\n",
		"\nChanged out of band (1):\n  [changed] policy jwt (p-1)   gw.cue:9:3\n      ~ /config/secretKey: (sensitive) → (sensitive, changed)\n      ~ /config/unitNum: 30 → 3\n",
		"\nMissing (deleted out of band, or never applied) (1):\n  [missing] route health (httpApis.orders.routes.health)   gw.cue:9:3\n      # missing: declared, but not on the gateway\n\n",
		"\nNot declared, inside what this desired state manages (1):\n  [not declared] route hotfix (hr-2)   in HTTP API orders, gw.cue:7:1\n      # left alone\n      /match/path/value = \"/hotfix\"\n",
		"\nNo longer deployed (1):\n  [not deployed] route orders (hr-1)   gw.cue:9:3\n      # live deploy status is DeployFailed: boom\n      ~ /status: \"DeployFailed\" → \"Deployed\"\n",
		"\nDrift: 1 changed, 1 missing, 1 not declared, 1 not deployed.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q\n--- got\n%s", want, got)
		}
	}
	if strings.Contains(got, "s3cr3t") {
		t.Errorf("text shows a secret:\n%s", got)
	}
	if n := strings.Count(got, "Marks: "); n != 1 {
		t.Errorf("the legend is shown %d times, want once:\n%s", n, got)
	}
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "      ") && !strings.HasPrefix(l, "  [") {
			t.Errorf("item line %q does not start with its kind in words", l)
		}
	}
}

func TestDriftTextNone(t *testing.T) {
	var b strings.Builder
	fs := []diag.Finding{diag.Errorf(diag.RuleLiveOwner, "policies.jwt", model.Pos{File: "gw.cue", Line: 1, Column: 1}, "owned elsewhere")}
	if err := DriftText(&b, DriftView{Findings: fs}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); strings.Contains(got, "No drift") || !strings.Contains(got, "The drift report is incomplete: checking found 1 error.") {
		t.Errorf("with an error, text claims no drift or does not say it is incomplete:\n%s", got)
	}
	b.Reset()
	if err := DriftText(&b, DriftView{}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); !strings.HasSuffix(got, "\nNo drift. The gateway matches the desired state.\n") || strings.Contains(got, "Marks: ") {
		t.Errorf("got %q; want no legend and no drift", got)
	}
}

func TestDriftJSON(t *testing.T) {
	var b strings.Builder
	v := DriftView{Items: driftItems(), Gateway: gatewayName, Reconcile: &ReconcileView{Converged: true, Apply: map[string]int{"applied": 2}}}
	if err := DriftJSON(&b, v); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "s3cr3t") {
		t.Errorf("JSON shows a secret:\n%s", b.String())
	}
	var got struct {
		Drift bool `json:"drift"`
		Items []struct {
			Kind, Type, Resource, Name, ID, File string
			Line, Column                         int
			Fields                               []map[string]any
		} `json:"items"`
		Summary   map[string]int `json:"summary"`
		Findings  []any          `json:"findings"`
		Reconcile struct {
			Converged bool           `json:"converged"`
			Apply     map[string]int `json:"apply"`
			Left      []any          `json:"left"`
		} `json:"reconcile"`
	}
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatal(err)
	}
	first := got.Items[0]
	if !got.Drift || len(got.Items) != 4 || first.Kind != "changed" || first.Type != "policy" || first.ID != "p-1" || first.File != "gw.cue" || first.Line != 9 {
		t.Errorf("items: %+v", got.Items)
	}
	if first.Fields[0]["before"] != sync.SensitiveMask || first.Fields[0]["sensitive"] != true {
		t.Errorf("secret field: %v", first.Fields[0])
	}
	want := map[string]int{"changed": 1, "deleted": 1, "unmanaged": 1, "undeployed": 1}
	if fmt.Sprint(got.Summary) != fmt.Sprint(want) {
		t.Errorf("summary %v, want %v", got.Summary, want)
	}
	if got.Findings == nil || !got.Reconcile.Converged || got.Reconcile.Apply["applied"] != 2 || got.Reconcile.Left == nil {
		t.Errorf("findings %v, reconcile %+v", got.Findings, got.Reconcile)
	}
}

func TestDriftMarkdown(t *testing.T) {
	got := driftMarkdown(DriftView{Items: driftItems(), Gateway: "gw <x> | *y*", Version: "v1"}, CommentLimit)
	for _, want := range []string{
		"### gwsync drift: gw &lt;x&gt; \\| \\*y\\*\n",
		"| Changed out of band | 1 |\n",
		"#### Not declared, inside what this desired state manages (1)\n",
		"- route hotfix (hr-2) `in HTTP API orders, gw.cue:7:1`: left alone\n\n  ```diff\n  +     /match/path/value = \"/hotfix\"\n  ```\n",
		"<sub>gwsync v1</sub>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q\n--- got\n%s", want, got)
		}
	}
	if strings.Contains(got, "s3cr3t") {
		t.Errorf("markdown shows a secret")
	}
}

// TestDriftMarkdownLimit checks that a body with too many items stays
// within the limit and says how many were left out.
func TestDriftMarkdownLimit(t *testing.T) {
	var items []sync.DriftItem
	for i := range 3000 {
		it := driftItems()[0]
		it.Name, it.Resource = fmt.Sprintf("policy-%04d", i), fmt.Sprintf("policies.policy-%04d", i)
		items = append(items, it)
	}
	got := driftMarkdown(DriftView{Items: items, Gateway: gatewayName, Version: "v1"}, CommentLimit)
	if len(got) > CommentLimit {
		t.Fatalf("body is %d bytes, over %d", len(got), CommentLimit)
	}
	if !strings.Contains(got, " of 3000 items.** An issue holds at most 65536 characters; the full report is in the CI log.\n") ||
		!strings.HasSuffix(got, "<sub>gwsync v1</sub>\n") {
		t.Errorf("body does not say what was left out, or lacks its footer:\n%s", got[len(got)-400:])
	}
}

// TestDriftLeftText checks drift --reconcile's last words: nothing when no
// drift is left, else the items and a line that never says the gateway
// matches.
func TestDriftLeftText(t *testing.T) {
	var b strings.Builder
	if err := DriftLeftText(&b, nil); err != nil || b.String() != "" {
		t.Errorf("with no drift left: %q, %v; want nothing", b.String(), err)
	}
	items := driftItems()[2:3]
	if err := DriftLeftText(&b, items); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"\nDrift left after reconciling (1):\n",
		"  [not declared] route hotfix (hr-2)",
		"\nDrift left: 0 changed, 0 missing, 1 not declared, 0 not deployed. The gateway does not match the desired state.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q\n--- got\n%s", want, got)
		}
	}
	if strings.Contains(got, "matches") || strings.Contains(got, "No drift") {
		t.Errorf("text with drift left says the gateway matches:\n%s", got)
	}
}

// TestDriftMarkdownShortensWhatDoesNotFit: an item too long for an issue
// is shortened to its line and a note linking the run, and the items after
// it are kept.
func TestDriftMarkdownShortensWhatDoesNotFit(t *testing.T) {
	items := driftItems()
	huge := items[0]
	huge.Name, huge.Resource = "huge", "policies.huge"
	huge.Fields = nil
	for i := range 3000 {
		huge.Fields = append(huge.Fields, sync.FieldChange{Path: fmt.Sprintf("/config/k%04d", i), Before: strings.Repeat("x", 20), After: "y"})
	}
	items = append([]sync.DriftItem{huge}, items...)
	got := driftMarkdown(DriftView{Items: items, Gateway: gatewayName, Version: "v1", RunURL: testRunURL}, CommentLimit)
	if len(got) > CommentLimit {
		t.Fatalf("body is %d bytes, over %d", len(got), CommentLimit)
	}
	for _, want := range []string{
		"  Its fields (3000 lines) are too long for this issue; the full report is in [the CI log](" + testRunURL + ").\n",
		fmt.Sprintf("**Shortened: 1 of %d items** (without its fields). An issue holds at most 65536 characters; the full report is in [the CI log](%s).\n", len(items), testRunURL),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("body lacks %q:\n%.4000s", want, got)
		}
	}
	for _, it := range items[1:] {
		if !strings.Contains(got, it.Name) {
			t.Errorf("item %s is left out", it.Name)
		}
	}
	if strings.Contains(got, "Left out") {
		t.Errorf("items were left out:\n%s", got[len(got)-600:])
	}
}
