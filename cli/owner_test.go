package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/model"
)

func TestOwnerName(t *testing.T) {
	cases := map[string]string{
		"teams/orders":          "teams.orders",
		".":                     "root",
		"Teams/Payments API":    "teams.payments-api",
		"/tmp/orders":           "tmp.orders",
		"_x/y":                  "x.y",
		"ü/ok":                  "ok",
		strings.Repeat("a", 80): "",
	}
	for in, want := range cases {
		got := ownerName(in)
		if want == "" {
			if len(got) > maxOwner || !strings.Contains(got, "-") {
				t.Errorf("ownerName(80 a's) = %q: want at most %d characters with a hash", got, maxOwner)
			}
			continue
		}
		if got != want {
			t.Errorf("ownerName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOwnerFor(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(repo, "teams", "a"), filepath.Join(repo, "teams", "b")
	for _, d := range []string{a, b} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	d := &model.Desired{}
	if o, from := ownerFor(d, []string{a}); o != "teams.a" || !strings.Contains(from, "Git repository") {
		t.Errorf("teams/a: %q (%s)", o, from)
	}
	if oa, _ := ownerFor(d, []string{a}); oa == func() string { o, _ := ownerFor(d, []string{b}); return o }() {
		t.Error("two desired states of one repository have one owner")
	}
	if o, _ := ownerFor(d, []string{repo}); o != "root" {
		t.Errorf("the repository's root: %q", o)
	}
	outside := filepath.Join(t.TempDir(), "orders")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if o, from := ownerFor(d, []string{outside}); o != "orders" || !strings.Contains(from, "directory name") {
		t.Errorf("outside a repository: %q (%s)", o, from)
	}
	d.Gateway.Owner = "payments"
	if o, from := ownerFor(d, []string{a}); o != "payments" || from != "gateway.owner" {
		t.Errorf("gateway.owner: %q (%s)", o, from)
	}
}
