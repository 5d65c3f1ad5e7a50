package compiler

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/schema"
)

// A typed desired state is a CUE package that imports gwsync's schema
// module (examples/typed) and unifies its values with the module's
// definitions. CUE then places values and errors in the module's files,
// which the user neither wrote nor has on disk. Findings point at the
// user's files all the same:
//
//   - a value's position is the first place the user's files write it
//     (writtenIndex), not the definition it unifies with;
//   - when the package does not evaluate, it is evaluated again with every
//     definition of the module left open (laxOverlay), and gwsync's own
//     checks (the schema's and the kind's, see Decoder.TypedFindings) say what is wrong, in
//     the words and at the positions they use for a package that does not
//     import the module (explainTyped);
//   - when that evaluation fails too (two of the user's files disagree,
//     say) or those checks find nothing, CUE's errors are reported, each
//     placed at the user's value at its path, or at the nearest value above
//     it the user wrote (typedFinding).

// schemaImport is the import path of the schema module's package.
var schemaImport, _, _ = strings.Cut(schema.ModulePath, "@")

// importsSchema reports whether a package imports the schema module.
func importsSchema(inst *build.Instance) bool {
	for _, imp := range inst.Imports {
		if p, _, _ := strings.Cut(imp.ImportPath, "@"); p == schemaImport {
			return true
		}
	}
	return false
}

// indexWritten records where files, those of a package that imports the
// schema module, write each value; from here on the desired state is typed.
func (c *compilation) indexWritten(files ...*ast.File) {
	if c.written == nil {
		c.written = writtenIndex{}
	}
	for _, f := range files {
		c.written.addFile(f)
	}
}

// inSchemaModule reports whether a CUE position is in the schema module's
// files: served from the binary, or vendored in a cue.mod (as gwsync init
// vendors it, under cue.mod/pkg) with any other package there.
func inSchemaModule(p token.Pos) bool {
	return p.IsValid() && (strings.HasPrefix(p.Filename(), schema.ModuleRoot+"/") || strings.Contains(filepath.ToSlash(p.Filename()), "/cue.mod/"))
}

// outsideSchema reports whether a CUE position is valid and in the user's
// files rather than in the schema module's.
func outsideSchema(p token.Pos) bool { return p.IsValid() && !inSchemaModule(p) }

// explainTyped evaluates a typed desired state that did not evaluate again,
// with the schema module's definitions left open, and checks the result
// with gwsync's own schema check and the kind's TypedFindings (what its
// definitions hold beyond the shape, such as policy configs). It returns those findings, and false when the open evaluation
// fails too or the checks find no error (then CUE's own errors stand).
func (c *compilation) explainTyped(paths []string) ([]diag.Finding, bool) {
	lax := newCompilation(c.opts)
	lax.laxSchema = true
	v, ok := lax.load(paths)
	if !ok {
		return nil, false
	}
	res := lax.fromValue(v)
	fs := res.Findings
	// The kind's own checks run even when the schema check fails,
	// since the definitions did, as cue vet does: one run names every
	// mistake it can.
	if d := cmp.Or(res.Desired, res.unchecked); d != nil {
		fs = append(fs, typedFindings(d)...)
	}
	errs, _ := diag.Counts(fs)
	return fs, errs > 0
}

// moduleOverlay is the schema module as the loader sees it: as written, or
// with its definitions open.
func (c *compilation) moduleOverlay() map[string]load.Source {
	if c.laxSchema {
		return laxOverlay()
	}
	return schemaOverlay()
}

// laxOverlay is the schema module with every top-level definition replaced
// by top (_): a package that embeds or unifies with them evaluates to what
// its own files say.
var laxOverlay = sync.OnceValue(func() map[string]load.Source {
	out := map[string]load.Source{}
	for name, src := range schemaOverlay() {
		out[name] = src
		if path.Dir(name) == schema.ModuleRoot && strings.HasSuffix(name, ".cue") {
			out[name] = load.FromString(openDefinitions(path.Base(name)))
		}
	}
	return out
})

// openDefinitions is the source of one file of the schema module with each
// of its top-level definitions declared as _.
func openDefinitions(file string) string {
	src, _ := fs.ReadFile(schema.ModuleFS(), file)
	return openDefinitionsOf(file, src)
}

// vendoredLaxOverlay opens, as laxOverlay does for the module gwsync
// serves, the definitions of the schema vendored in the cue.mod of the
// module holding dir (as gwsync init vendors it, under cue.mod/pkg).
func vendoredLaxOverlay(dir string) map[string]load.Source {
	root, ok := moduleRoot(dir)
	if !ok {
		return nil
	}
	vendored := filepath.Join(root, "cue.mod", "pkg", filepath.FromSlash(schemaImport))
	entries, err := os.ReadDir(vendored)
	if err != nil {
		return nil
	}
	out := map[string]load.Source{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".cue") {
			continue
		}
		file := filepath.Join(vendored, e.Name())
		if src, err := os.ReadFile(file); err == nil {
			out[file] = load.FromString(openDefinitionsOf(file, src))
		}
	}
	return out
}

