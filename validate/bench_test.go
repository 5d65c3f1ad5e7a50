package validate_test

import (
	"fmt"
	"testing"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/internal/synth"
	"github.com/gwsync/gwsync/validate"
)

// BenchmarkValidate runs every rule, overlap detection included, over
// compiled synthetic desired states.
func BenchmarkValidate(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("routes=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := synth.Write(dir, synth.Config{Routes: n, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			res := compiler.Compile([]string{dir}, compiler.Options{Dir: dir})
			if res.Desired == nil {
				b.Fatalf("synthetic state did not compile: %v", res.Findings)
			}
			b.ReportAllocs()
			for b.Loop() {
				if fs := validate.Desired(res.Desired); len(fs) > 0 {
					b.Fatalf("synthetic state is invalid: %v", fs[0])
				}
			}
		})
	}
}
