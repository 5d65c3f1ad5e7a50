package conflicts

import (
	"slices"
	"strings"
	"unicode"
)

// rng is an inclusive range of runes.
type rng struct{ lo, hi rune }

// charset is a sorted list of disjoint, non-adjacent ranges.
type charset []rng

// pathChars are the characters a request path can hold: RFC 3986 pchar
// (unreserved, sub-delims, ':', '@', and '%' of percent-encodings) plus '/'.
// Deciding overlap over this alphabet keeps witnesses printable and stops
// gwsync from reporting overlaps that only a malformed request could reach.
var pathChars = charset{
	{'!', '!'}, {'$', '/'}, {'0', ';'}, {'=', '='}, {'@', 'Z'}, {'_', '_'}, {'a', 'z'}, {'~', '~'},
}

// valueChars are the characters of a header or query parameter value as
// gwsync compares them: printable ASCII.
var valueChars = charset{{' ', '~'}}

// space is the strings patterns are decided over: the strings of chars
// and, when lead (a subset of chars) is set, only those that are not empty
// and start with a character of lead.
type space struct {
	chars charset
	lead  charset
	ascii [2]uint64 // the ASCII characters of chars, one bit each
}

func newSpace(chars, lead charset) *space {
	sp := &space{chars: chars, lead: lead}
	for c := rune(0); c < 0x80; c++ {
		if chars.contains(c) {
			sp.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	return sp
}

// hasASCII reports whether c is an ASCII character of the space, without a
// search of its ranges.
func (sp *space) hasASCII(c rune) bool {
	return c < 0x80 && sp.ascii[c>>6]&(1<<(c&63)) != 0
}

// paths are request paths: path characters, starting with '/'. No request
// has the empty path or one without its leading slash.
var paths = newSpace(pathChars, charset{{'/', '/'}})

// values are header and query parameter values, the empty one included.
var values = newSpace(valueChars, nil)

// wordChars are the characters regexp's \b treats as word characters.
var wordChars = charset{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}

// normalize sorts and merges ranges.
func normalize(rs []rng) charset {
	if len(rs) == 0 {
		return nil
	}
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b rng) int { return int(a.lo - b.lo) })
	out := charset{rs[0]}
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r.lo <= last.hi+1 {
			last.hi = max(last.hi, r.hi)
			continue
		}
		out = append(out, r)
	}
	return out
}

// intersect returns the characters in both a and b.
func (a charset) intersect(b charset) charset {
	var out charset
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].lo, b[j].lo), min(a[i].hi, b[j].hi)
		if lo <= hi {
			out = append(out, rng{lo, hi})
		}
		if a[i].hi < b[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

// minus returns the characters of a not in b.
func (a charset) minus(b charset) charset {
	var out charset
	for _, r := range a {
		lo := r.lo
		for _, s := range b {
			if s.hi < lo || s.lo > r.hi {
				continue
			}
			if s.lo > lo {
				out = append(out, rng{lo, s.lo - 1})
			}
			lo = s.hi + 1
		}
		if lo <= r.hi {
			out = append(out, rng{lo, r.hi})
		}
	}
	return out
}

// contains reports whether c is in the set.
func (a charset) contains(c rune) bool {
	i, found := slices.BinarySearchFunc(a, c, func(r rng, c rune) int {
		switch {
		case r.hi < c:
			return -1
		case r.lo > c:
			return 1
		}
		return 0
	})
	return found && i >= 0
}

// foldSet returns c and every rune that simple case folding maps to it.
func foldSet(c rune) charset {
	rs := []rng{{c, c}}
	for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
		rs = append(rs, rng{f, f})
	}
	return normalize(rs)
}

// foldKey maps each character of s to one representative of its simple
// case folding orbit, so two strings are equal under the folding that
// regexp's (?i), strings.EqualFold and the automata use exactly when their
// keys are equal. The representative is the orbit's ASCII lowercase letter
// if it has one, else its smallest rune: a lowercase ASCII path is its own
// key. Unlike strings.ToLower it also joins ſ (U+017F) with s, and the
// other orbits whose members do not lowercase to one rune.
func foldKey(s string) string {
	return strings.Map(foldRep, s)
}

func foldRep(c rune) rune {
	if c < 0x80 { // an ASCII rune's orbit holds no other ASCII rune but its other case
		if 'A' <= c && c <= 'Z' {
			return c - 'A' + 'a'
		}
		return c
	}
	rep := c
	for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
		if 'a' <= f && f <= 'z' {
			return f
		}
		rep = min(rep, f)
	}
	return rep
}

// pick returns a readable character from a non-empty range: a lowercase
// letter, a digit, '-', '/', else the range's first character.
func pick(r rng) rune {
	for _, pref := range []rng{{'a', 'z'}, {'0', '9'}, {'-', '-'}, {'/', '/'}, {'A', 'Z'}} {
		if lo, hi := max(r.lo, pref.lo), min(r.hi, pref.hi); lo <= hi {
			return lo
		}
	}
	return r.lo
}

// readableFirst puts first the intervals whose picked character is a
// letter or digit, keeping the order otherwise, so that of the strings of
// one length that lead somewhere a witness spells a readable one:
// "/orders/0" rather than "/orders/!".
func readableFirst(ivs []rng) []rng {
	slices.SortStableFunc(ivs, func(x, y rng) int { return readability(pick(x)) - readability(pick(y)) })
	return ivs
}

func readability(c rune) int {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
		return 0
	}
	return 1
}
