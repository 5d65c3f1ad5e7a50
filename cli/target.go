package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/gwsync/gwsync/compiler"
	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/model"
	"github.com/gwsync/gwsync/provider"
	"github.com/gwsync/gwsync/report"
	gwsync "github.com/gwsync/gwsync/sync"
	"github.com/gwsync/gwsync/validate"
)

// DefaultStateDir is the directory, next to the desired state, where the
// embedded local gateway keeps its state unless --state-dir says.
const DefaultStateDir = ".gwsync"

// targetArgs are the flags that say how to reach the gateway.
type targetArgs struct {
	endpoint       string
	stateDir       string
	qps            float64
	dataplane      string
	dataplaneHTTPS string
	// paths are the desired state's PATHs, and readOnly marks a command
	// that changes nothing (plan, drift, dump): they place the local
	// gateway's state (see localState).
	paths    []string
	readOnly bool
}

func (t *targetArgs) register(cmd *cobra.Command) {
	embedded := strings.Join(kindWords(func(x provider.Texts) string { return x.EmbeddedSelector }), ", or ")
	cmd.Flags().StringVar(&t.endpoint, "endpoint", "", "APIG endpoint override, HOST:PORT (plain http only for loopback); default "+endpointDefaults()+" or the region's endpoint")
	cmd.Flags().StringVar(&t.stateDir, "state-dir", "", "state directory of the local gateway ("+embedded+"); default "+DefaultStateDir+" next to the desired state")
	cmd.Flags().Float64Var(&t.qps, "qps", 0, "most API calls per second (0: no limit)")
}

// registerDataplane adds --dataplane, for the commands that send probes.
func (t *targetArgs) registerDataplane(cmd *cobra.Command) {
	defaults := append([]string{"the local gateway's"}, kindWords(func(x provider.Texts) string { return x.DataplaneDefault })...)
	cmd.Flags().StringVar(&t.dataplane, "dataplane", "", "data plane HOST:PORT (plain HTTP) that apply and drift --reconcile send the desired state's probes to; default "+strings.Join(defaults, ", "))
	cmd.Flags().StringVar(&t.dataplaneHTTPS, "dataplane-https", "", "data plane HOST:PORT that probes with request.scheme https are sent to over TLS (certificate checked against the probe's domain); without it they go to --dataplane with X-Forwarded-Proto: https, which only the local gateways honour")
}

