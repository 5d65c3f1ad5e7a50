package reqpath

import (
	"net/url"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	cases := map[string]string{
		"/orders":           "/orders",
		"/a%41b":            "/aAb",
		"/a%2fb":            "/a%2Fb",
		"/a%2Fb":            "/a%2Fb",
		"/caf%c3%a9":        "/caf%C3%A9",
		"/x y":              "/x%20y",
		"/é":                "/%C3%A9",
		"/50%":              "/50%25",
		"/a%zz":             "/a%25zz",
		"/~user/-._":        "/~user/-._",
		"/a:b@c!$&'()*+,;=": "/a:b@c!$&'()*+,;=",
	}
	for in, want := range cases {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
		if got := Canonical(Canonical(in)); got != Canonical(in) {
			t.Errorf("Canonical is not idempotent on %q: %q", in, got)
		}
	}
	// What net/http gives a handler, made canonical, for the paths a
	// client sends.
	for _, sent := range []string{"/a%2Fb", "/a%41", "/x%20y"} {
		u, err := url.Parse("http://h" + sent)
		if err != nil {
			t.Fatal(err)
		}
		if got := Canonical(u.EscapedPath()); got != Canonical(sent) {
			t.Errorf("request %s: %q, want %q", sent, got, Canonical(sent))
		}
	}
}

func TestProblem(t *testing.T) {
	cases := []struct{ value, want string }{
		{"/orders/items", ""},
		{"/a%2Fb", ""},
		{"orders", `write it as "/orders"`},
		{"/a b", `holds " ", which a request path cannot carry as it is; write it percent-encoded, %20`},
		{"/a\tb", `holds "\t"`},
		{"/a\x00", `holds "\x00"`},
		{"/a?x=1", "where a request's path ends and its query begins"},
		{"/a#top", "fragment"},
		{`/a\b`, `holds "\\"`},
		{"/50%", `which is not a percent-escape`},
		{"/a%G1", `which is not a percent-escape`},
		{"/café", `holds "é", which a request path cannot carry as it is; write it percent-encoded, %C3%A9`},
		{"/a%41", `is matched as "/aA"`},
		{"/a%2f", `is matched as "/a%2F"`},
		{"/a\xffb", "not UTF-8"},
		{"/line\nbreak", `holds "\n"`},
	}
	for _, c := range cases {
		got := Problem(c.value)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("Problem(%q) = %q, want it to say %q", c.value, got, c.want)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"/a%2Fb", "/x y", "/é", "/%", "/a%4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Canonical(s)
		if Canonical(c) != c {
			t.Errorf("Canonical(%q) = %q is not canonical", s, c)
		}
		if strings.HasPrefix(c, "/") && Problem(c) != "" {
			t.Errorf("Canonical(%q) = %q has a problem: %s", s, c, Problem(c))
		}
	})
}
