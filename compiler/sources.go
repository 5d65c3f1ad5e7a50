package compiler

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/parser"
)

// Sources are the files of one tree (a commit, or a directory on disk)
// that a gateway's desired state is built from: what gwsync reads when it
// loads the gateway's directory. A change to any of them may change the
// gateway; a change to any other file cannot.
type Sources struct {
	// Files are slash paths in the tree, sorted.
	Files []string
	// Trees are directories any file under which the gateway may read (a
	// package embeds files by an @embed attribute gwsync could not read).
	Trees []string
}

// Reads reports whether the gateway reads the file at p, a slash path in
// the tree.
func (s Sources) Reads(p string) bool {
	if _, ok := slices.BinarySearch(s.Files, p); ok {
		return true
	}
	return slices.ContainsFunc(s.Trees, func(t string) bool { return under(p, t) })
}

// under reports whether slash path p is in directory dir (dir included).
func under(p, dir string) bool {
	_, ok := relSlash(dir, p)
	return ok
}

// GatewaySources finds the sources of each gateway directory in dirs
// (slash paths in fsys), reading every file and package once. A gateway
// reads:
//   - the desired-state files directly in its directory, by the directory
//     rules of dirFiles (every .cue file; a JSON or YAML file only when it
//     is plainly desired state; never a file whose name starts with ".");
//   - its CUE module's cue.mod (found as CUE finds it: the nearest
//     directory at or above the gateway's holding cue.mod), all of it but
//     the packages under cue.mod/gen, pkg and usr;
//   - the packages it imports, transitively: an import path MODULE/x/y
//     of the module MODULE is the directory x/y under the module's root,
//     and any other is looked for under cue.mod/gen, pkg and usr (one
//     found nowhere is CUE's standard library or a registry module, which
//     no file of the tree holds). A package is the .cue files of its
//     directory (those whose names start with "." or "_", and _test and
//     _tool files, left out, as CUE leaves them out) and those of the same
//     package name in the directories above it, up to the module's root;
//   - the files a package embeds (@embed(file=...), @embed(glob=...)).
//
// Where a file cannot be read or parsed it counts as read, and what it
// would have led to is not followed: a change to it is a change to the
// gateway, which fails to load until it is mended.
func GatewaySources(fsys fs.FS, dirs []string) map[string]Sources {
	w := &sourceWalk{fsys: fsys, parsed: map[string]*cueSource{}, modules: map[string]*cueModule{}}
	out := make(map[string]Sources, len(dirs))
	for _, d := range dirs {
		out[d] = w.gateway(d)
	}
	return out
}

// sourceWalk reads one tree for GatewaySources, caching what it parsed.
type sourceWalk struct {
	fsys    fs.FS
	parsed  map[string]*cueSource
	modules map[string]*cueModule // by the directory a search started at; nil: none
}

// cueSource is what GatewaySources needs of one .cue file.
type cueSource struct {
	ok      bool // read and parsed
	pkg     string
	imports []string
	embeds  []embedArg
	// embedsAll: an @embed gwsync could not read (the file's directory
	// tree may be read).
	embedsAll bool
}

// embedArg is an @embed attribute's file or glob, relative to the
// directory of the file it is in.
type embedArg struct {
	pattern string
	glob    bool
}

// cueModule is a CUE module: the directory holding cue.mod, and the
// module path (without major version; "" when unknown).
type cueModule struct {
	root, path string
}

// gatewaySources collects the sources of one gateway.
type gatewaySources struct {
	w     *sourceWalk
	mod   *cueModule
	files map[string]bool
	trees map[string]bool
	pkgs  map[string]bool // directory and package name of packages followed
}

func (w *sourceWalk) gateway(dir string) Sources {
	s := &gatewaySources{w: w, mod: w.module(dir), files: map[string]bool{}, trees: map[string]bool{}, pkgs: map[string]bool{}}
	if s.mod != nil {
		s.moduleFiles()
	}
	entries, _ := fs.ReadDir(w.fsys, dir)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || kindOf(name) == "" {
			continue
		}
		p := path.Join(dir, name)
		if kindOf(name) == kindCUE {
			s.cueFile(p)
		} else if w.readsData(p) {
			s.files[p] = true
		}
	}
	return Sources{Files: sortedKeys(s.files), Trees: sortedKeys(s.trees)}
}

