package compiler

import (
	"cmp"
	"slices"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/token"

	"github.com/gwsync/gwsync/model"
)

// Decoding is one desired state being checked and decoded by its kind
// (see Decoder): it places nodes in the user's files, checks them against
// the schema, and decodes what every kind's desired state has (the
// gateway block, probes).
type Decoding struct{ c *compilation }

// Pos is where the node was written, relative to the compilation's
// directory.
func (dc *Decoding) Pos(n *Node) model.Pos { return dc.c.pos(n.pos) }

// FieldPositions maps the JSON pointer of every value under n, relative
// to n, to its position (the model's FieldPos).
func (dc *Decoding) FieldPositions(n *Node) map[string]model.Pos {
	at := map[string]token.Pos{}
	n.positions("", at)
	out := make(map[string]model.Pos, len(at))
	for ptr, pos := range at {
		out[ptr] = dc.c.pos(pos)
	}
	return out
}

// Gateway decodes the gateway block's fields every kind has (provider,
// id, region, owner).
func (dc *Decoding) Gateway(v *Node) model.Gateway {
	g := model.Gateway{Pos: dc.Pos(v)}
	for _, fld := range v.fields {
		switch f := fld.Value; fld.Name {
		case "provider":
			g.Provider = f.Str()
		case "id":
			g.ID = f.Str()
		case "region":
			g.Region = f.Str()
		case "owner":
			g.Owner = f.Str()
		}
	}
	return g
}

// Probe decodes the probe called name.
func (dc *Decoding) Probe(name string, v *Node) *model.Probe {
	p := &model.Probe{Name: name, Pos: dc.Pos(v)}
	for _, fld := range v.fields {
		switch f := fld.Value; fld.Name {
		case "request":
			dc.probeRequest(p, f)
		case "source":
			p.Source, p.SourcePos = f.Str(), dc.Pos(f)
		case "expect":
			dc.probeExpect(p, f)
		}
	}
	return p
}

func (dc *Decoding) probeExpect(p *model.Probe, v *Node) {
	for _, fld := range v.fields {
		switch f := fld.Value; fld.Name {
		case "status":
			p.Status = f.Int()
		case "headers":
			p.ExpectHeaders = Each(f, dc.headerExpectation)
		case "location":
			p.Location, p.HasLocation, p.LocationPos = f.Str(), true, dc.Pos(f)
		}
	}
}

// headerExpectation decodes one expect.headers entry: a string is the
// exact value, a bool says present or absent.
func (dc *Decoding) headerExpectation(name string, v *Node) model.HeaderExpectation {
	h := model.HeaderExpectation{Name: name, Pos: dc.Pos(v)}
	if v.kind == cue.BoolKind {
		h.Present = v.b
	} else {
		h.Exact, h.Value = true, v.Str()
	}
	return h
}

func (dc *Decoding) probeRequest(p *model.Probe, v *Node) {
	for _, fld := range v.fields {
		switch f := fld.Value; fld.Name {
		case "method":
			p.Method = f.Str()
		case "domain":
			p.Domain = model.Ref{Name: f.Str(), Pos: dc.Pos(f)}
		case "path":
			p.Path = f.Str()
		case "headers":
			p.Headers = dc.params(f)
		case "query":
			p.Query = dc.params(f)
		case "scheme":
			p.Scheme, p.SchemePos = f.Str(), dc.Pos(f)
		case "origin":
			p.Origin, p.OriginPos = f.Str(), dc.Pos(f)
		case "accessControlRequestMethod":
			p.PreflightMethod, p.PreflightMethodPos = f.Str(), dc.Pos(f)
		}
	}
}

// params decodes a struct of strings into named values, in declaration
// order.
func (dc *Decoding) params(v *Node) []model.Param {
	return Each(v, func(name string, e *Node) model.Param {
		return model.Param{Name: name, Value: e.Str(), Pos: dc.Pos(e)}
	})
}

// Refs decodes a list of strings with their positions.
func (dc *Decoding) Refs(v *Node) []model.Ref {
	var out []model.Ref
	for _, e := range v.Elems() {
		out = append(out, model.Ref{Name: e.Str(), Pos: dc.Pos(e)})
	}
	return out
}

// Each decodes every field of a struct node, in declaration order.
func Each[T any](n *Node, decode func(name string, v *Node) T) []T {
	out := make([]T, 0, len(n.fields))
	for _, f := range n.fields {
		out = append(out, decode(f.Name, f.Value))
	}
	return out
}

// EachElem decodes every element of a list node (none for a missing
// node).
func EachElem[T any](n *Node, decode func(*Node) T) []T {
	if n == nil {
		return nil
	}
	out := make([]T, 0, len(n.elems))
	for _, e := range n.elems {
		out = append(out, decode(e))
	}
	return out
}

// SortByName sorts s by name, stably.
func SortByName[T any](s []T, name func(T) string) {
	slices.SortStableFunc(s, func(a, b T) int { return cmp.Compare(name(a), name(b)) })
}
