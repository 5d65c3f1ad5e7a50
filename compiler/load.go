package compiler

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"unicode/utf8"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"
	"cuelang.org/go/encoding/json"
	"cuelang.org/go/encoding/yaml"

	"golang.org/x/sync/errgroup"

	"github.com/gwsync/gwsync/diag"
)

// load reads every input and unifies them into one value. It reports false
// when nothing could be read or the inputs do not evaluate.
func (c *compilation) load(paths []string) (cue.Value, bool) {
	v, in, ok := c.unify(paths)
	if !ok {
		return cue.Value{}, false
	}
	if err := v.Validate(cue.Concrete(true)); err != nil {
		c.addCUEError(err, errScope{v: v, file: in.first()})
		return cue.Value{}, false
	}
	c.firstInput = in.first()
	return v, true
}

// unify reads every input and unifies them into one value, not yet
// checked to be concrete. It reports false when nothing could be read or
// an input does not build.
func (c *compilation) unify(paths []string) (cue.Value, inputs, bool) {
	in := c.collect(paths)
	if in.empty() {
		return cue.Value{}, in, false
	}
	var vals []cue.Value
	for _, dir := range sortedKeys(in.cue) {
		if v, ok := c.loadCUE(dir, in.cue[dir]); ok {
			vals = append(vals, v)
		}
	}
	for _, f := range in.data {
		if v, ok := c.loadData(f); ok {
			vals = append(vals, v)
		}
	}
	if len(c.findings) > 0 || len(vals) == 0 {
		return cue.Value{}, in, false
	}
	v := vals[0]
	for _, w := range vals[1:] {
		v = v.Unify(w)
	}
	return v, in, true
}

// instances hands the .cue files of one directory, parsed, to CUE's
// loader, with the schema module beside them; false when a file is
// refused before that (parsed reports why).
func (c *compilation) instances(dir string, files []string) ([]*build.Instance, bool) {
	args := make([]string, len(files))
	for i, f := range files {
		args[i] = filepath.Base(f)
	}
	overlay, ok := c.parsed(files)
	if !ok {
		return nil, false
	}
	return load.Instances(args, &load.Config{Dir: dir, Registry: newSchemaRegistry(), Overlay: overlay}), true
}

// loadCUE loads the .cue files of one directory as one package instance.
func (c *compilation) loadCUE(dir string, files []string) (v cue.Value, ok bool) {
	defer c.recoverAs(dir, &ok)
	insts, ok := c.instances(dir, files)
	if !ok {
		return cue.Value{}, false
	}
	for _, inst := range insts {
		if inst.Err != nil {
			if !c.packageMismatch(files) {
				n := len(c.findings)
				c.addCUEError(inst.Err, errScope{file: dir})
				c.hintQuoteKeys(c.findings[n:])
			}
			return cue.Value{}, false
		}
	}
	if importsSchema(insts[0]) {
		c.indexWritten(insts[0].Files...)
	}
	v = c.ctx.BuildInstance(insts[0])
	if err := v.Err(); err != nil {
		c.addCUEError(allErrors(v, err), errScope{v: v, file: dir})
		return cue.Value{}, false
	}
	return v, true
}

// allErrors is every error in v, whose Err is first: Err holds only the
// first error CUE met (of two conflicts between files, one), Validate
// all of them.
func allErrors(v cue.Value, first error) error {
	if err := v.Validate(); err != nil {
		return err
	}
	return first
}

// loadData reads one JSON or YAML file.
func (c *compilation) loadData(file string) (v cue.Value, ok bool) {
	defer c.recoverAs(file, &ok)
	src, err := os.ReadFile(file)
	if err != nil {
		c.add("", c.filePos(file), fmt.Sprintf("cannot read %s: %s", c.rel(file), reason(err)))
		return cue.Value{}, false
	}
	if len(bytes.TrimSpace(src)) == 0 {
		c.add("", c.filePos(file), fmt.Sprintf("%s is empty; a desired state needs at least a gateway block", c.rel(file)))
		return cue.Value{}, false
	}
	expr, err := c.parseData(file, src)
	if err != nil {
		n := len(c.findings)
		c.addCUEError(err, errScope{file: file})
		c.hintTabs(src, c.findings[n:])
		return cue.Value{}, false
	}
	if n := documents(expr); n > 1 {
		c.add("", c.pos(expr.(*ast.ListLit).Elts[1].Pos()), fmt.Sprintf("%s holds %d YAML documents; gwsync reads one desired state per file: split it into one file per document", c.rel(file), n))
		return cue.Value{}, false
	}
	if dups := duplicateKeys(expr); len(dups) > 0 {
		for _, d := range dups {
			c.add("", c.pos(d.pos), fmt.Sprintf("key %q is written twice in one object (first at line %d); remove or merge one of them", d.name, d.first.Line()))
		}
		return cue.Value{}, false
	}
	if c.written != nil {
		c.written.addData(expr)
	}
	v = c.ctx.BuildExpr(expr, cue.Filename(file))
	if err := v.Err(); err != nil {
		c.addCUEError(err, errScope{v: v, file: file})
		return cue.Value{}, false
	}
	return v, true
}

