package cli

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gwsync/gwsync/internal/suggest"
)

// Flag errors as pflag words them: an unknown long flag, and an unknown
// shorthand inside a single-dash word (Terraform's -auto-approve is read
// as -a -u -t ...).
var (
	unknownLongFlag  = regexp.MustCompile(`^unknown flag: --([^\s=]+)`)
	unknownShorthand = regexp.MustCompile(`^unknown shorthand flag: '.' in -([^\s=]+)`)
)

// flagError turns a flag parsing error into a usage error, with the flag
// meant when it can tell: "did you mean --format?" for a typo, "flags take
// two dashes" for a long flag given one.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if m := unknownShorthand.FindStringSubmatch(msg); m != nil {
		if f := cmd.Flags().Lookup(m[1]); f != nil && !f.Hidden {
			return usagef("%s: gwsync's long flags take two dashes: --%s", msg, m[1])
		}
		if best, ok := suggest.Closest(m[1], flagNames(cmd)); ok {
			return usagef("%s: gwsync's long flags take two dashes; did you mean --%s?", msg, best)
		}
	}
	if m := unknownLongFlag.FindStringSubmatch(msg); m != nil {
		if best, ok := suggest.Closest(m[1], flagNames(cmd)); ok {
			return usagef("%s; did you mean --%s?", msg, best)
		}
	}
	return usageError{err}
}

// flagNames lists the long flags a command takes, but hidden ones.
func flagNames(cmd *cobra.Command) []string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	return names
}

// groupCommand makes a command that only groups others (gwsync, gwsync
// emulator) print its help when run alone and refuse an unknown
// subcommand as a usage error, with the one probably meant, rather than
// print help and exit 0.
func groupCommand(cmd *cobra.Command) *cobra.Command {
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return c.Help()
		}
		msg := fmt.Sprintf("unknown command %q for %q", args[0], c.CommandPath())
		if best, ok := suggest.Closest(args[0], subcommandNames(c)); ok {
			msg += fmt.Sprintf("; did you mean %q?", best)
		} else {
			msg += "; the commands are " + strings.Join(subcommandNames(c), ", ")
		}
		return usagef("%s", msg)
	}
	return cmd
}

// subcommandNames lists a command's visible subcommands.
func subcommandNames(cmd *cobra.Command) []string {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return names
}

// noArgs refuses arguments to a command that takes none, as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}
