package compiler

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// fleetModule is a CUE module at the top of a tree.
const fleetModule = "module: \"example.com/fleet@v0\"\nlanguage: version: \"v0.13.0\"\n"

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return fsys
}

func TestGatewaySources(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		dir   string
		want  []string
		trees []string
	}{{
		name: "the directory rules: CUE, desired-state data, no dotfiles, other kinds or subdirectories",
		files: map[string]string{
			"gw/gateway.cue":       "package gateway\ngateway: provider: \"local\"\n",
			"gw/routes.yaml":       "httpApis: {}\n",
			"gw/package.json":      "{\"name\": \"x\"}",
			"gw/plan.json":         "{\"digest\": \"x\", \"changes\": []}",
			"gw/.draft.cue":        "package gateway\n",
			"gw/README.md":         "# gw\n",
			"gw/.gwsync/state.db":  "x",
			"gw/sub/other.cue":     "package other\n",
			"elsewhere/nearby.cue": "package gateway\n",
		},
		dir:  "gw",
		want: []string{"gw/gateway.cue", "gw/routes.yaml"},
	}, {
		name: "the module's cue.mod but its packages; a package of the module, transitively",
		files: map[string]string{
			"cue.mod/module.cue":            fleetModule,
			"cue.mod/pkg/other.org/x/x.cue": "package x\n",
			"gw/gateway.cue":                "package gateway\nimport \"example.com/fleet/shared\"\ngateway: shared.base\n",
			"shared/base.cue":               "package shared\nimport \"example.com/fleet/shared/naming\"\nbase: naming.n\n",
			"shared/naming/naming.cue":      "package naming\nimport \"strings\"\nn: strings.ToLower(\"X\")\n",
			"shared/naming/naming_test.cue": "package naming\n",
			"shared/naming/_old.cue":        "package naming\n",
			"shared/unrelated/u.cue":        "package unrelated\n",
		},
		dir:  "gw",
		want: []string{"cue.mod/module.cue", "gw/gateway.cue", "shared/base.cue", "shared/naming/naming.cue"},
	}, {
		name: "a package takes the files of its name above it, up to the module's root",
		files: map[string]string{
			"fleet/cue.mod/module.cue":    fleetModule,
			"top.cue":                     "package policies\n", // above the module
			"fleet/root.cue":              "package policies\n",
			"fleet/lib/common.cue":        "package lib\n",
			"fleet/lib/policies/p.cue":    "package policies\n",
			"fleet/lib/policies.cue":      "package policies\n",
			"fleet/gateways/eu/gw.cue":    "package gw\nimport \"example.com/fleet/lib/policies\"\n",
			"fleet/gateways/eu/other.cue": "package gw\n",
		},
		dir: "fleet/gateways/eu",
		want: []string{"fleet/cue.mod/module.cue", "fleet/gateways/eu/gw.cue", "fleet/gateways/eu/other.cue",
			"fleet/lib/policies.cue", "fleet/lib/policies/p.cue", "fleet/root.cue"},
	}, {
		name: "a qualified import, the module path itself, a major version",
		files: map[string]string{
			"cue.mod/module.cue": fleetModule,
			"root.cue":           "package fleet\n",
			"multi/a.cue":        "package alpha\n",
			"multi/b.cue":        "package beta\n",
			"gw/gw.cue":          "package gw\nimport (\n\t\"example.com/fleet/multi:alpha\"\n\t\"example.com/fleet@v0:fleet\"\n)\n",
		},
		dir:  "gw",
		want: []string{"cue.mod/module.cue", "gw/gw.cue", "multi/a.cue", "multi/b.cue", "root.cue"},
	}, {
		name: "packages under cue.mod/pkg and gen; the standard library and registry modules hold no file",
		files: map[string]string{
			"cue.mod/module.cue":                  fleetModule,
			"cue.mod/pkg/other.org/lib/lib.cue":   "package lib\nimport \"other.org/lib/dep\"\n",
			"cue.mod/pkg/other.org/lib/dep/d.cue": "package dep\n",
			"cue.mod/gen/k8s.io/api/api.cue":      "package api\n",
			"cue.mod/pkg/other.org/unused/u.cue":  "package unused\n",
			"gw/gw.cue":                           "package gw\nimport (\n\t\"other.org/lib\"\n\t\"k8s.io/api\"\n\t\"encoding/json\"\n\t\"github.com/gwsync/gwsync/schema\"\n)\n",
		},
		dir: "gw",
		want: []string{"cue.mod/gen/k8s.io/api/api.cue", "cue.mod/module.cue", "cue.mod/pkg/other.org/lib/dep/d.cue",
			"cue.mod/pkg/other.org/lib/lib.cue", "gw/gw.cue"},
	}, {
		name: "the nearest cue.mod is the module",
		files: map[string]string{
			"cue.mod/module.cue":       "module: \"example.com/outer\"\n",
			"inner/cue.mod/module.cue": "module: \"example.com/inner\"\n",
			"inner/shared/s.cue":       "package shared\n",
			"shared/s.cue":             "package shared\n",
			"inner/gw/gw.cue":          "package gw\nimport \"example.com/inner/shared\"\n",
		},
		dir:  "inner/gw",
		want: []string{"inner/cue.mod/module.cue", "inner/gw/gw.cue", "inner/shared/s.cue"},
	}, {
		name: "without a module an import reads nothing",
		files: map[string]string{
			"gw/gw.cue":    "package gw\nimport \"example.com/fleet/shared\"\n",
			"shared/s.cue": "package shared\n",
		},
		dir:  "gw",
		want: []string{"gw/gw.cue"},
	}, {
		name: "embedded files, by name and by glob",
		files: map[string]string{
			"cue.mod/module.cue":  fleetModule,
			"gw/gw.cue":           "@extern(embed)\npackage gw\ncerts: _ @embed(file=\"certs/api.pem\", type=text)\nroutes: _ @embed(glob=routes/*.yaml)\n",
			"gw/certs/api.pem":    "x",
			"gw/certs/other.pem":  "x",
			"gw/routes/a.yaml":    "a: 1\n",
			"gw/routes/b.yaml":    "b: 1\n",
			"gw/routes/notes.txt": "x",
		},
		dir:  "gw",
		want: []string{"cue.mod/module.cue", "gw/certs/api.pem", "gw/gw.cue", "gw/routes/a.yaml", "gw/routes/b.yaml"},
	}, {
		name: "an @embed gwsync cannot read: the directory's whole tree",
		files: map[string]string{
			"gw/gw.cue":  "@extern(embed)\npackage gw\nx: _ @embed(type=text)\n",
			"gw/a/b.txt": "x",
		},
		dir:   "gw",
		want:  []string{"gw/gw.cue"},
		trees: []string{"gw"},
	}, {
		name: "a file that does not parse is read, its imports not followed",
		files: map[string]string{
			"cue.mod/module.cue": fleetModule,
			"gw/gw.cue":          "package gw\nimport (\n\t\"example.com/fleet/shared\"\n\t+\n",
			"shared/s.cue":       "package shared\n",
		},
		dir:  "gw",
		want: []string{"cue.mod/module.cue", "gw/gw.cue"},
	}, {
		name: "an import cycle ends",
		files: map[string]string{
			"cue.mod/module.cue": fleetModule,
			"a/a.cue":            "package a\nimport \"example.com/fleet/b\"\n",
			"b/b.cue":            "package b\nimport \"example.com/fleet/a\"\n",
			"gw/gw.cue":          "package gw\nimport \"example.com/fleet/a\"\n",
		},
		dir:  "gw",
		want: []string{"a/a.cue", "b/b.cue", "cue.mod/module.cue", "gw/gw.cue"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := GatewaySources(mapFS(tc.files), []string{tc.dir})[tc.dir]
			if !slices.Equal(got.Files, tc.want) || !slices.Equal(got.Trees, tc.trees) {
				t.Errorf("files %q\ntrees %q\nwant files %q\ntrees %q", got.Files, got.Trees, tc.want, tc.trees)
			}
		})
	}
}

