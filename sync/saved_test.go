package sync_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// TestSavedRoundTrip: a saved plan reads back as written, findings and
// documents included.
func TestSavedRoundTrip(t *testing.T) {
	d, plan, live := planFor(t, routesCUE("/a", "/a/b"))
	saved := gwsync.NewSaved(plan, d, live, gwsync.Options{Owner: "team-a"})
	saved.Findings = []diag.Finding{{Rule: "route-overlap", Severity: diag.Warning, Message: "overlap", Resource: "httpApis.api.routes.r0",
		Pos: model.Pos{File: "desired.cue", Line: 8, Column: 2}, Witness: "GET api.example.com /a/b",
		Related: []diag.Related{{Resource: "httpApis.api.routes.r1", Pos: model.Pos{File: "desired.cue", Line: 9, Column: 2}}}}}
	var b bytes.Buffer
	if err := saved.Write(&b); err != nil {
		t.Fatal(err)
	}
	back, err := gwsync.ReadSaved(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Findings, saved.Findings) {
		t.Errorf("findings read back as %+v, want %+v", back.Findings, saved.Findings)
	}
	if len(back.Changes) != len(plan.Changes) || back.Plan().Gateway.Owner != "team-a" {
		t.Errorf("read back %d changes, owner %q", len(back.Changes), back.Plan().Gateway.Owner)
	}
	for i, c := range back.Changes {
		if !reflect.DeepEqual(c.After, plan.Changes[i].After) {
			t.Errorf("change %d: after %+v, want %+v", i, c.After, plan.Changes[i].After)
		}
	}
}
