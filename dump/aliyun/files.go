package aliyun

import (
	"cuelang.org/go/cue/ast"

	"github.com/gwsync/gwsync/dump"
	alimodel "github.com/gwsync/gwsync/model/aliyun"
)

// files renders the output files.
func (w *writer) files() error {
	w.File = dump.SharedFile
	shared := w.shared()
	perAPI := w.Opts.Split == dump.SplitPerAPI
	var apis []dump.Entry
	for _, a := range w.sel.state.HTTPAPIs {
		// With a file per API, the shared file holds only the left-out ones.
		if !perAPI || w.sel.left(alimodel.HTTPAPIPath(a.Name)) {
			apis = append(apis, dump.Entry{Name: a.Name, Decl: w.httpAPI(a)})
		}
	}
	if len(apis) > 0 {
		shared = append(shared, dump.Field("httpApis", dump.Keyed(apis)))
	}
	if err := w.AddFile(dump.SharedFile, shared); err != nil {
		return err
	}
	if !perAPI {
		return nil
	}
	for _, f := range w.apiFiles() {
		w.File = f.name
		api := []dump.Entry{{Name: f.api.Name, Decl: w.httpAPI(f.api)}}
		if err := w.AddFile(f.name, []ast.Decl{dump.Field("httpApis", dump.Keyed(api))}); err != nil {
			return err
		}
	}
	return nil
}

// shared is everything but the HTTP APIs: the gateway block,
// environments, services, domains and policies.
func (w *writer) shared() []ast.Decl {
	decls := []ast.Decl{w.gateway()}
	sections := []struct {
		name    string
		entries []dump.Entry
	}{
		{"environments", w.environments()},
		{"services", w.services()},
		{"domains", w.domains()},
		{"policies", w.policies()},
	}
	for _, s := range sections {
		if len(s.entries) > 0 {
			decls = append(decls, dump.Field(s.name, dump.Keyed(s.entries)))
		}
	}
	return decls
}

// apiFile is the file of one HTTP API.
type apiFile struct {
	name string
	api  *alimodel.HTTPAPI
}

// apiFiles names a file for each HTTP API written: api-<name>.cue, the
// name lowercased and cut to file-safe characters, numbered on a clash.
func (w *writer) apiFiles() []apiFile {
	var out []apiFile
	taken := map[string]bool{dump.SharedFile: true}
	for _, a := range w.sel.state.HTTPAPIs {
		if w.sel.left(alimodel.HTTPAPIPath(a.Name)) {
			continue
		}
		out = append(out, apiFile{name: dump.UniqueFile(taken, "api-", a.Name), api: a})
	}
	return out
}
