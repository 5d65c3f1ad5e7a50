package diag

import (
	"fmt"
	"strings"
)

// Limits on what a finding repeats of the input: a quoted value longer
// than maxQuoted is cut to its start, and a message, resource or witness
// still longer than maxText loses its middle. Findings reach CI logs and
// pull-request comments; a 30 MB value written once in a desired state
// must not be printed again whole.
const (
	maxQuoted = 200
	keepQuote = 120
	maxText   = 4000
)

// Cut shortens text for a finding: each Go-quoted value longer than
// maxQuoted bytes keeps its start and says how long it was, and text still
// over maxText keeps its start and end.
func Cut(text string) string {
	if len(text) <= maxQuoted {
		return text
	}
	text = cutQuoted(text)
	if len(text) > maxText {
		head, tail := text[:maxText/2], text[len(text)-maxText/4:]
		text = fmt.Sprintf("%s[... %d bytes left out ...]%s", head, len(text)-len(head)-len(tail), tail)
	}
	return text
}

// cutQuoted cuts each long "..." segment of text (with \" escapes).
func cutQuoted(text string) string {
	var b strings.Builder
	for {
		start := strings.IndexByte(text, '"')
		if start < 0 {
			b.WriteString(text)
			return b.String()
		}
		end := closingQuote(text, start+1)
		if end < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:start])
		b.WriteString(shortQuote(text[start : end+1]))
		text = text[end+1:]
	}
}

// closingQuote is the index of the quote that ends a quoted value begun
// before from, or -1.
func closingQuote(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// shortQuote is a quoted value, cut to its start when long.
func shortQuote(q string) string {
	if len(q) <= maxQuoted {
		return q
	}
	head := q[:keepQuote]
	if i := strings.LastIndexByte(head, '\\'); i > keepQuote-12 {
		head = head[:i] // do not cut inside an escape
	}
	return fmt.Sprintf("%s...\" (%d bytes)", head, len(q)-2)
}
