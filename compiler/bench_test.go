package compiler_test

import (
	"fmt"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/synth"
)

// BenchmarkCompile compiles synthetic desired states (one file per HTTP API
// of 100 routes). Compare with `cue export` on the same files:
// scripts/bench-vs-cue.sh.
func BenchmarkCompile(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("routes=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := synth.Write(dir, synth.Config{Routes: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res := compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
				if res.Desired == nil || len(res.Findings) > 0 {
					b.Fatalf("synthetic state did not compile: %v", res.Findings)
				}
			}
		})
	}
}
