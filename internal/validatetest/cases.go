package validatetest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/validate"
)

// Base is a small valid desired state in the shape of the contract's
// orders.cue. Cases add to it with CUE snippets that CUE unifies into it
// (a new route, service, domain or policy); unification cannot replace a
// value, so a case that needs less than Base writes the whole document.
//
// Declared names: environment prod; service orders-backend; domains
// api.example.com (HTTP, with domain-ip-whitelist) and secure.example.com
// (HTTPS); policies domain-ip-whitelist (IpAccessControl) and
// orders-timeout (Timeout); HTTP API orders-http-api with route
// orders-route (Prefix /orders, GET POST, on api.example.com in prod).
const Base = `package gateway

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

// InBase turns a line of Base into a line as cases count them (relative
// to the start of their source, so zero or negative), for findings
// related to a resource that Base declares.
func InBase(line int) int { return line - strings.Count(Base, "\n") }

// BaseOrdersRouteLine is the line of Base that declares orders-route.
const BaseOrdersRouteLine = 45

// StateFile is the file a case is written to, relative to the compile Dir.
const StateFile = "state.cue"

// Case is one table case: a CUE snippet and the exact findings it yields.
type Case struct {
	Name string
	// Src is CUE unified into the base, or the whole document when Whole
	// is set. One leading newline is dropped, so a raw string may start
	// on the line after the backquote.
	Src   string
	Whole bool
	// Base, when set, is the document Src is unified into instead of
	// Base (a desired state of another kind, say).
	Base string
	// Want is the exact multiset of findings, compile's schema findings
	// included; nil means the input is valid.
	Want []Want
}

// Document renders a case's input and returns it with the number of lines
// that precede Src in it.
func (c Case) Document() (doc string, offset int) {
	src := strings.TrimPrefix(c.Src, "\n")
	if c.Whole {
		return src, 0
	}
	b := Base
	if c.Base != "" {
		b = c.Base
	}
	return b + src, strings.Count(b, "\n")
}

// CompileSource writes src to a temporary directory as StateFile and
// compiles it with that directory as Dir.
func CompileSource(t testing.TB, src string) compiler.Result {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, StateFile), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
}

// FindingsOf compiles src and, when it compiles, validates it. It returns
// compile's findings followed by validate's.
func FindingsOf(t testing.TB, src string) (compiled, validated []diag.Finding) {
	t.Helper()
	res := CompileSource(t, src)
	if res.Desired == nil {
		return res.Findings, nil
	}
	return res.Findings, validate.Desired(res.Desired)
}

// Run runs each case as a parallel subtest.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			c.Check(t)
		})
	}
}

// Check compiles and validates the case and compares the findings with
// Want: the same multiset of (rule, line), each at StateFile, with the
// related line and message fragment the case states.
func (c Case) Check(t testing.TB) {
	t.Helper()
	doc, offset := c.Document()
	compiled, validated := FindingsOf(t, doc)
	for _, f := range compiled {
		if !Expects(c.Want, f, offset) {
			t.Fatalf("compile returned a finding the case did not expect:\n%s\nall compile findings:\n%s",
				Describe(f, offset), DescribeAll(compiled, offset))
		}
	}
	got := append(slices.Clone(compiled), validated...)
	Match(t, got, c.Want, offset)
	for _, f := range got {
		checkShape(t, f)
	}
}

// checkShape checks what every finding must hold: a position in
// StateFile (relative to Dir), related positions there too, the rule's
// severity, and a message.
func checkShape(t testing.TB, f diag.Finding) {
	t.Helper()
	if f.Pos.File != StateFile || f.Pos.Line < 1 || f.Pos.Column < 1 {
		t.Errorf("%s finding %q is at %v, want a line and column in %s", f.Rule, f.Message, f.Pos, StateFile)
	}
	for _, r := range f.Related {
		if r.Pos.File != StateFile || r.Pos.Line < 1 {
			t.Errorf("%s finding %q has related position %v, want a line in %s", f.Rule, f.Message, r.Pos, StateFile)
		}
	}
	if r, ok := diag.Rule(f.Rule); !ok {
		t.Errorf("finding has rule %q, which the contract does not name", f.Rule)
	} else if f.Severity != r.Severity {
		t.Errorf("%s finding has severity %q, want %q", f.Rule, f.Severity, r.Severity)
	}
	if f.Message == "" {
		t.Errorf("%s finding at %v has no message", f.Rule, f.Pos)
	}
}
