//go:build race

package conflicts_test

// raceSlowdown widens time bounds under the race detector, which slows
// this package's automata searches several times over.
const raceSlowdown = 8
