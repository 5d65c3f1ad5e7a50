package validate

import (
	"fmt"
	"slices"
	"strings"
)

// suggest phrases the fix for a name that matches nothing: the closest
// declared name when one is close, else the declared names (up to a few),
// else a hint that none is declared.
func suggest(name string, declared []string, prefix string) string {
	if best, ok := closest(name, declared); ok {
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

// closest returns the declared name nearest to name by edit distance, if it
// is near enough to be a likely typo.
func closest(name string, declared []string) (string, bool) {
	best, bestD := "", len(name)/3+1
	for _, d := range declared {
		if dist := editDistance(name, d); dist < bestD || (dist == bestD && best != "" && d < best) {
			best, bestD = d, dist
		}
	}
	return best, best != ""
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func quoteJoin(s []string) string {
	q := make([]string, len(s))
	for i, v := range slices.Sorted(slices.Values(s)) {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
