package schema

import (
	"embed"
	"io/fs"
)

// The schema is also a CUE module. gwsync init vendors its package files
// into a desired state's cue.mod/pkg, where the cue CLI finds them with no
// registry. A package may instead name the module as a dependency:
//
//	// cue.mod/module.cue
//	module: "example.com/gateway"
//	language: version: "v0.13.0"
//	deps: "github.com/gwsync/gwsync/schema@v0": v: "v0.1.0"
//
// which gwsync serves from its own binary (the cue CLI would need a
// registry that has it, and none does).
const (
	ModulePath    = "github.com/gwsync/gwsync/schema@v0"
	ModuleVersion = "v0.1.0"
)

// moduleFiles are cue.mod/module.cue and the package files: gateway.cue,
// policies.cue, checked.cue and each kind's definitions file (Shape.File).
//
//go:embed cue.mod/module.cue *.cue
var moduleFiles embed.FS

// ModuleRoot is the directory the module's files appear under in
// positions (they are served from the binary, not from disk).
const ModuleRoot = "/gwsync/schema@" + ModuleVersion

// ModuleFS returns the files of the schema CUE module (cue.mod/module.cue
// and the package files at its root).
func ModuleFS() fs.FS { return moduleFS{moduleFiles} }

// moduleFS is the embedded module with the root directory CUE's loader
// asks for.
type moduleFS struct{ embed.FS }

// OSRoot implements CUE's module.OSRootFS.
func (moduleFS) OSRoot() string { return ModuleRoot }
