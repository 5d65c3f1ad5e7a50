package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// sarifSchema is the SARIF 2.1.0 JSON Schema, kept in testdata (see
// testdata/README.md for where it comes from).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) { return nil, fmt.Errorf("no network: %s", u) }
	if err := c.AddResource("sarif-schema-2.1.0.json", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// oddFiles are file names that are not URIs as they are.
var oddFiles = map[string]string{
	"my dir/gate way.cue":   "my%20dir/gate%20way.cue",
	"ü/g.cue":               "%C3%BC/g.cue",
	"we,ird:dir/100%.cue":   "we%2Cird%3Adir/100%25.cue",
	"teams/orders.cue":      "teams/orders.cue",
	"../shared/a~b_c-d.cue": "../shared/a~b_c-d.cue",
}

// oddSample is a validation with a finding in each of oddFiles, related to
// the next.
func oddSample() Validation {
	var v Validation
	names := []string{"my dir/gate way.cue", "ü/g.cue", "we,ird:dir/100%.cue", "teams/orders.cue", "../shared/a~b_c-d.cue"}
	for i, f := range names {
		v.Findings = append(v.Findings, diag.Finding{
			Rule: diag.RuleRouteOverlap, Severity: diag.Warning, Message: "overlap", Resource: "httpApis.a.routes.r",
			Pos:     model.Pos{File: f, Line: 3, Column: 5},
			Related: []diag.Related{{Resource: "httpApis.a.routes.q", Pos: model.Pos{File: names[(i+1)%len(names)], Line: 1}}},
		})
	}
	v.Version = "v1.4.0"
	return v
}

// decodeSARIF parses a log as plain JSON (for the schema) and as gwsync's
// types.
func decodeSARIF(t *testing.T, out string) (any, sarifLog) {
	t.Helper()
	var doc any
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	return doc, log
}

// TestSARIFValidatesAgainstSchema holds the log to the SARIF 2.1.0 schema.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	s := sarifSchema(t)
	for name, v := range map[string]Validation{"sample": sample(), "odd file names": oddSample(), "valid": {}} {
		doc, _ := decodeSARIF(t, render(t, SARIF, v))
		if err := s.Validate(doc); err != nil {
			t.Errorf("%s: %#v", name, err)
		}
	}
	doc, _ := decodeSARIF(t, capped(t, 20, 3))
	if err := s.Validate(doc); err != nil {
		t.Errorf("capped: %#v", err)
	}
}

// relativeRef matches an RFC 3986 relative reference that is a path
// (path-noscheme or path-absolute: no ':' in the first segment), and
// fileURI a file: URI; both strict, unlike Go's url.Parse.
var (
	pchar       = `(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})`
	relativeRef = regexp.MustCompile(`^(?:/|` + pchar + `+(?:/|$))(?:` + pchar + `|:|/)*$`)
	fileURI     = regexp.MustCompile(`^file:///(?:` + pchar + `|:|/)*$`)
)

// TestSARIFURIsAreEncoded: artifact URIs are URI references that decode
// to the file names.
func TestSARIFURIsAreEncoded(t *testing.T) {
	_, log := decodeSARIF(t, render(t, SARIF, oddSample()))
	seen := 0
	for _, r := range log.Runs[0].Results {
		for _, l := range append(r.Locations, r.RelatedLocations...) {
			a := l.PhysicalLocation.ArtifactLocation
			if !relativeRef.MatchString(a.URI) || a.URIBaseID != "%SRCROOT%" {
				t.Errorf("uri %q (base %q) is not a relative reference from %%SRCROOT%%", a.URI, a.URIBaseID)
			}
			name, err := url.PathUnescape(a.URI)
			if err != nil || oddFiles[name] != a.URI {
				t.Errorf("uri %q decodes to %q (%v); want one of the file names, encoded as %q", a.URI, name, err, oddFiles[name])
			}
			seen++
		}
	}
	if seen != 2*len(oddFiles) {
		t.Errorf("checked %d locations, want %d", seen, 2*len(oddFiles))
	}
	for file, want := range map[string]string{"/home/ci/my dir/g.cue": "file:///home/ci/my%20dir/g.cue", `C:\gw\g.cue`: "file:///C%3A/gw/g.cue"} {
		a := artifactOf(file)
		if a.URI != want || a.URIBaseID != "" || !fileURI.MatchString(a.URI) {
			t.Errorf("%s: uri %q base %q, want %q and no base", file, a.URI, a.URIBaseID, want)
		}
	}
}

