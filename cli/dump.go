package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/dump"
	"github.com/gwsync/gwsync/gatewaykind"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/report"
)

// dumpArgs are the flags of gwsync dump.
type dumpArgs struct {
	out       string
	gatewayID string
	region    string
	projectID string
	provider  string
	split     string
	withIDs   bool
	target    targetArgs
}

func (a *app) dumpCommand() *cobra.Command {
	var args dumpArgs
	kinds := registeredDumpKinds()
	cmd := &cobra.Command{
		Use:     "dump [PATH...] --out DIR",
		Short:   "Write the live gateway as a desired state in CUE, to adopt a gateway made by hand",
		Long:    kinds.long(),
		Example: kinds.examples(),
		RunE:    func(cmd *cobra.Command, paths []string) error { return a.runDump(paths, args, kinds) },
	}
	f := cmd.Flags()
	f.StringVar(&args.out, "out", "", "directory to write the CUE package to (required)")
	f.StringVar(&args.gatewayID, "gateway-id", "", kinds.gatewayIDHelp())
	f.StringVar(&args.region, "region", "", kinds.regionHelp())
	f.StringVar(&args.projectID, "project-id", "", kinds.projectIDHelp())
	f.StringVar(&args.provider, "provider", kinds.defaultProvider, kinds.providerHelp())
	f.StringVar(&args.split, "split", dump.SplitSingle, kinds.splitHelp())
	f.BoolVar(&args.withIDs, "with-ids", false, kinds.withIDsHelp())
	args.target.register(cmd)
	return cmd
}

func (a *app) runDump(paths []string, args dumpArgs, kinds dumpKinds) error {
	if err := args.check(paths, kinds); err != nil {
		return err
	}
	g, err := a.dumpGateway(paths, args)
	if err != nil {
		return err
	}
	args.target.paths, args.target.readOnly = paths, true
	tg, err := a.connect(&model.Desired{Gateway: g}, args.target)
	if err != nil {
		return err
	}
	defer tg.close()
	ctx, stop := signalContext()
	defer stop()
	live, err := tg.gw.Read(ctx)
	if err != nil {
		return fmt.Errorf("reading %s: %w", tg.label, err)
	}
	res, err := dump.Build(live, dump.Options{Gateway: g, Split: args.split, WithIDs: args.withIDs})
	if err != nil {
		return err
	}
	written, err := dump.Write(args.out, res.Files)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	a.reportDump(tg.label, written, res)
	return nil
}

// check holds the flags to the contract: --out, and the gateway from a
// PATH or from --gateway-id, not both, with the flags its provider takes.
func (args dumpArgs) check(paths []string, kinds dumpKinds) error {
	byFlags := args.gatewayID != "" || args.region != "" || args.projectID != "" || args.provider != kinds.defaultProvider
	switch {
	case args.out == "":
		return usagef("--out DIR is required: the directory to write the desired state to")
	case args.split != dump.SplitSingle && args.split != dump.SplitPerAPI:
		return usagef("--split must be %s or %s, got %q", dump.SplitSingle, dump.SplitPerAPI, args.split)
	case len(paths) > 0 && byFlags:
		return usagef("give the gateway either as PATH (its gateway block) or with --gateway-id/--region/--project-id/--provider, not both")
	case len(paths) > 0:
		return nil
	}
	t, ok := kinds.targets[args.provider]
	switch {
	case !ok:
		return usagef("--provider must be %s, got %q", series(kinds.providers, " or "), args.provider)
	case t.IDMissing != "" && args.gatewayID == "":
		return usagef("%s", t.IDMissing)
	case t.IDMissing == "" && args.gatewayID != "":
		return usagef("--gateway-id is for providers %s; %s", series(kinds.providersWith(func(t dump.Target) bool { return t.IDMissing != "" }), " and "), t.NoID)
	case t.ProjectID == "" && args.projectID != "":
		return usagef("--project-id is for --provider %s", series(kinds.providersWith(func(t dump.Target) bool { return t.ProjectID != "" }), " or "))
	}
	return nil
}

