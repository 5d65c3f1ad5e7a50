package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/starter"
)

// initArgs are the flags of gwsync init.
type initArgs struct {
	provider string
}

func (a *app) initCommand() *cobra.Command {
	var args initArgs
	cmd := &cobra.Command{
		Use:   "init [--provider " + strings.Join(starter.Providers(), "|") + "] DIR",
		Short: "Begin a desired state in DIR, with gwsync's schema vendored for the cue CLI",
		Long: `Init writes into DIR (made if missing) a starter desired state for the provider
(gateway.cue, yours to edit), a gwsync.cue that checks the package against gwsync's
schema, and a cue.mod with that schema vendored in cue.mod/pkg, so that the cue CLI
checks the package completely and offline: cd DIR && cue vet -c . (cue v0.15 or
later) rejects a misspelt field at any level, as gwsync validate does.

` + startersNote() + `

Run on a DIR it began before, init leaves the desired state alone and only refreshes
the vendored schema and gwsync.cue to this gwsync's. It refuses a DIR holding a
cue.mod or a .cue, .json or .yaml file it did not write.

Exit status: 0 written, 1 error, 3 bad usage.`,
		Example: `  gwsync init --provider local gateway && gwsync validate gateway
  gwsync init gateway   # again, with a newer gwsync: refreshes the vendored schema`,
		Args: func(_ *cobra.Command, dirs []string) error {
			if len(dirs) != 1 {
				return usagef("init takes one DIR, the directory to begin the desired state in")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, dirs []string) error {
			return a.runInit(dirs[0], args, cmd.Flags().Changed("provider"))
		},
	}
	cmd.Flags().StringVar(&args.provider, "provider", starter.Default(), "the gateway the starter is for: "+strings.Join(starter.Providers(), ", "))
	return cmd
}

// startersNote says which starters are ready as they are and which carry
// placeholder IDs.
func startersNote() string {
	return fmt.Sprintf("The %s starter validates, plans and applies on the local gateway as it is; the\n%s starters carry placeholder IDs to replace.",
		strings.Join(starter.Ready(), " and "), strings.Join(starter.Placeholders(), " and "))
}

func (a *app) runInit(dir string, args initArgs, providerGiven bool) error {
	if !slices.Contains(starter.Providers(), args.provider) {
		return usagef("--provider %q: use one of %s", args.provider, strings.Join(starter.Providers(), ", "))
	}
	res, err := starter.Init(dir, args.provider, version())
	if err != nil {
		return err
	}
	show := func(name string) string { return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(name))) }
	if res.Refreshed {
		a.initRefreshed(dir, res, providerGiven, show)
		return nil
	}
	fmt.Fprintf(a.stdout, "Began a desired state for the %s gateway in %s:\n", args.provider, dir)
	fmt.Fprintf(a.stdout, "  %-24s the desired state, yours to edit\n", show(starter.DesiredFile))
	fmt.Fprintf(a.stdout, "  %-24s checks the package against gwsync's schema (gwsync init rewrites it)\n", show(starter.CheckFile))
	fmt.Fprintf(a.stdout, "  %-24s a CUE module, with gwsync's schema (gwsync %s) vendored in cue.mod/pkg\n", show("cue.mod")+"/", version())
	fmt.Fprintf(a.stdout, "Next:\n  gwsync validate %s\n  (cd %s && cue vet -c .)   # the cue CLI, v0.15 or later, offline\n", dir, dir)
	if starter.IsReady(args.provider) {
		fmt.Fprintf(a.stdout, "  gwsync plan %s\n", dir)
	} else {
		fmt.Fprintf(a.stdout, "  replace the placeholder IDs in %s, then gwsync plan %s\n", show(starter.DesiredFile), dir)
	}
	return nil
}

// initRefreshed reports a refresh of a directory init began before.
func (a *app) initRefreshed(dir string, res *starter.Result, providerGiven bool, show func(string) string) {
	if len(res.Written) == 0 && len(res.Removed) == 0 {
		fmt.Fprintf(a.stdout, "%s: the vendored schema and %s are already gwsync %s's; nothing written.\n", dir, starter.CheckFile, version())
	} else {
		fmt.Fprintf(a.stdout, "%s was begun before: refreshed gwsync's schema (gwsync %s) and left the desired state alone.\n", dir, version())
		for _, f := range res.Written {
			fmt.Fprintf(a.stdout, "  wrote   %s\n", show(f))
		}
		for _, f := range res.Removed {
			fmt.Fprintf(a.stdout, "  removed %s\n", show(f))
		}
	}
	if providerGiven {
		fmt.Fprintf(a.stdout, "--provider applies to a new desired state only; %s's gateway block is left as it is.\n", dir)
	}
}
