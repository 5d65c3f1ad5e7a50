package schema

import (
	"io/fs"

	"github.com/gwsync/gwsync/internal/kindreg"
)

// Shape is a gateway kind's part of the desired-state schema: the
// definition of its desired state, in the schema package's CUE files,
// and how the JSON Schema's root picks it.
type Shape struct {
	// File is the module file that holds the kind's definitions. Every
	// kind's file sits at the module's root: the schema is one CUE
	// package, and a CUE package is the files of one directory.
	File string
	// Definition is the CUE definition of the kind's desired state, which
	// #Desired selects by gateway.provider ("#...Desired").
	Definition string
	// Selects is the JSON Schema a desired state of the kind matches (on
	// its gateway.provider); nil for the shape the schema gives a desired
	// state whose provider no other shape selects (#Desired's else).
	Selects map[string]any
	// Describes says, for the root's description, which providers select
	// the shape and what it is.
	Describes string
}

// Shapes is what the schema needs of a gateway kind: its shape.
type Shapes interface {
	// DesiredShape is the kind's part of the desired-state schema.
	DesiredShape() Shape
}

// kinds are the registered gateway kinds, by gateway.provider.
var kinds kindreg.Registry[Shapes]

// RegisterHook makes s the shape of providers' desired states. Package
// gatewaykind calls it for every kind it registers.
func RegisterHook(providers []string, s Shapes) { kinds.Register(providers, s) }

// DesiredShapes are the registered kinds' shapes, in registration order.
func DesiredShapes() []Shape {
	var out []Shape
	for _, s := range kinds.All() {
		out = append(out, s.DesiredShape())
	}
	return out
}

// CUESources returns the files that define #Desired (gateway.cue and
// each registered kind's file), by file name; build them as one package
// instance.
func CUESources() map[string][]byte {
	out := map[string][]byte{"gateway.cue": CUE}
	for _, s := range DesiredShapes() {
		if src, err := fs.ReadFile(moduleFiles, s.File); err == nil {
			out[s.File] = src
		}
	}
	return out
}
