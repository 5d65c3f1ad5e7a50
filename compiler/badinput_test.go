package compiler

import (
	"strconv"
	"strings"
	"testing"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// badInput is a desired state Compile must reject with a schema finding.
type badInput struct {
	name  string
	files map[string]string // written to a temporary directory
	paths []string          // Compile's arguments, relative to that directory
	max   int64             // Options.MaxFileSize; 0 for the default
	// The finding expected: in file (relative), at line (0: no line is
	// meaningful), with a message containing msg.
	file string
	line int
	msg  string
	// related, if set, is "file:line" of the other side of a conflict:
	// one of the two places is the finding's Pos, the other in Related.
	related string
	// load marks inputs rejected while reading files, before any schema
	// question arises (the schema agreement test skips them).
	load bool
}

// okRoute holds the fields of a valid route; cases add the mistake.
const okRoute = `	match: path: {type: "Prefix", value: "/"}
	backend: {scene: "SingleService", services: [{service: "s", port: 80}]}
`

var badInputs = []badInput{
	{
		name: "CUE text that is not UTF-8",
		load: true,
		files: map[string]string{"gw.cue": "package gateway\n\n" +
			"gateway: provider: \"local\"\n" +
			"services: \"caf\xe9\": {sourceType: \"DNS\", addresses: [\"a.internal:80\"]}\n"},
		file: "gw.cue", line: 4, msg: "holds a byte that is not UTF-8 (0xE9): CUE would read it as U+FFFD",
	},
	{
		name: "malformed CUE: unclosed brace",
		load: true,
		files: map[string]string{"gw.cue": "package gateway\n\n" +
			"gateway: {\n" +
			"\tprovider: \"aliyun\"\n"},
		file: "gw.cue", line: 4, msg: "expected '}'",
	},
	{
		name: "unquoted key with a hyphen",
		load: true,
		files: map[string]string{"gw.cue": "package gateway\n\n" +
			"gateway: provider: \"local\"\n" +
			"services: orders-backend: {sourceType: \"DNS\", addresses: [\"a.internal:80\"]}\n"},
		file: "gw.cue", line: 4, msg: `missing ',' in struct literal; quote the key: write "orders-backend":`,
	},
	{
		name: "unquoted key with dots, inside braces",
		load: true,
		files: map[string]string{"gw.cue": "gateway: provider: \"local\"\n" +
			"domains: {\n" +
			"\tapi.example.com: {protocol: \"HTTP\"}\n" +
			"}\n"},
		file: "gw.cue", line: 3, msg: `write "api.example.com":`,
	},
	{
		name: "unquoted key starting with a digit",
		load: true,
		files: map[string]string{"gw.cue": "gateway: provider: \"local\"\n" +
			"services: 1st: {sourceType: \"DNS\", addresses: [\"a.internal:80\"]}\n"},
		file: "gw.cue", line: 2, msg: `write "1st":`,
	},
	{
		name:  "YAML in a .cue file",
		load:  true,
		files: map[string]string{"gw.cue": yamlInCUE},
		file:  "gw.cue", line: 4, msg: "gw.cue looks like YAML, not CUE (CUE stops here: missing ',' in struct literal): name it gw.yaml",
	},
	{
		name:  "YAML in a .cue file, beside a CUE file with a mistake of its own",
		load:  true,
		files: map[string]string{"gw/a.cue": yamlInCUE, "gw/b.cue": "services: orders-backend: {}\n"},
		paths: []string{"gw"},
		file:  "gw/b.cue", line: 1, msg: `write "orders-backend":`,
	},
	{
		name: "YAML with a tab in indentation",
		files: map[string]string{"gw.yaml": "gateway:\n" +
			"  provider: aliyun\n" +
			"environments:\n" +
			"\tprod: {}\n"},
		file: "gw.yaml", line: 4, msg: "not tabs",
	},
	{
		// Found by FuzzCompileYAML (testdata/fuzz/FuzzCompileYAML/9cc52906ed53ef5f).
		name:  "YAML with an unterminated quote on its only line",
		files: map[string]string{"gw.yaml": "gateway: 'aliyun"},
		file:  "gw.yaml", line: 1, msg: "found unexpected end of stream",
	},
	{
		name: "JSON with a duplicate key",
		files: map[string]string{"gw.json": `{
  "gateway": {"provider": "aliyun"},
  "environments": {"prod": {}},
  "gateway": {"provider": "aliyun"}
}
`},
		file: "gw.json", line: 4, msg: `"gateway" is written twice`,
	},
	{
		name: "YAML with a duplicate key",
		files: map[string]string{"gw.yaml": "gateway:\n" +
			"  provider: aliyun\n" +
			"  region: cn-hangzhou\n" +
			"  provider: huawei\n"},
		file: "gw.yaml", line: 4, msg: `"provider" is written twice`,
	},
	{
		name: "unknown top-level field",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\n" +
			"routes: {}\n"},
		file: "gw.cue", line: 2,
		msg: `unknown field "routes"; allowed fields here: domains, environments, gateway, httpApis, policies, probes, services`,
	},
	{
		name: "unknown field inside a route",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\n" +
			"httpApis: a: routes: r: {\n" +
			okRoute +
			"\ttimeout: 3\n" +
			"}\n"},
		file: "gw.cue", line: 5, msg: `unknown field "timeout"; allowed fields here: backend, description`,
	},
	{
		name: "wrong type: port as a string",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\n" +
			"httpApis: a: routes: r: {\n" +
			"\tmatch: path: {type: \"Prefix\", value: \"/\"}\n" +
			"\tbackend: {\n" +
			"\t\tscene: \"SingleService\"\n" +
			"\t\tservices: [{service: \"s\", port: \"80\"}]\n" +
			"\t}\n" +
			"}\n"},
		file: "gw.cue", line: 6, msg: "port: must be integer, but got string",
	},
	{
		// CUE rejects 80.0 for an int; decoding it would give port 0.
		name: "wrong type: integer written as a float in JSON",
		files: map[string]string{"gw.json": `{
  "gateway": {"provider": "aliyun"},
  "httpApis": {"a": {"routes": {"r": {
    "match": {"path": {"type": "Prefix", "value": "/"}},
    "backend": {"scene": "SingleService", "services": [{"service": "s", "port": 80.0}]}
  }}}}
}
`},
		file: "gw.json", line: 5, msg: "port",
	},
	{
		name: "bad enum: scene Single",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\n" +
			"httpApis: a: routes: r: {\n" +
			"\tmatch: path: {type: \"Prefix\", value: \"/\"}\n" +
			"\tbackend: scene: \"Single\"\n" +
			"}\n"},
		file: "gw.cue", line: 4, msg: `scene: must be one of "SingleService"`,
	},
	{
		name: "missing required field: route without backend",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\n" +
			"httpApis: a: routes: {\n" +
			"\tr: {\n" +
			"\t\tmatch: path: {type: \"Prefix\", value: \"/\"}\n" +
			"\t}\n" +
			"}\n"},
		file: "gw.cue", line: 3, msg: `missing required field "backend"`,
	},
	{
		name: "conflicting values across two files of one package",
		files: map[string]string{
			"gw/a.cue": "package gateway\n\ngateway: provider: \"aliyun\"\n",
			"gw/b.cue": "package gateway\n\n\ngateway: provider: \"huawei\"\n",
		},
		paths: []string{"gw"},
		file:  "gw/a.cue", line: 3, msg: "conflicting values",
		related: "gw/b.cue:4",
	},
	{
		// CUE's Err holds the first conflict only; every one is reported.
		name:  "second conflict across two files of one package",
		files: twoConflicts,
		paths: []string{"gw"},
		file:  "gw/b.cue", line: 5, msg: `domains.api.example.com.protocol: conflicting values "HTTPS" and "HTTP"`,
		related: "gw/a.cue:5",
	},
	{
		name:  "first conflict across two files of one package",
		files: twoConflicts,
		paths: []string{"gw"},
		file:  "gw/b.cue", line: 3, msg: `services.orders.sourceType: conflicting values "VIP" and "DNS"`,
		related: "gw/a.cue:4",
	},
	{
		name: "non-concrete value",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\n" +
			"domains: \"a.example.com\": {\n" +
			"\tprotocol: string\n" +
			"}\n"},
		file: "gw.cue", line: 3, msg: "incomplete value string",
	},
	{
		name: "non-concrete disjunction",
		files: map[string]string{"gw.cue": "gateway: {\n" +
			"\tprovider: \"aliyun\" | \"huawei\"\n" +
			"}\n"},
		file: "gw.cue", line: 2, msg: "incomplete value",
	},
	{
		// Found by FuzzCompileCUE (testdata/fuzz/FuzzCompileCUE/46bdfec40b9bc32a).
		name:  "field defined as itself",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\nA: A\n"},
		file:  "gw.cue", line: 2, msg: "incomplete value",
	},
	{
		// Found by FuzzCompileCUE (testdata/fuzz/FuzzCompileCUE/243a40c41de2c82b).
		name:  "structural cycle",
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\ns: A: s\n"},
		file:  "gw.cue", line: 2, msg: "structural cycle",
	},
	{
		name:  "empty directory",
		load:  true,
		files: map[string]string{"empty/": ""},
		paths: []string{"empty"},
		file:  "empty", msg: "holds no desired state (no .cue file, and no JSON or YAML file",
	},
	{
		name:  "path that does not exist",
		load:  true,
		files: map[string]string{},
		paths: []string{"missing.cue"},
		file:  "missing.cue", msg: "no such file or directory",
	},
	{
		name:  "unsupported extension",
		load:  true,
		files: map[string]string{"gw.txt": "gateway: provider: \"aliyun\"\n"},
		file:  "gw.txt", msg: "is not a .cue, .json or .yaml file",
	},
	{
		name:  "file larger than MaxFileSize",
		load:  true,
		files: map[string]string{"gw.cue": "gateway: provider: \"aliyun\"\n// " + strings.Repeat("x", 2000) + "\n"},
		max:   1024,
		file:  "gw.cue", msg: "more than the 1.0 KiB",
	},
	{
		name: "two package clauses in one directory",
		load: true,
		files: map[string]string{
			"gw/a.cue": "package gateway\n\ngateway: provider: \"aliyun\"\n",
			"gw/b.cue": "package routes\n\nhttpApis: {}\n",
		},
		paths: []string{"gw"},
		file:  "gw/b.cue", line: 1, msg: `gw/b.cue declares package "routes" but gw/a.cue declares package "gateway"`,
	},
	{
		name:  "empty CUE file",
		files: map[string]string{"gw.cue": ""},
		file:  "gw.cue", msg: `missing required field "gateway"`,
	},
	{
		name:  "empty JSON file",
		files: map[string]string{"gw.json": ""},
		file:  "gw.json", msg: "gw.json is empty",
	},
	{
		// Found by FuzzCompileYAML (testdata/fuzz/FuzzCompileYAML/a272ab1572e1f78f).
		name:  "YAML file holding an empty mapping",
		files: map[string]string{"gw.yaml": "{}\n"},
		file:  "gw.yaml", line: 1, msg: `missing required field "gateway"`,
	},
	{
		name: "YAML file with two documents",
		files: map[string]string{"gw.yaml": "gateway:\n" +
			"  provider: aliyun\n" +
			"---\n" +
			"environments:\n" +
			"  prod: {}\n"},
		file: "gw.yaml", line: 4, msg: "document",
	},
	{
		name:  "top level is a list",
		files: map[string]string{"gw.json": "[\n  {\"gateway\": {\"provider\": \"aliyun\"}}\n]\n"},
		file:  "gw.json", line: 1, msg: "must be object",
	},
}

