package conflicts

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// parseSimple parses expr as newPattern does, or returns nil when it is
// not RE2.
func parseSimple(expr string) *syntax.Regexp {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return re.Simplify()
}

func TestExample(t *testing.T) {
	for _, c := range []struct {
		expr string
		want string // "" means no example
	}{
		{"/orders/[0-9]+", "/orders/0"},
		{"^/x$", "/x"},
		{"(?m)^/x$", "/x"},
		{"/(a|b)", "/a"},
		{"/(?: |b)", "/b"}, // the first alternative has no path character
		{"/a{3}", "/aaa"},
		{"/x.*", "/x"},
		{"/x.", "/x!"},        // pick takes the range's first path character
		{"(?i)/\u212a", "/K"}, // KELVIN SIGN folds to K and k
		{"(?i)/\u017f", "/S"}, // ſ folds to S and s
		{"[a/]x", "/x"},       // the first character must be "/"
		{"/a$x", ""},          // nothing follows the end
		{"/a$x*", "/a"},
		{"/x^", ""},   // ^ only at the start
		{`/x\?y`, ""}, // a path holds no "?"
		{"/a[^\\x00-\\x{10FFFF}]", ""},
		{"x.*", ""},  // no leading "/"
		{"", ""},     // the empty path
		{`/a\b`, ""}, // the walk gives up on \b
	} {
		got, ok := example(parseSimple(c.expr), paths)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("example(%q) = %q, %v; want %q", c.expr, got, ok, c.want)
		}
	}
}

// FuzzExample checks that an example is a request path the regex matches as a
// whole: a wrong one would hide a route that matches no request path.
func FuzzExample(f *testing.F) {
	for _, s := range []string{"/orders/[0-9]+", "^/x$", "/a$x*", "(?i)/\u212a", "[a/]x", "/(?:x|$)y?", "(?m)/a$^", `/a\b.*`, `/a\Q`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		re := parseSimple(expr)
		if re == nil {
			return
		}
		got, ok := example(re, paths)
		if !ok {
			return
		}
		orig, _ := syntax.Parse(expr, syntax.Perl)
		anchored := &syntax.Regexp{Op: syntax.OpConcat, Sub: []*syntax.Regexp{{Op: syntax.OpBeginText}, orig, {Op: syntax.OpEndText}}}
		whole, err := regexp.Compile(anchored.String())
		if err != nil {
			return // regexp refuses what syntax parsed: over a size limit
		}
		if !strings.HasPrefix(got, "/") || !whole.MatchString(got) {
			t.Errorf("example(%q) = %q, which it does not match as a request path", expr, got)
		}
		for _, c := range got {
			if !pathChars.contains(c) {
				t.Errorf("example(%q) = %q holds %q, no path character", expr, got, c)
			}
		}
	})
}
