package validate_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/validate"
)

// base is a small valid desired state in the shape of the contract's
// orders.cue. Cases add to it with CUE snippets that CUE unifies into it
// (a new route, service, domain or policy); unification cannot replace a
// value, so a case that needs less than base writes the whole document.
//
// Declared names: environment prod; service orders-backend; domains
// api.example.com (HTTP, with domain-ip-whitelist) and secure.example.com
// (HTTPS); policies domain-ip-whitelist (IpAccessControl) and
// orders-timeout (Timeout); HTTP API orders-http-api with route
// orders-route (Prefix /orders, GET POST, on api.example.com in prod).
const base = `package gateway

gateway: {
	provider: "aliyun"
	id:       "gw-test"
	region:   "cn-hangzhou"
}

environments: prod: {}

services: "orders-backend": {
	sourceType: "DNS"
	addresses: ["orders.backend.svc.cluster.local:80"]
}

domains: {
	"api.example.com": {
		protocol: "HTTP"
		policies: ["domain-ip-whitelist"]
	}
	"secure.example.com": {
		protocol:       "HTTPS"
		certIdentifier: "235556-cn-hangzhou"
	}
}

policies: {
	"domain-ip-whitelist": {
		className: "IpAccessControl"
		config: {
			ipAccessControlType: "White"
			ipAccessControlContent: ["10.0.0.0/8", "192.168.0.0/16"]
			enable:        true
			protocolLayer: "L7"
		}
	}
	"orders-timeout": {
		className: "Timeout"
		config: {unitNum: 3, timeUnit: "s", enable: true}
	}
}

httpApis: "orders-http-api": {
	protocols: ["HTTP", "HTTPS"]
	routes: "orders-route": {
		environment: "prod"
		domains: ["api.example.com"]
		match: {
			path: {type: "Prefix", value: "/orders"}
			methods: ["GET", "POST"]
		}
		backend: {
			scene: "SingleService"
			services: [{service: "orders-backend", protocol: "HTTP", port: 80, weight: 100}]
		}
		policies: ["orders-timeout"]
	}
}
`

// inBase turns a line of base into a line as cases count them (relative
// to the start of src, so zero or negative), for findings related to a
// resource that base declares.
func inBase(line int) int { return line - strings.Count(base, "\n") }

// baseOrdersRouteLine is the line of base that declares orders-route.
const baseOrdersRouteLine = 45

// stateFile is the file a case is written to, relative to the compile Dir.
const stateFile = "state.cue"

// want is one expected finding.
type want struct {
	rule string
	// line is the finding's line, counted in the case's src (1 is the
	// first line after the opening newline of the raw string).
	line int
	// related is the line (in src) of the finding's first related
	// position; 0 means the finding must carry no related position.
	related int
	// msg is a fragment the message must contain ("" checks nothing).
	msg string
	// witness is the example request the finding must carry ("" checks
	// nothing).
	witness string
}

// tcase is one table case: a CUE snippet and the exact findings it yields.
type tcase struct {
	name string
	// src is CUE unified into base, or the whole document when whole is
	// set. One leading newline is dropped, so a raw string may start on
	// the line after the backquote.
	src   string
	whole bool
	// base, when set, is the document src is unified into instead of
	// the Aliyun base (hwBase for Huawei cases).
	base string
	// want is the exact multiset of findings, compile's schema findings
	// included; nil means the input is valid.
	want []want
}

// document renders a case's input and returns it with the number of lines
// that precede src in it.
func (c tcase) document() (doc string, offset int) {
	src := strings.TrimPrefix(c.src, "\n")
	if c.whole {
		return src, 0
	}
	b := base
	if c.base != "" {
		b = c.base
	}
	return b + src, strings.Count(b, "\n")
}

// compileSource writes src to a temporary directory as state.cue and
// compiles it with that directory as Dir.
func compileSource(t *testing.T, src string) compiler.Result {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, stateFile), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
}

// findingsOf compiles src and, when it compiles, validates it. It returns
// compile's findings followed by validate's.
func findingsOf(t *testing.T, src string) (compiled, validated []diag.Finding) {
	t.Helper()
	res := compileSource(t, src)
	if res.Desired == nil {
		return res.Findings, nil
	}
	return res.Findings, validate.Desired(res.Desired)
}

