package validate

import (
	"fmt"
	"slices"
	"strings"

	typo "github.com/gwsync/gwsync/internal/suggest"
)

// Suggest phrases the fix for a name that matches nothing: the closest
// declared name when one is close, else the declared names (up to a few),
// else a hint that none is declared.
func Suggest(name string, declared []string, prefix string) string {
	if best, ok := typo.Closest(name, declared); ok {
		return fmt.Sprintf("did you mean %q?", best)
	}
	switch {
	case len(declared) == 0:
		return "none is declared yet: declare it"
	case len(declared) <= 5:
		return prefix + "one of: " + quoteJoin(declared)
	}
	return prefix + "one of: " + quoteJoin(declared[:5]) + ", ..."
}

func quoteJoin(s []string) string {
	q := make([]string, len(s))
	for i, v := range slices.Sorted(slices.Values(s)) {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// AppendOnce appends s to list unless list holds it already.
func AppendOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
