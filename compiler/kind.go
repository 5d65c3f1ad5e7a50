package compiler

import (
	"fmt"
	"slices"

	"cuelang.org/go/cue"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/internal/kindreg"
	"github.com/gwsync/gwsync/model"
)

// Decoder is what the compiler needs of a gateway kind: the check of a
// desired state against the kind's shape and its decoding into the
// model, and where the kind's resources sit in a desired state.
//
// The compiler loads the desired state into a tree of Nodes, reads
// gateway.provider from it and hands the tree to the kind serving that
// provider.
type Decoder interface {
	// DecodeDesired checks the desired state at root against the kind's
	// schema and decodes it, reading values and positions through dc.
	// It returns the schema findings; with findings, the desired state
	// is what could be decoded of it anyway (nil when the kind decodes
	// nothing it has not checked), which the compiler keeps only for
	// the checks that still make sense on it.
	DecodeDesired(dc *Decoding, root *Node) (*model.Desired, []diag.Finding)
	// DesiredLayout is where the kind's resources sit in a desired
	// state.
	DesiredLayout() Layout
	// SelectsEmbedded reports whether a gateway block of provider, with
	// gateway.local set to local, names an embedded gateway: one whose
	// state is kept beside its desired state.
	SelectsEmbedded(provider string, local bool) bool
	// TypedFindings checks d, decoded from a typed package that did not
	// evaluate (see typed.go), against the constraints the kind's schema
	// definitions hold beyond the shape DecodeDesired checks (the config
	// of a policy against its class's schema, say), in the words of the
	// rules that check them on any desired state.
	TypedFindings(d *model.Desired) []diag.Finding
}

// Layout is where a kind's resources sit in a desired state. The
// compiler reads it when it does not know the kind yet: to tell a file
// that is not a desired state, and to name the resource of a finding.
type Layout struct {
	// TopLevel are the fields a desired state of the kind has at its top.
	TopLevel []string
	// Nested maps a top-level field to the fields of its resources that
	// hold resources of their own, by name (a finding below one names
	// that inner resource).
	Nested map[string][]string
	// FreeForm maps a top-level field to the field of its resources that
	// holds a configuration of any shape, which its own schema judges.
	FreeForm map[string]string
	// Default marks the kind whose shape the schema gives a desired state
	// whose gateway.provider no kind serves (the schema then says what is
	// wrong with the provider): the compiler decodes such a desired state
	// with it too, for the checks that still make sense on it.
	Default bool
}

// kinds are the registered gateway kinds, by gateway.provider.
var kinds kindreg.Registry[Decoder]

// RegisterHook makes d the decoder of desired states whose
// gateway.provider is one of providers. Package gatewaykind calls it for
// every kind it registers.
func RegisterHook(providers []string, d Decoder) { kinds.Register(providers, d) }

// layouts are the registered kinds' layouts, in registration order.
func layouts() []Layout {
	var out []Layout
	for _, d := range kinds.All() {
		out = append(out, d.DesiredLayout())
	}
	return out
}

// topLevel are the fields a desired state of any kind has at its top.
func topLevel() []string {
	var out []string
	for _, l := range layouts() {
		for _, f := range l.TopLevel {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// isNested reports whether the field of a resource under top holds
// resources of their own, in any kind.
func isNested(top, fieldName string) bool {
	for _, l := range layouts() {
		if slices.Contains(l.Nested[top], fieldName) {
			return true
		}
	}
	return false
}

// isFreeForm reports whether the field of a top-level resource holds a
// configuration of any shape, which its own schema judges, in any kind.
func isFreeForm(top, fieldName string) bool {
	for _, l := range layouts() {
		if f, ok := l.FreeForm[top]; ok && f == fieldName {
			return true
		}
	}
	return false
}

// isLocal reports an embedded gateway, as the kind serving provider tells
// it.
func isLocal(provider string, local bool) bool {
	d, ok := kinds.Lookup(provider)
	return ok && d.SelectsEmbedded(provider, local)
}

// typedFindings are the TypedFindings of the kind serving d's provider.
func typedFindings(d *model.Desired) []diag.Finding {
	if k, ok := kinds.Lookup(d.Gateway.Provider); ok {
		return k.TypedFindings(d)
	}
	return nil
}

// decoderOf is the decoder of the kind the desired state at root names
// in gateway.provider, or of the default kind (Layout.Default) when it
// names none.
func decoderOf(root *Node) (Decoder, bool) {
	if p := root.Get("gateway").Get("provider"); p != nil && p.kind == cue.StringKind {
		if d, ok := kinds.Lookup(p.str); ok {
			return d, true
		}
	}
	for _, d := range kinds.All() {
		if d.DesiredLayout().Default {
			return d, true
		}
	}
	return nil, false
}

// checkUnknown checks a desired state whose gateway.provider no kind
// serves, when no kind is the default: the schema says what is wrong with
// it, or, when the schema knows the provider, that no kind serves it.
func (c *compilation) checkUnknown(root *Node) []diag.Finding {
	fs := c.checkDesired(root)
	if len(fs) > 0 {
		return fs
	}
	p := root.Get("gateway").Get("provider")
	at := p
	if at == nil {
		at = root
	}
	return []diag.Finding{diag.Errorf(diag.RuleSchema, "gateway", c.nodePos(at),
		fmt.Sprintf("provider: no gateway kind serves provider %q", p.Str()))}
}
