package cli

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestWithPath: a command's JSON object gets "path" (and "error") first,
// its own fields kept as they were, in order.
func TestWithPath(t *testing.T) {
	for _, tc := range []struct {
		obj, path, err, want string
	}{
		{`{"changes": [], "errors": 0}`, "gateways/a", "", `{"path":"gateways/a","changes":[],"errors":0}`},
		{`{}`, "a<b>&c", "boom", `{"path":"a<b>&c","error":"boom"}`},
		{"{\n  \"x\": \"<p>\"\n}\n", "p", "", `{"path":"p","x":"<p>"}`},
	} {
		got, err := withPath([]byte(tc.obj), tc.path, tc.err)
		if err != nil {
			t.Fatalf("withPath(%s): %v", tc.obj, err)
		}
		if first := strings.TrimSpace(strings.TrimPrefix(string(got), "{")); !strings.HasPrefix(first, `"path"`) {
			t.Errorf("withPath(%s) = %s: path is not first", tc.obj, got)
		}
		var compact, want map[string]any
		if err := json.Unmarshal(got, &compact); err != nil {
			t.Fatalf("withPath(%s) = %s, not JSON: %v", tc.obj, got, err)
		}
		_ = json.Unmarshal([]byte(tc.want), &want)
		if b1, b2 := mustJSON(compact), mustJSON(want); b1 != b2 {
			t.Errorf("withPath(%s) = %s, want %s", tc.obj, got, tc.want)
		}
	}
	if _, err := withPath([]byte(`[1]`), "p", ""); err == nil {
		t.Error("a JSON list was taken for an object")
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestFleetExit: 1 if any gateway failed, else 2 if any differs, else 0.
func TestFleetExit(t *testing.T) {
	for _, tc := range []struct {
		codes []int
		want  int
	}{
		{[]int{0, 0}, ExitOK},
		{[]int{0, 2, 0}, ExitChanges},
		{[]int{2, 1, 2}, ExitError},
		{[]int{0, 3}, ExitError},
	} {
		var rows []fleetRow
		for _, c := range tc.codes {
			rows = append(rows, fleetRow{code: c})
		}
		got := ExitOK
		var ee exitError
		if err := fleetExit(rows); errors.As(err, &ee) {
			got = ee.code
		}
		if got != tc.want {
			t.Errorf("codes %v combine to %d, want %d", tc.codes, got, tc.want)
		}
	}
}

// TestFleetRoot: ROOT/... alone is a fleet; with other PATHs, bad usage.
func TestFleetRoot(t *testing.T) {
	if root, ok, err := fleetRoot([]string{"gateways/..."}); root != "gateways" || !ok || err != nil {
		t.Errorf("gateways/... = %q, %v, %v", root, ok, err)
	}
	if _, ok, err := fleetRoot([]string{"a", "b"}); ok || err != nil {
		t.Errorf("two PATHs = %v, %v; want one desired state", ok, err)
	}
	var ue usageError
	if _, _, err := fleetRoot([]string{"a", "./..."}); !errors.As(err, &ue) {
		t.Errorf("a pattern with a PATH gave %v, want a usage error", err)
	}
}
