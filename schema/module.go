package schema

import (
	"embed"
	"io/fs"
)

// The schema is also a CUE module, so a desired state can import it:
//
//	// cue.mod/module.cue
//	module: "example.com/gateway"
//	language: version: "v0.13.0"
//	deps: "github.com/gwsync/gwsync/schema@v0": v: "v0.1.0"
//
//	// gateway.cue
//	import "github.com/gwsync/gwsync/schema"
//	schema.#Desired
//
// gwsync serves the module from its own binary, so this needs no registry.
const (
	ModulePath    = "github.com/gwsync/gwsync/schema@v0"
	ModuleVersion = "v0.1.0"
)

//go:embed cue.mod/module.cue gateway.cue huawei.cue policies.cue
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
