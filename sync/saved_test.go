package sync_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
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

// savedJSON writes a saved plan of plan and returns its JSON as a map the
// test can edit.
func savedJSON(t *testing.T, saved *gwsync.Saved) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := saved.Write(&b); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// resealed is m as a saved plan file whose digest is made again, as
// anyone who can edit the file can.
func resealed(t *testing.T, m map[string]any) []byte {
	t.Helper()
	raw, _ := json.Marshal(m)
	var s gwsync.Saved
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadSavedRefuses: what a plan file cannot hold is refused at load.
func TestReadSavedRefuses(t *testing.T) {
	d, plan, live := planFor(t, routesCUE("/a", "/a/b"))
	good := gwsync.NewSaved(plan, d, live, gwsync.Options{})
	cases := []struct {
		name string
		file func() []byte
		want string
	}{
		{"an edit without a new digest", func() []byte {
			m := savedJSON(t, good)
			m["changes"].([]any)[0].(map[string]any)["name"] = "other"
			b, _ := json.Marshal(m)
			return b
		}, "digest does not match"},
		{"trailing data", func() []byte {
			var b bytes.Buffer
			_ = good.Write(&b)
			return append(b.Bytes(), []byte(`{"version": 2}`)...)
		}, "followed by more data"},
		{"a change twice", func() []byte {
			m := savedJSON(t, good)
			cs := m["changes"].([]any)
			m["changes"] = append(cs, cs[0])
			return resealed(t, m)
		}, "a plan never lists a change twice"},
		{"an unknown action", func() []byte {
			m := savedJSON(t, good)
			m["changes"].([]any)[0].(map[string]any)["action"] = "exec"
			return resealed(t, m)
		}, `action "exec", which gwsync never plans`},
		{"a null change", func() []byte {
			m := savedJSON(t, good)
			m["changes"] = append(m["changes"].([]any), nil)
			return resealed(t, m)
		}, "is null"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := gwsync.ReadSaved(bytes.NewReader(c.file()))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error saying %q", err, c.want)
			}
		})
	}
	if _, err := gwsync.ReadSaved(bytes.NewReader(resealed(t, savedJSON(t, good)))); err != nil {
		t.Errorf("a plan as written: %v", err)
	}
}

// TestSavedDiffers: a saved plan is compared with a plan made now change
// by change, and the first difference is named.
func TestSavedDiffers(t *testing.T) {
	d, plan, live := planFor(t, routesCUE("/a", "/a/b"))
	saved := gwsync.NewSaved(plan, d, live, gwsync.Options{})
	if diff := saved.Differs(plan); diff != "" {
		t.Errorf("the plan itself differs: %s", diff)
	}
	_, other, _ := planFor(t, routesCUE("/a", "/admin"))
	if diff := saved.Differs(other); !strings.Contains(diff, "/after/match/path/value: saved \"/a/b\", now \"/admin\"") {
		t.Errorf("a changed path: %q", diff)
	}
	shorter := &gwsync.Plan{Changes: plan.Changes[:len(plan.Changes)-1]}
	if diff := saved.Differs(shorter); !strings.Contains(diff, "is not one a plan makes") {
		t.Errorf("an extra change: %q", diff)
	}
}

// TestDigest: a plan made again from the same input has the same digest,
// whatever its positions; another desired state's plan has another.
func TestDigest(t *testing.T) {
	_, plan, _ := planFor(t, routesCUE("/a", "/a/b"))
	_, again, _ := planFor(t, routesCUE("/a", "/a/b"))
	for _, c := range again.Changes {
		c.Pos = model.Pos{File: "elsewhere.cue", Line: 99, Column: 1}
	}
	if gwsync.Digest(plan) != gwsync.Digest(again) {
		t.Error("two plans of one desired state have different digests")
	}
	_, other, _ := planFor(t, routesCUE("/a", "/a/c"))
	if gwsync.Digest(plan) == gwsync.Digest(other) {
		t.Error("plans of two desired states have one digest")
	}
}
