package compiler

import (
	"fmt"
	"strings"

	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// pos converts a CUE position into a model position relative to the
// compilation's directory.
func (c *compilation) pos(p token.Pos) model.Pos {
	if !p.IsValid() {
		return model.Pos{}
	}
	return model.Pos{File: c.rel(p.Filename()), Line: p.Line(), Column: p.Column()}
}

// filePos is the position of a whole file or directory.
func (c *compilation) filePos(p string) model.Pos {
	return model.Pos{File: c.rel(p)}
}

// addCUEError records every error in a CUE error list as a schema finding.
func (c *compilation) addCUEError(err error) {
	for _, e := range errors.Errors(err) {
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		pos := e.Position()
		var related []token.Pos
		for _, p := range e.InputPositions() {
			if !pos.IsValid() {
				pos = p
			} else if p != pos {
				related = append(related, p)
			}
		}
		f := c.schemaFinding(e.Path(), pos, msg)
		for _, r := range related {
			f.Related = append(f.Related, relatedAt(c.pos(r)))
		}
		c.findings = append(c.findings, f)
	}
}

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
