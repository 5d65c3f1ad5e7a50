package report

import (
	"io"
	"strings"
)

// CommandSafe wraps w so that nothing written through it can be read as a
// GitHub Actions workflow command: the runner reads a line (ended by a
// newline or a carriage return) whose text after leading white space
// begins with "::" as a command, so such a line is written with a
// backslash before its "::". gwsync's text views print names, paths and
// file names from pull requests and from the live gateway; the rules
// refuse control characters in what gwsync declares, and this guard holds
// for everything else. Call Flush when done.
func CommandSafe(w io.Writer) *SafeWriter { return &SafeWriter{w: w, start: true} }

// SafeWriter is the writer CommandSafe returns.
type SafeWriter struct {
	w     io.Writer
	start bool   // at the start of a line
	head  []byte // the start of the line, until it is decided
}

// Write implements io.Writer.
func (s *SafeWriter) Write(p []byte) (int, error) {
	var out []byte
	for _, c := range p {
		out = s.step(out, c)
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// step adds byte c, as it is to be written, to out.
func (s *SafeWriter) step(out []byte, c byte) []byte {
	if !s.start {
		if c == '\n' || c == '\r' {
			s.start = true
		}
		return append(out, c)
	}
	s.head = append(s.head, c)
	text := strings.TrimLeft(string(s.head), " \t\v\f")
	switch {
	case c == '\n' || c == '\r':
		out = append(out, s.head...)
		s.head = s.head[:0]
		return out
	case text == ":":
		return out // undecided until the next byte
	case text == "":
		return out // leading white space
	}
	if strings.HasPrefix(text, "::") {
		lead := s.head[:len(s.head)-len(text)]
		out = append(append(append(out, lead...), '\\'), text...)
	} else {
		out = append(out, s.head...)
	}
	s.head, s.start = s.head[:0], false
	return out
}

// Unwrap is the writer written to.
func (s *SafeWriter) Unwrap() io.Writer { return s.w }

// Flush writes what is held back of an unfinished line.
func (s *SafeWriter) Flush() error {
	if len(s.head) == 0 {
		return nil
	}
	_, err := s.w.Write(s.head)
	s.head = s.head[:0]
	return err
}
