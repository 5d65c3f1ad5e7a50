package compiler

import "testing"

func TestKeyAt(t *testing.T) {
	for _, tc := range []struct {
		line string
		col  int
		key  string // "" for no hint
	}{
		{"services: orders-backend: {", 25, "orders-backend"},
		{"orders-backend: {sourceType: \"DNS\"}", 15, "orders-backend"},
		{"domains: api.example.com: {protocol: \"HTTP\"}", 25, "api.example.com"},
		{"services: 1st: {", 12, "1st"},
		{"gateway: {provider: \"local\", x-y: 1}", 33, "x-y"},
		{"services: orders: {", 17, ""},                        // a name CUE reads as one
		{"environment: prod-east", 23, ""},                     // no ':' after it: a value, not a key
		{"gateway: {provider: \"local\"", 28, ""},              // past the end, after a string
		{"a: b c: 1", 6, ""},                                   // c is a name: the mistake is elsewhere
		{"services: orders-backend : {", 25, "orders-backend"}, // a space before the ':'
	} {
		key, ok := keyAt(tc.line, tc.col)
		if ok != (tc.key != "") || key != tc.key {
			t.Errorf("keyAt(%q, %d) = %q, %v; want %q", tc.line, tc.col, key, ok, tc.key)
		}
	}
}

func TestLooksLikeYAML(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want bool
	}{
		{"block mapping", yamlInCUE, true},
		{"list items", "gateway: {provider: local}\nenvironments:\n- prod\n", true},
		{"CUE with a missing brace", "gateway: {\n\tprovider: \"local\"\n", false},
		{"CUE with a package clause", "package gateway\n\ngateway:\n  provider: x y\n", false},
		{"one flat mapping line: a CUE typo as likely as YAML", "gateway: local thing\n", false},
		{"not a mapping", "- a\n- b\n", false},
		{"neither", "gateway: {{\n", false},
	} {
		if got := looksLikeYAML([]byte(tc.src)); got != tc.want {
			t.Errorf("%s: looksLikeYAML = %v, want %v", tc.name, got, tc.want)
		}
	}
}
