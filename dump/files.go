package dump

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/format"
)

// HeaderPrefix begins the first line of every file gwsync dump writes; a
// file that begins otherwise is not the dump's to overwrite.
const HeaderPrefix = "// " + headerWords

const headerWords = "Written by gwsync dump"

// packageName is the package of the output, as in the contract's example.
const packageName = "gateway"

// UniqueFile names the file of a resource: prefix and the name cut to
// file-safe characters (slug), .cue, numbered on a clash with taken; it
// adds the name to taken.
func UniqueFile(taken map[string]bool, prefix, resource string) string {
	base := prefix + slug(resource)
	name := base + ".cue"
	for i := 2; taken[name]; i++ {
		name = base + "-" + strconv.Itoa(i) + ".cue"
	}
	taken[name] = true
	return name
}

// slug keeps a-z 0-9 . _ - of a lowercased name, turning the rest into
// "-", at most 80 characters.
func slug(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if b.Len() >= 80 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return cmp.Or(b.String(), "api")
}

// format prints one file: the header, the package clause and decls,
// through CUE's formatter (twice, so the bytes are its fixed point).
func (w *Writer) format(decls []ast.Decl) ([]byte, error) {
	pkg := &ast.Package{Name: ast.NewIdent(packageName)}
	ast.AddComment(pkg, CommentGroup(true, w.header()))
	f := &ast.File{Decls: append([]ast.Decl{pkg}, decls...)}
	b, err := format.Node(f)
	if err != nil {
		return nil, err
	}
	return format.Source(b)
}

// header is the comment that opens each file.
func (w *Writer) header() []string {
	g := w.Live.State.Gateway
	from := strings.TrimSpace(fmt.Sprintf("%s gateway %s", cmp.Or(w.Opts.Gateway.Provider, g.Provider), cmp.Or(g.ID, w.Opts.Gateway.ID)))
	return []string{
		headerWords + " from " + from + ": the live gateway as gwsync's desired state.",
		"It is yours to edit. gwsync dump overwrites only files whose first line begins",
		"as this one does.",
	}
}

// commentedOut is a left-out resource: a line saying why, then its CUE
// text, commented out so that it can be taken back by uncommenting it.
func commentedOut(why string, f *ast.Field) ast.Decl {
	lines := []string{why}
	if b, err := format.Node(f); err == nil {
		lines = append(lines, strings.Split(strings.TrimRight(string(b), "\n"), "\n")...)
	}
	return CommentGroup(false, lines)
}

// CommentGroup is lines as // comments: a doc comment (above what it is
// attached to) when doc is set. An empty line is a bare //.
func CommentGroup(doc bool, lines []string) *ast.CommentGroup {
	cg := &ast.CommentGroup{Doc: doc}
	for _, l := range lines {
		text := "//"
		if l != "" {
			text += " " + l
		}
		cg.List = append(cg.List, &ast.Comment{Text: text})
	}
	return cg
}
