package cli

import (
	"bytes"
	"cmp"
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/report"
	"github.com/gwsync/gwsync/validate"
)

// validateArgs are the flags of gwsync validate.
type validateArgs struct {
	format      string
	maxFileSize int64
	base        string
	fleet       fleetArgs
}

func (a *app) validateCommand() *cobra.Command {
	var args validateArgs
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check a desired state offline against the schema and every gateway rule",
		Long: `Validate loads the desired state at PATH (a CUE package directory, or .cue, .json
and .yaml files; default ".") and checks it, offline, against the schema and every
rule the gateway enforces. Findings name the file, line and column to change.

File names are relative to the working directory, except in the sarif and github
formats, which GitHub reads relative to the repository's root: there they are relative
to --base (default $GITHUB_WORKSPACE when set, else the working directory).

` + fleetHelp + `
Exit status: 0 no error (warnings allowed), 1 at least one error, 3 bad usage.`,
		Example: `  gwsync validate examples/orders
  gwsync validate --format json examples/orders
  gwsync validate --format github .   # annotations in a GitHub Actions job
  gwsync validate --format sarif . > gwsync.sarif
  gwsync validate gateways/...          # every gateway under gateways/, each on its own`,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return a.runValidate(paths, args)
		},
	}
	cmd.Flags().StringVar(&args.format, "format", "text", "output format: "+strings.Join(report.ValidationFormats(), ", "))
	cmd.Flags().Int64Var(&args.maxFileSize, "max-file-size", compiler.DefaultMaxFileSize, "largest input file to read, in bytes")
	cmd.Flags().StringVar(&args.base, "base", "", "sarif and github formats: write file names relative to this directory, the repository's root (default $GITHUB_WORKSPACE, else the working directory)")
	args.fleet.register(cmd)
	return cmd
}

func (a *app) runValidate(paths []string, args validateArgs) error {
	write, err := report.ForValidation(args.format)
	if err != nil {
		return usageError{err: err}
	}
	if args.maxFileSize <= 0 {
		return usagef("--max-file-size must be positive")
	}
	root, isFleet, err := fleetRoot(paths)
	if err != nil {
		return err
	}
	if isFleet {
		return a.validateFleet(root, args, write)
	}
	_, err = a.validateOne(paths, args, write)
	return err
}

// validateOne validates one desired state and reports what it found
// (with a nil write, reports nothing: a fleet's SARIF log gathers the
// findings).
func (a *app) validateOne(paths []string, args validateArgs, write report.Writer) (gatewayOutcome, error) {
	dir, err := os.Getwd()
	if err != nil {
		return gatewayOutcome{}, err
	}
	res := compiler.Compile(paths, compiler.Options{Dir: dir, MaxFileSize: args.maxFileSize})
	a.noteSkipped(res.Skipped)
	v := report.Validation{Findings: res.Findings, Inputs: inputsLabel(paths), Version: version()}
	if res.Desired != nil {
		v.Findings = diag.Sort(append(v.Findings, validate.Desired(res.Desired)...))
		if v.Stats, err = report.StatsOf(res.Desired); err != nil {
			return gatewayOutcome{}, err
		}
	}
	if args.format == "sarif" || args.format == "github" {
		v.Findings = rebaseFindings(v.Findings, dir, cmp.Or(args.base, os.Getenv("GITHUB_WORKSPACE"), dir))
	}
	out := a.stdout
	if args.format == "github" {
		out = a.rawStdout // workflow commands are the point; report.GitHub escapes what it writes
	}
	if write != nil {
		if err := write(out, v); err != nil {
			return gatewayOutcome{}, err
		}
	}
	if errs, _ := diag.Counts(v.Findings); errs > 0 {
		return gatewayOutcome{findings: v.Findings}, exitError{ExitError}
	}
	return gatewayOutcome{findings: v.Findings}, nil
}

// validateFleet validates every gateway under root, each on its own.
func (a *app) validateFleet(root string, args validateArgs, write report.Writer) error {
	if err := args.fleet.check(); err != nil {
		return err
	}
	f, err := findFleet(root, args.fleet)
	if err != nil {
		return err
	}
	if args.format == "sarif" {
		write = nil
	}
	cmd := fleetCommand{name: "validate", words: validateWords,
		one: func(_ context.Context, sub *app, dir string) (gatewayOutcome, error) {
			return sub.validateOne([]string{dir}, args, write)
		},
		failedJSON: func(w *bytes.Buffer, fs []diag.Finding) error { return report.JSON(w, report.Validation{Findings: fs}) },
	}
	return a.fleetDone(context.Background(), f, args.fleet, cmd, newFleetView(args.format, cmd), "")
}

func inputsLabel(paths []string) []string {
	if len(paths) == 0 {
		return []string{"."}
	}
	return paths
}

// rebaseFindings makes the file names of findings (relative to dir, the
// working directory) relative to base, with forward slashes. Names that
// are no file under dir (a module's schema file, say) stay as they are.
func rebaseFindings(fs []diag.Finding, dir, base string) []diag.Finding {
	base, err := filepath.Abs(base)
	if err != nil || filepath.Clean(base) == filepath.Clean(dir) {
		return fs
	}
	rebase := func(p model.Pos) model.Pos {
		if p.File == "" {
			return p
		}
		abs := p.File
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(dir, filepath.FromSlash(p.File))
		}
		if _, err := os.Stat(abs); err != nil {
			return p
		}
		if rel, err := filepath.Rel(base, abs); err == nil {
			p.File = filepath.ToSlash(rel)
		}
		return p
	}
	out := make([]diag.Finding, len(fs))
	for i, f := range fs {
		f.Pos = rebase(f.Pos)
		f.Related = append([]diag.Related(nil), f.Related...)
		for j := range f.Related {
			f.Related[j].Pos = rebase(f.Related[j].Pos)
		}
		out[i] = f
	}
	return out
}
