// Command gwsync puts cloud API gateways under GitOps: it validates a
// desired state written in CUE, plans it against the live gateway, and
// applies it. See the cli package for the commands; the gateway kinds it
// serves are registered by package gatewaykind/builtin.
package main

import (
	"os"

	"github.com/gwsync/gwsync/cli"
	_ "github.com/gwsync/gwsync/gatewaykind/builtin"
)

func main() { os.Exit(cli.Main()) }
