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
// directory, or by module path for the schema module's own files.
func (c *compilation) displayName(name string) string {
	if rest, ok := strings.CutPrefix(name, schema.ModuleRoot+"/"); ok {
		return schema.ModulePath + "/" + rest
	}
	return c.rel(name)
}

// isUserPos reports whether a position is in the user's files rather than
// in gwsync's schema module, served from the binary or vendored in a
// cue.mod (as gwsync init vendors it, in cue.mod/pkg).
func isUserPos(p model.Pos) bool {
	f := "/" + p.File
	return !strings.HasPrefix(p.File, schema.ModulePath+"/") && !strings.Contains(f, "/cue.mod/")
}

// filePos is the position of a whole file or directory.
func (c *compilation) filePos(p string) model.Pos {
	return model.Pos{File: c.rel(p)}
}

// splitResource splits a value path into the resource it is inside (the
// first two labels, domains.x, or four for routes, httpApis.a.routes.r, and
// for what a Huawei group holds, groups.g.apis.a) and the field path
// within it.
func splitResource(path []string) (resource string, field []string) {
	n := 2
	if len(path) >= 4 && (path[0] == "httpApis" && path[2] == "routes" || path[0] == "groups" && isGroupMember(path[2])) {
		n = 4
	}
	if len(path) < n {
		return "", path
	}
	return strings.Join(path[:n], "."), path[n:]
}

// isGroupMember reports whether a field of a Huawei group holds resources
// by name.
func isGroupMember(name string) bool { return name == "apis" || name == "domains" }

// relatedAt is a related position with no resource.
func relatedAt(p model.Pos) diag.Related { return diag.Related{Pos: p} }
