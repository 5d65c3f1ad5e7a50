package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

func TestReadJSONRoundTrip(t *testing.T) {
	fs := []diag.Finding{
		{Rule: "route-conflict", Severity: diag.Error, Message: "two routes", Resource: "httpApis.a.routes.r",
			Pos: model.Pos{File: "a.cue", Line: 3, Column: 5}, Witness: "GET h /x",
			Related: []diag.Related{{Resource: "httpApis.a.routes.s", Pos: model.Pos{File: "b.cue", Line: 7, Column: 1}}}},
		{Rule: "route-overlap", Severity: diag.Warning, Message: "overlap", Resource: "httpApis.a.routes.t", Pos: model.Pos{File: "a.cue", Line: 9, Column: 2}},
	}
	var b bytes.Buffer
	if err := JSON(&b, Validation{Findings: fs}); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fs) {
		t.Errorf("read back %+v, want %+v", got, fs)
	}
}

func TestReadJSONRejects(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"findings": [{"rule": "x", "severity": "fatal"}], "errors": 1, "warnings": 0}`, `severity "fatal"`},
		{`{"findings": [], "extra": 1}`, `unknown field "extra"`},
		{`[1, 2]`, "not the JSON of gwsync validate"},
		{``, "not the JSON of gwsync validate"},
	} {
		if _, err := ReadJSON(strings.NewReader(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadJSON(%q) = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

// FuzzReadJSON: any input either fails cleanly or reads into findings
// that write and read back the same.
func FuzzReadJSON(f *testing.F) {
	f.Add(`{"findings": [{"rule": "r", "severity": "error", "message": "m", "resource": "x", "file": "a.cue", "line": 1, "column": 2}], "errors": 1, "warnings": 0}`)
	f.Add(`{"findings": []}`)
	f.Add(`{"findings": [{"severity": "warning", "related": [{"file": "b"}]}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		fs, err := ReadJSON(strings.NewReader(in))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := JSON(&b, Validation{Findings: fs}); err != nil {
			t.Fatal(err)
		}
		again, err := ReadJSON(&b)
		if err != nil || !reflect.DeepEqual(again, fs) {
			t.Fatalf("round trip of %q: %v, %+v vs %+v", in, err, again, fs)
		}
	})
}
