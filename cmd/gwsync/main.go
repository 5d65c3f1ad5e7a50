// Command gwsync puts cloud API gateways under GitOps: it validates a
// desired state written in CUE, plans it against the live gateway, and
// applies it. See the cli package for the commands.
package main

import (
	"os"

	"github.com/gwsync/gwsync/cli"
)

func main() { os.Exit(cli.Main()) }