// readsData reports whether the directory rules read a JSON or YAML file.
func (w *sourceWalk) readsData(p string) bool {
	src, ok := w.read(p)
	return !ok || notDesiredSrc(p, src) == ""
}

// read reads a file no larger than the compiler reads (false otherwise).
func (w *sourceWalk) read(p string) ([]byte, bool) {
	if st, err := fs.Stat(w.fsys, p); err != nil || st.Size() > DefaultMaxFileSize {
		return nil, false
	}
	src, err := fs.ReadFile(w.fsys, p)
	return src, err == nil
}

// moduleFiles adds the files of the module's cue.mod (or the cue.mod file
// of a legacy module), but the packages under gen, pkg and usr.
func (s *gatewaySources) moduleFiles() {
	cueMod := path.Join(s.mod.root, "cue.mod")
	_ = fs.WalkDir(s.w.fsys, cueMod, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && path.Dir(p) == cueMod && slices.Contains(vendorDirs, d.Name()):
			return fs.SkipDir
		case !d.IsDir():
			s.files[p] = true
		}
		return nil
	})
}

// vendorDirs are the directories of cue.mod that hold packages.
var vendorDirs = []string{"gen", "pkg", "usr"}

// cueFile adds a .cue file and follows its embeds and imports.
func (s *gatewaySources) cueFile(p string) {
	s.files[p] = true
	f := s.w.parse(p)
	dir := path.Dir(p)
	if f.embedsAll {
		s.trees[dir] = true
	}
	for _, e := range f.embeds {
		s.embed(dir, e)
	}
	for _, ip := range f.imports {
		s.importPackage(ip)
	}
}

// embed adds the files an @embed of a file in dir reads.
func (s *gatewaySources) embed(dir string, e embedArg) {
	p := path.Join(dir, e.pattern)
	if !under(p, dir) {
		return // CUE refuses a file outside the directory
	}
	if !e.glob {
		s.files[p] = true
		return
	}
	matches, err := fs.Glob(s.w.fsys, p)
	if err != nil {
		s.trees[dir] = true
	}
	for _, m := range matches {
		s.files[m] = true
	}
}

// importPackage follows an import path to the package directories it
// names in the tree.
func (s *gatewaySources) importPackage(importPath string) {
	if s.mod == nil {
		return
	}
	ip := ast.ParseImportPath(importPath)
	if mp := s.mod.path; mp != "" && (ip.Path == mp || strings.HasPrefix(ip.Path, mp+"/")) {
		s.pkg(path.Join(s.mod.root, strings.TrimPrefix(ip.Path, mp)), s.mod.root, ip.Qualifier)
		return
	}
	for _, v := range vendorDirs {
		top := path.Join(s.mod.root, "cue.mod", v)
		if st, err := fs.Stat(s.w.fsys, path.Join(top, ip.Path)); err == nil && st.IsDir() {
			s.pkg(path.Join(top, ip.Path), top, ip.Qualifier)
		}
	}
}

// pkg adds the files of package name in dir: the .cue files of dir, and
// those of the same package name in the directories above it, up to top.
func (s *gatewaySources) pkg(dir, top, name string) {
	if key := dir + ":" + name; !s.pkgs[key] {
		s.pkgs[key] = true
	} else {
		return
	}
	for d := dir; ; d = path.Dir(d) {
		entries, _ := fs.ReadDir(s.w.fsys, d)
		for _, e := range entries {
			p := path.Join(d, e.Name())
			if e.IsDir() || !packageFile(e.Name()) {
				continue
			}
			if f := s.w.parse(p); d == dir || !f.ok || f.pkg == name {
				s.cueFile(p)
			}
		}
		if d == top || d == "." || !under(d, top) {
			return
		}
	}
}

