package compiler

import (
	"errors"
	"io/fs"
	"os"
	"path"
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
	dirs, err := GatewayDirsFS(os.DirFS(root), ".")
	for i, d := range dirs {
		if d != "." {
			dirs[i] = filepath.Join(root, filepath.FromSlash(d))
		} else {
			dirs[i] = root
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = filepath.Join(root, filepath.FromSlash(pe.Path))
	}
	return dirs, err
}

// GatewayDirsFS is GatewayDirs in a file system (a commit's tree, say):
// root and the directories listed are slash-separated paths in fsys.
func GatewayDirsFS(fsys fs.FS, root string) ([]string, error) {
	var dirs []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && skipDir(d.Name()) {
			return fs.SkipDir
		}
		if declaresGateway(fsys, p) {
			dirs = append(dirs, p)
		}
		return nil
	})
	slices.Sort(dirs)
	return dirs, err
}

// IsGatewayDir reports whether GatewayDirsFS(fsys, root) would list dir:
// dir is root or under it, by no directory GatewayDirs leaves out, and
// declares a gateway.
func IsGatewayDir(fsys fs.FS, root, dir string) bool {
	rel, ok := relSlash(root, dir)
	if !ok {
		return false
	}
	if rel != "." && slices.ContainsFunc(strings.Split(rel, "/"), skipDir) {
		return false
	}
	return declaresGateway(fsys, dir)
}

// relSlash is dir relative to root, slash paths both ("." for root
// itself), and false when dir is not under root.
func relSlash(root, dir string) (string, bool) {
	root, dir = path.Clean(root), path.Clean(dir)
	switch {
	case dir == root:
		return ".", true
	case root == ".":
		return dir, dir != ".." && !strings.HasPrefix(dir, "../")
	}
	rel, ok := strings.CutPrefix(dir, root+"/")
	return rel, ok
}

// skipDir reports whether a walk over a fleet leaves a directory out.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "cue.mod" || name == "testdata"
}

// declaresGateway reports whether one of the desired-state files directly
// in dir has a top-level gateway field.
func declaresGateway(fsys fs.FS, dir string) bool {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || kindOf(name) == "" {
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil || fileDeclaresGateway(name, src) {
			return true
		}
	}
	return false
}

// fileDeclaresGateway reports whether a desired-state file holding src
// has a top-level gateway field (or does not parse). A JSON or YAML file
// the directory rules leave out declares nothing.
func fileDeclaresGateway(name string, src []byte) bool {
	if kindOf(name) == kindCUE {
		return cueDeclaresGateway(name, src)
	}
	if notDesiredSrc(name, src) != "" {
		return false
	}
	keys, ok := topKeys(name, src)
	return !ok || slices.Contains(keys, "gateway")
}

// cueDeclaresGateway reports whether a CUE file has a top-level field
// named gateway (or does not parse).
func cueDeclaresGateway(name string, src []byte) bool {
	f, err := parser.ParseFile(name, src)
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
