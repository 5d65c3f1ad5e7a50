package conflicts

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// example returns a string of sp that re matches as a whole, found by
// walking the expression rather than searching an automaton: the first
// alternative that yields one, the fewest repetitions, a character of each
// class.
// ok is false when the walk finds none, which proves nothing: the walk
// gives up on \b and \B, and takes the first character of a class that
// sp allows where it stands, not one that lets the rest match.
func example(re *syntax.Regexp, sp *space) (string, bool) {
	var buf [64]byte
	w := walker{sp: sp, out: buf[:0]}
	if re == nil || !w.walk(re) || (sp.lead != nil && len(w.out) == 0) {
		return "", false
	}
	return string(w.out), true
}

// walker builds an example string; ended is set once $ (or \z) has held,
// after which no character may follow.
type walker struct {
	sp    *space
	out   []byte
	ended bool
}

// walk appends to the example a string re matches where it stands, and
// reports whether it found one.
func (w *walker) walk(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpLiteral:
		return w.literal(re.Rune, re.Flags&syntax.FoldCase != 0)
	case syntax.OpCharClass:
		return w.class(re.Rune)
	case syntax.OpAnyChar:
		return w.emitIn(rng{0, 0x10FFFF})
	case syntax.OpAnyCharNotNL:
		return w.emitIn(rng{0, '\n' - 1}) || w.emitIn(rng{'\n' + 1, 0x10FFFF})
	case syntax.OpBeginLine, syntax.OpBeginText:
		return len(w.out) == 0
	case syntax.OpEndLine, syntax.OpEndText:
		w.ended = true
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return w.walk(re.Sub[0])
	case syntax.OpRepeat:
		return w.repeat(re.Sub[0], re.Min)
	case syntax.OpConcat:
		return w.concat(re.Sub)
	case syntax.OpAlternate:
		return w.alternate(re.Sub)
	}
	return false // OpNoMatch, \b, \B
}

func (w *walker) repeat(re *syntax.Regexp, n int) bool {
	for range n {
		if !w.walk(re) {
			return false
		}
	}
	return true
}

func (w *walker) concat(subs []*syntax.Regexp) bool {
	for _, sub := range subs {
		if !w.walk(sub) {
			return false
		}
	}
	return true
}

// alternate takes the first alternative that yields a string, undoing
// what a failed one wrote.
func (w *walker) alternate(subs []*syntax.Regexp) bool {
	n, ended := len(w.out), w.ended
	for _, sub := range subs {
		if w.walk(sub) {
			return true
		}
		w.out, w.ended = w.out[:n], ended
	}
	return false
}

// literal appends runes, each spelled within sp (in any case when fold is
// set).
func (w *walker) literal(rs []rune, fold bool) bool {
	for _, r := range rs {
		if !w.emit(r, fold) {
			return false
		}
	}
	return true
}

// emit appends r, or with fold any rune of its case folding orbit, that
// sp allows where the string stands.
func (w *walker) emit(r rune, fold bool) bool {
	for f := r; ; f = unicode.SimpleFold(f) {
		if w.emitIn(rng{f, f}) {
			return true
		}
		if !fold || unicode.SimpleFold(f) == r {
			return false
		}
	}
}

// class appends a character of a class given as rune ranges (lo, hi
// pairs).
func (w *walker) class(pairs []rune) bool {
	for i := 0; i+1 < len(pairs); i += 2 {
		if w.emitIn(rng{pairs[i], pairs[i+1]}) {
			return true
		}
	}
	return false
}

// emitIn appends a character of r that sp allows where the string stands
// (a lead character first), if there is one and the string has not ended.
func (w *walker) emitIn(r rng) bool {
	if w.ended {
		return false
	}
	allowed := w.sp.chars
	if len(w.out) == 0 && w.sp.lead != nil {
		allowed = w.sp.lead
	}
	for _, a := range allowed {
		if lo, hi := max(r.lo, a.lo), min(r.hi, a.hi); lo <= hi {
			w.out = utf8.AppendRune(w.out, pick(rng{lo, hi}))
			return true
		}
	}
	return false
}