// kindWords are the registered kinds' help texts that field picks, in
// registration order, leaving out empty ones.
func kindWords(field func(provider.Texts) string) []string {
	var out []string
	for _, c := range provider.Registered() {
		if s := field(c.CLITexts()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// endpointDefaults names the kinds' endpoint variables: the first kind's,
// then each other's with the kind it is for ("$A ($B for b)").
func endpointDefaults() string {
	var parts []string
	for _, c := range provider.Registered() {
		switch v := c.CLITexts().EndpointVariable; {
		case v == "":
		case len(parts) == 0:
			parts = append(parts, "$"+v)
		default:
			parts = append(parts, "($"+v+" for "+c.Name()+")")
		}
	}
	return strings.Join(parts, " ")
}

// target is an open connection to the gateway a desired state names.
type target struct {
	gw gwsync.Gateway
	// name is the gateway ("local gateway gw-1"), label the same with
	// where it is ("(state in gw/.gwsync)", or its region).
	name, label string
	// shut closes the connection; release, when set, gives up the apply
	// lease first (see close).
	shut, release func()
	// dataplane is the data plane's host:port that probes are sent to
	// ("" when none is known); dataplaneHTTPS is where probes with scheme
	// https go over TLS ("" sends them to dataplane).
	dataplane, dataplaneHTTPS string
	// pollInterval is the first wait before reading a deploy's status
	// (0: gwsync.DefaultPollInterval).
	pollInterval time.Duration
}

// close gives up the apply lease, if held, and closes the connection.
func (t *target) close() {
	if t.release != nil {
		t.release()
		t.release = nil
	}
	t.shut()
}

// openTarget connects to the gateway d names, through its kind: a cloud's
// gateway with credentials from the environment, or a gateway embedded
// in this process.
func openTarget(d *model.Desired, t targetArgs) (*target, error) {
	if t.qps < 0 {
		return nil, usagef("--qps must not be negative")
	}
	if err := checkDataplane("--dataplane", t.dataplane); err != nil {
		return nil, err
	}
	if err := checkDataplane("--dataplane-https", t.dataplaneHTTPS); err != nil {
		return nil, err
	}
	return openProvider(d, t)
}

// connect is openTarget, after warning on stderr when an endpoint
// override is given for an embedded gateway, which does not use one.
func (a *app) connect(d *model.Desired, t targetArgs) (*target, error) {
	if w := endpointIgnored(d.Gateway, t.endpoint, os.Getenv); w != "" {
		fmt.Fprintf(a.stderr, "gwsync: warning: %s\n", w)
	}
	return openTarget(d, t)
}

// endpointIgnored says that the endpoint override given (--endpoint, or
// else the kind's variable) is not used, because g is an embedded
// gateway, and what to set to reach the gateway at that endpoint; "" when
// none is given or g uses it.
func endpointIgnored(g model.Gateway, flag string, getenv func(string) string) string {
	c, ok := provider.Lookup(g.Provider)
	if !ok {
		return ""
	}
	e, embedded := c.EmbeddedGateway(g)
	if !embedded {
		return ""
	}
	variable := c.CLITexts().EndpointVariable
	given, value := "--endpoint "+flag, strings.TrimSpace(getenv(variable))
	switch {
	case flag == "" && value == "":
		return ""
	case flag == "":
		given = fmt.Sprintf("$%s (%s)", variable, value)
	}
	selected := e.Selected
	if g.Pos.IsValid() {
		selected += " (" + g.Pos.String() + ")"
	}
	return fmt.Sprintf("%s is ignored: %s runs %s in this process, not the gateway at that endpoint; to use the emulator there %s", given, selected, e.Runs, e.Instead)
}

// openProvider connects to the gateway of d's provider through the kind
// registered for it.
func openProvider(d *model.Desired, t targetArgs) (*target, error) {
	c, ok := provider.Lookup(d.Gateway.Provider)
	if !ok {
		return nil, fmt.Errorf("%s: gateway.provider %q is not supported by plan and apply yet: use %s", d.Gateway.Pos, d.Gateway.Provider, orList(quoted(provider.Providers())))
	}
	o, err := c.OpenGateway(d.Gateway, provider.Options{Endpoint: t.endpoint, QPS: t.qps, LocalState: t.localState})
	if err != nil {
		return nil, err
	}
	return &target{gw: o.Gateway, name: o.Name, label: o.Label, shut: o.Close, dataplane: cmp.Or(t.dataplane, o.DataPlane),
		dataplaneHTTPS: t.dataplaneHTTPS, pollInterval: o.PollInterval}, nil
}

// quoted is each of items in Go's double quotes.
func quoted(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = strconv.Quote(s)
	}
	return out
}

// localState is where the local gateway's state lives: --state-dir when
// given, else .gwsync next to the desired state (in its directory, or the
// file's), so it follows PATH and not the working directory. PATHs in two
// directories need --state-dir. A read-only command finding no state
// there yet gets "" (an empty gateway in memory): it creates nothing.
// where names the place for labels.
func (t targetArgs) localState(file string) (dir, where string, err error) {
	dir = t.stateDir
	if dir == "" {
		if dir, err = besideState(t.paths); err != nil {
			return "", "", err
		}
	}
	where = "state in " + displayPath(dir)
	if t.readOnly {
		if _, err := os.Stat(filepath.Join(dir, file)); errors.Is(err, os.ErrNotExist) {
			return "", "no state yet in " + displayPath(dir) + ": an empty gateway, nothing written", nil
		}
	}
	return dir, where, nil
}

// besideState is the .gwsync directory next to the desired state's
// PATHs, which must share one directory.
func besideState(paths []string) (string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	dir := stateDir(paths[:1])
	for _, p := range paths[1:] {
		if d := stateDir([]string{p}); d != dir {
			return "", usagef("the local gateway's state lives next to the desired state, but its PATHs are in two directories (%s and %s): give --state-dir", displayPath(dir), displayPath(d))
		}
	}
	return filepath.Join(dir, DefaultStateDir), nil
}

// displayPath is a path relative to the working directory when it is
// below it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}

// checkDataplane accepts an empty address or a HOST:PORT with a port from
// 1 to 65535 for flag.
func checkDataplane(flag, addr string) error {
	if addr == "" {
		return nil
	}
	what := "plain HTTP"
	if flag == "--dataplane-https" {
		what = "HTTPS"
	}
	_, port, err := net.SplitHostPort(addr)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 1 || n > 65535 {
		return usagef("%s must be HOST:PORT (the data plane's address, %s), got %q", flag, what, addr)
	}
	return nil
}

// loadDesired compiles and validates the desired state at paths. Findings
// with errors are printed (as validate prints them) and end the command.
func (a *app) loadDesired(paths []string) (*model.Desired, []diag.Finding, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, nil, err
	}
	res := compiler.Compile(paths, compiler.Options{Dir: dir})
	a.noteSkipped(res.Skipped)
	fs := res.Findings
	if res.Desired != nil {
		fs = diag.Sort(append(fs, validate.Desired(res.Desired)...))
	}
	if errs, _ := diag.Counts(fs); errs > 0 || res.Desired == nil {
		if err := report.Text(a.stderr, report.Validation{Findings: fs, Inputs: inputsLabel(paths), Version: version()}); err != nil {
			return nil, nil, err
		}
		return nil, nil, invalidError{fs}
	}
	return res.Desired, fs, nil
}

// noteSkipped says on stderr which files of a directory were not read,
// and why.
func (a *app) noteSkipped(skipped []string) {
	for _, s := range skipped {
		fmt.Fprintf(a.stderr, "gwsync: note: %s\n", s)
	}
}

// signalContext is cancelled on SIGINT or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
