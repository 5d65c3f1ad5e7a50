package cli

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"

	"github.com/gwsync/gwsync/diag"
	"github.com/gwsync/gwsync/report"
)

// fleetView prints a fleet run: each gateway as its turn comes, then the
// summary.
type fleetView interface {
	// gateway prints one gateway's run; row is what is kept of it.
	gateway(a *app, r *gatewayRun, row fleetRow)
	// end prints the summary.
	end(a *app, s fleetSummary, words fleetWords) error
}

// newFleetView is the view of a format: sections for text, markdown
// and github; one JSON object for json; for sarif, one log of every
// gateway's findings.
func newFleetView(format string, cmd fleetCommand) fleetView {
	switch format {
	case "json":
		return &jsonFleet{failedJSON: cmd.failedJSON}
	case "sarif":
		return &sarifFleet{}
	}
	return &sectionFleet{markdown: format == "markdown"}
}

// sectionFleet prints a header naming each gateway's directory and
// gateway, then what the command printed for it, and at the end the
// summary line.
type sectionFleet struct{ markdown, started bool }

func (v *sectionFleet) gateway(a *app, r *gatewayRun, row fleetRow) {
	if v.started {
		fmt.Fprintln(a.stdout)
	}
	v.started = true
	fmt.Fprintln(a.stdout, report.FleetHeader(v.markdown, row.path, row.gateway))
	if row.status == statusFailed && r.out.b.Len() == 0 && r.raw.b.Len() == 0 {
		fmt.Fprintln(a.stdout, "Failed: its errors are on stderr.")
	}
	copyHeld(a, r)
}

func (v *sectionFleet) end(a *app, s fleetSummary, words fleetWords) error {
	_, err := fmt.Fprintf(a.stdout, "\n%s\n", s.sentence(words))
	return err
}

// copyHeld prints what a gateway's run wrote: stdout (raw stdout for
// workflow commands), then stderr.
func copyHeld(a *app, r *gatewayRun) {
	_, _ = a.stdout.Write(r.out.b.Bytes())
	_, _ = a.rawStdout.Write(r.raw.b.Bytes())
	_, _ = a.stderr.Write(r.errOut.b.Bytes())
}

// jsonFleet prints one JSON object:
//
//	{"gateways": [{"path": "gateways/a", ...the command's own object...}, ...],
//	 "summary": {"gateways": 3, "changed": 1, "unchanged": 2, "failed": 0}}
//
// A gateway whose run stopped before the command's report gets the
// command's object with the findings that stopped it; "error" holds an
// error the object does not show.
type jsonFleet struct {
	failedJSON func(w *bytes.Buffer, fs []diag.Finding) error
	started    bool
}

func (v *jsonFleet) gateway(a *app, r *gatewayRun, row fleetRow) {
	out := r.out.b.Bytes()
	if len(bytes.TrimSpace(out)) == 0 {
		var b bytes.Buffer
		if err := v.failedJSON(&b, r.stopped); err != nil {
			fmt.Fprintf(a.stderr, "gwsync: %s: %v\n", row.path, err)
		}
		out = b.Bytes()
	}
	elem, err := withPath(out, row.path, r.errText)
	if err != nil {
		fmt.Fprintf(a.stderr, "gwsync: %s: %v\n", row.path, err)
		elem, _ = withPath([]byte("{}"), row.path, cmp.Or(r.errText, err.Error()))
	}
	sep := ",\n    "
	if !v.started {
		sep, v.started = "{\n  \"gateways\": [\n    ", true
	}
	fmt.Fprintf(a.stdout, "%s%s", sep, elem)
	_, _ = a.stderr.Write(r.errOut.b.Bytes())
}

func (v *jsonFleet) end(a *app, s fleetSummary, _ fleetWords) error {
	if !v.started {
		fmt.Fprint(a.stdout, "{\n  \"gateways\": [")
	}
	sum, err := json.MarshalIndent(s, "  ", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "\n  ],\n  \"summary\": %s\n}\n", sum)
	return err
}

// withPath is a command's JSON object with "path" (and "error", when
// set) first, indented to sit in the fleet's list.
func withPath(obj []byte, path, errText string) ([]byte, error) {
	var body bytes.Buffer
	if err := json.Compact(&body, obj); err != nil {
		return nil, fmt.Errorf("the command's JSON: %w", err)
	}
	if body.Len() < 2 || body.Bytes()[0] != '{' {
		return nil, fmt.Errorf("the command's JSON is not an object")
	}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		Path  string `json:"path"`
		Error string `json:"error,omitempty"`
	}{path, errText}); err != nil {
		return nil, err
	}
	joined := bytes.TrimRight(head.Bytes(), "}\n")
	if rest := body.Bytes()[1:]; rest[0] != '}' {
		joined = append(append(joined, ','), rest...)
	} else {
		joined = append(joined, '}')
	}
	var out bytes.Buffer
	err := json.Indent(&out, joined, "    ", "  ")
	return out.Bytes(), err
}

// sarifFleet gathers every gateway's findings into one SARIF log
// (findings name their files relative to the working directory, so one
// log holds them all); what the runs wrote to stderr, and the summary,
// go to stderr.
type sarifFleet struct {
	findings []diag.Finding
}

func (v *sarifFleet) gateway(a *app, r *gatewayRun, _ fleetRow) {
	v.findings = append(v.findings, r.outcome.findings...)
	_, _ = a.stderr.Write(r.errOut.b.Bytes())
}

func (v *sarifFleet) end(a *app, s fleetSummary, words fleetWords) error {
	if err := report.SARIF(a.stdout, report.Validation{Findings: diag.Sort(v.findings), Version: version()}); err != nil {
		return err
	}
	_, err := fmt.Fprintln(a.stderr, s.sentence(words))
	return err
}

// writeStepSummary writes a fleet run's table for the job summary.
func writeStepSummary(w io.Writer, title string, words fleetWords, rows []fleetRow) error {
	out := make([]report.FleetRow, len(rows))
	for i, r := range rows {
		out[i] = report.FleetRow{Gateway: r.gateway, Path: r.path, Changes: r.changes, Status: words.word(r.status)}
	}
	return report.FleetMarkdown(w, title, summarize(rows).sentence(words), out)
}