// yamlInCUE is a desired state written as YAML.
const yamlInCUE = `gateway:
  provider: local
services:
  orders-backend:
    sourceType: DNS
    addresses:
      - a.internal:80
`

// twoConflicts are two files of one package that set two fields
// differently.
var twoConflicts = map[string]string{
	"gw/a.cue": "package gateway\n\ngateway: provider: \"local\"\n" +
		"services: orders: {sourceType: \"DNS\", addresses: [\"a.internal:80\"]}\n" +
		"domains: \"api.example.com\": protocol: \"HTTP\"\n",
	"gw/b.cue": "package gateway\n\n" +
		"services: orders: sourceType: \"VIP\"\n\n" +
		"domains: \"api.example.com\": protocol: \"HTTPS\"\n",
}

// args returns the case's Compile arguments: the given paths, or its only
// file.
func (b badInput) args() []string {
	if b.paths != nil {
		return b.paths
	}
	for name := range b.files {
		return []string{name}
	}
	return nil
}

func TestCompileRejectsBadInput(t *testing.T) {
	for _, b := range badInputs {
		t.Run(b.name, func(t *testing.T) {
			dir := writeTree(t, b.files)
			res := compileSafely(t, b.args(), Options{Dir: dir, MaxFileSize: b.max})
			if res.Desired != nil {
				t.Errorf("Desired is not nil")
			}
			if !hasSchemaFinding(res.Findings) {
				t.Fatalf("no schema finding; findings:\n%s", formatFindings(res.Findings))
			}
			checkEveryFindingIsPlaced(t, dir, res.Findings)
			if f := matchingFinding(b, res.Findings); f == nil {
				t.Errorf("no schema finding in %s at line %d containing %q; findings:\n%s",
					b.file, b.line, b.msg, formatFindings(res.Findings))
			} else if b.related != "" {
				checkConflictSides(t, *f, b.file, b.line, b.related)
			}
		})
	}
}

