package dump

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"cuelang.org/go/cue/ast"

	"github.com/gwsync/gwsync/model"
	gwsync "github.com/gwsync/gwsync/sync"
)

// Writer renders one dump's files; a kind's writer embeds it. It holds
// the live gateway, the options and what the kind's selection leaves
// out, and collects the files, what is left out and the notes.
type Writer struct {
	// Live is the gateway being dumped, Opts the dump's options.
	Live *model.Live
	Opts Options
	// Out maps the resource path of each resource the kind leaves out
	// to why.
	Out map[string]string
	// File is the name of the file being rendered, which LeftOut
	// entries name.
	File string
	// Notes are what the first plan will still change (Result.Notes).
	Notes []string

	files   []File
	leftOut []LeftOut
}

// AddFile renders decls as the file name.
func (w *Writer) AddFile(name string, decls []ast.Decl) error {
	data, err := w.format(decls)
	if err != nil {
		return fmt.Errorf("dump: formatting %s: %w", name, err)
	}
	w.files = append(w.files, File{Name: name, Data: data})
	return nil
}

// Result is what the writer made, for owner, with counts: the files
// sorted by name, what is left out sorted by file and name.
func (w *Writer) Result(owner string, counts ...Count) *Result {
	slices.SortFunc(w.files, func(a, b File) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(w.leftOut, func(a, b LeftOut) int { return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.What, b.What)) })
	return &Result{Files: w.files, LeftOut: w.leftOut, Notes: w.Notes, Owner: owner, Counts: counts}
}

// Resource is a resource's field (kind and name as LeftOut says them,
// path its resource path), or the comment standing for it when it is
// left out; with WithIDs its live ID is a comment above it.
func (w *Writer) Resource(kind, name, path string, f *ast.Field) ast.Decl {
	id := w.Live.IDs[path]
	if why, out := w.Out[path]; out {
		return w.leave(kind, name, id, why, f)
	}
	if w.Opts.WithIDs && id != "" {
		AddDoc(f, "id: "+id)
	}
	return f
}

// leave records a left-out resource (kind, name, live ID) with why, and
// returns the comment that stands for it.
func (w *Writer) leave(kind, name, id, why string, f *ast.Field) ast.Decl {
	what := fmt.Sprintf("%s %q", kind, name)
	if id != "" {
		what += " (" + id + ")"
	}
	why = strings.Join(strings.Fields(why), " ")
	w.LeaveOut(what, why)
	return commentedOut("gwsync dump left out "+what+": "+why+".", f)
}

// LeaveOut records what, left out of the file being rendered, with why.
func (w *Writer) LeaveOut(what, why string) {
	w.leftOut = append(w.leftOut, LeftOut{What: what, Why: why, File: w.File})
}

// AddDoc adds a line to the comment above a field.
func AddDoc(f *ast.Field, line string) {
	for _, cg := range ast.Comments(f) {
		if cg.Doc {
			cg.List = append(cg.List, &ast.Comment{Text: "// " + line})
			return
		}
	}
	ast.AddComment(f, &ast.CommentGroup{Doc: true, List: []*ast.Comment{{Text: "// " + line}}})
}

// Field is the field name: v.
func Field(name string, v ast.Expr) *ast.Field {
	return &ast.Field{Label: ast.NewStringLabel(name), Value: v}
}

// Description is a live description (or remark) without gwsync's
// ownership marker.
func Description(d string) string {
	if _, marked := gwsync.MarkerOwner(d); marked {
		return gwsync.StripMarker(d)
	}
	return d
}
