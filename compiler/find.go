package compiler

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/parser"
)

// FleetPattern reports whether a PATH names every gateway under a root,
// Go's way ("gateways/...", "./...", "..."), and returns the root.
func FleetPattern(path string) (root string, ok bool) {
	slashed := filepath.ToSlash(path)
	if slashed == "..." {
		return ".", true
	}
	root, ok = strings.CutSuffix(slashed, "/...")
	if !ok {
		return "", false
	}
	if root == "" {
		root = "/"
	}
	return filepath.FromSlash(root), true
}

// GatewayDirs lists, sorted, the directories under root (root included)
// that hold a gateway: whose desired-state files (by the directory rules
// of dirFiles) declare a top-level gateway field. It does not descend
// into directories whose names start with "." or "_", nor into cue.mod
// and testdata, as the go command does not; a shared CUE package without
// a gateway field is not a gateway. A file it cannot parse counts as
// declaring one, so that its error is reported when the gateway is
// validated rather than the directory silently left out.
func GatewayDirs(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != root && skipDir(d.Name()) {
			return filepath.SkipDir
		}
		if declaresGateway(path) {
			dirs = append(dirs, path)
		}
		return nil
	})
	slices.Sort(dirs)
	return dirs, err
}

// skipDir reports whether a walk over a fleet leaves a directory out.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "cue.mod" || name == "testdata"
}

// declaresGateway reports whether one of the desired-state files directly
// in dir has a top-level gateway field.
func declaresGateway(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		file := filepath.Join(dir, name)
		switch kindOf(name) {
		case kindCUE:
			if cueDeclaresGateway(file) {
				return true
			}
		case kindJSON, kindYAML:
			if notDesired(file) != "" {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				return true
			}
			if keys, ok := topKeys(file, src); !ok || slices.Contains(keys, "gateway") {
				return true
			}
		}
	}
	return false
}

// cueDeclaresGateway reports whether a CUE file has a top-level field
// named gateway (or does not parse).
func cueDeclaresGateway(file string) bool {
	f, err := parser.ParseFile(file, nil)
	if err != nil {
		return true
	}
	for _, decl := range f.Decls {
		if field, ok := decl.(*ast.Field); ok {
			if name, _, _ := ast.LabelName(field.Label); name == "gateway" {
				return true
			}
		}
	}
	return false
}