// moduleRoot is the nearest directory at or above dir that holds a
// cue.mod.
func moduleRoot(dir string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, "cue.mod")); err == nil && st.IsDir() {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// openDefinitionsOf is the source of a schema file with each of its
// top-level definitions declared as _.
func openDefinitionsOf(file string, src []byte) string {
	f, err := parser.ParseFile(file, src)
	if err != nil {
		return "package schema\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", f.PackageName())
	for _, d := range f.Decls {
		if fld, ok := d.(*ast.Field); ok {
			if name, _, err := ast.LabelName(fld.Label); err == nil && strings.HasPrefix(name, "#") {
				fmt.Fprintf(&b, "%s: _\n", name)
			}
		}
	}
	return b.String()
}

// touchesSchema reports whether a CUE error involves the schema module: one
// of its positions is there, or it has none and the desired state is
// typed.
func (c *compilation) touchesSchema(e errors.Error) bool {
	ps := e.InputPositions()
	if inSchemaModule(e.Position()) || slices.ContainsFunc(ps, inSchemaModule) {
		return true
	}
	return c.written != nil && !e.Position().IsValid() && len(ps) == 0
}

// typedFinding turns a CUE error that involves the schema module into a
// finding at the user's value (see written.go) at the error's path, or at the
// nearest value above it the user wrote, naming the resource when that is
// above it.
func (c *compilation) typedFinding(e errors.Error, msg string, in errScope) diag.Finding {
	at, depth := c.userPlaces(e)
	path, msg := typedMessage(e.Path(), depth, msg)
	pos := c.filePos(in.file)
	if len(at) > 0 {
		pos = c.pos(at[0])
	}
	f := c.schemaFinding(path, pos, msg)
	if res, field := splitResource(unquoteAll(path)); res != "" && depth < len(path)-len(field) {
		f.Message = res + ": " + f.Message
	}
	if depth == len(e.Path()) && len(at) > 1 {
		for _, r := range at[1:] {
			f.Related = append(f.Related, relatedAt(c.pos(r)))
		}
		if isConflict(e) {
			f = conflictFinding(f)
		}
	}
	return f
}

// typedMessage words a CUE error about the value at path, which the user
// wrote down to depth, as gwsync's own check does: a field the user did
// not write is missing (a finding about the struct that lacks it), one
// the definition does not allow is unknown.
func typedMessage(path []string, depth int, msg string) ([]string, string) {
	if len(path) == 0 {
		return path, msg
	}
	field := unquoteAll(path[len(path)-1:])[0]
	switch {
	case strings.HasPrefix(msg, "field not allowed"):
		return path, fmt.Sprintf("unknown field %q", field)
	case depth < len(path) && isMissing(msg):
		return path[:len(path)-1], fmt.Sprintf("missing required field %q", field)
	}
	return path, msg
}

// userPlaces finds where the user's files write the value at an error's
// path: at the path itself (depth len(path)) or the nearest value above it
// (a smaller depth). Failing those, it is the error's first position in
// the user's files, at depth 0.
func (c *compilation) userPlaces(e errors.Error) ([]token.Pos, int) {
	p := unquoteAll(e.Path())
	for n := len(p); n >= 0; n-- {
		if at := c.written[pathKey(p[:n])]; len(at) > 0 {
			return at, n
		}
	}
	for _, ip := range e.InputPositions() {
		if outsideSchema(ip) {
			return []token.Pos{ip}, 0
		}
	}
	return nil, 0
}

// echoes marks the CUE errors of a typed desired state that only repeat
// another at their path: CUE's header for the errors of an empty
// disjunction, and those that involve the schema module beside one that
// does not (two of the user's files disagree, which also leaves none of
// the definition's alternatives).
func (c *compilation) echoes(errs []errors.Error) []bool {
	schemaSide := make([]bool, len(errs))
	count, userSide := map[string]int{}, map[string]bool{}
	for i, e := range errs {
		k := pathKey(e.Path())
		schemaSide[i] = c.touchesSchema(e)
		count[k]++
		userSide[k] = userSide[k] || !schemaSide[i]
	}
	out := make([]bool, len(errs))
	for i, e := range errs {
		k := pathKey(e.Path())
		out[i] = isDisjunctionHeader(e) && count[k] > 1 || schemaSide[i] && userSide[k]
	}
	return out
}

// isDisjunctionHeader reports whether e is CUE's "N errors in empty
// disjunction:", which the errors after it explain.
func isDisjunctionHeader(e errors.Error) bool {
	format, _ := e.Msg()
	return strings.Contains(format, "errors in empty disjunction")
}

// isMissing reports whether a CUE error message says a value is missing:
// a required field not present, or a value left incomplete.
func isMissing(msg string) bool {
	return strings.HasPrefix(msg, "field is required but not present") || strings.HasPrefix(msg, "incomplete value")
}
