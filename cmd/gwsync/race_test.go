//go:build race

package main

// raceDetector says the race detector is on: it makes every gwsync the
// tests start several times slower, so the crash test runs fewer rounds.
const raceDetector = true
