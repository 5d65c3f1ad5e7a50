// Command gwsync-synth writes a synthetic gwsync desired state (a CUE
// package) for benchmarks and scale tests:
//
//	gwsync-synth -routes 10000 -seed 1 -out /tmp/state
//
// Counts left at 0 take the defaults of internal/synth.Config. The output
// directory is created if needed and must hold no other .cue file. It
// prints the number of files and bytes written.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/gwsync/gwsync/internal/synth"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("gwsync-synth", flag.ContinueOnError)
	var c synth.Config
	fs.IntVar(&c.Routes, "routes", 1000, "number of routes")
	fs.IntVar(&c.APIs, "apis", 0, "number of HTTP APIs (0: max(1, routes/100))")
	fs.IntVar(&c.Domains, "domains", 0, "number of domains (0: max(1, routes/100))")
	fs.IntVar(&c.Services, "services", 0, "number of services (0: max(1, routes/50))")
	fs.IntVar(&c.Policies, "policies", 0, "number of policies (0: 3)")
	fs.IntVar(&c.Environments, "environments", 0, "number of environments (0: 1, prod)")
	fs.IntVar(&c.Files, "files", 0, "number of route files (0: one per HTTP API)")
	fs.StringVar(&c.Provider, "provider", "", "gateway.provider: aliyun, huawei or local (default local)")
	fs.Int64Var(&c.Seed, "seed", 1, "seed of the pseudo-random choices")
	out := fs.String("out", "", "output directory (required)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gwsync-synth [flags] -out DIR")
		fs.PrintDefaults()
		return 2
	}
	paths, err := synth.Write(*out, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gwsync-synth:", err)
		return 1
	}
	var total int64
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gwsync-synth:", err)
			return 1
		}
		total += st.Size()
	}
	fmt.Printf("wrote %d files, %d bytes to %s\n", len(paths), total, *out)
	return 0
}
