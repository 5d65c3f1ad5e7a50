package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

func sample() Validation {
	return Validation{
		Inputs: []string{"gw"},
		Findings: []diag.Finding{
			{
				Rule: diag.RuleRouteOverlap, Severity: diag.Warning, Message: "100% overlap:\nsee below, really",
				Resource: "httpApis.a.routes.r", Pos: model.Pos{File: "gw/a.cue", Line: 3, Column: 5},
				Related: []diag.Related{{Resource: "httpApis.a.routes.q", Pos: model.Pos{File: "gw/b,c.cue", Line: 7, Column: 2}}},
				Witness: "GET api.example.com /x",
			},
			{Rule: diag.RuleSchema, Severity: diag.Error, Message: "gw/big.cue is too big", Pos: model.Pos{File: "gw/big.cue"}},
		},
	}
}

func render(t *testing.T, w Writer, v Validation) string {
	t.Helper()
	var b bytes.Buffer
	if err := w(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextLocationsAndSummary(t *testing.T) {
	got := render(t, Text, sample())
	for _, want := range []string{
		"gw/a.cue:3:5: route-overlap: warning: 100% overlap:",
		"\twitness: GET api.example.com /x\n",
		"\tsee gw/b,c.cue:7:2: httpApis.a.routes.q\n",
		"gw/big.cue: schema: gw/big.cue is too big\n",
		"gw: 1 error, 1 warning\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text output lacks %q:\n%s", want, got)
		}
	}
}

func TestTextValidSummaryCountsResources(t *testing.T) {
	got := render(t, Text, Validation{Inputs: []string{"."}, Stats: []Count{{1, "route"}, {1, "HTTP API"}, {2, "domain"}, {1, "service"}, {0, "policy"}}})
	if want := ".: valid (1 route, 1 HTTP API, 2 domains, 1 service, 0 policies)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestJSONShape(t *testing.T) {
	var doc struct {
		Findings []map[string]any `json:"findings"`
		Errors   int              `json:"errors"`
		Warnings int              `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(render(t, JSON, sample())), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Errors != 1 || doc.Warnings != 1 || len(doc.Findings) != 2 {
		t.Fatalf("counts: %+v", doc)
	}
	f := doc.Findings[0]
	if f["witness"] != "GET api.example.com /x" || f["line"] != 3.0 || f["file"] != "gw/a.cue" {
		t.Errorf("first finding: %v", f)
	}
	rel := f["related"].([]any)[0].(map[string]any)
	if rel["resource"] != "httpApis.a.routes.q" || rel["line"] != 7.0 {
		t.Errorf("related: %v", rel)
	}
	if _, ok := doc.Findings[1]["witness"]; ok {
		t.Error("witness present on a finding without one")
	}
	if _, ok := doc.Findings[1]["related"]; ok {
		t.Error("related present on a finding without any")
	}
}

func TestJSONEmptyFindingsIsAList(t *testing.T) {
	if got := render(t, JSON, Validation{}); !strings.Contains(got, `"findings": []`) {
		t.Errorf("no findings should render as an empty list:\n%s", got)
	}
}

func TestGitHubEscapesCommands(t *testing.T) {
	lines := strings.Split(render(t, GitHub, sample()), "\n")
	want := "::warning file=gw/a.cue,line=3,col=5,title=gwsync route-overlap::100%25 overlap:%0Asee below, really%0Awitness: GET api.example.com /x%0Asee gw/b,c.cue:7:2"
	if lines[0] != want {
		t.Errorf("got  %s\nwant %s", lines[0], want)
	}
	if !strings.HasPrefix(lines[1], "::error file=gw/big.cue,title=gwsync schema::") {
		t.Errorf("file-level finding: %s", lines[1])
	}
}

func TestSARIFResultsPointAtRules(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal([]byte(render(t, SARIF, sample())), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("log: version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(diag.Rules()) || len(run.Results) != 2 {
		t.Fatalf("%d rules, %d results", len(run.Tool.Driver.Rules), len(run.Results))
	}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d (%s)", r.RuleID, r.RuleIndex, run.Tool.Driver.Rules[r.RuleIndex].ID)
		}
		if reg := r.Locations[0].PhysicalLocation.Region; reg == nil || reg.StartLine < 1 {
			t.Errorf("result %s has no start line (code scanning needs one)", r.RuleID)
		}
	}
	if run.Results[0].Level != "warning" || run.Results[1].Level != "error" {
		t.Errorf("levels: %s, %s", run.Results[0].Level, run.Results[1].Level)
	}
	if len(run.Results[0].RelatedLocations) != 1 {
		t.Errorf("related locations: %+v", run.Results[0].RelatedLocations)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := ForValidation("xml"); err == nil || !strings.Contains(err.Error(), "github, json, sarif, text") {
		t.Errorf("err = %v", err)
	}
}
