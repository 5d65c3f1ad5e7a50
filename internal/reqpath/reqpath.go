// Package reqpath is the one form of a request path that gwsync's rules,
// its overlap engine and its data planes agree on: the path as a request
// carries it (RFC 3986), normalised the way a gateway normalises it before
// matching. Percent-escapes of unreserved characters are decoded ("%41"
// is "A"), hex digits are upper case, and every other escape is kept as it
// is, so "/a%2Fb" is not "/a/b": a route path matches only requests that
// carry it in this form.
package reqpath

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Canonical is the canonical form of an escaped request path (as
// url.URL.EscapedPath gives it). Bytes outside what a path may carry are
// percent-encoded, so the result holds only path characters.
func Canonical(escaped string) string {
	var b strings.Builder
	for i := 0; i < len(escaped); i++ {
		c := escaped[i]
		if c == '%' && i+2 < len(escaped) && isHex(escaped[i+1]) && isHex(escaped[i+2]) {
			v := unhex(escaped[i+1])<<4 | unhex(escaped[i+2])
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				fmt.Fprintf(&b, "%%%02X", v)
			}
			i += 2
			continue
		}
		if isPathChar(c) && c != '%' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// Problem says why a route's Exact or Prefix value is not a canonical
// request path ("" when it is), and suggests the value to write.
func Problem(value string) string {
	if !strings.HasPrefix(value, "/") {
		return fmt.Sprintf("does not start with \"/\"; write it as %q", "/"+value)
	}
	for i := 0; i < len(value); {
		r, size := utf8.DecodeRuneInString(value[i:])
		if msg := charProblem(value, i, r); msg != "" {
			return msg
		}
		i += size
	}
	if c := Canonical(value); c != value {
		return fmt.Sprintf("is matched as %q (escapes of letters, digits and -._~ are decoded, hex digits upper case): write it that way", c)
	}
	return ""
}

// charProblem says what is wrong with the rune r at byte i of value.
func charProblem(value string, i int, r rune) string {
	switch {
	case r == '?':
		return "holds \"?\", where a request's path ends and its query begins: match query parameters with queryParams"
	case r == '#':
		return "holds \"#\", which no request sends (it starts a fragment, kept by the client)"
	case r == '%':
		if i+2 >= len(value) || !isHex(value[i+1]) || !isHex(value[i+2]) {
			return fmt.Sprintf("holds %q at byte %d, which is not a percent-escape (\"%%\" and two hex digits); write a literal %% as %%25", cut(value[i:]), i)
		}
		return ""
	case r == utf8.RuneError:
		return fmt.Sprintf("holds bytes that are not UTF-8 at byte %d", i)
	case r < utf8.RuneSelf && isPathChar(byte(r)):
		return ""
	}
	return fmt.Sprintf("holds %q, which a request path cannot carry as it is; write it percent-encoded, %s", string(r), Canonical(string(r)))
}

// cut is the start of s, for a message.
func cut(s string) string {
	if len(s) > 3 {
		return s[:3]
	}
	return s
}

// isPathChar reports whether c may appear in a path as it is (RFC 3986
// pchar and "/", "%" starting an escape).
func isPathChar(c byte) bool {
	return isUnreserved(c) || strings.IndexByte("!$&'()*+,;=:@/%", c) >= 0
}

// isUnreserved reports whether c is an RFC 3986 unreserved character.
func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
