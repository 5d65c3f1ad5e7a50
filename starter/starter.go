// Package starter begins a desired state in a directory, as gwsync init
// does: a starter package for one provider (gateway.cue, which the
// provider's gateway kind supplies, see Starters), a gwsync.cue that
// checks the package against gwsync's schema, and a cue.mod whose pkg holds
// that schema, vendored, so that the cue CLI checks the package completely
// and offline (cue vet -c .). Run again on a directory it began, it
// refreshes the vendored schema and gwsync.cue to this gwsync's, and leaves
// the desired state alone.
package starter

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/schema"
)

// Starter is one provider's starter desired state.
type Starter struct {
	// Source is the starter's gateway.cue.
	Source []byte
	// Ready is set for a starter that validates, plans and applies as it
	// is (on an embedded gateway); the others carry placeholder IDs to
	// replace.
	Ready bool
}

// Starters is what gwsync init needs of a gateway kind: its starter
// desired states.
type Starters interface {
	// Starter returns the starter desired state for provider, one of the
	// kind's providers, and whether the kind has one.
	Starter(provider string) (Starter, bool)
}

// kinds are the registered gateway kinds, by gateway.provider.
var kinds kindreg.Registry[Starters]

// RegisterHook makes s the supplier of the starters of providers.
// Package gatewaykind calls it for every kind it registers.
func RegisterHook(providers []string, s Starters) { kinds.Register(providers, s) }

// lookup returns the starter for provider.
func lookup(provider string) (Starter, bool) {
	s, ok := kinds.Lookup(provider)
	if !ok {
		return Starter{}, false
	}
	return s.Starter(provider)
}

// Providers lists the providers a starter is written for, sorted.
func Providers() []string {
	var out []string
	for _, p := range kinds.Providers() {
		if _, ok := lookup(p); ok {
			out = append(out, p)
		}
	}
	return out
}

// IsReady reports whether provider's starter validates, plans and applies
// as it is (Starter.Ready).
func IsReady(provider string) bool {
	s, ok := lookup(provider)
	return ok && s.Ready
}

// Ready lists the providers whose starter is ready as it is, sorted.
func Ready() []string {
	return slices.DeleteFunc(Providers(), func(p string) bool { return !IsReady(p) })
}

// Default is the provider gwsync init writes a starter for when none is
// given: the first whose starter is ready ("" when none is).
func Default() string {
	if r := Ready(); len(r) > 0 {
		return r[0]
	}
	return ""
}

// Placeholders lists the providers whose starter carries placeholder IDs
// to replace, sorted.
func Placeholders() []string { return slices.DeleteFunc(Providers(), IsReady) }

// Files gwsync init writes, relative to the directory.
const (
	// DesiredFile is the starter desired state, the user's to edit.
	DesiredFile = "gateway.cue"
	// CheckFile embeds the schema's #Checked in the package; gwsync init
	// rewrites it.
	CheckFile = "gwsync.cue"
	// ModuleFile makes the directory a CUE module; its first line marks a
	// directory gwsync init began.
	ModuleFile = "cue.mod/module.cue"
	// VendorDir holds the schema's package files, where the cue CLI finds
	// the import github.com/gwsync/gwsync/schema without a registry.
	VendorDir = "cue.mod/pkg/github.com/gwsync/gwsync/schema"
)

// moduleMarker begins the first line of the cue.mod/module.cue gwsync init
// writes.
const moduleMarker = "// Written by gwsync init."

// Result is what Init did.
type Result struct {
	// Refreshed is set when the directory was begun before: only the
	// vendored schema and gwsync.cue were written.
	Refreshed bool
	// Written and Removed list files, slash-separated and relative to the
	// directory.
	Written, Removed []string
}

// ForeignError is Init's refusal of a directory holding files it did not
// write that gwsync or the cue CLI would read.
type ForeignError struct {
	Dir   string
	Files []string
}

func (e *ForeignError) Error() string {
	return fmt.Sprintf("%s holds %s, which gwsync init did not write: init writes a new desired state into an empty or new directory, "+
		"or refreshes the schema in one it began (its %s starts %q); give another directory, or move them away",
		e.Dir, strings.Join(e.Files, ", "), ModuleFile, moduleMarker)
}

// Init begins a desired state for provider in dir (made if missing), or,
// when dir was begun before, refreshes its vendored schema and gwsync.cue.
// version names the gwsync that wrote the files.
func Init(dir, provider, version string) (*Result, error) {
	if !slices.Contains(Providers(), provider) {
		return nil, fmt.Errorf("unknown provider %q; use one of %s", provider, strings.Join(Providers(), ", "))
	}
	begun, err := check(dir)
	if err != nil {
		return nil, err
	}
	res := &Result{Refreshed: begun}
	pkg := "gateway"
	if begun {
		pkg = packageName(dir)
	} else {
		if err := newFiles(dir, provider, res); err != nil {
			return res, err
		}
	}
	if err := vendor(dir, version, res); err != nil {
		return res, err
	}
	return res, write(dir, CheckFile, checkFile(pkg, version), res)
}