// runCases runs each case as a parallel subtest.
func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.check(t)
		})
	}
}

// check compiles and validates the case and compares the findings with
// want: the same multiset of (rule, line), each at state.cue, with the
// related line and message fragment the case states.
func (c tcase) check(t *testing.T) {
	t.Helper()
	doc, offset := c.document()
	compiled, validated := findingsOf(t, doc)
	for _, f := range compiled {
		if !c.expects(f, offset) {
			t.Fatalf("compile returned a finding the case did not expect:\n%s\nall compile findings:\n%s",
				describe(f, offset), describeAll(compiled, offset))
		}
	}
	got := append(slices.Clone(compiled), validated...)
	used := make([]bool, len(got))
	var missing []string
	for _, w := range c.want {
		i := -1
		for j, f := range got {
			if !used[j] && w.matches(f, offset) {
				i = j
				break
			}
		}
		if i < 0 {
			missing = append(missing, fmt.Sprintf("%s at line %d (related %d, message containing %q)", w.rule, w.line, w.related, w.msg))
			continue
		}
		used[i] = true
	}
	var extra []string
	for i, f := range got {
		if !used[i] {
			extra = append(extra, describe(f, offset))
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("findings differ\nmissing:\n  %s\nunexpected:\n  %s\nall findings:\n%s",
			strings.Join(missing, "\n  "), strings.Join(extra, "\n  "), describeAll(got, offset))
	}
	for _, f := range got {
		checkShape(t, f)
	}
}

// expects reports whether some want matches f.
func (c tcase) expects(f diag.Finding, offset int) bool {
	return slices.ContainsFunc(c.want, func(w want) bool { return w.matches(f, offset) })
}

// matches reports whether f is the finding w describes.
func (w want) matches(f diag.Finding, offset int) bool {
	if f.Rule != w.rule || f.Pos.Line-offset != w.line || !strings.Contains(f.Message, w.msg) {
		return false
	}
	if w.witness != "" && f.Witness != w.witness {
		return false
	}
	if w.related == 0 {
		return len(f.Related) == 0
	}
	return len(f.Related) > 0 && f.Related[0].Pos.Line-offset == w.related
}

// checkShape checks what every finding must hold: a position in
// state.cue (relative to Dir), related positions there too, the rule's
// severity, and a message.
func checkShape(t *testing.T, f diag.Finding) {
	t.Helper()
	if f.Pos.File != stateFile || f.Pos.Line < 1 || f.Pos.Column < 1 {
		t.Errorf("%s finding %q is at %v, want a line and column in %s", f.Rule, f.Message, f.Pos, stateFile)
	}
	for _, r := range f.Related {
		if r.Pos.File != stateFile || r.Pos.Line < 1 {
			t.Errorf("%s finding %q has related position %v, want a line in %s", f.Rule, f.Message, r.Pos, stateFile)
		}
	}
	if i := slices.IndexFunc(diag.Rules, func(r diag.RuleInfo) bool { return r.ID == f.Rule }); i < 0 {
		t.Errorf("finding has rule %q, which the contract does not name", f.Rule)
	} else if f.Severity != diag.Rules[i].Severity {
		t.Errorf("%s finding has severity %q, want %q", f.Rule, f.Severity, diag.Rules[i].Severity)
	}
	if f.Message == "" {
		t.Errorf("%s finding at %v has no message", f.Rule, f.Pos)
	}
}

func describe(f diag.Finding, offset int) string {
	s := fmt.Sprintf("%s at src line %d (file line %d, %s): %s", f.Rule, f.Pos.Line-offset, f.Pos.Line, f.Resource, f.Message)
	for _, r := range f.Related {
		s += fmt.Sprintf(" [related %s at src line %d]", r.Resource, r.Pos.Line-offset)
	}
	return s
}

func describeAll(fs []diag.Finding, offset int) string {
	if len(fs) == 0 {
		return "  (none)"
	}
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + describe(f, offset) + "\n")
	}
	return b.String()
}
