package compiler

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/errors"
	"cuelang.org/go/encoding/yaml"

	"github.com/gwsync/gwsync/diag"
)

// Hints for CUE beginners: what CUE says about two common first mistakes
// is true but does not say what to change.

// hintQuoteKeys adds to each finding that points at an unquoted key CUE
// cannot read as a name (orders-backend, api.example.com, 1st) how to
// write it. CUE parses `orders-backend: {` as the expression
// `orders - backend` followed by a stray ':', and says "missing ',' in
// struct literal" at the ':' (or, for 1st, inside the key).
func (c *compilation) hintQuoteKeys(fs []diag.Finding) {
	sources := map[string][]byte{}
	for i := range fs {
		f := &fs[i]
		if f.Pos.Line < 1 || kindOf(f.Pos.File) != kindCUE {
			continue
		}
		src, ok := sources[f.Pos.File]
		if !ok {
			src, _ = os.ReadFile(c.resolve(f.Pos.File))
			sources[f.Pos.File] = src
		}
		if key, ok := keyAt(sourceLine(src, f.Pos.Line), f.Pos.Column); ok {
			f.Message += fmt.Sprintf(`; quote the key: write %q: (in CUE a key that has "-" or "." or starts with a digit must be quoted)`, key)
		}
	}
}

// sourceLine is line n (from 1) of src, or "".
func sourceLine(src []byte, n int) string {
	lines := bytes.Split(src, []byte("\n"))
	if n < 1 || n > len(lines) {
		return ""
	}
	return string(lines[n-1])
}

// keyAt finds the unquoted key at or just before column col (from 1, in
// bytes) of line: the run of name characters there, followed by ':'. It
// reports false when there is none, or when it is a name CUE reads as
// one.
func keyAt(line string, col int) (string, bool) {
	i := col - 1
	if i < 0 || i > len(line) {
		return "", false
	}
	start, end := i, i
	for start > 0 && isKeyByte(line[start-1]) {
		start--
	}
	for end < len(line) && isKeyByte(line[end]) {
		end++
	}
	key := line[start:end]
	if key == "" || !strings.HasPrefix(strings.TrimLeft(line[end:], " \t"), ":") || isIdentifier(key) {
		return "", false
	}
	return key, true
}

// isKeyByte reports whether b can be part of a key a beginner writes
// unquoted: letters, digits, '_', '$', '-' and '.'.
func isKeyByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("_$-.", b) >= 0
}

// isIdentifier reports whether s is a CUE identifier (a key that needs no
// quotes).
func isIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b == '-' || b == '.' || i == 0 && b >= '0' && b <= '9' {
			return false
		}
	}
	return s != ""
}

// looksLikeYAML reports whether src, which does not parse as CUE, is
// YAML: it parses as one YAML mapping, and has a line only YAML writes
// that way, a "- " list item or a "key:" opening an indented block.
func looksLikeYAML(src []byte) bool {
	f, err := yaml.Extract("in.yaml", src)
	if err != nil {
		return false
	}
	if s, ok := fileExpr(f).(*ast.StructLit); !ok || len(s.Elts) == 0 {
		return false
	}
	return hasYAMLBlock(strings.Split(string(src), "\n"))
}

// hasYAMLBlock reports whether lines hold a "- " list item, or a "key:"
// line followed by a more indented one.
func hasYAMLBlock(lines []string) bool {
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t == "-" || strings.HasPrefix(t, "- ") {
			return true
		}
		if i+1 < len(lines) && strings.HasSuffix(strings.TrimRight(t, " "), ":") && indent(lines[i+1]) > indent(l) {
			return true
		}
	}
	return false
}

// indent counts a line's leading spaces.
func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

// yamlInCUE reports a .cue file that holds YAML, at the place CUE stops
// reading it (err, the parse error).
func (c *compilation) yamlInCUE(file string, err error) {
	first := errors.Errors(err)[0]
	msg, pos := c.errorText(first, file)
	if !pos.IsValid() {
		pos = c.filePos(file)
	}
	yamlName := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) + ".yaml"
	c.add("", pos, fmt.Sprintf("%s looks like YAML, not CUE (CUE stops here: %s): name it %s and gwsync reads it as YAML, or write it as CUE",
		c.rel(file), msg, yamlName))
}