// TestSARIFRulesHaveHelp: every rule has what code scanning shows (a
// readable name, a full description, help in text and Markdown) and a
// help URI to its section in the README, which has that anchor.
func TestSARIFRulesHaveHelp(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, log := decodeSARIF(t, render(t, SARIF, sample()))
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.Name == "" || strings.EqualFold(r.Name, r.ID) || !regexp.MustCompile(`^[A-Z][A-Za-z]+$`).MatchString(r.Name) {
			t.Errorf("%s: name %q; want a PascalCase name other than the ID", r.ID, r.Name)
		}
		if _, ok := diag.Doc(r.ID); !ok {
			t.Errorf("%s: no description or help among the rules registered with diag", r.ID)
		}
		for what, s := range map[string]string{"shortDescription": r.ShortDescription.Text, "fullDescription": r.FullDescription.Text,
			"help.text": r.Help.Text, "help.markdown": r.Help.Markdown} {
			if s == "" || !strings.HasSuffix(s, ".") {
				t.Errorf("%s: %s %q is empty or no sentence", r.ID, what, s)
			}
		}
		if r.FullDescription.Text == r.ShortDescription.Text {
			t.Errorf("%s: the full description only repeats the short one", r.ID)
		}
		anchor, ok := strings.CutPrefix(r.HelpURI, RulesURL+"#")
		if !ok || !bytes.Contains(readme, []byte(`<a id="`+anchor+`"></a>`)) {
			t.Errorf("%s: helpUri %s; want %s#ANCHOR with <a id=\"ANCHOR\"></a> in README.md", r.ID, r.HelpURI, RulesURL)
		}
		if !strings.Contains(r.Help.Markdown, "("+r.HelpURI+")") {
			t.Errorf("%s: the Markdown help does not link %s", r.ID, r.HelpURI)
		}
	}
}

// TestSARIFVersion: the driver's version is the build's, starting with a
// number as SARIF wants, with the semantic version when it is one.
func TestSARIFVersion(t *testing.T) {
	for in, want := range map[string][2]string{
		"v1.4.0": {"1.4.0", "1.4.0"}, "v0.0.0-20261201093000-abcdef123456": {"0.0.0-20261201093000-abcdef123456", "0.0.0-20261201093000-abcdef123456"},
		"dev": {"0.0.0-dev", ""}, "": {"0.0.0-dev", ""}, "main": {"0.0.0-main", ""}, "dev-abcdef123456-dirty": {"0.0.0-dev-abcdef123456-dirty", ""},
	} {
		_, log := decodeSARIF(t, render(t, SARIF, Validation{Version: in}))
		d := log.Runs[0].Tool.Driver
		if d.Version != want[0] || d.SemanticVersion != want[1] {
			t.Errorf("%q: version %q semanticVersion %q, want %q %q", in, d.Version, d.SemanticVersion, want[0], want[1])
		}
	}
}

// capped renders a log of errs (at least one) errors and warns warnings,
// interleaved, with a limit of 10.
func capped(t *testing.T, warns, errs int) string {
	t.Helper()
	var v Validation
	step := (warns + errs) / errs
	for i := range warns + errs {
		f := diag.Finding{Rule: diag.RuleRouteOverlap, Severity: diag.Warning, Message: fmt.Sprintf("finding %d", i),
			Pos: model.Pos{File: "g.cue", Line: i + 1}}
		if i%step == 0 && errs > 0 {
			f.Rule, f.Severity = diag.RuleRouteConflict, diag.Error
			errs--
		}
		v.Findings = append(v.Findings, f)
	}
	var b bytes.Buffer
	if err := sarifTo(&b, v, 10); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSARIFCapsResults: past the limit, every error is kept before any
// warning, in the findings' order, and a notification says what was left
// out; at GitHub's limit, 240 nested Prefix routes' 28,680 overlaps give
// 25,000 results.
func TestSARIFCapsResults(t *testing.T) {
	_, log := decodeSARIF(t, capped(t, 20, 3))
	run := log.Runs[0]
	if len(run.Results) != 10 {
		t.Fatalf("%d results, want the limit 10", len(run.Results))
	}
	errs, last := 0, 0
	for _, r := range run.Results {
		var n int
		fmt.Sscanf(r.Message.Text, "finding %d", &n)
		if n < last {
			t.Errorf("results out of order: finding %d after %d", n, last)
		}
		last = n
		if r.Level == "error" {
			errs++
		}
	}
	if errs != 3 {
		t.Errorf("kept %d errors, want all 3", errs)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || !strings.Contains(notes[0].Message.Text, "Left out: 0 errors, 13 warnings.") || notes[0].Level != "warning" {
		t.Errorf("notifications: %+v", notes)
	}

	var v Validation
	for i := range 28680 {
		v.Findings = append(v.Findings, diag.Finding{Rule: diag.RuleRouteOverlap, Severity: diag.Warning,
			Message: "overlap", Pos: model.Pos{File: "gateway.cue", Line: i/240 + 1}})
	}
	_, log = decodeSARIF(t, render(t, SARIF, v))
	if n := len(log.Runs[0].Results); n != SARIFResultLimit {
		t.Errorf("%d results, want %d", n, SARIFResultLimit)
	}
	if notes := log.Runs[0].Invocations[0].ToolExecutionNotifications; len(notes) != 1 || !strings.Contains(notes[0].Message.Text, "3680 warnings") {
		t.Errorf("notifications: %+v", notes)
	}
	_, log = decodeSARIF(t, render(t, SARIF, sample()))
	if inv := log.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 0 {
		t.Errorf("uncapped run's invocations: %+v", inv)
	}
}
