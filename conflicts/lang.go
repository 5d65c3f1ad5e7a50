package conflicts

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/gwsync/gwsync/model"
)

// pattern is a set of strings written as Exact, Prefix or Regex, as route
// paths and header and query conditions are.
type pattern struct {
	typ   string // model.PathExact, model.PathPrefix or model.PathRegex
	value string
	fold  bool // compared case-insensitively
	// chars is the value's length in characters (code points): a Prefix's
	// length for precedence, and the length of an Exact's string.
	chars int
	// lit is a literal every string of the set starts with, under foldKey.
	lit string
	// key identifies the set: equal keys, equal sets.
	key      string
	alphabet charset
	auto     *nfa
	err      error
}

// newPattern reads a pattern. A Regex that is not RE2 sets err.
func newPattern(typ, value string, fold bool, alphabet charset) *pattern {
	p := &pattern{typ: typ, value: value, fold: fold, chars: utf8.RuneCountInString(value), alphabet: alphabet}
	norm := value
	if fold {
		norm = foldKey(value)
	}
	p.lit = foldKey(value)
	if typ == model.PathRegex {
		p.lit, norm, p.err = regexFacts(value, fold)
	}
	p.key = fmt.Sprint(typ, "\x00", fold, "\x00", norm)
	return p
}

// regexFacts returns a regex's literal prefix (under foldKey) and
// canonical form.
func regexFacts(expr string, fold bool) (lit, canon string, err error) {
	src := expr
	if fold {
		src = "(?i)" + expr
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return "", "", err
	}
	prefix, _ := re.LiteralPrefix()
	parsed, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return "", "", err
	}
	return foldKey(prefix), parsed.Simplify().String(), nil
}

// literal reports whether the pattern is a plain string or string prefix.
func (p *pattern) literal() bool { return p.typ != model.PathRegex }

// nfa returns the pattern's automaton, building it on first use.
func (p *pattern) nfa() (*nfa, error) {
	if p.auto != nil || p.err != nil {
		return p.auto, p.err
	}
	if p.literal() {
		p.auto = literalNFA(p.value, p.typ == model.PathPrefix, p.fold, p.alphabet)
	} else {
		p.auto, p.err = regexNFA(p.value, p.fold, p.alphabet)
	}
	return p.auto, p.err
}

// meet returns a string in both patterns, if there is one.
func meet(a, b *pattern) (witness string, ok bool, err error) {
	if a.literal() && b.literal() && plain(a) && plain(b) {
		w, ok := meetLiteral(a, b)
		return w, ok, nil
	}
	na, err := a.nfa()
	if err != nil {
		return "", false, err
	}
	nb, err := b.nfa()
	if err != nil {
		return "", false, err
	}
	return search(na, nb, a.alphabet, intersect)
}

// plain reports whether a literal pattern is ASCII within its alphabet, so
// string comparison decides it exactly.
func plain(p *pattern) bool {
	for _, c := range p.value {
		if c >= 0x80 || !p.alphabet.contains(c) {
			return false
		}
	}
	return true
}

// meetLiteral decides two Exact/Prefix patterns with string comparison.
func meetLiteral(a, b *pattern) (string, bool) {
	if len(a.value) > len(b.value) || (len(a.value) == len(b.value) && a.typ == model.PathPrefix) {
		a, b = b, a // a is the shorter (or the Exact of two equal lengths)
	}
	fold := a.fold || b.fold
	switch {
	case a.typ == model.PathExact && b.typ == model.PathExact:
		if len(a.value) != len(b.value) || !eq(a.value, b.value, fold) {
			return "", false
		}
	case a.typ == model.PathExact: // b is a Prefix no shorter than a
		if len(a.value) != len(b.value) || !eq(a.value, b.value, fold) {
			return "", false
		}
	default: // a is a Prefix, b is at least as long
		if !eq(a.value, b.value[:len(a.value)], fold) {
			return "", false
		}
	}
	// Spell the witness so each side matches it: the shared part as the
	// case-sensitive side writes it (lowercase when both fold), the rest
	// as b is spelled.
	n := len(a.value)
	head := strings.ToLower(a.value)
	switch {
	case !a.fold:
		head = a.value
	case !b.fold:
		head = b.value[:n]
	}
	return head + spell(b)[n:], true
}

// spell is how a witness writes a literal pattern's characters.
func spell(p *pattern) string {
	if p.fold {
		return strings.ToLower(p.value)
	}
	return p.value
}

func eq(x, y string, fold bool) bool {
	if fold {
		return strings.EqualFold(x, y)
	}
	return x == y
}

// covers reports whether every string of p is in some pattern of qs.
// It returns, when not, a string of p that escapes them.
func covers(qs []*pattern, p *pattern) (escapee string, covered bool, err error) {
	np, err := p.nfa()
	if err != nil {
		return "", false, err
	}
	ns := make([]*nfa, 0, len(qs))
	for _, q := range qs {
		n, err := q.nfa()
		if err != nil {
			return "", false, err
		}
		ns = append(ns, n)
	}
	w, found, err := search(np, union(ns), p.alphabet, escape)
	return w, !found && err == nil, err
}
