package compiler

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
)

// errScope says where an error that carries no position belongs: the value
// it is about (looked up by the error's path) and, failing that, the file
// or directory it came from.
type errScope struct {
	v    cue.Value
	file string
}

// addCUEError records every error in a CUE error list as a schema finding
// with a position.
func (c *compilation) addCUEError(err error, in errScope) {
	var ce errors.Error
	if !errors.As(err, &ce) {
		// A plain error (the YAML parser's): its position is in its text.
		err = errors.Newf(token.NoPos, "%s", err.Error())
	}
	errs := errors.Errors(err)
	echo := make([]bool, len(errs))
	if c.written != nil {
		echo = c.echoes(errs)
	}
	for i, e := range errs {
		if echo[i] {
			continue
		}
		msg, pos := c.errorText(e, in.file)
		if c.touchesSchema(e) {
			c.findings = append(c.findings, c.typedFinding(e, msg, in))
			continue
		}
		f := c.schemaFinding(e.Path(), pos, msg)
		for _, p := range e.InputPositions() {
			switch rp := c.pos(p); {
			case !f.Pos.IsValid():
				f.Pos = rp
			case rp != f.Pos:
				f.Related = append(f.Related, relatedAt(rp))
			}
		}
		if !f.Pos.IsValid() {
			f.Pos = c.scopePos(e.Path(), in)
		}
		if isConflict(e) {
			f = conflictFinding(f)
		}
		c.findings = append(c.findings, f)
	}
}

// isConflict reports whether e is CUE's "conflicting values" error: two
// places (often two files of one package) set one field differently.
func isConflict(e errors.Error) bool {
	format, _ := e.Msg()
	return strings.HasPrefix(format, "conflicting values")
}

// conflictFinding names the whole path of a conflict in its message, so
// that it reads on its own beside others, and the resource at each other
// place it is set.
func conflictFinding(f diag.Finding) diag.Finding {
	if f.Resource != "" {
		if strings.HasPrefix(f.Message, "conflicting values") {
			f.Message = f.Resource + ": " + f.Message
		} else {
			f.Message = f.Resource + "." + f.Message
		}
	}
	for i := range f.Related {
		f.Related[i].Resource = f.Resource
	}
	return f
}

// scopePos places a positionless error: at the nearest value on its path
// that has a position, else at its file.
func (c *compilation) scopePos(path []string, in errScope) model.Pos {
	if in.v.Exists() {
		for n := len(path); n >= 0; n-- {
			if p := in.v.LookupPath(selectorPath(path[:n])).Pos(); p.IsValid() {
				return c.pos(p)
			}
		}
	}
	return c.filePos(in.file)
}

// selectorPath turns an error's path labels into a CUE path: quoted labels
// are fields, bare numbers list indexes.
func selectorPath(labels []string) cue.Path {
	sels := make([]cue.Selector, len(labels))
	for i, l := range labels {
		if n, err := strconv.Atoi(l); err == nil {
			sels[i] = cue.Index(n)
		} else if s, err := strconv.Unquote(l); err == nil && strings.HasPrefix(l, `"`) {
			sels[i] = cue.Str(s)
		} else {
			sels[i] = cue.Str(l)
		}
	}
	return cue.MakePath(sels...)
}

// errorText returns an error's message, with file names relative to the
// compilation's directory, and its position. Errors from the YAML parser
// carry their position only in their text ("gw.yaml:2: found character
// ..."; on the first line just "gw.yaml: ..."): for the file being read,
// those are parsed back.
func (c *compilation) errorText(e errors.Error, file string) (string, model.Pos) {
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
		return c.relText(msg), c.pos(p)
	}
	m := plainPosRE.FindStringSubmatch(msg)
	if m == nil || file == "" || filepath.Clean(m[1]) != filepath.Clean(file) {
		return c.relText(msg), model.Pos{}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return c.relText(m[4]), model.Pos{File: c.rel(m[1]), Line: max(line, 1), Column: max(col, 1)}
}

// plainPosRE matches "file: msg", "file:line: msg" and "file:line:col: msg".
var plainPosRE = regexp.MustCompile(`^(.+?):(?:(\d+):)?(?:(\d+):)? (.*)$`)

// relText rewrites absolute file names under the compilation's directory
// in a message as relative ones.
func (c *compilation) relText(msg string) string {
	return strings.ReplaceAll(msg, c.opts.Dir+string(filepath.Separator), "")
}
