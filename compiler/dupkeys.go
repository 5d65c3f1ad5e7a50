package compiler

import (
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"
)

// dupKey is a key written twice in one JSON or YAML object.
type dupKey struct {
	name       string
	pos, first token.Pos
}

// duplicateKeys finds keys written twice in one object of a data file. CUE
// would unify equal duplicates silently; in JSON and YAML a repeated key is
// almost always a mistake, and parsers disagree about which value wins.
func duplicateKeys(e ast.Expr) []dupKey {
	var out []dupKey
	ast.Walk(e, func(n ast.Node) bool {
		if s, ok := n.(*ast.StructLit); ok {
			out = append(out, structDups(s)...)
		}
		return true
	}, nil)
	return out
}

func structDups(s *ast.StructLit) []dupKey {
	var out []dupKey
	seen := map[string]token.Pos{}
	for _, d := range s.Elts {
		f, ok := d.(*ast.Field)
		if !ok {
			continue
		}
		name, _, err := ast.LabelName(f.Label)
		if err != nil {
			continue
		}
		if first, ok := seen[name]; ok {
			out = append(out, dupKey{name: name, pos: f.Label.Pos(), first: first})
			continue
		}
		seen[name] = f.Label.Pos()
	}
	return out
}