// packageFile reports whether CUE's loader reads a file of a package
// directory (it leaves out names starting with "." or "_", and test and
// tool files).
func packageFile(name string) bool {
	return kindOf(name) == kindCUE && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") &&
		!strings.HasSuffix(name, "_test.cue") && !strings.HasSuffix(name, "_tool.cue")
}

// module finds the CUE module of dir: the nearest directory at or above
// it that holds cue.mod, as CUE's loader finds it; nil when there is none.
func (w *sourceWalk) module(dir string) *cueModule {
	if m, ok := w.modules[dir]; ok {
		return m
	}
	var m *cueModule
	if _, err := fs.Stat(w.fsys, path.Join(dir, "cue.mod")); err == nil {
		m = &cueModule{root: dir, path: w.modulePath(dir)}
	} else if dir != "." && dir != "/" {
		m = w.module(path.Dir(dir))
	}
	w.modules[dir] = m
	return m
}

// modulePath reads the module path from root/cue.mod/module.cue, without
// its major version ("" when it cannot).
func (w *sourceWalk) modulePath(root string) string {
	p := path.Join(root, "cue.mod", "module.cue")
	src, ok := w.read(p)
	if !ok {
		return ""
	}
	f, err := parser.ParseFile(p, src)
	if err != nil {
		return ""
	}
	for _, decl := range f.Decls {
		field, ok := decl.(*ast.Field)
		if name, _, _ := ast.LabelName(field.Label); !ok || name != "module" {
			continue
		}
		if lit, ok := field.Value.(*ast.BasicLit); ok {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				mp, _, _ := strings.Cut(s, "@")
				return mp
			}
		}
	}
	return ""
}

// parse reads what GatewaySources needs of a .cue file, once.
func (w *sourceWalk) parse(p string) *cueSource {
	if f, ok := w.parsed[p]; ok {
		return f
	}
	f := &cueSource{}
	w.parsed[p] = f
	src, ok := w.read(p)
	if !ok {
		return f
	}
	// The imports are enough, but for a file that embeds: then the whole
	// file, for its attributes.
	var opts []parser.Option
	if !bytes.Contains(src, []byte("@embed")) {
		opts = append(opts, parser.ImportsOnly)
	}
	af, err := parser.ParseFile(p, src, opts...)
	if err != nil {
		return f
	}
	f.ok, f.pkg = true, af.PackageName()
	for spec := range af.ImportSpecs() {
		if ip, err := strconv.Unquote(spec.Path.Value); err == nil {
			f.imports = append(f.imports, ip)
		}
	}
	f.embeds, f.embedsAll = embedsOf(af)
	return f
}

// embedsOf lists the files and globs a file's @embed attributes name;
// all is true when one names neither in a way gwsync can read.
func embedsOf(f *ast.File) (args []embedArg, all bool) {
	ast.Walk(f, func(n ast.Node) bool {
		a, ok := n.(*ast.Attribute)
		if !ok {
			return true
		}
		if key, body := a.Split(); key == "embed" {
			if e, ok := embedArgOf(body); ok {
				args = append(args, e)
			} else {
				all = true
			}
		}
		return false
	}, nil)
	return args, all
}

// embedArgOf reads the file= or glob= argument of an @embed attribute's
// body, e.g. `file="data.json", type=json`.
func embedArgOf(body string) (embedArg, bool) {
	for _, arg := range splitAttrArgs(body) {
		key, value, _ := strings.Cut(arg, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if uq, err := strconv.Unquote(value); err == nil {
			value = uq
		}
		if (key == "file" || key == "glob") && value != "" {
			return embedArg{pattern: value, glob: key == "glob"}, true
		}
	}
	return embedArg{}, false
}

// splitAttrArgs splits an attribute's body at the commas outside quotes.
func splitAttrArgs(body string) []string {
	var args []string
	quoted, start := false, 0
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '\\':
			i++
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				args, start = append(args, body[start:i]), i+1
			}
		}
	}
	return append(args, body[start:])
}