func TestSourcesReads(t *testing.T) {
	s := Sources{Files: []string{"gw/a.cue", "shared/s.cue"}, Trees: []string{"gw/data"}}
	for p, want := range map[string]bool{
		"gw/a.cue": true, "shared/s.cue": true, "gw/data/x/y.json": true, "gw/data": true,
		"gw/b.cue": false, "gw/database/x": false, "shared": false,
	} {
		if s.Reads(p) != want {
			t.Errorf("Reads(%q) = %v, want %v", p, !want, want)
		}
	}
	if !(Sources{Trees: []string{"."}}).Reads("any/file") {
		t.Error("a tree at the top does not read every file")
	}
}

func TestGatewaySourcesReadsEachFileOnce(t *testing.T) {
	files := map[string]string{"cue.mod/module.cue": fleetModule, "shared/s.cue": "package shared\n"}
	var dirs []string
	for _, gw := range []string{"a", "b", "c"} {
		files[gw+"/gw.cue"] = "package gw\nimport \"example.com/fleet/shared\"\n"
		dirs = append(dirs, gw)
	}
	counting := &countingFS{MapFS: mapFS(files), reads: map[string]int{}}
	got := GatewaySources(counting, dirs)
	for _, d := range dirs {
		if !got[d].Reads("shared/s.cue") {
			t.Errorf("%s does not read the shared package: %q", d, got[d].Files)
		}
	}
	for name, n := range counting.reads {
		if n > 1 && strings.HasSuffix(name, ".cue") && name != "cue.mod/module.cue" {
			t.Errorf("%s read %d times", name, n)
		}
	}
}

// countingFS counts the reads of each file.
type countingFS struct {
	fstest.MapFS
	reads map[string]int
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.reads[name]++
	return c.MapFS.ReadFile(name)
}

func TestIsGatewayDir(t *testing.T) {
	fsys := mapFS(map[string]string{
		"fleet/prod/gw.cue":          "package gw\ngateway: provider: \"local\"\n",
		"fleet/_old/gw.cue":          "package gw\ngateway: provider: \"local\"\n",
		"fleet/x/testdata/gw.cue":    "package gw\ngateway: provider: \"local\"\n",
		"fleet/shared/s.cue":         "package shared\n",
		"elsewhere/gw.cue":           "package gw\ngateway: provider: \"local\"\n",
		"fleet/yaml/gateway.yaml":    "gateway:\n  provider: local\n",
		"fleet/package/package.json": "{\"gateway\": 1, \"name\": \"x\"}",
	})
	for dir, want := range map[string]bool{
		"fleet/prod": true, "fleet/yaml": true,
		"fleet/_old": false, "fleet/x/testdata": false, "fleet/shared": false, "elsewhere": false,
		"fleet/package": false, "fleet/none": false,
	} {
		if got := IsGatewayDir(fsys, "fleet", dir); got != want {
			t.Errorf("IsGatewayDir(fleet, %s) = %v, want %v", dir, got, want)
		}
	}
	if !IsGatewayDir(fsys, ".", "elsewhere") || !IsGatewayDir(fsys, "fleet/prod", "fleet/prod") {
		t.Error("a gateway under the top, or the root itself, is not a gateway directory")
	}
}
