package compiler

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/load"
	"cuelang.org/go/encoding/json"
	"cuelang.org/go/encoding/yaml"

	"github.com/gwsync/gwsync/diag"
)

// load reads every input and unifies them into one value. It reports false
// when nothing could be read or the inputs do not evaluate.
func (c *compilation) load(paths []string) (cue.Value, bool) {
	in := c.collect(paths)
	if in.empty() {
		return cue.Value{}, false
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
		return cue.Value{}, false
	}
	v := vals[0]
	for _, w := range vals[1:] {
		v = v.Unify(w)
	}
	if err := v.Validate(cue.Concrete(true)); err != nil {
		c.addCUEError(err)
		return cue.Value{}, false
	}
	return v, true
}

// loadCUE loads the .cue files of one directory as one package instance.
func (c *compilation) loadCUE(dir string, files []string) (v cue.Value, ok bool) {
	defer c.recoverAs(dir, &ok)
	args := make([]string, len(files))
	for i, f := range files {
		args[i] = filepath.Base(f)
	}
	insts := load.Instances(args, &load.Config{Dir: dir, Registry: newSchemaRegistry(), Overlay: schemaOverlay()})
	for _, inst := range insts {
		if inst.Err != nil {
			c.addCUEError(inst.Err)
			return cue.Value{}, false
		}
	}
	v = c.ctx.BuildInstance(insts[0])
	if err := v.Err(); err != nil {
		c.addCUEError(err)
		return cue.Value{}, false
	}
	return v, true
}

// loadData reads one JSON or YAML file.
func (c *compilation) loadData(file string) (v cue.Value, ok bool) {
	defer c.recoverAs(file, &ok)
	src, err := os.ReadFile(file)
	if err != nil {
		c.add("", c.filePos(file), fmt.Sprintf("cannot read %s: %s", c.rel(file), reason(err)))
		return cue.Value{}, false
	}
	var expr ast.Expr
	if kindOf(file) == kindJSON {
		expr, err = json.Extract(file, src)
	} else {
		var f *ast.File
		if f, err = yaml.Extract(file, src); err == nil {
			expr = fileExpr(f)
		}
	}
	if err != nil {
		n := len(c.findings)
		c.addCUEError(err)
		c.hintTabs(src, c.findings[n:])
		return cue.Value{}, false
	}
	if dups := duplicateKeys(expr); len(dups) > 0 {
		for _, d := range dups {
			c.add("", c.pos(d.pos), fmt.Sprintf("key %q is written twice in one object (first at line %d); remove or merge one of them", d.name, d.first.Line()))
		}
		return cue.Value{}, false
	}
	v = c.ctx.BuildExpr(expr, cue.Filename(file))
	if err := v.Err(); err != nil {
		c.addCUEError(err)
		return cue.Value{}, false
	}
	return v, true
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
