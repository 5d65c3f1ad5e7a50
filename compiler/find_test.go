package compiler

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFleetPattern(t *testing.T) {
	for _, tc := range []struct {
		path, root string
		ok         bool
	}{
		{"gateways/...", "gateways", true},
		{"./...", ".", true},
		{"...", ".", true},
		{"/srv/gw/...", "/srv/gw", true},
		{"gateways", "", false},
		{"gateways/...x", "", false},
		{"gateways/prod", "", false},
	} {
		root, ok := FleetPattern(tc.path)
		if root != filepath.FromSlash(tc.root) || ok != tc.ok {
			t.Errorf("FleetPattern(%q) = %q, %v; want %q, %v", tc.path, root, ok, tc.root, tc.ok)
		}
	}
}

func TestGatewayDirs(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"prod/gateway.cue":             "package gateway\n\nimport \"acme.example/shared\"\n\ngateway: shared.base & {id: \"gw-1\"}\n",
		"prod/routes.cue":              "package gateway\n\nhttpApis: {}\n",
		"staging/gateway.cue":          "package gateway\n\n\"gateway\": provider: \"local\"\n",
		"shared/base.cue":              "package shared\n\nbase: provider: \"aliyun\"\n",
		"yaml-only/gateway.yaml":       "gateway:\n  provider: local\n",
		"json-no-gateway/x.json":       "{\"services\": {}}\n",
		"package/package.json":         "{\"name\": \"x\"}\n",
		"broken/gateway.cue":           "package gateway\n\ngateway: {\n",
		".hidden/gateway.cue":          "package gateway\n\ngateway: provider: \"local\"\n",
		"_draft/gateway.cue":           "package gateway\n\ngateway: provider: \"local\"\n",
		"prod/cue.mod/pkg/x/x.cue":     "package x\n\ngateway: 1\n",
		"testdata/gateway.cue":         "package gateway\n\ngateway: provider: \"local\"\n",
		"nested/eu/gateway.cue":        "package gateway\n\ngateway: provider: \"local\"\n",
		"nested/eu/.gwsync/state.json": "{}",
		"notes/README.md":              "gateway: no\n",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := GatewayDirs(root)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(root, got[i])
		got[i] = filepath.ToSlash(got[i])
	}
	want := []string{"broken", "nested/eu", "prod", "staging", "yaml-only"}
	if !slices.Equal(got, want) {
		t.Errorf("GatewayDirs = %q, want %q", got, want)
	}
}

func TestGatewayDirsOfAMissingRoot(t *testing.T) {
	root := filepath.Join(t.TempDir(), "none")
	if _, err := GatewayDirs(root); err == nil || !strings.Contains(err.Error(), root) {
		t.Errorf("a root that does not exist gave error %v, want one naming %s", err, root)
	}
}

func TestIdentify(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"cue.mod/module.cue":       "module: \"acme.example\"\nlanguage: version: \"v0.13.0\"\n",
		"shared/base.cue":          "package shared\n\nbase: provider: \"aliyun\"\nregion: \"cn-hangzhou\"\n",
		"prod/gateway.cue":         "package gateway\n\nimport \"acme.example/shared\"\n\ngateway: shared.base & {id: \"gw-\" + \"prod\", region: shared.region}\n",
		"prod/routes.cue":          "package gateway\n\nhttpApis: {}\n",
		"local/gateway.cue":        "package gateway\n\ngateway: provider: \"local\"\n",
		"huawei-local/gw.yaml":     "gateway:\n  provider: huawei\n  local: true\n  id: x\n",
		"huawei/gw.json":           "{\"gateway\": {\"provider\": \"huawei\", \"id\": \"inst-1\"}}\n",
		"broken/gateway.cue":       "package gateway\n\ngateway: {\n",
		"no-provider/gateway.cue":  "package gateway\n\ngateway: id: \"gw-1\"\n",
		"conflicting/gateway.cue":  "package gateway\n\ngateway: provider: \"aliyun\"\n",
		"conflicting/override.cue": "package gateway\n\ngateway: provider: \"huawei\"\n",
		"quoted/gateway.cue":       "package gateway\n\n@gwsync(test)\n\nimport (\n\t\"strings\"\n)\n\nlet p = \"aliyun\"\n\n\"gateway\": {\n\tprovider: \"aliyun\", id: \"gw-q\" // literal\n\tregion: strings.ToLower(\"X\")\n}\nservices?: {}\nnotes: p\n",
		"two-files/a.cue":          "package gateway\n\ngateway: provider: \"aliyun\"\n",
		"two-files/b.cue":          "package gateway\n\ngateway: id: \"gw-two\"\nhttpApis: {}\n",
		"embedded/gateway.cue":     "package gateway\n\n{gateway: id: \"gw-embedded\"}\ngateway: provider: \"aliyun\"\n",
		"comprehension/gw.cue":     "package gateway\n\ngateway: provider: \"aliyun\"\nif true {gateway: id: \"gw-if\"}\n",
		"referenced/gw.cue":        "package gateway\n\n_id: \"gw-ref\"\ngateway: {provider: \"aliyun\", id: _id}\n",
		"aliased/gw.cue":           "package gateway\n\nimport s \"strings\"\n\nG=gateway: {provider: \"huawei\", id: s.ToLower(\"ID\")}\nnotes: G.provider\n",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		dir  string
		want Identity
		ok   bool
	}{
		{"prod", Identity{Provider: "aliyun", ID: "gw-prod"}, true},
		{"local", Identity{Provider: "local", Local: true}, true},
		{"huawei-local", Identity{Provider: "huawei", ID: "x", Local: true}, true},
		{"huawei", Identity{Provider: "huawei", ID: "inst-1"}, true},
		{"broken", Identity{}, false},
		{"no-provider", Identity{}, false},
		{"conflicting", Identity{}, false},
		{"quoted", Identity{Provider: "aliyun", ID: "gw-q"}, true},
		{"two-files", Identity{Provider: "aliyun", ID: "gw-two"}, true},
		{"embedded", Identity{Provider: "aliyun", ID: "gw-embedded"}, true},
		{"comprehension", Identity{Provider: "aliyun", ID: "gw-if"}, true},
		{"referenced", Identity{Provider: "aliyun", ID: "gw-ref"}, true},
		{"aliased", Identity{Provider: "huawei", ID: "id"}, true},
	} {
		dir := filepath.Join(root, tc.dir)
		got, ok := Identify(dir)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Identify(%s) = %+v, %v; want %+v, %v", tc.dir, got, ok, tc.want, tc.ok)
		}
		// Read from the source, the identity is the evaluated one, or
		// not read at all.
		c := newCompilation(Options{})
		in := c.collect([]string{dir})
		if len(in.cue) == 1 {
			lit, litOK := literalIdentity(in.cue[dir])
			eval, evalOK := c.evalIdentity(in)
			if litOK && (lit != eval || !evalOK) {
				t.Errorf("%s: read from the source as %+v, evaluated %+v, %v", tc.dir, lit, eval, evalOK)
			}
			if wantLit := map[string]bool{"prod": false, "local": true, "quoted": true, "two-files": true, "conflicting": false,
				"embedded": false, "comprehension": false, "referenced": false, "aliased": false, "broken": false}; wantLit[tc.dir] != litOK {
				t.Errorf("%s: read from the source: %v, want %v", tc.dir, litOK, wantLit[tc.dir])
			}
		}
	}
}
