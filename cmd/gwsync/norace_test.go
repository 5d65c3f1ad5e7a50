//go:build !race

package main

// raceDetector says the race detector is on.
const raceDetector = false
