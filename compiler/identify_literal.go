package compiler

import (
	"os"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/literal"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/scanner"
	"cuelang.org/go/cue/token"
)

// literalIdentity reads a CUE package's gateway identity from its source,
// a scan of its tokens and a parse of the files that declare gateway,
// much cheaper than evaluating the package. It can tell only when every
// top-level declaration is plain (package, import, let, an attribute, or
// a field with a literal label: no embedding, comprehension or pattern
// that could add to gateway) and every gateway field is a struct whose
// provider, id and local are literals; ok is false otherwise.
func literalIdentity(files []string) (id Identity, ok bool) {
	fields := map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return Identity{}, false
		}
		plain, declares := scanTop(src)
		if !plain {
			return Identity{}, false
		}
		if declares && !gatewayLiterals(f, src, fields) {
			return Identity{}, false
		}
	}
	if fields["provider"] == "" {
		return Identity{}, false
	}
	id = Identity{Provider: fields["provider"], ID: fields["id"]}
	id.Local = isLocal(id.Provider, fields["local"] == "true")
	return id, true
}

// scanTop reports whether every top-level declaration of a CUE file is
// plain (see literalIdentity), and whether one is a field labelled
// gateway. A file that does not scan, or whose brackets do not balance,
// is not plain.
func scanTop(src []byte) (plain, gateway bool) {
	var s scanner.Scanner
	bad := false
	s.Init(token.NewFile("", -1, len(src)), src, func(token.Pos, string, []interface{}) { bad = true }, 0)
	depth, start := 0, true
	for {
		_, tok, lit := s.Scan()
		switch {
		case tok == token.EOF:
			return !bad && depth == 0, gateway
		case depth == 0 && tok == token.COMMA:
			start = true
			continue
		case depth == 0 && start:
			start = false
			isField, name, ok := topDecl(&s, tok, lit)
			if !ok {
				return false, false
			}
			gateway = gateway || (isField && name == "gateway")
			continue
		}
		depth += bracketDepth(tok)
	}
}

// topDecl reads the start of a top-level declaration whose first token
// is tok: whether it is a field, and its label; ok is false when it is
// not plain. It consumes the token after a label (the colon).
func topDecl(s *scanner.Scanner, tok token.Token, lit string) (isField bool, name string, ok bool) {
	switch tok {
	case token.LET, token.ATTRIBUTE:
		return false, "", true
	case token.IDENT, token.STRING:
	default:
		return false, "", false
	}
	name = lit
	if tok == token.STRING {
		var err error
		if name, err = literal.Unquote(lit); err != nil {
			return false, "", false
		}
	}
	_, next, _ := s.Scan()
	switch {
	case next == token.COLON:
		return true, name, true
	case next == token.OPTION || next == token.NOT:
		_, colon, _ := s.Scan()
		return colon == token.COLON, name, colon == token.COLON
	case tok == token.IDENT && lit == "package":
		return false, "", next == token.IDENT
	case tok == token.IDENT && lit == "import" && next == token.LPAREN:
		return false, "", skipParens(s)
	case tok == token.IDENT && lit == "import":
		return false, "", next == token.STRING || next == token.IDENT
	}
	return false, "", false
}

// skipParens consumes an import block after its opening parenthesis and
// reports whether it closed.
func skipParens(s *scanner.Scanner) bool {
	for {
		_, tok, _ := s.Scan()
		switch tok {
		case token.RPAREN:
			return true
		case token.EOF, token.LPAREN, token.LBRACE, token.LBRACK:
			return false
		}
	}
}

// bracketDepth is how a token changes the bracket depth.
func bracketDepth(tok token.Token) int {
	switch tok {
	case token.LBRACE, token.LBRACK, token.LPAREN:
		return 1
	case token.RBRACE, token.RBRACK, token.RPAREN:
		return -1
	}
	return 0
}

// gatewayLiterals adds the literal provider, id and local of a file's
// top-level gateway fields to fields. It reports false when one is not a
// struct of plain fields, one of the three is not a literal, or two
// declarations disagree.
func gatewayLiterals(file string, src []byte, fields map[string]string) bool {
	f, err := parser.ParseFile(file, src)
	if err != nil {
		return false
	}
	for _, decl := range f.Decls {
		field, ok := decl.(*ast.Field)
		if !ok {
			continue
		}
		if name, _, _ := ast.LabelName(field.Label); name != "gateway" {
			continue
		}
		st, ok := field.Value.(*ast.StructLit)
		if !ok || !structLiterals(st, fields) {
			return false
		}
	}
	return true
}

// structLiterals adds a gateway struct's literal provider, id and local
// to fields (see gatewayLiterals).
func structLiterals(st *ast.StructLit, fields map[string]string) bool {
	for _, elt := range st.Elts {
		f, ok := elt.(*ast.Field)
		if !ok {
			return false
		}
		name, isIdent, err := ast.LabelName(f.Label)
		if err != nil || (!isIdent && name == "") {
			return false
		}
		if name != "provider" && name != "id" && name != "local" {
			continue
		}
		value, ok := literalText(f)
		if !ok {
			return false
		}
		if prev, seen := fields[name]; seen && prev != value {
			return false
		}
		fields[name] = value
	}
	return true
}

// literalText is the value of a regular field written as a string or
// boolean literal.
func literalText(f *ast.Field) (string, bool) {
	lit, ok := f.Value.(*ast.BasicLit)
	if !ok || f.Constraint != token.ILLEGAL {
		return "", false
	}
	switch lit.Kind {
	case token.TRUE, token.FALSE:
		return lit.Value, true
	case token.STRING:
		s, err := literal.Unquote(lit.Value)
		return s, err == nil
	}
	return "", false
}
