package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	alidiag "github.com/gwsync/gwsync/diag/aliyun"
	"github.com/gwsync/gwsync/model"
)

// blobURL links a file's line on GitHub at testSHA.
func blobURL(file string, line int) string {
	u := fmt.Sprintf("https://github.com/o/r/blob/%s/%s", testSHA, file)
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return u
}

func renderValidation(t *testing.T, v ValidationMarkdownView) string {
	t.Helper()
	var b bytes.Buffer
	if err := ValidationMarkdown(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestValidationMarkdownFailed(t *testing.T) {
	live := diag.Warnf(diag.RuleRouteOverlap, "httpApis.a.routes.s", model.Pos{File: "gw/a.cue", Line: 9, Column: 1}, "overlaps a live route")
	live.Related = []diag.Related{{Resource: "httpApis.other.routes.x"}}
	out := renderValidation(t, ValidationMarkdownView{Findings: append(sample().Findings, live), Gateway: gatewayName,
		Inputs: "gw/", Commit: testSHA, FileURL: blobURL, Version: "0.3.0"})
	checkCommentShape(t, out, CommentLimit)
	order := []string{
		"### gwsync: validation failed for " + gatewayName + "\n\n",
		"Validated commit `0123456` (inputs: `gw/`).\n\n",
		"**1 error, 2 warnings.** Nothing can be planned or applied until it is fixed.\n\n",
		"- **error** [`gw/big.cue`](https://github.com/o/r/blob/" + testSHA + "/gw/big.cue) schema: gw/big.cue is too big\n",
		"- **warning** [`gw/a.cue:3:5`](https://github.com/o/r/blob/" + testSHA + "/gw/a.cue#L3) route-overlap: 100% overlap:<br>see below, really\n" +
			"  - witness: `GET api.example.com /x`\n" +
			"  - see [`gw/b,c.cue:7:2`](https://github.com/o/r/blob/" + testSHA + "/gw/b,c.cue#L7) httpApis.a.routes.q\n",
		"- **warning** [`gw/a.cue:9:1`](https://github.com/o/r/blob/" + testSHA + "/gw/a.cue#L9) route-overlap: overlaps a live route\n" +
			"  - see live httpApis.other.routes.x\n",
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
	if strings.Contains(out, "left out") {
		t.Errorf("a short list is cut:\n%s", out)
	}
}

func TestValidationMarkdownPlain(t *testing.T) {
	for _, tc := range []struct {
		name string
		view ValidationMarkdownView
		want []string
	}{
		{"passed", ValidationMarkdownView{Inputs: "gw/"},
			[]string{"### gwsync: validation passed for gw/\n\nValidated (inputs: `gw/`).\n\n**No errors, no warnings.**\n"}},
		{"no linker", ValidationMarkdownView{Findings: sample().Findings},
			[]string{"### gwsync: validation failed\n\n**1 error, 1 warning.**", "- **error** `gw/big.cue` schema:", "  - see `gw/b,c.cue:7:2` httpApis.a.routes.q\n"}},
		{"bad link", ValidationMarkdownView{Findings: sample().Findings, FileURL: func(string, int) string { return "javascript:x" }},
			[]string{"- **error** `gw/big.cue` schema:"}},
		{"escaped", ValidationMarkdownView{Gateway: "g|<x>", Commit: "main", Findings: []diag.Finding{
			diag.Errorf(alidiag.RuleRouteName, "httpApis.a.routes.R", model.Pos{File: "a b).cue", Line: 2, Column: 1}, "name <b>R</b> @team")},
			FileURL: func(f string, l int) string { return "https://x.test/" + f + fmt.Sprintf("#L%d", l) }},
			[]string{"### gwsync: validation failed for g\\|&lt;x&gt;\n", "Validated commit `main`.",
				"- **error** [`a b).cue:2:1`](https://x.test/a%20b%29.cue#L2) route-name: name &lt;b&gt;R&lt;/b&gt; @\u2060team\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := renderValidation(t, tc.view)
			checkCommentShape(t, out, CommentLimit)
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestValidationMarkdownCutsAtFindings(t *testing.T) {
	var fs []diag.Finding
	for i := range 2000 {
		f := diag.Warnf(diag.RuleRouteOverlap, "httpApis.a.routes.r", model.Pos{File: "gw/a.cue", Line: i + 1, Column: 3}, strings.Repeat("重叠", 20))
		f.Witness = "GET api.example.com /x"
		fs = append(fs, f)
	}
	fs = append(fs, diag.Errorf(diag.RuleReference, "httpApis.a.routes.r", model.Pos{File: "gw/z.cue", Line: 1, Column: 1}, "the one error"))
	for _, tc := range []struct {
		url, where string
	}{
		{testRunURL, "they are all in [the CI log](" + testRunURL + ")."},
		{"", "`gwsync validate` lists them all."},
	} {
		for _, limit := range []int{3000, 20000, CommentLimit} {
			out := validationMarkdown(ValidationMarkdownView{Findings: fs, Gateway: gatewayName, FileURL: blobURL, FullReportURL: tc.url, Version: "0.3.0"}, limit)
			checkCommentShape(t, out, limit-MarkerRoom)
			if !strings.Contains(out, "**1 error, 2000 warnings.**") || !strings.Contains(out, "- **error** [`gw/z.cue:1:1`]") {
				t.Errorf("limit %d: the counts or the error are left out:\n%s", limit, out)
			}
			shown := strings.Count(out, "- **warning**")
			re := regexp.MustCompile(`\n- (\d+) more findings left out; ` + regexp.QuoteMeta(tc.where) + "\n")
			m := re.FindStringSubmatch(out)
			if m == nil || m[1] != fmt.Sprint(2000-shown) {
				t.Errorf("limit %d: %d warnings shown; no line saying %d were left out:\n%s", limit, shown, 2000-shown, out[max(0, len(out)-600):])
			}
			if strings.Count(out, "  - witness:") != shown {
				t.Errorf("limit %d: a finding is cut inside", limit)
			}
		}
	}
}
