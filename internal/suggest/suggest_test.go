package suggest

import "testing"

func TestClosest(t *testing.T) {
	flags := []string{"format", "out", "detailed-exitcode", "compact", "auto-approve"}
	for _, tc := range []struct {
		name string
		want string
		ok   bool
	}{
		{"fromat", "format", true},
		{"fomrat", "format", true},
		{"detailed-exit-code", "detailed-exitcode", true},
		{"autoapprove", "auto-approve", true},
		{"out", "out", true},
		{"parallel", "", false},
		{"", "", false},
		{"xyz", "", false},
	} {
		got, ok := Closest(tc.name, flags)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestClosestPrefersTheFirstOfEqualCandidates(t *testing.T) {
	if got, _ := Closest("abcd", []string{"abyd", "abcx"}); got != "abcx" {
		t.Errorf("got %q, want the first in order of equally near candidates, %q", got, "abcx")
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"format", "fromat", 1}, {"plna", "plan", 1}, {"ab", "ba", 1}, {"abc", "ca", 3}, {"same", "same", 0},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
