package conflicts

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gwsync/gwsync/model"
)

// candidateCount counts, without offering them, exactly the pairs
// candidates offers; stopped after k pairs, candidates says it left the
// rest.
func TestCandidateCount(t *testing.T) {
	lits := []string{"/", "/a", "/ab", "/abc", "/b", "/ba", "/a/x"}
	types := []string{model.PathExact, model.PathPrefix, model.PathRegex}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var group []*entry
		for i := range 1 + rng.IntN(30) {
			typ, value := types[rng.IntN(3)], lits[rng.IntN(len(lits))]
			if typ == model.PathRegex {
				value += "[0-9]*"
			}
			r := &model.Route{Name: fmt.Sprint(i), Match: model.Match{Path: model.PathMatch{Type: typ, Value: value}}}
			group = append(group, newEntry(r))
		}
		offered := 0
		candidates(group, func(_, _ *entry) bool { offered++; return true })
		if got := candidateCount(group); got != offered {
			t.Fatalf("round %d: candidateCount = %d, candidates offered %d", round, got, offered)
		}
		if offered == 0 {
			continue
		}
		k := rng.IntN(offered)
		calls := 0
		left := candidates(group, func(_, _ *entry) bool { calls++; return calls <= k })
		if left != offered-k {
			t.Fatalf("round %d: stopped after %d of %d pairs, candidates left %d, want %d", round, k, offered, left, offered-k)
		}
	}
}