// dumpGateway is the gateway to dump: from the flags, or from the gateway
// block of the desired state at paths, which must compile (schema-valid;
// the gateway's rules may be broken).
func (a *app) dumpGateway(paths []string, args dumpArgs) (model.Gateway, error) {
	if len(paths) == 0 {
		return model.Gateway{Provider: args.provider, ID: args.gatewayID, Region: args.region, ProjectID: args.projectID}, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return model.Gateway{}, err
	}
	res := compiler.Compile(paths, compiler.Options{Dir: dir})
	if res.Desired == nil {
		if err := report.Text(a.stderr, report.Validation{Findings: res.Findings, Inputs: inputsLabel(paths), Version: version()}); err != nil {
			return model.Gateway{}, err
		}
		fmt.Fprintln(a.stderr, "gwsync dump: the desired state must compile for its gateway block: fix the errors above, or name the gateway with --gateway-id and --region")
		return model.Gateway{}, exitError{ExitError}
	}
	return res.Desired.Gateway, nil
}

// reportDump lists on stderr what was left out and what the first plan
// will change, and on stdout what was written.
func (a *app) reportDump(label string, written []string, res *dump.Result) {
	for _, l := range res.LeftOut {
		fmt.Fprintf(a.stderr, "gwsync dump: %s\n", l)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(a.stderr, "gwsync dump: note: %s\n", n)
	}
	counts := make([]string, len(res.Counts))
	for i, c := range res.Counts {
		counts[i] = report.Plural(c.N, c.Noun)
	}
	fmt.Fprintf(a.stdout, "Dumped %s: %s.\n", label, strings.Join(counts, ", "))
	fmt.Fprintf(a.stdout, "Wrote %s.\n", strings.Join(written, ", "))
	if len(res.LeftOut) > 0 {
		fmt.Fprintf(a.stdout, "Left out %d (written as comments, listed on stderr).\n", len(res.LeftOut))
	}
}

// dumpKinds is what gwsync dump's help and flag checks say of the
// registered gateway kinds.
type dumpKinds struct {
	// usages are the kinds' dump.Usage, in the order they are registered.
	usages []dump.Usage
	// targets says how flags name a gateway of each provider; providers
	// lists them sorted.
	targets   map[string]dump.Target
	providers []string
	// defaultProvider is --provider's default: the first registered
	// kind's.
	defaultProvider string
}

// registeredDumpKinds gathers what the registered kinds say for gwsync
// dump.
func registeredDumpKinds() dumpKinds {
	k := dumpKinds{targets: map[string]dump.Target{}}
	for i, kind := range gatewaykind.All() {
		if i == 0 {
			k.defaultProvider = kind.Name()
		}
		u := kind.DumpUsage()
		k.usages = append(k.usages, u)
		for p, t := range u.Providers {
			k.targets[p] = t
			k.providers = append(k.providers, p)
		}
	}
	slices.Sort(k.providers)
	k.providers = slices.Compact(k.providers)
	return k
}

// dumpHelpWidth is the column the help's paragraphs are wrapped at.
const dumpHelpWidth = 84

// long is the help's text: what dump writes, how the gateway is named,
// the kinds' own paragraphs, what is left out, and where it writes.
func (k dumpKinds) long() string {
	naming := "The gateway is the one named by --gateway-id and --region (" +
		k.join(func(u dump.Usage) string { return u.Naming }, "; ") + "), or by the gateway block of the desired state at PATH"
	if notes := k.join(func(u dump.Usage) string { return u.PathNote }, "; "); notes != "" {
		naming += " (" + notes + ")"
	}
	paras := []string{`Dump reads the whole live gateway and writes it to DIR as a CUE package (package
gateway) in the shape validate, plan and apply read: names as keys, references by
name, policy configs as structured CUE, server defaults left out. Planning the
result against the same gateway finds nothing to change.`, naming + "."}
	for _, u := range k.usages {
		paras = append(paras, u.Paragraphs...)
	}
	paras = append(paras,
		"What the desired state cannot express ("+k.join(func(u dump.Usage) string { return u.LeftOut }, "; ")+
			") is written as a comment where it would go, and listed on stderr.",
		`Dump writes only into a DIR that holds no desired-state file it did not write
itself, and removes the files an earlier dump wrote that this one does not.`,
		"Exit status: 0 written, 1 error, 3 bad usage.")
	for i, p := range paras {
		paras[i] = wrap(p, dumpHelpWidth)
	}
	return strings.Join(paras, "\n\n")
}