// parsed parses .cue files on every core and hands them to CUE's loader
// (which parses one file at a time) as overlay sources, beside the schema
// module's files. A file that does not parse is left for the loader, which
// reports the error. A file that is not UTF-8 is reported here (CUE's
// scanner would read its bytes as U+FFFD and send that to the gateway), as
// is one that holds YAML; then ok is false, and the parse errors of the
// other files are reported here too.
func (c *compilation) parsed(files []string) (overlay map[string]load.Source, ok bool) {
	overlay = maps.Clone(c.moduleOverlay())
	if c.laxSchema && len(files) > 0 {
		maps.Copy(overlay, vendoredLaxOverlay(filepath.Dir(files[0])))
	}
	asts := make([]*ast.File, len(files))
	errs := make([]error, len(files))
	// bad is the offset of the first byte that is not UTF-8, plus 1; -1
	// for YAML. srcs holds the files that do not parse, or are bad.
	bad := make([]int, len(files))
	srcs := make([][]byte, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		g.Go(func() error {
			src, err := os.ReadFile(f)
			if err != nil {
				return nil
			}
			if !utf8.Valid(src) {
				bad[i], srcs[i] = invalidAt(src)+1, src
				return nil
			}
			if asts[i], errs[i] = parser.ParseFile(f, src, parser.ParseComments); errs[i] != nil {
				srcs[i] = src
			}
			return nil
		})
	}
	_ = g.Wait()
	ok = true
	for i, f := range asts {
		switch {
		case bad[i] > 0:
			c.notUTF8(files[i], srcs[i], bad[i]-1)
			ok = false
		case errs[i] != nil && looksLikeYAML(srcs[i]):
			c.yamlInCUE(files[i], errs[i])
			bad[i], ok = -1, false
		case errs[i] == nil && f != nil:
			overlay[files[i]] = load.FromFile(f)
		}
	}
	if !ok {
		c.parseErrors(files, errs, bad)
	}
	return overlay, ok
}

// parseErrors reports the parse errors of files the loader will not read
// (see parsed), except those already reported (bad is not 0).
func (c *compilation) parseErrors(files []string, errs []error, bad []int) {
	for i, err := range errs {
		if err != nil && bad[i] == 0 {
			n := len(c.findings)
			c.addCUEError(err, errScope{file: files[i]})
			c.hintQuoteKeys(c.findings[n:])
		}
	}
}

// invalidAt is the offset of the first byte of src that is not UTF-8.
func invalidAt(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(src)
}

// notUTF8 reports a file with a byte that is not UTF-8 at offset.
func (c *compilation) notUTF8(file string, src []byte, offset int) {
	tf := token.NewFile(file, -1, len(src))
	tf.SetLinesForContent(src)
	c.add("", c.pos(tf.Pos(offset, token.NoRelPos)), fmt.Sprintf("%s holds a byte that is not UTF-8 (0x%02X): CUE would read it as U+FFFD and send that; save the file as UTF-8", c.rel(file), src[offset]))
}

// parseData parses a JSON or YAML file into one expression whose root has a
// position (line 1 of the file, if the parser gave it none).
func (c *compilation) parseData(file string, src []byte) (ast.Expr, error) {
	var expr ast.Expr
	if kindOf(file) == kindJSON {
		e, err := json.Extract(file, src)
		if err != nil {
			return nil, err
		}
		expr = e
	} else {
		f, err := yaml.Extract(file, src)
		if err != nil {
			return nil, err
		}
		expr = fileExpr(f)
	}
	if !expr.Pos().IsValid() && documents(expr) <= 1 {
		tf := token.NewFile(file, -1, len(src))
		tf.SetLinesForContent(src)
		ast.SetPos(expr, tf.Pos(0, token.NoRelPos))
	}
	return expr, nil
}

// documents counts the documents of a parsed YAML stream: the YAML decoder
// turns several documents into a list with no position of its own.
func documents(e ast.Expr) int {
	if l, ok := e.(*ast.ListLit); ok && !l.Lbrack.IsValid() && len(l.Elts) > 1 {
		return len(l.Elts)
	}
	return 1
}

// packageMismatch reports files of one directory that declare different
// packages, at each odd one's package clause. It returns false when the
// packages agree (the load error is something else).
func (c *compilation) packageMismatch(files []string) bool {
	first, firstFile, found := "", "", false
	for _, f := range files {
		af, err := parser.ParseFile(f, nil, parser.PackageClauseOnly)
		if err != nil || af.PackageName() == "" {
			continue
		}
		switch name := af.PackageName(); {
		case firstFile == "":
			first, firstFile = name, f
		case name != first:
			found = true
			c.add("", c.pos(af.Pos()), fmt.Sprintf("%s declares package %q but %s declares package %q; the .cue files of one directory form one package: use one package name",
				c.rel(f), name, c.rel(firstFile), first))
		}
	}
	return found
}

// hintTabs explains YAML's most common surprise: a tab in indentation.
func (c *compilation) hintTabs(src []byte, fs []diag.Finding) {
	lines := bytes.Split(src, []byte("\n"))
	for i := range fs {
		if l := fs[i].Pos.Line; l >= 1 && l <= len(lines) && bytes.HasPrefix(bytes.TrimLeft(lines[l-1], " "), []byte("\t")) {
			fs[i].Message += "; YAML indents with spaces, not tabs: replace the tab at the start of line " + strconv.Itoa(l)
		}
	}
}

// fileExpr turns a data file into one struct expression.
func fileExpr(f *ast.File) ast.Expr {
	if len(f.Decls) == 1 {
		if e, ok := f.Decls[0].(*ast.EmbedDecl); ok {
			return e.Expr
		}
	}
	return &ast.StructLit{Elts: f.Decls}
}

// recoverAs turns a panic inside CUE into a finding on the file, so no input
// crashes gwsync.
func (c *compilation) recoverAs(file string, ok *bool) {
	if r := recover(); r != nil {
		c.add("", c.filePos(file), fmt.Sprintf("gwsync could not evaluate %s (%v); please report this input", c.rel(file), r))
		*ok = false
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
