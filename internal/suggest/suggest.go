// Package suggest finds the name a mistyped one most likely meant, for the
// "did you mean" of findings and usage errors.
package suggest

// Closest returns the candidate nearest to name by edit distance, if it is
// near enough to be a likely typo (fewer edits than a third of the name's
// length, plus one); ties go to the candidate that sorts first.
func Closest(name string, candidates []string) (string, bool) {
	best, bestD := "", len(name)/3+1
	for _, c := range candidates {
		if dist := Distance(name, c); dist < bestD || (dist == bestD && best != "" && c < best) {
			best, bestD = c, dist
		}
	}
	return best, best != ""
}

// Distance is the edit distance between a and b, in bytes: insertions,
// deletions, substitutions and swaps of two neighbours each count one (the
// optimal string alignment distance), so "fromat" is one edit from
// "format", as a typist would count it.
func Distance(a, b string) int {
	before := make([]int, len(b)+1) // row i-2
	prev := make([]int, len(b)+1)   // row i-1
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
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(b)]
}
