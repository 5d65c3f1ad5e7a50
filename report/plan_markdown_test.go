package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/sync"
)

const (
	testSHA     = "0123456789abcdef0123456789abcdef01234567"
	testRunURL  = "https://github.com/o/r/actions/runs/42"
	testCommitU = "https://github.com/o/r/commit/" + testSHA
)

// diffBlocks returns the lines inside each fenced diff block.
func diffBlocks(t *testing.T, md string) [][]string {
	t.Helper()
	var blocks [][]string
	all := strings.Split(md, "\n")
	for i := 0; i < len(all); i++ {
		if !strings.HasPrefix(all[i], "```") || !strings.HasSuffix(all[i], "diff") {
			continue
		}
		fence := strings.TrimSuffix(all[i], "diff")
		end := slices.Index(all[i+1:], fence)
		if end < 0 {
			t.Fatalf("diff fence %s not closed:\n%s", fence, md)
		}
		blocks = append(blocks, all[i+1:i+1+end])
		i += end + 1
	}
	if len(blocks) == 0 {
		t.Fatalf("no diff fence:\n%s", md)
	}
	return blocks
}

// allowedTags are the HTML tags a comment writes itself.
var allowedTags = regexp.MustCompile(`</?(details|summary|b|code|sub)>|<br>`)

// checkCommentShape checks what GitHub relies on to render a comment as
// meant: at most CommentLimit characters (and bytes, and UTF-16 units),
// every code fence closed, <details> balanced outside code, and no other
// HTML (nothing that could open or close an HTML comment) outside code.
func checkCommentShape(t *testing.T, md string, limit int) {
	t.Helper()
	if n := len(md); n > limit {
		t.Errorf("comment is %d bytes, over %d", n, limit)
	}
	if n := utf8.RuneCountInString(md); n > limit {
		t.Errorf("comment is %d characters, over %d", n, limit)
	}
	if n := len(utf16.Encode([]rune(md))); n > limit {
		t.Errorf("comment is %d UTF-16 units, over %d", n, limit)
	}
	depth := 0
	fence := ""
	for i, l := range strings.Split(md, "\n") {
		switch {
		case fence != "" && strings.TrimSpace(l) == fence:
			fence = ""
			continue
		case fence != "":
			continue
		case strings.HasPrefix(l, "```"):
			fence = strings.TrimRight(l, "abcdefghijklmnopqrstuvwxyz")
			continue
		}
		depth += strings.Count(l, "<details>") - strings.Count(l, "</details>")
		if depth < 0 || depth > 1 {
			t.Errorf("line %d: <details> nested or closed twice: %q", i+1, l)
		}
		text := allowedTags.ReplaceAllString(stripCodeSpans(strings.TrimLeft(l, "> ")), "")
		if strings.ContainsAny(text, "<>") {
			t.Errorf("line %d: HTML outside code: %q", i+1, l)
		}
	}
	if fence != "" {
		t.Errorf("code fence %s not closed", fence)
	}
	if depth != 0 {
		t.Errorf("%d <details> not closed", depth)
	}
}

// stripCodeSpans removes inline code spans from a Markdown line.
func stripCodeSpans(l string) string {
	var b strings.Builder
	for l != "" {
		i := strings.IndexByte(l, '`')
		if i < 0 || (i > 0 && l[i-1] == '\\') {
			if i < 0 {
				b.WriteString(l)
				break
			}
			b.WriteString(l[:i+1])
			l = l[i+1:]
			continue
		}
		b.WriteString(l[:i])
		run := len(l[i:]) - len(strings.TrimLeft(l[i:], "`"))
		rest := l[i+run:]
		end := closingRun(rest, run)
		if end < 0 {
			b.WriteString(l[i : i+run])
			l = rest
			continue
		}
		l = rest[end+run:]
	}
	return b.String()
}

