package compiler

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sync"

	"cuelang.org/go/cue/load"

	"cuelang.org/go/mod/modconfig"
	"cuelang.org/go/mod/modfile"
	"cuelang.org/go/mod/module"

	"github.com/gwsync/gwsync/schema"
)

// schemaRegistry serves gwsync's own schema module from the binary, at
// whatever version a desired state asks for, so packages that import it
// load offline. Other modules go to the registry CUE itself would use
// (CUE_REGISTRY), created only when one is asked for.
type schemaRegistry struct {
	fallback func() (modconfig.Registry, error)
}

func newSchemaRegistry() *schemaRegistry {
	return &schemaRegistry{fallback: sync.OnceValues(func() (modconfig.Registry, error) {
		return modconfig.NewRegistry(nil)
	})}
}

func isSchemaModule(path string) bool { return path == schema.ModulePath }

// ModFile implements modconfig.Registry.
func (r *schemaRegistry) ModFile(ctx context.Context, mv module.Version) (*modfile.File, error) {
	if !isSchemaModule(mv.Path()) {
		fb, err := r.fallback()
		if err != nil {
			return nil, err
		}
		return fb.ModFile(ctx, mv)
	}
	b, err := fs.ReadFile(schema.ModuleFS(), "cue.mod/module.cue")
	if err != nil {
		return nil, err
	}
	return modfile.Parse(b, "cue.mod/module.cue")
}

// Fetch implements modconfig.Registry.
func (r *schemaRegistry) Fetch(ctx context.Context, mv module.Version) (module.SourceLoc, error) {
	if !isSchemaModule(mv.Path()) {
		fb, err := r.fallback()
		if err != nil {
			return module.SourceLoc{}, err
		}
		return fb.Fetch(ctx, mv)
	}
	return module.SourceLoc{FS: schema.ModuleFS(), Dir: "."}, nil
}

// ModuleVersions implements modconfig.Registry.
func (r *schemaRegistry) ModuleVersions(ctx context.Context, mpath string) ([]string, error) {
	if isSchemaModule(mpath) {
		return []string{schema.ModuleVersion}, nil
	}
	fb, err := r.fallback()
	if err != nil {
		return nil, fmt.Errorf("module %s: %w", mpath, err)
	}
	return fb.ModuleVersions(ctx, mpath)
}

// schemaOverlay presents the schema module's files at schema.ModuleRoot, where
// CUE's loader reads a fetched module from.
var schemaOverlay = sync.OnceValue(func() map[string]load.Source {
	out := map[string]load.Source{}
	_ = fs.WalkDir(schema.ModuleFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(schema.ModuleFS(), p)
		if err == nil {
			out[path.Join(schema.ModuleRoot, p)] = load.FromBytes(b)
		}
		return err
	})
	return out
})
