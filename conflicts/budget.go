package conflicts

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gwsync/gwsync/model"
)

// Defaults of a Budget, for CI: a few seconds of work on a 2-core machine
// and at most a few hundred megabytes, well above what gateways that are
// not built to defeat the analysis take (BenchmarkRoutes' 100,000 routes on
// 1,000 domains use about 6% of the states and 1% of the pairs).
const (
	// DefaultStates is how many automaton states a run may handle and
	// build: about 2.5 s of searching on the machine the README measures.
	DefaultStates = 5_000_000
	// DefaultPairs is how many pairs of routes a run may decide; it bounds
	// the memory the decisions take (about 300 bytes each when they meet).
	DefaultPairs = 500_000
	// DefaultTime is how long a run may take, whatever it spends it on.
	DefaultTime = 5 * time.Second
)

// Budget bounds one analysis run, so that no input, however written, makes
// it run long or hold much memory: pull-request content runs in CI. A zero
// field takes its default. When a limit is reached the run decides no
// more pairs and says so (Analysis.Stopped); what it decided before holds.
type Budget struct {
	// States is how many automaton states the run may handle in its
	// searches (each state of each configuration it expands, across every
	// pair) and build: a state built (one per regex instruction or literal
	// character) counts builtWeight times, as the run keeps it (about 130
	// bytes) while a handled one is soon garbage.
	States int
	// Pairs is how many pairs of routes the run may decide, counted once
	// per place (environment and domain) they share: a pair decided on one
	// is not decided again on the next, but the comparison still takes
	// time and memory.
	Pairs int
	// Time is how long the run may take. It is the one limit that makes
	// where a run stops depend on the machine; with the defaults, the
	// state limit binds first on the machine the README measures.
	Time time.Duration
}

func (b Budget) withDefaults() Budget {
	if b.States <= 0 {
		b.States = DefaultStates
	}
	if b.Pairs <= 0 {
		b.Pairs = DefaultPairs
	}
	if b.Time <= 0 {
		b.Time = DefaultTime
	}
	return b
}

// errBudget means the run's budget was spent before a question was
// decided: unlike errTooLarge it says nothing about the patterns.
var errBudget = errors.New("overlap analysis budget spent")

// budget is what one run has spent of its Budget.
type budget struct {
	limit    Budget
	states   int
	pairs    int
	deadline time.Time
	ticks    int
	// late is set once the deadline has passed.
	late bool
	// reached names the limit reached, "" while the run is within all.
	reached string
}

func newBudget(b Budget) *budget {
	b = b.withDefaults()
	return &budget{limit: b, deadline: time.Now().Add(b.Time)}
}

// builtWeight is what building one automaton state costs of the States
// budget: it keeps DefaultStates from holding more than about 80 MB of
// automata.
const builtWeight = 8

// spend charges n automaton states and reports whether the run is still
// within its budget.
func (b *budget) spend(n int) bool {
	b.states += n
	if b.states > b.limit.States {
		b.reach(fmt.Sprintf("%s automaton states", count(b.limit.States)))
	}
	return b.ok()
}

// pair charges one decided pair of routes.
func (b *budget) pair() bool {
	b.pairs++
	if b.pairs > b.limit.Pairs {
		b.reach(fmt.Sprintf("%s pairs", count(b.limit.Pairs)))
	}
	return b.tick()
}

// tick looks at the clock every 64th call, and reports whether the run is
// still within its budget.
func (b *budget) tick() bool {
	return b.inTime() && b.ok()
}

// inTime looks at the clock every 64th call, and reports whether the
// deadline has not passed: work that takes no search may go on after
// another limit is reached, until then.
func (b *budget) inTime() bool {
	b.ticks++
	if b.ticks%64 == 0 && !b.late && time.Now().After(b.deadline) {
		b.late = true
		b.reach(fmt.Sprintf("%v", b.limit.Time))
	}
	return !b.late
}

func (b *budget) ok() bool { return b.reached == "" }

func (b *budget) reach(limit string) {
	if b.reached == "" {
		b.reached = limit
	}
}

// Stop says that a run reached its budget and what it left undecided.
type Stop struct {
	// Limit is the limit reached: "5,000,000 automaton states",
	// "500,000 pairs" or a time such as "5s".
	Limit string
	// Decided is how many pairs of routes the run decided; Undecided how
	// many more could meet and were not decided. A pair that shares
	// several domains counts once per domain, as for Budget.Pairs.
	Decided, Undecided int
	// Unchecked is how many routes were not checked for being shadowed.
	Unchecked int
	// At is the route the run was deciding when it stopped.
	At *model.Route
}

// Summary says what the run left undone, for a finding's message, naming
// the routes as what ("routes", or "APIs" for a gateway that has them):
// "the overlap analysis stopped at its budget of 5,000,000 automaton
// states: it decided 12,000 pairs of routes and left 487,500 undecided".
func (s *Stop) Summary(what string) string {
	msg := fmt.Sprintf("the overlap analysis stopped at its budget of %s: it decided %s %s of %s and left %s undecided",
		s.Limit, count(s.Decided), pairWord(s.Decided), what, count(s.Undecided))
	if s.Unchecked > 0 {
		noun := what
		if s.Unchecked == 1 {
			noun = strings.TrimSuffix(what, "s")
		}
		msg += fmt.Sprintf(", and did not check whether %s %s %s shadowed", count(s.Unchecked), noun, isWord(s.Unchecked))
	}
	return msg
}

func pairWord(n int) string {
	if n == 1 {
		return "pair"
	}
	return "pairs"
}

func isWord(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// Count writes n with thousands separators, as findings write counts:
// 1,234,567.
func Count(n int) string { return count(n) }

// count writes n with thousands separators: 1,234,567.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
