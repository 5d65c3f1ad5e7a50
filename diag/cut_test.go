package diag

import (
	"strings"
	"testing"
)

func TestCut(t *testing.T) {
	long := strings.Repeat("a", 30<<20)
	msg := `route path "` + long + `" holds " ", which a request path cannot carry; write it percent-encoded, %20`
	got := Cut(msg)
	if len(got) > 600 || !strings.HasSuffix(got, "write it percent-encoded, %20") || !strings.Contains(got, `..." (31457280 bytes)`) {
		t.Errorf("a 30 MB quoted value: %d bytes, ends %q", len(got), got[max(0, len(got)-80):])
	}
	if short := `route name "Orders_Route" has uppercase letters`; Cut(short) != short {
		t.Errorf("a short message changed: %q", Cut(short))
	}
	escaped := `value "` + strings.Repeat(`\"x`, 200) + `" end`
	if got := Cut(escaped); !strings.HasSuffix(got, `(600 bytes) end`) || strings.Count(got, `\"x`) > 60 {
		t.Errorf("a long value with escapes: %q", got)
	}
	unquoted := strings.Repeat("b", 10000)
	if got := Cut(unquoted); len(got) > maxText+100 || !strings.Contains(got, "bytes left out") {
		t.Errorf("a long unquoted message: %d bytes", len(got))
	}
}
