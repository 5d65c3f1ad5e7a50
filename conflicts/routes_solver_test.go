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
	shadowed := append([]*model.Route{prefix("p", "/"+kelvin, fold()), exact("exact", "/k", fold())}, conts...)
	checkShadowedBy(t, placed(shadowed...), "p", append(append(names(contsLower), "exact"), names(contsUpper)...))
	runRoutesCases(t, []routesCase{
		{"Prefix /K (KELVIN SIGN) is shorter than Prefix /kx",
			[]*model.Route{prefix("k", "/"+kelvin, fold()), prefix("kx", "/kx")},
			[]wantFinding{overlapOf("k", "kx", get+"/kx", "the longer Prefix first", `which "kx" takes`)}},
		{"Prefix /K (KELVIN SIGN) and Prefix /k, both ignoring case, are one Prefix",
			[]*model.Route{prefix("a", "/"+kelvin, fold()), prefix("b", "/k", fold())},
			[]wantFinding{conflictOf("b", "a", get+"/K", "APIG rejects the deploy")}},
		{"Prefix /K (KELVIN SIGN) is shadowed by its Exact and every longer Prefix",
			shadowed, []wantFinding{shadowedByMany("p", get+"/K", []string{"c00", "c01", "c02", "c03", "exact"}, 158)}},
	})
}

// Every witness is a request path both routes match: it starts with "/"
// and holds only path characters. A route whose pattern matches no such
// path is reported on its own, and meets no other route.
func TestRoutesUnmatchable(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{`identical Regex /x\?y (a path holds no "?")`,
			[]*model.Route{regex("a", `/x\?y`), regex("b", `/x\?y`)},
			[]wantFinding{unmatchable("a"), unmatchable("b")}},
		{"identical Regex /x[ ] (a path holds no space)",
			[]*model.Route{regex("a", `/x[ ]`), regex("b", `/x[ ]`)},
			[]wantFinding{unmatchable("a"), unmatchable("b")}},
		{"identical Regex of an empty class",
			[]*model.Route{regex("a", `/a[^\x00-\x{10FFFF}]`), regex("b", `/a[^\x00-\x{10FFFF}]`)},
			[]wantFinding{unmatchable("a"), unmatchable("b")}},
		{"identical non-ASCII Exact",
			[]*model.Route{exact("a", "/café"), exact("b", "/café")},
			[]wantFinding{unmatchable("a"), unmatchable("b")}},
		{"the empty path is no request",
			[]*model.Route{regex("a", ".*"), regex("b", "x?")},
			[]wantFinding{unmatchable("b")}},
		{"a path without a leading slash is no request",
			[]*model.Route{regex("a", "x*"), regex("b", "x+")},
			[]wantFinding{unmatchable("a"), unmatchable("b")}},
		{"Regex .* matches what Prefix / does",
			[]*model.Route{prefix("p", "/"), regex("r", ".*")},
			[]wantFinding{shadowedBy("r", get+"/", "p")}},
	})
}

// Routes of one path type whose paths are the same set conflict, however
// the patterns are written; the syntactic comparison is only the fast
// path.
func TestRoutesEqualLanguagesConflict(t *testing.T) {
	runRoutesCases(t, []routesCase{
		{"capturing and non-capturing groups",
			[]*model.Route{regex("a", "/(a|b)"), regex("b", "/(?:a|b)")},
			[]wantFinding{conflictOf("b", "a", get+"/a", "written differently")}},
		{"a+ and aa*",
			[]*model.Route{regex("a", "/a+"), regex("b", "/aa*")},
			[]wantFinding{conflictOf("b", "a", get+"/a")}},
		{"anchors that change nothing",
			[]*model.Route{regex("a", "^/x$"), regex("b", "/x")},
			[]wantFinding{conflictOf("b", "a", get+"/x")}},
		{"ignoreUriCase and (?i)",
			[]*model.Route{regex("a", "/a", fold()), regex("b", "(?i)/a")},
			[]wantFinding{conflictOf("b", "a", get+"/A")}},
		{"Exact without letters, with and without ignoreUriCase",
			[]*model.Route{exact("a", "/1", fold()), exact("b", "/1")},
			[]wantFinding{conflictOf("b", "a", get+"/1")}},
		{"Prefix without letters, with and without ignoreUriCase",
			[]*model.Route{prefix("a", "/1", fold()), prefix("b", "/1")},
			[]wantFinding{conflictOf("b", "a", get+"/1")}},
		{"Regex without letters, with and without ignoreUriCase",
			[]*model.Route{regex("a", "/1", fold()), regex("b", "/1")},
			[]wantFinding{conflictOf("b", "a", get+"/1")}},
		{"equal languages with different conditions are an overlap",
			[]*model.Route{regex("a", "/a+"), regex("b", "/aa*", header("x-canary", model.PathExact, "1"))},
			[]wantFinding{overlapOf("b", "a", get+"/a", "do not keep them apart")}},
		{"equal languages of different path types are a shadow",
			[]*model.Route{prefix("p", "/a"), regex("r", "/a.*")},
			[]wantFinding{shadowedBy("r", get+"/a", "p")}},
		{"a letter with and without ignoreUriCase differ",
			[]*model.Route{regex("a", "/a", fold()), regex("b", "/a")},
			[]wantFinding{overlapOf("b", "a", get+"/a", "equal precedence")}},
	})
}
