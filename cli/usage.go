package cli

import (
	"errors"
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
	return usageError{err: err}
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
		return unknownCommand(c, args[0])
	}
	return cmd
}

// unknownCommand is the usage error for name, which is no subcommand of
// c: with the one probably meant, or else the list of them.
func unknownCommand(c *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown command %q for %q", name, c.CommandPath())
	switch best, ok := suggest.Closest(name, subcommandNames(c)); {
	case ok:
		msg += fmt.Sprintf("; did you mean %q?", best)
	case len(subcommandNames(c)) == 0:
		msg += "; it has no subcommands"
	default:
		msg += "; the commands are " + strings.Join(subcommandNames(c), ", ")
	}
	return usageError{err: errors.New(msg), about: c}
}

// helpCommand is gwsync help [COMMAND...]: the help of the command named,
// or, for a name that is no command, the usage error an unknown command
// gets (rather than the top help and exit status 0).
func helpCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long: `Help provides help for any command in the application.
Simply type gwsync help [path to command] for full details.`,
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			switch {
			case err != nil:
				return usageError{err: err}
			case len(rest) > 0:
				return unknownCommand(target, rest[0])
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
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
