// Package cli is gwsync's command line: one file per command, flags on a
// command value (never package globals), all output through the writers it
// is given, and the contract's exit codes. cmd/gwsync only calls Main.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/report"
)

// Exit codes, as the contract defines them.
const (
	ExitOK      = 0 // success (validate: no error; plan: no changes with --detailed-exitcode)
	ExitError   = 1 // at least one error
	ExitChanges = 2 // changes or drift present
	ExitUsage   = 3 // bad usage
)

// Main runs gwsync with the process's arguments and streams and returns the
// exit code.
func Main() int {
	return Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Run runs gwsync with the given arguments and streams and returns the exit
// code. It never calls os.Exit, so tests can run it in-process.
//
// Everything it prints goes through report.CommandSafe, so that names and
// paths from pull requests or the live gateway cannot start a line of a
// CI log with a workflow command; only validate --format github writes
// its annotations to the raw stdout.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out, errs := report.CommandSafe(stdout), report.CommandSafe(stderr)
	app := &app{stdin: stdin, stdout: out, stderr: errs, rawStdout: stdout}
	root := app.rootCommand()
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	code := app.exitCode(cmd, err)
	_, _ = out.Flush(), errs.Flush()
	return code
}

// app is what every command shares: the streams.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// rawStdout is stdout without the workflow-command guard, for the
	// workflow commands validate --format github means to write.
	rawStdout io.Writer
}

// exitError carries an exit code for an error that has already been
// reported (e.g. findings printed by validate).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// invalidError ends a command whose desired state has errors, already
// reported; it keeps the findings for views made later (a fleet's JSON).
type invalidError struct{ findings []diag.Finding }

func (e invalidError) Error() string { return "the desired state has errors" }
func (e invalidError) Unwrap() error { return exitError{ExitError} }

// usageError is a mistake in how gwsync was called.
type usageError struct {
	err error
	// about is the command the mistake is about, when it is not the one
	// run (gwsync help COMMAND); its help is the one pointed at.
	about *cobra.Command
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{err: fmt.Errorf(format, args...)} }

// exitCode prints an unreported error once and maps it to an exit code.
// A usage error points at the help of the command it is about (cmd).
func (a *app) exitCode(cmd *cobra.Command, err error) int {
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		path := "gwsync"
		if ue.about != nil {
			cmd = ue.about
		}
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(a.stderr, "gwsync: %v\nRun '%s --help' for usage.\n", err, path)
		return ExitUsage
	}
	fmt.Fprintf(a.stderr, "gwsync: %v\n", err)
	return ExitError
}

func (a *app) rootCommand() *cobra.Command {
	root := groupCommand(&cobra.Command{
		Use:   "gwsync",
		Short: "GitOps for cloud API gateways: validate, plan and apply desired state written in CUE",
		Long: `gwsync keeps an API gateway's desired state in Git, written in CUE (or JSON/YAML), and
makes the live gateway match it: validate checks it offline (pre-merge CI), plan shows
the ordered changes against the live gateway, apply makes them and verifies, and drift
reports (and reconciles) what changed on the gateway since.

Exit status: 0 success, 1 error, 2 changes or drift (where asked for), 3 bad usage.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	})
	root.SetVersionTemplate(readBuildVersion().long())
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(flagError)
	root.SetHelpCommand(helpCommand())
	root.AddCommand(a.initCommand(), a.validateCommand(), a.planCommand(), a.applyCommand(), a.driftCommand(), a.dumpCommand(), a.commentCommand(),
		a.changedCommand(), a.emulatorCommand(), a.versionCommand())
	return root
}
