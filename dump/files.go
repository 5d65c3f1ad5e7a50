package dump

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/format"

	"github.com/gwsync/gwsync/model"
)

// HeaderPrefix begins the first line of every file gwsync dump writes; a
// file that begins otherwise is not the dump's to overwrite.
const HeaderPrefix = "// " + headerWords

const headerWords = "Written by gwsync dump"

// packageName is the package of the output, as in the contract's example.
const packageName = "gateway"

// files renders the output files, sorted by name.
func (w *writer) files() ([]File, error) {
	var files []File
	add := func(name string, decls []ast.Decl) error {
		data, err := w.format(decls)
		if err != nil {
			return fmt.Errorf("dump: formatting %s: %w", name, err)
		}
		files = append(files, File{Name: name, Data: data})
		return nil
	}
	w.file = SharedFile
	shared := w.shared()
	perAPI := w.opts.Split == SplitPerAPI
	var apis []entry
	for _, a := range w.live.State.HTTPAPIs {
		// With a file per API, the shared file holds only the left-out ones.
		if !perAPI || w.sel.left(model.HTTPAPIPath(a.Name)) {
			apis = append(apis, entry{a.Name, w.httpAPI(a)})
		}
	}
	if len(apis) > 0 {
		shared = append(shared, field("httpApis", keyed(apis)))
	}
	if err := add(SharedFile, shared); err != nil {
		return nil, err
	}
	if perAPI {
		for _, f := range w.apiFiles() {
			w.file = f.name
			if err := add(f.name, []ast.Decl{field("httpApis", keyed([]entry{{f.api.Name, w.httpAPI(f.api)}}))}); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(files, func(a, b File) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(w.leftOut, func(a, b LeftOut) int { return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.What, b.What)) })
	return files, nil
}

// shared is everything but the HTTP APIs: the gateway block,
// environments, services, domains and policies.
func (w *writer) shared() []ast.Decl {
	decls := []ast.Decl{w.gateway()}
	sections := []struct {
		name    string
		entries []entry
	}{
		{"environments", w.environments()},
		{"services", w.services()},
		{"domains", w.domains()},
		{"policies", w.policies()},
	}
	for _, s := range sections {
		if len(s.entries) > 0 {
			decls = append(decls, field(s.name, keyed(s.entries)))
		}
	}
	return decls
}

// apiFile is the file of one HTTP API.
type apiFile struct {
	name string
	api  *model.HTTPAPI
}

// apiFiles names a file for each HTTP API written: api-<name>.cue, the
// name lowercased and cut to file-safe characters, numbered on a clash.
func (w *writer) apiFiles() []apiFile {
	var out []apiFile
	taken := map[string]bool{SharedFile: true}
	for _, a := range w.live.State.HTTPAPIs {
		if w.sel.left(model.HTTPAPIPath(a.Name)) {
			continue
		}
		out = append(out, apiFile{name: uniqueFile(taken, "api-", a.Name), api: a})
	}
	return out
}

// uniqueFile names the file of a resource: prefix and the name cut to
// file-safe characters (slug), .cue, numbered on a clash with taken; it
// adds the name to taken.
func uniqueFile(taken map[string]bool, prefix, resource string) string {
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
func (w *writer) format(decls []ast.Decl) ([]byte, error) {
	pkg := &ast.Package{Name: ast.NewIdent(packageName)}
	ast.AddComment(pkg, commentGroup(true, w.header()))
	f := &ast.File{Decls: append([]ast.Decl{pkg}, decls...)}
	b, err := format.Node(f)
	if err != nil {
		return nil, err
	}
	return format.Source(b)
}

// header is the comment that opens each file.
func (w *writer) header() []string {
	g := w.live.State.Gateway
	from := strings.TrimSpace(fmt.Sprintf("%s gateway %s", cmp.Or(w.opts.Gateway.Provider, g.Provider), cmp.Or(g.ID, w.opts.Gateway.ID)))
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
	return commentGroup(false, lines)
}

func commentGroup(doc bool, lines []string) *ast.CommentGroup {
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
