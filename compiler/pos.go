package compiler

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"cuelang.org/go/cue/errors"
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
// in gwsync's schema module.
func isUserPos(p model.Pos) bool { return !strings.HasPrefix(p.File, schema.ModulePath+"/") }

// filePos is the position of a whole file or directory.
func (c *compilation) filePos(p string) model.Pos {
	return model.Pos{File: c.rel(p)}
}

// addCUEError records every error in a CUE error list as a schema finding.
func (c *compilation) addCUEError(err error) {
	var ce errors.Error
	if !errors.As(err, &ce) {
		// A plain error (the YAML parser's): its position is in its text.
		err = errors.Newf(token.NoPos, "%s", err.Error())
	}
	for _, e := range errors.Errors(err) {
		msg, pos := c.errorText(e)
		f := c.schemaFinding(e.Path(), model.Pos{}, msg)
		f.Pos = pos
		for _, p := range e.InputPositions() {
			switch rp := c.pos(p); {
			case !f.Pos.IsValid():
				f.Pos = rp
			case rp != f.Pos:
				f.Related = append(f.Related, relatedAt(rp))
			}
		}
		c.findings = append(c.findings, preferUserPos(f))
	}
}

// preferUserPos makes a finding point at the user's file when its first
// position is in the schema module (e.g. a bound a value breaks), keeping
// the schema's position as related.
func preferUserPos(f diag.Finding) diag.Finding {
	if isUserPos(f.Pos) {
		return f
	}
	for i, r := range f.Related {
		if isUserPos(r.Pos) {
			f.Related[i].Pos, f.Pos = f.Pos, r.Pos
			break
		}
	}
	return f
}

// errorText returns an error's message without its position, and the
// position. Errors from the YAML parser carry their position only in the
// text ("file.yaml:2: found character..."); those are parsed back.
func (c *compilation) errorText(e errors.Error) (string, model.Pos) {
	format, args := e.Msg()
	msg := fmt.Sprintf(format, args...)
	if len(args) == 0 && strings.Contains(format, "%") {
		msg = e.Error()
	}
	// Keep what the error wraps ("import failed: cannot find package
	// ..."), which Msg leaves out.
	if full := e.Error(); strings.Contains(full, msg+": ") {
		msg = full[strings.Index(full, msg+": "):]
	}
	if p := e.Position(); p.IsValid() {
		return msg, c.pos(p)
	}
	m := plainPosRE.FindStringSubmatch(msg)
	if m == nil {
		return msg, model.Pos{}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return m[4], model.Pos{File: c.rel(m[1]), Line: line, Column: max(col, 1)}
}

// plainPosRE matches "file:line: msg" and "file:line:col: msg".
var plainPosRE = regexp.MustCompile(`^(.+?):(\d+):(?:(\d+):)? (.*)$`)

// splitResource splits a value path into the resource it is inside (the
// first two labels, domains.x, or four for routes, httpApis.a.routes.r) and
// the field path within it.
func splitResource(path []string) (resource string, field []string) {
	n := 2
	if len(path) >= 4 && path[0] == "httpApis" && path[2] == "routes" {
		n = 4
	}
	if len(path) < n {
		return "", path
	}
	return strings.Join(path[:n], "."), path[n:]
}

// relatedAt is a related position with no resource.
func relatedAt(p model.Pos) diag.Related { return diag.Related{Pos: p} }