// check reports whether dir was begun by gwsync init, and fails when it
// holds a cue.mod or a desired-state file (.cue, .json, .yaml, .yml) that
// gwsync init did not write. Other files (a README, .git) do not matter.
func check(dir string) (begun bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if firstLineHas(filepath.Join(dir, filepath.FromSlash(ModuleFile)), moduleMarker) {
		return true, nil
	}
	var foreign []string
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "cue.mod":
			foreign = append(foreign, name)
		case !e.IsDir() && isInput(name):
			foreign = append(foreign, name)
		}
	}
	if len(foreign) > 0 {
		return false, &ForeignError{Dir: dir, Files: foreign}
	}
	return false, nil
}

// isInput reports whether gwsync reads a file of this name in a directory.
func isInput(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".cue", ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// firstLineHas reports whether a file's first line begins with prefix.
func firstLineHas(file, prefix string) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	return strings.HasPrefix(line, prefix)
}

// newFiles writes what only a new desired state gets: cue.mod/module.cue
// and the starter.
func newFiles(dir, provider string, res *Result) error {
	s, ok := lookup(provider)
	if !ok {
		return fmt.Errorf("no starter for provider %q", provider)
	}
	if err := write(dir, ModuleFile, []byte(moduleFile), res); err != nil {
		return err
	}
	return write(dir, DesiredFile, s.Source, res)
}

// moduleFile is cue.mod/module.cue. explicitopen (gwsync.cue) needs
// language version v0.15.0.
const moduleFile = moduleMarker + ` This directory is a CUE module whose package is one
// gateway's desired state. gwsync's schema is vendored in
// cue.mod/pkg/github.com/gwsync/gwsync/schema, so that cue vet -c . checks the
// package with no registry; gwsync init refreshes it. The module path is yours
// to change.
module: "example.com/gateway"
language: version: "v0.15.0"
`

// vendor writes the schema's package files into VendorDir, each under a
// header naming the gwsync that wrote it, and removes the .cue files there
// that this gwsync's schema does not have.
func vendor(dir, version string, res *Result) error {
	entries, err := fs.ReadDir(schema.ModuleFS(), ".")
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".cue" {
			continue
		}
		src, err := fs.ReadFile(schema.ModuleFS(), e.Name())
		if err != nil {
			return err
		}
		names = append(names, e.Name())
		if err := write(dir, path.Join(VendorDir, e.Name()), Vendored(e.Name(), src, version), res); err != nil {
			return err
		}
	}
	old, _ := os.ReadDir(filepath.Join(dir, filepath.FromSlash(VendorDir)))
	for _, e := range old {
		if !e.IsDir() && path.Ext(e.Name()) == ".cue" && !slices.Contains(names, e.Name()) {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(VendorDir), e.Name())); err != nil {
				return err
			}
			res.Removed = append(res.Removed, path.Join(VendorDir, e.Name()))
		}
	}
	return nil
}

// Vendored is a schema file as gwsync init vendors it: src under a header
// saying where it comes from and that gwsync init rewrites it.
func Vendored(name string, src []byte, version string) []byte {
	header := fmt.Sprintf("// Code generated by gwsync init (gwsync %s) from github.com/gwsync/gwsync/schema/%s; DO NOT EDIT.\n"+
		"// gwsync init rewrites it with the schema of the gwsync that runs it.\n\n", version, name)
	return append([]byte(header), src...)
}

// checkFile is gwsync.cue for package pkg.
func checkFile(pkg, version string) []byte {
	return fmt.Appendf(nil, `// Code generated by gwsync init (gwsync %s); DO NOT EDIT.
// gwsync init rewrites it, with the schema it vendors in cue.mod/pkg.
//
// It checks this package against gwsync's schema: #Checked is the desired
// state's shape, closed at every level, with each policy's config checked
// against its className's definition. CUE's explicitopen experiment makes
// embedding it close the package itself, so that cue vet -c . also rejects
// a top-level field the schema does not have (without the experiment, an
// embedded definition leaves the package's own fields open). It needs the
// cue CLI v0.15 or later, and language version v0.15.0 or later in
// cue.mod/module.cue.
@experiment(explicitopen)

package %s

import "github.com/gwsync/gwsync/schema"

schema.#Checked
`, version, pkg)
}

// packageRE finds a CUE file's package clause.
var packageRE = regexp.MustCompile(`(?m)^package\s+([A-Za-z_#][A-Za-z0-9_]*)`)

// packageName is the package of dir's .cue files (gwsync.cue last, since
// the user may have renamed the package in theirs), or "gateway".
func packageName(dir string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.cue"))
	slices.SortStableFunc(files, func(a, b string) int {
		return boolInt(filepath.Base(a) == CheckFile) - boolInt(filepath.Base(b) == CheckFile)
	})
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if m := packageRE.FindSubmatch(src); m != nil {
			return string(m[1])
		}
	}
	return "gateway"
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// write writes a file (and its directories) under dir unless it already
// holds exactly data, and records it.
func write(dir, name string, data []byte, res *Result) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	res.Written = append(res.Written, name)
	return nil
}