// examples are the kinds' example command lines, indented.
func (k dumpKinds) examples() string {
	var lines []string
	for _, u := range k.usages {
		for _, e := range u.Examples {
			lines = append(lines, "  "+e)
		}
	}
	return strings.Join(lines, "\n")
}

// gatewayIDHelp is --gateway-id's help: the kinds' gateway IDs.
func (k dumpKinds) gatewayIDHelp() string {
	return "ID of the gateway to dump (" + k.join(func(u dump.Usage) string { return u.GatewayID }, ", or ") + "), instead of a PATH"
}

// regionHelp is --region's help: an example region of each kind.
func (k dumpKinds) regionHelp() string {
	return "the gateway's region, e.g. " + k.join(func(u dump.Usage) string { return u.Region }, " or ")
}

// splitHelp is --split's help: what per-api writes for each kind.
func (k dumpKinds) splitHelp() string {
	return "files to write: single (gateway.cue) or per-api (also " + k.join(func(u dump.Usage) string { return u.Split }, "; ") + ")"
}

// withIDsHelp is --with-ids' help: the IDs each kind writes as fields,
// and the id comments.
func (k dumpKinds) withIDsHelp() string {
	fields := k.fragments(func(u dump.Usage) string { return u.WithIDs })
	return "write live IDs: " + strings.Join(append(fields, "and an id comment above every other resource"), ", ")
}

// providerHelp is --provider's help: the providers, each with what it is.
func (k dumpKinds) providerHelp() string {
	var items []string
	for _, p := range k.providers {
		if h := k.targets[p].Help; h != "" {
			p += " (" + h + ")"
		}
		items = append(items, p)
	}
	return "kind of gateway with --gateway-id: " + series(items, ", or ")
}

// projectIDHelp is --project-id's help: the project ID of each provider
// that takes one.
func (k dumpKinds) projectIDHelp() string {
	var items []string
	for _, p := range k.providersWith(func(t dump.Target) bool { return t.ProjectID != "" }) {
		items = append(items, k.targets[p].ProjectID+" (--provider "+p+")")
	}
	return strings.Join(items, "; ")
}

// providersWith are the providers whose target has, sorted.
func (k dumpKinds) providersWith(has func(dump.Target) bool) []string {
	var out []string
	for _, p := range k.providers {
		if has(k.targets[p]) {
			out = append(out, p)
		}
	}
	return out
}

// fragments are the kinds' non-empty fragments of one field, in the
// order the kinds are registered.
func (k dumpKinds) fragments(field func(dump.Usage) string) []string {
	var out []string
	for _, u := range k.usages {
		if f := field(u); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// join is the kinds' fragments of one field joined by sep.
func (k dumpKinds) join(field func(dump.Usage) string, sep string) string {
	return strings.Join(k.fragments(field), sep)
}

// series is "a", "a<last>b", "a, b<last>c".
func series(items []string, last string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}

// wrap fills a paragraph's words into lines of at most width columns
// (a longer word stands on its own line).
func wrap(text string, width int) string {
	var b strings.Builder
	line := 0
	for _, w := range strings.Fields(text) {
		switch {
		case line == 0:
		case line+1+len(w) > width:
			b.WriteByte('\n')
			line = 0
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}
