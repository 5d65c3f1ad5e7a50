package kindreg

import (
	"slices"
	"testing"
)

func TestRegistry(t *testing.T) {
	var r Registry[string]
	if _, ok := r.Lookup("a"); ok || len(r.All()) != 0 {
		t.Fatal("an empty registry found a hook")
	}
	r.Register([]string{"b", "a"}, "first")
	r.Register([]string{"c"}, "second")
	r.Register([]string{"b"}, "third")
	r.Register(nil, "none")
	for p, want := range map[string]string{"a": "first", "b": "third", "c": "second"} {
		if got, ok := r.Lookup(p); !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", p, got, ok, want)
		}
	}
	if got := r.Providers(); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Providers() = %v", got)
	}
	if got := r.All(); !slices.Equal(got, []string{"third", "second"}) {
		t.Errorf("All() = %v, want each registration once, in order, a later one in its first provider's place", got)
	}
	if _, err := r.Find("d"); err == nil || err.Error() != `gateway.provider "d" is served by no gateway kind gwsync knows; use one of: "a", "b", "c"` {
		t.Errorf("Find(d) error = %v", err)
	}
	if v, err := r.Find("c"); err != nil || v != "second" {
		t.Errorf("Find(c) = %q, %v", v, err)
	}
}
