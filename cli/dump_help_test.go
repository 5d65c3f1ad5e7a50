package cli

import "testing"

func TestWrap(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"a bb ccc dddd", "a bb\nccc\ndddd"},
		{"a\nbb  ccc", "a bb\nccc"},
		{"abcdefgh ij", "abcdefgh\nij"},
		{"", ""},
	} {
		if got := wrap(tt.text, 6); got != tt.want {
			t.Errorf("wrap(%q, 6) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSeries(t *testing.T) {
	for _, tt := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a or b"},
		{[]string{"a", "b", "c"}, "a, b or c"},
	} {
		if got := series(tt.items, " or "); got != tt.want {
			t.Errorf("series(%q) = %q, want %q", tt.items, got, tt.want)
		}
	}
}
