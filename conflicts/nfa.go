package conflicts

import (
	"errors"
	"fmt"
	"regexp/syntax"
)

// maxStates bounds the automaton built for one pattern. A regex whose
// automaton would be larger is reported as too large to decide rather than
// analysed for an unbounded time.
const maxStates = 20000

// errTooLarge means an automaton or a search exceeded its budget.
var errTooLarge = errors.New("too large to decide")

// nfa is a nondeterministic automaton over runes whose language is the set
// of whole strings a pattern matches. Besides consuming edges it has
// epsilon edges and empty-width assertions (^, $, \b, \B), which are
// decided from the characters before and after the current position.
type nfa struct {
	states []nstate
	start  int32
	// word is true when some assertion depends on word characters (\b,
	// \B); searches then track whether the previous character was one.
	word bool
}

type nstate struct {
	edges  []edge
	eps    []int32
	assert []assertion
	accept bool
}

// edge consumes one character of set.
type edge struct {
	set charset
	to  int32
}

// assertion is an empty-width edge taken only where op holds.
type assertion struct {
	op syntax.EmptyOp
	to int32
}

func (n *nfa) add(s nstate) int32 {
	n.states = append(n.states, s)
	return int32(len(n.states) - 1)
}

// literalNFA matches exactly s, or s followed by anything in alphabet when
// prefix is set; fold makes each character match its case variants.
func literalNFA(s string, prefix, fold bool, alphabet charset) *nfa {
	n := &nfa{}
	cur := n.add(nstate{})
	n.start = cur
	for _, c := range s {
		set := charset{{c, c}}
		if fold {
			set = foldSet(c)
		}
		next := n.add(nstate{})
		n.states[cur].edges = append(n.states[cur].edges, edge{set.intersect(alphabet), next})
		cur = next
	}
	n.states[cur].accept = true
	if prefix {
		n.states[cur].edges = append(n.states[cur].edges, edge{alphabet, cur})
	}
	return n
}

// regexNFA builds the automaton of the strings a regular expression
// matches as a whole, over alphabet, from its parsed and simplified form
// re; expr, as written, names it in errors.
func regexNFA(expr string, re *syntax.Regexp, alphabet charset) (*nfa, error) {
	prog, err := syntax.Compile(re)
	if err != nil {
		return nil, err
	}
	if len(prog.Inst) > maxStates {
		return nil, fmt.Errorf("regex %q compiles to %d states (more than %d): %w", expr, len(prog.Inst), maxStates, errTooLarge)
	}
	return progNFA(prog, alphabet), nil
}

// progNFA turns a compiled regexp program into an nfa: one state per
// instruction. Running it from Start and accepting at InstMatch only at the
// end of the input is a whole-string match.
func progNFA(prog *syntax.Prog, alphabet charset) *nfa {
	n := &nfa{states: make([]nstate, len(prog.Inst)), start: int32(prog.Start)}
	for i, in := range prog.Inst {
		s := &n.states[i]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			s.eps = []int32{int32(in.Out), int32(in.Arg)}
		case syntax.InstCapture, syntax.InstNop:
			s.eps = []int32{int32(in.Out)}
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(in.Arg)
			n.word = n.word || op&(syntax.EmptyWordBoundary|syntax.EmptyNoWordBoundary) != 0
			s.assert = []assertion{{op, int32(in.Out)}}
		case syntax.InstMatch:
			s.accept = true
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if set := instSet(in).intersect(alphabet); len(set) > 0 {
				s.edges = []edge{{set, int32(in.Out)}}
			}
		}
	}
	return n
}

// instSet is the set of characters a rune instruction consumes.
func instSet(in syntax.Inst) charset {
	switch in.Op {
	case syntax.InstRuneAny:
		return charset{{0, 0x10FFFF}}
	case syntax.InstRuneAnyNotNL:
		return charset{{0, '\n' - 1}, {'\n' + 1, 0x10FFFF}}
	}
	if len(in.Rune) == 1 {
		if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
			return foldSet(in.Rune[0])
		}
		return charset{{in.Rune[0], in.Rune[0]}}
	}
	rs := make([]rng, 0, len(in.Rune)/2)
	for i := 0; i+1 < len(in.Rune); i += 2 {
		rs = append(rs, rng{in.Rune[i], in.Rune[i+1]})
	}
	return normalize(rs)
}

// union returns an automaton of the strings any of ns matches.
func union(ns []*nfa) *nfa {
	u := &nfa{}
	u.start = u.add(nstate{})
	for _, n := range ns {
		off := int32(len(u.states))
		for _, s := range n.states {
			u.states = append(u.states, shift(s, off))
		}
		u.states[u.start].eps = append(u.states[u.start].eps, n.start+off)
		u.word = u.word || n.word
	}
	return u
}

func shift(s nstate, off int32) nstate {
	out := nstate{accept: s.accept}
	for _, e := range s.edges {
		out.edges = append(out.edges, edge{e.set, e.to + off})
	}
	for _, e := range s.eps {
		out.eps = append(out.eps, e+off)
	}
	for _, a := range s.assert {
		out.assert = append(out.assert, assertion{a.op, a.to + off})
	}
	return out
}
