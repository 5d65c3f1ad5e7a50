package conflicts

import (
	"encoding/binary"
	"regexp/syntax"
	"slices"
)

// maxConfigs and maxWork bound one search (configurations visited, and
// automaton states handled across them); past either the question is
// reported as too large to decide.
const (
	maxConfigs = 50000
	maxWork    = 1000000
)

// side is what surrounds a position: the kind of character before it, or
// of the character after it.
type side uint8

const (
	edgeSide side = iota // the start (before) or the end (after) of the string
	wordSide
	otherSide
)

// emptyOps returns the assertions that hold between a character of kind
// prev and one of kind next.
func emptyOps(prev, next side) syntax.EmptyOp {
	var op syntax.EmptyOp
	if prev == edgeSide {
		op |= syntax.EmptyBeginText | syntax.EmptyBeginLine
	}
	if next == edgeSide {
		op |= syntax.EmptyEndText | syntax.EmptyEndLine
	}
	if (prev == wordSide) != (next == wordSide) {
		op |= syntax.EmptyWordBoundary
	} else {
		op |= syntax.EmptyNoWordBoundary
	}
	return op
}

// mode says what a search looks for.
type mode uint8

const (
	// intersect looks for a string both automata accept.
	intersect mode = iota
	// escape looks for a string a accepts and b does not (a ⊄ b).
	escape
)

// class is a set of next characters that share a side.
type class struct {
	side side
	set  charset
}

// search explores the product of a and b breadth-first, over the strings
// of sp, and returns the shortest string that satisfies m. found is false
// when none exists; err is errTooLarge when the search outgrew its own
// bounds, errBudget when the run's budget bud was spent first.
func search(a, b *nfa, sp *space, m mode, bud *budget) (witness string, found bool, err error) {
	s := searcher{a: a, b: b, m: m, seen: map[string]int{}, bud: bud}
	s.classes = []class{{otherSide, sp.chars}}
	if a.word || b.word {
		s.classes = []class{{wordSide, sp.chars.intersect(wordChars)}, {otherSide, sp.chars.minus(wordChars)}}
	}
	s.first = s.classes
	if sp.lead != nil {
		s.first = leading(s.classes, sp.lead)
	}
	s.push(config{a: []int32{a.start}, b: []int32{b.start}, prev: edgeSide}, -1, 0)
	for i := 0; i < len(s.nodes); i++ {
		if len(s.nodes) > maxConfigs || s.work > maxWork {
			return "", false, errTooLarge
		}
		if !bud.tick() {
			return "", false, errBudget
		}
		if (i > 0 || sp.lead == nil) && s.goal(s.nodes[i].config) {
			return s.witness(i), true, nil
		}
		s.expand(i)
	}
	return "", false, nil
}

// leading narrows classes to the characters a string may start with.
func leading(classes []class, lead charset) []class {
	out := make([]class, 0, len(classes))
	for _, cl := range classes {
		out = append(out, class{cl.side, cl.set.intersect(lead)})
	}
	return out
}

// config is one state of the product: the states each automaton may be in,
// and the kind of the last character read.
type config struct {
	a, b []int32
	prev side
}

type searchNode struct {
	config
	parent int
	char   rune
}

type searcher struct {
	a, b    *nfa
	m       mode
	classes []class
	first   []class // classes of the first character
	nodes   []searchNode
	seen    map[string]int
	work    int // automaton states handled so far
	bud     *budget
}

// goal reports whether the input read so far ends a string the search
// looks for.
func (s *searcher) goal(c config) bool {
	ops := emptyOps(c.prev, edgeSide)
	accA := accepts(s.a, closure(s.a, c.a, ops))
	if s.m == escape {
		return accA && !accepts(s.b, closure(s.b, c.b, ops))
	}
	return accA && accepts(s.b, closure(s.b, c.b, ops))
}

// expand enqueues every configuration one character away from node i.
func (s *searcher) expand(i int) {
	c := s.nodes[i].config
	classes := s.classes
	if i == 0 {
		classes = s.first
	}
	for _, cl := range classes {
		ops := emptyOps(c.prev, cl.side)
		ca, cb := closure(s.a, c.a, ops), closure(s.b, c.b, ops)
		s.work += len(ca) + len(cb)
		s.bud.spend(len(ca) + len(cb))
		for _, iv := range readableFirst(partition(cl.set, s.a, ca, s.b, cb)) {
			r := pick(iv)
			next := config{a: step(s.a, ca, r), b: step(s.b, cb, r), prev: cl.side}
			if len(next.a) == 0 || (s.m == intersect && len(next.b) == 0) {
				continue
			}
			s.push(next, i, r)
		}
	}
}

func (s *searcher) push(c config, parent int, r rune) {
	k := c.key()
	if _, ok := s.seen[k]; ok {
		return
	}
	s.seen[k] = len(s.nodes)
	s.nodes = append(s.nodes, searchNode{config: c, parent: parent, char: r})
}

// witness spells the string that leads to node i.
func (s *searcher) witness(i int) string {
	var rs []rune
	for ; s.nodes[i].parent >= 0; i = s.nodes[i].parent {
		rs = append(rs, s.nodes[i].char)
	}
	slices.Reverse(rs)
	return string(rs)
}

func (c config) key() string {
	buf := make([]byte, 0, 4*(len(c.a)+len(c.b))+8)
	buf = append(buf, byte(c.prev))
	buf = binary.AppendUvarint(buf, uint64(len(c.a)))
	for _, x := range c.a {
		buf = binary.AppendUvarint(buf, uint64(x))
	}
	for _, x := range c.b {
		buf = binary.AppendUvarint(buf, uint64(x))
	}
	return string(buf)
}

// closure returns the states reachable from set by epsilon edges and by
// assertions that ops satisfies, sorted.
func closure(n *nfa, set []int32, ops syntax.EmptyOp) []int32 {
	seen := make(map[int32]bool, len(set))
	stack := slices.Clone(set)
	var out []int32
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
		st := &n.states[x]
		stack = append(stack, st.eps...)
		for _, a := range st.assert {
			if a.op&^ops == 0 {
				stack = append(stack, a.to)
			}
		}
	}
	slices.Sort(out)
	return out
}

func accepts(n *nfa, set []int32) bool {
	for _, x := range set {
		if n.states[x].accept {
			return true
		}
	}
	return false
}

// step returns the states set moves to on reading r, sorted.
func step(n *nfa, set []int32, r rune) []int32 {
	var out []int32
	for _, x := range set {
		for _, e := range n.states[x].edges {
			if e.set.contains(r) {
				out = append(out, e.to)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// partition splits cs into ranges on which every edge leaving the two
// state sets either takes all characters or none.
func partition(cs charset, a *nfa, sa []int32, b *nfa, sb []int32) []rng {
	var cuts []rune
	addCuts := func(n *nfa, set []int32) {
		for _, x := range set {
			for _, e := range n.states[x].edges {
				for _, r := range e.set {
					cuts = append(cuts, r.lo, r.hi+1)
				}
			}
		}
	}
	addCuts(a, sa)
	addCuts(b, sb)
	if len(cuts) == 0 {
		return nil
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []rng
	for _, r := range cs {
		lo := r.lo
		for _, c := range cuts {
			if c > lo && c <= r.hi {
				out = append(out, rng{lo, c - 1})
				lo = c
			}
		}
		out = append(out, rng{lo, r.hi})
	}
	return out
}
