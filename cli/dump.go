package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/dump"
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
	cmd := &cobra.Command{
		Use:   "dump [PATH...] --out DIR",
		Short: "Write the live gateway as a desired state in CUE, to adopt a gateway made by hand",
		Long: `Dump reads the whole live gateway and writes it to DIR as a CUE package (package
gateway) in the shape validate, plan and apply read: names as keys, references by
name, policy configs as structured CUE, server defaults left out. Planning the
result against the same gateway finds nothing to change.

The gateway is the one named by --gateway-id and --region (provider aliyun, or
--provider local for the local gateway in --state-dir; --provider huawei with the
instance ID as --gateway-id, --region and --project-id for a Huawei Cloud APIG
instance), or by the gateway block of the desired state at PATH (for Huawei, with
local: true, the embedded Huawei gateway in --state-dir).

A Huawei instance is written in the shape of examples/huawei-orders: environments
(RELEASE always declared), groups with their domains, variables and APIs (the API's
own field names, the defaults the API fills in left out, publish lists), throttles,
ACLs and plugins with their bind lists. --split per-api writes a file per group
(group-<name>.cue), since a Huawei API lives inside its group.

What the desired state cannot express (a policy class gwsync does not model, a
policy attached to a resource gwsync does not manage, a route that is not deployed,
resources marked by another desired state; for Huawei also what depends on a
left-out resource, a plugin whose content is not JSON, and what the read notes, such
as a throttle's special throttles) is written as a comment where it would go, and
listed on stderr.

Dump writes only into a DIR that holds no desired-state file it did not write
itself, and removes the files an earlier dump wrote that this one does not.

Exit status: 0 written, 1 error, 3 bad usage.`,
		Example: `  gwsync dump --gateway-id gw-orders-prod --region cn-hangzhou --out orders-prod/
  gwsync dump --provider local --out adopted --split per-api
  gwsync dump examples/orders --out adopted-orders --with-ids
  gwsync dump examples/huawei-orders --out adopted-huawei`,
		RunE: func(cmd *cobra.Command, paths []string) error { return a.runDump(paths, args) },
	}
	f := cmd.Flags()
	f.StringVar(&args.out, "out", "", "directory to write the CUE package to (required)")
	f.StringVar(&args.gatewayID, "gateway-id", "", "ID of the gateway to dump (gw-..., or a Huawei instance ID), instead of a PATH")
	f.StringVar(&args.region, "region", "", "the gateway's region, e.g. cn-hangzhou or cn-north-4")
	f.StringVar(&args.projectID, "project-id", "", "the Huawei Cloud project ID of the region (--provider huawei)")
	f.StringVar(&args.provider, "provider", "aliyun", "kind of gateway with --gateway-id: aliyun, huawei, or local (the embedded gateway in --state-dir)")
	f.StringVar(&args.split, "split", dump.SplitSingle, "files to write: single (gateway.cue) or per-api (also api-<name>.cue per HTTP API; for Huawei, group-<name>.cue per group)")
	f.BoolVar(&args.withIDs, "with-ids", false, "write live IDs: environments' id (Alibaba), and an id comment above every other resource")
	args.target.register(cmd)
	return cmd
}

func (a *app) runDump(paths []string, args dumpArgs) error {
	if err := args.check(paths); err != nil {
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
// PATH or from --gateway-id, not both.
func (args dumpArgs) check(paths []string) error {
	byFlags := args.gatewayID != "" || args.region != "" || args.projectID != "" || args.provider != "aliyun"
	switch {
	case args.out == "":
		return usagef("--out DIR is required: the directory to write the desired state to")
	case args.split != dump.SplitSingle && args.split != dump.SplitPerAPI:
		return usagef("--split must be %s or %s, got %q", dump.SplitSingle, dump.SplitPerAPI, args.split)
	case len(paths) > 0 && byFlags:
		return usagef("give the gateway either as PATH (its gateway block) or with --gateway-id/--region/--project-id/--provider, not both")
	case len(paths) > 0:
		return nil
	case args.provider != "aliyun" && args.provider != "local" && args.provider != "huawei":
		return usagef("--provider must be aliyun, huawei or local, got %q", args.provider)
	case args.provider == "aliyun" && args.gatewayID == "":
		return usagef("name the gateway to dump: --gateway-id ID --region R, --provider local, or a PATH whose gateway block names it")
	case args.provider == "huawei" && args.gatewayID == "":
		return usagef("name the Huawei instance to dump: --provider huawei --gateway-id INSTANCE --region R --project-id P, or a PATH whose gateway block names it (local: true for the embedded Huawei gateway)")
	case args.provider == "local" && args.gatewayID != "":
		return usagef("--gateway-id is for providers aliyun and huawei; the local gateway is the one in --state-dir")
	case args.provider != "huawei" && args.projectID != "":
		return usagef("--project-id is for --provider huawei")
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
