package compiler

import (
	"strings"

	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/schema"
)

// pos converts a CUE position into a model position relative to the
// compilation's directory.
func (c *compilation) pos(p token.Pos) model.Pos {
	if !p.IsValid() {
		return model.Pos{}
	}
	name := p.Filename()
	rel, ok := c.relNames.Load(name)
	if !ok {
		rel, _ = c.relNames.LoadOrStore(name, c.displayName(name))
	}
	return model.Pos{File: rel.(string), Line: p.Line(), Column: p.Column()}
}

// displayName is how findings name a file: relative to the compilation's
// directory, or by module path for the schema module's own files (which
// findings name only when the module itself does not load: typed.go
// places the rest in the user's files).
func (c *compilation) displayName(name string) string {
	if rest, ok := strings.CutPrefix(name, schema.ModuleRoot+"/"); ok {
		return schema.ModulePath + "/" + rest
	}
	return c.rel(name)
}

// filePos is the position of a whole file or directory.
func (c *compilation) filePos(p string) model.Pos {
	return model.Pos{File: c.rel(p)}
}

// splitResource splits a value path into the resource it is inside (the
// first two labels, domains.x, or four for a resource held by another,
// see Layout.Nested) and the field path within it.
func splitResource(path []string) (resource string, field []string) {
	n := 2
	if len(path) >= 4 && isNested(path[0], path[2]) {
		n = 4
	}
	if len(path) < n {
		return "", path
	}
	return strings.Join(path[:n], "."), path[n:]
}

// relatedAt is a related position with no resource.
func relatedAt(p model.Pos) diag.Related { return diag.Related{Pos: p} }
