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
	// key identifies the set: equal keys, equal sets (the converse does
	// not hold; sameSet decides it).
	key string
	// re is a Regex's expression, simplified (nil for a literal).
	re   *syntax.Regexp
	sp   *space
	auto *nfa
	err  error
}

// newPattern reads a pattern over the strings of sp. A Regex that is not
// RE2 sets err.
func newPattern(typ, value string, fold bool, sp *space) *pattern {
	p := &pattern{typ: typ, value: value, fold: fold, chars: utf8.RuneCountInString(value), sp: sp}
	norm := value
	if fold {
		norm = foldKey(value)
	}
	p.lit = foldKey(value)
	if typ == model.PathRegex {
		p.lit, p.re, p.err = regexFacts(value, fold)
		if p.re != nil {
			norm = p.re.String()
		}
	}
	p.key = fmt.Sprint(typ, "\x00", fold, "\x00", norm)
	return p
}

// regexFacts returns a regex's literal prefix (under foldKey) and its
// expression, simplified, whose String is its canonical form.
func regexFacts(expr string, fold bool) (lit string, re *syntax.Regexp, err error) {
	src := expr
	if fold {
		src = "(?i)" + expr
	}
	compiled, err := regexp.Compile(src)
	if err != nil {
		return "", nil, err
	}
	prefix, _ := compiled.LiteralPrefix()
	parsed, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return "", nil, err
	}
	return foldKey(prefix), parsed.Simplify(), nil
}

// literal reports whether the pattern is a plain string or string prefix.
func (p *pattern) literal() bool { return p.typ != model.PathRegex }

// nfa returns the pattern's automaton, building it on first use and
// charging what it keeps to bud.
func (p *pattern) nfa(bud *budget) (*nfa, error) {
	if p.auto == nil && p.err == nil {
		if p.literal() {
			p.auto = literalNFA(p.value, p.typ == model.PathPrefix, p.fold, p.sp.chars)
		} else {
			p.auto, p.err = regexNFA(p.value, p.re, p.sp.chars)
		}
		if p.auto != nil {
			bud.spend(builtWeight * len(p.auto.states))
		}
	}
	if p.err == nil && !bud.ok() {
		return nil, errBudget
	}
	return p.auto, p.err
}

// meet returns a string in both patterns, if there is one.
func meet(a, b *pattern, bud *budget) (witness string, ok bool, err error) {
	if a.literal() && b.literal() && plain(a) && plain(b) {
		w, ok := meetLiteral(a, b)
		return w, ok, nil
	}
	na, err := a.nfa(bud)
	if err != nil {
		return "", false, err
	}
	nb, err := b.nfa(bud)
	if err != nil {
		return "", false, err
	}
	return search(na, nb, a.sp, intersect, bud)
}

// plain reports whether a literal pattern is ASCII within its space (its
// first character a lead one), so string comparison decides it exactly.
func plain(p *pattern) bool {
	for i, c := range p.value {
		if !p.sp.hasASCII(c) || (i == 0 && p.sp.lead != nil && !p.sp.lead.contains(c)) {
			return false
		}
	}
	return p.value != "" || p.sp.lead == nil
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
func covers(qs []*pattern, p *pattern, bud *budget) (escapee string, covered bool, err error) {
	np, err := p.nfa(bud)
	if err != nil {
		return "", false, err
	}
	ns := make([]*nfa, 0, len(qs))
	for _, q := range qs {
		n, err := q.nfa(bud)
		if err != nil {
			return "", false, err
		}
		ns = append(ns, n)
	}
	u := union(ns)
	bud.spend(len(u.states))
	w, found, err := search(np, u, p.sp, escape, bud)
	return w, !found && err == nil, err
}

// empty reports whether no string of its space is in p. A regex that
// yields an example string is not; only the others take a search.
func (p *pattern) empty(bud *budget) (bool, error) {
	if p.literal() {
		return !plain(p) && literalEmpty(p), nil
	}
	if _, ok := example(p.re, p.sp); ok {
		return false, nil
	}
	n, err := p.nfa(bud)
	if err != nil {
		return false, err
	}
	_, found, err := search(n, literalNFA("", true, false, p.sp.chars), p.sp, intersect, bud)
	return !found && err == nil, err
}

// literalEmpty reports whether some character of a literal pattern has no
// spelling in its space (its first one none that may start a string).
func literalEmpty(p *pattern) bool {
	if p.value == "" {
		return p.sp.lead != nil && p.typ == model.PathExact
	}
	for i, c := range p.value {
		set := charset{{c, c}}
		if p.fold {
			set = foldSet(c)
		}
		set = set.intersect(p.sp.chars)
		if i == 0 && p.sp.lead != nil {
			set = set.intersect(p.sp.lead)
		}
		if len(set) == 0 {
			return true
		}
	}
	return false
}

// sameSet reports whether a and b, neither empty, are the same set of
// strings: equal keys decide it at once, and so do literals of different
// types or lengths (an Exact's strings have one length, a Prefix's every
// length from its own); anything else is decided by inclusion both ways.
func sameSet(a, b *pattern, bud *budget) (bool, error) {
	switch {
	case a.key == b.key:
		return true, nil
	case a.literal() && b.literal() && (a.typ != b.typ || a.chars != b.chars):
		return false, nil
	}
	if _, in, err := covers([]*pattern{b}, a, bud); err != nil || !in {
		return false, err
	}
	_, in, err := covers([]*pattern{a}, b, bud)
	return in, err
}
