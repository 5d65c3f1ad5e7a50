package compiler

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/model"
)

// probesSrc declares two probes, the second written before the first and
// with every optional field.
const probesSrc = `
gateway: provider: "local"
domains: "api.example.com": protocol: "HTTP"
probes: {
	"orders-list": {
		request: {
			method: "GET"
			domain: "api.example.com"
			path:   "/orders/1"
			headers: {"X-Version": "2", Accept: "application/json"}
			query: {page: "2", limit: "10"}
		}
		source: "10.1.2.3"
		expect: status: 200
	}
	"export-denied": {
		request: {method: "POST", domain: "api.example.com", path: "/exports/orders.csv"}
		expect: status: 403
	}
}
`

func TestCompileProbes(t *testing.T) {
	dir := writeTree(t, map[string]string{"gw.cue": probesSrc})
	d := mustCompile(t, dir, "gw.cue")
	want := []*model.Probe{
		{Name: "export-denied", Method: "POST", Domain: model.Ref{Name: "api.example.com"}, Path: "/exports/orders.csv", Status: 403},
		{Name: "orders-list", Method: "GET", Domain: model.Ref{Name: "api.example.com"}, Path: "/orders/1",
			Headers: []model.Param{{Name: "X-Version", Value: "2"}, {Name: "Accept", Value: "application/json"}},
			Query:   []model.Param{{Name: "page", Value: "2"}, {Name: "limit", Value: "10"}},
			Source:  "10.1.2.3", Status: 200},
	}
	if got := withoutPositions(d).Probes; !reflect.DeepEqual(got, want) {
		gj, _ := json.MarshalIndent(got, "", "  ")
		wj, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("probes differ (sorted by name; headers and query in declaration order)\ngot:\n%s\nwant:\n%s", gj, wj)
	}
}

func TestCompileProbePositions(t *testing.T) {
	dir := writeTree(t, map[string]string{"gw.cue": probesSrc})
	d := mustCompile(t, dir, "gw.cue")
	list := d.Probes[1]
	for _, c := range []struct {
		what string
		got  model.Pos
		want int
	}{
		{"probe", list.Pos, lineOf(t, probesSrc, "", `"orders-list": {`)},
		{"domain", list.Domain.Pos, lineOf(t, probesSrc, `"orders-list"`, `domain: "api.example.com"`)},
		{"header", list.Headers[1].Pos, lineOf(t, probesSrc, `"orders-list"`, `headers:`)},
		{"query", list.Query[0].Pos, lineOf(t, probesSrc, `"orders-list"`, `query:`)},
		{"source", list.SourcePos, lineOf(t, probesSrc, "", `source:`)},
		{"second probe", d.Probes[0].Pos, lineOf(t, probesSrc, "", `"export-denied": {`)},
	} {
		if c.got.File != "gw.cue" || c.got.Line != c.want || c.got.Column < 1 {
			t.Errorf("%s at %s, want gw.cue:%d:<col>", c.what, c.got, c.want)
		}
	}
}

func TestCompileProbeSchemaErrors(t *testing.T) {
	for name, c := range map[string]struct{ probe, msg string }{
		"path without slash":  {`request: {method: "GET", domain: "a.example.com", path: "orders"}, expect: status: 200`, `request.path: is not in the expected form`},
		"path with a query":   {`request: {method: "GET", domain: "a.example.com", path: "/o?x=1"}, expect: status: 200`, `write query parameters in query`},
		"method not in enum":  {`request: {method: "FETCH", domain: "a.example.com", path: "/"}, expect: status: 200`, `request.method: must be one of`},
		"status out of range": {`request: {method: "GET", domain: "a.example.com", path: "/"}, expect: status: 99`, `expect.status:`},
		"no expect":           {`request: {method: "GET", domain: "a.example.com", path: "/"}`, `missing required field "expect"`},
		"header not a string": {`request: {method: "GET", domain: "a.example.com", path: "/", headers: x: 1}, expect: status: 200`, `request.headers.x: must be string`},
		"unknown field":       {`request: {method: "GET", domain: "a.example.com", path: "/"}, expect: {status: 200, body: "ok"}`, `unknown field "body"`},
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"gw.cue": "gateway: provider: \"local\"\nprobes: p: {" + c.probe + "}\n"})
			res := compileSafely(t, []string{"gw.cue"}, Options{Dir: dir})
			if res.Desired != nil || len(res.Findings) != 1 {
				t.Fatalf("want one schema finding, got:\n%s", formatFindings(res.Findings))
			}
			f := res.Findings[0]
			if f.Rule != "schema" || f.Resource != "probes.p" || f.Pos.Line != 2 || !strings.Contains(f.Message, c.msg) {
				t.Errorf("got %s %s [%s] %q, want schema at gw.cue:2 on probes.p containing %q", f.Rule, f.Pos, f.Resource, f.Message, c.msg)
			}
		})
	}
}

// TestCompileProbeExpectations decodes a CORS preflight probe (scheme,
// origin, Access-Control-Request-Method) and the headers and Location it
// expects, in YAML as in CUE.
func TestCompileProbeExpectations(t *testing.T) {
	const cueSrc = `
gateway: provider: "local"
domains: "api.example.com": protocol: "HTTPS"
probes: preflight: {
	request: {method: "OPTIONS", domain: "api.example.com", path: "/orders", scheme: "https",
		origin: "https://shop.example.com", accessControlRequestMethod: "PUT"}
	expect: {
		status: 200
		headers: {"Access-Control-Allow-Origin": "*", "X-Request-Id": true, "X-Powered-By": false}
		location: "https://api.example.com/orders"
	}
}
`
	const yamlSrc = `
gateway: {provider: local}
domains: {api.example.com: {protocol: HTTPS}}
probes:
  preflight:
    request: {method: OPTIONS, domain: api.example.com, path: /orders, scheme: https, origin: "https://shop.example.com", accessControlRequestMethod: PUT}
    expect:
      status: 200
      headers: {Access-Control-Allow-Origin: "*", X-Request-Id: true, X-Powered-By: false}
      location: https://api.example.com/orders
`
	want := &model.Probe{Name: "preflight", Method: "OPTIONS", Domain: model.Ref{Name: "api.example.com"}, Path: "/orders",
		Scheme: "https", Origin: "https://shop.example.com", PreflightMethod: "PUT", Status: 200,
		ExpectHeaders: []model.HeaderExpectation{
			{Name: "Access-Control-Allow-Origin", Exact: true, Value: "*"},
			{Name: "X-Request-Id", Present: true},
			{Name: "X-Powered-By", Present: false},
		},
		Location: "https://api.example.com/orders", HasLocation: true}
	for file, src := range map[string]string{"gw.cue": cueSrc, "gw.yaml": yamlSrc} {
		d := mustCompile(t, writeTree(t, map[string]string{file: src}), file)
		if got := withoutPositions(d).Probes; len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			gj, _ := json.MarshalIndent(got, "", "  ")
			t.Errorf("%s: probes\n%s\nwant\n%+v", file, gj, want)
		}
		if p := d.Probes[0]; !p.LocationPos.IsValid() || !p.OriginPos.IsValid() || !p.ExpectHeaders[1].Pos.IsValid() {
			t.Errorf("%s: positions not kept: %+v", file, p)
		}
	}
}
