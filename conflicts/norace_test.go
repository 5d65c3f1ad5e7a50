//go:build !race

package conflicts_test

// raceSlowdown widens time bounds under the race detector; without it, 1.
const raceSlowdown = 1