// closingRun finds a run of exactly n backticks in s.
func closingRun(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// riskyPlan has one change of every action, the risky ones last.
func riskyPlan() *sync.Plan {
	replace := updatePolicy()
	replace.Action, replace.Reason = sync.Replace, "className cannot be changed in place"
	undeploy := &sync.Change{Action: sync.Undeploy, Kind: sync.KindRoute, Name: "old-route", Resource: "httpApis.orders-http-api.routes.old-route",
		ID: "hr-1", Before: &sync.DeployDoc{Environment: "prod"}, Reason: "the route is deleted"}
	return &sync.Plan{Changes: []*sync.Change{createRoute(), deployRoute(), attachChange(sync.Attach, ""),
		undeploy, deleteRoute(), replace, attachChange(sync.Detach, "")}}
}

func TestPlanMarkdownLayout(t *testing.T) {
	plan := samplePlan()
	plan.Notes = []sync.Note{legacyNote()}
	out := renderPlan(t, PlanMarkdown, PlanView{Plan: plan, Findings: sample().Findings, Gateway: gatewayName, Version: "0.3.0",
		Commit: testSHA, CommitURL: testCommitU, FullPlanURL: testRunURL})
	checkCommentShape(t, out, CommentLimit)
	order := []string{
		"### gwsync plan: " + gatewayName + "\n\n",
		"Planned for commit [`0123456`](" + testCommitU + "). Full plan: [CI log](" + testRunURL + ").\n\n",
		"| action | count |\n| --- | ---: |\n| create | 1 |\n| update | 1 |\n| deploy | 1 |\n\n",
		"**The plan cannot be applied: planning found 1 error.**\n\n",
		"**Validation:** 1 error, 1 warning.\n\n",
		"- **error** `gw/big.cue` schema: gw/big.cue is too big\n",
		"- **warning** `gw/a.cue:3:5` route-overlap: 100% overlap:<br>see below, really\n  - witness: `GET api.example.com /x`\n  - see `gw/b,c.cue:7:2` httpApis.a.routes.q\n",
		"#### 3 changes to 2 resources, in apply order\n\n",
		"<details><summary><b>policy orders-timeout</b>: update <code>examples/orders/gateway.cue:12:2</code></summary>\n\n```diff\n",
		"<details><summary><b>route orders-route</b>: create, deploy <code>examples/orders/gateway.cue:70:4</code></summary>\n\n```diff\n",
		"<details><summary>1 resource left alone</summary>\n\n- httpApi legacy (`api-7`): not declared here; plan with --prune to delete it\n\n</details>\n",
		"<sub>gwsync 0.3.0</sub>\n",
	}
	last := -1
	for _, want := range order {
		i := strings.Index(out, want)
		if i < 0 {
			t.Errorf("output lacks %q:\n%s", want, out)
			continue
		}
		if i < last {
			t.Errorf("%q is out of order:\n%s", want, out)
		}
		last = i
	}
	for _, not := range []string{"| delete |", "[!WARNING]", "Left out"} {
		if strings.Contains(out, not) {
			t.Errorf("output has %q:\n%s", not, out)
		}
	}
	blocks := diffBlocks(t, out)
	if len(blocks) != 2 {
		t.Fatalf("%d diff blocks, want one per resource (2)", len(blocks))
	}
	want := [][]string{
		{"! policy orders-timeout (p-123)   examples/orders/gateway.cue:12:2", "!     /config/unitNum: 3 → 5"},
		{"+ route orders-route (new)   examples/orders/gateway.cue:70:4",
			"+     /api = \"orders-http-api\"", "> deploy route orders-route (new) in environment \"prod\"   examples/orders/gateway.cue:70:4"},
	}
	for i, lines := range blocks {
		for _, w := range want[i] {
			if !slices.Contains(lines, w) {
				t.Errorf("diff block %d lacks line %q:\n%s", i, w, strings.Join(lines, "\n"))
			}
		}
		for _, l := range lines {
			if l != "" && !strings.ContainsAny(l[:1], "+-!<> ") {
				t.Errorf("diff line does not start with a diff mark: %q", l)
			}
		}
	}
}

func TestPlanMarkdownRiskyFirst(t *testing.T) {
	out := renderPlan(t, PlanMarkdown, PlanView{Plan: riskyPlan(), Gateway: gatewayName})
	checkCommentShape(t, out, CommentLimit)
	alert := "> [!WARNING]\n> **Review first: 4 risky changes (1 delete, 1 replace, 1 undeploy, 1 detach).**\n>\n" +
		"> - **undeploy** route old-route from environment \"prod\" `hr-1`: the route is deleted\n" +
		"> - **delete** route old-route `hr-1`: it carries this desired state's marker and --prune is set\n" +
		"> - **replace** policy orders-timeout `p-123` at `examples/orders/gateway.cue:12:2`: className cannot be changed in place\n" +
		"> - **detach** attachment ip-whitelist -&gt; httpApis.a.routes.r `att-1`: policy \"ip-whitelist\" is deleted\n\n"
	i := strings.Index(out, alert)
	if i < 0 {
		t.Fatalf("output lacks the alert %q:\n%s", alert, out)
	}
	if j := strings.Index(out, "| action |"); j > i {
		t.Errorf("the alert comes before the summary table:\n%s", out)
	}
	if j := strings.Index(out, "<details>"); j < i {
		t.Errorf("the alert comes after the details:\n%s", out)
	}
	for _, want := range []string{
		"<details><summary>⚠️ <b>route old-route</b>: undeploy, delete</summary>",
		"<details><summary>⚠️ <b>policy orders-timeout</b>: replace <code>examples/orders/gateway.cue:12:2</code></summary>",
		"<details><summary><b>route orders-route</b>: create, deploy <code>examples/orders/gateway.cue:70:4</code></summary>",
		"#### 7 changes to 4 resources, in apply order\n",
		"**Validation:** no errors, no warnings.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestPlanMarkdownProvenance(t *testing.T) {
	for _, tc := range []struct {
		name string
		view PlanView
		want string
		not  string
	}{
		{"commit without URL", PlanView{Commit: testSHA}, "\nPlanned for commit `0123456`.\n", "Full plan"},
		{"ref kept", PlanView{Commit: "refs/pull/7/merge"}, "\nPlanned for commit `refs/pull/7/merge`.\n", "Full plan"},
		{"drift", PlanView{Drift: true, Commit: testSHA, CommitURL: testCommitU}, "\nChecked at commit [`0123456`](" + testCommitU + ").\n", "Planned"},
		{"run only", PlanView{FullPlanURL: testRunURL}, "\nFull plan: [CI log](" + testRunURL + ").\n", "commit"},
		{"not http", PlanView{Commit: testSHA, CommitURL: "javascript:alert(1)", FullPlanURL: "file:///etc"}, "\nPlanned for commit `0123456`.\n", "javascript"},
		{"breakout escaped", PlanView{FullPlanURL: "https://x.test/a) [b](c <d>`"}, "[CI log](https://x.test/a%29%20%5Bb%5D%28c%20%3Cd%3E%60)", "a)"},
		{"control character", PlanView{FullPlanURL: "https://x.test/a\n)"}, "\nNo changes.", "x.test"},
		{"none", PlanView{}, "### gwsync plan\n\nNo changes.", "Planned"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.view
			v.Plan = &sync.Plan{}
			out := renderPlan(t, PlanMarkdown, v)
			checkCommentShape(t, out, CommentLimit)
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if strings.Contains(out, tc.not) {
				t.Errorf("output has %q:\n%s", tc.not, out)
			}
		})
	}
}

func TestPlanViewLinksOnlyInMarkdown(t *testing.T) {
	plain := PlanView{Plan: riskyPlan(), Gateway: gatewayName}
	linked := plain
	linked.Commit, linked.CommitURL, linked.FullPlanURL = testSHA, testCommitU, testRunURL
	for _, w := range []PlanWriter{PlanText, PlanJSON} {
		if a, b := renderPlan(t, w, plain), renderPlan(t, w, linked); a != b {
			t.Errorf("the commit and URLs change the text or JSON view:\n%s\n---\n%s", a, b)
		}
	}
}

func TestPlanMarkdownEscapes(t *testing.T) {
	create := createRoute()
	create.After = routeDoc("a|b ```x``` </details> -->")
	create.Name = "r<details>-->|`x`"
	del := deleteRoute()
	del.Name, del.Reason = "@octo-org/team <b>", "kept: -->\r\n<!-- x *y*"
	note := legacyNote()
	note.Reason = "kept: <b>|</b> *x* @someone"
	finding := diag.Warnf(diag.RuleRouteOverlap, "httpApis.a.routes.r", model.Pos{File: "gw`1.cue", Line: 1, Column: 2}, "x | y\rz")
	out := renderPlan(t, PlanMarkdown, PlanView{Plan: &sync.Plan{Changes: []*sync.Change{create, del}, Notes: []sync.Note{note}},
		Findings: []diag.Finding{finding}, Gateway: "gw_1|<x>-->", Version: "<v>", Commit: "`sha`"})
	checkCommentShape(t, out, CommentLimit)

	blocks := diffBlocks(t, out)
	if !slices.Contains(blocks[0], "+     /description = \"a|b ```x``` </details> -->\"") {
		t.Errorf("the value is not shown verbatim in the diff block:\n%s", strings.Join(blocks[0], "\n"))
	}
	if !strings.Contains(out, "\n````diff\n") {
		t.Errorf("the fence does not outrun the value's backticks:\n%s", out)
	}
	for _, want := range []string{
		"### gwsync plan: gw\\_1\\|&lt;x&gt;--&gt;\n",
		"Planned for commit `` `sha` ``.",
		"- **warning** ``gw`1.cue:1:2`` route-overlap: x \\| y<br>z\n",
		"- httpApi legacy (`api-7`): kept: &lt;b&gt;\\|&lt;/b&gt; \\*x\\* @\u2060someone\n",
		"> - **delete** route @\u2060octo-org/team &lt;b&gt; `hr-1`: kept: --&gt;<br>&lt;!-- x \\*y\\*\n",
		"<summary>⚠️ <b>route @\u2060octo-org/team &lt;b&gt;</b>: delete</summary>",
		"<summary><b>route r&lt;details&gt;--&gt;|`x`</b>: create <code>examples/orders/gateway.cue:70:4</code></summary>",
		"<sub>gwsync &lt;v&gt;</sub>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if text := outsideFences(out); strings.Contains(text, "@octo") || strings.Contains(text, "@someone") {
		t.Errorf("a name mentions someone:\n%s", out)
	}
}

// outsideFences is md without its fenced code blocks.
func outsideFences(md string) string {
	var b strings.Builder
	fence := ""
	for _, l := range strings.Split(md, "\n") {
		switch {
		case fence != "" && strings.TrimSpace(l) == fence:
			fence = ""
		case fence != "":
		case strings.HasPrefix(l, "```"):
			fence = strings.TrimRight(l, "abcdefghijklmnopqrstuvwxyz")
		default:
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// bigPlan has n route creates whose descriptions hold multi-byte
// characters, then the risky changes of riskyPlan.
func bigPlan(n int) *sync.Plan {
	plan := &sync.Plan{Notes: []sync.Note{legacyNote()}}
	for i := range n {
		c := createRoute()
		c.Name = fmt.Sprintf("route-%04d", i)
		c.Resource = "httpApis.orders-http-api.routes." + c.Name
		c.After = routeDoc(strings.Repeat("дé€😀", 40))
		plan.Changes = append(plan.Changes, c)
	}
	plan.Changes = append(plan.Changes, riskyPlan().Changes[3:]...)
	return plan
}

func TestPlanMarkdownCutsAtResources(t *testing.T) {
	const n = 300
	plan := bigPlan(n)
	total := n + 3 // the routes, old-route, the policy, the attachment
	out := renderPlan(t, PlanMarkdown, PlanView{Plan: plan, Gateway: gatewayName, Version: "0.3.0",
		Findings: sample().Findings, Commit: testSHA, CommitURL: testCommitU, FullPlanURL: testRunURL})
	checkCommentShape(t, out, CommentLimit-MarkerRoom)
	if len(out) < CommentLimit-4000 {
		t.Errorf("comment is %d bytes; it leaves out more than it must", len(out))
	}
	shown := strings.Count(out, "<details><summary><b>route route-")
	if shown == 0 || shown >= n {
		t.Fatalf("%d of %d route blocks shown; want some, not all", shown, n)
	}
	for i := range shown {
		if !strings.Contains(out, fmt.Sprintf("<b>route route-%04d</b>", i)) {
			t.Errorf("route-%04d is not shown though later ones are", i)
		}
	}
	shortened := strings.Count(out, "</summary>\n\nIts diff (")
	if got := len(diffBlocks(t, out)); got != shown-shortened {
		t.Errorf("%d diff blocks for %d resources shown, %d of them shortened", got, shown, shortened)
	}
	shortNotice := ""
	if shortened > 0 {
		shortNotice = fmt.Sprintf("**Shortened: %d of %d changed resources** (without %s). ", shortened, total, pick(shortened == 1, "its diff", "their diffs"))
	}
	for _, want := range []string{
		"| create | 300 |\n| delete | 1 |\n| replace | 1 |\n| undeploy | 1 |\n| detach | 1 |\n",
		"> **Review first: 4 risky changes (1 delete, 1 replace, 1 undeploy, 1 detach).**",
		"> - **undeploy** route old-route",
		"> - **detach** attachment ip-whitelist",
		"**Validation:** 1 error, 1 warning.\n\n- **error**",
		fmt.Sprintf("%s**Left out: %d of %d changed resources and 1 of 1 resource left alone.** A comment holds at most 65536 characters; the full plan is in [the CI log](%s).\n",
			shortNotice, total-shown, total, testRunURL),
		"<sub>gwsync 0.3.0</sub>\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if small := renderPlan(t, PlanMarkdown, PlanView{Plan: samplePlan()}); strings.Contains(small, "Left out") {
		t.Errorf("a small plan is cut:\n%s", small)
	}
}

func TestPlanMarkdownCutWithoutURL(t *testing.T) {
	out := renderPlan(t, PlanMarkdown, PlanView{Plan: bigPlan(300)})
	checkCommentShape(t, out, CommentLimit)
	if !regexp.MustCompile(`\*\*Left out: \d+ of 303 changed resources and 1 of 1 resource left alone\.\*\* .*; the full plan is in the CI log\.\n`).MatchString(out) ||
		!strings.Contains(out, "is too long for this comment; the full plan is in the CI log.\n") {
		t.Errorf("no cut notice naming the CI log:\n%s", out[len(out)-500:])
	}
}

func TestPlanMarkdownWithinAnyLimit(t *testing.T) {
	huge := createRoute()
	huge.After = routeDoc(strings.Repeat("€", CommentLimit))
	deletes := &sync.Plan{}
	for i := range 2000 {
		d := deleteRoute()
		d.Name = fmt.Sprintf("old-%04d", i)
		d.Resource = "httpApis.orders-http-api.routes." + d.Name
		deletes.Changes = append(deletes.Changes, d)
	}
	var findings []diag.Finding
	for i := range 3000 {
		findings = append(findings, diag.Errorf(diag.RuleReference, "httpApis.a.routes.r", model.Pos{File: "gw.cue", Line: i + 1, Column: 3}, "service \"x\" is not declared"))
	}
	views := map[string]PlanView{
		"big":          {Plan: bigPlan(300), FullPlanURL: testRunURL},
		"one huge":     {Plan: &sync.Plan{Changes: []*sync.Change{huge, deployRoute()}}, FullPlanURL: testRunURL},
		"many deletes": {Plan: deletes, FullPlanURL: testRunURL, Version: "0.3.0"},
		"findings":     {Plan: samplePlan(), Findings: findings},
	}
	for name, v := range views {
		for _, limit := range []int{4000, 10000, 30000, CommentLimit} {
			t.Run(fmt.Sprintf("%s/%d", name, limit), func(t *testing.T) {
				out := planMarkdown(v, limit)
				checkCommentShape(t, out, limit-MarkerRoom)
				if !strings.Contains(out, "| action | count |") {
					t.Errorf("the summary table is left out")
				}
			})
		}
	}
	out := planMarkdown(views["one huge"], CommentLimit)
	if !strings.Contains(out, "**Shortened: 1 of 1 changed resource** (without its diff).") || strings.Contains(out, "Left out") {
		t.Errorf("a resource too big for a comment is not shown shortened:\n%s", out)
	}
	out = planMarkdown(views["many deletes"], CommentLimit)
	if !regexp.MustCompile(`\n> - \d+ more; the full plan is in \[the CI log\]`).MatchString(out) {
		t.Errorf("the risky changes left out are not counted:\n%s", out[len(out)-1000:])
	}
	out = planMarkdown(views["findings"], CommentLimit)
	if !regexp.MustCompile(`\n- \d+ more findings left out; the full plan is in the CI log\.\n`).MatchString(out) {
		t.Errorf("the findings left out are not counted:\n%s", out[len(out)-1000:])
	}
}

// TestPlanMarkdownShortensWhatDoesNotFit: one oversized resource (a
// service with 4,000 addresses) is shown shortened, its summary and a
// note, and hides none of the others, which keep their diffs.
func TestPlanMarkdownShortensWhatDoesNotFit(t *testing.T) {
	var addrs []string
	for i := range 4000 {
		addrs = append(addrs, fmt.Sprintf("backend-%04d.orders.svc.cluster.local:8080", i))
	}
	big := &sync.Change{Action: sync.Create, Kind: sync.KindService, Name: "orders", Resource: "services.orders", Step: 5,
		After: &sync.ServiceDoc{SourceType: "DNS", Addresses: addrs}, Pos: model.Pos{File: "gw.cue", Line: 3, Column: 1}}
	plan := &sync.Plan{Changes: []*sync.Change{big}}
	for i := range 11 {
		c := createRoute()
		c.Name = fmt.Sprintf("route-%02d", i)
		c.Resource = "httpApis.orders-http-api.routes." + c.Name
		plan.Changes = append(plan.Changes, c)
	}
	out := planMarkdown(PlanView{Plan: plan, FullPlanURL: testRunURL}, CommentLimit)
	checkCommentShape(t, out, CommentLimit-MarkerRoom)
	if got := len(diffBlocks(t, out)); got != 11 {
		t.Errorf("%d diff blocks, want the 11 routes'", got)
	}
	for _, want := range []string{
		"<details><summary><b>service orders</b>: create <code>gw.cue:3:1</code></summary>\n\nIts diff (",
		"lines) is too long for this comment; the full plan is in [the CI log](" + testRunURL + ").\n\n</details>\n",
		"<b>route route-10</b>",
		"**Shortened: 1 of 12 changed resources** (without its diff). A comment holds at most 65536 characters; the full plan is in [the CI log](" + testRunURL + ").\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("comment lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Left out") || strings.Contains(out, "backend-0000") {
		t.Errorf("something was left out, or the big diff is shown:\n%.3000s", out)
	}
}