// checkEveryFindingIsPlaced checks that every finding names a file relative
// to Options.Dir, in its position and in its message.
func checkEveryFindingIsPlaced(t *testing.T, dir string, fs []diag.Finding) {
	t.Helper()
	for _, f := range fs {
		if !f.Pos.IsValid() {
			t.Errorf("finding %q has no position (Pos.File is empty)", f.Message)
		}
		if strings.HasPrefix(f.Pos.File, "/") || strings.Contains(f.Pos.File, "..") {
			t.Errorf("finding %q names %q, not a path relative to Options.Dir", f.Message, f.Pos.File)
		}
		if strings.Contains(f.Message, dir) {
			t.Errorf("finding message %q names the absolute path %s; name files relative to Options.Dir", f.Message, dir)
		}
	}
}

// matchingFinding returns the schema finding the case expects, or nil.
func matchingFinding(b badInput, fs []diag.Finding) *diag.Finding {
	for i, f := range fs {
		if f.Rule != diag.RuleSchema || !strings.Contains(f.Message, b.msg) {
			continue
		}
		if b.related != "" {
			return &fs[i] // either side may be Pos; checkConflictSides decides
		}
		if f.Pos.File == b.file && (b.line == 0 || f.Pos.Line == b.line) {
			return &fs[i]
		}
	}
	return nil
}

// checkConflictSides checks that a conflict names both of its sides: one as
// Pos, the other in Related.
func checkConflictSides(t *testing.T, f diag.Finding, file string, line int, related string) {
	t.Helper()
	sides := map[string]bool{posKey(f.Pos): true}
	for _, r := range f.Related {
		sides[posKey(r.Pos)] = true
	}
	for _, want := range []string{posKey(model.Pos{File: file, Line: line}), related} {
		if !sides[want] {
			t.Errorf("conflict at %s (related %v) does not name %s", f.Pos, f.Related, want)
		}
	}
}

func posKey(p model.Pos) string { return p.File + ":" + strconv.Itoa(p.Line) }
