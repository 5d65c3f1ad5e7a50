package conflicts_test

import (
	"testing"

	"github.com/gwsync/gwsync/model"
)

// The cases below are where the engine disagreed with an independent
// decision procedure (Z3's theory of strings and regular expressions over
// the path alphabet), each written as the issue reported it.

// kelvin is U+212A KELVIN SIGN, which simple case folding maps to k and K;
// longS is U+017F LATIN SMALL LETTER LONG S, which folds to s and S.
const (
	kelvin = "\u212a"
	longS  = "\u017f"
)

// Case folding is Unicode simple folding everywhere: in the automata, in
// the literal-prefix index that picks the pairs to compare, and in the
// data plane. strings.ToLower leaves ſ and K as they are.
func TestRoutesUnicodeCaseFolding(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"Exact ſ ignoring case against Exact s",
			[]*model.Route{exact("a", "/"+longS, fold()), exact("b", "/s")},
			[]wantFinding{overlapOf("b", "a", get+"/s", "equal precedence")}},
		{"Exact KELVIN SIGN ignoring case against Exact k",
			[]*model.Route{exact("a", "/"+kelvin, fold()), exact("b", "/k")},
			[]wantFinding{overlapOf("b", "a", get+"/k", "equal precedence")}},
		{"Regex wholly inside a Prefix of ſ ignoring case",
			[]*model.Route{prefix("p", "/"+longS+"x", fold()), regex("r", "/sx.*")},
			[]wantFinding{shadowedBy("r", get+"/sx", "p")}},
		{"Regex with a literal S against a Prefix of ſ ignoring case",
			[]*model.Route{prefix("p", "/"+longS, fold(), methods("GET")), regex("r", "/S[0-9]")},
			[]wantFinding{overlapOf("r", "p", get+"/S0", "Prefix before Regex")}},
	})
}

// A Prefix is as long as its value has characters (code points), not
// bytes: KELVIN SIGN is one character in three bytes.
func TestRoutesPrefixLengthInCharacters(t *testing.T) {
	contsLower, contsUpper := continuations("/k", ""), continuations("/K", "")
	for _, c := range contsUpper {
		c.Name = "u" + c.Name
	}
	conts := append(contsLower, contsUpper...)
	runRoutesCases(t, []routesCase{
		{"Prefix /K (KELVIN SIGN) is shorter than Prefix /kx",
			[]*model.Route{prefix("k", "/"+kelvin, fold()), prefix("kx", "/kx")},
			[]wantFinding{overlapOf("k", "kx", get+"/kx", "the longer Prefix first", `which "kx" takes`)}},
		{"Prefix /K (KELVIN SIGN) and Prefix /k, both ignoring case, are one Prefix",
			[]*model.Route{prefix("a", "/"+kelvin, fold()), prefix("b", "/k", fold())},
			[]wantFinding{conflictOf("b", "a", get+"/K", "APIG rejects the deploy")}},
		{"Prefix /K (KELVIN SIGN) is shadowed by its Exact and every longer Prefix",
			append([]*model.Route{prefix("p", "/"+kelvin, fold()), exact("exact", "/k", fold())}, conts...),
			[]wantFinding{shadowedBy("p", get+"/K", append(append(names(contsLower), "exact"), names(contsUpper)...)...)}},
	})
}
